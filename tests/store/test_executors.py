"""Executors: same results inline, in a process pool and on Dask; streaming; failures isolated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_helpers import fake_analyze, make_doc

from claimgraph.errors import UsageError
from claimgraph.model import Document
from claimgraph.run import DaskExecutor, InlineExecutor, ProcessExecutor, get_executor

SPEC = "store_helpers:fake_analyze"


def _docs(n: int) -> list[Document]:
    return [make_doc(f"Title {i}\nSentence one of {i}. Sentence two of {i}!\n") for i in range(n)]


def _check(outcomes: list, docs: list[Document]) -> None:  # noqa: ANN001
    assert [o.doc.id for o in outcomes] == [d.id for d in docs]  # input order
    for outcome, doc in zip(outcomes, docs, strict=True):
        assert outcome.error is None
        assert outcome.analysis == fake_analyze(doc)


def test_inline() -> None:
    docs = _docs(5)
    _check(list(InlineExecutor().map(SPEC, docs)), docs)


def test_failure_is_an_outcome_not_an_exception() -> None:
    docs = _docs(3)
    bad = make_doc("Bad\nRAISE-IN-ANALYZER here.\n")
    outcomes = list(InlineExecutor().map(SPEC, [docs[0], bad, *docs[1:]]))
    assert [o.error is None for o in outcomes] == [True, False, True, True]
    assert "RuntimeError" in (outcomes[1].error or "")


def test_process_pool_streams_and_survives_a_dying_worker() -> None:
    docs = _docs(12)
    pulled = []

    def source() -> Iterator[Document]:
        for doc in docs:
            pulled.append(doc.id)
            yield doc

    executor = ProcessExecutor(2, window=3)
    try:
        stream = executor.map(SPEC, source())
        first = next(stream)
        assert len(pulled) <= 4  # lazily consumed: at most the window (+1) in flight
        outcomes = [first, *stream]
        _check(outcomes, docs)
        killer = make_doc("Killer\nKILL-THE-WORKER now.\n")
        mixed = list(executor.map(SPEC, [docs[0], killer, docs[1], docs[2]]))
        assert [o.doc.id for o in mixed] == [docs[0].id, killer.id, docs[1].id, docs[2].id]
        assert mixed[1].error is not None and "died" in mixed[1].error
        assert mixed[0].error is None and mixed[3].error is None
    finally:
        executor.close()


@pytest.mark.dask
def test_dask_local_cluster() -> None:
    docs = _docs(8)
    executor = DaskExecutor(2)
    try:
        assert executor.workers == 2
        _check(list(executor.map(SPEC, docs)), docs)
        bad = make_doc("Bad\nRAISE-IN-ANALYZER here.\n")
        outcomes = list(executor.map(SPEC, [bad, docs[0]]))
        assert outcomes[0].error and "RuntimeError" in outcomes[0].error
        assert outcomes[1].error is None
    finally:
        executor.close()


def test_get_executor_names() -> None:
    assert isinstance(get_executor("inline"), InlineExecutor)
    with pytest.raises(UsageError):
        get_executor("spark")
    with pytest.raises(UsageError):
        get_executor("process", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(UsageError):
        list(InlineExecutor().map("no_such_module:analyze", []))
