"""Shared fixtures. Tests that need ../shared say so and fail loudly when it is missing."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared() -> Path:
    env = os.environ.get("CLAIMGRAPH_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared", REPO.parent.parent / "shared"]
    for candidate in candidates:
        if (candidate / "corpus").is_dir() or (candidate / "data").is_dir():
            return candidate
    pytest.fail(
        "this test needs the project's shared folder (../shared with corpus/seeds and data/); "
        f"looked in {', '.join(str(c) for c in candidates)}; set CLAIMGRAPH_SHARED to its path",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder (corpus/seeds, data/fnc1-train, data/polnear)."""
    return _shared()


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "seeds"
    if not path.is_dir():
        pytest.fail(f"missing {path}: the seed articles are needed by this test", pytrace=False)
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    """Loads a script of the repo that is not in the package (``bench/...``, ``eval/...``),
    by its path from the repo root, as a module."""

    def load(relative: str) -> ModuleType:
        path = REPO / relative
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None, path
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
