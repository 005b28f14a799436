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
from claimgraph.stance.base import JudgeBase, StanceJudge, register
from claimgraph.stance.fnc_data import FNC_LABELS
from claimgraph.stance.fnc_features import FEATURE_NAMES, feature_matrix
from claimgraph.stance.fnc_text import (
    PROTOTYPE_KINDS,
    TextInfo,
    Vocabulary,
    analyse,
    prepare,
    prototypes,
    text_key,
)
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
    # One thread per worker process: the processes are the parallelism.
    os.environ["TOKENIZERS_PARALLELISM"] = "false"


def _embed_items(
    items: Sequence[tuple[str, bool]], model_dir: str, threads: int
) -> list[np.ndarray]:
    """Sentence vectors of each (text, is_claim), embedded together in length-sorted batches."""
    from claimgraph.nlp.embed import load_embedder

    embedder = load_embedder(model_dir, threads=threads)
    kept = [prepare(text, is_claim=is_claim)[1] for text, is_claim in items]
    flat = embedder.embed([s for sentences in kept for s in sentences])
    out: list[np.ndarray] = []
    start = 0
    for sentences in kept:
        out.append(flat[start : start + len(sentences)])
        start += len(sentences)
    return out


def _embed_chunk(chunk: list[tuple[str, bool]]) -> list[np.ndarray]:
    return _embed_items(chunk, _WORKER_MODEL_DIR, 1)


def sentence_vectors(
    items: Sequence[tuple[str, bool]],
    *,
    workers: int = 0,
    embed_model_dir: str = "",
) -> list[np.ndarray]:
    """Embeddings of the kept sentences of each (text, is_claim) (a claim is one sentence).

    ``workers`` processes (0: all cores) share the work when there are many texts.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(items) < PARALLEL_MIN_TEXTS:
        return _embed_items(items, embed_model_dir, 0)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Chunks of about the same number of sentences, several per worker for balance.
    sizes = [len(prepare(text, is_claim=is_claim)[1]) for text, is_claim in items]
    target = max(16, min(256, sum(sizes) // (workers * 6)))
    chunks: list[list[tuple[str, bool]]] = [[]]
    filled = 0
    for item, size in zip(items, sizes, strict=True):
        if filled >= target:
            chunks.append([])
            filled = 0
        chunks[-1].append(item)
        filled += size
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
    features: tuple[str, ...] = FEATURE_NAMES
    """The feature columns the trees use (a subset of FEATURE_NAMES, in the trees' order)."""
    _prototype_vectors: list[np.ndarray] | None = field(default=None, repr=False)

    def prototype_vectors(self) -> list[np.ndarray]:
        """Embeddings of the lexicon's prototype sentences per kind (computed once per model)."""
        if self._prototype_vectors is None:
            sentences = prototypes()
            flat = [s for kind in PROTOTYPE_KINDS for s in sentences[kind]]
            vectors = _embed_items([(s, True) for s in flat], self.embed_model_dir, 0)
            out: list[np.ndarray] = []
            start = 0
            for kind in PROTOTYPE_KINDS:
                n = len(sentences[kind])
                rows = [v[0] for v in vectors[start : start + n]]
                out.append(np.stack(rows) if rows else np.zeros((0, 1), np.float32))
                start += n
            self._prototype_vectors = out
        return self._prototype_vectors

    def columns(self) -> list[int]:
        """Indices of ``features`` in a full ``feature_matrix``."""
        return [FEATURE_NAMES.index(f) for f in self.features]

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
        features = tuple(str(f) for f in meta.get("features", ()))
        if not features or not set(features) <= set(FEATURE_NAMES):
            raise ModelError(
                "stance model was trained with other features; retrain it", path=str(meta_path)
            )
        if tuple(meta.get("labels", ())) != FNC_LABELS:
            raise ModelError("stance model has unexpected labels", path=str(meta_path))
        trees = TreeEnsemble.load(trees_path)
        vocab = Vocabulary.from_json(meta["vocabulary"])
        weights = np.asarray(meta.get("class_weights", [1.0] * len(FNC_LABELS)), dtype=np.float64)
        return cls(vocab=vocab, trees=trees, class_weights=weights, meta=meta, features=features)

    def save(self, folder: str | os.PathLike[str]) -> None:
        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        self.trees.save(root / TREES_FILE)
        meta = dict(self.meta)
        meta.update(
            name=NAME,
            labels=list(FNC_LABELS),
            features=list(self.features),
            class_weights=[float(w) for w in self.class_weights],
            vocabulary=self.vocab.to_json(),
        )
        (root / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")

    # analysis -----------------------------------------------------------------------------

    def analyse(
        self,
        claims: Sequence[str],
        texts: Sequence[str],
        *,
        workers: int = 0,
        vectors: dict[str, np.ndarray] | None = None,
    ) -> tuple[dict[str, TextInfo], dict[str, TextInfo]]:
        """Analyses of the distinct ``claims`` and ``texts`` keyed by text, each computed once.

        All missing embeddings are computed in one pass (one worker pool). ``vectors`` (cache
        key -> sentence vectors) is used as a cache and filled in.
        """
        cache = vectors if vectors is not None else {}
        items = [(t, True) for t in dict.fromkeys(claims)]
        items += [(t, False) for t in dict.fromkeys(texts)]
        keys = [_cache_key(t, c) for t, c in items]
        missing = [
            (item, key)
            for item, key in zip(items, keys, strict=True)
            if key not in cache or len(cache[key]) != len(prepare(item[0], is_claim=item[1])[1])
        ]
        if missing:
            computed = sentence_vectors(
                [item for item, _ in missing],
                workers=workers,
                embed_model_dir=self.embed_model_dir,
            )
            for (_, key), vecs in zip(missing, computed, strict=True):
                cache[key] = vecs
        infos: tuple[dict[str, TextInfo], dict[str, TextInfo]] = ({}, {})
        protos = self.prototype_vectors()
        for (text, is_claim), key in zip(items, keys, strict=True):
            infos[0 if is_claim else 1][text] = analyse(
                text,
                self.vocab,
                embed=_no_embed,
                is_claim=is_claim,
                vectors=cache[key],
                prototype_vectors=None if is_claim else protos,
            )
        return infos

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities after the per-class weights, FNC_LABELS order, rows sum to 1.

        ``features``: a full ``feature_matrix`` (its columns are picked) or only ``features``.
        """
        if features.shape[1] != len(self.features):
            features = features[:, self.columns()]
        proba = self.trees.predict_proba(features) * self.class_weights
        return proba / proba.sum(axis=1, keepdims=True)

    def predict_infos(self, pairs: Sequence[tuple[TextInfo, TextInfo]]) -> np.ndarray:
        return self.probabilities(feature_matrix(list(pairs)))

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        *,
        workers: int = 0,
        vectors: dict[str, np.ndarray] | None = None,
    ) -> list[tuple[str, float]]:
        """FNC label and confidence of each (claim, text) pair (``vectors``: see ``analyse``)."""
        if not pairs:
            return []
        claims, bodies = self.analyse(
            [c for c, _ in pairs], [t for _, t in pairs], workers=workers, vectors=vectors
        )
        proba = self.predict_infos([(claims[c], bodies[t]) for c, t in pairs])
        best = proba.argmax(axis=1)
        return [(FNC_LABELS[k], float(proba[i, k])) for i, k in enumerate(best)]

    def stances(self, pairs: Sequence[tuple[str, str]], *, workers: int = 0) -> list[Stance]:
        """Stance of each (claim, text) pair (supports/refutes/neutral/unrelated)."""
        return [
            Stance(label=TO_STANCE[label], confidence=conf, judge=NAME)
            for label, conf in self.predict(pairs, workers=workers)
        ]


def load_vectors(path: str | os.PathLike[str] | None) -> dict[str, np.ndarray]:
    """A sentence-vector cache written by ``save_vectors`` (empty if ``path`` is None/absent)."""
    if path is None or not Path(path).is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError) as e:
        raise ModelError(f"cannot read the vector cache: {e}", path=str(path)) from e


def save_vectors(path: str | os.PathLike[str] | None, cache: dict[str, np.ndarray]) -> None:
    """Write a sentence-vector cache (npz, no pickle); nothing if ``path`` is None."""
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, **cache)  # type: ignore[arg-type]


def _cache_key(text: str, is_claim: bool) -> str:
    return ("claim:" if is_claim else "") + text_key(text)


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


@register("article")
def _article_judge(**settings: Any) -> StanceJudge:
    """Backend ``article``: the FNC-trained article-level model (setting ``fnc_model_dir``)."""
    return ArticleStanceJudge(model_dir=str(settings.get("fnc_model_dir", "") or ""))


class ArticleStanceJudge(JudgeBase):
    """The article-level model behind the StanceJudge protocol (``context`` is ignored)."""

    name = NAME

    def __init__(self, *, model_dir: str = "", workers: int = 1, **_: Any) -> None:
        self._model = load_model(model_dir)
        self._workers = workers

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        return self._model.stances([(claim, text)], workers=1)[0]

    def judge_many(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
    ) -> list[Stance]:
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
