"""Quality gate of the compositional judge on the contrast set (tests/fixtures/contrast/):
look-alike claims (another agent, recipient, object, predicate or time) and short texts.
Floors are the measured scores rounded down; raise them when the judge improves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]


def test_contrast_set_floors(load_script: Callable[[str], ModuleType]) -> None:
    contrast = load_script("eval/contrast.py")
    rows = contrast.read_pairs(ROOT / "tests" / "fixtures" / "contrast")
    assert len(rows) >= 200
    judge = get_judge("compositional")
    stances = contrast.judge_rows(judge, rows)
    result = contrast.scores([r.label for r in rows], [s.label for s in stances])
    assert result["accuracy"] >= 0.62, result
    assert result["macro_f1"] >= 0.50, result


def test_paraphrased_predicates_match() -> None:
    judge = get_judge("compositional")
    claim = "Mayor Edda Holm injured a protester with her car"
    same = judge.judge(claim, "Mayor Edda Holm wounded a protester with her car, witnesses said.")
    assert same.label == "supports", same
    other = judge.judge(claim, "Mayor Edda Holm insulted a protester, a video shows.")
    assert other.label == "unrelated", other
