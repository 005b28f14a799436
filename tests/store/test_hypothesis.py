"""Property tests: any document and any analysis come back from the store as they went in."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.model import (
    Actor,
    DocAnalysis,
    Document,
    Span,
    Statement,
    StatementDate,
    TimeExpression,
)
from claimgraph.store import open_store
from claimgraph.store.actor_merge import document_actors, merge_actors, remap_statement

# PostgreSQL text cannot hold NUL; lone surrogates cannot be encoded: readers never produce them.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)
SHORT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
OPTIONAL = st.none() | SHORT


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(TEXT)
    span_list = st.lists(spans(text), max_size=3).map(tuple)
    return Document(
        id=draw(st.text("0123456789abcdef", min_size=8, max_size=64)),
        text=text,
        title=draw(OPTIONAL),
        outlet=draw(OPTIONAL),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        authors=tuple(draw(st.lists(SHORT, max_size=3))),
        url=draw(OPTIONAL),
        path=draw(OPTIONAL),
        language=draw(st.sampled_from(["en", "fr", "de"])),
        source_format=draw(st.sampled_from(["text", "html", "warc", "feed", "jsonl"])),
        title_span=draw(st.none() | spans(text)),
        paragraphs=tuple((s.start, s.end) for s in draw(span_list)),
        boilerplate=draw(span_list),
        captions=draw(span_list),
        date_span=draw(st.none() | spans(text)),
        near_duplicate_of=draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64)),
    )


@st.composite
def analyses(draw: st.DrawFn, doc: Document) -> DocAnalysis:
    text = doc.text
    optional_span = st.none() | spans(text)
    actors = draw(
        st.lists(
            st.builds(
                Actor,
                id=st.text("abcdefgh-", min_size=1, max_size=12),
                name=SHORT,
                kind=st.sampled_from(
                    [
                        "person",
                        "organisation",
                        "government",
                        "media",
                        "group",
                        "anonymous",
                        "unknown",
                    ]
                ),
                aliases=st.lists(SHORT, max_size=3).map(tuple),
                role=OPTIONAL,
                affiliation=OPTIONAL,
                anonymous=st.booleans(),
            ),
            max_size=3,
            unique_by=lambda a: a.id,
        )
    )
    statements = []
    for index in range(draw(st.integers(0, 4))):
        date = draw(
            st.none()
            | st.builds(
                StatementDate,
                value=st.none() | st.sampled_from(["2017", "2017-04", "2017-04-25"]),
                precision=st.none() | st.sampled_from(["day", "month", "year"]),
                inferred=st.booleans(),
                span=optional_span,
            )
        )
        statements.append(
            Statement(
                id=f"st{index}-{doc.id[:8]}",
                doc_id=doc.id,
                kind=draw(
                    st.sampled_from(["direct", "indirect", "mixed", "according_to", "authorial"])
                ),
                content=draw(spans(text)),
                source=draw(optional_span),
                cue=draw(optional_span),
                cue_lemma=draw(OPTIONAL),
                speaker=draw(OPTIONAL),
                actor_id=draw(st.none() | st.sampled_from([a.id for a in actors] or ["x"])),
                anonymous=draw(st.booleans()),
                via=draw(OPTIONAL),
                via_span=draw(optional_span),
                role=draw(OPTIONAL),
                affiliation=draw(OPTIONAL),
                negated=draw(st.booleans()),
                hedged=draw(st.booleans()),
                sentence=draw(optional_span),
                date=date,
                confidence=draw(st.floats(0, 1)),
                component=draw(st.sampled_from(["attribution.v1", "authorial.v2"])),
            )
        )
    times = draw(
        st.lists(
            st.builds(
                TimeExpression,
                span=spans(text),
                value=st.none() | st.just("2017-04-25"),
                precision=st.none() | st.just("day"),
            ),
            max_size=3,
        )
    )
    float32 = st.floats(-1, 1, width=32)
    embeddings = {s.id: draw(st.lists(float32, min_size=3, max_size=3)) for s in statements}
    return DocAnalysis(
        doc_id=doc.id,
        sentences=tuple(
            draw(st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=3))
        ),
        actors=tuple(actors),
        statements=tuple(statements),
        times=tuple(times),
        embeddings=embeddings,
        components=draw(st.dictionaries(SHORT, SHORT, max_size=3)),
    )


@st.composite
def documents_with_analysis(draw: st.DrawFn) -> tuple[Document, DocAnalysis]:
    doc = draw(documents())
    return doc, draw(analyses(doc))


def _as_stored(analysis: DocAnalysis) -> DocAnalysis:
    """``analysis`` as a fresh store keeps it: actors merged (normalized names, one id per
    actor, statements pointing at the merged ids); everything else exactly as given."""
    ids = merge_actors([], analysis.actors, doc_id=analysis.doc_id).ids
    return dataclasses.replace(
        analysis,
        actors=tuple(document_actors(analysis.actors, ids, doc_id=analysis.doc_id)),
        statements=tuple(remap_statement(s, ids) for s in analysis.statements),
    )


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.lists(documents(), max_size=4, unique_by=lambda d: d.id))
def test_documents_round_trip(docs: list[Document]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "h.db"))
        try:
            for doc in docs:
                assert store.put(doc)
                assert not store.put(doc)
            assert list(store.documents()) == docs
            for doc in docs:
                assert store.document(doc.id) == doc
        finally:
            store.close()


@_SETTINGS
@given(documents_with_analysis())
def test_analysis_round_trip(pair: tuple[Document, DocAnalysis]) -> None:
    doc, analysis = pair
    store = open_store(":memory:")
    try:
        assert store.put(doc, analysis)
        got = store.analysis(doc.id)
        assert got is not None
        analysis = _as_stored(analysis)
        assert dataclasses.replace(got, embeddings={}) == dataclasses.replace(
            analysis, embeddings={}
        )
        assert set(got.embeddings) == set(analysis.embeddings)
        for sid, vector in analysis.embeddings.items():
            assert np.array_equal(np.float32(got.embeddings[sid]), np.float32(vector))
        assert list(store.statements(doc_id=doc.id)) == list(analysis.statements)
    finally:
        store.close()


_PG_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _emptied(url: str):  # noqa: ANN202
    store = open_store(url)
    store._execute("DELETE FROM documents")  # type: ignore[attr-defined]  # cascades to analyses
    store._execute("DELETE FROM actors")  # type: ignore[attr-defined]
    return store


@pytest.mark.postgres
@_PG_SETTINGS
@given(docs=st.lists(documents(), max_size=3, unique_by=lambda d: d.id))
def test_documents_round_trip_postgres(pg_database: str, docs: list[Document]) -> None:
    store = _emptied(pg_database)
    try:
        for doc in docs:
            assert store.put(doc)
            assert not store.put(doc)
        assert list(store.documents()) == docs
    finally:
        store.close()


@pytest.mark.postgres
@_PG_SETTINGS
@given(pair=documents_with_analysis())
def test_analysis_round_trip_postgres(pg_database: str, pair: tuple[Document, DocAnalysis]) -> None:
    doc, analysis = pair
    store = _emptied(pg_database)
    try:
        assert store.put(doc, analysis)
        got = store.analysis(doc.id)
        assert got is not None
        analysis = _as_stored(analysis)
        assert dataclasses.replace(got, embeddings={}) == dataclasses.replace(
            analysis, embeddings={}
        )
        for sid, vector in analysis.embeddings.items():
            assert np.array_equal(np.float32(got.embeddings[sid]), np.float32(vector))
    finally:
        store.close()
