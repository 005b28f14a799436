"""Near-duplicate detection (the same story syndicated): MinHash over word shingles with LSH bands.

Every stored document keeps its signature and band keys; a new document is compared with
the documents sharing a band key, so the lookup cost does not grow with the store.

Why not datasketch's ``MinHash``: ``python bench/near_duplicates.py --docs 1000`` gives the
same accuracy (mean |error| of the Jaccard estimate 0.032 here, 0.035 datasketch; 43 vs 46
pairs of 1,000 on the wrong side of the threshold) and this one computes signatures about
1.4 times faster (vectorised over all shingles at once). Its ``MinHashLSH`` keeps the index in
memory or Redis, while the band keys here live in the store's own tables; and a switch would
change every stored signature. So this hand-written piece stays while the bench says so.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from claimgraph.model import Document

SHINGLE = 5
"""Words per shingle."""
PERMUTATIONS = 64
"""MinHash values per signature."""
BANDS = 16
"""LSH bands (PERMUTATIONS / BANDS rows each): candidates from Jaccard ~0.5 up."""
THRESHOLD = 0.7
"""Estimated Jaccard similarity from which two texts are near-duplicates."""

_WORD = re.compile(r"\w+", re.UNICODE)
_SEEDS = np.random.default_rng(20240501).integers(
    1, np.iinfo(np.uint64).max, size=PERMUTATIONS, dtype=np.uint64
)
_C1 = np.uint64(0xBF58476D1CE4E5B9)
_C2 = np.uint64(0x94D049BB133111EB)


def _shingles(text: str) -> np.ndarray:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    hashes = {
        int.from_bytes(
            hashlib.blake2b(" ".join(words[i : i + SHINGLE]).encode(), digest_size=8).digest(),
            "little",
        )
        for i in range(len(words) - SHINGLE + 1)
    }
    return np.fromiter(hashes, dtype=np.uint64, count=len(hashes))


def signature(doc: Document) -> np.ndarray | None:
    """The MinHash signature of a document's article text, or None when it is too short."""
    shingles = _shingles(doc.masked_text())
    if shingles.size == 0:
        return None
    with np.errstate(over="ignore"):
        mixed = shingles[None, :] ^ _SEEDS[:, None]
        mixed = (mixed ^ (mixed >> np.uint64(30))) * _C1
        mixed = (mixed ^ (mixed >> np.uint64(27))) * _C2
        mixed = mixed ^ (mixed >> np.uint64(31))
    return np.asarray(mixed.min(axis=1), dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    """The LSH band keys of a signature."""
    rows = PERMUTATIONS // BANDS
    return [
        f"{band:02d}"
        + hashlib.blake2b(sig[band * rows : (band + 1) * rows].tobytes(), digest_size=8).hexdigest()
        for band in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<u8").astype(np.uint64)
