"""Authorial statements: check-worthy sentences in the writer's own voice.

"Halvern Biologics concealed cases of liver damage from the regulator" in an editorial is
said by no quoted source: the outlet asserts it. A sentence is authorial when no attribution
covers it and it is a plain declarative clause about someone or something checkable: a
finite verb with a subject, a named entity or a number, not a question, not a headline,
byline or date line, not inside quotation marks and not in the first or second person.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from claimgraph.analyze.attr_lines import dateline_end, title_lines
from claimgraph.analyze.attr_spans import trim_span
from claimgraph.model import Document, Span, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

COMPONENT = "attribution.v2"
MIN_TOKENS = 6
MAX_TOKENS = 70
_CHECKABLE_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
)
_PERSONAL = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
_QUOTES = '"“”«»'


def authorial_statements(
    doc: Document,
    parsed: SpacyDoc,
    attributed: list[Statement],
    regions: list[tuple[int, int]],
) -> list[Statement]:
    """Authorial statements of ``doc`` (parsed as ``parsed``): sentences no statement in
    ``attributed`` covers, outside the quoted ``regions``."""
    text = doc.text
    titles = [(s, e) for s, e, _ in title_lines(parsed.text)]
    covered: list[tuple[int, int]] = []
    for st in attributed:
        covered.append((st.content.start, st.content.end))
        if st.sentence is not None:
            covered.append((st.sentence.start, st.sentence.end))
    out: list[Statement] = []
    for sent in parsed.sents:
        span = _checkworthy(sent, text, titles, covered, regions)
        if span is None:
            continue
        out.append(
            Statement(
                id=hashlib.sha256(f"{doc.id}:{span[0]}:{span[1]}:authorial".encode()).hexdigest()[
                    :16
                ],
                doc_id=doc.id,
                kind="authorial",
                content=Span.of(text, *span),
                sentence=Span.of(text, *span),
                component=COMPONENT,
            )
        )
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def _checkworthy(
    sent: SpacySpan,
    text: str,
    titles: list[tuple[int, int]],
    covered: list[tuple[int, int]],
    regions: list[tuple[int, int]],
) -> tuple[int, int] | None:
    start, end = sent.start_char, sent.end_char
    dl = dateline_end(text, start)
    if dl is not None and start <= dl < end:
        start = dl
    span = trim_span(text, start, end)
    if span is None:
        return None
    body = text[span[0] : span[1]]
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not MIN_TOKENS <= len(words) <= MAX_TOKENS or not body.endswith("."):
        return None
    if any(q in body for q in _QUOTES) or _overlaps(span, regions):
        return None
    if _overlaps(span, titles) or _overlaps(span, covered):
        return None
    root = sent.root
    finite = ("VBD", "VBZ", "VBP", "MD")
    if (root.pos_ not in ("VERB", "AUX") or root.tag_ not in finite) and not any(
        c.dep_ == "aux" and c.tag_ in finite for c in root.children
    ):
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in _PERSONAL or subj.lower_ in ("it", "this", "that"):
        return None
    if any(t.lower_ in _PERSONAL for t in sent if t.dep_ in ("nsubj", "poss")):
        return None
    if not any(ent.label_ in _CHECKABLE_ENTS for ent in sent.ents) and not any(
        t.pos_ == "PROPN" or t.like_num for t in sent
    ):
        return None  # nothing named or counted: nothing to check
    return span
