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
from typing import Any

LABELS = ("supports", "refutes", "neutral", "unrelated")
DEFAULT_DATA = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "contrast"


def read_pairs(folder: Path) -> list[dict[str, str]]:
    """Every pair of every ``*.jsonl`` file in ``folder``; a malformed line names its file."""
    rows: list[dict[str, str]] = []
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"{folder}: no *.jsonl files")
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{number}: not JSON ({e})") from e
            missing = {"claim", "text", "label"} - set(row)
            if missing or row["label"] not in LABELS:
                raise SystemExit(f"{path}:{number}: needs claim, text and a label in {LABELS}")
            rows.append(row)
    return rows


def judge_rows(judge: Any, rows: list[dict[str, str]]) -> list[Any]:
    """Stances of every row; a row's optional ``document`` (the whole article the text is a
    sentence of) is given as its context and its document, as a claim map gives them."""
    documents = [row.get("document") for row in rows]
    pairs = [
        (row["claim"], row["text"], doc if doc and row["text"] in doc else None)
        for row, doc in zip(rows, documents, strict=True)
    ]
    return list(judge.judge_many(pairs, documents=documents))


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
    gold = [row["label"] for row in rows]
    predicted = [stance.label for stance in stances]
    result = scores(gold, predicted)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for row, label in zip(rows, predicted, strict=True):
        by_kind[row.get("kind", "?")].append(label == row["label"])
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
            if stance.label != row["label"]:
                print(
                    f"[{row.get('kind')}] {row['label']} -> {stance.label} "
                    f"({stance.confidence:.2f}) | {row['claim']} | {row['text']}",
                    file=sys.stderr,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
