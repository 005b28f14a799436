"""``claimgraph claims --json`` after ``add``: each claim lists the statements behind each side
with ids and offsets into the stored documents, and its counts agree with them. Two invented
articles about a fictional harbour dispute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

pytestmark = pytest.mark.model

runner = CliRunner()

ARTICLES = {
    "2026-03-02_courier_dredging.txt": (
        "Port authority accused of dumping silt\n\n"
        "Harbour Master Ilse Brandt said the Port of Lunmar dumped dredged silt into the Orra "
        "estuary last winter. Fisherman Tomas Reel said the port dumped silt into the estuary "
        "at night. The Port of Lunmar denied that it dumped any silt into the Orra estuary.\n"
    ),
    "2026-03-05_wire_denial.txt": (
        "Port rejects silt claims\n\n"
        "Port director Mara Velt said the Port of Lunmar never dumped silt into the Orra "
        "estuary. Councillor Anton Drey said the port dumped silt into the Orra estuary "
        "for months.\n"
    ),
}


def test_claims_json_lists_each_side_with_ids_and_offsets(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "claims.db")
    added = runner.invoke(app, ["add", str(folder), "--db", db, "--engine", "inline"])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["claims", "--db", db, "--json"], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert rows, "no claims listed"

    from claimgraph.store import open_store

    store = open_store(db, readonly=True)
    try:
        texts = {d.id: d.text for d in store.documents()}
        stored = {s.id for s in store.statements()}
    finally:
        store.close()
    sided = 0
    for row in rows:
        sides = row["supporting"] + row["refuting"]
        sided += len(sides)
        for s in sides:
            assert s["statement_id"] in stored
            assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]
        sup = {s["source"] for s in row["supporting"]}
        ref = {s["source"] for s in row["refuting"]}
        assert row["supporters"] <= len(sup) and row["refuters"] <= len(ref)
        assert row["independent_sources"] == len(sup | ref)
        assert row["documents"] == len({s["doc_id"] for s in sides})
        assert row["contested"] == (min(row["supporters"], row["refuters"]) > 0)
        assert set(s["statement_id"] for s in sides) <= set(row["statements"])
    assert sided > 0, "no claim has a statement on either side"
    # a statement counts for one claim only
    ids = [s["statement_id"] for row in rows for s in row["supporting"] + row["refuting"]]
    assert len(ids) == len(set(ids))
