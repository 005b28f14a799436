"""Benchmark 1: throughput of ``add`` + full analysis against spaCy's bare parse of the same texts.

    python bench/throughput.py                      # 200 docs, inline engine (one core)
    python bench/throughput.py --docs 10000 --engine process --workers 2

Prints documents/s and words/s of both, and their ratio (the figure: target >= 0.5).
The bare parse uses the same pipeline (``load_nlp()``), the same number of processes and
the same texts; ``add`` also reads the files, cleans, deduplicates, writes the store and
embeds every statement.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--docs", type=int, default=200, help="articles to generate (issue 7: 10000)"
    )
    parser.add_argument("--engine", default="inline", choices=["inline", "process", "dask"])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    import claimgraph
    from claimgraph.nlp.parse import load_nlp

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = write_corpus(root / "corpus", args.docs)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)

        nlp = load_nlp()
        nlp("warm up the pipeline.")
        start = time.perf_counter()
        if args.workers > 1:
            for _ in nlp.pipe(texts, n_process=args.workers, batch_size=16):
                pass
        else:
            for _ in nlp.pipe(texts, batch_size=16):
                pass
        bare = time.perf_counter() - start

        cg = claimgraph.open(str(root / "bench.db"))
        start = time.perf_counter()
        report = cg.add([str(root / "corpus")], engine=args.engine, workers=args.workers)
        full = time.perf_counter() - start
        statements = sum(1 for _ in cg.store.statements())
        cg.close()

    print(
        f"corpus: {args.docs} documents, {words} words; engine {args.engine}, workers {args.workers}"
    )
    print(
        f"stored {len(report.stored)}, analysed {report.analyzed}, failed {report.failed}, statements {statements}"
    )
    print(
        f"spaCy bare parse : {args.docs / bare:8.1f} docs/s {words / bare:10.0f} words/s ({bare:.1f} s)"
    )
    print(
        f"add + analysis   : {args.docs / full:8.1f} docs/s {words / full:10.0f} words/s ({full:.1f} s)"
    )
    print(f"ratio (add+analysis / bare parse): {bare / full:.2f}  (target >= 0.5)")


if __name__ == "__main__":
    main()
