"""Executors: the same per-document analysis inline, in a local process pool or on Dask."""

from __future__ import annotations

from claimgraph.run.executors import (
    ENGINES,
    DaskExecutor,
    Executor,
    InlineExecutor,
    Outcome,
    ProcessExecutor,
    check_engine,
    get_executor,
)
from claimgraph.run.tasks import DEFAULT_ANALYZER, analyze_task, load_analyzer

__all__ = [
    "DEFAULT_ANALYZER",
    "ENGINES",
    "DaskExecutor",
    "Executor",
    "InlineExecutor",
    "Outcome",
    "ProcessExecutor",
    "analyze_task",
    "check_engine",
    "get_executor",
    "load_analyzer",
]
