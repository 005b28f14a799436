"""Benchmark 2: peak memory of ``claimgraph add`` for a small and a ten-times larger corpus.

    python bench/memory.py                         # 1000 vs 10000 docs, without analysis
    python bench/memory.py --small 100 --large 1000 --analyze --engine inline

Each run is a fresh ``claimgraph add`` process on a fresh store; its peak resident memory
(ru_maxrss) is read when it exits. The figure is large/small (target: within 1.2).
Without ``--analyze`` it measures reading, cleaning, deduplication and storage; with it the
models and analysis too (slower: about a second per document per core here).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import write_corpus  # noqa: E402

CLI = [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def peak_of_add(count: int, *, analyze: bool, engine: str, workers: int) -> tuple[float, float]:
    """Peak RSS in MiB of one ``add`` run over ``count`` generated documents, and its seconds."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root / "corpus", count)
        command = [*CLI, "add", str(root / "corpus"), "--db", str(root / "m.db"), "-q"]
        command += ["--engine", engine, "--workers", str(workers)] if analyze else ["--no-analyze"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"add failed ({result.returncode}): {result.stderr.strip()[-500:]}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # RUSAGE_CHILDREN is the max over waited-for children: runs go small first, so a
        # larger value belongs to this run; an equal one means this run peaked no higher.
        return max(peak, before) / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--analyze", action="store_true", help="include analysis (models loaded)")
    parser.add_argument("--engine", default="inline", choices=["inline", "process", "dask"])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    small, small_s = peak_of_add(
        args.small, analyze=args.analyze, engine=args.engine, workers=args.workers
    )
    large, large_s = peak_of_add(
        args.large, analyze=args.analyze, engine=args.engine, workers=args.workers
    )
    mode = f"analysis on ({args.engine})" if args.analyze else "no analysis"
    print(f"peak RSS of claimgraph add, {mode} (largest single process: add or one of its workers)")
    print(f"{args.small:>7} docs: {small:8.1f} MiB  ({small_s:.1f} s)")
    print(f"{args.large:>7} docs: {large:8.1f} MiB  ({large_s:.1f} s)")
    print(f"ratio large/small: {large / small:.2f}  (target <= 1.20)")


if __name__ == "__main__":
    main()
