"""Scores of FNC-1-style stance predictions (kept beside the model so training needs no more).

The FNC-1 score gives 0.25 for getting related/unrelated right and 0.75 more for the right
related class (agree/disagree/discuss); it is reported as a percentage of the best possible
score. Also macro-F1 over the four classes, per-class F1 and the confusion matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from claimgraph.stance.fnc_data import FNC_LABELS

RELATED = frozenset({"agree", "disagree", "discuss"})


@dataclass(frozen=True, slots=True)
class StanceScores:
    """Scores of predicted FNC labels against gold ones."""

    n: int
    """Pairs scored."""
    fnc_score: float
    """FNC-1 score as a percentage of the maximum."""
    macro_f1: float
    """Mean F1 over agree, disagree, discuss, unrelated."""
    accuracy: float
    per_class_f1: dict[str, float]
    confusion: list[list[int]]
    """Rows: gold label; columns: predicted label; both in FNC_LABELS order."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fnc_points(gold: str, pred: str) -> float:
    points = 0.0
    if (gold in RELATED) == (pred in RELATED):
        points += 0.25
    if gold in RELATED and gold == pred:
        points += 0.75
    return points


def score(gold: Sequence[str], predicted: Sequence[str]) -> StanceScores:
    """Score FNC labels ``predicted`` against ``gold`` (same length, labels in FNC_LABELS)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    index = {label: i for i, label in enumerate(FNC_LABELS)}
    confusion = [[0] * len(FNC_LABELS) for _ in FNC_LABELS]
    for g, p in zip(gold, predicted, strict=True):
        confusion[index[g]][index[p]] += 1
    best = sum(_fnc_points(g, g) for g in gold)
    got = sum(_fnc_points(g, p) for g, p in zip(gold, predicted, strict=True))
    per_class: dict[str, float] = {}
    for k, label in enumerate(FNC_LABELS):
        tp = confusion[k][k]
        fp = sum(confusion[r][k] for r in range(len(FNC_LABELS))) - tp
        fn = sum(confusion[k]) - tp
        per_class[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    n = len(gold)
    return StanceScores(
        n=n,
        fnc_score=100.0 * got / best if best else 0.0,
        macro_f1=sum(per_class.values()) / len(per_class),
        accuracy=sum(confusion[k][k] for k in range(len(FNC_LABELS))) / n if n else 0.0,
        per_class_f1=per_class,
        confusion=confusion,
    )
