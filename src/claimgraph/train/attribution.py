"""Training the cue classifier on PolNeAR-style data (``claimgraph train attribution``).

Every candidate verb of the training texts is labelled by whether it lies inside a reference
Cue span; a logistic regression over ``claimgraph.analyze.cuemodel.features`` is fitted with scikit-learn and saved
as JSON with the hash of the data and the command that made it. Never train on the split you
report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.analyze import cuemodel
from claimgraph.analyze.attr_spans import is_candidate
from claimgraph.analyze.cuemodel import DEFAULT_THRESHOLD, features
from claimgraph.analyze.quotes import quote_regions
from claimgraph.errors import DataError

MIN_WEIGHT = 0.01

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from claimgraph.evaluate.brat import GoldDocument


def data_hash(docs: Sequence[GoldDocument]) -> str:
    """sha256 over the texts and reference relations used for training."""
    h = hashlib.sha256()
    for d in docs:
        h.update(d.name.encode())
        h.update(d.text.encode())
        for r in d.relations:
            h.update(repr((r.content, r.cue, r.source)).encode())
    return h.hexdigest()


def examples(
    docs: Sequence[GoldDocument], parsed: Iterable[SpacyDoc]
) -> tuple[list[dict[str, float]], list[int]]:
    """Feature dicts and 0/1 labels of every candidate cue token."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for gold, doc in zip(docs, parsed, strict=True):
        cues = [piece for r in gold.relations for piece in r.cue]
        regions = quote_regions(doc.text)
        for tok in doc:
            if not is_candidate(tok):
                continue
            xs.append(features(tok, regions))
            ys.append(int(any(s <= tok.idx < e for s, e in cues)))
    return xs, ys


def train_cue_model(
    data_dir: str | Path,
    *,
    parsed: Iterable[SpacyDoc] | None = None,
    c: float = 0.5,
    threshold: float = DEFAULT_THRESHOLD,
    command: str = "claimgraph train attribution --data DATA_DIR",
) -> dict[str, Any]:
    """Fit the cue model on ``DATA_DIR/{text,attributions}``; returns the JSON-able artifact.

    Weights smaller than ``MIN_WEIGHT`` are dropped to keep the artifact small.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from claimgraph.evaluate.brat import load_brat_folder

    docs = load_brat_folder(data_dir)
    if parsed is None:
        from claimgraph.analyze.attribution import parse_many

        parsed = parse_many(d.text for d in docs)
    xs, ys = examples(docs, parsed)
    if sum(ys) == 0 or sum(ys) == len(ys):
        raise DataError(
            "training data has no positive or no negative cue examples", path=str(data_dir)
        )
    vec = DictVectorizer()
    matrix = vec.fit_transform(xs)
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    clf.fit(matrix, ys)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 5)
        for n, w in zip(names, clf.coef_[0], strict=True)
        if abs(w) > 1e-4
    }
    return {
        "weights": weights,
        "intercept": float(clf.intercept_[0]),
        "threshold": threshold,
        "meta": {
            "component": "attribution.cue.v1",
            "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
            "data": Path(data_dir).name,
            "data_sha256": data_hash(docs),
            "documents": len(docs),
            "examples": len(ys),
            "positives": int(sum(ys)),
            "C": c,
            "command": command,
        },
    }


def save_model(model: dict[str, Any], path: str | Path) -> Path:
    """Write the artifact as sorted, indented JSON."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def default_model_path() -> Path:
    """Where the packaged model lives in the source tree."""
    return Path(cuemodel.__file__).resolve().parent / "models" / cuemodel.MODEL_FILE
