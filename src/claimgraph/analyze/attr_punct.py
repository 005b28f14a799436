"""Attributions marked by punctuation, not by a verb: “…” ― Name, and "Name: what they said".

``attribution.extract`` adds these after the verb-cued attributions of the parse.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from claimgraph.analyze.actors import is_actor_name, is_heading_label
from claimgraph.analyze.attr_spans import Found
from claimgraph.analyze.quotes import inner

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan


_DASH_NAME = re.compile(r"[ \t]*[―—–][ \t]*([A-Z][\w.’'-]+(?:[ \t]+[A-Z][\w.’'-]+){0,3})")
_HEADLINE_NAME = re.compile(r"([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]+){0,3}):[ \t]+(\S[^\n]*)")


def punctuation_attributions(
    parsed: SpacyDoc, text: str, regions: list[tuple[int, int]], found: list[Found]
) -> list[Found]:
    """Attributions marked by punctuation: “…” ― Name; and headlines "Name: what they said"."""
    out: list[Found] = []
    taken = [f.content for f in found if f.content is not None]
    for rs, re_ in regions:
        m = _DASH_NAME.match(text, re_)
        if m is None or any(c[0] <= rs + 1 and re_ - 1 <= c[1] for c in taken):
            continue
        out.append(
            _punct_found(
                parsed,
                text,
                m.start(1),
                m.end(1),
                (m.start() + len(m.group()) - len(m.group().lstrip())),
                inner(text, rs, re_),
                "direct",
            )
        )
    lines = [
        (m, hm)
        for m in re.finditer(r"^[^\n]+", text, flags=re.M)
        if (hm := _HEADLINE_NAME.fullmatch(m.group())) is not None
    ]
    labels = Counter(hm.group(1) for _, hm in lines)
    for m, hm in lines:
        s, e = m.start() + hm.start(1), m.start() + hm.end(1)
        span = parsed.char_span(s, e, alignment_mode="expand")
        if span is None or not _label_speaks(span, labels[hm.group(1)]):
            continue
        content = (m.start() + hm.start(2), m.start() + hm.end(2))
        out.append(
            _punct_found(
                parsed, text, s, e, e, content, "direct" if text[content[0]] in '“"' else "indirect"
            )
        )
    return [f for f in out if f.content is not None and f.content[1] > f.content[0]]


def _label_speaks(span: SpacySpan, count: int) -> bool:
    """ "Name: words" opens a line: a speaker when the label is a person's or an organisation's
    name, or a transcript's speaker tag used on several lines ("Q:", "TAPPER:"); never a
    heading label ("Update:", "Related:", ``non_actors.tsv`` class "label")."""
    if is_heading_label(span.text):
        return False
    if all(t.ent_type_ == "PERSON" for t in span) or all(t.ent_type_ == "ORG" for t in span):
        return True
    return count >= 2 and len(span) <= 2 and is_actor_name(span.text, "")


def _punct_found(
    parsed: SpacyDoc, text: str, s: int, e: int, cue_at: int, content: tuple[int, int], kind: str
) -> Found:
    span = parsed.char_span(s, e, alignment_mode="expand")
    root = span.root if span is not None else None
    cue_start = cue_at
    while cue_start < len(text) and text[cue_start].isspace():
        cue_start += 1
    if text[cue_start : cue_start + 1] not in ("―", "—", "–", ":"):
        cue_start = e
    cs, ce = inner(text, *content)
    return Found(
        cue_start=cue_start,
        cue_end=cue_start + 1,
        cue_lemma=text[cue_start],
        content=(cs, ce) if ce > cs else content,
        source=(s, e),
        source_root=root,
        cue_token=None,
        kind=kind,
        sentence=(min(s, content[0]), max(e, content[1])),
    )
