"""Corrections through the CLI on invented articles analysed by the real pipeline: merge,
split, rename and stance set hold after ``add --reanalyze``; bad input changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

ONE = (
    "Harbour fees rise in Ostrava Bay\n\n"
    "Ivo Brandt, the port director, said on Monday that the harbour fees would rise in May. "
    '"We have no choice," Brandt said.\n'
)
TWO = (
    "Ferry company protests fees\n\n"
    "Marta Lind, who runs the island ferry, said the new harbour fees would ruin small "
    "operators. The port authority denied that the fees would rise.\n"
)
CLAIM = "The harbour fees will rise"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _fail(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code != 0
    return result.output


def _actors(db: str) -> dict[str, dict]:
    lines = _run("actors", "--json", "--db", db).splitlines()
    return {a["id"]: a for a in map(json.loads, lines)}


def _id(actors: dict[str, dict], name: str) -> str:
    return next(i for i, a in actors.items() if name in a["name"])


def _reanalyze(db: str) -> None:
    conn = sqlite3.connect(db)  # make every analysis stale, as an upgrade would
    conn.execute("UPDATE components SET version = 'stale.v0'")
    conn.commit()
    conn.close()
    _run("add", "--reanalyze", "--engine", "inline", "--quiet", "--db", db)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "one.txt").write_text(ONE, encoding="utf-8")
    (folder / "two.txt").write_text(TWO, encoding="utf-8")
    return folder


@pytest.fixture()
def db(corpus: Path, tmp_path: Path) -> str:
    path = str(tmp_path / "c.db")
    _run("add", str(corpus), "--engine", "inline", "--quiet", "--db", path)
    return path


def test_merge_rename_and_split_hold_after_reanalysis(db: str) -> None:
    actors = _actors(db)
    brandt, lind = _id(actors, "Brandt"), _id(actors, "Lind")
    _run("actors", "merge", brandt, lind, "--note", "test merge", "--author", "ed", "--db", db)
    _run("actors", "rename", brandt, "Ivo K. Brandt", "--db", db)
    merged = _actors(db)
    assert lind not in merged and merged[brandt]["name"] == "Ivo K. Brandt"
    assert len(merged[brandt]["corrections"]) == 2
    _reanalyze(db)
    again = _actors(db)
    assert lind not in again and again[brandt]["name"] == "Ivo K. Brandt"
    listed = [json.loads(line) for line in _run("corrections", "--db", db).splitlines()]
    assert [c["kind"] for c in listed] == ["actor_merge", "actor_rename"]
    assert listed[0]["author"] == "ed" and listed[0]["note"] == "test merge"
    # split one statement back out, by statement id
    data = json.loads(_run("map", "--claim", CLAIM, "--json", "--db", db))
    ids = [s["id"] for s in data["statements"] if s["actor_id"] == brandt]
    assert ids
    _run("actors", "split", brandt, "--name", "Marta Lind", "--statement", ids[0], "--db", db)
    _reanalyze(db)
    assert "Marta Lind" in {a["name"] for a in _actors(db).values()}


def test_stance_set_wins_after_reanalysis_and_shows_as_corrected(db: str) -> None:
    data = json.loads(_run("map", "--claim", CLAIM, "--json", "--db", db))
    target = data["statements"][0]
    label = "refutes" if target["stance"] != "refutes" else "supports"
    _run("stance", "set", target["id"], label, "--claim", CLAIM, "--note", "read it", "--db", db)
    _reanalyze(db)
    data = json.loads(_run("map", "--claim", CLAIM, "--json", "--db", db))
    fixed = next(s for s in data["statements"] if s["id"] == target["id"])
    assert fixed["stance"] == label and fixed["stance_corrected"] is True
    csv_text = _run("export", "--format", "csv", "--claim", CLAIM, "--db", db)
    assert any(line.endswith(",1") for line in csv_text.splitlines()[1:])


def test_bad_corrections_change_nothing(db: str, tmp_path: Path) -> None:
    actors = _actors(db)
    brandt = _id(actors, "Brandt")
    assert "unknown actor id" in _fail("actors", "merge", brandt, "nobody-at-all", "--db", db)
    assert "unknown stance label" in _fail(
        "stance", "set", "x", "agrees", "--claim", CLAIM, "--db", db
    )
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert "bad.json" in _fail("corrections", "import", str(bad), "--db", db)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps([{"kind": "actor_merge", "target": brandt}]), encoding="utf-8")
    assert "payload" in _fail("corrections", "import", str(wrong), "--db", db)
    assert _run("corrections", "--db", db).strip() == ""
    assert _actors(db) == actors


def test_export_then_import_into_another_store(db: str, corpus: Path, tmp_path: Path) -> None:
    actors = _actors(db)
    _run("actors", "merge", _id(actors, "Brandt"), _id(actors, "Lind"), "--db", db)
    shared = tmp_path / "team.json"
    shared.write_text(_run("corrections", "export", "--db", db), encoding="utf-8")
    other = str(tmp_path / "other.db")
    _run("add", str(corpus), "--engine", "inline", "--quiet", "--db", other)
    assert "imported 1" in _run("corrections", "import", str(shared), "--db", other)
    assert "imported 0" in _run("corrections", "import", str(shared), "--db", other)
    assert set(_actors(other)) == set(_actors(db))
