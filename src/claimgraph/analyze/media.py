"""Media names: the one list (``data/attribution/media.tsv``) and what is asked of a name.

Attribution finds the medium of a cue ("told CNN") with it at analysis time; the link layer's
provenance reads the same names (and the rest of ``data/provenance.toml``) from here.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from claimgraph.resources import load_data, read_data


@functools.lru_cache(maxsize=1)
def provenance_lexicon() -> dict[str, Any]:
    """The packaged provenance lexicon (``data/provenance.toml``) with ``media``: canonical
    name -> its other spellings, as written, from ``data/attribution/media.tsv``."""
    lex: dict[str, Any] = dict(load_data("provenance.toml"))
    lex["media"] = media_names()
    return lex


@functools.lru_cache(maxsize=1)
def media_names() -> dict[str, tuple[str, ...]]:
    """Canonical medium name -> its other spellings as written ("RIA Novosti" -> ("RIA",))."""
    text = read_data("attribution/media.tsv")
    names: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, others = line.partition("\t")
        names[name.strip()] = tuple(o.strip() for o in others.split("|") if o.strip())
    return names


def media_key(name: str) -> str:
    """A medium name compared: lowercased, without a leading "the"."""
    return re.sub(r"^the\s+", "", name.strip().lower())


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Every known spelling (``media_key``) -> canonical medium name."""
    table: dict[str, str] = {}
    for name, others in media_names().items():
        for spelling in (name, *others):
            table.setdefault(media_key(spelling), name)
    return table


def canonical_medium(name: str | None) -> str | None:
    """The canonical name of a medium ("the Sunday Times" -> "The Sunday Times")."""
    if not name:
        return None
    return _aliases().get(media_key(name), name.strip())


def is_medium(name: str | None) -> bool:
    """Whether ``name`` is a known news medium or platform ("CNN", "the Times")."""
    return bool(name) and media_key(name or "") in _aliases()


def outlet_spellings(name: str | None) -> dict[str, str]:
    """Spellings of an outlet's name (``media_key`` -> the name): "The Luzan Tribune" is also
    "Luzan Tribune" and "the Tribune"; "VBC News" is also "VBC"."""
    if not name or not name.strip():
        return {}
    full = name.strip()
    bare = re.sub(r"^The\s+", "", full)
    forms = {full, bare}
    words = bare.split()
    lex = provenance_lexicon()
    if (
        len(words) >= 2
        and words[-1] in lex["name_suffixes"]
        and words[-1] not in lex["short_name_suffixes"]
    ):
        forms.add(" ".join(words[:-1]))
    if len(words) >= 2 and words[-1] in lex["short_name_suffixes"]:
        forms.add(words[-1])
    return {media_key(f): full for f in forms if f}


def same_medium(a: str | None, b: str | None) -> bool:
    """True when two medium names are spellings of one medium."""
    if not a or not b:
        return False
    ka, kb = media_key(canonical_medium(a) or a), media_key(canonical_medium(b) or b)
    return ka == kb or ka in outlet_spellings(b) or kb in outlet_spellings(a)


__all__ = [
    "canonical_medium",
    "is_medium",
    "media_key",
    "media_names",
    "outlet_spellings",
    "provenance_lexicon",
    "same_medium",
]
