"""Acceptance on the seed articles: provenance, dates and discovery through the whole pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph.link import claim_map, claim_map_to_dict, discover, timeline

pytestmark = [pytest.mark.model, pytest.mark.shared]

CLAIM = "Russia is supplying weapons to the Taliban"


@pytest.fixture(scope="module")
def seed_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    import claimgraph

    cg = claimgraph.open(tmp_path_factory.mktemp("seeds") / "seeds.db")
    report = cg.add([str(seeds_dir)], engine="inline")
    assert report.failed == 0
    yield cg.store
    cg.close()


@pytest.fixture(scope="module")
def cmap(seed_store: Any) -> Any:
    """The map with unrelated statements kept (actor sides are those of the default map)."""
    return claim_map(seed_store, CLAIM, include_unrelated=True)


@pytest.fixture(scope="module")
def full_map(cmap: Any) -> dict[str, Any]:
    return claim_map_to_dict(cmap)


def _by_speaker(data: dict[str, Any], word: str) -> list[dict[str, Any]]:
    return [s for s in data["statements"] if word in (s["speaker"] or "")]


@pytest.mark.parametrize(
    ("speaker", "medium", "anonymous"),
    [
        ("Sediqi", "CNN", False),
        ("Niazi", "CNN", False),
        ("Shahin", "RIA Novosti", False),
        ("Taliban official", "Reuters", True),
        ("Kabulov", "Anadolu Agency", False),
    ],
)
def test_speakers_come_through_their_medium(
    full_map: dict[str, Any], speaker: str, medium: str, anonymous: bool
) -> None:
    found = _by_speaker(full_map, speaker)
    assert found, f"no statement by {speaker}"
    assert any(s["via"] == medium and medium in s["via_chain"] for s in found)
    relayed = [s for s in found if s["via"] == medium]
    assert all(s["original"] is False for s in relayed)  # each seed repeats another outlet's report
    assert all(s["anonymous"] is anonymous for s in relayed)


def test_independent_article_is_dated_from_its_dateline(full_map: dict[str, Any]) -> None:
    statements = [
        s for s in full_map["statements"] if (s["file"] or "").endswith("001_593a271cf2d8c4be.txt")
    ]
    assert statements
    for s in statements:
        assert s["date"]["value"] in ("2017-04-24", "2017-04-25")
        assert s["date"]["inferred"] is (s["date"]["value"] == "2017-04-25")
    nicholson = [
        s
        for s in statements
        if "Nicholson" in (s["speaker"] or "") and "refut" in s["content"]["text"]
    ]
    assert nicholson and all(s["date"]["value"] == "2017-04-24" for s in nicholson)


def test_map_sides_and_timeline(cmap: Any) -> None:
    sides = {a.actor.id: a.stance for a in cmap.actors}
    assert sides["joseph-votel"].label == "supports" and sides["joseph-votel"].hedged
    assert sides["russian-foreign-ministry"].label == "refutes"
    assert "hayatullah-hayat" not in sides or sides["hayatullah-hayat"].label not in (
        "supports",
        "refutes",
    )
    rows = timeline(cmap)
    dated = [r.date for r in rows if r.date]
    assert dated == sorted(dated)
    assert cmap.independent_sources["supports"] >= 3


@pytest.mark.xfail(
    reason="depends on the default stance judge, still changing: it has labelled Sediqi's quote "
    "unrelated and Shahin's denial neutral",
    strict=False,
)
def test_judge_dependent_sides(cmap: Any) -> None:
    sides = {a.actor.id: a.stance.label for a in cmap.actors}
    assert sides.get("sediq-sediqi") == "supports"
    assert sides.get("suheil-shahin") == "refutes"


def test_discovery_surfaces_the_disputed_propositions(seed_store: Any) -> None:
    found = discover(seed_store, top=20)
    assert found and found[0].contested
    texts = " | ".join(d.claim.text.lower() for d in found)
    assert "arming the taliban" in texts or "weapons to the taliban" in texts
    assert "nrf" in texts
    assert "contact" in texts
    assert "bribery" in texts or "reward" in texts or "bount" in texts
