"""Batched analysis: executors send batches to an analyzer's batch form; ``analyze_many``
gives what ``analyze`` gives, document by document."""

from __future__ import annotations

import numpy as np
import pytest
import run_helpers
from run_helpers import make_doc, toy

from claimgraph.model import Document
from claimgraph.run import InlineExecutor, ProcessExecutor
from claimgraph.run.tasks import analyze_batch_task, load_batch_analyzer

SPEC = "run_helpers:toy"


def _docs(n: int) -> list[Document]:
    return [make_doc(f"Document number {i} says something.") for i in range(n)]


def test_batch_form_is_found_by_name() -> None:
    assert load_batch_analyzer(SPEC) is run_helpers.toy_many
    assert load_batch_analyzer("run_helpers:make_doc") is None
    from claimgraph.analyze.pipeline import analyze_many

    assert load_batch_analyzer("claimgraph.analyze:analyze") is analyze_many


def test_batch_task_reports_errors_per_document() -> None:
    docs = [*_docs(2), make_doc("RAISE here"), *_docs(1)]
    results = analyze_batch_task(SPEC, docs)
    assert [isinstance(r, str) for r in results] == [False, False, True, False]
    assert "RuntimeError" in str(results[2])
    assert results[0] == toy(docs[0])


def test_inline_executor_batches_in_order() -> None:
    run_helpers.BATCHES.clear()
    docs = _docs(11)
    docs.insert(4, make_doc("RAISE in the middle"))
    outcomes = list(InlineExecutor(batch=5).map(SPEC, docs))
    assert run_helpers.BATCHES == [5, 5, 2]
    assert [o.doc.id for o in outcomes] == [d.id for d in docs]
    assert [o.error is None for o in outcomes] == [i != 4 for i in range(12)]
    assert all(o.analysis == toy(o.doc) for o in outcomes if o.error is None)


def test_process_executor_batches_in_order() -> None:
    docs = _docs(9)
    docs.append(make_doc("RAISE at the end"))
    executor = ProcessExecutor(2, batch=4)
    try:
        outcomes = list(executor.map(SPEC, docs))
    finally:
        executor.close()
    assert [o.doc.id for o in outcomes] == [d.id for d in docs]
    assert [o.error is None for o in outcomes] == [True] * 9 + [False]
    assert all(o.analysis == toy(o.doc) for o in outcomes[:9])


TEXTS = [
    "Officials deny arms claim\n\nThe ministry said on Monday that it had never sent weapons "
    'to the rebels. "These reports are false," a spokesman told reporters. '
    "The mayor said that the port had never loaded rifles.\n",
    "Port dispute\n\nAccording to the harbour authority, fuel shipments resumed in May. "
    "The mayor said that the port had never loaded rifles.\n",
    "Eine deutsche Meldung ohne Analyse.\n",
]


@pytest.mark.model
def test_analyze_many_matches_analyze() -> None:
    from claimgraph.analyze.pipeline import analyze, analyze_many

    docs = [make_doc(t) for t in TEXTS]
    docs[2] = Document(id=docs[2].id, text=docs[2].text, language="de")
    batch = analyze_many(docs)
    assert len(batch) == 3
    for doc, got in zip(docs, batch, strict=True):
        assert not isinstance(got, BaseException)
        one = analyze(doc)
        assert got.statements == one.statements
        assert got.actors == one.actors
        assert got.sentences == one.sentences
        assert set(got.embeddings) == {s.id for s in got.statements}
        for sid, vector in one.embeddings.items():
            assert np.allclose(got.embeddings[sid], vector, atol=1e-5)
    assert batch[0].statements and batch[1].statements
    assert batch[2].components.get("skipped") == "language:de"
    # the same sentence in two documents: one vector
    same = [s for a in batch[:2] for s in a.statements if "never loaded rifles" in s.content.text]
    assert len({s.content.text for s in same}) == 1 and len(same) == 2
    a, b = (batch[i].embeddings[s.id] for i, s in zip((0, 1), same, strict=True))
    assert a == b
