"""The gold scorer of the claims list: matching terms, precision@k, recall, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.evaluate.claims_gold import load_gold, score

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "claims_gold"


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "g.json"
    path.write_text(
        json.dumps(
            {
                "corpus": "toy",
                "paths": ["x"],
                "propositions": [
                    {"id": "A", "text": "Orvik arms the rebels.", "all": [["orvik"], ["arm"]]},
                    {"id": "B", "text": "The dam leaked.", "all": [["dam"]], "none": ["river"]},
                ],
            }
        )
    )
    return path


def test_precision_counts_a_near_duplicate_as_a_miss(tmp_path: Path) -> None:
    gold = load_gold(_gold(tmp_path))
    result = score(gold, ["Orvik is arming the rebels", "Orvik arms rebels", "Noise"], k=10)
    assert result.hits == ("A", None, None)
    assert result.precision_at_k == pytest.approx(1 / 3)
    assert result.recall == pytest.approx(0.5)


def test_excluded_terms_and_recall_over_the_whole_list(tmp_path: Path) -> None:
    gold = load_gold(_gold(tmp_path))
    result = score(gold, ["The river dam", "x", "The dam leaked", "Orvik armed them"], k=2)
    assert result.hits == (None, None)
    assert result.precision_at_k == 0.0
    assert result.found == ("A", "B")
    assert result.recall == 1.0


def test_malformed_gold_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"corpus": "x"}')
    with pytest.raises(ValueError, match="bad.json"):
        load_gold(bad)


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_committed_gold_lists_load_and_name_folders_of_the_repo(path: Path) -> None:
    gold = load_gold(path)
    assert len(gold.propositions) >= 5
    root = GOLD.parents[2]
    assert all((root / p).is_dir() for p in gold.paths)
    for prop in gold.propositions:
        assert prop.matches([prop.text]), prop.id  # a gold text matches its own entry
