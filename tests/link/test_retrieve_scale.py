"""Retrieval at scale: candidates come from full-text search and the vector index, never from
a scan of every statement; the judged candidates are bounded by ``judge_limit``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimgraph.link.claimmap import claim_map
from claimgraph.link.retrieve import retrieve, statements_by_id
from claimgraph.model import DocAnalysis, Document, Span, Stance, Statement
from claimgraph.stance.base import JudgeBase
from claimgraph.store import open_store

CLAIM = "The Ministry of Ports financed secret payments"
DIM = 8


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


CLAIM_VECTOR = _unit(0)


def fake_embed(texts: Sequence[str]) -> np.ndarray:
    return np.stack([CLAIM_VECTOR if t == CLAIM else _unit(99) for t in texts])


class NoScanStore:
    """A real store whose full scan of statements fails the test."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def statements(
        self, *, doc_id: str | None = None, actor_id: str | None = None
    ) -> Iterator[Statement]:
        if doc_id is None and actor_id is None:
            raise AssertionError("retrieval scanned every statement")
        return self._store.statements(doc_id=doc_id, actor_id=actor_id)

    def documents(self) -> Iterator[Document]:
        raise AssertionError("claim map read every document")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _put(store: Any, index: int, sentence: str, vector: np.ndarray) -> Statement:
    text = f"Report {index}\n{sentence}\n"
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), text=text, published="2024-05-01")
    start = text.index(sentence)
    span = Span.of(text, start, start + len(sentence))
    st = Statement(id=f"s{index:05d}", doc_id=doc.id, kind="authorial", content=span, sentence=span)
    store.put(
        doc,
        DocAnalysis(doc_id=doc.id, statements=(st,), embeddings={st.id: vector.tolist()}),
    )
    return st


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Any]:
    real = open_store(str(tmp_path / "r.db"))
    for i in range(300):
        _put(real, i, f"The weather office expects rain on day {i}.", _unit(1000 + i))
    yield real
    real.close()


def test_retrieve_uses_fts_and_vectors_without_scanning(store: Any) -> None:
    lexical = _put(store, 900, "The Ministry of Ports financed secret payments, it said.", _unit(5))
    # a paraphrase sharing no content word, found only by its embedding (near the claim's)
    near = CLAIM_VECTOR + 0.05 * _unit(7)
    paraphrase = _put(
        store, 901, "Harbour officials bankrolled hidden transfers.", near / np.linalg.norm(near)
    )
    found = retrieve(NoScanStore(store), CLAIM, limit=10, embed=fake_embed)
    ids = [c.statement.id for c in found]
    assert lexical.id in ids and paraphrase.id in ids
    assert all(c.score >= 0.2 for c in found)
    assert found[0].statement.id in (lexical.id, paraphrase.id)
    assert {c.document.id for c in found} >= {lexical.doc_id, paraphrase.doc_id}


def test_statements_by_id_keeps_order_and_drops_unknown(store: Any) -> None:
    got = statements_by_id(store, ["s00007", "nope", "s00003", "s00007"])
    assert [s.id for s in got] == ["s00007", "s00003"]
    assert got[0].content.text == "The weather office expects rain on day 7."


class CountingJudge(JudgeBase):
    name = "counting"

    def __init__(self) -> None:
        self.judged = 0

    def judge_many(self, triples: Sequence[tuple[str, str, str | None]], **_: Any) -> list[Stance]:
        self.judged += len(triples)
        return [Stance("supports" if "Ports" in t else "unrelated", 0.9) for _, t, _ in triples]


def test_claim_map_judges_at_most_judge_limit(store: Any) -> None:
    for i in range(40):
        _put(
            store,
            2000 + i,
            f"The Ministry of Ports financed secret payments number {i}.",
            _unit(3000 + i),
        )
    judge = CountingJudge()
    cmap = claim_map(NoScanStore(store), CLAIM, judge=judge, judge_limit=12)
    statements = [j for j in cmap.statements if j.stance.label == "supports"]
    assert len(statements) == 12
    # 12 statements + the headline clause of each of their documents
    assert judge.judged <= 12 + 12
    wide = CountingJudge()
    assert len(claim_map(NoScanStore(store), CLAIM, judge=wide, judge_limit=30).statements) == 30
