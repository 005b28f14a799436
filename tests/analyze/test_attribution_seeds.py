"""On the seed articles, every quote and reported statement is found with the right speaker.

Names and phrases below come from the project's issue text; the articles themselves are read
from the shared folder (``seeds_dir``), never copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.analyze.attribution import extract
from claimgraph.analyze.quotes import inner, quote_regions
from claimgraph.model import Document, Statement

pytestmark = [pytest.mark.model, pytest.mark.shared]

_cache: dict[str, tuple[str, list[Statement]]] = {}


def _run(seeds_dir: Path, prefix: str) -> tuple[str, list[Statement]]:
    if prefix not in _cache:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        text = path.read_text(encoding="utf-8")
        _, statements = extract(Document(id=prefix * 16, text=text))
        _cache[prefix] = (text, statements)
    return _cache[prefix]


def _by(statements: list[Statement], speaker_part: str) -> list[Statement]:
    return [s for s in statements if s.speaker and speaker_part in s.speaker]


@pytest.mark.parametrize(
    ("prefix", "speaker", "at_least", "via", "anonymous"),
    [
        ("000", "Sediq Sediqi", 2, "CNN", False),
        ("000", "Niazi", 1, "CNN", False),
        ("000", "Joseph Votel", 1, None, False),
        ("000", "John Nicholson", 2, None, False),
        ("001", "John Nicholson", 3, None, False),
        ("001", "Mattis", 3, None, False),
        ("002", "Maria Zakharova", 3, None, False),
        ("003", "Suheil Shahin", 4, "RIA Novosti", False),
        ("004", "Zamir Kabulov", 6, "Anadolu Agency", False),
        ("004", "Taliban official", 3, "Reuters", True),
        ("004", "Hashim Wahdatyar", 1, "The Diplomat", False),
        ("004", "Maria Zakharova", 1, None, False),
        ("004", "John Nicholson", 2, None, False),
    ],
)
def test_named_and_anonymous_sources(
    seeds_dir: Path, prefix: str, speaker: str, at_least: int, via: str | None, anonymous: bool
) -> None:
    _, statements = _run(seeds_dir, prefix)
    theirs = _by(statements, speaker)
    assert len(theirs) >= at_least, [(s.speaker, s.kind, s.content.text[:50]) for s in statements]
    if via is not None:
        assert any(s.via == via for s in theirs), [(s.via, s.content.text[:40]) for s in theirs]
    assert all(s.anonymous == anonymous for s in theirs)


def test_sediqi_role_and_affiliation(seeds_dir: Path) -> None:
    _, statements = _run(seeds_dir, "000")
    first = _by(statements, "Sediq Sediqi")[0]
    assert first.role == "a spokesman for the Afghan government"
    assert first.affiliation == "Afghan Government"
    assert first.kind == "direct" and first.cue_lemma == "tell"


def test_nicolson_misspelling_and_negated_non_refutation(seeds_dir: Path) -> None:
    _, statements = _run(seeds_dir, "000")
    negated = [s for s in _by(statements, "John Nicholson") if s.negated]
    assert negated, "the 'does not refute' statement should be negated"
    assert any(s.source and s.source.text == "Gen. Nicolson" for s in negated)
    assert "does not refute" in negated[0].content.text


def test_independent_not_refuting_and_not_dispute(seeds_dir: Path) -> None:
    _, statements = _run(seeds_dir, "001")
    nicholson = _by(statements, "John Nicholson")
    assert any(
        s.kind == "mixed" and "not refuting" in s.content.text and s.negated for s in nicholson
    )
    assert any(s.negated and "would not dispute" in s.content.text for s in nicholson)


def test_shahin_pronoun_quotes_resolved(seeds_dir: Path) -> None:
    _, statements = _run(seeds_dir, "003")
    shahin = _by(statements, "Suheil Shahin")
    pronoun_quotes = [
        s for s in shahin if s.source is not None and s.source.text == "he" and s.kind == "direct"
    ]
    assert len(pronoun_quotes) >= 2
    assert all(s.via == "RIA Novosti" for s in pronoun_quotes)


def test_kabulov_colon_block_and_descriptions(seeds_dir: Path) -> None:
    text, statements = _run(seeds_dir, "004")
    kabulov = _by(statements, "Zamir Kabulov")
    blocks = [s for s in kabulov if s.kind == "colon_block"]
    assert len(blocks) == 1
    block = blocks[0]
    assert block.source is not None and block.source.text == "The Russian official"
    cue_line_end = text.index("\n", block.cue.start) if block.cue else -1
    assert block.content.start > cue_line_end  # the block is on the following paragraphs
    assert block.content.text.count("\n\n") == 2  # three paragraphs, not the next attribution
    sources = {s.source.text for s in kabulov if s.source}
    assert {"Putin’s envoy", "he", "Kabulov"} <= sources
    assert all(s.via == "Anadolu Agency" for s in kabulov)


def test_wahdatyar_op_ed_block(seeds_dir: Path) -> None:
    _, statements = _run(seeds_dir, "004")
    (op_ed,) = _by(statements, "Hashim Wahdatyar")
    assert (
        op_ed.kind == "colon_block" and op_ed.cue_lemma == "write" and op_ed.via == "The Diplomat"
    )
    assert op_ed.content.text.count("\n\n") == 2


def test_russian_foreign_ministry_refusal_and_denial(seeds_dir: Path) -> None:
    _, statements = _run(seeds_dir, "000")
    ministry = [s for s in statements if s.actor_id == "russian-foreign-ministry"]
    kinds = {s.cue_lemma: s.kind for s in ministry}
    assert kinds.get("refuse") == "refusal" and "dismiss" in kinds


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_quote_has_a_speaker(seeds_dir: Path, prefix: str) -> None:
    text, statements = _run(seeds_dir, prefix)
    attributed = [s for s in statements if s.speaker]
    missing = []
    for start, end in quote_regions(text):
        s, e = inner(text, start, end)
        if len(text[s:e].split()) < 6:
            continue  # scare quotes and short phrases in the writer's own voice
        if not any(st.content.start <= s + 1 and e - 1 <= st.content.end for st in attributed):
            missing.append(text[s:e][:60])
    assert not missing, missing
