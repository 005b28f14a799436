"""Scoring the article-level stance model on FNC-1-format data (``claimgraph eval stance``).

The scores themselves (FNC-1 score, macro-F1, per-class F1, confusion) are computed by
``claimgraph.stance.fnc_score``; this module picks the pairs (a held-out part or all) and runs the
model.
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.stance.fnc_data import SPLIT_SEED, SPLITS, read_fnc, split_pairs
from claimgraph.stance.fnc_score import StanceScores, score

__all__ = ["StanceScores", "evaluate_stance", "score"]


def evaluate_stance(
    data_dir: str | Path,
    *,
    split: str = "heldout",
    seed: int | None = None,
    fraction: float | None = None,
    model_dir: str = "",
    workers: int = 0,
    cache_path: str | Path | None = None,
) -> StanceScores:
    """Score the article-level model on an FNC-1-format folder.

    ``split``: ``"strict"`` scores the held-out stories (neither headline nor body trained on),
    ``"headline"`` the held-out headlines (bodies shared with training), ``"heldout"`` the split
    the model was tuned on (its metadata's ``split.by``), ``"all"`` every pair. Seed and
    fraction are read from the model's metadata unless given (SPLIT_SEED if it has none).
    ``cache_path``: an npz of sentence vectors reused and extended between runs.
    """
    from claimgraph.errors import UsageError
    from claimgraph.stance.fnc import load_model, load_vectors, save_vectors

    if split not in ("heldout", "all", *SPLITS):
        raise UsageError(f"unknown split {split!r}; use {', '.join(SPLITS)}, heldout or all")
    data = read_fnc(data_dir)
    model = load_model(model_dir)
    pairs = data.pairs
    if split != "all":
        trained = model.meta.get("split", {})
        by = str(trained.get("by", "headline")) if split == "heldout" else split
        frac = fraction if fraction is not None else float(trained.get("heldout_fraction", 0.2))
        split_seed = seed if seed is not None else int(trained.get("seed", SPLIT_SEED))
        _, held = split_pairs(pairs, by=by, seed=split_seed, fraction=frac)
        pairs = [pairs[i] for i in held]
    cache = load_vectors(cache_path)
    before = len(cache)
    predicted = model.predict(
        [(p.headline, data.bodies[p.body_id]) for p in pairs], workers=workers, vectors=cache
    )
    if cache_path is not None and len(cache) != before:
        save_vectors(cache_path, cache)
    return score([p.label for p in pairs], [label for label, _ in predicted])
