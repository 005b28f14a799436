"""The embedded store: one SQLite file (WAL journal, FTS5 search, foreign keys on).

Writers take the write lock at the start of each document's transaction
(``BEGIN IMMEDIATE``) and wait up to ``busy_timeout`` for other writers, so several
``claimgraph add`` processes and readers can share one file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimgraph.errors import StoreError
from claimgraph.model import Statement
from claimgraph.store.base import SearchHit
from claimgraph.store.migrations import SQLITE_MIGRATIONS, pending_message
from claimgraph.store.rows import DOCUMENT_COLUMNS, query_words, row_to_document
from claimgraph.store.sql import SQLStore, _now

BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another writer's transaction before failing."""


NO_SUCH_STORE = "no such store (add articles first: claimgraph add ...)"


def _connect_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection. In a folder this process cannot write to, SQLite cannot make
    the WAL index (``-shm``) a reader needs, so the file is opened ``immutable`` (nobody can
    change it there either)."""
    file = Path(path).resolve()
    writable_folder = os.access(file.parent, os.W_OK)
    mode = "mode=ro" if writable_folder or _has_wal_index(file) else "immutable=1"
    return sqlite3.connect(
        f"{file.as_uri()}?{mode}", uri=True, isolation_level=None, check_same_thread=False
    )


def _has_wal_index(file: Path) -> bool:
    return file.with_name(file.name + "-shm").is_file()


def _check_writable(file: Path) -> None:
    """``StoreError("permission denied: PATH")`` when the store cannot be created or written."""
    folder = file.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError as e:
        raise StoreError(f"permission denied: {file}") from e
    except OSError as e:
        raise StoreError(f"cannot create the folder ({e.strerror or e})", path=str(file)) from e
    target = file if file.exists() else folder
    if not os.access(target, os.W_OK):
        raise StoreError(f"permission denied: {file}")


class SQLiteStore(SQLStore):
    """A claimgraph store in one SQLite file (``:memory:`` for a throw-away one)."""

    kind = "sqlite"

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.url = path
        self.readonly = readonly
        try:
            if readonly:
                if path != ":memory:" and not Path(path).is_file():
                    raise StoreError(NO_SUCH_STORE, path=path)
                self._conn = _connect_readonly(path)
            else:
                if path != ":memory:":
                    _check_writable(Path(path))
                self._conn = sqlite3.connect(
                    path,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_schema()
        except sqlite3.Error as e:
            raise StoreError(f"cannot open SQLite store: {e}", path=path) from e

    def _check_schema(self) -> None:
        """A store opened read-only must already have every migration of this version."""
        has_table = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        applied = (
            {r[0] for r in self._conn.execute("SELECT name FROM migrations")}
            if has_table
            else set()
        )
        problem = pending_message(applied, SQLITE_MIGRATIONS)
        if problem and self.url != ":memory:":
            self._conn.close()
            raise StoreError(problem, path=self.url)

    def _migrate(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = {r[0] for r in self._conn.execute("SELECT name FROM migrations")}
            for name, migration in SQLITE_MIGRATIONS:
                if name in applied:
                    continue
                migration(self._conn.execute)
                self._conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now())
                )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        if "m001_initial" in applied and "m002_embedding_bits" not in applied:
            self._backfill_bits()

    # --- hooks ------------------------------------------------------------------------------
    def _execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self._conn.execute(sql, params or {})

    def _query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Mapping[str, Any]]:
        try:
            return list(self._conn.execute(sql, params or {}).fetchall())
        except sqlite3.Error as e:
            raise StoreError(f"query failed: {e}", path=self.url) from e

    def _begin(self) -> None:
        if self.readonly:
            raise StoreError("the store is open read-only", path=self.url)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise StoreError(f"cannot start a transaction: {e}", path=self.url) from e

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _insert_document_row(self, row: dict[str, Any]) -> bool:
        columns = (*DOCUMENT_COLUMNS, "added_at")
        cursor = self._conn.execute(
            f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
            row,
        )
        doc = row_to_document(row)
        self._conn.execute(
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
            (cursor.lastrowid, doc.title or "", doc.masked_text()),
        )
        return True  # BEGIN IMMEDIATE serialises writers: the caller's check still holds

    def _insert_statement_row(self, row: dict[str, Any]) -> None:
        columns = tuple(row)
        cursor = self._conn.execute(
            f"INSERT INTO statements ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
            row,
        )
        self._conn.execute(
            "INSERT INTO statements_fts (rowid, content, sentence) VALUES (?, ?, ?)",
            (cursor.lastrowid, row["content_text"], row["sentence_text"] or ""),
        )

    def _delete_statements(self, doc_id: str) -> None:
        self._conn.execute(
            "DELETE FROM statements_fts WHERE rowid IN (SELECT rid FROM statements WHERE doc_id = ?)",
            (doc_id,),
        )
        self._conn.execute("DELETE FROM statements WHERE doc_id = ?", (doc_id,))

    # --- search -----------------------------------------------------------------------------
    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Documents containing every word of ``text`` (stemmed), best first, with snippets."""
        words = query_words(text)
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        columns = ", ".join(f"d.{c}" for c in DOCUMENT_COLUMNS)
        # Rank first, then read rows and snippets of the best only: joining every match to its
        # document row before the LIMIT cost ~5x more on a large store.
        top = self._query(
            "SELECT rowid AS rid, bm25(documents_fts, 2.0, 1.0) AS score FROM documents_fts "
            "WHERE documents_fts MATCH :match ORDER BY score LIMIT :limit",
            {"match": match, "limit": int(limit)},
        )
        hits: list[SearchHit] = []
        for hit in top:
            rid = int(hit["rid"])
            snip = self._query(
                "SELECT snippet(documents_fts, -1, '**', '**', '…', 16) AS snip "
                "FROM documents_fts WHERE documents_fts MATCH :match AND rowid = :rid",
                {"match": match, "rid": rid},
            )
            rows = self._query(
                f"SELECT {columns} FROM documents d WHERE d.seq = :rid", {"rid": rid}
            )
            if rows:
                text = str(snip[0]["snip"]) if snip else ""
                hits.append(SearchHit(row_to_document(rows[0]), text, -float(hit["score"])))
        return hits

    def search_statements(self, text: str, *, limit: int) -> list[Statement]:
        """Statements matching any content word of ``text`` (stop words dropped), best first."""
        words = query_words(text, drop_stop_words=True)
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self._query(
            "SELECT rowid FROM statements_fts WHERE statements_fts MATCH :match "
            "ORDER BY bm25(statements_fts, 2.0, 1.0) LIMIT :limit",
            {"match": match, "limit": int(limit)},
        )
        return self._statements_by_rid([int(r["rowid"]) for r in rows])

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result ("ok" when the file is sound)."""
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self._conn.close()
