"""The sentence-pair stance model (``--judge pairs``): claim/text -> supports, refutes,
neutral or unrelated.

Trained here by ``claimgraph train pairs`` (``claimgraph.train.pairs``) on FNC-1 train,
PERSPECTRUM and FEVER pairs; the network is ``claimgraph.stance.pairs_net`` over the word-piece
vectors of the packaged MiniLM encoder (``claimgraph.nlp.embed``), the weights an npz, the
metadata (data sha256, command, seed, scores) a JSON: nothing is unpickled. A long text is read
through its FOCUS sentences (``pairs_features.focus``).
"""

from __future__ import annotations

import functools
import json
import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ModelError
from claimgraph.model import Stance
from claimgraph.stance.base import JudgeBase, StanceJudge, register
from claimgraph.stance.pairs_data import PAIR_LABELS
from claimgraph.stance.pairs_features import focus, lexical
from claimgraph.stance.pairs_net import LINEAR_PARAMS, PARAMS, linear_probabilities, probabilities

CLAIM_TOKENS = 48
"""Word pieces of a claim the model reads."""
TEXT_TOKENS = 64
"""Word pieces of a (focused) text the model reads."""
WEIGHTS_FILE = "pairs_weights.npz"
META_FILE = "pairs_model.json"
NAME = "pairs.v1"
CACHE = 4096


def packaged_pairs_dir() -> Path:
    """Folder of the packaged pair model (inside the installed package)."""
    return Path(__file__).resolve().parent / "models"


def token_states(texts: Sequence[str], max_tokens: int) -> list[np.ndarray]:
    """Word-piece vectors of ``texts`` from the packaged encoder (float32, (pieces, 384))."""
    from claimgraph.nlp.embed import THREADS_ENV, load_embedder

    threads = os.environ.get(THREADS_ENV, "")
    embedder = load_embedder("", threads=int(threads) if threads.isdigit() else 0)
    return [s for _, s in embedder.token_states(texts, max_tokens=max_tokens)]


@dataclass
class PairModel:
    """Loaded weights (layer arrays by name) and metadata of the pair model."""

    weights: dict[str, np.ndarray]
    meta: dict[str, Any]

    @classmethod
    def load(cls, folder: str | os.PathLike[str] | None = None) -> PairModel:
        root = Path(folder) if folder else packaged_pairs_dir()
        weights_path, meta_path = root / WEIGHTS_FILE, root / META_FILE
        for path in (weights_path, meta_path):
            if not path.is_file():
                raise ModelError(
                    "pair model missing; train it with: claimgraph train pairs --data DIR",
                    path=str(path),
                )
        try:
            with np.load(weights_path, allow_pickle=False) as data:
                weights = {k: np.asarray(data[k], dtype=np.float32) for k in data.files}
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"cannot load pair model: {e}", path=str(root)) from e
        layers = LINEAR_PARAMS if meta.get("head") == "linear" else PARAMS
        missing = [f"{n}.{p}" for n in layers for p in ("w", "b") if f"{n}.{p}" not in weights]
        if missing:
            raise ModelError(f"pair model lacks {', '.join(missing)}", path=str(weights_path))
        return cls(weights=weights, meta=meta)

    def save(self, folder: str | os.PathLike[str]) -> None:
        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(root / WEIGHTS_FILE, **self.weights)  # type: ignore[arg-type]
        (root / META_FILE).write_text(json.dumps(self.meta, indent=1) + "\n", "utf-8")

    def probabilities_states(
        self, claims: Sequence[np.ndarray], texts: Sequence[np.ndarray], lex: np.ndarray
    ) -> np.ndarray:
        """PAIR_LABELS probabilities from word-piece vectors and lexical features."""
        out = np.zeros((len(claims), len(PAIR_LABELS)), dtype=np.float32)
        head = linear_probabilities if self.meta.get("head") == "linear" else probabilities
        for i, (c, t) in enumerate(zip(claims, texts, strict=True)):
            out[i] = head(
                self.weights, np.asarray(c, np.float32), np.asarray(t, np.float32), lex[i]
            )
        return out


class PairJudge(JudgeBase):
    """Stance judge of the pair model; word-piece vectors of texts are cached by text. It
    reads word pieces, so ``prime_vectors`` and ``prepare`` keep ``JudgeBase``'s no-ops."""

    name = NAME

    def __init__(self, model: PairModel) -> None:
        self.model = model
        self.name = str(model.meta.get("name", NAME))
        self._states: OrderedDict[tuple[str, int], np.ndarray] = OrderedDict()

    def _encode(self, texts: Sequence[str], limit: int) -> list[np.ndarray]:
        todo = list(dict.fromkeys(t for t in texts if (t, limit) not in self._states))
        if todo:
            for text, states in zip(todo, token_states(todo, limit), strict=True):
                self._states[(text, limit)] = states
                while len(self._states) > CACHE:
                    self._states.popitem(last=False)
        out = []
        for t in texts:
            found = self._states.get((t, limit))
            out.append(found if found is not None else token_states([t], limit)[0])
        return out

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """PAIR_LABELS probabilities of (claim, text) pairs (long texts read by focus)."""
        if not pairs:
            return np.zeros((0, len(PAIR_LABELS)), dtype=np.float32)
        focused = [focus(claim, text) for claim, text in pairs]
        claims = self._encode([c for c, _ in pairs], CLAIM_TOKENS)
        texts = self._encode(focused, TEXT_TOKENS)
        lex = np.stack([lexical(c, f) for (c, _), f in zip(pairs, focused, strict=True)])
        return self.model.probabilities_states(claims, texts, lex)

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        return self.judge_many([(claim, text, context)])[0]

    def judge_many(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
    ) -> list[Stance]:
        """Stances of (claim, text, context) triples (who speaks is not read)."""
        proba = self.probabilities([(claim, text) for claim, text, _ in pairs])
        out = []
        for (_, text, _), row in zip(pairs, proba, strict=True):
            if not text.strip():
                out.append(Stance("unrelated", 0.5, judge=self.name))
                continue
            k = int(row.argmax())
            out.append(Stance(PAIR_LABELS[k], float(row[k]), judge=self.name))  # type: ignore[arg-type]
        return out


@functools.lru_cache(maxsize=4)
def load_pair_model(folder: str = "") -> PairModel:
    """The pair model in ``folder`` (default: the packaged one), loaded once per process."""
    return PairModel.load(folder or None)


@register("pairs")
def make_pairs(**settings: Any) -> StanceJudge:
    """The pair-model judge; ``pairs_model`` setting: a model folder (default: packaged)."""
    return _shared(str(settings.get("pairs_model") or ""))


@functools.lru_cache(maxsize=4)
def _shared(folder: str) -> PairJudge:
    return PairJudge(load_pair_model(folder))
