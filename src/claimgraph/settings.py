"""One settings table drives defaults, config files, CLI options and docs.

A user's TOML file (``claimgraph.toml`` in the current folder, or ``--config``) overrides
only the keys it sets; environment variables ``CLAIMGRAPH_<NAME>`` override both.
"""

from __future__ import annotations

import copy
import json
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
    Setting("openai_api_key", "", "API key sent to the OpenAI-compatible endpoint (empty: none)."),
    Setting("openai_timeout", 60.0, "Seconds to wait for the OpenAI-compatible endpoint."),
    Setting("nli_device", "cpu", "Torch device of the NLI cross-encoder (backend nli)."),
    Setting("nli_batch_size", 16, "Statement pairs per NLI model call (backend nli)."),
    Setting(
        "local_files_only",
        False,
        "Never download: load the NLI model from the local cache or a folder only.",
    ),
    Setting(
        "label_map",
        {},
        "NLI model label -> supports/refutes/neutral, for models whose labels say nothing "
        '(TOML table; in the environment a JSON object, e.g. {"LABEL_0": "supports"}).',
    ),
    Setting(
        "fnc_model_dir",
        "",
        "Folder of a trained article-stance (FNC) model; empty: the packaged one.",
    ),
    Setting(
        "pairs_model",
        "",
        "Folder of a trained sentence-pair model and its combination layer "
        "(`claimgraph train pairs`, `train combine`); empty: the packaged one.",
    ),
    Setting(
        "use_embeddings",
        True,
        "The default judge also compares sentence embeddings when the model is installed.",
    ),
    Setting("engine", "process", "Executor for analysis: inline, process or dask."),
    Setting("workers", 0, "Worker processes for the process engine (0: all cores)."),
    Setting(
        "batch_size",
        8,
        "Documents sent to an analysis worker at once (one spaCy pipe and one embedding call).",
    ),
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
    """The built-in value of every setting (a fresh copy: callers may change it)."""
    return {s.name: copy.deepcopy(s.default) for s in SETTINGS}


def names() -> frozenset[str]:
    """The name of every setting."""
    return frozenset(_BY_NAME)


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _from_env(setting: Setting, raw: str) -> Any:
    """An environment variable's text as a value of the setting's type."""
    from claimgraph.errors import UsageError

    where = f"CLAIMGRAPH_{setting.name.upper()}"
    default = setting.default
    try:
        if isinstance(default, bool):
            if raw.strip().lower() in _TRUE:
                return True
            if raw.strip().lower() in _FALSE:
                return False
            raise ValueError("expected true or false")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, dict):
            value = json.loads(raw) if raw.strip() else {}
            if not isinstance(value, dict):
                raise ValueError("expected a JSON object")
            return value
    except ValueError as e:
        raise UsageError(f"{where}={raw!r}: {e}") from e
    return raw


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
            values[setting.name] = _from_env(setting, env)
    return values
