"""The README's Python example works as written: saved as a script and piped from stdin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import claimgraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "cli"))

from cli_helpers import write_corpus  # noqa: E402


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks, "README.md has no Python example"
    return blocks[0]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env.pop("CLAIMGRAPH_ENGINE", None)
    return env


def _check_store(folder: Path, out: str) -> None:
    with claimgraph.open(str(folder / "stories.db"), readonly=True) as cg:
        docs = list(cg.documents())
        assert len(docs) == 2
        for doc in docs:
            assert doc.title and doc.title in out
            assert cg.store.analysis(doc.id) is not None, "the example analysed nothing"


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_readme_example_runs_as_written(tmp_path: Path, how: str) -> None:
    code = readme_example()
    assert 'cg.add(["articles/"])' in code
    write_corpus(tmp_path / "articles", 2)
    if how == "script":
        (tmp_path / "example.py").write_text(code, encoding="utf-8")
        args, stdin = [sys.executable, "example.py"], None
    else:
        args, stdin = [sys.executable, "-"], code
    done = subprocess.run(
        args, input=stdin, cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert "bootstrapping" not in done.stderr and "Traceback" not in done.stderr
    _check_store(tmp_path, done.stdout)


def test_process_engine_from_stdin_fails_loudly(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 1)
    code = (
        "import claimgraph\n"
        "cg = claimgraph.open('stories.db')\n"
        "cg.add(['articles/'], engine='process', workers=1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-"],
        input=code,
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode != 0
    assert "engine='inline'" in done.stderr


def test_failures_are_warned_about(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with (
        claimgraph.open(str(tmp_path / "cg.db")) as cg,
        pytest.warns(claimgraph.api.ClaimgraphWarning, match="empty.txt"),
    ):
        report = cg.add([str(tmp_path / "empty.txt")])
    assert report.failed == 1
