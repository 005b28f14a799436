"""What a stance judge reads of each statement, made once at analysis time and stored: the
parse of the sentence (or clause) the statement is judged in.

A claim map judges a statement's content in ``statement_context``; the judge parses that
text with the plain spaCy pipeline (``claimgraph.nlp.parse.load_nlp``). Analysis parses the
same texts with the same pipeline here, packs each parse (``claimgraph.nlp.packed``) and
stores it keyed by ``context_key``; the claim map hands the stored parses to the judge
(``StanceJudge.prime_parses``) instead of letting it parse the sentences again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from claimgraph.model import Statement

COMPONENT = "readings.v1"
"""Version of the stored readings (stored with every analysis: an older store's analyses
are stale, and ``claimgraph add --reanalyze`` stores their readings)."""

BATCH = 64
"""Texts per ``nlp.pipe`` batch (as the judge parses them)."""


def statement_context(statement: Statement) -> str | None:
    """The sentence a statement's content is judged in: only the clauses (between
    semicolons) that hold its content and its cue, since another clause has its own cue
    ("X says A proves B; Y rejects the charge")."""
    sentence = statement.sentence
    if sentence is None:
        return None
    text = sentence.text
    if ";" not in text:
        return text
    spans = [statement.content, *([statement.cue] if statement.cue else [])]
    lo = max(0, min(s.start for s in spans) - sentence.start)
    hi = min(len(text), max(s.end for s in spans) - sentence.start)
    left = text.rfind(";", 0, lo) + 1
    right = text.find(";", hi)
    return text[left : right if right >= 0 else len(text)].strip()


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
    from claimgraph.nlp import packed

    if nlp is None:
        from claimgraph.nlp.parse import load_nlp

        nlp = load_nlp()
    texts = list(dict.fromkeys(t for t in (judged_text(s) for s in statements) if t))
    parses = {
        context_key(packed_text): packed.pack(doc)
        for packed_text, doc in zip(texts, nlp.pipe(texts, batch_size=BATCH), strict=True)
    }
    return packed.parser_name(nlp), parses


def keys_of(statements: Sequence[Statement]) -> dict[str, str]:
    """Judged text -> its key, for the statements that have one (what a claim map asks the
    store for)."""
    return {t: context_key(t) for t in (judged_text(s) for s in statements) if t}
