"""One claim rule at every door: the CLI, the Python API and the web app refuse the same texts
with the same message, and accept the same ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import claimgraph
from claimgraph.claims import MAX_CHARS, RULE, check_claim
from claimgraph.cli import app as cli_app
from claimgraph.errors import UsageError
from claimgraph.web.app import create_app

GOOD = "Valdosa supplies rifles to the Kell brigades"
BAD = {
    "empty": "",
    "blank": "   \t ",
    "one word": "Valdosa",
    "one word, padded": "  Valdosa  ",
    "too long": ("Valdosa supplies rifles to the Kell brigades " * 120).strip(),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_rule_refuses(name: str) -> None:
    with pytest.raises(UsageError, match="at least 2 words"):
        check_claim(BAD[name])


def test_the_rule_accepts_and_folds_whitespace() -> None:
    assert check_claim(f"  {GOOD}\n") == GOOD
    assert check_claim("x" * (MAX_CHARS - 4) + " yes") == "x" * (MAX_CHARS - 4) + " yes"
    assert check_claim("   ", allow_empty=True) == ""


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_refuses(name: str, store_db: str, fake_link: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli_app, ["map", "--db", store_db, "--claim", BAD[name]])
    assert result.exit_code == 2, result.output
    assert RULE in " ".join(result.output.split())
    assert not fake_link["asked"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_api_refuses(name: str, store_db: str, fake_link: dict[str, Any]) -> None:
    with claimgraph.open(store_db, readonly=True) as cg, pytest.raises(UsageError):
        cg.claim_map(BAD[name])
    assert not fake_link["asked"]


@pytest.mark.parametrize("name", ["one word", "one word, padded", "too long"])
def test_web_refuses_with_the_same_message(
    name: str, store_db: str, fake_link: dict[str, Any], tmp_path: Path
) -> None:
    app = create_app(store_db, claim_map=fake_link["claim_map"], discover=fake_link["discover"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        for route in ("/claim", "/claim.json"):
            page = client.get(route, params={"text": BAD[name][:600]})
            assert page.status_code == 422
            assert "at least 2 words" in page.text
        assert client.get("/claim", params={"text": GOOD}).status_code == 200
        assert client.get("/claim", params={"text": ""}).status_code == 200
    assert fake_link["asked"] == [GOOD]
