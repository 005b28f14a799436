"""Predicates that say the same in other words ("wounded" / "injured", "chopped off" / "cut
off"), from word vectors of the packaged sentence encoder (``claimgraph.nlp.embed``).

Only predicates outside the class table are compared this way: the table's classes (arm,
fund, contact...) stay distinct however close their words are. Without the encoder
installed no two different predicates are paraphrases.
"""

from __future__ import annotations

import functools
from typing import Any

SAME_PREDICATE = 0.5
"""Cosine of two predicate phrases above which they are one predicate."""


def predicate_phrase(token: Any) -> str:
    """The lemma of a predicate with its particles ("cut off", "break into")."""
    particles = [str(c.lemma_).lower() for c in token.children if c.dep_ == "prt"]
    return " ".join([str(token.lemma_).lower(), *particles])


@functools.lru_cache(maxsize=4096)
def _vector(text: str) -> Any | None:
    from claimgraph.errors import ModelError
    from claimgraph.nlp import embed

    try:
        return embed.embed([text])[0]
    except ModelError:
        return None


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
