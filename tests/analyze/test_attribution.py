"""Attribution: unbalanced quotes, spans and boilerplate, actor merging, and the CLI commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.analyze.attribution import extract, statement_record
from claimgraph.analyze.quotes import inner, quote_regions
from claimgraph.model import Document, Span

# Texts with unbalanced or odd quote marks: extraction must not raise.
UNBALANCED = [
    "“We will win, said the coach.",
    "He said “yes” and then ” no.",
    '"One, "two," three," said Kim.',
    "“Open\n\nand never closed",
    "”",
    "“",
    '"',
    "Nothing quoted here at all.",
    "« Bonjour », dit-il. “And",
    "“a” “b” “c” “d” ” ” “",
]


def _doc(text: str, **kw: object) -> Document:
    return Document(id="t" * 64, text=text, **kw)  # type: ignore[arg-type]


@pytest.mark.model
@pytest.mark.parametrize("text", UNBALANCED)
def test_unbalanced_quotes_never_raise(text: str) -> None:
    _, statements = extract(_doc(text))
    for s in statements:
        assert s.content.text == text[s.content.start : s.content.end]


@pytest.mark.model
def test_spans_are_offsets_into_the_text_and_boilerplate_is_skipped() -> None:
    text = (
        "Subscribe now, said the newsletter team.\n\n"
        "“The dam is safe,” said engineer Marta Silva.\n\n"
        "Read more: officials said nothing."
    )
    boiler = (Span.of(text, 0, 40), Span.of(text, text.index("Read more"), len(text)))
    actors, statements = extract(_doc(text, boilerplate=boiler))
    assert [s.speaker for s in statements] == ["Marta Silva"]
    s = statements[0]
    for span in (s.content, s.source, s.cue, s.sentence):
        assert span is not None and text[span.start : span.end] == span.text
    assert s.content.text == "The dam is safe"
    assert [a.name for a in actors] == ["Marta Silva"]
    record = statement_record(s, file="a.txt")
    assert record["content"] == {
        "start": s.content.start,
        "end": s.content.end,
        "text": "The dam is safe",
    }
    assert record["speaker"] == "Marta Silva" and record["kind"] == "direct"


@pytest.mark.model
def test_actors_merge_within_a_document_and_stay_distinct() -> None:
    text = (
        "General John Nicholson said the base was secure.\n\n"
        "Gen. Nicolson said later that the troops would stay.\n\n"
        "Russia’s Foreign Ministry said the report was false. "
        "The Russian MFA also said Moscow had sent nothing."
    )
    actors, statements = extract(_doc(text))
    by_name = {a.name: a for a in actors}
    assert "John Nicholson" in by_name and by_name["John Nicholson"].kind == "person"
    assert "Nicolson" in by_name["John Nicholson"].aliases
    ministry = by_name["Russian Foreign Ministry"]
    assert ministry.id == "russian-foreign-ministry" and ministry.kind == "government"
    speakers = [s.speaker for s in statements]
    assert speakers.count("John Nicholson") == 2 and speakers.count("Russian Foreign Ministry") == 2


def test_quote_regions_pair_curly_and_straight_marks() -> None:
    text = 'He said “one” and "two" then “three'
    regions = quote_regions(text)
    assert [text[s:e] for s, e in regions] == ["“one”", '"two"', "“three"]
    s, e = inner(text, *regions[0])
    assert text[s:e] == "one"


def test_quote_region_left_open_closes_at_the_paragraph_end() -> None:
    text = "“First paragraph goes on\n“Second one closes.”"
    regions = quote_regions(text)
    assert [text[s:e] for s, e in regions] == ["“First paragraph goes on", "“Second one closes.”"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab “”"«»\n.,')), max_size=60))
def test_quote_regions_never_raise_and_stay_in_bounds(text: str) -> None:
    for s, e in quote_regions(text):
        assert 0 <= s < e <= len(text)
        a, b = inner(text, s, e)
        assert s <= a <= b <= e


@pytest.mark.model
def test_quotes_command_prints_jsonl_with_offsets(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimgraph.cli import app

    text = "Local news\n\n“The harbour will reopen on Friday,” port director Ines Varga told the Coast Gazette.\n"
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) == 1
    rec = records[0]
    assert rec["speaker"] == "Ines Varga" and rec["kind"] == "direct" and rec["anonymous"] is False
    for key in ("source", "cue", "content"):
        span = rec[key]
        assert text[span["start"] : span["end"]] == span["text"]
    assert rec["content"]["text"] == "The harbour will reopen on Friday"
    assert rec["file"].endswith("article.txt")


@pytest.mark.model
def test_actors_command_merges_institutions_across_documents(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import claimgraph
    from claimgraph.cli import app
    from claimgraph.model import DocAnalysis

    db = tmp_path / "a.db"
    texts = [
        "“The dam is safe,” said engineer Marta Silva. Russia’s Foreign Ministry said the report was false.",
        "The Russian MFA denied that troops had crossed. Marta Silva said the dam was inspected.",
    ]
    with claimgraph.open(db) as cg:
        for i, text in enumerate(texts):
            doc = Document(id=str(i) * 64, text=text)
            actors, statements = extract(doc)
            cg.store.put(
                doc, DocAnalysis(doc_id=doc.id, actors=tuple(actors), statements=tuple(statements))
            )
        counts = {actor.id: n for actor, n in cg.actors()}
    assert counts == {"marta-silva": 2, "russian-foreign-ministry": 2}
    result = CliRunner().invoke(app, ["actors", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    ministry = next(r for r in rows if r["id"] == "russian-foreign-ministry")
    assert ministry["statements"] == 2 and ministry["kind"] == "government"
    assert {"Russia’s Foreign Ministry", "Russian MFA"} <= set(ministry["aliases"])


_WORDS = [
    "said",
    "told",
    "CNN",
    "Ana Ruiz",
    "he",
    "according",
    "to",
    "the",
    "minister",
    ":",
    "\n\n",
]


@pytest.mark.model
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(_WORDS + ["“", "”", '"', "''", "«", "»", ",", "."]),
        max_size=30,
    )
)
def test_extract_never_raises_on_odd_quote_soup(words: list[str]) -> None:
    text = " ".join(words)
    actors, statements = extract(_doc(text))
    ids = {a.id for a in actors}
    for s in statements:
        assert s.content.text == text[s.content.start : s.content.end]
        assert s.actor_id is None or s.actor_id in ids


def test_quotes_command_fails_cleanly_when_nothing_can_be_read(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimgraph.cli import app
    from claimgraph.errors import InputError

    result = CliRunner().invoke(app, ["quotes", str(tmp_path / "missing.txt"), "--jsonl"])
    assert result.exit_code == InputError.exit_code
    assert result.stdout.strip() == ""
