"""Read commands never create a store; a store in a read-only folder is read read-only; a
store that cannot be created says "permission denied"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import FAKE_ANALYZER, write_corpus
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [["docs"], ["search", "drones"], ["actors"], ["map", "--claim", "Kestrel arms the front"]],
)
def test_a_mistyped_db_is_no_such_store_and_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, [*args, "--db", str(missing)])
    assert result.exit_code == 4, result.output
    assert "no such store" in result.output
    assert not missing.exists()


def _store(folder: Path) -> Path:
    write_corpus(folder / "in", 2)
    db = folder / "cg.db"
    added = runner.invoke(
        app,
        [
            "add",
            str(folder / "in"),
            "--db",
            str(db),
            "--engine",
            "inline",
            "--analyzer",
            FAKE_ANALYZER,
        ],
    )
    assert added.exit_code == 0, added.output
    assert sorted(p.name for p in folder.iterdir()) == ["cg.db", "in"]  # no -wal/-shm left
    return db


def _read_only(folder: Path, code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run python ``code`` with ``folder`` read-only: a read-only bind mount for root (root
    writes through permission bits), permission bits otherwise."""
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        unshare = shutil.which("unshare")
        assert unshare, "root needs util-linux unshare to make a read-only folder"
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
        command = [unshare, "-m", "sh", "-c", script, str(folder), *command]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    folder.chmod(0o555)
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    finally:
        folder.chmod(0o755)


def _cli(*args: str) -> str:
    return f"import sys; from claimgraph.cli import main; sys.argv = ['claimgraph', *{list(args)!r}]; main()"


def test_read_commands_and_the_app_read_a_store_in_a_read_only_folder(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = str(_store(folder))
    env = {**subprocess_env, "COLUMNS": "200"}
    docs = _read_only(folder, _cli("docs", "--db", db), env)
    assert docs.returncode == 0, docs.stderr
    assert "2 documents" in docs.stdout
    search = _read_only(folder, _cli("search", "dredging", "--db", db), env)
    assert search.returncode == 0, search.stderr
    assert "Report 1" in search.stdout
    actors = _read_only(folder, _cli("actors", "--db", db, "--json"), env)
    assert actors.returncode == 0, actors.stderr
    web = _read_only(
        folder,
        "from fastapi.testclient import TestClient\n"
        "from claimgraph.web.app import create_app\n"
        f"app = create_app({db!r}, discover=lambda store: [])\n"
        "with TestClient(app, base_url='http://127.0.0.1:8000') as c:\n"
        "    page = c.get('/')\n"
        "    print(page.status_code, '2 articles' in page.text)\n",
        env,
    )
    assert web.returncode == 0, web.stderr
    assert web.stdout.split() == ["200", "True"]
    assert sorted(p.name for p in folder.iterdir()) == ["cg.db", "in"]


def test_creating_a_store_in_a_read_only_folder_is_permission_denied(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    write_corpus(tmp_path / "in", 1)
    db = str(folder / "new.db")
    result = _read_only(
        folder,
        _cli(
            "add",
            str(tmp_path / "in"),
            "--db",
            db,
            "--engine",
            "inline",
            "--analyzer",
            FAKE_ANALYZER,
        ),
        subprocess_env,
    )
    assert result.returncode == 4, result.stderr
    assert f"permission denied: {db}" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
