"""The default judge against the demo corpus's answer key (demo/expected.json).

Each labelled statement's quote is located in its article (read by the real ingest step),
judged in its sentence toward the main claim with the labelled speaker, and compared with
the key. The corpus is fiction written for the project, with actors and wording the judge's
lexicons never saw, so this is the out-of-domain check; the floors below are a quality gate
(raise them when the judge improves, never lower them silently).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from claimgraph.model import Document
from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

LABELS = ("supports", "refutes", "neutral", "unrelated")
ACCURACY_FLOOR = 0.55
"""Measured 0.565 (52/92) when the gate was last raised (titles and role descriptions before
names, quoted fragments read with their clause, unseen-stories fixes); 0.543 before that
(document descriptions, speakers' affiliations, on-topic abstentions), 0.446 before that,
0.141 before the judge knew unseen names."""
MACRO_F1_FLOOR = 0.51
"""Measured 0.530 when the gate was last raised (0.505 before, 0.469 before that)."""
MAX_SIDE_SWAPS = 1
"""supports judged refutes or the reverse: 0 when the gate was set (the judge abstains to
neutral/unrelated rather than take the wrong side)."""


def _documents(demo: Path, article: dict[str, Any]) -> Document:
    from claimgraph.ingest import read_file

    docs = [d for d in read_file(str(demo / article["file"])) if isinstance(d, Document)]
    if article["record"]:
        docs = [
            d
            for d in docs
            if d.url == article["record"] or (d.path or "").endswith(article["record"])
        ]
    assert len(docs) == 1, (article["file"], article["record"], [d.url for d in docs])
    return docs[0]


def _affiliations(key: dict[str, Any]) -> dict[str, str]:
    """Speaker -> the institution their role in the key names ("chief executive of Kestrel
    Dynamics"), as the attribution step gives it in ``Statement.affiliation``."""
    out: dict[str, str] = {}
    for actor in key.get("actors", []):
        found = re.search(
            r"\b(?:of|at)\s+(?:the\s+)?([A-Z][\w]*(?:\s+[A-Z][\w]*)*)", actor.get("role") or ""
        )
        if actor.get("kind") == "person" and found:
            out[actor["name"]] = found.group(1)
    return out


def evaluate(demo: Path) -> tuple[list[tuple[str, str, str]], Counter[tuple[str, str]]]:
    """(quote, expected, got) rows and the confusion counts of the judge on the demo key."""
    from claimgraph.nlp.parse import load_nlp

    key = json.loads((demo / "expected.json").read_text(encoding="utf-8"))
    claim = key["main_claim"]
    affiliations = _affiliations(key)
    judge: Any = get_judge("compositional")  # the default judge takes speaker and document
    nlp = load_nlp()
    rows: list[tuple[str, str, str]] = []
    confusion: Counter[tuple[str, str]] = Counter()
    for article in key["articles"]:
        doc = _documents(demo, article)
        parsed = nlp(doc.text)
        for statement in article["statements"]:
            quote = statement["quote"]
            start = doc.text.find(quote)
            assert start >= 0, (article["file"], quote)
            end = start + len(quote)
            sents = [s for s in parsed.sents if s.end_char > start and s.start_char < end]
            context = doc.text[sents[0].start_char : sents[-1].end_char]
            stance = judge.judge(
                claim,
                quote,
                context=context,
                speaker=statement["speaker"],
                affiliation=affiliations.get(statement["speaker"]),
                document=doc.text,
            )
            rows.append((quote, statement["stance"], stance.label))
            confusion[(statement["stance"], stance.label)] += 1
    return rows, confusion


def scores(confusion: Counter[tuple[str, str]]) -> tuple[float, float]:
    """(accuracy, macro-F1 over the four labels)."""
    total = sum(confusion.values())
    correct = sum(n for (gold, got), n in confusion.items() if gold == got)
    f1s = []
    for label in LABELS:
        tp = confusion[(label, label)]
        fp = sum(n for (gold, got), n in confusion.items() if got == label and gold != label)
        fn = sum(n for (gold, got), n in confusion.items() if gold == label and got != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return correct / total, sum(f1s) / len(f1s)


def test_demo_answer_key(demo_dir: Path) -> None:
    rows, confusion = evaluate(demo_dir)
    accuracy, macro_f1 = scores(confusion)
    assert len(rows) >= 80
    assert accuracy >= ACCURACY_FLOOR, (accuracy, confusion)
    assert macro_f1 >= MACRO_F1_FLOOR, (macro_f1, confusion)
    swaps = confusion[("supports", "refutes")] + confusion[("refutes", "supports")]
    assert swaps <= MAX_SIDE_SWAPS, confusion


if __name__ == "__main__":  # python tests/stance/test_judge_demo.py: print the misses
    import sys

    rows, confusion = evaluate(Path(__file__).resolve().parents[2] / "demo")
    for quote, gold, got in rows:
        if gold != got or "-a" in sys.argv:
            print(f"{gold:9} -> {got:9} | {quote[:110]}")
    accuracy, macro_f1 = scores(confusion)
    print(f"accuracy {accuracy:.3f}  macro-F1 {macro_f1:.3f}  n={len(rows)}")
    for gold in LABELS:
        print(gold.ljust(10), [confusion[(gold, got)] for got in LABELS])
