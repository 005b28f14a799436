"""The map, claims and timeline commands over a SQLite store of hand-built analyses."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from link_helpers import KeywordJudge, make_doc, make_statement
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.model import Actor, DocAnalysis, StatementDate

CLAIM = "Russia is arming the Taliban"
RULES = [
    (("not arming",), "refutes", False),
    (("may", "arming"), "supports", True),
    (("arming",), "supports", False),
]


def _axis(i: int) -> list[float]:
    v = [0.0] * 8
    v[i] = 1.0
    return v


@pytest.fixture()
def store_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from claimgraph.store import open_store

    a = make_doc(
        "US officials suggest Russia is arming the Taliban\n\n"
        "General John Nicholson told CNN on Monday that Russia is arming the Taliban in Helmand.\n\n"
        "Gen. Votel said Russia may be arming the Taliban in some way.",
        title="US officials suggest Russia is arming the Taliban",
        outlet="The Independent",
        published="2017-04-25",
        path="a.txt",
    )
    b = make_doc(
        "Moscow rejects claims\n\n"
        "Spokeswoman Maria Zakharova said Russia is not arming the Taliban in any province.\n\n"
        "Zakharova said Russia keeps contacts with the Taliban to promote peace talks.",
        title="Moscow rejects claims",
        outlet="TASS",
        published="2017-05-02",
        path="b.txt",
    )
    la, lb = a.text.split("\n\n"), b.text.split("\n\n")
    st_a = [
        make_statement(
            a,
            la[1],
            "Russia is arming the Taliban in Helmand",
            speaker="John Nicholson",
            actor_id="john-nicholson",
            cue="told",
            date=StatementDate("2017-04-24", "day", False),
        ),
        make_statement(
            a,
            la[2],
            "Russia may be arming the Taliban in some way",
            speaker="Votel",
            actor_id="joseph-votel",
            cue="said",
            hedged=True,
            date=StatementDate("2017-04-25", "day", True),
        ),
    ]
    st_b = [
        make_statement(
            b,
            lb[1],
            "Russia is not arming the Taliban in any province",
            speaker="Maria Zakharova",
            actor_id="maria-zakharova",
            cue="said",
            date=StatementDate("2017-05-02", "day", True),
        ),
        make_statement(
            b,
            lb[2],
            "Russia keeps contacts with the Taliban to promote peace talks",
            speaker="Maria Zakharova",
            actor_id="maria-zakharova",
            cue="said",
            date=StatementDate("2017-05-02", "day", True),
        ),
    ]
    vectors = {
        st_a[0].id: _axis(0),
        st_a[1].id: [0.9, 0.1] + [0.0] * 6,
        st_b[0].id: [0.92, 0.0, 0.1] + [0.0] * 5,
        st_b[1].id: _axis(3),
    }
    actors = {
        "john-nicholson": Actor("john-nicholson", "John Nicholson", "person"),
        "joseph-votel": Actor("joseph-votel", "Joseph Votel", "person"),
        "maria-zakharova": Actor("maria-zakharova", "Maria Zakharova", "person"),
    }
    store = open_store(str(db_path))
    for doc, sts in ((a, st_a), (b, st_b)):
        analysis = DocAnalysis(
            doc_id=doc.id,
            actors=tuple(actors[s.actor_id] for s in sts if s.actor_id),
            statements=tuple(sts),
            embeddings={s.id: vectors[s.id] for s in sts},
        )
        store.put(doc, analysis)
    store.close()
    monkeypatch.setattr("claimgraph.stance.get_judge", lambda *args, **kw: KeywordJudge(RULES))
    monkeypatch.setattr(
        "claimgraph.nlp.embed.embed", lambda texts: np.array([_axis(0) for _ in texts])
    )
    return db_path


def test_map_json(store_db: Path) -> None:
    result = CliRunner().invoke(app, ["map", "--db", str(store_db), "--claim", CLAIM, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["claim"] == CLAIM
    sides = {a["actor_id"]: (a["stance"], a["hedged"]) for a in data["actors"]}
    assert sides == {
        "john-nicholson": ("supports", False),
        "joseph-votel": ("supports", True),
        "maria-zakharova": ("refutes", False),
    }
    nicholson = next(s for s in data["statements"] if s["actor_id"] == "john-nicholson")
    assert nicholson["via"] == "CNN" and nicholson["original"] is False
    assert nicholson["via_chain"] == ["John Nicholson", "CNN", "The Independent"]
    assert nicholson["date"] == {
        "value": "2017-04-24",
        "precision": "day",
        "inferred": False,
        "span": None,
        "not_before": False,
    }
    assert data["independent_sources"] == {"supports": 2, "refutes": 1}
    assert data["single_source_sides"]["refutes"] == ["rests on a single source: Maria Zakharova"]
    assert {d["file"] for d in data["documents"]} == {"a.txt", "b.txt"}


def test_map_table(store_db: Path) -> None:
    result = CliRunner().invoke(app, ["map", "--db", str(store_db), "--claim", CLAIM])
    assert result.exit_code == 0, result.output
    assert "Actors" in result.output and "Maria Zakharova" in result.output
    assert "refutes" in result.output


def test_timeline_table_and_json(store_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["timeline", "--db", str(store_db), "--claim", CLAIM, "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["date"] for r in data["rows"]] == ["2017-04-24", "2017-04-25", "2017-05-02"]
    table = CliRunner().invoke(app, ["timeline", "--db", str(store_db), "--claim", CLAIM])
    assert table.exit_code == 0 and "2017-04-24" in table.output


def test_claims_json(store_db: Path) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", str(store_db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data, "expected at least one discovered claim"
    top = data[0]
    assert top["contested"] is True
    assert top["supporters"] >= 1 and top["refuters"] == 1
    assert "not" not in top["claim"].split()


def test_db_and_paths_together_is_a_usage_error(store_db: Path) -> None:
    result = CliRunner().invoke(app, ["map", "a.txt", "--db", str(store_db), "--claim", CLAIM])
    assert result.exit_code == 2
