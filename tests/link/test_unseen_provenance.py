"""Provenance and dates of claim maps on invented stories written for it (tests/fixtures/stories2/).

Each folder is one short story (4-5 articles from invented outlets) built to exercise
provenance: an interview given to one outlet and relayed by others ("told the X", "in an
interview with", "quoting", "according to a report by"), a wire story republished under
another masthead, anonymous officials cited via an outlet, a remark reported again in
other words, press releases, social-media posts, an article with no date line, relative
dates ("last week", "earlier this month", "two days later") and datelines. ``key.json``
(written before the tool was first run on the story) gives, per statement of interest, the
speaker, the media between speaker and publisher, original or echo, anonymity and the date;
the groups of reports of one remark; the number of independent sources per side.

The first-run scores were the held-out measure (see the floors below); the fixes that
followed were general (data tables, patterns, logic), not these stories' words, so the
scores after them are no longer blind. Floors are a quality gate: raise them when the map
improves, never lower them silently. ``python tests/link/test_unseen_provenance.py`` prints
every score and miss.
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

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories2"
NAMES = sorted(p.name for p in STORIES.iterdir() if (p / "key.json").is_file())

FLOORS: dict[str, dict[str, float]] = {
    "riverspill": {
        "via_precision": 0.95,
        "via_recall": 0.55,
        "original": 0.64,
        "dates": 0.64,
        "same_recall": 0.8,
    },
    "airline": {
        "via_precision": 0.95,
        "via_recall": 0.8,
        "original": 0.76,
        "dates": 0.76,
        "same_recall": 0.95,
    },
}
"""Per story and measure, the lowest score allowed on the claim map (see ``Score.measures``).
First run (blind; scored by this file on the code before the fixes): riverspill via P 0.67
R 0.20, original 0.48, dates 0.64, same remark 0.60; airline via P 0.80 R 0.67, original
0.76, dates 0.81, same 0.25. After the general fixes: riverspill 1.00 / 0.60 / 0.68 / 0.68 /
0.80; airline 1.00 / 0.83 / 0.81 / 0.81 / 1.00. The claim map holds only the retrieved
statements ("found": riverspill 0.68, airline 0.81), which caps these; anonymity and the
independent-source counts come from attribution and stance and are reported, not floored."""
FLOORS_EVERY: dict[str, dict[str, float]] = {
    "riverspill": {
        "via_precision": 0.95,
        "via_recall": 0.95,
        "original": 0.95,
        "dates": 0.95,
        "same_recall": 0.8,
    },
    "airline": {
        "via_precision": 0.95,
        "via_recall": 0.95,
        "original": 0.95,
        "dates": 0.95,
        "same_recall": 0.95,
    },
}
"""The same on a map over every stored statement (provenance apart from retrieval). First run:
riverspill via P 0.71 R 0.50, original 0.76, dates 0.88, same 0.60; airline 0.80 / 0.67 /
0.90 / 0.90 / 0.25. After: 1.00 / 1.00 / 1.00 / 1.00 / 0.80 and 1.00 / 1.00 / 1.00 / 1.00 /
1.00."""


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


@dataclass
class Score:
    """Hits and misses of one story's map against its key."""

    via_tp: int = 0
    via_fp: int = 0
    via_fn: int = 0
    found: int = 0
    total: int = 0
    original: int = 0
    anonymous: int = 0
    dates: int = 0
    same_found: int = 0
    same_total: int = 0
    same_false: int = 0
    independent: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def measures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "found": ratio(self.found, self.total),
            "via_precision": ratio(self.via_tp, self.via_tp + self.via_fp),
            "via_recall": ratio(self.via_tp, self.via_tp + self.via_fn),
            "original": ratio(self.original, self.total),
            "anonymous": ratio(self.anonymous, self.total),
            "dates": ratio(self.dates, self.total),
            "same_recall": ratio(self.same_found, self.same_total),
            "independent": ratio(
                sum(1 for want, got in self.independent.values() if want == got),
                len(self.independent),
            ),
        }


def _same_name(a: str, b: str) -> bool:
    from claimgraph.link.provenance import same_medium

    return same_medium(a, b) or _norm(a) == _norm(b)


def _match(items: list[Any], quote: str) -> Any | None:
    """The map's statement whose content overlaps ``quote`` most, the shortest on ties (None
    when none does)."""
    best: tuple[int, int] = (0, 0)
    found = None
    for j in items:
        start = j.document.text.find(quote)
        span = j.statement.content
        overlap = min(span.end, start + len(quote)) - max(span.start, start)
        rank = (overlap, -(span.end - span.start))
        if overlap > 0 and rank > best:
            best, found = rank, j
    return found


def _map_everything(store: Any, claim: str) -> Any:
    """The claim map built over every stored statement (no retrieval): provenance and dates
    measured apart from what retrieval finds."""
    from claimgraph.link.claimmap import build_claim_map
    from claimgraph.link.retrieve import Candidate
    from claimgraph.stance import get_judge

    docs = list(store.documents())
    per_doc = {doc.id: list(store.statements(doc_id=doc.id)) for doc in docs}
    candidates = [Candidate(s, d, 0.0) for d in docs for s in per_doc[d.id]]
    return build_claim_map(
        claim,
        candidates,
        judge=get_judge(),
        actors={a.id: a for a, _count in store.actors()},
        vectors=store.embeddings([c.statement.id for c in candidates]),
        doc_statements=per_doc,
        include_unrelated=True,
    )


def score_story(folder: Path, store_path: Path, *, everything: bool = False) -> Score:
    """Add the story's articles to a new store at ``store_path``, map its claim, score it.
    ``everything``: map every stored statement instead of the retrieved ones."""
    import claimgraph
    from claimgraph.link import claim_map

    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    cg = claimgraph.open(store_path)
    try:
        if not store_path.exists() or not list(cg.store.documents()):
            report = cg.add([str(folder)], engine="inline")
            assert report.failed == 0
        if everything:
            cmap = _map_everything(cg.store, key["claim"])
        else:
            cmap = claim_map(cg.store, key["claim"], include_unrelated=True)
    finally:
        cg.close()
    by_file: dict[str, list[Any]] = {}
    for j in cmap.statements:
        by_file.setdefault(Path(j.document.path or "").name, []).append(j)
    score = Score()
    for item in key["statements"]:
        name, quote = item["file"], item["quote"]
        score.total += 1
        j = _match(by_file.get(name, []), quote)
        tag = f"{name[:24]} {quote[:40]!r}"
        if j is None:
            score.via_fn += len(item["via"])
            score.misses.append(f"not in map: {tag}")
            continue
        score.found += 1
        chain = list(j.via_chain)
        middle = chain[1:-1] if len(chain) > 2 else []
        if chain[:1] and any(_same_name(chain[0], v) for v in item["via"]):
            middle = [chain[0], *middle]  # the speaker is the medium ("a report by X")
        for medium in item["via"]:
            if any(_same_name(medium, m) for m in middle):
                score.via_tp += 1
            else:
                score.via_fn += 1
                score.misses.append(f"via missed {medium!r}: {tag} chain {chain}")
        for m in middle:
            if not any(_same_name(m, v) for v in item["via"]):
                score.via_fp += 1
                score.misses.append(f"via wrong {m!r}: {tag} chain {chain}")
        if j.original == item["original"]:
            score.original += 1
        else:
            score.misses.append(f"original want {item['original']}: {tag} chain {chain}")
        if j.statement.anonymous == item["anonymous"]:
            score.anonymous += 1
        else:
            score.misses.append(f"anonymous want {item['anonymous']}: {tag}")
        got = j.statement.date.value if j.statement.date else None
        if got in (item["date"], *item.get("date_also", ())):
            score.dates += 1
        else:
            score.misses.append(f"date want {item['date']} got {got}: {tag}")
    for group in key["same_remark"]:
        items = [_match(by_file.get(f, []), q) for f, q in group]
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                score.same_total += 1
                ja, jb = items[a], items[b]
                if ja is not None and jb is not None and jb.statement.id in ja.same_as:
                    score.same_found += 1
                else:
                    score.misses.append(
                        f"same remark not linked: {group[a][1]!r} ~ {group[b][1]!r}"
                    )
    for side_name, want in key["independent_sources"].items():
        got_count = cmap.independent_sources.get(side_name, 0)
        score.independent[side_name] = (want, got_count)
        if want != got_count:
            score.misses.append(f"independent {side_name} want {want} got {got_count}")
    return score


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Score, Score]]:
    """Per story: (the claim map's score, the score of a map over every stored statement)."""
    base = tmp_path_factory.mktemp("stories2")
    return {
        name: (
            score_story(STORIES / name, base / f"{name}.db"),
            score_story(STORIES / name, base / f"{name}.db", everything=True),
        )
        for name in NAMES
    }


def test_every_story_has_a_key_that_matches_its_articles() -> None:
    assert len(NAMES) >= 2
    for name in NAMES:
        key = json.loads((STORIES / name / "key.json").read_text(encoding="utf-8"))
        files = {p.name for p in (STORIES / name).glob("*.txt")}
        assert set(key["documents"]) == files, name
        for item in key["statements"]:
            text = (STORIES / name / item["file"]).read_text(encoding="utf-8")
            assert text.count(item["quote"]) >= 1, (name, item["quote"])
            assert item["precision"] in ("day", "month", "year")
            assert item["original"] == (not item["via"]), (name, item["quote"])
        for group in key["same_remark"]:
            assert len({f for f, _ in group}) == len(group) >= 2, (name, group)


@pytest.mark.parametrize("name", NAMES)
def test_story_provenance(scores: dict[str, tuple[Score, Score]], name: str) -> None:
    score = scores[name][0]
    measures = score.measures()
    low = {m: (measures[m], floor) for m, floor in FLOORS[name].items() if measures[m] < floor}
    assert not low, (low, score.misses)


@pytest.mark.parametrize("name", NAMES)
def test_story_provenance_of_every_statement(
    scores: dict[str, tuple[Score, Score]], name: str
) -> None:
    score = scores[name][1]
    measures = score.measures()
    floors = FLOORS_EVERY[name]
    low = {m: (measures[m], floor) for m, floor in floors.items() if measures[m] < floor}
    assert not low, (low, score.misses)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for story in sys.argv[1:] or NAMES:
            for every in (False, True):
                s = score_story(STORIES / story, Path(tmp) / f"{story}.db", everything=every)
                line = " ".join(f"{k} {v:.2f}" for k, v in s.measures().items())
                what = "every statement" if every else "claim map"
                print(f"{story} {what} ({s.total} statements): {line}")
                print("    independent (want, got):", s.independent)
                for miss in s.misses:
                    print("   ", miss)
