"""Document identity and near-duplicate detection.

``document_id`` hashes the normalized article text (boilerplate excluded, whitespace collapsed,
case-folded), so re-ingesting an article is a no-op whatever its page furniture. Syndicated
copies of one story differ in a few words: ``near_duplicate_key`` (a 64-bit SimHash over word
shingles) puts them a few bits apart, and ``similarity`` (Jaccard of word shingles) scores them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORDS = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
SHINGLE = 3
KEY_BITS = 64
NEAR_DUPLICATE_DISTANCE = 6
"""Keys at most this many bits apart are near-duplicates (for texts of a paragraph or more)."""
NEAR_DUPLICATE_SIMILARITY = 0.6
"""``similarity`` at or above this marks a near-duplicate."""


def normalize(text: str) -> str:
    """Whitespace collapsed, NFKC, case-folded: what the document id hashes."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def document_id(masked_text: str) -> str:
    """sha256 hex of the normalized text (pass ``Document.masked_text()``)."""
    return hashlib.sha256(normalize(masked_text).encode("utf-8")).hexdigest()


def _shingles(text: str) -> set[str]:
    words = _WORDS.findall(normalize(text))
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def near_duplicate_key(text: str) -> str:
    """A 64-bit SimHash (16 hex digits) of the text's word 3-shingles.

    Copies of one story get keys a few bits apart; compare keys with ``key_distance``.
    """
    weights = [0] * KEY_BITS
    for shingle in _shingles(text):
        value = int.from_bytes(
            hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big"
        )
        for bit in range(KEY_BITS):
            weights[bit] += 1 if value >> bit & 1 else -1
    key = sum(1 << bit for bit in range(KEY_BITS) if weights[bit] > 0)
    return f"{key:016x}"


def key_distance(a: str, b: str) -> int:
    """Number of differing bits between two ``near_duplicate_key`` values."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the word 3-shingles of two texts, in [0, 1]."""
    left, right = _shingles(a), _shingles(b)
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


def is_near_duplicate(a: str, b: str, *, threshold: float = NEAR_DUPLICATE_SIMILARITY) -> bool:
    """True when two texts are copies of one story (similarity at or above ``threshold``)."""
    return similarity(a, b) >= threshold
