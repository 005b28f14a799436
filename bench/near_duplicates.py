"""Near-duplicate MinHash: the store's own (``claimgraph.store.dedup``) against datasketch.

    python bench/near_duplicates.py              # 300 invented articles, 64 permutations

For pairs of invented articles with a known share of edited words it prints, for each
implementation, the mean absolute error of the estimated Jaccard similarity against the
exact one, the share of pairs on the wrong side of the 0.7 threshold, and signatures/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np

from claimgraph.model import Document
from claimgraph.store import dedup

WORDS = tuple(
    [
        "minister",
        "port",
        "harbour",
        "rifles",
        "border",
        "ship",
        "convoy",
        "report",
        "said",
        "denied",
        "officials",
        "brigade",
        "council",
        "river",
        "valley",
        "market",
        "tax",
        "drones",
        "supply",
        "weapons",
        "election",
        "court",
        "judge",
        "village",
        "road",
        "night",
        "morning",
        "army",
        "police",
        "trader",
        "customs",
        "office",
        "statement",
        "evidence",
        "claim",
        "audit",
    ]
)


def article(rng: random.Random, words: int) -> list[str]:
    return [rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(words)]


def edited(rng: random.Random, text: list[str], share: float) -> list[str]:
    out = list(text)
    for i in rng.sample(range(len(out)), int(share * len(out))):
        out[i] = rng.choice(WORDS) + str(rng.randrange(40, 80))
    return out


def shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i : i + dedup.SHINGLE]) for i in range(len(words) - dedup.SHINGLE + 1)}


def ours(words: list[str]) -> np.ndarray:
    text = " ".join(words)
    sig = dedup.signature(Document(id="x", text=text))
    assert sig is not None
    return sig


def theirs(words: list[str]) -> np.ndarray:
    from datasketch import MinHash

    m = MinHash(num_perm=dedup.PERMUTATIONS, seed=1)
    m.update_batch([s.encode() for s in shingles(words)])
    return np.asarray(m.hashvalues)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    rng = random.Random(7)
    pairs = []
    for _ in range(args.docs):
        base = article(rng, args.words)
        share = rng.choice((0.0, 0.01, 0.03, 0.05, 0.1, 0.2, 0.4))
        other = edited(rng, base, share)
        a, b = shingles(base), shingles(other)
        pairs.append((base, other, len(a & b) / len(a | b)))
    for name, make in (("claimgraph.store.dedup", ours), ("datasketch.MinHash", theirs)):
        start = time.perf_counter()
        sigs = [(make(a), make(b), exact) for a, b, exact in pairs]
        seconds = time.perf_counter() - start
        errors = [abs(float(np.mean(x == y)) - exact) for x, y, exact in sigs]
        wrong = sum(
            (float(np.mean(x == y)) >= dedup.THRESHOLD) != (exact >= dedup.THRESHOLD)
            for x, y, exact in sigs
        )
        print(
            f"{name:24s} mean |error| {statistics.mean(errors):.4f}  "
            f"wrong side of {dedup.THRESHOLD}: {wrong}/{len(sigs)}  "
            f"{2 * len(sigs) / seconds:,.0f} signatures/s"
        )


if __name__ == "__main__":
    main()
