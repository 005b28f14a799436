"""Documents in languages the analysis does not read: `add` and `docs` say so; the language
comes from a packaged model with its confidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import FAKE_ANALYZER, write_corpus
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.ingest.language import identify_language

SPANISH = (
    "El ministerio de Valdosa negó el martes que hubiera enviado fusiles a las brigadas de Kell. "
    "La portavoz dijo que el informe era una invención y que no hay pruebas de la entrega.\n"
)
GERMAN = (
    "Das Ministerium von Valdosa hat am Dienstag bestritten, dass es Gewehre an die Brigaden "
    "von Kell geliefert hat. Die Sprecherin sagte, der Bericht sei eine reine Erfindung.\n"
)

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH, "es"),
        (GERMAN, "de"),
        (
            "The ministry denied on Tuesday that it sent rifles "
            "to the Kell brigades, a spokeswoman said.",
            "en",
        ),
    ],
)
def test_language_and_confidence(text: str, code: str) -> None:
    language, confidence = identify_language(text)
    assert language == code
    assert 0.9 < confidence <= 1.0


def test_short_or_unclear_text() -> None:
    assert identify_language("")[0] == "en"
    assert identify_language("Kell brigades")[0] == "en"
    assert identify_language("zq 3 4 xx 99 kk " * 20)[0] in {"und", "en"}


def test_add_and_docs_say_which_documents_are_not_analysed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_corpus(folder, 1)
    (folder / "es.txt").write_text("Valdosa niega el envío\n\n" + SPANISH, encoding="utf-8")
    (folder / "de.txt").write_text("Valdosa bestreitet\n\n" + GERMAN, encoding="utf-8")
    db = str(tmp_path / "cg.db")
    added = runner.invoke(
        app, ["add", str(folder), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER]
    )
    assert added.exit_code == 0, added.output
    out = " ".join(added.output.split())
    assert "stored 3" in out and "analysed 1" in out
    assert "not analysed: 2 documents" in out and "(de 1, es 1)" in out
    listing = runner.invoke(app, ["docs", "--db", db], env={"COLUMNS": "200"})
    assert listing.exit_code == 0
    flat = " ".join(listing.output.split())
    assert "[es, not analysed]" in flat and "[de, not analysed]" in flat
    assert "not analysed: 2 documents" in flat
