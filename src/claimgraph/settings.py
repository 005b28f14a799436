"""One settings table drives defaults, config files, CLI options and docs.

A user's TOML file (``claimgraph.toml`` in the current folder, or ``--config``) overrides
only the keys it sets; environment variables ``CLAIMGRAPH_<NAME>`` override both.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default and help text."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "claimgraph.db", "Path of the SQLite store (or a postgresql:// URL)."),
    Setting("max_document_bytes", 50_000_000, "Files larger than this are refused with an error."),
    Setting("max_decompressed_bytes", 200_000_000, "Decompression limit for gzip/WARC members."),
    Setting(
        "spacy_model",
        "",
        "spaCy pipeline to load; empty means the first installed of en_core_web_sm/md.",
    ),
    Setting("stance_backend", "default", "Stance judge: default, nli, or openai."),
    Setting(
        "discover_on_add",
        True,
        "Compute and store the contested-claims list after add (else on first listing).",
    ),
    Setting(
        "nli_model", "", "Hub id or local path of a transformers NLI cross-encoder (backend nli)."
    ),
    Setting(
        "openai_base_url",
        "http://127.0.0.1:11434/v1",
        "OpenAI-compatible endpoint (backend openai).",
    ),
    Setting("openai_model", "llama3", "Model name to ask the OpenAI-compatible endpoint for."),
    Setting("engine", "process", "Executor for analysis: inline, process or dask."),
    Setting("workers", 0, "Worker processes for the process engine (0: all cores)."),
    Setting("batch_size", 64, "Documents analysed and written per batch."),
    Setting(
        "judge_limit",
        120,
        "Claim maps judge the stance of at most this many retrieved statements (the best by full-text and embedding score).",
    ),
    Setting(
        "boilerplate_min_docs",
        3,
        "A line repeated in this many documents of one outlet is boilerplate.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    """The built-in value of every setting."""
    return {s.name: s.default for s in SETTINGS}


def load(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Settings from defaults, then a TOML file (only the keys it sets), then the environment."""
    values = defaults()
    file = Path(path) if path else Path("claimgraph.toml")
    if file.is_file():
        with file.open("rb") as handle:
            data = tomllib.load(handle)
        unknown = sorted(set(data) - set(_BY_NAME))
        if unknown:
            from claimgraph.errors import UsageError

            raise UsageError(f"unknown settings {', '.join(unknown)}", path=str(file))
        values.update(data)
    for setting in SETTINGS:
        env = os.environ.get(f"CLAIMGRAPH_{setting.name.upper()}")
        if env is not None:
            values[setting.name] = (
                type(setting.default)(env) if setting.default is not None else env
            )
    return values
