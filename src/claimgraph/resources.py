"""The one loader for data files under ``src/claimgraph/data/`` (lexicons, tables, word lists).

``load_data("stance/predicates.json")`` parses by ending (``.json``, ``.toml``; anything else
is returned as text); ``read_data`` returns the text. Both are cached: a file is read once per
process. Callers must not change what they get back (parsed data is shared).
"""

from __future__ import annotations

import functools
import json
import tomllib
from importlib import resources
from typing import Any

from claimgraph.errors import ClaimgraphError

_PACKAGE = "claimgraph.data"


@functools.cache
def read_data(name: str) -> str:
    """The text of ``data/<name>`` (``name`` uses ``/`` between folders)."""
    ref = resources.files(_PACKAGE)
    for part in name.split("/"):
        if part in ("", ".", ".."):
            raise ClaimgraphError(f"data file name {name!r}: not a plain relative path")
        ref = ref.joinpath(part)
    try:
        return ref.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ClaimgraphError(f"data file {name!r} is missing from the package") from exc


@functools.cache
def load_data(name: str) -> Any:
    """``data/<name>`` parsed: JSON for ``.json``, TOML for ``.toml``, else the text itself."""
    text = read_data(name)
    try:
        if name.endswith(".json"):
            return json.loads(text)
        if name.endswith(".toml"):
            return tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ClaimgraphError(f"data file {name!r} is malformed: {exc}") from exc
    return text
