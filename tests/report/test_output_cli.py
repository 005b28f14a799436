"""The report, export and serve commands (the link layer stood in by fake_link)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import report_builders as rb
from lxml import html as lhtml
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


def test_report_command_writes_html(
    store_db: str, fake_link: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", "--db", store_db, "--claim", rb.CLAIM, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    root = lhtml.document_fromstring(out.read_text("utf-8"))
    assert root.xpath("string(//h1)") == rb.CLAIM
    assert len(root.cssselect("article.statement")) == 6
    assert "Ports closed" in root.xpath("string(//section[@id='discovered'])")
    assert fake_link["asked"] == [rb.CLAIM]


def test_report_without_discovered(
    store_db: str, fake_link: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", "--db", store_db, "-c", rb.CLAIM, "-o", str(out), "--no-discovered"]
    )
    assert result.exit_code == 0, result.output
    assert 'id="discovered"' not in out.read_text("utf-8")


def test_report_missing_store_is_a_clean_error(tmp_path: Path, fake_link: dict[str, Any]) -> None:
    result = runner.invoke(
        app,
        ["report", "--db", str(tmp_path / "none.db"), "-c", "x", "-o", str(tmp_path / "r.html")],
    )
    assert result.exit_code == 4
    assert "E200" in result.output and "Traceback" not in result.output


def test_export_formats(store_db: str, fake_link: dict[str, Any], tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", store_db, "-c", rb.CLAIM, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 6
    out = tmp_path / "review.jsonld"
    result = runner.invoke(
        app,
        [
            "export",
            "--db",
            store_db,
            "-c",
            rb.CLAIM,
            "-f",
            "claimreview",
            "-o",
            str(out),
            "--rating",
            "False",
        ],
    )
    assert result.exit_code == 0, result.output
    review = json.loads(out.read_text("utf-8"))
    assert review["reviewRating"]["alternateName"] == "False"
    gexf = runner.invoke(app, ["export", "--db", store_db, "-c", rb.CLAIM, "-f", "gexf"])
    assert gexf.stdout.startswith("<?xml") and "gexf.net/1.3" in gexf.stdout
    as_json = runner.invoke(app, ["export", "--db", store_db, "-c", rb.CLAIM, "-f", "json"])
    assert json.loads(as_json.stdout)["claim"] == rb.CLAIM


def test_export_usage_errors(store_db: str, fake_link: dict[str, Any]) -> None:
    bad = runner.invoke(app, ["export", "--db", store_db, "-c", rb.CLAIM, "-f", "pdf"])
    assert bad.exit_code == 2 and "unknown format" in bad.output
    misplaced = runner.invoke(
        app, ["export", "--db", store_db, "-c", rb.CLAIM, "-f", "csv", "--rating", "x"]
    )
    assert misplaced.exit_code == 2


def test_serve_binds_loopback_by_default_and_warns_otherwise(
    store_db: str, fake_link: dict[str, Any], monkeypatch: Any
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        uvicorn, "run", lambda application, **kw: calls.append({"app": application, **kw})
    )
    result = runner.invoke(app, ["serve", "--db", store_db, "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8765
    assert "read-only" in result.output and "warning" not in result.output
    result = runner.invoke(app, ["serve", "--db", store_db, "--host", "0.0.0.0", "--writable"])
    assert result.exit_code == 0, result.output
    assert calls[-1]["host"] == "0.0.0.0"
    assert "warning" in result.output and "add to it" in result.output
    assert calls[-1]["app"].state.data.writable is True
