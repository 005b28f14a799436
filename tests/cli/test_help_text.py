"""--help is written for people: FILE…, PATH|URL, N, not Python type names; map --limit
follows the judge_limit setting."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.testing import CliRunner

import claimgraph
from claimgraph import settings
from claimgraph.cli import app

runner = CliRunner()
COMMANDS = [
    [],
    ["add"],
    ["docs"],
    ["search"],
    ["quotes"],
    ["actors"],
    ["map"],
    ["claims"],
    ["timeline"],
    ["report"],
    ["serve"],
    ["export"],
    ["stance"],
    ["eval"],
    ["eval", "attribution"],
    ["train"],
    ["train", "attribution"],
]
TYPE_NAMES = re.compile(r"<(bool|str|int|float|list\[[^\]]*\]|Path|path)>|\{[a-z_]+\}")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "claimgraph")
def test_help_has_no_type_names(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    found = TYPE_NAMES.findall(result.output)
    assert not found, result.output


def test_paths_and_stores_are_named_for_people() -> None:
    add = runner.invoke(app, ["add", "--help"], env={"COLUMNS": "160"}).output
    assert "[FILE…]" in add and "PATH|URL" in add
    quotes = runner.invoke(app, ["quotes", "--help"], env={"COLUMNS": "160"}).output
    assert "quotes [OPTIONS] FILE…" in quotes


def test_map_limit_default_is_the_judge_limit_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    limit = settings.defaults()["judge_limit"]
    help_text = " ".join(
        runner.invoke(app, ["map", "--help"], env={"COLUMNS": "160"}).output.split()
    )
    assert f"judge_limit setting, {limit}" in help_text
    asked: list[dict[str, Any]] = []

    def fake(store: Any, claim: str, **options: Any) -> str:
        asked.append(options)
        return "map"

    import claimgraph.link as link

    monkeypatch.setattr(link, "claim_map", fake)
    with claimgraph.open(str(tmp_path / "cg.db"), judge_limit=37) as cg:
        monkeypatch.setattr(cg, "judge", lambda: None)
        cg.claim_map("Valdosa arms the Kell brigades")
        cg.claim_map("Valdosa arms the Kell brigades", limit=300)
    assert [(o["limit"], o["judge_limit"]) for o in asked] == [(37, 37), (300, 300)]
