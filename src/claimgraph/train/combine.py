"""Training the learned combination of the judges (``claimgraph train combine``).

The pairs are held-out votes: pairs no judge that votes on them trained on.

- PERSPECTRUM and FEVER: the combination part of each source's training part
  (``train.pairs.combine_part``: claim groups the pair model never trained on; the article
  model trains on FNC-1 only);
- FNC-1: the ``headline`` held-out part (unseen headlines; not the ``strict`` stories that
  ``eval stance`` measures on), voted by an article model trained without it (``article_model``:
  ``claimgraph train stance --split strict`` without ``--final``; the packaged model is refitted
  on every pair and would vote on its own training data).

At most PER_SOURCE pairs per source (PER_ARTICLE_SOURCE of FNC-1), drawn with the seed. Each is
read by the three judges (``CombinedJudge.votes``); a multinomial logistic regression on
``combined.features`` (each source weighted alike) is written as JSON beside the pair model
with the data's sha256, the command, the seed, the article model that voted and the counts.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import DataError
from claimgraph.stance.combined import (
    FEATURE_NAMES,
    VETO_REASONS,
    Combination,
    CombinedJudge,
    features,
)
from claimgraph.stance.pairs_data import (
    FNC_UNRELATED_KEEP,
    FROM_FNC,
    PAIR_LABELS,
    Pair,
    read_all,
)
from claimgraph.train.pairs import combine_part

log = logging.getLogger(__name__)

PER_SOURCE = 500
PER_ARTICLE_SOURCE = 250
"""Pairs of FNC-1 (whole articles: the compositional judge reads them sentence by sentence,
seconds per pair on this machine)."""
REGULARISATION = 0.3
"""Inverse regularisation strength C of the logistic regression."""
BALANCED = False
"""Classes are not reweighted: neutral pairs come from FNC-1 alone, and balancing them
against two sources that have none makes the layer call debate and evidence pairs neutral."""


def fnc_heldout_headlines(data_dir: str | Path, seed: int) -> list[Pair]:
    """FNC-1 pairs of the ``headline`` held-out part outside the ``strict`` one (no model of
    this project trains on them; ``eval stance`` measures on the strict part), unrelated
    pairs thinned as for the pair model (``pairs_data.FNC_UNRELATED_KEEP``)."""
    from claimgraph.stance.fnc_data import read_fnc, split_pairs

    data = read_fnc(Path(data_dir) / "fnc1-train")
    _, strict = split_pairs(data.pairs, by="strict", seed=seed)
    _, headline = split_pairs(data.pairs, by="headline", seed=seed)
    taken = set(strict)
    rng = random.Random(seed)
    return [
        Pair(p.headline, data.bodies[p.body_id], FROM_FNC[p.label], "fnc", p.headline)
        for p in (data.pairs[i] for i in headline if i not in taken)
        if p.label != "unrelated" or rng.random() < FNC_UNRELATED_KEEP
    ]


def sample(pairs: list[Pair], n: int, seed: int) -> list[Pair]:
    """At most ``n`` of ``pairs`` drawn with ``seed`` (order kept)."""
    rng = random.Random(seed)
    if len(pairs) <= n:
        return list(pairs)
    keep = set(rng.sample(range(len(pairs)), n))
    return [p for i, p in enumerate(pairs) if i in keep]


def judge_votes(
    judge: CombinedJudge, pairs: list[Pair], cache_path: str | Path | None = None
) -> np.ndarray:
    """Feature rows of ``pairs`` from the three judges' votes (``votes_cached``)."""
    comp, article, pair_p, read = judge.votes_cached([(p.claim, p.text) for p in pairs], cache_path)
    return np.stack([features(comp[i], article[i], pair_p[i], read[i]) for i in range(len(pairs))])


def train_combine(
    data_dir: str | Path,
    *,
    model_dir: str | Path | None = None,
    seed: int = 1234,
    per_source: int = PER_SOURCE,
    per_article_source: int = PER_ARTICLE_SOURCE,
    command: str = "",
    progress: Callable[[str], None] | None = None,
    cache_path: str | Path | None = None,
    veto: tuple[str, ...] = VETO_REASONS,
    article_model: str | Path | None = None,
) -> dict[str, Any]:
    """Fit and write the combination (beside the pair model in ``model_dir``); its meta.

    ``veto``: the compositional judge's reasons that decide 'unrelated' over the layer
    (recorded with it; ``Combination.decide``). ``article_model``: the folder of an article
    model trained without the FNC-1 held-out parts (required: see the module doc)."""
    from sklearn.linear_model import LogisticRegression

    from claimgraph.stance.fnc import load_model
    from claimgraph.stance.judge import make_compositional
    from claimgraph.stance.pairs import PairJudge, PairModel, packaged_pairs_dir

    say = progress or log.info
    started = time.time()
    folder = Path(model_dir) if model_dir else packaged_pairs_dir()
    article = load_model(str(article_model or ""))
    if article.meta.get("split", {}).get("final_refit"):
        raise DataError(
            "this article model was refitted on every FNC-1 pair (train stance --final): its "
            "votes on the held-out headlines are not held out; give --article-model a model "
            "trained with --split strict and without --final",
            path=str(article_model or "packaged model"),
        )
    judge = CombinedJudge(
        make_compositional(),
        article,
        PairJudge(PairModel.load(folder)),
        Combination(np.zeros((4, len(FEATURE_NAMES))), np.zeros(4), {}),
    )
    sets = read_all(data_dir, seed=seed)
    rows, labels, weights, counts = [], [], [], {}
    for source, part in sets.train.items():
        if source == "fnc":
            chosen = sample(fnc_heldout_headlines(data_dir, seed), per_article_source, seed)
        else:
            chosen = sample([p for p in part if combine_part(p, seed)], per_source, seed)
        say(f"{source}: judging {len(chosen)} pairs...")
        rows.append(judge_votes(judge, chosen, cache_path))
        labels += [PAIR_LABELS.index(p.label) for p in chosen]
        weights += [1.0 / max(1, len(chosen))] * len(chosen)
        counts[source] = len(chosen)
        say(f"  done ({time.time() - started:.0f}s)")
    x = np.concatenate(rows)
    y = np.array(labels)
    w = np.array(weights) * len(y) / 3.0
    if BALANCED:
        per_class = np.bincount(y, weights=w, minlength=len(PAIR_LABELS))
        w = w * (per_class.sum() / np.maximum(per_class, 1e-9) / len(PAIR_LABELS))[y]
    clf = LogisticRegression(C=REGULARISATION, max_iter=2000)
    clf.fit(x, y, sample_weight=w)
    coef = np.zeros((len(PAIR_LABELS), x.shape[1]))
    intercept = np.zeros(len(PAIR_LABELS))
    for row, k in enumerate(clf.classes_):
        coef[int(k)], intercept[int(k)] = clf.coef_[row], clf.intercept_[row]
    meta = {
        "name": "combined.v1",
        "command": command,
        "seed": seed,
        "data": sets.files,
        "counts": counts,
        "regularisation": REGULARISATION,
        "veto": list(veto),
        "balanced": BALANCED,
        "article_model": {
            "name": article.meta.get("name"),
            # folder names only: the command may name a path of the machine that trained it
            "command": re.sub(
                r"(--(?:data|out) )(\S+)",
                lambda m: m.group(1) + Path(m.group(2)).name,
                str(article.meta.get("command", "")),
            ),
            "trained_on": article.meta.get("trained_on"),
        },
        "seconds": round(time.time() - started),
    }
    Combination(coef, intercept, meta).save(folder)
    say(f"wrote {folder}")
    return meta
