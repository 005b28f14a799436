"""Precision@10 and recall of `claimgraph claims` against the gold lists of propositions.

    python eval/claims_gold.py                      # every tests/fixtures/claims_gold/*.json
    python eval/claims_gold.py --gold tests/fixtures/claims_gold/demo.json --show
    python eval/claims_gold.py --db-dir /tmp/stores # keep the stores (re-used when present)

Each corpus is added to a SQLite store (inline analysis), the claims list is computed with the
project's default judge (``Claimgraph.claims``) and scored by ``claimgraph.evaluate.claims_gold``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", nargs="*", help="gold files (default: all of them)")
    parser.add_argument("--db-dir", help="folder for the stores (default: a temporary one)")
    parser.add_argument("--top", type=int, default=20, help="claims listed (recall counts them)")
    parser.add_argument("--k", type=int, default=10, help="claims counted for precision")
    parser.add_argument("--show", action="store_true", help="print each list with its hits")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)

    import claimgraph
    from claimgraph.evaluate.claims_gold import load_gold, score

    golds = args.gold or sorted(
        str(p) for p in (ROOT / "tests/fixtures/claims_gold").glob("*.json")
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.db_dir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for path in golds:
            gold = load_gold(path)
            db = folder / f"{gold.corpus}.db"
            with claimgraph.open(str(db)) as cg:
                cg.add([str(ROOT / p) for p in gold.paths], engine="inline")
                listed = cg.claims(top=args.top)
            result = score(gold, listed, k=args.k)
            rows.append(result)
            if args.show:
                print(f"== {gold.corpus}")
                for i, item in enumerate(listed, 1):
                    hit = result.hits[i - 1] if i <= len(result.hits) else ""
                    print(f"{i:3d} {hit or '-':4s} {item.claim.text}")
    if args.json:
        print(json.dumps([_as_dict(r) for r in rows]))
    else:
        print(f"{'corpus':12s} precision@{args.k}  recall")
        for r in rows:
            print(
                f"{r.corpus:12s} {r.precision_at_k:12.2f}  {r.recall:6.2f}  found {','.join(r.found)}"
            )
    return 0


def _as_dict(result: object) -> dict[str, object]:
    return {name: getattr(result, name) for name in result.__slots__}  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
