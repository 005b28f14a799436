"""Every judge and their combination on the project's fixed measures (``claimgraph eval
stance --judge all``).

Sets (held out of every model's training, see ``claimgraph.stance.pairs_data``):

- ``fnc``: FNC-1 train's ``strict`` held-out stories (unseen headlines and bodies); scored
  also with FNC-1's own score and labels;
- ``perspectrum``: PERSPECTRUM's test split (support/undermine + made-up unrelated pairs);
- ``fever``: FEVER pairs of held-out claims (+ unrelated pairs from other held-out claims);
- ``contrast``: JSON lines (``read_contrast``; a file or a folder of ``*.jsonl``): the
  invented look-alike set; a pair's ``document`` is read as a claim map reads it.

Each set is read once by the three judges (``CombinedJudge.votes``); the combined label comes
from the same votes, so the four judges are compared on exactly the same pairs. ``limit``
draws that many pairs of a set with the seed (the compositional judge is slow on articles).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import DataError
from claimgraph.model import Stance
from claimgraph.stance.pairs_data import PAIR_LABELS, Pair, read_all

JUDGES = ("compositional", "article", "pairs", "combined")
SETS = ("fnc", "perspectrum", "fever", "contrast")


@dataclass(frozen=True, slots=True)
class ContrastPair:
    """One labelled pair of the contrast set."""

    claim: str
    text: str
    label: str
    kind: str = ""
    """How the text relates to the claim (``same``, ``neighbour-object``, ``time``, ...)."""
    story: str = ""
    document: str | None = None
    """The whole article the text is a sentence of, when given."""


def read_contrast(path: str | Path) -> list[ContrastPair]:
    """Pairs of a contrast file or of every ``*.jsonl`` in a folder: JSON lines {"claim",
    "text", "label", "kind", "story", optional "document"}; a bad line names its file."""
    root = Path(path)
    files = sorted(root.glob("*.jsonl")) if root.is_dir() else [root]
    if not files:
        raise DataError("no *.jsonl files", path=str(root))
    out: list[ContrastPair] = []
    for file in files:
        try:
            lines = file.read_text("utf-8").splitlines()
        except OSError as e:
            raise DataError(f"cannot read: {e.strerror}", path=str(file)) from e
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                label = str(row["label"])
                if label not in PAIR_LABELS:
                    raise ValueError(f"unknown label {label!r}")
                document = row.get("document")
                out.append(
                    ContrastPair(
                        str(row["claim"]),
                        str(row["text"]),
                        label,
                        str(row.get("kind", "")),
                        str(row.get("story", "")),
                        str(document) if document else None,
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise DataError(f"line {number}: {e}", path=str(file)) from e
    return out


def judge_contrast(judge: Any, rows: Sequence[ContrastPair]) -> list[Stance]:
    """Stances of every row; a row's ``document`` is given as its context and its document,
    as a claim map gives them."""
    pairs = [
        (r.claim, r.text, r.document if r.document and r.text in r.document else None) for r in rows
    ]
    return list(judge.judge_many(pairs, documents=[r.document for r in rows]))


def label_scores(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels present, per-class F1, confusion."""
    labels = [lab for lab in PAIR_LABELS if lab in set(gold)]
    per_class: dict[str, float] = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == lab != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == lab != p for g, p in zip(gold, predicted, strict=True))
        per_class[lab] = round(2 * tp / max(1, 2 * tp + fp + fn), 4)
    confusion = [
        [sum(g == a and p == b for g, p in zip(gold, predicted, strict=True)) for b in PAIR_LABELS]
        for a in PAIR_LABELS
    ]
    return {
        "n": len(gold),
        "accuracy": round(
            sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold)), 4
        ),
        "macro_f1": round(sum(per_class.values()) / max(1, len(per_class)), 4),
        "per_class_f1": per_class,
        "confusion": confusion,
    }


def _fnc(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    from claimgraph.stance.fnc import FROM_STANCE
    from claimgraph.stance.fnc_score import score

    s = score([FROM_STANCE[g] for g in gold], [FROM_STANCE[p] for p in predicted]).to_dict()
    return {k: s[k] for k in ("fnc_score", "macro_f1", "per_class_f1")}


def evaluate_judges(
    data_dir: str | Path | None,
    *,
    sets: tuple[str, ...] = SETS,
    contrast: str | Path | None = None,
    limit: int = 0,
    seed: int = 1234,
    settings: dict[str, Any] | None = None,
    cache: str | Path | None = None,
) -> dict[str, dict[str, Any]]:
    """set -> judge -> scores (see ``label_scores``; ``fnc`` adds an ``fnc`` entry)."""
    from claimgraph.stance.combined import build, features

    pairs_by_set: dict[str, list[Pair] | list[ContrastPair]] = {}
    wanted = [s for s in sets if s != "contrast"]
    if wanted:
        if data_dir is None:
            raise DataError("the fnc, perspectrum and fever sets need the data folder")
        held = read_all(data_dir, seed=seed).heldout
        pairs_by_set.update({s: held[s] for s in wanted})
    if "contrast" in sets:
        if contrast is None:
            raise DataError("the contrast set needs --contrast FILE_OR_FOLDER")
        pairs_by_set["contrast"] = read_contrast(contrast)
    judge = build(settings or {})
    out: dict[str, dict[str, Any]] = {}
    for name, every in pairs_by_set.items():
        pairs: list[Any] = list(every)
        if limit and len(pairs) > limit:
            rng = random.Random(seed)
            pairs = [pairs[i] for i in sorted(rng.sample(range(len(pairs)), limit))]
        comp, article, pair_p, read = judge.votes_cached(
            [(p.claim, p.text) for p in pairs],
            cache,
            documents=[getattr(p, "document", None) for p in pairs],
        )
        decided = [
            judge.combination.decide(features(comp[i], article[i], pair_p[i], read[i]), comp[i])[0]
            for i in range(len(pairs))
        ]
        predicted: dict[str, list[str]] = {
            "compositional": [s.label for s in comp],
            "article": [PAIR_LABELS[int(k)] for k in article.argmax(axis=1)],
            "pairs": [PAIR_LABELS[int(k)] for k in pair_p.argmax(axis=1)],
            "combined": [PAIR_LABELS[int(np.argmax(p))] for p in decided],
        }
        gold = [p.label for p in pairs]
        out[name] = {}
        for j in JUDGES:
            out[name][j] = label_scores(gold, predicted[j])
            if name == "fnc":
                out[name][j]["fnc"] = _fnc(gold, predicted[j])
    return out
