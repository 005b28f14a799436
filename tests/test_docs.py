"""Docs checked by tests: every command has help text and appears in the README; every setting has help."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from claimgraph import __version__
from claimgraph.cli import app
from claimgraph.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, Any]]:
    # Typer ships its own copy of click: recognise groups and options by their attributes.
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    found: list[tuple[str, Any]] = []

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            full = f"{prefix} {name}".strip()
            found.append((full, command))
            if hasattr(command, "commands"):
                walk(command, full)

    walk(root, "")
    return found


COMMANDS = _commands()


def test_the_core_commands_exist() -> None:
    names = {name for name, _ in COMMANDS}
    for required in (
        "add",
        "docs",
        "search",
        "quotes",
        "actors",
        "map",
        "claims",
        "timeline",
        "report",
        "serve",
        "export",
        "stance",
        "eval attribution",
        "eval stance",
        "train stance",
    ):
        assert required in names, f"missing command {required}"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_and_is_documented(name: str, command: Any) -> None:
    assert (command.help or command.short_help or "").strip(), f"{name} has no help text"
    for param in command.params:
        if type(param).__name__ == "Option" and not getattr(param, "hidden", False):
            assert (param.help or "").strip(), f"{name} {param.opts} has no help text"
    assert re.search(rf"claimgraph {re.escape(name)}\b", README), (
        f"README does not show `claimgraph {name}`"
    )


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_help_runs(name: str) -> None:
    result = CliRunner().invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_setting_has_help_and_is_documented() -> None:
    for setting in SETTINGS:
        assert setting.help.strip()
        assert f"`{setting.name}`" in README, f"README does not document setting {setting.name}"
