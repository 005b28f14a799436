"""Predicates that say the same in other words ("wounded" / "injured", "chopped off" / "cut
off"), from word vectors of the packaged sentence encoder (``claimgraph.nlp.embed``).

Only predicates outside the class table are compared this way: the table's classes (arm,
fund, contact...) stay distinct however close their words are. Without the encoder
installed no two different predicates are paraphrases.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

SAME_PREDICATE = 0.5
"""Cosine of two predicate phrases above which they are one predicate."""


def predicate_phrase(token: Any) -> str:
    """The lemma of a predicate with its particles ("cut off", "break into")."""
    particles = [str(c.lemma_).lower() for c in token.children if c.dep_ == "prt"]
    return " ".join([str(token.lemma_).lower(), *particles])


CACHE_SIZE = 4096
"""Predicate phrases whose vectors are kept in-process."""

_vectors: OrderedDict[str, Any | None] = OrderedDict()
_lock = threading.Lock()


def _embed(texts: list[str]) -> list[Any | None]:
    from claimgraph.errors import ModelError
    from claimgraph.nlp import embed

    try:
        return list(embed.embed(texts))
    except ModelError:
        return [None] * len(texts)


def _store(text: str, vector: Any | None) -> None:
    _vectors[text] = vector
    if len(_vectors) > CACHE_SIZE:
        _vectors.popitem(last=False)


def prime(phrases: Iterable[str]) -> None:
    """Embed the predicate phrases not seen before in one encoder call (a judge calls this
    with the predicates of a whole batch of statements before comparing them)."""
    with _lock:
        todo = [p for p in dict.fromkeys(phrases) if p and p not in _vectors]
        if todo:
            for text, vector in zip(todo, _embed(todo), strict=True):
                _store(text, vector)


def _vector(text: str) -> Any | None:
    with _lock:
        if text in _vectors:
            _vectors.move_to_end(text)
            return _vectors[text]
        vector = _embed([text])[0]
        _store(text, vector)
        return vector


def similarity(first: str, second: str) -> float:
    """Cosine of the two phrases' vectors; 0.0 without the encoder."""
    if first == second:
        return 1.0
    a, b = _vector(first), _vector(second)
    if a is None or b is None:
        return 0.0
    return float(a @ b)


def same_predicate(first: Any, second: Any) -> bool:
    """The two predicate tokens are paraphrases of each other."""
    if first.pos_ != second.pos_ or first.pos_ not in ("VERB", "NOUN"):
        return False
    return similarity(predicate_phrase(first), predicate_phrase(second)) >= SAME_PREDICATE


def prime_readings(claim_tokens: Iterable[Any], stmt_tokens: Iterable[Any]) -> None:
    """``prime`` the phrases ``same_predicate`` may compare: the claim's predicate tokens and
    the statements' predicate tokens of the same part of speech (VERB or NOUN)."""
    claims = [t for t in claim_tokens if t.pos_ in ("VERB", "NOUN")]
    pos = {t.pos_ for t in claims}
    stmts = [t for t in stmt_tokens if t.pos_ in pos]
    if claims and stmts:
        prime(predicate_phrase(t) for t in [*claims, *stmts])


def forget() -> None:
    """Drop the in-process phrase vectors (tests; a changed encoder)."""
    with _lock:
        _vectors.clear()
