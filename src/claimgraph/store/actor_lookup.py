"""Finding the stored actors a document's actors may merge with, without reading them all.

SQLite (one writer): an in-memory index of lookup keys per store, extended by rowid.
PostgreSQL (several writers): one pass over the stored ids each time. Descriptions ("the
leader of the Tallis Party") look up the people whose role or aliases hold their proper names.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from claimgraph.analyze.actor_kinds import country_of_demonym
from claimgraph.analyze.actor_names import name_words, proper_words, slug
from claimgraph.model import Actor
from claimgraph.store.rows import row_to_actor

__all__ = ["ACTOR_SELECT", "MergeStore", "candidates", "remember_actor"]


class MergeStore(Protocol):
    """What applying a merge needs of a store (the SQL stores of this package)."""

    single_writer: bool
    """True when this process is the store's only writer (SQLite): stored actor ids can then
    be indexed in memory and extended by rowid; otherwise they are read again each time."""

    def _query(
        self, sql: str, params: Mapping[str, Any] | None = None
    ) -> list[Mapping[str, Any]]: ...

    def _execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None: ...

    def _merge_actor(self, actor: Actor) -> None: ...


ACTOR_SELECT = "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM actors"
_CHUNK = 500


_KEY_MINOR = frozenset({"of", "the", "and", "s"})


@dataclass
class _KeyIndex:
    """Per store: lookup key -> stored actor ids, kept up to date from new rows only."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    last_rowid: int = 0


_INDEX: weakref.WeakKeyDictionary[Any, _KeyIndex] = weakref.WeakKeyDictionary()


def _id_keys(actor_id: str) -> frozenset[str]:
    """Lookup keys of a stored id: surname start, first-word start, initials."""
    words = [w for w in actor_id.split("-") if w]
    if not words:
        return frozenset()
    return frozenset(
        {
            "l:" + words[-1][:3],
            "f:" + words[0][:4],
            "i:" + "".join(w[0] for w in words),
            "i:" + "".join(w[0] for w in words if w not in _KEY_MINOR),
        }
    )


def _wanted_keys(actors: Sequence[Actor]) -> tuple[set[str], set[str]]:
    """Exact ids, and keys of stored ids, of actors that may merge with ``actors``: the same
    surname (or one a letter away), first name, leading word or initials."""
    exact: set[str] = set()
    keys: set[str] = set()
    for actor in actors:
        if actor.anonymous:
            continue
        exact.add(actor.id)
        if actor.kind == "government":  # a capital stored as a speaker of its own
            exact |= {slug(alias) for alias in actor.aliases}
        words = slug(actor.name).split("-")
        if not words or not words[0]:
            continue
        exact.add(words[-1])  # a stored surname-only person
        keys |= {"l:" + words[-1][:3], "f:" + words[0][:4]}
        if 2 <= len(actor.name) <= 6 and actor.name.isalpha() and actor.name.isupper():
            keys.add("i:" + actor.name.lower())  # "NLF" -> northern-liberation-front
        elif len(words) > 1:
            exact.add("".join(w[0] for w in words if w not in _KEY_MINOR))
    return exact, keys


def _matching_ids(store: MergeStore, exact: set[str], keys: set[str]) -> set[str]:
    """Stored ids among ``exact`` or with one of ``keys``.

    SQLite: an index of keys per store, extended with the rows added since the last call (by
    rowid; ids absorbed since stay in it and simply match no row). PostgreSQL, where several
    processes write: one pass over the ids.
    """
    if not store.single_writer:
        rows = store._query("SELECT id FROM actors WHERE anonymous = :f", {"f": False})
        return {
            str(r["id"])
            for r in rows
            if str(r["id"]) in exact or not _id_keys(str(r["id"])).isdisjoint(keys)
        }
    index = _INDEX.setdefault(store, _KeyIndex())
    rows = store._query(
        "SELECT rowid AS r, id FROM actors WHERE rowid > :last AND anonymous = :f",
        {"last": index.last_rowid, "f": False},
    )
    for row in rows:
        index.last_rowid = max(index.last_rowid, int(row["r"]))
        for key in _id_keys(str(row["id"])):
            index.ids.setdefault(key, set()).add(str(row["id"]))
    found = set(exact)
    for key in keys:
        found |= index.ids.get(key, set())
    return found


def _described_people(store: MergeStore, actors: Sequence[Actor]) -> list[Actor]:
    """Stored people a description among ``actors`` may stand for: those whose role or aliases
    hold one of its proper names ("Tallis" in "the leader of the Tallis Party")."""
    words = sorted(
        {
            form
            for a in actors
            if a.kind == "unknown"
            for w in proper_words(a.name)
            for form in (w, (country_of_demonym(w.capitalize()) or w).lower())
        }
    )
    found: list[Actor] = []
    for word in words[:8]:
        rows = store._query(
            f"{ACTOR_SELECT} WHERE kind = :kind AND (lower(role) LIKE :p OR lower(aliases) LIKE :p)",
            {"kind": "person", "p": f"%{word}%"},
        )
        found.extend(row_to_actor(r) for r in rows[:50])
    for actor in actors:
        if actor.kind in ("government", "person") and len(name_words(actor.name)) == 1:
            rows = store._query(
                f"{ACTOR_SELECT} WHERE kind = :kind AND aliases LIKE :p",
                {"kind": "government", "p": f'%"{actor.name}"%'},
            )
            found.extend(row_to_actor(r) for r in rows[:10])
    return found


def candidates(store: MergeStore, actors: Sequence[Actor]) -> list[Actor]:
    exact, keys = _wanted_keys(actors)
    described = _described_people(store, actors)
    if not exact:
        return described
    wanted = sorted(_matching_ids(store, exact, keys) - {a.id for a in described})
    found: list[Actor] = list(described)
    for chunk in range(0, len(wanted), _CHUNK):
        params = {f"i{n}": v for n, v in enumerate(wanted[chunk : chunk + _CHUNK])}
        rows = store._query(
            f"{ACTOR_SELECT} WHERE id IN ({', '.join(':' + k for k in params)})", params
        )
        found.extend(row_to_actor(r) for r in rows)
    return found


def remember_actor(store: MergeStore, actor: Actor) -> None:
    """Add a written actor to the store's key index (even if SQLite reused a rowid)."""
    index = _INDEX.get(store)
    if index is not None and not actor.anonymous:
        for key in _id_keys(actor.id):
            index.ids.setdefault(key, set()).add(actor.id)
