"""Bounded load test of the local web app on loopback: latency percentiles and errors.

    python bench/web_load.py                      # 10000 requests, 50 at a time, temp store
    python bench/web_load.py --requests 2000 --concurrency 20 --db out/demo.db

It serves the app (read-only, as ``claimgraph serve`` does) with uvicorn in a separate
process on 127.0.0.1 and a free port, warms the claim-map cache (the first map of a claim
runs the stance judge: timed apart), then sends a fixed number of requests drawn from a
mix of pages (home, search, claim map full and htmx, actor, document, export, static) and
stops. Without ``--db`` it builds a store of generated articles (bench/latency.py's
builder: synthetic analyses with embeddings, no model run). Prints p50/p95/p99 latency,
throughput and the error count (any status other than 200, or a failed request).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

MAX_REQUESTS = 100_000
MAX_CONCURRENCY = 200
CLAIMS = [
    "Kestrel Dynamics supplied combat drones to the Northern Liberation Front",
    "The Ministry of Ports financed secret payments",
    "Valdosa Shipping smuggled rifles to the border police",
]
WORDS = ["drones", "ministry", "rifles", "shipping", "payments", "harbour", "audit", "licences"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int) -> None:
    import uvicorn

    from claimgraph.web.app import create_app

    app = create_app(db)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", access_log=False)


def _targets(db: str, claims: list[str]) -> list[str]:
    """The request mix: URLs of pages that exist in the store."""
    from claimgraph.store import open_store

    store = open_store(db, readonly=True)
    try:
        doc_ids = [doc.id for _, doc in zip(range(200), store.documents(), strict=False)]
        actor_ids = [actor.id for actor, _ in store.actors()[:100]]
    finally:
        store.close()
    if not doc_ids:
        raise SystemExit(f"{db}: the store holds no documents")
    urls = ["/", "/static/app.js", "/assets/report.css"]
    urls += [f"/search?q={w}" for w in WORDS]
    urls += [f"/doc/{d}" for d in doc_ids]
    urls += [f"/actor/{quote(a, safe='')}" for a in actor_ids]
    for claim in claims:
        q = quote(claim)
        urls += [f"/claim?text={q}", f"/claim?text={q}&htmx=1", f"/export?format=csv&text={q}"]
    return urls


async def _run(
    base: str, urls: list[str], total: int, concurrency: int, seed: int
) -> dict[str, Any]:
    import httpx

    rng = random.Random(seed)
    plan = [rng.choice(urls) for _ in range(total)]
    latencies: list[float] = []
    by_page: dict[str, list[float]] = {}
    errors: Counter[str] = Counter()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in plan:
        queue.put_nowait(url)
    # idle connections expire before the server's keep-alive timeout (uvicorn: 5 s), so the
    # client never reuses a connection the server is closing
    limits = httpx.Limits(
        max_connections=concurrency, max_keepalive_connections=concurrency, keepalive_expiry=2.0
    )

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:

        async def worker() -> None:
            while True:
                try:
                    url = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                headers = {"HX-Request": "true"} if url.endswith("&htmx=1") else {}
                start = time.perf_counter()
                try:
                    response = await client.get(url, headers=headers)
                    await response.aread()
                    if response.status_code != 200:
                        errors[f"HTTP {response.status_code} {url.split('?')[0]}"] += 1
                except httpx.HTTPError as e:
                    errors[type(e).__name__] += 1
                elapsed = time.perf_counter() - start
                latencies.append(elapsed)
                page = url.split("?")[0].split("/")[1] or "home"
                page += " (htmx)" if url.endswith("&htmx=1") else ""
                by_page.setdefault(page, []).append(elapsed)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - start
    return {"latencies": latencies, "by_page": by_page, "errors": errors, "wall": wall}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _wait_up(base: str, process: multiprocessing.process.BaseProcess, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.is_alive():
            raise SystemExit("the app process exited during start-up")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the app did not start within a minute")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=10_000, help="requests to send (bounded)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight at once")
    parser.add_argument(
        "--db", default="", help="an existing store (default: build a generated one)"
    )
    parser.add_argument("--docs", type=int, default=300, help="documents in the generated store")
    parser.add_argument(
        "--claims", type=int, default=len(CLAIMS), help="claim maps in the mix (0: none)"
    )
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS or not 1 <= args.concurrency <= MAX_CONCURRENCY:
        raise SystemExit(
            f"--requests must be 1..{MAX_REQUESTS}, --concurrency 1..{MAX_CONCURRENCY}"
        )

    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if not db:
            from latency import build

            from claimgraph.store import open_store

            db = str(Path(folder) / "web_load.db")
            store = open_store(db)
            build(store, args.docs)
            store.close()
        claims = CLAIMS[: args.claims]
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        process = multiprocessing.get_context("spawn").Process(
            target=_serve, args=(db, port), daemon=True
        )
        process.start()
        try:
            _wait_up(base, process)
            import httpx

            warm: list[float] = []
            for claim in claims:  # first map of each claim: retrieval + stance judging
                start = time.perf_counter()
                response = httpx.get(base + "/claim", params={"text": claim}, timeout=600)
                warm.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise SystemExit(f"warm-up claim map failed: HTTP {response.status_code}")
            urls = _targets(db, claims)
            result = asyncio.run(_run(base, urls, args.requests, args.concurrency, args.seed))
        finally:
            process.terminate()
            process.join(10)

    lat = [x * 1000 for x in result["latencies"]]
    errors = sum(result["errors"].values())
    print(f"app on {base} (read-only), {len(urls)} distinct URLs, {len(claims)} claim maps")
    if warm:
        print(
            f"warm-up: first claim map {warm[0]:.2f} s, then {', '.join(f'{w:.2f}' for w in warm[1:])} s"
        )
    print(
        f"requests: {len(lat)} sent, {args.concurrency} concurrent, {result['wall']:.1f} s, "
        f"{len(lat) / result['wall']:.0f} req/s"
    )
    print(
        f"latency ms: p50 {_percentile(lat, 50):.1f}  p95 {_percentile(lat, 95):.1f}  "
        f"p99 {_percentile(lat, 99):.1f}  max {max(lat):.1f}  mean {statistics.fmean(lat):.1f}"
    )
    for page, values in sorted(result["by_page"].items()):
        ms = [v * 1000 for v in values]
        print(
            f"  {page:<18} n={len(ms):<6} p50 {_percentile(ms, 50):7.1f}  p95 {_percentile(ms, 95):7.1f}"
        )
    print(f"errors: {errors}" + (f" {dict(result['errors'])}" if errors else ""))
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
