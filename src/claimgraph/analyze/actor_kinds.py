"""What sort of actor a name is, and which country a place or demonym speaks for.

Kinds: person, organisation, government, media, group, anonymous ("unknown" for a description
not yet resolved). A place speaks only as metonymy for a government: "Moscow said" is Russia,
"the Norwegian government" is Norway, "Brevania's government" is Brevania. The words live in
``data/attribution/places.tsv`` (countries, demonyms, capitals) and ``actor_kinds.tsv`` (the
words that make a name a medium, a government body or an armed or political group).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimgraph.resources import read_data

KINDS = ("person", "organisation", "government", "media", "group", "anonymous", "unknown")
LEGACY_KINDS = {"org": "organisation", "gpe": "government"}
"""Kinds written by earlier versions -> their name now."""
BODY_KINDS = frozenset({"organisation", "government", "media", "group"})
"""Kinds of actors that are bodies, not people."""

_WORD = re.compile(r"[a-z0-9][a-z0-9.'\-]*")


def _data_lines(name: str) -> list[str]:
    text = read_data(f"attribution/{name}")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class _Places:
    country: dict[str, str]
    """Lowercase country name, capital or other name of its government -> country."""
    demonym: dict[str, str]
    """Lowercase demonym -> country ("norwegian" -> "Norway")."""
    country_demonym: dict[str, str]
    """Lowercase country -> its first demonym ("russia" -> "russian")."""


@functools.lru_cache(maxsize=1)
def _places() -> _Places:
    country: dict[str, str] = {}
    demonym: dict[str, str] = {}
    country_demonym: dict[str, str] = {}
    for line in _data_lines("places.tsv"):
        name, demonyms, capitals = (line.split("\t") + ["", ""])[:3]
        name = name.strip()
        country[name.lower()] = name
        for d in demonyms.split("|"):
            if d.strip():
                demonym.setdefault(d.strip(), name)
                country_demonym.setdefault(name.lower(), d.strip())
        for c in capitals.split("|"):
            if c.strip():
                country[c.strip()] = name
    return _Places(country, demonym, country_demonym)


@functools.lru_cache(maxsize=1)
def _kind_words() -> dict[tuple[str, str], frozenset[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for line in _data_lines("actor_kinds.tsv"):
        kind, where, word = (part.strip() for part in line.split("\t"))
        out.setdefault((kind, where), set()).add(word.lower())
    return {key: frozenset(words) for key, words in out.items()}


def _key(name: str) -> str:
    key = " ".join(name.replace("’", "'").lower().split())
    return re.sub(r"^the ", "", key)


def country_of_place(name: str) -> str | None:
    """The country a country name, capital or seat of government stands for ("Kabul" ->
    "Afghanistan", "the Kremlin" -> "Russia"), or None."""
    key = _key(name)
    places = _places().country
    return places.get(key) or places.get("the " + key)


def demonym(country: str) -> str | None:
    """ "Russia" -> "russian"; an unknown name ending in -ia -> name + "n" ("valdorian")."""
    key = country.lower()
    known = _places().country_demonym.get(key)
    if known is not None:
        return known
    return key + "n" if key.endswith("ia") and len(key) > 4 else None


def country_of_demonym(word: str) -> str | None:
    """ "Norwegian" -> "Norway"; an unknown demonym ending in -ian -> the -ia country
    ("Kestovian" -> "Kestovia"), else None."""
    key = word.lower()
    known = _places().demonym.get(key)
    if known is not None:
        return known
    if key.endswith("ian") and len(key) > 5 and word[:1].isupper():
        return word[:-1]
    return None


_GOVERNMENT = re.compile(
    r"^(?:(?P<poss>[A-Z][\w.\- ]*?)'s (?:government|administration|authorities)"
    r"|(?P<dem>[A-Z][\w\-]*(?: [A-Z][\w\-]*)?) (?:government|administration|authorities)"
    r"|(?:government|administration|authorities) of (?P<of>[A-Z][\w.\- ]*))$",
    re.IGNORECASE,
)


def government_of(name: str) -> str | None:
    """The country whose government ``name`` is: a capital or seat ("Moscow", "the Kremlin"),
    "X's government", "the X government", "the government of X" (X a country or its demonym),
    or None."""
    text = " ".join(name.replace("’", "'").split())
    text = re.sub(r"^(?:the|The) ", "", text)
    place = country_of_place(text)
    if place is not None and (text[:1].isupper() or text.lower().startswith("the ")):
        return place
    m = _GOVERNMENT.match(text)
    if m is None:
        return None
    if m.group("poss") or m.group("of"):
        who = (m.group("poss") or m.group("of")).strip()
        who = re.sub(r"^(?:the|The) ", "", who)
        return country_of_place(who) or (who if who[:1].isupper() else None)
    who = m.group("dem")
    if not who[:1].isupper():
        return None
    return country_of_demonym(who) or country_of_place(who)


def _words_of(name: str) -> list[str]:
    return _WORD.findall(name.replace("’", "'").lower())


def _has(kind: str, name: str) -> bool:
    words = _words_of(name)
    if not words:
        return False
    table = _kind_words()
    joined = " " + " ".join(words) + " "
    if words[-1] in table.get((kind, "last"), frozenset()):
        return True
    if words[0] in table.get((kind, "first"), frozenset()) and len(words) > 1:
        return True
    return any(f" {p} " in joined for p in table.get((kind, "any"), frozenset()))


def _has_phrase(kind: str, name: str) -> bool:
    joined = " " + " ".join(_words_of(name)) + " "
    return any(f" {p} " in joined for p in _kind_words().get((kind, "any"), frozenset()))


def is_media_name(name: str, *, known: dict[str, str] | None = None) -> bool:
    """True for the name of an outlet: a known medium (``known``: lowercase alias -> name), one
    followed by a place ("Sputnik Kestovia"), or a name with a medium's word ("Evening Ledger",
    "Meridian Press Agency", "Radio Kestovia")."""
    return media_name(name, known=known) is not None or _has("media", name)


def media_name(name: str, *, known: dict[str, str] | None = None) -> str | None:
    """The canonical name of a known medium ``name`` is or starts with, or None."""
    if not known:
        return None
    key = _key(name)
    if key in known:
        return known[key]
    words = name.replace("’", "'").split()
    for n in range(len(words) - 1, 0, -1):
        head = _key(" ".join(words[:n]))
        rest = words[n:]
        if head in known and all(w[:1].isupper() for w in rest):
            return known[head]
    return None


def actor_kind(name: str, kind: str, *, known_media: dict[str, str] | None = None) -> str:
    """The kind of an actor named ``name`` that analysis first saw as ``kind`` (spaCy's
    reading: "person", "org", "gpe", ...)."""
    kind = LEGACY_KINDS.get(kind, kind)
    if kind in ("anonymous", "media", "group"):
        return kind
    if kind in ("person", "unknown"):
        # a person's name may end in "Post" or "Times": only a known outlet or an agency
        strong = media_name(name, known=known_media) is not None or _has_phrase("media", name)
        return "media" if strong else kind
    if is_media_name(name, known=known_media):
        return "media"
    if kind == "government" or government_of(name) is not None:
        return "government"
    if _has("group", name):
        return "group"
    if _has("government", name):
        return "government"
    return "organisation"
