"""Votes in the claim-map JSON: with the combined judge every statement (and the article's own
stance) lists how each part voted, as judge name, label, confidence, weight and the part of
the document it read; a single judge lists none. Articles invented for this test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.stance.pairs_data import PAIR_LABELS

pytestmark = [pytest.mark.model]

CLAIM = "Norland is supplying rockets to the Brisa Guard"

ARTICLES = {
    "harbour.txt": (
        "Officials say Norland ships rockets to the Brisa Guard\n\n"
        "PELL, March 3 - General Ada Quist told reporters on Monday that Norland is supplying "
        "rockets to the Brisa Guard through the port of Pell.\n\n"
        "Harbour inspector Tomas Vell said crates of rockets were unloaded at night."
    ),
    "ministry.txt": (
        "Norland rejects the rocket claims\n\n"
        "VARN, March 5 - Foreign ministry spokeswoman Lena Ostrova said Norland is not "
        "supplying rockets or any other weapons to the Brisa Guard.\n\n"
        "Ostrova said the reports were a fabrication meant to damage the peace talks."
    ),
}

PARTS = ("compositional", "fnc", "pairs")


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import claimgraph

    folder = tmp_path_factory.mktemp("votes")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "votes.db"
    cg = claimgraph.open(db)
    report = cg.add([str(folder / n) for n in ARTICLES], engine="inline")
    assert report.failed == 0
    cg.close()
    return db


def _check_votes(votes: list[dict[str, Any]], doc_text: str) -> None:
    assert [next(p for p in PARTS if p in v["judge"]) for v in votes] == list(PARTS)
    for v in votes:
        assert set(v) == {"judge", "label", "confidence", "weight", "part"}
        assert v["label"] in PAIR_LABELS
        assert 0.0 <= v["confidence"] <= 1.0
        if v["part"] is not None:  # document offsets, like every span the map shows
            assert doc_text[v["part"]["start"] : v["part"]["end"]] == v["part"]["text"]


def _texts(db: Path) -> dict[str, str]:
    import claimgraph

    with claimgraph.open(db) as cg:
        return {d.id: d.text for d in cg.store.documents()}


def test_map_json_lists_each_part_vote_with_the_combined_judge(store_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["map", "--db", str(store_db), "--claim", CLAIM, "--judge", "combined", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    texts = _texts(store_db)
    assert data["statements"], "the invented articles give statements on the claim"
    for st in data["statements"]:
        assert st["judge"].startswith("combined")
        _check_votes(st["votes"], texts[st["doc_id"]])
    for d in data["documents"]:
        assert d["judge"].startswith("combined")
        _check_votes(d["votes"], texts[d["doc_id"]])


def test_api_export_lists_votes_and_a_single_judge_lists_none(store_db: Path) -> None:
    import claimgraph

    with claimgraph.open(store_db, stance_backend="combined") as cg:
        data = json.loads(cg.export(CLAIM, "json"))
        texts = {d.id: d.text for d in cg.store.documents()}
    assert data["statements"]
    for st in data["statements"]:
        _check_votes(st["votes"], texts[st["doc_id"]])
    with claimgraph.open(store_db, stance_backend="compositional") as cg:
        single = json.loads(cg.export(CLAIM, "json"))
    assert single["statements"]
    assert all(st["votes"] == [] for st in single["statements"])
    assert all(d["votes"] == [] for d in single["documents"])
    # the compositional part's vote is the compositional judge's own label
    alone = {st["id"]: st["stance"] for st in single["statements"]}
    for st in data["statements"]:
        if st["id"] in alone:
            vote = next(v for v in st["votes"] if "compositional" in v["judge"])
            assert vote["label"] == alone[st["id"]], st["id"]
