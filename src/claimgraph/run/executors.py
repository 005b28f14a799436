"""Executors: run ``analyze`` over a stream of documents inline, in a process pool or on Dask.

Every executor takes documents lazily and yields outcomes in input order with a bounded
number in flight, so memory stays flat however long the stream is. A failure to analyse
one document is an outcome with an error, never an exception that stops the stream.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from claimgraph.errors import UsageError
from claimgraph.model import DocAnalysis, Document
from claimgraph.run.tasks import (
    analyze_batch_task,
    analyze_task,
    describe_error,
    load_analyzer,
    load_batch_analyzer,
    pool_worker_init,
    single_threaded,
    warm_up,
)

ENGINES = ("inline", "process", "dask")
BATCH = 8
"""Documents sent to a worker at once when the analyzer has a batch form (one ``nlp.pipe``
and one embedding call per batch)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The analysis of one document, or why it failed."""

    doc: Document
    """The document given."""
    analysis: DocAnalysis | None
    """Its analysis (None when it failed)."""
    error: str | None = None
    """What went wrong, in one line."""


class Executor(Protocol):
    """Runs an analyzer over documents; yields outcomes in input order."""

    name: str
    workers: int

    def map(self, spec: str, docs: Iterable[Document]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


_describe = describe_error


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    source = iter(docs)
    while chunk := list(itertools.islice(source, size)):
        yield chunk


def _unbatch(
    chunk: list[Document], results: list[DocAnalysis | str] | None, error: str | None
) -> Iterator[Outcome]:
    """Per-document outcomes of a batch task (a failed batch fails each of its documents)."""
    if results is None or len(results) != len(chunk):
        for doc in chunk:
            yield Outcome(doc, None, error or "the batch gave no result")
        return
    for doc, result in zip(chunk, results, strict=True):
        if isinstance(result, DocAnalysis):
            yield Outcome(doc, result)
        else:
            yield Outcome(doc, None, result)


class InlineExecutor:
    """Analyses in this process, in batches of ``batch`` documents when the analyzer has a
    batch form, else one document after another."""

    name = "inline"
    workers = 1

    def __init__(self, *, batch: int = BATCH) -> None:
        self.batch = max(1, batch)

    def map(self, spec: str, docs: Iterable[Document]) -> Iterator[Outcome]:
        analyzer = load_analyzer(spec)
        if self.batch > 1 and load_batch_analyzer(spec) is not None:
            for chunk in _chunks(docs, self.batch):
                try:
                    yield from _unbatch(chunk, analyze_batch_task(spec, chunk), None)
                except Exception as e:
                    yield from _unbatch(chunk, None, _describe(e))
            return
        for doc in docs:
            try:
                yield Outcome(doc, analyzer(doc))
            except Exception as e:  # one document's failure is reported, the stream goes on
                yield Outcome(doc, None, _describe(e))

    def close(self) -> None:
        return None


def _ordered(
    submit: Callable[[Any], Any],
    result: Callable[[Any], Any],
    docs: Iterable[Any],
    window: int,
    isolate: Callable[[list[Any]], Iterator[Outcome]] | None = None,
) -> Iterator[Outcome]:
    """Submit lazily with at most ``window`` in flight and yield outcomes in input order.

    When the worker pool breaks (a worker killed, out of memory, crashed in native code),
    the documents in flight go to ``isolate``, which runs them one at a time so that only
    the document that kills a worker is reported as failed.
    """
    pending: deque[tuple[Any, Any]] = deque()
    source = iter(docs)
    exhausted = False
    while True:
        broken = False
        while not exhausted and len(pending) < window:
            doc = next(source, None)
            if doc is None:
                exhausted = True
                break
            try:
                pending.append((doc, submit(doc)))
            except BrokenProcessPool:
                if isolate is None:
                    raise
                pending.append((doc, None))
                broken = True
                break
        if not pending:
            return
        if not broken:
            doc, future = pending[0]
            try:
                outcome = Outcome(doc, result(future))
            except BrokenProcessPool:
                if isolate is None:
                    raise
                broken = True
            except Exception as e:
                outcome = Outcome(doc, None, _describe(e))
            if not broken:
                pending.popleft()
                yield outcome
                continue
        assert isolate is not None
        suspects = [d for d, _ in pending]
        pending.clear()
        yield from isolate(suspects)


class ProcessExecutor:
    """A local pool of worker processes; each loads the models once (spawned, no fork)."""

    name = "process"

    def __init__(self, workers: int = 0, *, window: int = 0, batch: int = BATCH) -> None:
        self.workers = workers if workers > 0 else max(1, os.cpu_count() or 1)
        self.window = window if window > 0 else 4 * self.workers
        self.batch = max(1, batch)
        self._pool: ProcessPoolExecutor | None = None
        self._spec = ""

    def _start(self, spec: str) -> ProcessPoolExecutor:
        if self._pool is None or self._spec != spec:
            self.close()
            self._spec = spec
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=pool_worker_init,
                initargs=(spec,),
            )
        return self._pool

    def _restart(self) -> None:
        spec = self._spec
        self.close()
        self._start(spec)

    def _probe(self) -> None:
        """Raise when a fresh pool's workers cannot even start (nothing to blame a document for).

        Spawned workers import the parent's main module again: a script without
        ``if __name__ == "__main__":`` or code piped from stdin stops them before any
        document is read.
        """
        assert self._pool is not None
        try:
            self._pool.submit(os.getpid).result()
        except BrokenProcessPool as e:
            self.close()
            raise UsageError(
                "the process engine's worker processes could not start (a script needs "
                '`if __name__ == "__main__":` around its code to use them, and code read from '
                "stdin cannot); use engine='inline'"
            ) from e

    def _isolate(self, spec: str, docs: list[Document]) -> Iterator[Outcome]:
        """Run documents one at a time in a fresh pool; a worker's death blames only its document."""
        self._restart()
        self._probe()
        for doc in docs:
            try:
                yield Outcome(doc, self._start(spec).submit(analyze_task, spec, doc).result())
            except BrokenProcessPool as e:
                yield Outcome(doc, None, f"worker process died analysing it ({_describe(e)})")
                self._restart()
            except Exception as e:
                yield Outcome(doc, None, _describe(e))

    def _map_batches(self, spec: str, docs: Iterable[Document]) -> Iterator[Outcome]:
        def submit(chunk: list[Document]) -> Future[list[DocAnalysis | str]]:
            return self._start(spec).submit(analyze_batch_task, spec, chunk)

        def isolate(chunks: list[Any]) -> Iterator[Outcome]:
            # one document at a time: only the one that kills a worker fails
            return self._isolate(spec, [d for chunk in chunks for d in chunk])

        window = max(2 * self.workers, -(-self.window // self.batch))
        for outcome in _ordered(
            submit, lambda f: f.result(), _chunks(docs, self.batch), window, isolate
        ):
            if isinstance(outcome.doc, Document):  # from isolate: already one document
                yield outcome
            else:
                yield from _unbatch(outcome.doc, outcome.analysis, outcome.error)  # type: ignore[arg-type]

    def map(self, spec: str, docs: Iterable[Document]) -> Iterator[Outcome]:
        load_analyzer(spec)  # a bad name fails here, once, not in every worker
        if self.batch > 1 and load_batch_analyzer(spec) is not None:
            return self._map_batches(spec, docs)

        def submit(doc: Document) -> Future[DocAnalysis]:
            return self._start(spec).submit(analyze_task, spec, doc)

        def isolate(suspects: list[Document]) -> Iterator[Outcome]:
            return self._isolate(spec, suspects)

        return _ordered(submit, lambda f: f.result(), docs, self.window, isolate)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """A Dask distributed cluster: ``scheduler`` address, or a ``LocalCluster`` of ``workers``."""

    name = "dask"

    def __init__(
        self,
        workers: int = 0,
        *,
        scheduler: str | None = None,
        window: int = 0,
        batch: int = BATCH,
    ) -> None:
        self.batch = max(1, batch)
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise UsageError(
                "the dask engine needs the scale extra: pip install 'claimgraph[scale]'"
            ) from e
        self._cluster: Any = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="15s")
            except OSError as e:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        else:
            n = workers if workers > 0 else max(1, os.cpu_count() or 1)
            self._cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers or 1)
        self.window = window if window > 0 else 4 * self.workers
        # before any model is loaded: an onnxruntime session made earlier would keep its
        # spinning worker threads, which then compete with the other workers for the cores
        self._client.run(single_threaded)

    def map(self, spec: str, docs: Iterable[Document]) -> Iterator[Outcome]:
        load_analyzer(spec)
        self._client.run(single_threaded)
        self._client.run(warm_up, spec)
        if self.batch > 1 and load_batch_analyzer(spec) is not None:
            return self._map_batches(spec, docs)

        def submit(doc: Document) -> Any:
            return self._client.submit(analyze_task, spec, doc, pure=False)

        return _ordered(submit, lambda f: f.result(), docs, self.window)

    def _map_batches(self, spec: str, docs: Iterable[Document]) -> Iterator[Outcome]:
        def submit(chunk: list[Document]) -> Any:
            return self._client.submit(analyze_batch_task, spec, chunk, pure=False)

        window = max(2 * self.workers, -(-self.window // self.batch))
        for outcome in _ordered(submit, lambda f: f.result(), _chunks(docs, self.batch), window):
            yield from _unbatch(outcome.doc, outcome.analysis, outcome.error)  # type: ignore[arg-type]

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def check_engine(engine: str, *, scheduler: str | None = None) -> None:
    """Raise ``UsageError`` for an unknown engine or a scheduler given without the dask engine."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")


def get_executor(
    engine: str = "process",
    *,
    workers: int = 0,
    scheduler: str | None = None,
    batch: int = BATCH,
) -> Executor:
    """The executor named ``engine`` (inline, process or dask), sending ``batch`` documents to
    a worker at once (setting ``batch_size``)."""
    check_engine(engine, scheduler=scheduler)
    if engine == "inline":
        return InlineExecutor(batch=batch)
    if engine == "process":
        return ProcessExecutor(workers, batch=batch)
    if engine == "dask":
        return DaskExecutor(workers, scheduler=scheduler, batch=batch)
    raise UsageError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
