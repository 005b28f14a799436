"""`report` without -o never replaces an existing ./report.html unless --force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import report_builders as rb
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


def test_report_keeps_an_existing_report_html(
    store_db: str, fake_link: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["report", "--db", store_db, "-c", rb.CLAIM])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "report.html").is_file()
    (tmp_path / "report.html").write_text("my notes", encoding="utf-8")
    again = runner.invoke(app, ["report", "--db", store_db, "-c", rb.CLAIM])
    assert again.exit_code == 2
    assert "report.html: exists; not replaced" in " ".join(again.output.split())
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "my notes"
    forced = runner.invoke(app, ["report", "--db", store_db, "-c", rb.CLAIM, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "<h1" in (tmp_path / "report.html").read_text(encoding="utf-8")
