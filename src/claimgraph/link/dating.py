"""Dates across articles: a statement with no date that places it on a timeline takes the
date of another stored article's statement reporting the same remark or event, and says
which (``StatementDate.via_document``, ``via_statement``).

Every other date is computed once, at analysis (``claimgraph.analyze.timex``), and stored
with its kind; this module only reads stored statements.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence

from claimgraph.model import Statement, StatementDate

__all__ = ["MIN_JACCARD", "MIN_SHARED_WORDS", "borrow_dates", "same_report"]

MIN_SHARED_WORDS = 6
"""Content words two statements must share to report the same remark or event."""
MIN_JACCARD = 0.6
"""And the share of their content words in common (intersection over union)."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "as",
        "but",
        "not",
        "no",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _SMALL}


def same_report(a: Statement, b: Statement) -> bool:
    """True when ``a`` and ``b`` (of different documents) report the same remark or event:
    their contents share at least ``MIN_SHARED_WORDS`` content words and ``MIN_JACCARD`` of
    them."""
    if a.doc_id == b.doc_id:
        return False
    wa, wb = _words(a.content.text), _words(b.content.text)
    shared = len(wa & wb)
    return shared >= MIN_SHARED_WORDS and shared / max(1, len(wa | wb)) >= MIN_JACCARD


def _borrowed(date: StatementDate, source: Statement) -> StatementDate:
    return StatementDate(
        date.value,
        date.precision,
        inferred=True,
        span=None,  # the evidence is in the other article: via_statement points at it
        kind=date.kind,
        via_document=source.doc_id,
        via_statement=source.id,
    )


def borrow_dates(
    statements: Sequence[Statement],
    pool: Iterable[Statement],
    *,
    more: Callable[[Statement], Iterable[Statement]] | None = None,
) -> list[Statement]:
    """``statements`` where each one whose date is not placed (bound, inferred or none)
    takes the earliest placed date of a statement of another document that reports the
    same remark or event (``same_report``), found in ``pool`` or in ``more(statement)``
    (e.g. a full-text search of the store). Others are returned unchanged."""
    dated = [s for s in pool if s.date is not None and s.date.placed and not s.date.via_document]
    out: list[Statement] = []
    for st in statements:
        if st.date is not None and st.date.placed:
            out.append(st)
            continue
        found = [o for o in dated if same_report(st, o)]
        if not found and more is not None:
            found = [
                o
                for o in more(st)
                if o.date is not None
                and o.date.placed
                and not o.date.via_document
                and same_report(st, o)
            ]
        if not found:
            out.append(st)
            continue
        source = min(found, key=lambda o: (o.date.value if o.date else "", o.id))
        assert source.date is not None
        out.append(dataclasses.replace(st, date=_borrowed(source.date, source)))
    return out
