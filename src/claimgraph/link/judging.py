"""Judging statements toward a claim: the claim's id, the sentence a statement is judged
in, the judge's batch call with what the claim map knows of each statement, evidence placed
in the document, and one stance aggregated from several. The sentence a statement is judged
in (``statement_context``) is defined in ``claimgraph.analyze.readings``, where analysis
stores its parse."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence

from claimgraph.analyze.readings import statement_context as statement_context
from claimgraph.model import Claim, Span, Stance, StanceLabel, Statement
from claimgraph.stance.base import StanceJudge

POLAR: tuple[StanceLabel, StanceLabel] = ("supports", "refutes")
SIDE_ORDER = {"supports": 0, "refutes": 1, "neutral": 2, "unrelated": 3}


def make_claim(text: str) -> Claim:
    """A Claim with its id (sha256 of the normalized text, 16 hex digits)."""
    normal = " ".join(text.lower().split())
    return Claim(text=text.strip(), id=hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16])


def _at(text: str, start: int, span: Span) -> Span | None:
    """``span``'s words as found at ``start`` in ``text``, or None when they are not there."""
    end = start + len(span.text)
    return Span.of(text, start, end) if text[start:end] == span.text else None


def _place(text: str, statement: Statement, span: Span) -> Span | None:
    """``span`` (counted from the statement's content or sentence, as a judge read it) as
    offsets into the document's ``text``; None when it cannot be found there."""
    content = statement.content
    if not span.text:
        return None
    found_at = _at(text, content.start + span.start, span)
    if found_at is not None:
        return found_at
    if text[span.start : span.end] == span.text:
        return span
    base = statement.sentence.start if statement.sentence else content.start
    found = text.find(span.text, base)
    if found >= 0 and found < max(content.end, statement.sentence.end if statement.sentence else 0):
        return Span.of(text, found, found + len(span.text))
    return None


def anchor_evidence(text: str, statement: Statement, stance: Stance) -> Stance:
    """``stance`` with its evidence, and the parts its votes read, as offsets into the
    document's ``text``.

    Judges see the content alone, so their evidence spans count from the content's start;
    evidence that cannot be placed becomes the content span, a vote's part that cannot be
    placed is dropped (the vote read the whole statement).
    """
    votes = tuple(
        dataclasses.replace(v, part=_place(text, statement, v.part)) if v.part else v
        for v in stance.votes
    )
    if votes:
        stance = dataclasses.replace(stance, votes=votes)
    ev = stance.evidence
    if ev is None:
        return stance
    return dataclasses.replace(stance, evidence=_place(text, statement, ev) or statement.content)


def shift_votes(stance: Stance, text: str, base: int | None) -> Stance:
    """``stance`` with the parts its votes read (counted from ``base`` in the document's
    ``text``) as document offsets; a part not found there (or with no ``base``) is dropped."""
    if not stance.votes:
        return stance

    def moved(part: Span | None) -> Span | None:
        return _at(text, base + part.start, part) if part is not None and base is not None else None

    return dataclasses.replace(
        stance, votes=tuple(dataclasses.replace(v, part=moved(v.part)) for v in stance.votes)
    )


def judge_statements(
    judge: StanceJudge,
    claim: str,
    statements: Sequence[Statement],
    *,
    texts: Mapping[str, str] | None = None,
) -> list[Stance]:
    """The judge's stance of each statement's content (said in its sentence) toward ``claim``.

    A hedged statement gives a hedged stance when the stance takes a side. With ``texts``
    (document id -> text), evidence spans are placed in the documents.
    """
    if not statements:
        return []
    triples = [(claim, s.content.text, statement_context(s)) for s in statements]
    # who is speaking resolves "we"/"our" and pronouns; the whole article's descriptions
    # ("the arms maker") name the parties
    stances = list(
        judge.judge_many(
            triples,
            speakers=[s.speaker for s in statements],
            affiliations=[s.affiliation for s in statements],
            documents=[texts.get(s.doc_id) for s in statements] if texts is not None else None,
        )
    )
    out: list[Stance] = []
    for statement, stance in zip(statements, stances, strict=True):
        if statement.hedged and stance.label in POLAR and not stance.hedged:
            stance = dataclasses.replace(stance, hedged=True)
        if texts is not None and statement.doc_id in texts:
            stance = anchor_evidence(texts[statement.doc_id], statement, stance)
        out.append(stance)
    return out


def aggregate(stances: Sequence[Stance]) -> Stance:
    """One stance from several: the side with the larger summed confidence (hedged ones
    count half), flagged hedged when every statement on that side is hedged."""
    polar = [s for s in stances if s.label in POLAR]
    if not polar:
        related = [s for s in stances if s.label == "neutral"]
        pool = related or list(stances)
        if not pool:
            return Stance("unrelated", 0.0)
        best = max(pool, key=lambda s: s.confidence)
        return Stance(best.label, best.confidence, best.evidence, False, best.judge, best.votes)
    weight = {side: 0.0 for side in POLAR}
    for s in polar:
        weight[s.label] += s.confidence * (0.5 if s.hedged else 1.0)
    side: StanceLabel = max(POLAR, key=lambda k: (weight[k], k == "supports"))
    winners = [s for s in polar if s.label == side]
    strongest = max(winners, key=lambda s: s.confidence * (0.5 if s.hedged else 1.0))
    share = weight[side] / (sum(weight.values()) or 1.0)
    return Stance(
        side,
        round(strongest.confidence * share, 4),
        strongest.evidence,
        all(s.hedged for s in winners),
        strongest.judge,
        strongest.votes,
    )
