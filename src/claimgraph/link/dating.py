"""Undated articles in a claim map: statements dated by what the text says, the corpus
bounding how late that text may be read (``claimgraph.analyze.timex.infer_published``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from claimgraph.model import Document, Statement

__all__ = ["HORIZON_YEARS", "corpus_horizon", "date_undated"]

HORIZON_YEARS = 5
"""An undated article of a corpus is placed at most this many years after the corpus's
latest dated article (and never after today)."""


def corpus_horizon(published: Iterable[str | None], *, today: date | None = None) -> date:
    """The latest plausible date of an undated article in a corpus whose articles were
    published on ``published`` (ISO dates, None for undated ones)."""
    from claimgraph.analyze.timex import parse_iso

    today = today or date.today()
    dates = [a.day for p in published if (a := parse_iso(p)) is not None]
    if not dates:
        return today
    latest = max(dates)
    return min(today, latest.replace(year=latest.year + HORIZON_YEARS, day=min(latest.day, 28)))


def date_undated(
    doc: Document, statements: Sequence[Statement], *, not_after: date
) -> list[Statement]:
    """``statements`` of the undated ``doc`` that have no date or an inferred one, dated by
    what its text says (``claimgraph.analyze.timex``), the corpus bounding how late the text
    may be read."""
    from claimgraph.analyze import timex

    def redo(st: Statement) -> bool:
        # analysis dated them without knowing the corpus: only what the text says outright
        # (not inferred) is kept
        return st.date is None or not st.date.value or st.date.inferred

    if doc.published or not any(redo(s) for s in statements):
        return list(statements)
    dated = timex.date_statements(doc, statements, timex.find_times(doc), not_after=not_after)
    return [new if redo(old) else old for old, new in zip(statements, dated, strict=True)]
