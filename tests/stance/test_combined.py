"""The combined judge: features, the learned layer, votes and evidence; the data reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimgraph.errors import ModelError
from claimgraph.model import Span, Stance
from claimgraph.stance.combined import (
    FEATURE_NAMES,
    Combination,
    CombinedJudge,
    features,
    is_short,
)
from claimgraph.stance.pairs_data import PAIR_LABELS, read_fever, read_perspectrum

CLAIM = "Norland shipped tanks to the Brisa Guard"


class FixedCompositional:
    name = "compositional.test"

    def __init__(self, label: str) -> None:
        self.label = label

    def judge_many(self, pairs: Any, **_: Any) -> list[Stance]:
        return [
            Stance(self.label, 0.9, evidence=Span.of(t, 0, len(t)), judge=self.name)  # type: ignore[arg-type]
            for _, t, _ in pairs
        ]

    def prime_vectors(self, vectors: Any) -> None:
        self.primed = dict(vectors)


class FixedArticle:
    meta = {"name": "fnc.test"}

    def analyse(self, claims: Any, bodies: Any, workers: int = 1) -> tuple[dict, dict]:
        return {c: c for c in claims}, {b: b for b in bodies}

    def predict_infos(self, pairs: Any) -> np.ndarray:
        # FNC order: agree, disagree, discuss, unrelated -> always "discuss"
        return np.tile([0.1, 0.1, 0.7, 0.1], (len(pairs), 1))


class FixedPairs:
    name = "pairs.test"

    def probabilities(self, pairs: Any) -> np.ndarray:
        return np.tile([0.05, 0.85, 0.05, 0.05], (len(pairs), 1))  # refutes


def _layer(judge_name: str, label: str) -> Combination:
    """A layer that follows one judge's probability of one label."""
    coef = np.zeros((len(PAIR_LABELS), len(FEATURE_NAMES)))
    coef[PAIR_LABELS.index(label), FEATURE_NAMES.index(f"{judge_name}_{label}")] = 10.0
    return Combination(coef, np.zeros(len(PAIR_LABELS)), {"name": "test"})


def test_features_have_the_declared_width_and_shape_flags() -> None:
    comp = Stance("supports", 0.8)
    x = features(
        comp, np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.4, 0.3, 0.2, 0.1]), "A short text."
    )
    assert x.shape == (len(FEATURE_NAMES),)
    assert x[FEATURE_NAMES.index("short")] == 1.0
    assert x[FEATURE_NAMES.index("compositional_supports")] == pytest.approx(0.8)
    long_text = " ".join(f"Sentence {i} about the harbour of Pell is here." for i in range(30))
    assert not is_short(long_text)
    y = features(comp, np.zeros(4), np.zeros(4), long_text)
    assert y[FEATURE_NAMES.index("short")] == 0.0
    assert y[FEATURE_NAMES.index("short_x_pairs_supports")] == 0.0


def test_the_learned_layer_decides_and_every_vote_is_recorded() -> None:
    judge = CombinedJudge(
        FixedCompositional("supports"), FixedArticle(), FixedPairs(), _layer("pairs", "refutes")
    )
    text = "Norland says it never shipped tanks to anyone."
    (stance,) = judge.judge_many([(CLAIM, text, None)])
    assert stance.label == "refutes"
    assert stance.judge == "combined.v1"
    assert [v.judge for v in stance.votes] == ["compositional.test", "fnc.test", "pairs.test"]
    assert [v.label for v in stance.votes] == ["supports", "neutral", "refutes"]
    deciding = max(stance.votes, key=lambda v: v.weight)
    assert deciding.judge == "pairs.test"
    # the compositional evidence is kept only when that judge agrees with the outcome
    assert stance.evidence is None or stance.evidence.text != text
    agreeing = CombinedJudge(
        FixedCompositional("supports"),
        FixedArticle(),
        FixedPairs(),
        _layer("compositional", "supports"),
    )
    (same,) = agreeing.judge_many([(CLAIM, text, None)])
    assert same.label == "supports" and same.evidence is not None and same.evidence.text == text


def test_empty_text_is_unrelated_and_vectors_reach_the_compositional_judge() -> None:
    comp = FixedCompositional("supports")
    judge = CombinedJudge(comp, FixedArticle(), FixedPairs(), _layer("pairs", "refutes"))
    assert judge.judge(CLAIM, "   ").label == "unrelated"
    judge.prime_vectors({"a": [0.0]})
    assert comp.primed == {"a": [0.0]}


def test_combination_round_trip_and_shape_check(tmp_path: Path) -> None:
    layer = _layer("article", "neutral")
    layer.save(tmp_path)
    loaded = Combination.load(tmp_path)
    np.testing.assert_array_equal(loaded.coef, layer.coef)
    data = json.loads((tmp_path / "combine_model.json").read_text("utf-8"))
    data["coef"] = [[0.0]]
    (tmp_path / "combine_model.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelError, match="shape"):
        Combination.load(tmp_path)
    with pytest.raises(ModelError, match="train combine"):
        Combination.load(tmp_path / "nowhere")


def test_fever_split_keeps_every_claim_on_one_side(tmp_path: Path) -> None:
    claims = [f"Person {i % 40} was born in Pell in {1900 + i % 40}." for i in range(200)]
    texts = [f"Person {i % 40} lived in Pell for {i} years." for i in range(200)]
    labels = ["entailment" if i % 2 else "not_entailment" for i in range(200)]
    for name, lines in (
        ("dev.raw.input1", claims),
        ("dev.raw.input0", texts),
        ("dev.label", labels),
    ):
        (tmp_path / name).write_text("\n".join(lines) + "\n", "utf-8")
    train, held = read_fever(tmp_path, seed=3, fraction=0.3)
    assert train and held
    assert not {p.group for p in train} & {p.group for p in held}
    assert {p.label for p in train} == {"supports", "refutes", "unrelated"}
    for pair in held:
        if pair.label == "unrelated":
            assert pair.text not in {
                t for c, t in zip(claims, texts, strict=True) if c == pair.claim
            }


def test_perspectrum_test_split_is_held_out(tmp_path: Path) -> None:
    claims = [
        {
            "cId": i,
            "text": f"Town {i} should build a tram",
            "perspectives": [
                {"pids": [10 * i + 1], "stance_label_3": "SUPPORT"},
                {"pids": [10 * i + 2, 10 * i + 3], "stance_label_3": "UNDERMINE"},
            ],
        }
        for i in range(1, 9)
    ]
    pool = [
        {"pId": 10 * i + k, "text": f"Perspective {k} on town {i}"}
        for i in range(1, 9)
        for k in (1, 2, 3)
    ]
    split = {str(i): ("test" if i > 6 else "train") for i in range(1, 9)}
    for name, value in (
        ("perspectrum_with_answers_v1.0.json", claims),
        ("perspective_pool_v1.0.json", pool),
        ("dataset_split_v1.0.json", split),
    ):
        (tmp_path / name).write_text(json.dumps(value), "utf-8")
    train, test = read_perspectrum(tmp_path)
    assert {p.group for p in test} == {"7", "8"}
    assert not {p.group for p in train} & {"7", "8"}
    assert {p.label for p in test} <= {"supports", "refutes", "unrelated"}
    assert sum(p.label == "refutes" for p in train) == 12
