"""Gradient-boosted trees stored as plain arrays (npz, no pickle) and evaluated with numpy.

``export_hgb`` flattens a fitted scikit-learn ``HistGradientBoostingClassifier`` (numeric
features only) into arrays; ``TreeEnsemble`` loads them with ``allow_pickle=False`` and
computes the same class probabilities without scikit-learn's pickles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimgraph.errors import ModelError

_ARRAYS = ("feature", "threshold", "left", "right", "is_leaf", "value", "missing_left", "roots")


@dataclass(frozen=True)
class TreeEnsemble:
    """A multiclass boosted-tree model: raw score = baseline + sum of leaf values per class."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    is_leaf: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    roots: np.ndarray
    """Root node of each tree, shape (n_iterations, n_classes)."""
    baseline: np.ndarray
    """Initial raw score per class."""
    max_depth: int

    def raw(self, features: np.ndarray, *, chunk: int = 2048) -> np.ndarray:
        """Raw class scores of ``features`` (n, n_features) -> (n, n_classes)."""
        n_iter, n_classes = self.roots.shape
        out = np.empty((len(features), n_classes), dtype=np.float64)
        flat_roots = self.roots.reshape(-1)
        for start in range(0, len(features), chunk):
            x = np.asarray(features[start : start + chunk], dtype=np.float64)
            rows = np.arange(len(x))[:, None]
            node = np.broadcast_to(flat_roots, (len(x), len(flat_roots))).copy()
            for _ in range(self.max_depth + 1):
                leaf = self.is_leaf[node]
                if leaf.all():
                    break
                values = x[rows, self.feature[node]]
                go_left = np.where(
                    np.isnan(values), self.missing_left[node], values <= self.threshold[node]
                )
                node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
            leaf_values = self.value[node].reshape(len(x), n_iter, n_classes).sum(axis=1)
            out[start : start + len(x)] = leaf_values + self.baseline
        return out

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Softmax class probabilities, shape (n, n_classes)."""
        raw = self.raw(features)
        raw -= raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: str | os.PathLike[str]) -> None:
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        np.savez_compressed(
            path, baseline=self.baseline, max_depth=np.array(self.max_depth), **arrays
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TreeEnsemble:
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in _ARRAYS}
                baseline = data["baseline"]
                max_depth = int(data["max_depth"])
        except (OSError, KeyError, ValueError) as e:
            raise ModelError(f"cannot read tree model: {e}", path=str(path)) from e
        return cls(baseline=baseline, max_depth=max_depth, **arrays)


def export_hgb(model: Any) -> TreeEnsemble:
    """Flatten a fitted HistGradientBoostingClassifier (numeric features, >2 classes)."""
    predictors = model._predictors  # list (iterations) of lists (classes) of TreePredictor
    parts: dict[str, list[np.ndarray]] = {k: [] for k in _ARRAYS if k != "roots"}
    roots = np.zeros((len(predictors), len(predictors[0])), dtype=np.int64)
    offset = 0
    max_depth = 0
    for i, per_class in enumerate(predictors):
        for k, predictor in enumerate(per_class):
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ModelError("categorical splits are not supported by the exporter")
            roots[i, k] = offset
            parts["feature"].append(nodes["feature_idx"].astype(np.int64))
            parts["threshold"].append(nodes["num_threshold"].astype(np.float64))
            parts["left"].append(nodes["left"].astype(np.int64) + offset)
            parts["right"].append(nodes["right"].astype(np.int64) + offset)
            parts["is_leaf"].append(nodes["is_leaf"].astype(bool))
            parts["value"].append(nodes["value"].astype(np.float64))
            parts["missing_left"].append(nodes["missing_go_to_left"].astype(bool))
            max_depth = max(max_depth, int(nodes["depth"].max()))
            offset += len(nodes)
    flat = {k: np.concatenate(v) for k, v in parts.items()}
    return TreeEnsemble(
        roots=roots,
        baseline=np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1),
        max_depth=max_depth,
        **flat,
    )
