"""Training the learned combination of the judges (``claimgraph train combine``).

The pairs: the combination part of each source's training part (``train.pairs.combine_part``:
claim groups the pair model never trained on), at most PER_SOURCE per source, drawn with the
seed. Each is read by the three judges (``CombinedJudge.votes``); a multinomial logistic
regression on ``combined.features`` (each source weighted alike, classes balanced) is written
as JSON beside the pair model with the data's sha256, the command, the seed and the counts.
Caveat, recorded in the metadata: the article model was trained on FNC-1 pairs including
this part, so its votes on the FNC pairs here are more confident than on unseen stories.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.stance.combined import FEATURE_NAMES, Combination, CombinedJudge, features
from claimgraph.stance.pairs_data import PAIR_LABELS, Pair, read_all
from claimgraph.train.pairs import combine_part

log = logging.getLogger(__name__)

PER_SOURCE = 500
PER_ARTICLE_SOURCE = 150
"""Pairs of FNC-1 (whole articles: the compositional judge reads them sentence by sentence,
seconds per pair on this machine)."""
REGULARISATION = 1.0
"""Inverse regularisation strength C of the logistic regression."""


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
) -> dict[str, Any]:
    """Fit and write the combination (beside the pair model in ``model_dir``); its meta."""
    from sklearn.linear_model import LogisticRegression

    from claimgraph.stance.fnc import load_model
    from claimgraph.stance.judge import make_compositional
    from claimgraph.stance.pairs import PairJudge, PairModel, packaged_pairs_dir

    say = progress or log.info
    started = time.time()
    folder = Path(model_dir) if model_dir else packaged_pairs_dir()
    judge = CombinedJudge(
        make_compositional(),
        load_model(""),
        PairJudge(PairModel.load(folder)),
        Combination(np.zeros((4, len(FEATURE_NAMES))), np.zeros(4), {}),
    )
    sets = read_all(data_dir, seed=seed)
    rows, labels, weights, counts = [], [], [], {}
    for source, part in sets.train.items():
        n = per_article_source if source == "fnc" else per_source
        chosen = sample([p for p in part if combine_part(p, seed)], n, seed)
        say(f"{source}: judging {len(chosen)} pairs...")
        rows.append(judge_votes(judge, chosen, cache_path))
        labels += [PAIR_LABELS.index(p.label) for p in chosen]
        weights += [1.0 / max(1, len(chosen))] * len(chosen)
        counts[source] = len(chosen)
        say(f"  done ({time.time() - started:.0f}s)")
    x = np.concatenate(rows)
    y = np.array(labels)
    w = np.array(weights) * len(y) / 3.0
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
        "caveat": "the article model trained on the FNC-1 pairs of this part",
        "seconds": round(time.time() - started),
    }
    Combination(coef, intercept, meta).save(folder)
    say(f"wrote {folder}")
    return meta
