"""The work an executor runs on a worker: analyse one document with a named analyzer.

Analyzers are named ``module:function`` (default ``claimgraph.analyze:analyze``) so that
nothing but a string and a ``Document`` crosses the process or network boundary, and
each worker imports (and loads the models of) the analyzer once.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import threading
import time
from collections.abc import Callable

from claimgraph.errors import UsageError
from claimgraph.model import DocAnalysis, Document

DEFAULT_ANALYZER = "claimgraph.analyze:analyze"
"""The analysis pipeline of ``claimgraph.analyze``."""

Analyzer = Callable[[Document], DocAnalysis]
BatchAnalyzer = Callable[[list[Document]], list[DocAnalysis | BaseException]]


@functools.lru_cache(maxsize=8)
def load_analyzer(spec: str) -> Analyzer:
    """The function named by ``module:function``."""
    module_name, _, function_name = spec.partition(":")
    if not module_name or not function_name:
        raise UsageError(f"analyzer must be given as module:function, not {spec!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise UsageError(f"cannot import analyzer module {module_name}: {e}") from e
    function = getattr(module, function_name, None)
    if not callable(function):
        raise UsageError(f"{module_name} has no function {function_name}")
    return function  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=8)
def load_batch_analyzer(spec: str) -> BatchAnalyzer | None:
    """The batch form of the analyzer ``module:function``: ``module:function_many`` (for the
    default analyzer ``claimgraph.analyze.pipeline:analyze_many``), or None when it has none.

    A batch analyzer takes a list of documents and returns, in their order, each one's
    analysis or the exception it raised."""
    if spec == DEFAULT_ANALYZER:
        from claimgraph.analyze.pipeline import analyze_many

        return analyze_many
    load_analyzer(spec)
    module_name, _, function_name = spec.partition(":")
    function = getattr(importlib.import_module(module_name), f"{function_name}_many", None)
    return function if callable(function) else None


def describe_error(error: BaseException) -> str:
    """``error`` in one line: its type and the first line of its message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")


def single_threaded() -> None:
    """One thread per worker for onnxruntime and BLAS: the workers already fill the cores."""
    from claimgraph.nlp.embed import THREADS_ENV

    os.environ.setdefault(THREADS_ENV, "1")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with scikit-learn
        return
    threadpool_limits(1)


def warm_up(spec: str) -> None:
    """Load an analyzer (and, for the default one, the spaCy pipeline) in this worker."""
    load_analyzer(spec)
    if spec == DEFAULT_ANALYZER:
        from claimgraph.errors import ModelError
        from claimgraph.nlp.embed import embed
        from claimgraph.nlp.parse import load_nlp

        load_nlp()
        # the onnxruntime session, with this worker's thread count (a missing model is
        # reported where analysis needs it)
        with contextlib.suppress(ModelError):
            embed(["warm up"])


def pool_worker_init(spec: str) -> None:
    """Initializer of a local pool worker: exit when the parent dies, then load the models.

    A ``claimgraph add`` killed with SIGKILL cannot stop its workers; without this they
    would live on, each holding the models in memory.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="claimgraph-parent-watch", daemon=True).start()
    single_threaded()
    warm_up(spec)


def analyze_task(spec: str, doc: Document) -> DocAnalysis:
    """Analyse one document with the analyzer named ``spec`` (runs on the worker)."""
    return load_analyzer(spec)(doc)


def analyze_batch_task(spec: str, docs: list[Document]) -> list[DocAnalysis | str]:
    """Analyse a batch of documents with the analyzer named ``spec`` (runs on the worker):
    each document's analysis, or its error in one line. Uses the analyzer's batch form
    (``load_batch_analyzer``) when it has one."""
    batch = load_batch_analyzer(spec)
    results: list[DocAnalysis | BaseException]
    if batch is not None:
        results = list(batch(list(docs)))
    else:
        analyzer = load_analyzer(spec)
        results = []
        for doc in docs:
            try:
                results.append(analyzer(doc))
            except Exception as e:  # one document's failure is reported, the batch goes on
                results.append(e)
    return [r if isinstance(r, DocAnalysis) else describe_error(r) for r in results]
