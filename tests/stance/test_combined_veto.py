"""The combined judge's veto: a compositional 'unrelated' for a neighbouring proposition
(role mismatch, neighbour predicate) decides over the models; reasons reach the layer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimgraph.model import Span, Stance
from claimgraph.stance.combined import (
    FEATURE_NAMES,
    REASON_FEATURES,
    VETO_REASONS,
    Combination,
    CombinedJudge,
    features,
    vetoed,
)
from claimgraph.stance.pairs_data import PAIR_LABELS

CLAIM = "Norland shipped tanks to the Brisa Guard"
LOOKALIKE = "Norland shipped tanks to the Pell militia, the ministry said."


class ReasonedCompositional:
    name = "compositional.test"

    def __init__(self, label: str, reason: str) -> None:
        self.label, self.reason = label, reason
        self.documents: list[Any] = []

    def judge_many(self, pairs: Any, **kwargs: Any) -> list[Stance]:
        self.documents.extend(kwargs.get("documents") or [])
        return [
            Stance(
                self.label,  # type: ignore[arg-type]
                0.75,
                evidence=Span.of(t, 0, len(t)),
                judge=self.name,
                reason=self.reason,
            )
            for _, t, _ in pairs
        ]


class DiscussArticle:
    meta = {"name": "fnc.test"}

    def analyse(self, claims: Any, bodies: Any, workers: int = 1) -> tuple[dict, dict]:
        return {c: c for c in claims}, {b: b for b in bodies}

    def predict_infos(self, pairs: Any) -> np.ndarray:
        return np.tile([0.1, 0.1, 0.7, 0.1], (len(pairs), 1))


class SupportingPairs:
    name = "pairs.test"

    def __init__(self) -> None:
        self.read: list[tuple[str, str]] = []

    def probabilities(self, pairs: Any) -> np.ndarray:
        self.read.extend(pairs)
        return np.tile([0.9, 0.04, 0.03, 0.03], (len(pairs), 1))


def _follow_pairs(veto: tuple[str, ...]) -> Combination:
    coef = np.zeros((len(PAIR_LABELS), len(FEATURE_NAMES)))
    for k, label in enumerate(PAIR_LABELS):
        coef[k, FEATURE_NAMES.index(f"pairs_{label}")] = 10.0
    return Combination(coef, np.zeros(len(PAIR_LABELS)), {"name": "t", "veto": list(veto)})


@pytest.mark.parametrize("reason", ["role_mismatch", "role_conflict", "neighbour"])
def test_a_role_mismatch_vetoes_the_pair_models_support(reason: str) -> None:
    judge = CombinedJudge(
        ReasonedCompositional("unrelated", reason),
        DiscussArticle(),
        SupportingPairs(),
        _follow_pairs(VETO_REASONS),
    )
    (stance,) = judge.judge_many([(CLAIM, LOOKALIKE, None)])
    assert stance.label == "unrelated"
    assert stance.reason == f"veto:{reason}"
    assert [v.label for v in stance.votes] == ["unrelated", "neutral", "supports"]


def test_without_the_veto_or_a_veto_reason_the_layer_decides() -> None:
    no_veto = CombinedJudge(
        ReasonedCompositional("unrelated", "role_mismatch"),
        DiscussArticle(),
        SupportingPairs(),
        _follow_pairs(()),
    )
    assert no_veto.judge(CLAIM, LOOKALIKE).label == "supports"
    other_reason = CombinedJudge(
        ReasonedCompositional("unrelated", "name_only"),
        DiscussArticle(),
        SupportingPairs(),
        _follow_pairs(VETO_REASONS),
    )
    stance = other_reason.judge(CLAIM, LOOKALIKE)
    assert stance.label == "supports" and stance.reason == "decided:pairs.test"


def test_reasons_are_flags_of_the_features_and_only_unrelated_vetoes() -> None:
    assert set(REASON_FEATURES) <= {n.removeprefix("compositional_") for n in FEATURE_NAMES}
    stance = Stance("unrelated", 0.75, reason="role_conflict")
    x = features(stance, np.full(4, 0.25), np.full(4, 0.25), LOOKALIKE)
    assert x[FEATURE_NAMES.index("compositional_role_mismatch")] == 1.0
    assert x[FEATURE_NAMES.index("compositional_neighbour")] == 0.0
    assert vetoed(stance)
    assert not vetoed(Stance("supports", 0.75, reason="role_mismatch"))
    assert not vetoed(Stance("unrelated", 0.75))


def test_cached_votes_keep_the_reason_and_read_documents(tmp_path: Path) -> None:
    comp = ReasonedCompositional("unrelated", "neighbour")
    pairs_model = SupportingPairs()
    judge = CombinedJudge(comp, DiscussArticle(), pairs_model, _follow_pairs(VETO_REASONS))
    document = f"The Brisa Guard held the pass. {LOOKALIKE} Talks resumed."
    cache = tmp_path / "votes.json"
    first = judge.votes_cached([(CLAIM, LOOKALIKE)], cache, documents=[document])
    assert comp.documents == [document]
    # the models read the sentence, not the whole document given as its context
    assert pairs_model.read == [(CLAIM, LOOKALIKE)]
    again = CombinedJudge(
        ReasonedCompositional("supports", ""),
        DiscussArticle(),
        SupportingPairs(),
        _follow_pairs(()),
    ).votes_cached([(CLAIM, LOOKALIKE)], cache, documents=[document])
    assert first[0][0].reason == again[0][0].reason == "neighbour"
    # without the document it is another pair, judged afresh
    other = CombinedJudge(
        ReasonedCompositional("supports", ""),
        DiscussArticle(),
        SupportingPairs(),
        _follow_pairs(()),
    ).votes_cached([(CLAIM, LOOKALIKE)], cache)
    assert other[0][0].label == "supports"


def test_a_long_text_is_not_vetoed_by_one_neighbouring_sentence() -> None:
    judge = CombinedJudge(
        ReasonedCompositional("unrelated", "neighbour"),
        DiscussArticle(),
        SupportingPairs(),
        _follow_pairs(VETO_REASONS),
    )
    article = " ".join(
        f"Paragraph {i} tells how Norland and the Brisa Guard met near the port of Pell."
        for i in range(30)
    )
    stance = judge.judge(CLAIM, article)
    assert stance.label == "supports" and not stance.reason.startswith("veto")


def test_a_new_article_model_revotes_but_keeps_the_compositional_votes(tmp_path: Path) -> None:
    cache = tmp_path / "votes.json"
    comp = ReasonedCompositional("unrelated", "neighbour")
    CombinedJudge(comp, DiscussArticle(), SupportingPairs(), _follow_pairs(())).votes_cached(
        [(CLAIM, LOOKALIKE)], cache
    )

    class OtherArticle(DiscussArticle):
        meta = {"name": "fnc.other", "command": "claimgraph train stance --split strict"}

        def predict_infos(self, pairs: Any) -> np.ndarray:
            return np.tile([0.7, 0.1, 0.1, 0.1], (len(pairs), 1))  # agree

    later = ReasonedCompositional("supports", "")
    stances, article, _, _ = CombinedJudge(
        later, OtherArticle(), SupportingPairs(), _follow_pairs(())
    ).votes_cached([(CLAIM, LOOKALIKE)], cache)
    assert stances[0].label == "unrelated"  # the cached compositional vote
    assert PAIR_LABELS[int(article[0].argmax())] == "supports"  # the new article model's
