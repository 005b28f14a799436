"""Benchmark: a claim map against a full-text search on the same store, both as CLI processes.

    python bench/claimmap_vs_search.py                       # builds a store of the five seeds
    python bench/claimmap_vs_search.py --db /tmp/seeds.db    # reuses (or builds) that store
    python bench/claimmap_vs_search.py --seeds DIR --rounds 5

The seeds folder defaults to ``../shared/corpus/seeds`` relative to the repository; a missing
folder is an error (nothing is skipped). Each round runs ``claimgraph map --claim ...`` and
``claimgraph search ...`` as separate processes on the same store in the same run (process
start-up and model loading included, as a user sees them); the medians and their ratio are
printed. Target (issue 12): map <= 3x search.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLAIM = "Russia is arming the Taliban"
QUERY = "Russia Taliban weapons"
TARGET = 3.0


def _cli() -> list[str]:
    return [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([*_cli(), *args], env=_env(), capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(args)}\n{done.stderr}")
    return took


def build(db: Path, seeds: Path) -> float:
    """Add the seeds to ``db`` (a no-op for documents already stored); seconds taken."""
    return _run(["add", str(seeds), "--db", str(db)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "corpus" / "seeds"))
    parser.add_argument("--db", default=None, help="store to reuse or build (default: a temp file)")
    parser.add_argument("--claim", default=CLAIM)
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    seeds = Path(args.seeds)
    if not seeds.is_dir() or not any(seeds.iterdir()):
        raise SystemExit(f"seeds folder missing or empty: {seeds} (pass --seeds DIR)")
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "seeds.db"
    else:
        db = Path(args.db)
    took = build(db, seeds)
    print(f"store {db}: add took {took:.1f}s")

    maps: list[float] = []
    searches: list[float] = []
    for _ in range(args.rounds):
        searches.append(_run(["search", args.query, "--db", str(db)]))
        maps.append(_run(["map", "--claim", args.claim, "--db", str(db)]))
    search_s = statistics.median(searches)
    map_s = statistics.median(maps)
    ratio = map_s / search_s
    print(f"search {args.query!r}: median {search_s:.2f}s over {args.rounds} runs")
    print(f"map --claim {args.claim!r}: median {map_s:.2f}s over {args.rounds} runs")
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio map/search: {ratio:.2f}x ({verdict} the target <= {TARGET:.0f}x)")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
