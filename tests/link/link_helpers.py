"""Hand-built documents, statements and a fake stance judge for the link tests."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from claimgraph.model import Document, Span, Stance, Statement, StatementDate
from claimgraph.stance.base import JudgeBase


def make_doc(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    path: str | None = None,
) -> Document:
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if title is not None and not text.startswith(title):
        raise AssertionError("tests put the title first in the text")
    return Document(
        id=doc_id, text=text, title=title, outlet=outlet, published=published, path=path
    )


def span_of(text: str, part: str, *, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span.of(text, start, start + len(part))


def make_statement(
    doc: Document,
    sentence: str,
    content: str,
    *,
    speaker: str | None = None,
    actor_id: str | None = None,
    cue: str | None = None,
    cue_lemma: str | None = None,
    kind: str = "indirect",
    anonymous: bool = False,
    hedged: bool = False,
    negated: bool = False,
    via: str | None = None,
    date: StatementDate | None = None,
) -> Statement:
    sent = span_of(doc.text, sentence)
    body = span_of(doc.text, content, after=sent.start)
    cue_span = span_of(doc.text, cue, after=sent.start) if cue else None
    source = (
        span_of(doc.text, speaker, after=sent.start) if speaker and speaker in sentence else None
    )
    sid = hashlib.sha256(f"{doc.id}:{body.start}:{body.end}".encode()).hexdigest()[:16]
    return Statement(
        id=sid,
        doc_id=doc.id,
        kind=kind,  # type: ignore[arg-type]
        content=body,
        source=source,
        cue=cue_span,
        cue_lemma=cue_lemma,
        speaker=speaker,
        actor_id=actor_id,
        anonymous=anonymous,
        via=via,
        hedged=hedged,
        negated=negated,
        sentence=sent,
        date=date,
    )


class KeywordJudge(JudgeBase):
    """A fake judge: the first rule whose words all occur in the text (or its context) decides.

    Rules are (words, label, hedged); texts matching none are ``unrelated``. Records every
    call so tests can check what was judged.
    """

    name = "fake.v1"

    def __init__(self, rules: Sequence[tuple[Sequence[str], str, bool]]) -> None:
        self.rules = list(rules)
        self.calls: list[tuple[str, str, str | None]] = []

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        self.calls.append((claim, text, context))
        lowered = f"{text} {context or ''}".lower()
        for words, label, hedged in self.rules:
            if all(w in lowered for w in words):
                return Stance(label, 0.9 if not hedged else 0.6, None, hedged, self.name)  # type: ignore[arg-type]
        return Stance("unrelated", 0.8, None, False, self.name)

    def judge_many(self, pairs: Sequence[tuple[str, str, str | None]], **_: Any) -> list[Stance]:
        return [self.judge(c, t, context=x) for c, t, x in pairs]
