"""Candidate statements for a claim: full-text search plus embedding similarity.

The store's full-text index finds statements sharing words with the claim; its vector index
(``nearest_statements``: sign-bit codes plus exact re-ranking) finds paraphrases ("supplying
weapons" for "arming"). Only these candidates are read and scored -- never every statement
of the store -- then merged and cut to ``limit`` so the stance judge sees only the best.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimgraph.model import Document, Statement
from claimgraph.resources import load_data
from claimgraph.store.base import Store

MIN_SCORE = 0.2
"""Candidates scoring below this (cosine or word overlap) are not judged."""
FTS_FACTOR = 2
"""Full-text hits asked for per candidate wanted."""
VECTOR_FACTOR = 2
"""Nearest neighbours (by embedding) asked for per candidate wanted."""


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The packaged lexicon of claim maps (``data/link.toml``)."""
    data: dict[str, Any] = load_data("link.toml")
    return data


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(lexicon()["stopwords"])


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> set[str]:
    """Lowercased, crudely stemmed words of ``text`` without stopwords."""
    stop = _stopwords()
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in stop and len(w) > 1}


@functools.lru_cache(maxsize=1024)
def _claim_words(claim: str) -> frozenset[str]:
    return frozenset(content_words(claim))


def word_overlap(claim: str, text: str) -> float:
    """Share of the claim's content words found in ``text`` (0..1)."""
    wanted = _claim_words(claim)
    if not wanted:
        return 0.0
    return len(wanted & content_words(text)) / len(wanted)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement that may bear on a claim, with the document it stands in."""

    statement: Statement
    """The statement."""
    document: Document
    """Its document."""
    score: float = 0.0
    """Retrieval score: the larger of embedding cosine and word overlap."""


def score_statements(
    claim: str,
    statements: Iterable[Statement],
    *,
    claim_vector: np.ndarray | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
    cosines: Mapping[str, float] | None = None,
) -> list[tuple[Statement, float]]:
    """Each statement with its retrieval score, best first.

    ``cosines`` (statement id -> cosine with the claim) are used as given; ``vectors`` are
    compared with ``claim_vector`` for the others.
    """
    scored: list[tuple[Statement, float]] = []
    for statement in statements:
        text = statement.sentence.text if statement.sentence else statement.content.text
        score = max(word_overlap(claim, statement.content.text), 0.8 * word_overlap(claim, text))
        if cosines and statement.id in cosines:
            score = max(score, float(cosines[statement.id]))
        elif claim_vector is not None and vectors and statement.id in vectors:
            vector = np.asarray(vectors[statement.id], dtype=np.float32)
            if vector.size != claim_vector.size:  # embedded by another model: not comparable
                scored.append((statement, score))
                continue
            norm = float(np.linalg.norm(vector)) or 1.0
            score = max(score, float(claim_vector @ vector) / norm)
        scored.append((statement, score))
    scored.sort(key=lambda item: -item[1])
    return scored


@functools.lru_cache(maxsize=256)
def _default_claim_vector(claim: str) -> np.ndarray | None:
    """The claim's embedding by ``claimgraph.nlp.embed`` (cached: claims repeat), or None
    when the embedding model is not available."""
    from claimgraph.errors import ModelError

    try:
        from claimgraph.nlp.embed import embed as default_embed

        vector = np.asarray(default_embed([claim])[0], dtype=np.float32)
    except (ImportError, ModelError):
        return None
    vector = vector / (float(np.linalg.norm(vector)) or 1.0)
    vector.setflags(write=False)
    return vector


def claim_vector(
    claim: str, embed: Callable[[Sequence[str]], np.ndarray] | None = None
) -> np.ndarray | None:
    """The unit embedding of ``claim`` (by ``embed``, default the packaged model, cached)."""
    if embed is None:
        return _default_claim_vector(claim)
    vector = np.asarray(embed([claim])[0], dtype=np.float32)
    return vector / (float(np.linalg.norm(vector)) or 1.0)


def statements_by_id(store: Store, ids: Sequence[str]) -> list[Statement]:
    """The statements of ``store`` with these ids (in that order, missing ones left out)."""
    wanted = list(dict.fromkeys(ids))
    return store.statements_by_id(wanted) if wanted else []


def retrieve(
    store: Store,
    claim: str,
    *,
    limit: int = 200,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
    min_score: float = MIN_SCORE,
) -> list[Candidate]:
    """The ``limit`` best candidate statements for ``claim`` in ``store``.

    Candidates are the store's full-text hits (``search_statements``) and, when the store
    holds statement embeddings, the claim's nearest statements (``nearest_statements``);
    ``embed`` defaults to ``claimgraph.nlp.embed.embed`` (the claim's vector is cached).
    """
    found: dict[str, Statement] = {
        s.id: s for s in store.search_statements(claim, limit=limit * FTS_FACTOR)
    }
    cosines: dict[str, float] = {}
    vector = claim_vector(claim, embed)
    if vector is not None:
        cosines = dict(store.nearest_statements(vector, limit=limit * VECTOR_FACTOR))
        if cosines:
            missing = [i for i in cosines if i not in found]
            for statement in statements_by_id(store, missing):
                found.setdefault(statement.id, statement)
    vectors: dict[str, np.ndarray] = {}
    if vector is not None:
        unscored = [i for i in found if i not in cosines]
        if unscored:
            vectors = store.embeddings(unscored)
    scored = score_statements(
        claim, found.values(), claim_vector=vector, vectors=vectors, cosines=cosines
    )
    documents: dict[str, Document] = {}
    candidates: list[Candidate] = []
    for statement, score in scored[:limit]:
        if score < min_score:
            break
        if statement.doc_id not in documents:
            documents[statement.doc_id] = store.document(statement.doc_id)
        candidates.append(Candidate(statement, documents[statement.doc_id], score))
    return candidates
