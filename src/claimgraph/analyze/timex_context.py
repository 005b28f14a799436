"""Context rules of the time-expression finder (``claimgraph.analyze.timex``), split from it.

Counting from the text's previous moment ("Two days later"), the day of a wire dateline
(a republished story keeps the day it was reported), and clauses describing a speaker
whose time expressions do not date the remark. Words and patterns are in
``data/timex.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from claimgraph.model import DatePrecision, Document, TimeExpression
from claimgraph.resources import load_data

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12})


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The packaged time-expression lexicon (``data/timex.toml``)."""
    data: dict[str, Any] = load_data("timex.toml")
    return data


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence bounds (end punctuation, line breaks) when no parse is at hand."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def is_point(time: TimeExpression) -> bool:
    """False for expressions marking the start or end of a period ("since 2007")."""
    first = time.span.text.split(maxsplit=1)[0].lower() if time.span.text.strip() else ""
    return first not in lexicon()["not_a_point"]


def later_day(
    kind: str, groups: dict[str, Any], history: Sequence[tuple[date, DatePrecision, bool]]
) -> date | None:
    """ "Two days later" (``kind`` "later"), "the next day" ("following"): the day that many
    days after the text's previous moment known to the day (``history``: the earlier
    resolved expressions as (date, precision, is a point)); None without one, or for an
    uncounted "a few days later"."""
    if kind == "following":
        days = int(lexicon()["following"][groups["phrase"].lower()])
    else:
        number = groups["num"].lower()
        count = int(number) if number.isdigit() else _COUNTS.get(number)
        if count is None:
            return None
        days = count * (7 if groups["unit"].lower() == "week" else 1)
    days_known = [h for h in history if h[2] and h[1] == "day"]
    if not days_known:
        return None
    return days_known[-1][0] + timedelta(days=days)


def describing_clauses(text: str, lo: int, hi: int, refs: set[str]) -> list[tuple[int, int]]:
    """Clauses of ``text[lo:hi]`` that describe someone (", who left the company last month,")
    and name no remark (no word of ``refs``): their time expressions do not date the
    statement."""
    found = []
    for match in re.finditer(lexicon()["describing_clause"], text[lo:hi]):
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", match.group(0))}
        if not words & refs:
            found.append((lo + match.start(), lo + match.end()))
    return found


def dateline_day(doc: Document, times: Sequence[TimeExpression], published: date) -> date | None:
    """The day of ``doc``'s wire dateline ("BRENHOLT, March 4 (Meridian Wire) -") when it is
    before the publication day by at most ``dateline_max_days`` (a republished wire story):
    the day its statements with no time of their own were made. ``times`` are the document's
    resolved time expressions. None otherwise."""
    lex = lexicon()
    match = re.search(lex["dateline"], doc.masked_text()[:2000])
    if match is None:
        return None
    start, end = match.span("when")
    for t in times:
        if start <= t.span.start < end and t.value and t.precision == "day":
            day = date.fromisoformat(t.value)
            if timedelta(0) < published - day <= timedelta(days=int(lex["dateline_max_days"])):
                return day
    return None


# a full stop ends a clause, the dots of an initialism ("U.S.-led", "the U.N. force") do not
_CLAUSE_BREAK = re.compile(r"[,;:!?()\n]|(?<!\b[A-Z])\.(?![\w-])")


def in_period_clause(text: str, start: int) -> bool:
    """True when the time expression at ``start`` stands in a clause opened by a word
    marking the start or end of a period ("since the coalition took the port in 2001"):
    it dates when the period began, not the remark. The clause is the text back to the
    nearest punctuation, at most ``period_clause_chars`` characters."""
    lex = lexicon()
    window = text[max(0, start - int(lex.get("period_clause_chars", 80))) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    return bool(words & set(lex["not_a_point"]) - {"by", "from", "after", "before"})
