"""Score a stance judge on the contrast set (look-alike claims and short texts).

Reads one JSON object a line ({"claim", "text", "label", "kind", "story"}, optionally
"document": the article the text is from) from every
``*.jsonl`` in the folder (default: tests/fixtures/contrast), judges each pair with the
named judge and prints accuracy, macro-F1, per-label F1 and accuracy per kind of pair.

    python eval/contrast.py --judge compositional [--data DIR] [--json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from claimgraph.errors import ClaimgraphError
from claimgraph.evaluate.judges import ContrastPair, judge_contrast, read_contrast

LABELS = ("supports", "refutes", "neutral", "unrelated")
DEFAULT_DATA = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "contrast"


def read_pairs(folder: Path) -> list[ContrastPair]:
    """Every pair of every ``*.jsonl`` file in ``folder`` (``evaluate.judges.read_contrast``:
    the reader ``claimgraph eval stance --sets contrast`` uses too)."""
    try:
        return read_contrast(folder)
    except ClaimgraphError as e:
        raise SystemExit(str(e)) from e


judge_rows = judge_contrast


def scores(gold: list[str], predicted: list[str]) -> dict[str, object]:
    """Accuracy, macro-F1 over the four labels and F1 per label."""
    per_label: dict[str, float] = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        per_label[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1)
    return {
        "pairs": len(gold),
        "accuracy": round(accuracy, 3),
        "macro_f1": round(sum(per_label.values()) / len(LABELS), 3),
        "f1": {label: round(value, 3) for label, value in per_label.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judge", default="compositional", help="stance backend name")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of *.jsonl")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list the pairs judged wrong")
    args = parser.parse_args(argv)

    from claimgraph.stance import get_judge

    rows = read_pairs(args.data)
    judge = get_judge(args.judge)
    stances = judge_rows(judge, rows)
    gold = [row.label for row in rows]
    predicted = [stance.label for stance in stances]
    result = scores(gold, predicted)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for row, label in zip(rows, predicted, strict=True):
        by_kind[row.kind or "?"].append(label == row.label)
    result["by_kind"] = {
        kind: f"{sum(ok)}/{len(ok)}" for kind, ok in sorted(by_kind.items(), key=lambda kv: kv[0])
    }
    result["confusion"] = {
        f"{g}->{p}": n for (g, p), n in sorted(Counter(zip(gold, predicted, strict=True)).items())
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"judge {args.judge}: {result['pairs']} pairs")
        print(f"accuracy {result['accuracy']}  macro-F1 {result['macro_f1']}")
        print("F1 " + "  ".join(f"{k} {v}" for k, v in result["f1"].items()))  # type: ignore[attr-defined]
        for kind, share in result["by_kind"].items():  # type: ignore[attr-defined]
            print(f"  {kind:22} {share}")
    if args.errors:
        for row, stance in zip(rows, stances, strict=True):
            if stance.label != row.label:
                print(
                    f"[{row.kind}] {row.label} -> {stance.label} "
                    f"({stance.confidence:.2f}) | {row.claim} | {row.text}",
                    file=sys.stderr,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
