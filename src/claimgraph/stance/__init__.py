"""Stance of statements toward claims: the default judge and pluggable backends.

``get_judge(name, **settings)`` imports the backend's module only when asked for, so
``import claimgraph.stance`` loads no model and no heavy library.
"""

from __future__ import annotations

import importlib
from typing import Any

from claimgraph.errors import UsageError
from claimgraph.stance.base import BACKENDS, StanceJudge, register

BUILTIN_MODULES: dict[str, str] = {
    "default": "claimgraph.stance.judge",
    "compositional": "claimgraph.stance.judge",
    "nli": "claimgraph.stance.backends.nli",
    "openai": "claimgraph.stance.backends.openai_compat",
    "article": "claimgraph.stance.fnc",
    "pairs": "claimgraph.stance.pairs",
    "combined": "claimgraph.stance.combined",
}
"""Backend name -> module that registers it (imported on first use)."""

__all__ = ["BACKENDS", "BUILTIN_MODULES", "StanceJudge", "get_judge", "register"]


def get_judge(name: str = "default", **settings: Any) -> StanceJudge:
    """The stance judge registered as ``name``, built from ``settings`` (unknown keys ignored).

    Built-ins: ``default`` (= ``compositional``, offline), ``combined`` (the compositional
    judge, the article model and the sentence-pair model through a learned combination),
    ``article``, ``pairs``, ``nli`` (``nli_model``: a transformers
    NLI cross-encoder, hub id or local path) and ``openai`` (``openai_base_url``,
    ``openai_model``: an OpenAI-compatible chat endpoint).
    """
    if name not in BACKENDS and name in BUILTIN_MODULES:
        importlib.import_module(BUILTIN_MODULES[name])
    factory = BACKENDS.get(name)
    if factory is None:
        known = sorted(set(BACKENDS) | set(BUILTIN_MODULES))
        raise UsageError(f"unknown stance backend {name!r}; choose one of {', '.join(known)}")
    return factory(**settings)
