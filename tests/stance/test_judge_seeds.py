"""The default judge on the seed articles, through the real ingest and attribution steps.

The issue's target: for "Russia is supplying weapons to the Taliban", the US generals and
the Afghan government spokesman support it (the hedged ones hedged), the Russian Foreign
Ministry and the Taliban's spokesman refute it, and neither the NRF weapons expert nor the
Helmand governor is on either side. Speakers are matched by name fragments, since the
attribution step's canonical names may vary in form.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from claimgraph.link.claimmap import judge_statements
from claimgraph.model import Document, Stance
from claimgraph.stance import get_judge

pytestmark = [pytest.mark.model, pytest.mark.shared]

CLAIM = "Russia is supplying weapons to the Taliban"


@pytest.fixture(scope="module")
def by_speaker(seeds_dir: Path) -> dict[str, list[Stance]]:
    from claimgraph.analyze.attribution import extract
    from claimgraph.ingest import read_file

    judge = get_judge("compositional")
    out: dict[str, list[Stance]] = defaultdict(list)
    files = sorted(seeds_dir.glob("*.txt"))
    assert files, f"no seed articles in {seeds_dir}"
    for path in files:
        for doc in read_file(str(path)):
            assert isinstance(doc, Document), doc
            _, statements = extract(doc)
            stances = judge_statements(judge, CLAIM, statements, texts={doc.id: doc.text})
            for statement, stance in zip(statements, stances, strict=True):
                assert stance.evidence is not None
                assert doc.text[stance.evidence.start : stance.evidence.end] == stance.evidence.text
                out[(statement.speaker or "").lower()].append(stance)
    return out


def _stances(by_speaker: dict[str, list[Stance]], *fragments: str) -> list[Stance]:
    found = [s for name, ss in by_speaker.items() if any(f in name for f in fragments) for s in ss]
    assert found, f"no statements by {fragments} among {sorted(by_speaker)}"
    return found


@pytest.mark.parametrize("who", [("nicholson",), ("votel",), ("sediqi",)])
def test_supporters(by_speaker: dict[str, list[Stance]], who: tuple[str, ...]) -> None:
    labels = [s.label for s in _stances(by_speaker, *who)]
    assert "supports" in labels and "refutes" not in labels, labels


def test_votel_is_hedged(by_speaker: dict[str, list[Stance]]) -> None:
    supports = [s for s in _stances(by_speaker, "votel") if s.label == "supports"]
    assert supports and all(s.hedged for s in supports)


@pytest.mark.parametrize(
    "who", [("zakharova", "foreign ministry"), ("taliban spokesman", "shahin")]
)
def test_refuters(by_speaker: dict[str, list[Stance]], who: tuple[str, ...]) -> None:
    labels = [s.label for s in _stances(by_speaker, *who)]
    assert "refutes" in labels and "supports" not in labels, labels


@pytest.mark.parametrize("who", [("hayat",), ("weapons identification expert", "calibre")])
def test_neither_side(by_speaker: dict[str, list[Stance]], who: tuple[str, ...]) -> None:
    labels = [s.label for s in _stances(by_speaker, *who)]
    assert not {"supports", "refutes"} & set(labels), labels
