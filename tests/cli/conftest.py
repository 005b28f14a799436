"""CLI test fixtures: this folder and tests/store (the fake analyzer) importable by workers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
STORE_TESTS = HERE.parent / "store"
for folder in (HERE, STORE_TESTS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@pytest.fixture()
def subprocess_env() -> dict[str, str]:
    """Environment for ``claimgraph`` run as a subprocess, with the test helpers importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(STORE_TESTS), env.get("PYTHONPATH", "")])
    return env
