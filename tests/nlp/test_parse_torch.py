"""spaCy is loaded without importing torch, and torch stays importable afterwards."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from claimgraph.nlp.parse import needs_torch

SRC = str(Path(__file__).resolve().parents[2] / "src")

SCRIPT = textwrap.dedent(
    """
    import importlib.util, sys
    from claimgraph.nlp.parse import load_nlp
    nlp = load_nlp()
    assert "torch" not in sys.modules, "loading spaCy imported torch"
    doc = nlp("The minister said the army had sent rifles.")
    assert [t.dep_ for t in doc if t.lemma_ == "say"] == ["ROOT"]
    if importlib.util.find_spec("torch") is not None:
        import torch
        assert torch.zeros(2).sum().item() == 0.0
        print("torch importable")
    else:
        print("torch not installed")
    """
)


def test_load_nlp_leaves_torch_unimported_and_importable() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    expected = (
        "torch importable"
        if importlib.util.find_spec("torch") is not None
        else "torch not installed"
    )
    assert done.stdout.strip() == expected


def test_transformer_pipelines_keep_torch() -> None:
    assert needs_torch("en_core_web_trf")
    assert not needs_torch("en_core_web_sm")
    assert not needs_torch("")
