"""What the SQLite and PostgreSQL stores share: the same tables, rows and transactions.

SQL here uses ``:name`` parameters; a backend translates them to its driver's style.
Backends implement the hooks (connection, transactions, full-text parts).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from claimgraph.errors import ClaimgraphError, StoreError
from claimgraph.model import Actor, DocAnalysis, Document, Statement
from claimgraph.store import actor_merge, dedup, parses, vectors
from claimgraph.store import corrections as fixes
from claimgraph.store.base import FileRecord, SearchHit
from claimgraph.store.rows import (
    DOCUMENT_COLUMNS,
    STATEMENT_COLUMNS,
    actor_to_row,
    document_to_row,
    row_to_actor,
    row_to_document,
    row_to_statement,
    row_to_time,
    statement_to_row,
    time_to_row,
)

_DOC_SELECT = ", ".join(f"d.{c}" for c in DOCUMENT_COLUMNS)
_STATEMENT_SELECT = ", ".join(f"s.{c}" for c in STATEMENT_COLUMNS)
_FETCH = 500
_ATTEMPTS = 3
"""Tries of a document's transaction when the backend reports a deadlock."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    )


class SQLStore(fixes.CorrectedReads, parses.StoredParses):
    """Base of the SQL backends.

    One store object may serve reads from several threads (the web app does); writes must
    come from one thread at a time. Use one store object per process.
    """

    single_writer = False
    """True when this process is the store's only writer (see ``actor_merge.MergeStore``)."""

    url: str
    kind = "sql"
    _collate = ""
    """Collation clause giving byte order on ids (for prefix lookups)."""

    # --- hooks ------------------------------------------------------------------------------
    def _execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        raise NotImplementedError

    def _query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Mapping[str, Any]]:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _insert_document_row(self, row: dict[str, Any]) -> bool:
        """Insert a document row and its search entry; False when another writer stored it first."""
        raise NotImplementedError

    def _insert_statement_row(self, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def _delete_statements(self, doc_id: str) -> None:
        raise NotImplementedError

    def _blob(self, data: bytes) -> Any:
        return data

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        raise NotImplementedError

    def search_statements(self, text: str, *, limit: int) -> list[Statement]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- writing ----------------------------------------------------------------------------
    def _transaction_error(self, what: str, error: Exception) -> StoreError:
        return StoreError(f"could not {what}: {error}", path=self.url)

    @contextlib.contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One transaction around the block: committed when it ends, rolled back on any
        error; our own errors pass through, others become a StoreError naming ``what``."""
        self._begin()
        try:
            yield
            self._commit()
        except ClaimgraphError:
            self._rollback()
            raise
        except Exception as e:
            self._rollback()
            raise self._transaction_error(what, e) from e

    def _retryable(self, error: BaseException | None) -> bool:
        """True for errors a transaction may simply be run again after (deadlocks)."""
        return False

    def put(self, doc: Document, analysis: DocAnalysis | None = None) -> bool:
        """Store a document (and its analysis) in one transaction; False if already stored."""
        if analysis is not None and analysis.doc_id != doc.id:
            raise StoreError(f"analysis of {analysis.doc_id} given with document {doc.id}")
        for attempt in range(_ATTEMPTS):
            try:
                return self._put_once(doc, analysis)
            except StoreError as e:
                if attempt + 1 == _ATTEMPTS or not self._retryable(e.__cause__):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _put_once(self, doc: Document, analysis: DocAnalysis | None) -> bool:
        # The early returns have written nothing: ending their transaction changes nothing.
        with self._transaction(f"store document {doc.id[:12]}"):
            if self._query("SELECT 1 AS one FROM documents WHERE id = :id", {"id": doc.id}):
                return False
            row = document_to_row(doc)
            row["added_at"] = _now()
            if not self._insert_document_row(row):
                return False
            sig = dedup.signature(doc)
            if sig is not None:
                self._execute(
                    "INSERT INTO doc_signatures (doc_id, signature) VALUES (:doc_id, :sig)",
                    {"doc_id": doc.id, "sig": self._blob(dedup.to_blob(sig))},
                )
                for key in dedup.band_keys(sig):
                    self._execute(
                        "INSERT INTO doc_bands (band_key, doc_id) VALUES (:key, :doc_id)",
                        {"key": key, "doc_id": doc.id},
                    )
            if analysis is not None:
                self._write_analysis(analysis)
        return True

    def put_analysis(self, analysis: DocAnalysis) -> None:
        """Replace the analysis of a stored document, in one transaction."""
        with self._transaction(f"store analysis of {analysis.doc_id[:12]}"):
            if not self._query(
                "SELECT 1 AS one FROM documents WHERE id = :id", {"id": analysis.doc_id}
            ):
                raise StoreError(f"no stored document {analysis.doc_id}", path=self.url)
            self._delete_analysis(analysis.doc_id)
            self._write_analysis(analysis)

    def _delete_analysis(self, doc_id: str) -> None:
        params = {"doc_id": doc_id}
        self._delete_statements(doc_id)
        tables = ("statement_parses", "embedding_bits", "embeddings", "times", "doc_actors")
        for table in (*tables, "components", "analyses"):
            self._execute(f"DELETE FROM {table} WHERE doc_id = :doc_id", params)

    def _write_analysis(self, analysis: DocAnalysis) -> None:
        doc_id = analysis.doc_id
        self._execute(
            "INSERT INTO analyses (doc_id, sentences, analyzed_at) VALUES (:doc_id, :sentences, :at)",
            {
                "doc_id": doc_id,
                "sentences": json.dumps([list(s) for s in analysis.sentences]),
                "at": _now(),
            },
        )
        for name, version in analysis.components.items():
            self._execute(
                "INSERT INTO components (doc_id, name, version) VALUES (:doc_id, :name, :version)",
                {"doc_id": doc_id, "name": name, "version": version},
            )
        doc_actors, actor_ids = actor_merge.store_actors(self, analysis.actors, doc_id=doc_id)
        for seq, actor in enumerate(doc_actors):
            row = actor_to_row(actor)
            self._execute(
                _insert_sql("doc_actors", ("doc_id", "seq", *row)),
                {"doc_id": doc_id, "seq": seq, **row},
            )
        for seq, statement in enumerate(analysis.statements):
            if statement.doc_id != doc_id:
                raise StoreError(
                    f"statement {statement.id} of {statement.doc_id} in analysis of {doc_id}"
                )
            statement = actor_merge.remap_statement(statement, actor_ids)
            self._insert_statement_row(statement_to_row(statement, seq))
        for seq, expression in enumerate(analysis.times):
            row = time_to_row(expression, doc_id, seq)
            self._execute(_insert_sql("times", tuple(row)), row)
        for statement_id, vector in analysis.embeddings.items():
            array = np.asarray(vector, dtype="<f4")
            self._execute("DELETE FROM embeddings WHERE statement_id = :id", {"id": statement_id})
            self._execute(
                "INSERT INTO embeddings (statement_id, doc_id, dim, vector) VALUES (:id, :doc_id, :dim, :vector)",
                {
                    "id": statement_id,
                    "doc_id": doc_id,
                    "dim": int(array.size),
                    "vector": self._blob(array.tobytes()),
                },
            )
            self._insert_bits(statement_id, doc_id, array)
        self._write_parses(analysis)

    def _insert_bits(self, statement_id: str, doc_id: str, array: np.ndarray) -> None:
        self._execute(
            "INSERT INTO embedding_bits (statement_id, doc_id, dim, bits) VALUES (:id, :doc_id, :dim, :bits)",
            {
                "id": statement_id,
                "doc_id": doc_id,
                "dim": int(array.size),
                "bits": self._blob(vectors.sign_bits(array)),
            },
        )

    def _backfill_bits(self) -> None:
        """Codes for embeddings stored before migration m002 (run once, right after it)."""
        with self._transaction("index stored embeddings"):
            rows = self._query(
                "SELECT e.statement_id, e.doc_id, e.vector FROM embeddings e WHERE NOT EXISTS "
                "(SELECT 1 FROM embedding_bits b WHERE b.statement_id = e.statement_id)"
            )
            for row in rows:
                array = np.frombuffer(bytes(row["vector"]), dtype="<f4")
                self._insert_bits(str(row["statement_id"]), str(row["doc_id"]), array)

    def _merge_actor(self, actor: Actor) -> None:
        rows = self._query(
            "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM actors WHERE id = :id",
            {"id": actor.id},
        )
        if not rows:
            row = actor_to_row(actor)
            self._execute(_insert_sql("actors", tuple(row)), row)
            return
        old = row_to_actor(rows[0])
        merged = actor_merge.union_actor(old, actor)
        if merged != old:
            row = actor_to_row(merged)
            self._execute(
                "UPDATE actors SET kind = :kind, aliases = :aliases, role = :role, "
                "affiliation = :affiliation, anonymous = :anonymous WHERE id = :id",
                row,
            )

    def record_file(self, record: FileRecord) -> None:
        """Remember an ingested file (replacing what was known of it)."""
        with self._transaction(f"record file {record.path}"):
            self._execute("DELETE FROM files WHERE path = :path", {"path": record.path})
            self._execute(
                "INSERT INTO files (path, size, mtime_ns, doc_ids, analyzed, recorded_at) "
                "VALUES (:path, :size, :mtime_ns, :doc_ids, :analyzed, :at)",
                {
                    "path": record.path,
                    "size": record.size,
                    "mtime_ns": record.mtime_ns,
                    "doc_ids": json.dumps(list(record.doc_ids)),
                    "analyzed": bool(record.analyzed),
                    "at": _now(),
                },
            )

    def save_discovered(self, signature: str, payload: str) -> None:
        """Replace the stored discovered claims (``payload``: JSON made by ``link.discovered``)."""
        with self._transaction("store discovered claims"):
            self._execute("DELETE FROM discovered_claims")
            self._execute(
                "INSERT INTO discovered_claims (signature, payload, computed_at) "
                "VALUES (:signature, :payload, :at)",
                {"signature": signature, "payload": payload, "at": _now()},
            )

    # --- reading ----------------------------------------------------------------------------
    def discovered(self) -> tuple[str, str] | None:
        """(signature, payload) of the stored discovered claims, or None when none are stored."""
        rows = self._query("SELECT signature, payload FROM discovered_claims")
        return (str(rows[0]["signature"]), str(rows[0]["payload"])) if rows else None

    def has(self, doc_id: str) -> bool:
        return bool(self._query("SELECT 1 AS one FROM documents WHERE id = :id", {"id": doc_id}))

    def has_analysis(self, doc_id: str) -> bool:
        return bool(self._query("SELECT 1 AS one FROM analyses WHERE doc_id = :id", {"id": doc_id}))

    def count(self) -> int:
        return int(self._query("SELECT count(*) AS n FROM documents")[0]["n"])

    def document(self, doc_id: str) -> Document:
        """A stored document by id or unique id prefix."""
        if not doc_id:
            raise StoreError("empty document id", path=self.url)
        rows = self._query(
            f"SELECT {_DOC_SELECT} FROM documents d WHERE d.id = :id", {"id": doc_id}
        )
        if not rows:
            candidates = self._query(
                f"SELECT {_DOC_SELECT} FROM documents d WHERE d.id{self._collate} >= :id "
                f"ORDER BY d.id{self._collate} LIMIT 2",
                {"id": doc_id},
            )
            rows = [r for r in candidates if str(r["id"]).startswith(doc_id)]
            if len(rows) > 1:
                raise StoreError(f"document id prefix {doc_id!r} is ambiguous", path=self.url)
        if not rows:
            raise StoreError(f"no document {doc_id!r}", path=self.url)
        return row_to_document(rows[0])

    def documents(self) -> Iterator[Document]:
        after = -1
        while True:  # keyset pages: flat memory, and the connection stays free between pages
            rows = self._query(
                f"SELECT d.seq, {_DOC_SELECT} FROM documents d WHERE d.seq > :after ORDER BY d.seq LIMIT {_FETCH}",
                {"after": after},
            )
            for row in rows:
                yield row_to_document(row)
            if len(rows) < _FETCH:
                return
            after = int(rows[-1]["seq"])

    def analysis(self, doc_id: str) -> DocAnalysis | None:
        rows = self._query("SELECT sentences FROM analyses WHERE doc_id = :id", {"id": doc_id})
        if not rows:
            return None
        params = {"id": doc_id}
        components = {
            r["name"]: r["version"]
            for r in self._query(
                "SELECT name, version FROM components WHERE doc_id = :id ORDER BY name", params
            )
        }
        actors = tuple(
            row_to_actor(r)
            for r in self._query(
                "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM doc_actors "
                "WHERE doc_id = :id ORDER BY seq",
                params,
            )
        )
        times = tuple(
            row_to_time(r)
            for r in self._query("SELECT * FROM times WHERE doc_id = :id ORDER BY seq", params)
        )
        embeddings = {
            str(r["statement_id"]): np.frombuffer(bytes(r["vector"]), dtype="<f4")
            .astype(float)
            .tolist()
            for r in self._query(
                "SELECT statement_id, vector FROM embeddings WHERE doc_id = :id", params
            )
        }
        return DocAnalysis(
            doc_id=doc_id,
            sentences=tuple((int(a), int(b)) for a, b in json.loads(rows[0]["sentences"])),
            actors=actors,
            statements=tuple(self.statements(doc_id=doc_id)),
            times=times,
            embeddings=embeddings,
            components=components,
            **self._parses_of(doc_id),
        )

    def statement(self, statement_id: str) -> Statement | None:
        """One stored statement by id (actor corrections applied), or None."""
        rows = self._query(
            f"SELECT {_STATEMENT_SELECT} FROM statements s WHERE s.id = :id", {"id": statement_id}
        )
        return self._corrected().statement(row_to_statement(rows[0])) if rows else None

    def statements(
        self, *, doc_id: str | None = None, actor_id: str | None = None
    ) -> Iterator[Statement]:
        """Stored statements with the users' actor corrections applied."""
        fix = self._corrected()
        if not fix:
            yield from self._stored_statements(doc_id=doc_id, actor_id=actor_id)
            return
        sources = [None] if actor_id is None else sorted(fix.sources(actor_id))
        for source in sources:
            for st in self._stored_statements(doc_id=doc_id, actor_id=source):
                st = fix.statement(st)
                if actor_id is None or st.actor_id == actor_id:
                    yield st

    def _stored_statements(
        self, *, doc_id: str | None = None, actor_id: str | None = None
    ) -> Iterator[Statement]:
        where, params = [], {}
        if doc_id is not None:
            where.append("s.doc_id = :doc_id")
            params["doc_id"] = doc_id
        if actor_id is not None:
            where.append("s.actor_id = :actor_id")
            params["actor_id"] = actor_id
        if doc_id is not None:
            clause = " AND ".join(where)
            for row in self._query(
                f"SELECT {_STATEMENT_SELECT} FROM statements s WHERE {clause} ORDER BY s.seq",
                params,
            ):
                yield row_to_statement(row)
            return
        after = -1
        while True:
            page = " AND ".join([*where, "s.rid > :after"])
            rows = self._query(
                f"SELECT s.rid, {_STATEMENT_SELECT} FROM statements s WHERE {page} ORDER BY s.rid LIMIT {_FETCH}",
                {**params, "after": after},
            )
            for row in rows:
                yield row_to_statement(row)
            if len(rows) < _FETCH:
                return
            after = int(rows[-1]["rid"])

    def statements_by_id(self, ids: Sequence[str]) -> list[Statement]:
        """The stored statements with these ids, in first-seen order (repeats and unknown ids left out)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Statement] = {}
        for start in range(0, len(wanted), _FETCH):
            chunk = wanted[start : start + _FETCH]
            params = {f"i{i}": sid for i, sid in enumerate(chunk)}
            marks = ", ".join(f":i{i}" for i in range(len(chunk)))
            for row in self._query(
                f"SELECT {_STATEMENT_SELECT} FROM statements s WHERE s.id IN ({marks})", params
            ):
                statement = row_to_statement(row)
                found.setdefault(statement.id, statement)
        return [found[i] for i in wanted if i in found]

    def _statements_by_rid(self, rids: list[int]) -> list[Statement]:
        if not rids:
            return []
        params = {f"r{i}": rid for i, rid in enumerate(rids)}
        marks = ", ".join(f":r{i}" for i in range(len(rids)))
        rows = self._query(
            f"SELECT s.rid, {_STATEMENT_SELECT} FROM statements s WHERE s.rid IN ({marks})", params
        )
        fix = self._corrected()
        by_rid = {int(r["rid"]): fix.statement(row_to_statement(r)) for r in rows}
        return [by_rid[r] for r in rids if r in by_rid]

    def embeddings(self, statement_ids: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        ids = list(dict.fromkeys(statement_ids))
        for start in range(0, len(ids), _FETCH):
            chunk = ids[start : start + _FETCH]
            params = {f"i{i}": sid for i, sid in enumerate(chunk)}
            marks = ", ".join(f":i{i}" for i in range(len(chunk)))
            for row in self._query(
                f"SELECT statement_id, vector FROM embeddings WHERE statement_id IN ({marks})",
                params,
            ):
                found[str(row["statement_id"])] = np.frombuffer(
                    bytes(row["vector"]), dtype="<f4"
                ).copy()
        return found

    def nearest_statements(
        self, vector: np.ndarray | list[float], *, limit: int = 200
    ) -> list[tuple[str, float]]:
        """(statement id, cosine) of the stored statements nearest ``vector``, best first.

        Sign-bit codes of every embedding are scanned in memory (loaded once per store object,
        then appended), and the best ``max(10 * limit, 1000)`` are re-ranked by exact cosine.
        """
        query = np.asarray(vector, dtype=np.float32).ravel()
        if query.size == 0 or limit <= 0:
            return []
        dim = int(query.size)
        index: vectors.BitIndex = self.__dict__.setdefault("_bit_index", vectors.BitIndex())
        lock: threading.Lock = self.__dict__.setdefault("_bit_lock", threading.Lock())
        with lock:  # the web app may ask from several threads
            after = index.last_seq.get(dim, -1)
            while True:
                rows = self._query(
                    "SELECT seq, statement_id, bits FROM embedding_bits "
                    "WHERE dim = :dim AND seq > :after ORDER BY seq LIMIT 50000",
                    {"dim": dim, "after": after},
                )
                index.add(dim, [(int(r["seq"]), str(r["statement_id"]), r["bits"]) for r in rows])
                if len(rows) < 50000:
                    break
                after = int(rows[-1]["seq"])
            count = max(limit * vectors.OVERSAMPLE, vectors.MIN_CANDIDATES)
            candidates = index.candidates(query, count)
        return vectors.rerank(query, self.embeddings(candidates), limit)

    def actors(self) -> list[tuple[Actor, int]]:
        rows = self._query(
            "SELECT a.id, a.name, a.kind, a.aliases, a.role, a.affiliation, a.anonymous, "
            "(SELECT count(*) FROM statements s WHERE s.actor_id = a.id) AS n "
            "FROM actors a ORDER BY n DESC, a.name"
        )
        stored = [(row_to_actor(r), int(r["n"])) for r in rows]
        fix = self._corrected()
        if not fix:
            return stored
        return fix.actors(stored, self.statements())

    def near_duplicate(self, doc: Document) -> str | None:
        sig = dedup.signature(doc)
        if sig is None:
            return None
        keys = dedup.band_keys(sig)
        params: dict[str, Any] = {f"k{i}": k for i, k in enumerate(keys)}
        params["id"] = doc.id
        marks = ", ".join(f":k{i}" for i in range(len(keys)))
        rows = self._query(
            "SELECT DISTINCT g.doc_id, g.signature, d.seq, d.near_duplicate_of FROM doc_bands b "
            "JOIN doc_signatures g ON g.doc_id = b.doc_id JOIN documents d ON d.id = b.doc_id "
            f"WHERE b.band_key IN ({marks}) AND b.doc_id <> :id",
            params,
        )
        best: tuple[float, int, str] | None = None
        for row in rows:
            score = dedup.similarity(sig, dedup.from_blob(row["signature"]))
            if score < dedup.THRESHOLD:
                continue
            target = row["near_duplicate_of"] or row["doc_id"]
            key = (-score, int(row["seq"]), str(target))
            if best is None or key < best:
                best = key
        return best[2] if best else None

    def unanalyzed(self, *, language: str | None = "en") -> list[str]:
        sql = "SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE a.doc_id = d.id)"
        params: dict[str, Any] = {}
        if language is not None:
            sql += " AND d.language = :language"
            params["language"] = language
        return [str(r["id"]) for r in self._query(sql + " ORDER BY d.seq", params)]

    def stale(self, components: Mapping[str, str]) -> list[str]:
        if not components:
            return []
        params: dict[str, Any] = {"n": len(components)}
        pairs = []
        for i, (name, version) in enumerate(sorted(components.items())):
            params[f"n{i}"], params[f"v{i}"] = name, version
            pairs.append(f"(c.name = :n{i} AND c.version = :v{i})")
        sql = (
            "SELECT d.id FROM analyses a JOIN documents d ON d.id = a.doc_id WHERE d.language = 'en' "
            f"AND (SELECT count(*) FROM components c WHERE c.doc_id = a.doc_id AND ({' OR '.join(pairs)})) < :n "
            "ORDER BY d.seq"
        )
        return [str(r["id"]) for r in self._query(sql, params)]

    def file_record(self, path: str) -> FileRecord | None:
        rows = self._query("SELECT * FROM files WHERE path = :path", {"path": path})
        if not rows:
            return None
        row = rows[0]
        return FileRecord(
            path=row["path"],
            size=int(row["size"]),
            mtime_ns=int(row["mtime_ns"]),
            doc_ids=tuple(json.loads(row["doc_ids"])),
            analyzed=bool(row["analyzed"]),
        )

    def migrations(self) -> list[str]:
        return [str(r["name"]) for r in self._query("SELECT name FROM migrations ORDER BY name")]

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
