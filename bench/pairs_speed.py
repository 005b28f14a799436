"""Throughput of the sentence-pair model (``--judge pairs``) on claim/sentence pairs.

Every pair has its own claim and sentence (no cache hits): with ``--data`` FEVER-format
pairs (``dev.raw.input1`` claims, ``dev.raw.input0`` sentences), else invented sentences made
from a small grammar. Prints pairs per second (target: at least 100 on the CPU) and, with
``--combined``, the same for the combined default judge.

    python bench/pairs_speed.py [--data ../shared/data/fever-pairs] [--pairs 1000] [--combined]
        [--batch-size 64 16] [--claims K]

``--claims K``: the pairs share K claims (a claim map judges one claim against many
sentences, so its claim is encoded once); by default every pair has its own claim.

``--batch-size`` times the pairs judge once per encoder batch size, in one run (the machine is
shared: compare the ratio).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

AGENTS = ("Norland", "Tessia", "the Pell council", "Valdoria", "the Korvan Front", "Maro Ltd")
VERBS = ("shipped tanks to", "paid", "trained", "denied arming", "sold drones to", "met")
OBJECTS = ("the Brisa Guard", "rebels in the south", "the harbour police", "a Selin militia")
TAILS = ("on Tuesday", "last year", "officials said", "according to a report", "in 2019")


def invented(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        claim = f"{rng.choice(AGENTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (case {i})"
        text = (
            f"{rng.choice(AGENTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(TAILS)}, and {rng.choice(AGENTS)} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)} {i} times."
        )
        out.append((claim, text))
    return out


def from_fever(folder: Path, n: int) -> list[tuple[str, str]]:
    claims = (folder / "dev.raw.input1").read_text("utf-8").splitlines()
    texts = (folder / "dev.raw.input0").read_text("utf-8").splitlines()
    return list(zip(claims, texts, strict=True))[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--combined", action="store_true")
    parser.add_argument("--batch-size", type=int, nargs="*", default=[])
    parser.add_argument("--claims", type=int, default=0)
    args = parser.parse_args()
    from claimgraph.stance import get_judge
    from claimgraph.stance.pairs import PairJudge, load_pair_model

    pairs = from_fever(args.data, args.pairs) if args.data else invented(args.pairs, args.seed)
    if args.claims > 0:
        claims = [c for c, _ in pairs[: args.claims]]
        pairs = [(claims[i % len(claims)], t) for i, (_, t) in enumerate(pairs)]
    from claimgraph.nlp import embed

    for size in args.batch_size or [embed.BATCH_SIZE]:
        embed.BATCH_SIZE = size
        judge = PairJudge(load_pair_model())  # a fresh judge: no cached word-piece vectors
        judge.judge_many([("A warm-up claim", "A warm-up sentence.", None)])  # loads the encoder
        started = time.perf_counter()
        stances = judge.judge_many([(c, t, None) for c, t in pairs])
        seconds = time.perf_counter() - started
        rate = len(stances) / seconds
        print(
            f"pairs judge (batch {size}): {len(stances)} pairs in {seconds:.1f}s = {rate:.0f} pairs/s"
        )
    if args.combined:
        combined = get_judge("combined")
        combined.judge_many([("A warm-up claim", "A warm-up sentence.", None)])
        few = pairs[: max(1, len(pairs) // 5)]
        started = time.perf_counter()
        out = combined.judge_many([(c, t, None) for c, t in few])
        seconds = time.perf_counter() - started
        print(
            f"combined judge: {len(out)} pairs in {seconds:.1f}s = {len(out) / seconds:.1f} pairs/s"
        )


if __name__ == "__main__":
    main()
