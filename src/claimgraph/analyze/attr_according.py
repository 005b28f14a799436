"""The "according to X, ..." attribution: a preposition, not a verb, carries the cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.analyze.attr_source import seen_by, source_span
from claimgraph.analyze.attr_spans import Found, subtree_span, trim_span
from claimgraph.analyze.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def according_to(sent: SpacySpan) -> list[Token]:
    """The "according" tokens of "according to X" in a sentence."""
    out = []
    for tok in sent:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
            out.append(tok)
    return out


def build_according_to(tok: Token, text: str) -> Found | None:
    """ "according to X, ..." / "..., according to X"."""
    to = tok.nbor(1)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ in ("pobj", "prep")), None)
        if pobj is not None and pobj.dep_ == "prep":
            pobj = next((c for c in pobj.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    pp_start = tok.idx
    pp_end = (subtree_span(pobj)[1]) if pobj is not None else to.idx + len(to)
    before = trim_span(text, sent.start_char, pp_start)
    after = trim_span(text, pp_end, sent.end_char)
    if after is not None:
        s, e = after
        while e > s and text[e - 1] in ".!?":
            e -= 1
        after = (s, e) if e > s else None
    parts = [p for p in (before, after) if p is not None and p[1] - p[0] > 3]
    if not parts:
        return None
    content = max(parts, key=lambda p: p[1] - p[0])
    source = source_span(text, pobj) if pobj is not None else None
    ctoks = [t for t in sent if content[0] <= t.idx < content[1]]
    return Found(
        speaker_override=seen_by(pobj),
        cue_start=tok.idx,
        cue_end=to.idx + len(to),
        cue_lemma="according to",
        content=content,
        source=source,
        source_root=pobj,
        cue_token=tok,
        kind="according_to",
        hedged=any(t.lower_ in lexicon().hedges for t in ctoks),
        via=None,
        sentence=(sent.start_char, sent.end_char),
    )
