"""Benchmark 4: ``add`` with analysis on a Dask LocalCluster of 1 worker, then 2 workers.

    python bench/dask_scaling.py                   # 60 docs
    python bench/dask_scaling.py --docs 400 --scheduler tcp://10.0.0.5:8786   # a real cluster

Each run starts the cluster, loads the models on every worker (timed apart), then analyses
the same generated corpus through the executor ``add`` uses; prints documents/s and the
speed-up of 2 workers over 1 (target >= 1.7; needs 2 otherwise idle cores). With
``--scheduler`` the cluster is the one given, whatever its size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import write_corpus  # noqa: E402


def run(corpus: Path, workers: int, scheduler: str | None) -> tuple[float, float, int]:
    """(seconds to start the cluster and load models, seconds to analyse, documents analysed)."""
    from claimgraph.ingest import read_paths
    from claimgraph.run import DEFAULT_ANALYZER, DaskExecutor
    from claimgraph.run.tasks import warm_up

    docs, errors = read_paths([str(corpus)])
    if errors:
        raise SystemExit(f"{len(errors)} unreadable files, first: {errors[0]}")
    start = time.perf_counter()
    executor = DaskExecutor(workers, scheduler=scheduler)
    try:
        executor._client.run(warm_up, DEFAULT_ANALYZER)
        ready = time.perf_counter()
        analysed = 0
        for outcome in executor.map(DEFAULT_ANALYZER, docs):
            if outcome.error:
                raise SystemExit(f"analysis failed: {outcome.error}")
            analysed += 1
        done = time.perf_counter()
    finally:
        executor.close()
    return ready - start, done - ready, analysed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument(
        "--scheduler", default=None, help="address of a running scheduler (default: LocalCluster)"
    )
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root / "corpus", args.docs)
        results = {}
        for workers in (1, 2):
            startup, seconds, analysed = run(root / "corpus", workers, args.scheduler)
            results[workers] = seconds
            print(
                f"{workers} worker{'s' if workers > 1 else ' '}: start + model load {startup:5.1f} s; "
                f"{analysed} docs analysed in {seconds:6.1f} s = {analysed / seconds:5.2f} docs/s"
            )
    print(f"speed-up 2 vs 1 workers: {results[1] / results[2]:.2f}  (target >= 1.7)")


if __name__ == "__main__":
    main()
