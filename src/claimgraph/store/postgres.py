"""The server store: the same tables on PostgreSQL (psycopg 3), with tsvector full-text search.

    open_store("postgresql://claimgraph@127.0.0.1:5432/claimgraph")

Writers may run in several processes or machines: documents are inserted with
``ON CONFLICT DO NOTHING`` and actors are merged under a row lock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from claimgraph.errors import StoreError, UsageError
from claimgraph.model import Statement
from claimgraph.store import actor_merge
from claimgraph.store.base import SearchHit
from claimgraph.store.migrations import POSTGRES_MIGRATIONS, pending_message
from claimgraph.store.rows import (
    DOCUMENT_COLUMNS,
    actor_to_row,
    query_words,
    row_to_actor,
    row_to_document,
)
from claimgraph.store.sql import SQLStore, _now

_PARAM = re.compile(r"(?<![:\w]):([a-zA-Z_]\w*)")
_MIGRATION_LOCK = 0x636C61696D  # pg_advisory_xact_lock key held while migrating
_HEADLINE = (
    'StartSel=**, StopSel=**, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)


def _translate(sql: str) -> str:
    """``:name`` parameters to psycopg's ``%(name)s``."""
    return _PARAM.sub(r"%(\1)s", sql)


class PostgresStore(SQLStore):
    """A claimgraph store in a PostgreSQL database."""

    kind = "postgres"
    _collate = ' COLLATE "C"'

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as e:  # pragma: no cover - the scale extra is not installed
            raise UsageError(
                "PostgreSQL needs the scale extra: pip install 'claimgraph[scale]'"
            ) from e
        self.url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.readonly = readonly
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as e:
            raise StoreError(
                f"cannot connect to PostgreSQL: {str(e).strip()}", path=_safe(url)
            ) from e
        self._in_transaction = False
        if readonly:
            self._conn.execute("SET default_transaction_read_only = on")
            self._check_schema()
        else:
            self._migrate()

    def _check_schema(self) -> None:
        """A store opened read-only must already have every migration of this version."""
        row = self._conn.execute("SELECT to_regclass('migrations') AS t").fetchone()
        applied: set[str] = set()
        if row and row["t"] is not None:
            applied = {
                r["name"] for r in self._conn.execute("SELECT name FROM migrations").fetchall()
            }
        problem = pending_message(applied, POSTGRES_MIGRATIONS)
        if problem:
            self._conn.close()
            raise StoreError(problem, path=_safe(self.url))

    def _migrate(self) -> None:
        self._begin()
        try:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = {
                r["name"] for r in self._conn.execute("SELECT name FROM migrations").fetchall()
            }
            for name, migration in POSTGRES_MIGRATIONS:
                if name in applied:
                    continue
                migration(lambda sql: self._conn.execute(sql))  # type: ignore[arg-type,return-value]
                self._conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (%s, %s)", (name, _now())
                )
            self._commit()
        except BaseException:
            self._rollback()
            raise
        if "m001_initial" in applied and "m002_embedding_bits" not in applied:
            self._backfill_bits()

    # --- hooks ------------------------------------------------------------------------------
    def _execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self._conn.execute(_translate(sql), dict(params or {}))  # type: ignore[arg-type]

    def _query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Mapping[str, Any]]:
        try:
            return self._conn.execute(_translate(sql), dict(params or {})).fetchall()  # type: ignore[arg-type,return-value]
        except self._psycopg.Error as e:
            if self._in_transaction:
                raise
            raise StoreError(f"query failed: {str(e).strip()}", path=_safe(self.url)) from e

    def _retryable(self, error: BaseException | None) -> bool:
        errors = self._psycopg.errors
        return isinstance(error, (errors.DeadlockDetected, errors.SerializationFailure))

    def _begin(self) -> None:
        if self.readonly:
            raise StoreError("the store is open read-only", path=_safe(self.url))
        self._conn.execute("BEGIN")
        self._in_transaction = True

    def _commit(self) -> None:
        self._conn.execute("COMMIT")
        self._in_transaction = False

    def _rollback(self) -> None:
        if self._in_transaction:
            self._in_transaction = False
            self._conn.execute("ROLLBACK")

    def _insert_document_row(self, row: dict[str, Any]) -> bool:
        doc = row_to_document(row)
        columns = (*DOCUMENT_COLUMNS, "added_at")
        inserted = self._conn.execute(
            _translate(
                f"INSERT INTO documents ({', '.join(columns)}, tsv) VALUES ({', '.join(':' + c for c in columns)}, "
                "setweight(to_tsvector('english', :title_text), 'A') || "
                "setweight(to_tsvector('english', :body), 'B')) ON CONFLICT (id) DO NOTHING RETURNING seq"
            ),
            {**row, "title_text": doc.title or "", "body": doc.masked_text()},
        ).fetchall()
        return bool(inserted)

    def _insert_statement_row(self, row: dict[str, Any]) -> None:
        columns = tuple(row)
        self._conn.execute(
            _translate(
                f"INSERT INTO statements ({', '.join(columns)}, tsv) VALUES ({', '.join(':' + c for c in columns)}, "
                "setweight(to_tsvector('english', :content_text), 'A') || "
                "setweight(to_tsvector('english', coalesce(:sentence_text, '')), 'B'))"
            ),
            row,
        )

    def _delete_statements(self, doc_id: str) -> None:
        self._conn.execute("DELETE FROM statements WHERE doc_id = %s", (doc_id,))

    def _merge_actor(self, actor: Any) -> None:
        row = actor_to_row(actor)
        self._execute(
            f"INSERT INTO actors ({', '.join(row)}) VALUES ({', '.join(':' + c for c in row)}) "
            "ON CONFLICT (id) DO NOTHING",
            row,
        )
        current = self._query(
            "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM actors WHERE id = :id FOR UPDATE",
            {"id": actor.id},
        )
        old = row_to_actor(current[0])
        merged = actor_merge.union_actor(old, actor)
        if merged != old:
            self._execute(
                "UPDATE actors SET kind = :kind, aliases = :aliases, role = :role, "
                "affiliation = :affiliation, anonymous = :anonymous WHERE id = :id",
                actor_to_row(merged),
            )

    # --- search -----------------------------------------------------------------------------
    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Documents containing every word of ``text`` (English stemming), best first, with snippets."""
        words = query_words(text)
        if not words:
            return []
        params: dict[str, Any] = {f"w{i}": w for i, w in enumerate(words)}
        params["limit"] = int(limit)
        query = " && ".join(f"plainto_tsquery('english', :w{i})" for i in range(len(words)))
        columns = ", ".join(f"d.{c}" for c in DOCUMENT_COLUMNS)
        rows = self._query(
            f"WITH q AS (SELECT {query} AS query), top AS ("
            f"SELECT {columns}, ts_rank_cd(d.tsv, q.query) AS score, q.query FROM documents d, q "
            "WHERE d.tsv @@ q.query ORDER BY score DESC, d.seq LIMIT :limit) "
            f"SELECT top.*, ts_headline('english', top.text, top.query, '{_HEADLINE}') AS snip "
            "FROM top ORDER BY score DESC, top.id",
            params,
        )
        return [SearchHit(row_to_document(r), str(r["snip"]), float(r["score"])) for r in rows]

    def search_statements(self, text: str, *, limit: int) -> list[Statement]:
        """Statements matching any content word of ``text`` (stop words dropped), best first."""
        words = query_words(text, drop_stop_words=True)
        if not words:
            return []
        params: dict[str, Any] = {f"w{i}": w for i, w in enumerate(words)}
        params["limit"] = int(limit)
        query = " || ".join(f"plainto_tsquery('english', :w{i})" for i in range(len(words)))
        rows = self._query(
            f"WITH q AS (SELECT {query} AS query) SELECT s.rid FROM statements s, q "
            "WHERE s.tsv @@ q.query ORDER BY ts_rank_cd(s.tsv, q.query) DESC, s.rid LIMIT :limit",
            params,
        )
        return self._statements_by_rid([int(r["rid"]) for r in rows])

    def close(self) -> None:
        self._conn.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
