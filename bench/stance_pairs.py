"""Throughput of ``claimgraph stance --pairs`` on FNC-style data (~900 bodies x ~900 headlines).

Builds a JSONL of PAIRS (claim, text) pairs from an FNC-1-format folder: the labelled pairs among
the sampled bodies and headlines first, then random combinations of them, and times the CLI on
it in a subprocess (model loading, analysis of each distinct text once, worker processes and
all). The data stays in a temporary folder; nothing is written to the repository.

    python bench/stance_pairs.py --data ../shared/data/fnc1-train [--pairs 25000] [--workers 0]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimgraph.stance.fnc import FROM_STANCE
from claimgraph.stance.fnc_data import read_fnc
from claimgraph.stance.fnc_score import score


def _children_cpu() -> float:
    """CPU seconds used so far by finished child processes (and their children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_pairs(
    data_dir: Path, *, n_pairs: int, n_bodies: int, n_headlines: int, seed: int
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """(pair records, gold FNC label by pair id for the labelled ones)."""
    data = read_fnc(data_dir)
    rng = random.Random(seed)
    body_ids = sorted(data.bodies)
    rng.shuffle(body_ids)
    bodies = set(body_ids[:n_bodies])
    labelled = [p for p in data.pairs if p.body_id in bodies]
    headlines = sorted({p.headline for p in labelled})
    rng.shuffle(headlines)
    heads = set(headlines[:n_headlines])
    records: list[dict[str, str]] = []
    gold: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for pair in labelled:
        if pair.headline in heads and len(records) < n_pairs:
            pid = f"p{len(records)}"
            records.append({"id": pid, "claim": pair.headline, "text": data.bodies[pair.body_id]})
            gold[pid] = pair.label
            seen.add((pair.headline, pair.body_id))
    head_list, body_list = sorted(heads), sorted(bodies)
    while len(records) < n_pairs:
        key = (rng.choice(head_list), rng.choice(body_list))
        if key in seen:
            continue
        seen.add(key)
        records.append({"id": f"p{len(records)}", "claim": key[0], "text": data.bodies[key[1]]})
    return records, gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="FNC-1-format folder")
    parser.add_argument("--pairs", type=int, default=25_000)
    parser.add_argument("--bodies", type=int, default=900)
    parser.add_argument("--headlines", type=int, default=900)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    records, gold = build_pairs(
        args.data,
        n_pairs=args.pairs,
        n_bodies=args.bodies,
        n_headlines=args.headlines,
        seed=args.seed,
    )
    n_claims = len({r["claim"] for r in records})
    n_texts = len({r["text"] for r in records})
    exe = shutil.which("claimgraph", path=str(Path(sys.executable).parent)) or "claimgraph"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        started = time.perf_counter()
        cpu_before = _children_cpu()
        proc = subprocess.run(
            [exe, "stance", "--pairs", str(path), "--workers", str(args.workers)],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(proc.returncode)
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(out) == len(records), "one output line per input pair"
    labelled = [o for o in out if o["id"] in gold]
    scores = score([gold[o["id"]] for o in labelled], [FROM_STANCE[o["label"]] for o in labelled])
    report = {
        "pairs": len(records),
        "distinct_claims": n_claims,
        "distinct_texts": n_texts,
        "seconds": round(elapsed, 1),
        "pairs_per_second": round(len(records) / elapsed, 1),
        "cpu_seconds_all_processes": round(cpu, 1),
        "machine_load_1min": round(os.getloadavg()[0], 2),
        "labelled_pairs": len(labelled),
        "labelled_fnc_score_not_heldout": round(scores.fnc_score, 2),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
