"""The store interface on both backends: round trips, idempotence, search, actors, staleness."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from store_helpers import downgrade_sqlite, fake_analyze, make_doc

from claimgraph.errors import StoreError
from claimgraph.model import Actor, DocAnalysis, Span, Statement, TimeExpression
from claimgraph.store import FileRecord, SearchHit, Store, open_store
from claimgraph.store.migrations import SQLITE_MIGRATIONS
from claimgraph.store.rows import document_to_row

ARTICLE = (
    "Kestrel denies drone sales\n"
    "Kestrel Dynamics supplied combat drones to the rebels, a senior official said on Monday.\n"
    "The company denied the report. Its spokesman called it baseless.\n"
    "Stay up to date with notifications from The Courier\n"
)

MIGRATION_NAMES = [
    "m001_initial",
    "m002_embedding_bits",
    "m004_corrections_and_dates",
    "m005_discovered_claims",
    "m006_actor_canonical",
    "m006_stored_readings",
]
assert [name for name, _ in SQLITE_MIGRATIONS] == MIGRATION_NAMES


def _doc(text: str = ARTICLE, **fields: object):  # noqa: ANN202
    values: dict[str, object] = {"outlet": "The Courier", "published": "2024-03-04", **fields}
    doc = make_doc(text, title=text.splitlines()[0], **values)
    footer = text.rfind("Stay up to date")
    if footer >= 0:
        end = text.index("\n", footer)
        doc = dataclasses.replace(doc, boilerplate=(Span.of(text, footer, end),))
    return doc


def test_implements_the_protocol(store: Store) -> None:
    assert isinstance(store, Store)
    assert store.migrations() == MIGRATION_NAMES


def test_document_round_trip_and_readd_is_a_no_op(store: Store) -> None:
    doc = _doc(
        authors=("Ana Ruiz", "Tom Bell"),
        url="https://courier.example/a",
        path="articles/a.txt",
        title_span=Span.of(ARTICLE, 0, 26),
        captions=(Span.of(ARTICLE, 27, 34),),
        date_span=Span.of(ARTICLE, 100, 106),
    )
    assert store.put(doc) is True
    assert store.put(doc) is False
    assert store.count() == 1
    assert store.document(doc.id) == doc
    assert list(store.documents()) == [doc]
    assert store.has(doc.id) and not store.has("0" * 64)
    assert not store.has_analysis(doc.id)


def test_analysis_round_trip(store: Store) -> None:
    doc = _doc()
    analysis = fake_analyze(doc)
    times = (TimeExpression(Span.of(doc.text, 81, 90), "2024-03-04", "day"),)
    analysis = dataclasses.replace(analysis, times=times)
    assert store.put(doc, analysis)
    got = store.analysis(doc.id)
    assert got is not None
    # embeddings are stored as float32: compare at that precision
    assert dataclasses.replace(got, embeddings={}) == dataclasses.replace(analysis, embeddings={})
    for sid, vector in analysis.embeddings.items():
        assert np.allclose(got.embeddings[sid], vector, atol=1e-7)
    assert list(store.statements(doc_id=doc.id)) == list(analysis.statements)
    assert store.has_analysis(doc.id)
    assert store.analysis("f" * 64) is None


def test_document_by_prefix(store: Store) -> None:
    a, b = _doc(), _doc(ARTICLE.replace("Monday", "Tuesday"))
    store.put(a)
    store.put(b)
    assert store.document(a.id[:10]) == a
    with pytest.raises(StoreError):
        store.document("zzzz")
    with pytest.raises(StoreError):
        store.document("")
    common = next(i for i in range(64) if a.id[i] != b.id[i])
    if common:
        with pytest.raises(StoreError, match="ambiguous"):
            store.document(a.id[:common])


def test_search_has_snippets_and_ignores_boilerplate(store: Store) -> None:
    doc = _doc()
    other = _doc(
        "Harbour reopens\nThe harbour of Lunmar reopened after the storm, officials said.\n"
    )
    store.put(doc)
    store.put(other)
    hits = store.search("combat drones")
    assert [h.doc.id for h in hits] == [doc.id]
    assert isinstance(hits[0], SearchHit)
    assert "**combat**" in hits[0].snippet and "**drones**" in hits[0].snippet
    assert store.search("notifications") == []  # boilerplate is not searchable
    assert [h.doc.id for h in store.search("harbour")] == [other.id]
    # query syntax in user text is inert
    assert store.search('drones" OR "harbour') == []
    assert store.search("*)(^") == []
    assert store.search("supplying drone")[0].doc.id == doc.id  # stemmed


def test_search_statements_and_embeddings(store: Store) -> None:
    doc = _doc()
    analysis = fake_analyze(doc)
    store.put(doc, analysis)
    found = store.search_statements("Did the company deny the report?", limit=5)
    assert found and "denied the report" in found[0].content.text
    assert store.search_statements("the of and", limit=5) == [] or all(found)
    ids = [s.id for s in analysis.statements]
    vectors = store.embeddings([*ids, "missing"])
    assert set(vectors) == set(ids)
    assert all(v.dtype == np.float32 and v.shape == (4,) for v in vectors.values())


def test_statements_by_id_in_order_without_repeats_or_unknown(store: Store) -> None:
    doc = _doc()
    analysis = fake_analyze(doc)
    store.put(doc, analysis)
    ids = [s.id for s in analysis.statements]
    assert len(ids) >= 2
    wanted = [ids[-1], "no-such-statement", ids[0], ids[-1]]
    got = store.statements_by_id(wanted)
    assert [s.id for s in got] == [ids[-1], ids[0]]
    by_id = {s.id: s for s in analysis.statements}
    assert got[0].content == by_id[ids[-1]].content
    assert store.statements_by_id([]) == []


def test_actors_merged_across_documents(store: Store) -> None:
    a, b = _doc(), _doc(ARTICLE.replace("Monday", "Friday"), outlet="Lunmar Post")

    def with_actor(doc, actor: Actor) -> DocAnalysis:  # noqa: ANN001
        statement = Statement(
            id=f"s-{doc.id[:8]}",
            doc_id=doc.id,
            kind="indirect",
            content=Span.of(doc.text, 27, 80),
            actor_id=actor.id,
            speaker=actor.name,
        )
        return DocAnalysis(doc_id=doc.id, actors=(actor,), statements=(statement,))

    store.put(a, with_actor(a, Actor("john-nicholson", "Gen. Nicholson", "person", ("Nicholson",))))
    store.put(
        b,
        with_actor(
            b,
            Actor(
                "john-nicholson",
                "General John Nicholson",
                "person",
                ("Nicolson",),
                role="commander",
            ),
        ),
    )
    actors = dict((actor.id, (actor, n)) for actor, n in store.actors())
    merged, count = actors["john-nicholson"]
    assert count == 2
    assert merged.name == "Gen. Nicholson"
    assert set(merged.aliases) == {"Nicholson", "General John Nicholson", "Nicolson"}
    assert merged.role == "commander"
    assert len(list(store.statements(actor_id="john-nicholson"))) == 2
    # each document keeps its own view of the actor
    got = store.analysis(b.id)
    assert got is not None and got.actors[0].name == "General John Nicholson"


def test_put_analysis_replaces_and_stale_lists(store: Store) -> None:
    doc = _doc()
    store.put(doc)
    assert store.unanalyzed() == [doc.id]
    old = dataclasses.replace(fake_analyze(doc), components={"fake": "v0"})
    store.put_analysis(old)
    assert store.unanalyzed() == []
    assert store.stale({"fake": "v1"}) == [doc.id]
    assert store.stale({"fake": "v0"}) == []
    new = fake_analyze(doc)
    shorter = dataclasses.replace(new, statements=new.statements[:1])
    store.put_analysis(shorter)
    assert store.stale({"fake": "v1"}) == []
    assert len(list(store.statements(doc_id=doc.id))) == 1
    assert len(store.search_statements("spokesman baseless", limit=5)) == 0 or all(
        s.doc_id == doc.id for s in store.search_statements("spokesman baseless", limit=5)
    )
    with pytest.raises(StoreError):
        store.put_analysis(DocAnalysis(doc_id="0" * 64))


def test_failed_put_leaves_nothing(store: Store) -> None:
    doc = _doc()
    analysis = fake_analyze(doc)
    wrong = dataclasses.replace(
        analysis,
        statements=(*analysis.statements, dataclasses.replace(analysis.statements[0], doc_id="x")),
    )
    with pytest.raises(StoreError):
        store.put(doc, wrong)
    assert not store.has(doc.id)
    assert list(store.statements()) == []
    assert store.put(doc, analysis)
    with pytest.raises(StoreError):
        store.put(_doc(ARTICLE + "more\n"), analysis)  # analysis of another document


def test_non_english_is_not_unanalyzed_for_en(store: Store) -> None:
    doc = _doc("Titre\nLe ministère a démenti les informations.\n", language="fr")
    store.put(doc)
    assert store.unanalyzed() == []
    assert store.unanalyzed(language=None) == [doc.id]


def test_near_duplicates(store: Store) -> None:
    body = " ".join(
        f"Sentence {i} of the syndicated story about drones and the harbour." for i in range(30)
    )
    first = _doc("Story\n" + body + "\n")
    store.put(first)
    copy = _doc(
        "Story (syndicated)\n" + body.replace("Sentence 3 ", "Line 3 ") + "\nShared by Wire.\n"
    )
    unrelated = _doc(
        "Other\n" + " ".join(f"Item {i} about elections and rainfall." for i in range(40))
    )
    assert store.near_duplicate(copy) == first.id
    assert store.near_duplicate(unrelated) is None
    assert store.near_duplicate(_doc("Tiny\nToo short.\n")) is None


def test_file_records(store: Store) -> None:
    assert store.file_record("a.txt") is None
    record = FileRecord("a.txt", 10, 123456789012345, ("d1", "d2"), True)
    store.record_file(record)
    store.record_file(dataclasses.replace(record, size=11))
    assert store.file_record("a.txt") == dataclasses.replace(record, size=11)


def test_reopen_keeps_everything_and_migrations_once(store_url: str) -> None:
    doc = _doc()
    with open_store(store_url) as first:  # type: ignore[attr-defined]
        first.put(doc, fake_analyze(doc))
    with open_store(store_url) as again:  # type: ignore[attr-defined]
        assert again.migrations() == MIGRATION_NAMES
        assert again.document(doc.id) == doc
        assert again.analysis(doc.id) is not None


def test_readonly_store_refuses_writes(store_url: str) -> None:
    doc = _doc()
    with open_store(store_url) as writer:  # type: ignore[attr-defined]
        writer.put(doc)
    reader = open_store(store_url, readonly=True)
    try:
        assert reader.document(doc.id) == doc
        with pytest.raises(StoreError):
            reader.put(_doc(ARTICLE + "x\n"))
    finally:
        reader.close()


def test_sqlite_uses_wal_fts5_and_foreign_keys(tmp_path) -> None:  # noqa: ANN001
    import sqlite3

    path = tmp_path / "s.db"
    store = open_store(str(path))
    doc = _doc()
    store.put(doc, fake_analyze(doc))
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "documents_fts", "statements", "actors", "times", "embeddings"} <= tables
    assert {"components", "files", "migrations", "analyses"} <= tables
    assert [r[0] for r in conn.execute("SELECT name FROM migrations")] == MIGRATION_NAMES
    assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 3
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "missing.db"), readonly=True)


def test_nearest_statements(store: Store) -> None:
    rng = np.random.default_rng(5)
    docs = [_doc(ARTICLE.replace("Monday", f"day {i}")) for i in range(30)]
    wanted: dict[str, np.ndarray] = {}
    for doc in docs:
        analysis = fake_analyze(doc)
        vectors = {s.id: rng.standard_normal(64).astype(np.float32) for s in analysis.statements}
        wanted.update(vectors)
        store.put(
            doc,
            dataclasses.replace(analysis, embeddings={k: v.tolist() for k, v in vectors.items()}),
        )
    ids = list(wanted)
    matrix = np.stack([wanted[i] for i in ids])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    query = wanted[ids[17]] + 0.3 * rng.standard_normal(64).astype(np.float32)
    exact = matrix @ (query / np.linalg.norm(query))
    truth = [ids[i] for i in np.argsort(-exact)[:5]]
    found = store.nearest_statements(query, limit=5)
    assert [sid for sid, _ in found] == truth  # small store: every code is re-ranked exactly
    assert found[0][0] == ids[17]
    assert all(a[1] >= b[1] for a, b in zip(found, found[1:], strict=False))
    assert np.isclose(found[0][1], exact.max(), atol=1e-5)
    # new rows are seen by the same store object; replaced analyses drop their vectors
    store.put_analysis(dataclasses.replace(fake_analyze(docs[0]), embeddings={}))
    gone = set(fake_analyze(docs[0]).embeddings)
    assert not gone & {sid for sid, _ in store.nearest_statements(query, limit=200)}
    assert store.nearest_statements(np.ones(7, dtype=np.float32), limit=3) == []  # no 7-d vectors


def test_migration_m002_indexes_embeddings_stored_before(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import sqlite3

    from claimgraph.store import migrations, sqlite

    path = str(tmp_path / "old.db")
    doc = _doc()
    analysis = fake_analyze(doc)
    with monkeypatch.context() as patch:  # a store as claimgraph with only m001 left it
        patch.setattr(sqlite, "SQLITE_MIGRATIONS", migrations.SQLITE_MIGRATIONS[:1])
        open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM migrations").fetchall() == [("m001_initial",)]
    with conn:
        row = {**document_to_row(doc), "added_at": "2024-01-01T00:00:00"}
        conn.execute(
            f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
        for sid, vector in analysis.embeddings.items():
            conn.execute(
                "INSERT INTO embeddings (statement_id, doc_id, dim, vector) VALUES (?, ?, ?, ?)",
                (sid, doc.id, 4, np.asarray(vector, dtype="<f4").tobytes()),
            )
    conn.close()
    store = open_store(path)
    try:
        assert store.migrations() == MIGRATION_NAMES
        for sid, vector in analysis.embeddings.items():
            assert store.nearest_statements(vector, limit=1)[0][0] == sid
    finally:
        store.close()


def test_rows_cover_every_model_field() -> None:
    """A field added to a stored type must be stored too (add a migration and a column)."""
    from dataclasses import fields

    from claimgraph.model import Document, Statement
    from claimgraph.store.rows import ACTOR_COLUMNS, DOCUMENT_COLUMNS, STATEMENT_COLUMNS

    assert {f.name for f in fields(Document)} == set(DOCUMENT_COLUMNS) - {"word_count"}
    statement_columns = {
        c.removesuffix("_start") for c in STATEMENT_COLUMNS if not c.endswith(("_end", "_text"))
    }
    statement_columns = {"date" if c.startswith("date_") else c for c in statement_columns}
    assert {f.name for f in fields(Statement)} == statement_columns - {"seq"}
    # ``Actor.corrections`` is never stored with the actor: it is filled on read from the
    # corrections table (``claimgraph.store.corrections``)
    assert {f.name for f in fields(Actor)} - {"corrections"} == set(ACTOR_COLUMNS)
    stored_analysis = {
        "doc_id",
        "sentences",
        "actors",
        "statements",
        "times",
        "embeddings",
        "components",
        "parses",  # table statement_parses (``tests/store/test_parses_store.py``)
        "parser",
    }
    assert {f.name for f in fields(DocAnalysis)} == stored_analysis
    assert {f.name for f in fields(TimeExpression)} == {"span", "value", "precision"}


def _downgrade(store_url: str) -> None:
    """Make the store look as an older claimgraph left it (before m002_embedding_bits)."""
    if store_url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as conn:
            conn.execute("DROP TABLE embedding_bits")
            conn.execute("DELETE FROM migrations WHERE name = 'm002_embedding_bits'")
        return
    downgrade_sqlite(store_url, "embedding_bits", "m002_embedding_bits")


def test_readonly_open_of_an_older_store_says_how_to_upgrade(store_url: str) -> None:
    doc = _doc()
    with open_store(store_url) as writer:  # type: ignore[attr-defined]
        writer.put(doc, fake_analyze(doc))
    _downgrade(store_url)
    with pytest.raises(StoreError, match="older claimgraph.*m002_embedding_bits.*--reanalyze"):
        open_store(store_url, readonly=True)
    with open_store(store_url) as upgraded:  # type: ignore[attr-defined]
        assert upgraded.document(doc.id) == doc  # nothing lost by the upgrade
    reader = open_store(store_url, readonly=True)
    try:
        assert reader.document(doc.id) == doc
        # the backfilled codes serve nearest-statement search again
        assert reader.nearest_statements(np.ones(4, dtype=np.float32), limit=3)
    finally:
        reader.close()


def test_readonly_open_of_a_foreign_sqlite_file(tmp_path) -> None:  # noqa: ANN001
    import sqlite3

    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a claimgraph store") as info:
        open_store(str(path), readonly=True)
    assert str(path) in str(info.value)


def test_statements_by_id_keeps_the_order_asked_and_leaves_unknown_ids_out(store: Store) -> None:
    doc = _doc()
    analysis = fake_analyze(doc)
    assert store.put(doc, analysis)
    ids = [s.id for s in analysis.statements]
    assert len(ids) >= 2
    wanted = [ids[-1], "0" * 64, ids[0], ids[-1]]
    got = store.statements_by_id(wanted)
    assert [s.id for s in got] == [ids[-1], ids[0]]
    assert got[0] == analysis.statements[-1]
    assert store.statements_by_id([]) == []
