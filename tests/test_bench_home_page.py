"""bench/home_page.py: a missing corpus path is an error naming it; the home page timing
reads a store whose list was stored at add time (no stored list: the bench says so)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


def test_missing_corpus_path_is_an_error_naming_it(
    tmp_path: Path, load_script: Callable[[str], ModuleType]
) -> None:
    bench = load_script("bench/home_page.py")
    missing = tmp_path / "no-articles-here"
    with pytest.raises(SystemExit, match="no-articles-here"):
        bench.main([str(missing)])


def test_an_empty_store_is_reported_not_timed(
    tmp_path: Path, load_script: Callable[[str], ModuleType]
) -> None:
    """A store with no documents lists no claims: the timing raises instead of passing."""
    from claimgraph.store import open_store

    db = tmp_path / "empty.db"
    open_store(str(db)).close()
    bench = load_script("bench/home_page.py")
    with pytest.raises(RuntimeError, match="no contested claims"):
        bench.time_home_page(str(db), 1)
