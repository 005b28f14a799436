"""The article-level stance model: (claim or headline, article body) -> FNC-1 class.

Trained by ``claimgraph train stance --data DIR`` on FNC-1-format data and committed under
``claimgraph/stance/models/`` as plain arrays (``fnc_trees.npz``) and JSON (``fnc_model.json``:
vocabulary, feature names, class order, per-class weights, training data hashes, command,
split seed and held-out metrics). Classes map to stances: agree -> supports, disagree ->
refutes, discuss -> neutral, unrelated -> unrelated.

Each distinct claim and each distinct text is analysed once per call (sentence split,
lexicon hits, embeddings), in worker processes when there are many; the pair features are
then cheap combinations of two analyses.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ModelError
from claimgraph.model import Stance, StanceLabel
from claimgraph.stance.fnc_data import FNC_LABELS
from claimgraph.stance.fnc_features import FEATURE_NAMES, feature_matrix
from claimgraph.stance.fnc_text import TextInfo, Vocabulary, analyse, prepare, text_key
from claimgraph.stance.fnc_trees import TreeEnsemble

NAME = "fnc.v1"
"""Judge name stored with the stances this model produces."""
TREES_FILE = "fnc_trees.npz"
META_FILE = "fnc_model.json"
TO_STANCE: dict[str, StanceLabel] = {
    "agree": "supports",
    "disagree": "refutes",
    "discuss": "neutral",
    "unrelated": "unrelated",
}
FROM_STANCE: dict[str, str] = {v: k for k, v in TO_STANCE.items()}
PARALLEL_MIN_TEXTS = 64
"""Fewer distinct texts than this are embedded in the calling process."""


def packaged_model_dir() -> Path:
    """Folder of the committed artifact (claimgraph/stance/models)."""
    return Path(str(resources.files("claimgraph.stance").joinpath("models")))


# --- embedding in worker processes -------------------------------------------------------

_WORKER_MODEL_DIR = ""


def _init_worker(model_dir: str) -> None:
    global _WORKER_MODEL_DIR
    _WORKER_MODEL_DIR = model_dir


def _embed_chunk(chunk: list[tuple[str, bool]]) -> list[np.ndarray]:
    from claimgraph.stance.embed import load_embedder

    embedder = load_embedder(_WORKER_MODEL_DIR, threads=1)
    return [embedder.embed(prepare(text, is_claim=is_claim)[1]) for text, is_claim in chunk]


def sentence_vectors(
    texts: Sequence[str],
    *,
    is_claim: bool,
    workers: int = 0,
    embed_model_dir: str = "",
) -> list[np.ndarray]:
    """Embeddings of the kept sentences of each text (claims: the whole claim), in order.

    ``workers`` processes (0: all cores) share the work when there are many texts.
    """
    workers = workers or os.cpu_count() or 1
    items = [(t, is_claim) for t in texts]
    if workers <= 1 or len(items) < PARALLEL_MIN_TEXTS:
        from claimgraph.stance.embed import load_embedder

        embedder = load_embedder(embed_model_dir)
        return [embedder.embed(prepare(t, is_claim=c)[1]) for t, c in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(16, len(items) // (workers * 8)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(embed_model_dir,)
        ) as pool:
            results = list(pool.map(_embed_chunk, chunks))
    except BrokenProcessPool as e:
        raise ModelError(f"an embedding worker process died: {e}") from e
    return [vectors for chunk in results for vectors in chunk]


# --- the model ---------------------------------------------------------------------------


@dataclass
class FncModel:
    """A loaded article-level stance model."""

    vocab: Vocabulary
    trees: TreeEnsemble
    class_weights: np.ndarray
    """Multipliers of the class probabilities (tuned on validation data), FNC_LABELS order."""
    meta: dict[str, Any] = field(default_factory=dict)
    embed_model_dir: str = ""

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None) -> FncModel:
        """Load the model in ``folder`` (default: the committed one); ModelError if absent/bad."""
        root = Path(folder) if folder else packaged_model_dir()
        meta_path, trees_path = root / META_FILE, root / TREES_FILE
        for path in (meta_path, trees_path):
            if not path.is_file():
                raise ModelError(
                    "stance model file missing; run `claimgraph train stance --data DIR`",
                    path=str(path),
                )
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise ModelError(f"cannot read stance model metadata: {e}", path=str(meta_path)) from e
        if tuple(meta.get("features", ())) != FEATURE_NAMES:
            raise ModelError(
                "stance model was trained with other features; retrain it", path=str(meta_path)
            )
        if tuple(meta.get("labels", ())) != FNC_LABELS:
            raise ModelError("stance model has unexpected labels", path=str(meta_path))
        trees = TreeEnsemble.load(trees_path)
        vocab = Vocabulary.from_json(meta["vocabulary"])
        weights = np.asarray(meta.get("class_weights", [1.0] * len(FNC_LABELS)), dtype=np.float64)
        return cls(vocab=vocab, trees=trees, class_weights=weights, meta=meta)

    def save(self, folder: str | os.PathLike[str]) -> None:
        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        self.trees.save(root / TREES_FILE)
        meta = dict(self.meta)
        meta.update(
            name=NAME,
            labels=list(FNC_LABELS),
            features=list(FEATURE_NAMES),
            class_weights=[float(w) for w in self.class_weights],
            vocabulary=self.vocab.to_json(),
        )
        (root / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")

    # analysis -----------------------------------------------------------------------------

    def analyse_texts(
        self,
        texts: Sequence[str],
        *,
        is_claim: bool,
        workers: int = 0,
        vectors: dict[str, np.ndarray] | None = None,
    ) -> dict[str, TextInfo]:
        """Analyses of the distinct ``texts`` keyed by text, each computed once.

        ``vectors`` (text key -> sentence vectors) is used as a cache and filled in.
        """
        distinct = list(dict.fromkeys(texts))
        cache = vectors if vectors is not None else {}
        keys = {t: text_key(t) for t in distinct}
        missing = [t for t in distinct if keys[t] not in cache]
        if missing:
            computed = sentence_vectors(
                missing, is_claim=is_claim, workers=workers, embed_model_dir=self.embed_model_dir
            )
            for text, vecs in zip(missing, computed, strict=True):
                cache[keys[text]] = vecs
        return {
            t: analyse(t, self.vocab, embed=_no_embed, is_claim=is_claim, vectors=cache[keys[t]])
            for t in distinct
        }

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities after the per-class weights, FNC_LABELS order, rows sum to 1."""
        proba = self.trees.predict_proba(features) * self.class_weights
        return proba / proba.sum(axis=1, keepdims=True)

    def predict_infos(self, pairs: Sequence[tuple[TextInfo, TextInfo]]) -> np.ndarray:
        return self.probabilities(feature_matrix(list(pairs)))

    def predict(
        self, pairs: Sequence[tuple[str, str]], *, workers: int = 0
    ) -> list[tuple[str, float]]:
        """FNC label and confidence of each (claim, text) pair."""
        if not pairs:
            return []
        claims = self.analyse_texts([c for c, _ in pairs], is_claim=True, workers=workers)
        bodies = self.analyse_texts([t for _, t in pairs], is_claim=False, workers=workers)
        proba = self.predict_infos([(claims[c], bodies[t]) for c, t in pairs])
        best = proba.argmax(axis=1)
        return [(FNC_LABELS[k], float(proba[i, k])) for i, k in enumerate(best)]

    def stances(self, pairs: Sequence[tuple[str, str]], *, workers: int = 0) -> list[Stance]:
        """Stance of each (claim, text) pair (supports/refutes/neutral/unrelated)."""
        return [
            Stance(label=TO_STANCE[label], confidence=conf, judge=NAME)
            for label, conf in self.predict(pairs, workers=workers)
        ]


def _no_embed(texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - vectors always given
    raise AssertionError("vectors are computed before analysis")


@functools.lru_cache(maxsize=2)
def load_model(folder: str = "") -> FncModel:
    """The model in ``folder`` (default: the committed artifact), loaded once per process."""
    return FncModel.load(folder or None)


def predict_pairs(
    pairs: Sequence[tuple[str, str]], *, workers: int = 0, model_dir: str = ""
) -> list[Stance]:
    """Article-level stances of (claim, text) pairs with the committed (or given) model."""
    return load_model(model_dir).stances(pairs, workers=workers)


class ArticleStanceJudge:
    """The article-level model behind the StanceJudge protocol (``context`` is ignored)."""

    name = NAME

    def __init__(self, *, model_dir: str = "", workers: int = 1, **_: Any) -> None:
        self._model = load_model(model_dir)
        self._workers = workers

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        return self._model.stances([(claim, text)], workers=1)[0]

    def judge_many(self, pairs: Sequence[tuple[str, str, str | None]]) -> list[Stance]:
        return self._model.stances([(c, t) for c, t, _ in pairs], workers=self._workers)


def iter_pair_lines(lines: Iterable[str]) -> Iterable[tuple[str, str, str]]:
    """Parse ``{"id","claim","text"}`` JSON lines (blank lines skipped); UsageError if bad."""
    from claimgraph.errors import MalformedInput

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise MalformedInput(f"line {number}: not JSON ({e.msg})") from e
        if not isinstance(record, dict) or not all(
            isinstance(record.get(k), str) for k in ("claim", "text")
        ):
            raise MalformedInput(f'line {number}: needs string fields "claim" and "text"')
        yield str(record.get("id", number)), record["claim"], record["text"]
