"""bench/claimmap_vs_search.py refuses to run without its seeds folder (never a silent skip)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "claimmap_vs_search.py"


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("claimmap_vs_search", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missing_or_empty_seeds_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    bench = _bench()
    missing = tmp_path / "no-seeds-here"
    with pytest.raises(SystemExit, match="no-seeds-here"):
        bench.main(["--seeds", str(missing)])  # type: ignore[attr-defined]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SystemExit, match="missing or empty"):
        bench.main(["--seeds", str(empty)])  # type: ignore[attr-defined]
