"""A claim's statements over time by side, and when each actor's stance changed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.link.retrieve import lexicon
from claimgraph.model import (
    PLACED_DATE_KINDS,
    ClaimMap,
    DatePrecision,
    JudgedStatement,
    StanceLabel,
)

EXCERPT_CHARS = 160


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One dated statement of a claim map."""

    date: str | None
    """ISO date (day, month or year) or None when undated."""
    precision: DatePrecision | None
    """Granularity of ``date``."""
    inferred: bool
    """True when the date is the article's publication date rather than the text's."""
    side: StanceLabel
    """The statement's stance toward the claim."""
    hedged: bool
    """A hedged support or refutation."""
    actor: str
    """Who said it ("(writer)" for the article's own voice)."""
    actor_id: str | None
    """The actor's id."""
    excerpt: str
    """The statement's content, cut to ``EXCERPT_CHARS``."""
    doc_id: str
    """The document it stands in."""
    statement_id: str
    """The statement."""
    not_before: bool = False
    """True when ``date`` only bounds the statement's date from below (an undated article
    naming an earlier year)."""
    phase: int = 0
    """-1 when the text places it before the article's time ("had long denied"), 1 after
    ("no longer denies"), 0 otherwise; orders statements sharing a date."""
    kind: str = "undated"
    """What the date is (``claimgraph.model.DateKind``): only "published" and "stated"
    dates place the row on the timeline; the others are listed apart, as undated."""
    via_document: str | None = None
    """The other article the date was taken from (a report of the same remark), if any."""

    @property
    def placed(self) -> bool:
        """True when the row has a place on the timeline."""
        return self.date is not None and self.kind in PLACED_DATE_KINDS


@dataclass(frozen=True, slots=True)
class StanceChange:
    """An actor's stance moving from one side to another."""

    actor: str
    actor_id: str | None
    before: StanceLabel
    after: StanceLabel
    before_date: str | None
    after_date: str | None
    before_statement: str
    """Id of the last statement on the earlier side."""
    after_statement: str
    """Id of the first statement on the later side."""


def _phrase_in(text: str, phrases: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases)


def phase(item: JudgedStatement) -> int:
    """Where the text places the statement relative to the article's time (see TimelineRow)."""
    st = item.statement
    window = st.sentence.text if st.sentence else st.content.text
    if st.cue is not None and st.sentence is not None:
        start = max(0, st.cue.start - st.sentence.start - 30)
        window = st.sentence.text[start : st.cue.end - st.sentence.start + 5]
    window = window.lower()
    lex = lexicon()
    if _phrase_in(window, lex["later_markers"]):
        return 1
    if _phrase_in(window, lex["earlier_markers"]):
        return -1
    return 0


def _sort_key(row: TimelineRow) -> tuple[int, str, int, bool, str]:
    return (not row.placed, row.date or "", row.phase, row.inferred, row.statement_id)


def timeline(cmap: ClaimMap) -> list[TimelineRow]:
    """Rows (date, precision, side, actor, excerpt, document) sorted by date; the rows not
    placed on the timeline (``TimelineRow.placed`` false: a bound, an inferred date, none)
    last, as undated.

    Statements sharing a date are ordered by the text's own markers ("had long denied"
    before "no longer denies").
    """
    rows: list[TimelineRow] = []
    for item in cmap.statements:
        st = item.statement
        when = st.date
        excerpt = " ".join(st.content.text.split())
        if len(excerpt) > EXCERPT_CHARS:
            excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
        actor = (
            "(writer)"
            if st.kind == "authorial"
            else st.speaker or (st.source.text if st.source else "?")
        )
        rows.append(
            TimelineRow(
                date=when.value if when else None,
                precision=when.precision if when else None,
                inferred=when.inferred if when else False,
                not_before=when.not_before if when else False,
                side=item.stance.label,
                hedged=item.stance.hedged,
                actor=actor,
                actor_id=st.actor_id,
                excerpt=excerpt,
                doc_id=st.doc_id,
                statement_id=st.id,
                phase=phase(item),
                kind=(when.kind or "undated") if when else "undated",
                via_document=when.via_document if when else None,
            )
        )
    rows.sort(key=_sort_key)
    return rows


def stance_changes(cmap: ClaimMap) -> list[StanceChange]:
    """Each time an actor's statements, in timeline order, move between supports and refutes."""
    changes: list[StanceChange] = []
    by_actor: dict[str, list[TimelineRow]] = {}
    for row in timeline(cmap):
        if not row.placed or row.actor == "(writer)" or row.side not in ("supports", "refutes"):
            continue
        by_actor.setdefault(row.actor_id or row.actor, []).append(row)
    for rows in by_actor.values():
        for before, after in zip(rows, rows[1:], strict=False):
            if before.side != after.side:
                changes.append(
                    StanceChange(
                        actor=after.actor,
                        actor_id=after.actor_id,
                        before=before.side,
                        after=after.side,
                        before_date=before.date,
                        after_date=after.date,
                        before_statement=before.statement_id,
                        after_statement=after.statement_id,
                    )
                )
    return changes
