"""Training the article-level stance model on FNC-1-format data (``claimgraph train stance``).

Split by headline (SPLIT_SEED, HELDOUT_FRACTION): the held-out headlines are never seen in
training or tuning. The kept part is split again by headline into fit and validation parts;
hyper-parameters are fixed, the per-class probability weights are tuned on validation, then the
trees are refitted on the whole kept part and scored once on the held-out part. The artifact
(trees as npz, everything else as JSON with the data hashes, command, seed and metrics) is
written to the model folder.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.stance.fnc import FncModel, load_vectors, packaged_model_dir, save_vectors
from claimgraph.stance.fnc_data import (
    FNC_LABELS,
    HELDOUT_FRACTION,
    SPLIT_SEED,
    FncData,
    FncPair,
    read_fnc,
    sha256_file,
    split_headlines,
)
from claimgraph.stance.fnc_features import feature_matrix
from claimgraph.stance.fnc_score import score
from claimgraph.stance.fnc_text import Vocabulary
from claimgraph.stance.fnc_trees import TreeEnsemble, export_hgb

log = logging.getLogger(__name__)

HGB_PARAMS: dict[str, Any] = {
    "max_iter": 400,
    "learning_rate": 0.08,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": 0,
}
CLASS_WEIGHT_POWER = 0.5
"""Training sample weight of a class: (max class count / class count) ** this."""
VALIDATION_FRACTION = 0.2
WEIGHT_GRID = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)

Progress = Callable[[str], None]


def pair_features(
    model: FncModel,
    data: FncData,
    pairs: list[FncPair],
    *,
    workers: int = 0,
    cache_path: Path | None = None,
) -> np.ndarray:
    """Feature matrix of ``pairs`` (each distinct headline and body analysed once)."""
    cache = load_vectors(cache_path)
    before = len(cache)
    claims, bodies = model.analyse(
        [p.headline for p in pairs],
        [data.bodies[p.body_id] for p in pairs],
        workers=workers,
        vectors=cache,
    )
    if len(cache) != before:
        save_vectors(cache_path, cache)
    return feature_matrix([(claims[p.headline], bodies[data.bodies[p.body_id]]) for p in pairs])


def _fit(features: np.ndarray, labels: np.ndarray) -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    counts = np.bincount(labels, minlength=len(FNC_LABELS)).astype(np.float64)
    per_class = (counts.max() / np.maximum(counts, 1)) ** CLASS_WEIGHT_POWER
    clf = HistGradientBoostingClassifier(**HGB_PARAMS)
    clf.fit(features, labels, sample_weight=per_class[labels])
    trees = export_hgb(clf)
    # The exported arrays must reproduce scikit-learn exactly; refuse a silent mismatch.
    probe = features[: min(len(features), 500)]
    if not np.allclose(trees.predict_proba(probe), clf.predict_proba(probe), atol=1e-6):
        raise RuntimeError("exported trees disagree with scikit-learn")
    return trees


def _objective(gold: list[str], proba: np.ndarray, weights: np.ndarray) -> tuple[float, Any]:
    predicted = [FNC_LABELS[k] for k in (proba * weights).argmax(axis=1)]
    scores = score(gold, predicted)
    return scores.fnc_score / 100.0 + scores.macro_f1, scores


def tune_weights(gold: list[str], proba: np.ndarray) -> np.ndarray:
    """Per-class probability multipliers (unrelated fixed at 1) maximising FNC + macro-F1."""
    best = (-1.0, np.ones(len(FNC_LABELS)))
    for agree, disagree, discuss in itertools.product(WEIGHT_GRID, repeat=3):
        weights = np.array([agree, disagree, discuss, 1.0])
        value, _ = _objective(gold, proba, weights)
        if value > best[0] + 1e-9:
            best = (value, weights)
    return best[1]


def train_stance(
    data_dir: str | Path,
    *,
    out_dir: str | Path | None = None,
    seed: int = SPLIT_SEED,
    heldout_fraction: float = HELDOUT_FRACTION,
    workers: int = 0,
    cache_path: str | Path | None = None,
    command: str = "",
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Train, tune, score on held-out headlines and write the artifact; returns its metadata."""
    say = progress or log.info
    started = time.time()
    data = read_fnc(data_dir)
    cache = Path(cache_path) if cache_path else None
    kept_idx, held_idx = split_headlines(data.pairs, seed=seed, fraction=heldout_fraction)
    kept = [data.pairs[i] for i in kept_idx]
    held = [data.pairs[i] for i in held_idx]
    fit_rel, val_rel = split_headlines(kept, seed=seed + 1, fraction=VALIDATION_FRACTION)
    say(f"{len(kept)} training pairs, {len(held)} held-out pairs ({len(data.bodies)} bodies)")

    texts = list(data.bodies.values()) + sorted({p.headline for p in kept})
    vocab = Vocabulary.fit(texts)
    model = FncModel(vocab=vocab, trees=None, class_weights=np.ones(len(FNC_LABELS)))  # type: ignore[arg-type]
    say("analysing headlines and bodies (embeddings)...")
    x_kept = pair_features(model, data, kept, workers=workers, cache_path=cache)
    x_held = pair_features(model, data, held, workers=workers, cache_path=cache)
    label_index = {label: i for i, label in enumerate(FNC_LABELS)}
    y_kept = np.array([label_index[p.label] for p in kept])

    say("fitting on the fit part, tuning class weights on validation...")
    trees = _fit(x_kept[fit_rel], y_kept[fit_rel])
    val_gold = [kept[i].label for i in val_rel]
    val_proba = trees.predict_proba(x_kept[val_rel])
    weights = tune_weights(val_gold, val_proba)
    _, val_scores = _objective(val_gold, val_proba, weights)
    say(f"validation: FNC {val_scores.fnc_score:.2f} macro-F1 {val_scores.macro_f1:.3f}")

    say("refitting on the whole training part...")
    model.trees = _fit(x_kept, y_kept)
    model.class_weights = weights
    held_proba = model.probabilities(x_held)
    held_scores = score([p.label for p in held], [FNC_LABELS[k] for k in held_proba.argmax(axis=1)])
    say(f"held-out: FNC {held_scores.fnc_score:.2f} macro-F1 {held_scores.macro_f1:.3f}")

    model.meta = {
        "trained_on": {f.name: sha256_file(f) for f in data.files},
        "command": command,
        "split": {
            "by": "headline",
            "seed": seed,
            "heldout_fraction": heldout_fraction,
            "validation_fraction": VALIDATION_FRACTION,
            "train_pairs": len(kept),
            "heldout_pairs": len(held),
            "heldout_headlines": len({p.headline for p in held}),
        },
        "classifier": {
            "type": "sklearn HistGradientBoostingClassifier, exported to npz",
            "params": HGB_PARAMS,
            "class_weight_power": CLASS_WEIGHT_POWER,
        },
        "embedding": "all-MiniLM-L6-v2-onnx-int8",
        "metrics": {"validation": val_scores.to_dict(), "heldout": held_scores.to_dict()},
        "train_seconds": round(time.time() - started, 1),
    }
    model.save(out_dir or packaged_model_dir())
    return model.meta
