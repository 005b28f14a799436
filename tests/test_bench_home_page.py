"""bench/home_page.py: a missing corpus path is an error naming it; the home page timing
reads a store whose list was stored at add time (no stored list: the bench says so)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "home_page.py"


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("home_page", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missing_corpus_path_is_an_error_naming_it(tmp_path: Path) -> None:
    bench = _bench()
    missing = tmp_path / "no-articles-here"
    with pytest.raises(SystemExit, match="no-articles-here"):
        bench.main([str(missing)])  # type: ignore[attr-defined]


def test_an_empty_store_is_reported_not_timed(tmp_path: Path) -> None:
    """A store with no documents lists no claims: the timing raises instead of passing."""
    from claimgraph.store import open_store

    db = tmp_path / "empty.db"
    open_store(str(db)).close()
    bench = _bench()
    with pytest.raises(RuntimeError, match="no contested claims"):
        bench.time_home_page(str(db), 1)  # type: ignore[attr-defined]
