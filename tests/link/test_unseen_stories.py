"""The claim map on invented stories the judge was not built on (tests/fixtures/stories/ and
tests/fixtures/stories3/).

Each folder is one short story (4-5 articles from different invented outlets: direct and
indirect quotes, "according to", denials, hedges, an anonymous source, a report relayed from
another outlet, an editorial, an unrelated side story) with ``key.json``, written before
the tool was first run on it: the claim, the expected side of labelled statements and of
named speakers, and each article's own stance. Sides are ``supports``, ``refutes`` or
``other`` (neutral, unrelated or absent from the map).

The first-run scores were the held-out measure (see the floors below); the fixes that
followed were general mechanisms (allegation predicate classes, capitals, descriptions,
denials of the story, headlines of editorials), not these stories' words, but the scores
after them are no longer blind. The floors are a quality gate: raise them when the map
improves, never lower them silently. Run
``python tests/link/test_unseen_stories.py [NAME ...]`` to print every miss.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORY_FOLDERS = {
    p.name: p
    for base in ("stories", "stories3")
    for p in sorted((FIXTURES / base).iterdir())
    if (p / "key.json").is_file()
}
"""Story name -> folder. ``stories3`` holds stories written later by another round (same key
format, same scorer)."""
NAMES = sorted(STORY_FOLDERS)

STATEMENT_FLOOR = {"pharma": 0.70, "football": 0.64, "bridge": 0.64, "tankers": 0.47}
"""Share of key statements on the right side. First run (held out, before any fix made while
looking at these stories): pharma 0.471, football 0.412, bridge 0.357; after the general
fixes: 0.706, 0.471, 0.643. Round two (conveyance classes, lawyers' and spokesmen's parties,
idioms, role nouns before names in the claim): football 0.647. ``tankers`` (stories3, written
by round two before its first run): first run 0.294, after round two's general fixes
0.471."""
SIDED_FLOOR = {"pharma": 0.50, "football": 0.39, "bridge": 0.44, "tankers": 0.25}
"""Share of the key statements that take a side found on that side. First run: 0.100, 0.000,
0.000 (the map took almost no side on claims outside the arms domain); after: 0.500, 0.100,
0.444. Round two: football 0.400; tankers first run 0.000, after 0.250."""
SPEAKER_FLOOR = {"pharma": 0.77, "football": 0.71, "bridge": 0.85, "tankers": 0.42}
"""Share of key speakers on the right side. First run: 0.667, 0.571, 0.286; after: 0.778,
0.571, 0.857. Round two: football 0.714; tankers first run 0.286, after 0.429."""
DOCUMENT_FLOOR = {"pharma": 1.0, "football": 1.0, "bridge": 1.0, "tankers": 0.75}
"""Share of articles whose own stance is right. First run: 0.8 (the editorial was missing),
1.0, 1.0; after: 1.0 everywhere. Tankers: 0.75 first run and after (its editorial states the
claim in the writer's voice, which the map does not read)."""
MAX_SWAPS = 0
"""Statements or speakers put on the opposite side (supports <-> refutes), all stories."""


@dataclass
class Score:
    """Hits and misses of one story's map against its key."""

    statements: list[tuple[str, str, str]] = field(default_factory=list)
    speakers: list[tuple[str, str, str]] = field(default_factory=list)
    documents: list[tuple[str, str, str]] = field(default_factory=list)

    @staticmethod
    def share(rows: list[tuple[str, str, str]]) -> float:
        return sum(1 for _, want, got in rows if want == got) / len(rows) if rows else 1.0

    @staticmethod
    def polar(rows: list[tuple[str, str, str]]) -> float:
        """Share of the rows that take a side in the key found on that side (the "other"
        rows are easy: a map that takes no side at all gets every one of them)."""
        sided = [(want, got) for _, want, got in rows if want != "other"]
        return sum(1 for want, got in sided if want == got) / len(sided) if sided else 1.0

    @property
    def swaps(self) -> int:
        rows = self.statements + self.speakers + self.documents
        return sum(1 for _, want, got in rows if {want, got} == {"supports", "refutes"})

    def misses(self) -> list[str]:
        out = []
        for kind, rows in (
            ("statement", self.statements),
            ("speaker", self.speakers),
            ("document", self.documents),
        ):
            out += [
                f"{kind}: {what!r} want {want} got {got}" for what, want, got in rows if want != got
            ]
        return out


def side(label: str | None) -> str:
    return label if label in ("supports", "refutes") else "other"


def score_story(folder: Path, store_path: Path) -> Score:
    """Add the story's articles to a new store at ``store_path``, map its claim, score it."""
    import claimgraph
    from claimgraph.link import claim_map

    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    cg = claimgraph.open(store_path)
    try:
        report = cg.add([str(folder)], engine="inline")
        assert report.failed == 0
        cmap = claim_map(cg.store, key["claim"], include_unrelated=True)
    finally:
        cg.close()
    result = Score()
    by_file: dict[str, Any] = {}
    for j in cmap.statements:
        by_file.setdefault(Path(j.document.path or "").name, []).append(j)
    doc_sides = {Path(d.document.path or "").name: side(d.stance.label) for d in cmap.documents}
    for name, article in key["articles"].items():
        text = (folder / name).read_text(encoding="utf-8")
        result.documents.append((name, side(article["document"]), doc_sides.get(name, "other")))
        for item in article["statements"]:
            quote = item["quote"]
            got = "other"
            best = 0
            for j in by_file.get(name, []):
                span = j.statement.content
                start = j.document.text.find(quote)
                if start < 0:
                    start = text.find(quote)
                overlap = min(span.end, start + len(quote)) - max(span.start, start)
                if overlap > best:
                    best, got = overlap, side(j.stance.label)
            result.statements.append((quote, item["side"], got))
    for word, want in key["speakers"].items():
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        sides = {
            side(a.stance.label)
            for a in cmap.actors
            if pattern.search(a.actor.name) or any(pattern.search(x) for x in a.actor.aliases)
        }
        polar = sides - {"other"}
        got = polar.pop() if len(polar) == 1 else ("mixed" if polar else "other")
        result.speakers.append((word, want, got))
    return result


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Score]:
    base = tmp_path_factory.mktemp("stories")
    return {name: score_story(STORY_FOLDERS[name], base / f"{name}.db") for name in NAMES}


def test_every_story_has_a_key_that_matches_its_articles() -> None:
    assert len(NAMES) >= 3
    for name in NAMES:
        key = json.loads((STORY_FOLDERS[name] / "key.json").read_text(encoding="utf-8"))
        files = {p.name for p in STORY_FOLDERS[name].glob("*.txt")}
        assert set(key["articles"]) == files, name
        for file, article in key["articles"].items():
            text = (STORY_FOLDERS[name] / file).read_text(encoding="utf-8")
            assert article["document"] in ("supports", "refutes", "neutral")
            for item in article["statements"]:
                assert item["quote"] in text, (name, item["quote"])
                assert item["side"] in ("supports", "refutes", "other")
        sides = {item["side"] for a in key["articles"].values() for item in a["statements"]}
        assert sides == {"supports", "refutes", "other"}, name


@pytest.mark.parametrize("name", NAMES)
def test_story_statements(scores: dict[str, Score], name: str) -> None:
    score = scores[name]
    assert Score.share(score.statements) >= STATEMENT_FLOOR[name], score.misses()


@pytest.mark.parametrize("name", NAMES)
def test_story_sided_statements(scores: dict[str, Score], name: str) -> None:
    score = scores[name]
    assert Score.polar(score.statements) >= SIDED_FLOOR[name], score.misses()


@pytest.mark.parametrize("name", NAMES)
def test_story_speakers(scores: dict[str, Score], name: str) -> None:
    score = scores[name]
    assert Score.share(score.speakers) >= SPEAKER_FLOOR[name], score.misses()


@pytest.mark.parametrize("name", NAMES)
def test_story_documents(scores: dict[str, Score], name: str) -> None:
    score = scores[name]
    assert Score.share(score.documents) >= DOCUMENT_FLOOR[name], score.misses()


def test_no_side_swaps(scores: dict[str, Score]) -> None:
    swaps = {name: s.swaps for name, s in scores.items()}
    assert sum(swaps.values()) <= MAX_SWAPS, {n: s.misses() for n, s in scores.items()}


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for story in sys.argv[1:] or NAMES:
            s = score_story(STORY_FOLDERS[story], Path(tmp) / f"{story}.db")
            print(
                f"{story}: statements {Score.share(s.statements):.3f} ({len(s.statements)})"
                f" [sided {Score.polar(s.statements):.3f}]"
                f" speakers {Score.share(s.speakers):.3f} ({len(s.speakers)})"
                f" [sided {Score.polar(s.speakers):.3f}]"
                f" documents {Score.share(s.documents):.3f} ({len(s.documents)})"
                f" swaps {s.swaps}"
            )
            for line in s.misses():
                print("   ", line)
