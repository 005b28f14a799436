"""The web app's home page after the first ``add``: how long until the contested claims show.

    python bench/home_page.py                    # the demo corpus
    python bench/home_page.py PATH [PATH ...]    # any articles
    python bench/home_page.py --no-compare       # skip the add without discovery

It adds the articles to a new SQLite store with the CLI (``claimgraph add``, which computes
and stores the discovered claims), then serves the store read-only as ``claimgraph serve``
does (``create_app`` with an ``api.Linker`` of the settings) and times, in a fresh app, the
home page ``/`` and the claims list it loads (``/discovered``) together: the answer a user
waits for. Target: under 1 s.

For comparison, in the same run, it times the same ``add`` into a second store with discovery
off (``CLAIMGRAPH_DISCOVER_ON_ADD=false``: what ``add`` pays for computing the list) and
computing the list without the stored one (what the home page would cost without it).
Exit status 1 when the target is missed or the page lists no claims.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def timed_add(paths: list[str], db: str, *, discover: bool) -> float:
    """Seconds the CLI's ``add`` of ``paths`` into a new store ``db`` takes (a fresh process,
    model loading included), with or without computing the discovered claims."""
    env = os.environ.copy()
    env["CLAIMGRAPH_DISCOVER_ON_ADD"] = "true" if discover else "false"
    run = "from claimgraph.cli import main; main()"
    cli = [sys.executable, "-c", run, "add", *paths, "--db", db, "-q", "--engine", "inline"]
    started = time.perf_counter()
    subprocess.run(cli, check=True, env=env)
    return time.perf_counter() - started


def time_home_page(db: str, rounds: int) -> list[float]:
    """Seconds for ``/`` and ``/discovered`` in a fresh read-only app, per round (sorted).
    Raises ``RuntimeError`` when a page fails or lists no claims."""
    from fastapi.testclient import TestClient

    from claimgraph import settings
    from claimgraph.api import Linker
    from claimgraph.web.app import create_app

    times = []
    for _ in range(rounds):
        linker = Linker(settings.load())
        app = create_app(db, claim_map=linker.claim_map, discover=linker.discover)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            started = time.perf_counter()
            home = client.get("/")
            listed = client.get("/discovered")
            times.append(time.perf_counter() - started)
        if home.status_code != 200 or listed.status_code != 200:
            raise RuntimeError(f"/ answered {home.status_code}, /discovered {listed.status_code}")
        if 'class="discovered"' not in listed.text:
            raise RuntimeError("the home page lists no contested claims")
    return sorted(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "demo")])
    parser.add_argument("--rounds", type=int, default=3, help="fresh apps timed (median)")
    parser.add_argument(
        "--no-compare",
        action="store_true",
        help="skip the add without discovery and the list computed afresh",
    )
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise SystemExit(f"error: no such file or folder: {', '.join(missing)}")

    from claimgraph.link import discover
    from claimgraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        with_list = timed_add(args.paths, db, discover=True)
        print(f"first add with discovery (analysis + list stored): {with_list:.1f} s")
        if not args.no_compare:
            without = timed_add(args.paths, str(Path(tmp) / "plain.db"), discover=False)
            print(
                f"same add without discovery: {without:.1f} s "
                f"(discovery adds {with_list - without:+.1f} s)"
            )
        try:
            times = time_home_page(db, args.rounds)
        except RuntimeError as e:
            print(f"error: {e}")
            return 1
        median = times[len(times) // 2]
        print(
            f"home page + claims list after the first add: median {median:.3f} s "
            f"(rounds {', '.join(f'{t:.3f}' for t in times)}; target < {TARGET_SECONDS} s)"
        )
        if not args.no_compare:
            store = open_store(db, readonly=True)
            try:
                started = time.perf_counter()
                discover(store, top=20)
                took = time.perf_counter() - started
                print(f"computing the list instead (no stored list): {took:.1f} s")
            finally:
                store.close()
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
