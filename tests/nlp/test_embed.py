"""The torch-free sentence embedder (all-MiniLM-L6-v2 int8 ONNX)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.errors import ModelError
from claimgraph.nlp.embed import DIM, default_model_dir, embed, load_embedder

pytestmark = pytest.mark.model


def test_shape_dtype_and_norm() -> None:
    vectors = embed(["Russia is arming the Taliban.", "", "A second sentence here."])
    assert vectors.shape == (3, DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_empty_batch() -> None:
    assert embed([]).shape == (0, DIM)


def test_paraphrases_are_closer_than_unrelated_texts() -> None:
    texts = [
        "Russia is supplying weapons to the Taliban.",
        "Moscow has been arming Taliban fighters.",
        "The bakery sells fresh bread every morning.",
        "Heavy rain flooded the streets of the old town.",
    ]
    vectors = embed(texts)
    sims = vectors @ vectors.T
    assert sims[0, 1] > 0.5
    assert sims[0, 1] > sims[0, 2] + 0.3
    assert sims[0, 1] > sims[0, 3] + 0.3


def test_batching_does_not_change_vectors() -> None:
    texts = [f"Sentence number {i} about the harbour bridge closure." for i in range(7)]
    embedder = load_embedder()
    together = embedder.embed(texts, batch_size=64)
    small = embedder.embed(texts, batch_size=2)
    assert np.allclose(together, small, atol=1e-4)
    alone = embedder.embed([texts[3]])
    assert np.allclose(alone[0], together[3], atol=1e-4)


def test_batch_size_does_not_change_word_piece_vectors() -> None:
    texts = [
        f"The ferry to island {i} was cancelled after the storm warning." * (i % 3 + 1)
        for i in range(9)
    ]
    embedder = load_embedder()
    wide = embedder.token_states(texts, max_tokens=40, batch_size=64)
    narrow = embedder.token_states(texts, max_tokens=40, batch_size=2)
    for (pieces_a, a), (pieces_b, b) in zip(wide, narrow, strict=True):
        assert pieces_a == pieces_b
        assert a.shape == b.shape and len(pieces_a) <= 40
        assert np.allclose(a, b, atol=1e-4)


def test_user_model_folder_loads(tmp_path: Path) -> None:
    onnx_path, tokenizer_path = default_model_dir()
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "model.onnx").symlink_to(onnx_path)
    (folder / "tokenizer.json").write_bytes(tokenizer_path.read_bytes())
    mine = embed(["The mayor closed the bridge."], model_dir=str(folder))
    packaged = embed(["The mayor closed the bridge."])
    assert np.allclose(mine, packaged, atol=1e-5)


def test_missing_model_folder_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="model.onnx"):
        load_embedder(str(tmp_path / "nowhere"))


def test_broken_onnx_is_a_model_error(tmp_path: Path) -> None:
    _, tokenizer_path = default_model_dir()
    (tmp_path / "model.onnx").write_bytes(b"not an onnx file")
    (tmp_path / "tokenizer.json").write_bytes(tokenizer_path.read_bytes())
    with pytest.raises(ModelError, match="cannot load ONNX model"):
        load_embedder(str(tmp_path))
