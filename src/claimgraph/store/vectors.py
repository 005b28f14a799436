"""Nearest-statement search over stored embeddings: sign-bit codes in memory, exact re-ranking.

Every stored embedding also gets a code of its sign bits (48 bytes for 384 dimensions) in
``embedding_bits``. A store keeps the codes in memory (appending new rows on each query), ranks
all statements by Hamming distance to the query's code, and re-ranks the best few thousand by
exact cosine on their float32 vectors. 1M statements take ~50 MB of codes; one scan is a few
tens of milliseconds.
"""

from __future__ import annotations

import numpy as np

OVERSAMPLE = 10
"""Candidates re-ranked exactly per result asked for."""
MIN_CANDIDATES = 1000
"""Candidates re-ranked exactly, at least."""

_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def sign_bits(vector: np.ndarray | list[float]) -> bytes:
    """The packed sign bits of a vector."""
    return np.packbits(np.asarray(vector, dtype=np.float32) > 0).tobytes()


def hamming(codes: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Hamming distance of each row of ``codes`` (uint8, packed bits) to ``query``."""
    if hasattr(np, "bitwise_count") and codes.shape[1] % 8 == 0 and codes.flags.c_contiguous:
        # 64 bits at a time: ~7x faster than byte by byte on a million codes
        wide = np.bitwise_xor(codes.view(np.uint64), np.ascontiguousarray(query).view(np.uint64))
        np.bitwise_count(wide, out=wide)
        return wide.sum(axis=1, dtype=np.int32)
    xor = np.bitwise_xor(codes, query[None, :])
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(xor).sum(axis=1, dtype=np.int32)
    return _POPCOUNT[xor].sum(axis=1, dtype=np.int32)


class BitIndex:
    """The sign-bit codes of one store's embeddings, by dimension, appended as rows arrive."""

    def __init__(self) -> None:
        self.last_seq: dict[int, int] = {}
        self._ids: dict[int, list[str]] = {}
        self._chunks: dict[int, list[np.ndarray]] = {}
        self._codes: dict[int, np.ndarray] = {}

    def add(self, dim: int, rows: list[tuple[int, str, bytes]]) -> None:
        """Append ``(seq, statement id, code)`` rows (in seq order) for vectors of ``dim``."""
        if not rows:
            return
        width = (dim + 7) // 8
        block = np.frombuffer(b"".join(bytes(r[2]) for r in rows), dtype=np.uint8).reshape(
            -1, width
        )
        self._ids.setdefault(dim, []).extend(r[1] for r in rows)
        self._chunks.setdefault(dim, []).append(block)
        self.last_seq[dim] = int(rows[-1][0])

    def _matrix(self, dim: int) -> np.ndarray:
        chunks = self._chunks.get(dim)
        if chunks:
            parts = ([self._codes[dim]] if dim in self._codes else []) + chunks
            self._codes[dim] = np.concatenate(parts)
            self._chunks[dim] = []
        return self._codes.get(dim, np.empty((0, (dim + 7) // 8), dtype=np.uint8))

    def candidates(self, vector: np.ndarray, count: int) -> list[str]:
        """Ids of the ``count`` statements whose codes are nearest the vector's code."""
        dim = int(vector.size)
        codes = self._matrix(dim)
        if codes.shape[0] == 0:
            return []
        query = np.frombuffer(sign_bits(vector), dtype=np.uint8)
        distances = hamming(codes, query)
        if count < distances.size:
            best = np.argpartition(distances, count)[:count]
        else:
            best = np.arange(distances.size)
        ids = self._ids[dim]
        return list(dict.fromkeys(ids[i] for i in best[np.argsort(distances[best], kind="stable")]))


def rerank(
    vector: np.ndarray, vectors: dict[str, np.ndarray], limit: int
) -> list[tuple[str, float]]:
    """(statement id, cosine) of the ``limit`` vectors most similar to ``vector``."""
    if not vectors:
        return []
    query = np.asarray(vector, dtype=np.float32)
    query = query / (float(np.linalg.norm(query)) or 1.0)
    ids = list(vectors)
    matrix = np.stack([vectors[i] for i in ids]).astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    scores = (matrix @ query) / norms
    order = np.argsort(-scores, kind="stable")[:limit]
    return [(ids[i], float(scores[i])) for i in order]
