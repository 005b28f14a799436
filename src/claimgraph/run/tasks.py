"""The work an executor runs on a worker: analyse one document with a named analyzer.

Analyzers are named ``module:function`` (default ``claimgraph.analyze:analyze``) so that
nothing but a string and a ``Document`` crosses the process or network boundary, and
each worker imports (and loads the models of) the analyzer once.
"""

from __future__ import annotations

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


def warm_up(spec: str) -> None:
    """Load an analyzer (and, for the default one, the spaCy pipeline) in this worker."""
    load_analyzer(spec)
    if spec == DEFAULT_ANALYZER:
        from claimgraph.analyze.nlp import load_nlp

        load_nlp()


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
    warm_up(spec)


def analyze_task(spec: str, doc: Document) -> DocAnalysis:
    """Analyse one document with the analyzer named ``spec`` (runs on the worker)."""
    return load_analyzer(spec)(doc)
