"""The sign-bit index: Hamming distances and candidates against a plain computation."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.store.vectors import BitIndex, hamming, sign_bits


def _reference(codes: np.ndarray, query: np.ndarray) -> np.ndarray:
    bits = np.unpackbits(codes, axis=1) != np.unpackbits(query)[None, :]
    return bits.sum(axis=1).astype(np.int32)


@pytest.mark.parametrize("width", [48, 5, 16])
def test_hamming_matches_bit_by_bit_count(width: int) -> None:
    rng = np.random.default_rng(width)
    codes = rng.integers(0, 256, size=(257, width), dtype=np.uint8)
    query = rng.integers(0, 256, size=width, dtype=np.uint8)
    assert np.array_equal(hamming(codes, query), _reference(codes, query))
    # a sliced (non-contiguous) matrix takes the byte path and agrees too
    assert np.array_equal(hamming(codes[::2], query), _reference(codes[::2], query))


def test_candidates_rank_the_nearest_code_first() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((500, 384)).astype(np.float32)
    index = BitIndex()
    index.add(384, [(i, f"s{i}", sign_bits(v)) for i, v in enumerate(vectors)])
    query = vectors[137] + 0.01 * rng.standard_normal(384).astype(np.float32)
    found = index.candidates(query, 10)
    assert found[0] == "s137"
    assert len(found) == 10
