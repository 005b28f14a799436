"""The sentence-pair network in numpy (weights trained by ``claimgraph train pairs``).

Claim and text are each run once through the packaged MiniLM encoder
(``claimgraph.nlp.embed``) for their word-piece vectors. The head, ESIM-style:

1. both sides' pieces are projected (``proj``: 384 -> H, ReLU);
2. soft alignment: each claim piece attends over the text's pieces and vice versa;
3. each piece is compared with what it aligned to ([p, a, p - a, p * a] -> H, ReLU,
   ``cmp``), then max- and mean-pooled per side;
4. the pooled sentence vectors u (claim), v (text) give [u, v, |u - v|, u * v] -> H (``glob``);
5. with the lexical features (``pairs_features.lexical``) all go through one hidden layer
   (``hid``) to the four PAIR_LABELS logits (``out``).

The torch module of the trainer (``claimgraph.train.pairs``) mirrors this function for
function; the weights are stored as npz arrays under the same names.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

PARAMS = ("proj", "cmp", "glob", "hid", "out")
"""Layers; each has ``<name>.w`` (in, out) and ``<name>.b`` arrays."""


def _dense(weights: Mapping[str, np.ndarray], name: str, x: np.ndarray) -> np.ndarray:
    return np.asarray(x @ weights[f"{name}.w"] + weights[f"{name}.b"], dtype=np.float32)


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def _softmax(x: np.ndarray, axis: int) -> np.ndarray:
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return np.asarray(e / e.sum(axis=axis, keepdims=True), dtype=np.float32)


def _side(p: np.ndarray, aligned: np.ndarray, weights: Mapping[str, np.ndarray]) -> np.ndarray:
    m = _relu(_dense(weights, "cmp", np.concatenate([p, aligned, p - aligned, p * aligned], 1)))
    return np.concatenate([m.max(axis=0), m.mean(axis=0)])


def _pooled(states: np.ndarray) -> np.ndarray:
    u = states.mean(axis=0)
    return np.asarray(u / max(float(np.linalg.norm(u)), 1e-6), dtype=np.float32)


def logits(
    weights: Mapping[str, np.ndarray],
    claim_states: np.ndarray,
    text_states: np.ndarray,
    lexical: np.ndarray,
) -> np.ndarray:
    """The four logits of one pair (claim and text word-piece vectors, shape (n, 384))."""
    empty = np.zeros((1, claim_states.shape[1] if claim_states.ndim == 2 else 384), np.float32)
    c = claim_states if len(claim_states) else empty
    t = text_states if len(text_states) else empty
    pc = _relu(_dense(weights, "proj", c))
    pt = _relu(_dense(weights, "proj", t))
    e = pc @ pt.T
    a_c = _softmax(e, 1) @ pt
    a_t = _softmax(e, 0).T @ pc
    u, v = _pooled(c), _pooled(t)
    g = _relu(_dense(weights, "glob", np.concatenate([u, v, np.abs(u - v), u * v])))
    h = np.concatenate([_side(pc, a_c, weights), _side(pt, a_t, weights), g, lexical])
    return _dense(weights, "out", _relu(_dense(weights, "hid", h)))


def probabilities(
    weights: Mapping[str, np.ndarray],
    claim_states: np.ndarray,
    text_states: np.ndarray,
    lexical: np.ndarray,
) -> np.ndarray:
    """Softmax of ``logits``."""
    return _softmax(logits(weights, claim_states, text_states, lexical)[None, :], 1)[0]


LINEAR_PARAMS = ("lin",)
"""Layers of the ``linear`` head: one softmax layer over ``linear_features``."""


def linear_features(
    claim_states: np.ndarray, text_states: np.ndarray, lexical: np.ndarray
) -> np.ndarray:
    """The ``linear`` head's inputs: |u - v| and u * v of the pooled vectors, the soft
    alignment of claim pieces to text pieces (mean, min and lower quartile of each claim
    piece's best cosine with a text piece, the share below 0.5; the text side's mean) and
    the lexical features."""
    empty = np.zeros((1, 384), np.float32)
    c = claim_states if len(claim_states) else empty
    t = text_states if len(text_states) else empty
    u, v = _pooled(c), _pooled(t)
    cn = c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-6)
    tn = t / np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-6)
    sim = cn @ tn.T
    best_c, best_t = sim.max(axis=1), sim.max(axis=0)
    align = [
        best_c.mean(),
        best_c.min(),
        np.quantile(best_c, 0.25),
        (best_c < 0.5).mean(),
        best_t.mean(),
        float(u @ v),
    ]
    return np.concatenate([np.abs(u - v), u * v, np.asarray(align, np.float32), lexical]).astype(
        np.float32
    )


def linear_probabilities(
    weights: Mapping[str, np.ndarray],
    claim_states: np.ndarray,
    text_states: np.ndarray,
    lexical: np.ndarray,
) -> np.ndarray:
    """PAIR_LABELS probabilities of the ``linear`` head."""
    x = linear_features(claim_states, text_states, lexical)
    return _softmax(_dense(weights, "lin", x)[None, :], 1)[0]
