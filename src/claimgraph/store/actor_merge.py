"""Applying the cross-document actor merge inside a document's store transaction.

The rules live in the pure ``claimgraph.analyze.actor_merge.merge_actors``; this module reads
the stored actors that could be the same (by surname, first name or leading word), applies the
plan (rewriting ``actor_id`` of statements and per-document actors that move to a merged id,
so ``statements(actor_id=...)`` and actor counts stay right) and gives back the document's
actors and statements with their final ids. Spans are never touched.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from claimgraph.analyze.actor_merge import merge_actors, normalize_actor
from claimgraph.analyze.actors import slug
from claimgraph.model import Actor, Statement
from claimgraph.store.rows import actor_to_row, row_to_actor

if TYPE_CHECKING:
    from claimgraph.store.sql import SQLStore as SqlStore

_ACTOR_SELECT = "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM actors"
_CHUNK = 500


_MINOR = frozenset({"of", "the", "and", "s"})


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
            "i:" + "".join(w[0] for w in words if w not in _MINOR),
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
        words = slug(actor.name).split("-")
        if not words or not words[0]:
            continue
        exact.add(words[-1])  # a stored surname-only person
        keys |= {"l:" + words[-1][:3], "f:" + words[0][:4]}
        if 2 <= len(actor.name) <= 6 and actor.name.isalpha() and actor.name.isupper():
            keys.add("i:" + actor.name.lower())  # "NLF" -> northern-liberation-front
        elif len(words) > 1:
            exact.add("".join(w[0] for w in words if w not in _MINOR))
    return exact, keys


def _matching_ids(store: SqlStore, exact: set[str], keys: set[str]) -> set[str]:
    """Stored ids among ``exact`` or with one of ``keys``.

    SQLite: an index of keys per store, extended with the rows added since the last call (by
    rowid; ids absorbed since stay in it and simply match no row). PostgreSQL, where several
    processes write: one pass over the ids.
    """
    from claimgraph.store.sqlite import SQLiteStore

    if not isinstance(store, SQLiteStore):
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


def _candidates(store: SqlStore, actors: Sequence[Actor]) -> list[Actor]:
    exact, keys = _wanted_keys(actors)
    if not exact:
        return []
    wanted = sorted(_matching_ids(store, exact, keys))
    found: list[Actor] = []
    for chunk in range(0, len(wanted), _CHUNK):
        params = {f"i{n}": v for n, v in enumerate(wanted[chunk : chunk + _CHUNK])}
        rows = store._query(
            f"{_ACTOR_SELECT} WHERE id IN ({', '.join(':' + k for k in params)})", params
        )
        found.extend(row_to_actor(r) for r in rows)
    return found


def _write_actor(store: SqlStore, actor: Actor) -> None:
    """Insert or update ``actor``; names another writer stored meanwhile stay aliases."""
    store._merge_actor(actor)  # inserts it, or locks the stored row (PostgreSQL) and unions
    rows = store._query(f"{_ACTOR_SELECT} WHERE id = :id", {"id": actor.id})
    current = row_to_actor(rows[0])
    names = [*actor.aliases]
    for name in (current.name, *current.aliases):
        if name != actor.name and name not in names:
            names.append(name)
    final = replace(
        actor,
        aliases=tuple(names),
        role=actor.role or current.role,
        affiliation=actor.affiliation or current.affiliation,
    )
    if final != current:
        store._execute(
            "UPDATE actors SET name = :name, kind = :kind, aliases = :aliases, role = :role, "
            "affiliation = :affiliation, anonymous = :anonymous WHERE id = :id",
            actor_to_row(final),
        )


def store_actors(
    store: SqlStore, actors: Sequence[Actor], *, doc_id: str
) -> tuple[list[Actor], Mapping[str, str | None]]:
    """Merge a document's actors into the store; its actors under their final ids and the id
    map (original id -> final id, None for a mention that names no actor)."""
    plan = merge_actors(_candidates(store, actors), actors, doc_id=doc_id)
    for old_id, new_id in sorted(plan.absorbed.items()):
        params = {"old": old_id, "new": new_id}
        store._execute("UPDATE statements SET actor_id = :new WHERE actor_id = :old", params)
        store._execute("UPDATE doc_actors SET id = :new WHERE id = :old", params)
        store._execute("DELETE FROM actors WHERE id = :old", params)
    index = _INDEX.get(store)
    for actor in sorted(plan.actors, key=lambda a: a.id):  # one lock order for all writers
        _write_actor(store, actor)
        if index is not None and not actor.anonymous:  # even if SQLite reused a rowid
            for key in _id_keys(actor.id):
                index.ids.setdefault(key, set()).add(actor.id)
    return document_actors(actors, plan.ids, doc_id=doc_id), plan.ids


def document_actors(
    actors: Sequence[Actor], ids: Mapping[str, str | None], *, doc_id: str | None = None
) -> list[Actor]:
    """A document's actors as stored with it: normalized, under their merged ids, one per id."""
    doc_actors: dict[str, Actor] = {}
    for actor in actors:
        final = ids.get(actor.id)
        clean = normalize_actor(actor, doc_id=doc_id)
        if final is None or clean is None:
            continue
        clean = replace(clean, id=final)
        if final in doc_actors:
            kept = doc_actors[final]
            names = {*kept.aliases, *clean.aliases, clean.name} - {kept.name}
            clean = replace(kept, aliases=tuple(sorted(names)), role=kept.role or clean.role)
        doc_actors[final] = clean
    return list(doc_actors.values())


def remap_statement(statement: Statement, ids: Mapping[str, str | None]) -> Statement:
    """``statement`` pointing at its actor's merged id (no actor for a non-actor mention)."""
    if statement.actor_id is None or statement.actor_id not in ids:
        return statement
    final = ids[statement.actor_id]
    if final == statement.actor_id:
        return statement
    if final is None:
        return replace(statement, actor_id=None, speaker=None)
    return replace(statement, actor_id=final)
