"""Benchmark 3: claim-map latency on a large store.

    python bench/latency.py                        # builds a 20000-document store, 5 claims
    python bench/latency.py --docs 100000 --db /tmp/big.db   # issue 7's size (kept for reuse)

The store is SYNTHETIC: generated articles with synthetic analyses (one statement per
sentence, random unit 384-d embeddings) written straight through the store API, without
spaCy or the embedding model, so a large store takes minutes, not hours. Then each claim goes
through ``claimgraph.link.claim_map`` (full-text + vector-index retrieval, stance judging of
at most ``judge_limit`` candidates with the default judge) and the median latency is printed
(target: <= 2 s at 100k documents). The first, cold call (model loading, codes of the vector
index read) is reported apart. Recall of the vector index against an exact scan is measured
only on stores of at most ``--recall-max`` documents (the scan reads every embedding).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import article  # noqa: E402

CLAIMS = [
    "Kestrel Dynamics supplied combat drones to the Northern Liberation Front",
    "The Ministry of Ports financed secret payments",
    "Valdosa Shipping smuggled rifles to the border police",
    "The central bank approved export licences",
    "The Armatura Group hid cargo manifests",
    "The harbour authority delivered fuel shipments to Tarsinia",
]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def build(store, count: int, *, seed: int = 11, parses: bool = False) -> None:  # noqa: ANN001
    """Store ``count`` synthetic documents; with ``parses``, also the parse of every
    statement's sentence, as analysis stores it (``claimgraph.analyze.readings``; this
    parses every sentence with spaCy, so it is slow)."""
    from claimgraph.analyze.readings import parse_contexts
    from claimgraph.model import Actor, DocAnalysis, Document, Span, Statement

    rng = np.random.default_rng(seed)
    have = store.count()
    start = time.perf_counter()
    for index in range(have, count):
        text = article(index, seed=seed, paragraphs=5)
        doc_id = hashlib.sha256(text.encode()).hexdigest()
        title_end = text.index("\n")
        doc = Document(
            id=doc_id,
            text=text,
            title=text[:title_end],
            outlet="Bench Wire",
            published="2024-05-01",
            paragraphs=tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)),
        )
        statements, embeddings = [], {}
        actor = Actor(id=f"speaker-{index % 500}", name=f"Speaker {index % 500}", kind="person")
        for m in _SENTENCE.finditer(text, title_end):
            span = Span.of(text, m.start() + (len(m.group()) - len(m.group().lstrip())), m.end())
            sid = hashlib.sha256(f"{doc_id}{span.start}".encode()).hexdigest()[:24]
            statements.append(
                Statement(
                    id=sid,
                    doc_id=doc_id,
                    kind="indirect",
                    content=span,
                    sentence=span,
                    speaker=actor.name,
                    actor_id=actor.id,
                )
            )
            vector = rng.standard_normal(384).astype(np.float32)
            embeddings[sid] = (vector / np.linalg.norm(vector)).tolist()
        parser, packed = parse_contexts(statements) if parses else ("", {})
        store.put(
            doc,
            DocAnalysis(
                doc_id=doc_id,
                actors=(actor,),
                statements=tuple(statements),
                embeddings=embeddings,
                components={"bench": "v1"},
                parses=packed,
                parser=parser,
            ),
        )
        done = index + 1 - have
        if done % 2000 == 0:
            rate = done / (time.perf_counter() - start)
            print(f"  built {index + 1}/{count} documents ({rate:.0f} docs/s)", flush=True)


def _exact_top(store, queries: np.ndarray, limit: int) -> list[set[str]]:  # noqa: ANN001
    """Exact top-``limit`` statement ids per query, scanning every stored embedding in chunks."""
    best: list[list[tuple[float, str]]] = [[] for _ in queries]
    chunk: list[str] = []

    def scan() -> None:
        vectors = store.embeddings(chunk)
        ids = [i for i in chunk if i in vectors]
        if not ids:
            return
        matrix = np.stack([vectors[i] for i in ids])
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        scores = matrix @ queries.T
        for q in range(len(queries)):
            top = np.argsort(-scores[:, q])[:limit]
            best[q] = sorted(best[q] + [(float(scores[t, q]), ids[t]) for t in top], reverse=True)[
                :limit
            ]

    for statement in store.statements():
        chunk.append(statement.id)
        if len(chunk) == 20000:
            scan()
            chunk.clear()
    scan()
    return [{sid for _, sid in b} for b in best]


def retrieval(store, *, queries: int = 5, limit: int = 200) -> None:  # noqa: ANN001
    """Latency of the store's retrieval primitives, and recall@limit of nearest_statements."""
    rng = np.random.default_rng(3)
    sample = [s.id for _, s in zip(range(5000), store.statements(), strict=False)]
    stored = store.embeddings(sample)
    picks = rng.choice(len(sample), size=queries, replace=False)
    sources = [sample[i] for i in picks]
    noisy = np.stack(
        [
            stored[s]
            + 0.5 / np.sqrt(stored[s].size) * rng.standard_normal(stored[s].size).astype(np.float32)
            for s in sources
        ]
    )
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    start = time.perf_counter()
    store.nearest_statements(noisy[0], limit=limit)
    print(f"nearest_statements cold (codes loaded): {time.perf_counter() - start:.2f} s")
    warm, found = [], []
    for query in noisy:
        start = time.perf_counter()
        found.append(store.nearest_statements(query, limit=limit))
        warm.append(time.perf_counter() - start)
    exact = _exact_top(store, noisy, limit)
    recall = statistics.mean(
        len(e & {sid for sid, _ in f}) / limit for e, f in zip(exact, found, strict=True)
    )
    hit = statistics.mean(f[0][0] == s for f, s in zip(found, sources, strict=True))
    print(
        f"nearest_statements warm: median {statistics.median(warm) * 1000:.0f} ms; "
        f"recall@{limit} vs exact scan {recall:.2f}, source found first {hit:.0%} "
        "(random vectors: the hard case for sign-bit codes)"
    )
    fts = []
    for claim in CLAIMS:
        start = time.perf_counter()
        store.search_statements(claim, limit=limit)
        fts.append(time.perf_counter() - start)
    print(f"search_statements: median {statistics.median(fts) * 1000:.0f} ms")


def _forget_caches() -> None:
    """Empty what a previous map of the same claim left behind (parses, embeddings, claim
    vectors), so that every timed map is a first map of its claim."""
    from claimgraph.link import retrieve
    from claimgraph.stance import get_judge

    judge = get_judge()
    for name in ("_parses", "_vectors", "_described"):
        cache = getattr(judge, name, None)
        if cache is not None:
            cache.clear()
    claim_doc = getattr(judge, "_claim_doc", None)
    if claim_doc is not None and hasattr(claim_doc, "cache_clear"):
        claim_doc.cache_clear()
    retrieve._default_claim_vector.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--db", default="", help="store to build or reuse (default: a temp file)")
    parser.add_argument("--claims", type=int, default=5)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="times each claim is mapped, the judge's and the claim vectors' caches emptied "
        "between rounds (every map is a first map of its claim)",
    )
    parser.add_argument("--recall-max", type=int, default=20000)
    parser.add_argument(
        "--parses",
        action="store_true",
        help="store the parse of every sentence, as analysis does (slow: spaCy parses the "
        "whole store); without it claim maps parse the sentences they judge",
    )
    args = parser.parse_args()

    from claimgraph.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "latency.db")
        store = open_store(db)
        build(store, args.docs, parses=args.parses)
        statements = sum(1 for _ in store.statements()) if args.docs <= 20000 else -1
        if args.docs <= args.recall_max:
            retrieval(store)
        else:
            print(f"(recall vs exact scan skipped above {args.recall_max} documents)")
        try:
            from claimgraph.link import claim_map
        except ImportError as e:
            raise SystemExit(f"claimgraph.link.claim_map is not available yet: {e}") from e
        from claimgraph.link.retrieve import retrieve
        from claimgraph.settings import load

        judge_limit = int(load()["judge_limit"])
        cold_start = time.perf_counter()
        claim_map(store, CLAIMS[-1])
        cold = time.perf_counter() - cold_start
        times, cpu = [], []
        rounds = [claim for _ in range(max(1, args.rounds)) for claim in CLAIMS[: args.claims]]
        for index, claim in enumerate(rounds):
            if index and index % args.claims == 0:
                _forget_caches()
            start, start_cpu = time.perf_counter(), time.process_time()
            cmap = claim_map(store, claim)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            start = time.perf_counter()  # again, alone (the claim's vector is cached by now)
            found = retrieve(store, claim, limit=judge_limit)
            fetched = time.perf_counter() - start
            print(
                f"  {times[-1]:6.2f} s (CPU {cpu[-1]:.2f} s; retrieval alone {fetched:.2f} s, "
                f"{len(found)} candidates)"
                f"  {len(cmap.statements):4d} statements  {claim}"
            )
        store.close()
    print(
        f"SYNTHETIC store: {args.docs} documents"
        + (f", {statements} statements" if statements >= 0 else "")
        + f"; judge_limit {judge_limit}; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(f"cold first claim map (models loading): {cold:.2f} s")
    print(
        f"claim map latency: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"over {len(times)} maps of {args.claims} claims (target <= 2 s at 100k documents); "
        "CPU time of this "
        f"process per claim map: median {statistics.median(cpu):.2f} s (the machine's load "
        "inflates the wall-clock figure)"
    )


if __name__ == "__main__":
    main()
