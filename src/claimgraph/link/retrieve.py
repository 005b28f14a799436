"""Candidate statements for a claim: full-text search plus embedding similarity.

The store's full-text index finds statements sharing words with the claim; stored
statement embeddings (when the documents were analysed with them) find paraphrases
("supplying weapons" for "arming"). Both are scored, merged and cut to ``limit`` so the
stance judge sees only the best candidates.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from claimgraph.model import Document, Statement

MAX_SCAN = 50_000
"""Statements whose embeddings are compared with the claim, at most."""
MIN_SCORE = 0.2
"""Candidates scoring below this (cosine or word overlap) are not judged."""


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The packaged lexicon of claim maps (``data/link.toml``)."""
    data = resources.files("claimgraph").joinpath("data/link.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Lowercased, crudely stemmed words of ``text`` without stopwords."""
    stop = set(lexicon()["stopwords"])
    return {
        _stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop and len(w) > 1
    }


def word_overlap(claim: str, text: str) -> float:
    """Share of the claim's content words found in ``text`` (0..1)."""
    wanted = content_words(claim)
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
) -> list[tuple[Statement, float]]:
    """Each statement with its retrieval score, best first."""
    scored: list[tuple[Statement, float]] = []
    for statement in statements:
        text = statement.sentence.text if statement.sentence else statement.content.text
        score = max(word_overlap(claim, statement.content.text), 0.8 * word_overlap(claim, text))
        if claim_vector is not None and vectors and statement.id in vectors:
            vector = np.asarray(vectors[statement.id], dtype=np.float32)
            norm = float(np.linalg.norm(vector)) or 1.0
            score = max(score, float(claim_vector @ vector) / norm)
        scored.append((statement, score))
    scored.sort(key=lambda item: -item[1])
    return scored


def retrieve(
    store: Any,
    claim: str,
    *,
    limit: int = 200,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
    min_score: float = MIN_SCORE,
) -> list[Candidate]:
    """The ``limit`` best candidate statements for ``claim`` in ``store``.

    ``embed`` defaults to ``claimgraph.stance.embed.embed``; it is called only when the
    store holds statement embeddings.
    """
    found: dict[str, Statement] = {s.id: s for s in store.search_statements(claim, limit=limit * 2)}
    ids: list[str] = []
    for statement in store.statements():
        if len(ids) >= MAX_SCAN:
            break
        ids.append(statement.id)
        found.setdefault(statement.id, statement)
    vectors: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), 2000):
        vectors.update(store.embeddings(ids[i : i + 2000]))
    claim_vector: np.ndarray | None = None
    if vectors:
        if embed is None:
            from claimgraph.stance.embed import embed as default_embed

            embed = default_embed
        claim_vector = np.asarray(embed([claim])[0], dtype=np.float32)
        claim_vector /= float(np.linalg.norm(claim_vector)) or 1.0
    scored = score_statements(claim, found.values(), claim_vector=claim_vector, vectors=vectors)
    documents: dict[str, Document] = {}
    candidates: list[Candidate] = []
    for statement, score in scored[:limit]:
        if score < min_score:
            break
        if statement.doc_id not in documents:
            documents[statement.doc_id] = store.document(statement.doc_id)
        candidates.append(Candidate(statement, documents[statement.doc_id], score))
    return candidates
