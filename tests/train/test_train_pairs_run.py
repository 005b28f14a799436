"""``train_pairs`` end to end on invented pairs (the data reader replaced): the head is
trained, scored on the held-out part and written with its record of the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.stance.pairs import PairJudge, PairModel
from claimgraph.stance.pairs_data import PAIR_LABELS, Pair, PairSets

pytestmark = [pytest.mark.model]

CLAIMS = [
    ("Norland shipped tanks to the Brisa Guard", "Norland"),
    ("Kesta closed its border with Valdoria", "Kesta"),
    ("The mayor of Pell resigned on Friday", "Pell"),
]


def _pairs(claim: str, group: str, source: str) -> list[Pair]:
    return [
        Pair(
            claim,
            f"Officials confirmed that {claim[0].lower()}{claim[1:]}.",
            "supports",
            source,
            group,
        ),
        Pair(
            claim,
            f"It is false that {claim[0].lower()}{claim[1:]}, officials said.",
            "refutes",
            source,
            group,
        ),
        Pair(
            claim,
            f"Reporters asked whether {claim[0].lower()}{claim[1:]}.",
            "neutral",
            source,
            group,
        ),
        Pair(claim, "The orchestra played a new symphony in the park.", "unrelated", source, group),
    ]


def test_train_pairs_writes_a_loadable_artifact_with_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimgraph.train import pairs as train

    train_part = [p for c, g in CLAIMS[:2] for p in _pairs(c, g, "fever")]
    held_part = _pairs(*CLAIMS[2], "fever")
    sets = PairSets({"fever": train_part}, {"fever": held_part}, {"fever-pairs/x": "ab" * 32})
    monkeypatch.setattr(train, "read_all", lambda *_, **__: sets)
    monkeypatch.setattr(train, "combine_part", lambda *_: False)
    meta = train.train_pairs(
        tmp_path / "data", out_dir=tmp_path / "model", seed=7, epochs=2, command="test run"
    )
    assert meta["seed"] == 7 and meta["command"] == "test run"
    assert meta["data"] == {"fever-pairs/x": "ab" * 32}
    assert meta["counts"] == {"train": len(train_part), "heldout_scored": {"fever": 4}}
    assert meta["params"]["epochs"] == 2
    held = meta["metrics"]["heldout"]["fever"]
    assert held["n"] == 4 and 0.0 <= held["accuracy"] <= 1.0
    model = PairModel.load(tmp_path / "model")
    assert model.meta["seed"] == 7
    proba = PairJudge(model).probabilities(
        [(CLAIMS[2][0], "The mayor of Pell resigned on Friday.")]
    )
    assert proba.shape == (1, len(PAIR_LABELS))
    assert abs(float(proba.sum()) - 1.0) < 1e-4
