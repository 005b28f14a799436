"""Training the sentence-pair stance model (``claimgraph train pairs``).

Data: ``claimgraph.stance.pairs_data`` (FNC-1 train, PERSPECTRUM, FEVER pairs, each with its
held-out part). Of the training part, COMBINE_SHARE of the claim groups is set aside as well:
the learned combination of the judges (``claimgraph train combine``) is fitted on it, on
predictions of a pair model that never saw it.

Every distinct claim and focus text (``pairs_features.focus``) is run once through the packaged
MiniLM encoder for its word-piece vectors (optionally cached in an npz between runs); the head
of ``claimgraph.stance.pairs_net`` is trained on them with torch (CPU) and exported as npz.
The artifact's JSON records the data files' sha256, the command, the seed, the training time
and the held-out scores per source.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.stance.pairs import (
    CLAIM_TOKENS,
    TEXT_TOKENS,
    PairModel,
    packaged_pairs_dir,
    token_states,
)
from claimgraph.stance.pairs_data import PAIR_LABELS, Pair, PairSets, read_all
from claimgraph.stance.pairs_features import LEXICAL_NAMES, focus, lexical

log = logging.getLogger(__name__)

COMBINE_SHARE = 0.15
"""Share of each source's training claim groups kept for fitting the combination."""
HIDDEN = 96
HIDDEN_OUT = 128
EPOCHS = 4
BATCH = 64
LEARNING_RATE = 2e-3
CLASS_WEIGHT_POWER = 0.5
THREADS = 2
LINEAR_STEPS = 400
"""Full-batch steps of the linear head (at the default epochs)."""
HELD_SCORED = 1000
"""Held-out pairs per source scored at the end of training (a sample drawn with the seed;
``claimgraph eval stance --judge all`` scores every judge on them)."""

Progress = Callable[[str], None]


def combine_part(pair: Pair, seed: int) -> bool:
    """The pair's group is set aside for fitting the combination (not for the pair model)."""
    digest = hashlib.sha256(f"combine\x00{seed}\x00{pair.group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < COMBINE_SHARE


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def encode_all(
    texts: dict[str, int], cache_path: Path | None, say: Progress
) -> dict[str, np.ndarray]:
    """Word-piece vectors (float16) of every text (text -> max pieces), cached by text hash."""
    cache: dict[str, np.ndarray] = {}
    if cache_path is not None and cache_path.is_file():
        with np.load(cache_path) as data:
            keys = [str(k) for k in data["keys"]]
            offsets, flat = data["offsets"], data["flat"]
            for i, k in enumerate(keys):
                cache[k] = flat[offsets[i] : offsets[i + 1]]
    todo = [t for t in texts if f"{_key(t)}:{texts[t]}" not in cache]
    say(f"encoding {len(todo)} texts ({len(texts) - len(todo)} cached)...")
    started = time.time()
    for limit in sorted({texts[t] for t in todo}):
        batch = [t for t in todo if texts[t] == limit]
        for start in range(0, len(batch), 1024):
            chunk = batch[start : start + 1024]
            for text, states in zip(chunk, token_states(chunk, limit), strict=True):
                cache[f"{_key(text)}:{limit}"] = states.astype(np.float16)
            say(f"  {start + len(chunk)}/{len(batch)} ({time.time() - started:.0f}s)")
            if cache_path is not None:
                _save_cache(cache_path, cache)
    return {t: cache[f"{_key(t)}:{texts[t]}"] for t in texts}


def _save_cache(path: Path, cache: dict[str, np.ndarray]) -> None:
    keys = list(cache)
    sizes = np.array([0] + [len(cache[k]) for k in keys], dtype=np.int64)
    flat = np.concatenate([cache[k] for k in keys]) if keys else np.zeros((0, 384), np.float16)
    np.savez(path, keys=np.array(keys), offsets=np.cumsum(sizes), flat=flat)


def _module(lexical_width: int) -> Any:
    import torch
    from torch import nn

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.proj = nn.Linear(384, HIDDEN)
            self.cmp = nn.Linear(4 * HIDDEN, HIDDEN)
            self.glob = nn.Linear(4 * 384, HIDDEN)
            self.hid = nn.Linear(5 * HIDDEN + lexical_width, HIDDEN_OUT)
            self.out = nn.Linear(HIDDEN_OUT, len(PAIR_LABELS))
            self.drop = nn.Dropout(0.1)

        def side(self, p: Any, a: Any, mask: Any) -> Any:
            m = torch.relu(self.cmp(torch.cat([p, a, p - a, p * a], -1))) * mask[..., None]
            count = mask.sum(1, keepdim=True).clamp(min=1)
            return torch.cat([m.max(1).values, m.sum(1) / count], -1)

        def forward(self, c: Any, cm: Any, t: Any, tm: Any, lex: Any) -> Any:
            pc, pt = torch.relu(self.proj(c)), torch.relu(self.proj(t))
            e = pc @ pt.transpose(1, 2)
            a_c = torch.softmax(e.masked_fill(tm[:, None, :] == 0, -1e9), 2) @ pt
            a_t = torch.softmax(e.masked_fill(cm[:, :, None] == 0, -1e9), 1).transpose(1, 2) @ pc
            u = (c * cm[..., None]).sum(1) / cm.sum(1, keepdim=True).clamp(min=1)
            v = (t * tm[..., None]).sum(1) / tm.sum(1, keepdim=True).clamp(min=1)
            u = u / u.norm(dim=1, keepdim=True).clamp(min=1e-6)
            v = v / v.norm(dim=1, keepdim=True).clamp(min=1e-6)
            g = torch.relu(self.glob(torch.cat([u, v, (u - v).abs(), u * v], -1)))
            h = torch.cat([self.side(pc, a_c, cm), self.side(pt, a_t, tm), g, lex], -1)
            return self.out(self.drop(torch.relu(self.hid(self.drop(h)))))

    return Head()


def _train_linear(
    c_tr: list[np.ndarray],
    t_tr: list[np.ndarray],
    lex_tr: np.ndarray,
    train: list[Pair],
    seed: int,
    epochs: int,
    say: Progress,
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The ``linear`` head: one softmax layer on ``pairs_net.linear_features``, full-batch
    Adam with weight decay (seconds of CPU; the ``esim`` head needs ~20 CPU-minutes)."""
    import torch

    from claimgraph.stance.pairs_net import linear_features

    x = np.stack(
        [
            linear_features(c.astype(np.float32), t.astype(np.float32), lex)
            for c, t, lex in zip(c_tr, t_tr, lex_tr, strict=True)
        ]
    )
    index: dict[str, int] = {lab: i for i, lab in enumerate(PAIR_LABELS)}
    y = np.array([index[p.label] for p in train])
    counts = np.bincount(y, minlength=len(PAIR_LABELS)).astype(np.float64)
    class_weights = (counts.max() / np.maximum(counts, 1)) ** CLASS_WEIGHT_POWER
    torch.manual_seed(seed)
    torch.set_num_threads(THREADS)
    layer = torch.nn.Linear(x.shape[1], len(PAIR_LABELS))
    optimiser = torch.optim.Adam(layer.parameters(), lr=0.02, weight_decay=1e-5)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(class_weights, dtype=torch.float32))
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    for step in range(LINEAR_STEPS * max(1, epochs) // EPOCHS):
        loss = loss_fn(layer(xt), yt)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step % 100 == 0:
            say(f"step {step}: loss {float(loss.detach()):.4f}")
    weights = {
        "lin.w": layer.weight.detach().numpy().T.copy().astype(np.float32),
        "lin.b": layer.bias.detach().numpy().copy().astype(np.float32),
    }
    return weights, class_weights


def _batch(states: Sequence[np.ndarray]) -> tuple[Any, Any]:
    import torch

    width = max(1, max(len(s) for s in states))
    x = np.zeros((len(states), width, 384), dtype=np.float32)
    mask = np.zeros((len(states), width), dtype=np.float32)
    for i, s in enumerate(states):
        if len(s):
            x[i, : len(s)] = s
            mask[i, : len(s)] = 1
        else:
            mask[i, 0] = 1  # an empty text reads as one zero vector, as in pairs_net
    return torch.from_numpy(x), torch.from_numpy(mask)


def _scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    labels = [lab for lab in PAIR_LABELS if lab in set(gold)]
    per_class: dict[str, float] = {}
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, predicted, strict=True))
        per_class[lab] = round(2 * tp / max(1, 2 * tp + fp + fn), 4)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))
    return {
        "n": len(gold),
        "accuracy": round(accuracy, 4),
        "macro_f1": round(sum(per_class.values()) / max(1, len(per_class)), 4),
        "per_class_f1": per_class,
    }


def train_pairs(
    data_dir: str | Path,
    *,
    out_dir: str | Path | None = None,
    seed: int = 1234,
    epochs: int = EPOCHS,
    cache_path: str | Path | None = None,
    command: str = "",
    progress: Progress | None = None,
    head: str = "linear",
) -> dict[str, Any]:
    """Train the pair model, score each held-out part, write the artifact; returns its meta."""
    import torch

    say = progress or log.info
    started = time.time()
    sets = read_all(data_dir, seed=seed)
    train = [p for part in sets.train.values() for p in part if not combine_part(p, seed)]
    rng = random.Random(seed)
    heldout = {
        source: [part[i] for i in sorted(rng.sample(range(len(part)), min(len(part), HELD_SCORED)))]
        for source, part in sets.heldout.items()
    }
    held = [p for part in heldout.values() for p in part]
    say(f"{len(train)} training pairs; held out: {len(held)}")
    texts: dict[str, int] = {}
    focused: dict[tuple[str, str], str] = {}
    for p in train + held:
        f = focus(p.claim, p.text)
        focused[(p.claim, p.text)] = f
        texts[p.claim] = max(texts.get(p.claim, 0), CLAIM_TOKENS)
        texts[f] = max(texts.get(f, 0), TEXT_TOKENS)
    states = encode_all(texts, Path(cache_path) if cache_path else None, say)
    encoded = time.time()

    def rows(pairs: list[Pair]) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        c = [states[p.claim] for p in pairs]
        t = [states[focused[(p.claim, p.text)]] for p in pairs]
        lex = np.stack([lexical(p.claim, focused[(p.claim, p.text)]) for p in pairs])
        return c, t, lex

    run = _Run(
        sets=sets,
        heldout=heldout,
        rows=rows,
        seed=seed,
        epochs=epochs,
        command=command,
        n_train=len(train),
        started=started,
        encoded=encoded,
        out_dir=out_dir,
        say=say,
    )
    c_tr, t_tr, lex_tr = rows(train)
    if head == "linear":
        weights, class_weights = _train_linear(c_tr, t_tr, lex_tr, train, seed, epochs, say)
        return _finish(run, weights, "linear", class_weights)
    index: dict[str, int] = {lab: i for i, lab in enumerate(PAIR_LABELS)}
    y_tr = np.array([index[p.label] for p in train])
    counts = np.bincount(y_tr, minlength=len(PAIR_LABELS)).astype(np.float64)
    class_weights = (counts.max() / np.maximum(counts, 1)) ** CLASS_WEIGHT_POWER
    torch.manual_seed(seed)
    torch.set_num_threads(THREADS)
    net = _module(len(LEXICAL_NAMES))
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(class_weights, dtype=torch.float32))
    rng = random.Random(seed)
    order = list(range(len(train)))
    # batches of similar length pad less: sort by text length within shuffled blocks
    for epoch in range(epochs):
        net.train()
        rng.shuffle(order)
        blocks = [order[i : i + BATCH * 20] for i in range(0, len(order), BATCH * 20)]
        batches = [
            sorted(block, key=lambda i: len(t_tr[i]))[j : j + BATCH]
            for block in blocks
            for j in range(0, len(block), BATCH)
        ]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            c, cm = _batch([c_tr[i].astype(np.float32) for i in batch])
            t, tm = _batch([t_tr[i].astype(np.float32) for i in batch])
            out = net(c, cm, t, tm, torch.from_numpy(lex_tr[batch]))
            loss = loss_fn(out, torch.from_numpy(y_tr[batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        for group in optimiser.param_groups:
            group["lr"] *= 0.6
        say(
            f"epoch {epoch + 1}/{epochs}: loss {total / len(train):.4f} ({time.time() - encoded:.0f}s)"
        )
    net.eval()
    weights = {
        f"{name}.{part}": getattr(net, name)
        .__getattr__("weight" if part == "w" else "bias")
        .detach()
        .numpy()
        .T.copy()
        if part == "w"
        else getattr(net, name).bias.detach().numpy().copy()
        for name in ("proj", "cmp", "glob", "hid", "out")
        for part in ("w", "b")
    }
    return _finish(
        run, {k: v.astype(np.float32) for k, v in weights.items()}, "esim", class_weights
    )


@dataclass(frozen=True, slots=True)
class _Run:
    """What a training run knows when its head is trained: the data read, the held-out
    samples and their feature rows, the run's settings and timings, where to write."""

    sets: PairSets
    heldout: dict[str, list[Pair]]
    rows: Callable[[list[Pair]], tuple[list[np.ndarray], list[np.ndarray], np.ndarray]]
    seed: int
    epochs: int
    command: str
    n_train: int
    started: float
    encoded: float
    out_dir: str | Path | None
    say: Progress


def _finish(
    run: _Run, weights: dict[str, np.ndarray], head: str, class_weights: np.ndarray
) -> dict[str, Any]:
    """Score the held-out samples, write the artifact, return its metadata."""
    model = PairModel(weights=weights, meta={"head": head})
    metrics: dict[str, Any] = {}
    for source, pairs in run.heldout.items():
        c, t, lex = run.rows(pairs)
        proba = model.probabilities_states(c, t, lex)
        predicted = [PAIR_LABELS[k] for k in proba.argmax(axis=1)]
        metrics[source] = _scores([p.label for p in pairs], predicted)
        run.say(f"held-out {source}: {metrics[source]}")
    meta = {
        "name": "pairs.v1",
        "head": head,
        "labels": list(PAIR_LABELS),
        "lexical": list(LEXICAL_NAMES),
        "claim_tokens": CLAIM_TOKENS,
        "text_tokens": TEXT_TOKENS,
        "encoder": "all-MiniLM-L6-v2-onnx-int8",
        "command": run.command,
        "seed": run.seed,
        "data": run.sets.files,
        "params": {
            "hidden": HIDDEN,
            "hidden_out": HIDDEN_OUT,
            "epochs": run.epochs,
            "batch": BATCH,
            "learning_rate": LEARNING_RATE,
            "class_weights": [round(float(w), 4) for w in class_weights],
            "combine_share": COMBINE_SHARE,
        },
        "counts": {
            "train": run.n_train,
            "heldout_scored": {s: len(p) for s, p in run.heldout.items()},
        },
        "metrics": {"heldout": metrics},
        "seconds": {
            "encode": round(run.encoded - run.started),
            "total": round(time.time() - run.started),
        },
    }
    model = PairModel(weights=model.weights, meta=meta)
    model.save(run.out_dir or packaged_pairs_dir())
    run.say(f"wrote {run.out_dir or packaged_pairs_dir()} ({json.dumps(meta['seconds'])})")
    return meta
