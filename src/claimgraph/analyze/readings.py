"""What a stance judge reads of each statement, made once at analysis time and stored: the
parse of the sentence (or clause) the statement is judged in.

A claim map judges a statement's content in ``statement_context``; a judge without stored
parses parses that text alone with the plain spaCy pipeline (``claimgraph.nlp.parse.load_nlp``).
Analysis cuts the same text from the parse of the whole document (same pipeline, so no
sentence is parsed twice), packs it (``claimgraph.nlp.packed``) and stores it keyed by
``context_key``; the claim map hands the stored parses to the judge
(``StanceJudge.prime_parses``) instead of letting it parse the sentences again. A sentence
parsed inside its document can read differently from the same sentence parsed alone (the
tagger sees the neighbouring words): a store analysed before ``readings.v2`` holds the
lone-sentence parses until ``claimgraph add --reanalyze``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from claimgraph.model import Statement

COMPONENT = "readings.v2"
"""Version of the stored readings (stored with every analysis: an older store's analyses
are stale, and ``claimgraph add --reanalyze`` stores their readings)."""

BATCH = 64
"""Texts per ``nlp.pipe`` batch (as the judge parses them)."""


def context_bounds(statement: Statement) -> tuple[int, int] | None:
    """Character offsets (in the document) of the text a statement's content is judged in:
    its sentence, or only the clauses (between semicolons) that hold its content and its
    cue, since another clause has its own cue ("X says A proves B; Y rejects the charge")."""
    sentence = statement.sentence
    if sentence is None:
        return None
    text = sentence.text
    if ";" not in text:
        return sentence.start, sentence.end
    spans = [statement.content, *([statement.cue] if statement.cue else [])]
    lo = max(0, min(s.start for s in spans) - sentence.start)
    hi = min(len(text), max(s.end for s in spans) - sentence.start)
    left = text.rfind(";", 0, lo) + 1
    right = text.find(";", hi)
    right = right if right >= 0 else len(text)
    piece = text[left:right]
    left += len(piece) - len(piece.lstrip())
    right = left + len(piece.strip())
    return sentence.start + left, sentence.start + right


def statement_context(statement: Statement) -> str | None:
    """The text a statement's content is judged in (``context_bounds``)."""
    bounds = context_bounds(statement)
    if bounds is None or statement.sentence is None:
        return None
    sentence = statement.sentence
    return sentence.text[bounds[0] - sentence.start : bounds[1] - sentence.start]


def context_key(text: str) -> str:
    """The key a parse of ``text`` is stored under (blake2b of the text, 32 hex digits)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def judged_text(statement: Statement) -> str | None:
    """The text the judge parses for ``statement``: its context when the context holds its
    content (the judge then reads the content inside it), else None (the judge parses the
    content alone, a short text not worth storing)."""
    context = statement_context(statement)
    if context and statement.content.text and statement.content.text in context:
        return context
    return None


def parse_contexts(
    statements: Iterable[Statement], *, nlp: Any | None = None
) -> tuple[str, dict[str, bytes]]:
    """(parser name, context key -> packed parse) of the judged texts of ``statements``,
    each distinct text parsed once. ``nlp``: the pipeline (default ``load_nlp()``, the
    judge's default)."""
    return contexts_of(None, statements, nlp=nlp)


def contexts_of(
    parsed: Any | None, statements: Iterable[Statement], *, nlp: Any | None = None
) -> tuple[str, dict[str, bytes]]:
    """(parser name, context key -> packed parse) of the judged texts of ``statements``,
    cut from ``parsed``, the parse of their document made by ``nlp`` (default
    ``load_nlp()``): no sentence is parsed twice. A judged text that is not a span of
    ``parsed`` (past the parsed length, or masked boilerplate) is parsed on its own."""
    from claimgraph.nlp import packed

    if nlp is None:
        from claimgraph.nlp.parse import load_nlp

        nlp = load_nlp()
    parses: dict[str, bytes] = {}
    todo: dict[str, None] = {}
    for statement in statements:
        text = judged_text(statement)
        if not text:
            continue
        key = context_key(text)
        if key in parses:
            continue
        span = _span_of(parsed, statement, text)
        if span is None:
            todo[text] = None
        else:
            parses[key] = packed.pack_span(span)
    texts = [t for t in todo if context_key(t) not in parses]
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=BATCH), strict=True):
        parses[context_key(text)] = packed.pack(doc)
    return packed.parser_name(nlp), parses


def _span_of(parsed: Any | None, statement: Statement, text: str) -> Any | None:
    """The span of ``parsed`` that is exactly ``text``, the statement's judged text."""
    bounds = context_bounds(statement)
    if parsed is None or bounds is None:
        return None
    span = parsed.char_span(bounds[0], bounds[1])
    return span if span is not None and span.text == text else None


def keys_of(statements: Sequence[Statement]) -> dict[str, str]:
    """Judged text -> its key, for the statements that have one (what a claim map asks the
    store for)."""
    return {t: context_key(t) for t in (judged_text(s) for s in statements) if t}
