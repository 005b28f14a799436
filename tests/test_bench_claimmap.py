"""bench/claimmap_vs_search.py refuses to run without its seeds folder (never a silent skip)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


def test_missing_or_empty_seeds_folder_is_an_error_naming_it(
    tmp_path: Path, load_script: Callable[[str], ModuleType]
) -> None:
    bench = load_script("bench/claimmap_vs_search.py")
    missing = tmp_path / "no-seeds-here"
    with pytest.raises(SystemExit, match="no-seeds-here"):
        bench.main(["--seeds", str(missing)])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SystemExit, match="missing or empty"):
        bench.main(["--seeds", str(empty)])
