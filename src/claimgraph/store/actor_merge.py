"""Applying the cross-document actor merge inside a document's store transaction.

The rules live in the pure ``claimgraph.analyze.actor_merge.merge_actors``; this module reads
the stored actors that could be the same (by surname, first name or leading word), applies the
plan (rewriting ``actor_id`` of statements and per-document actors that move to a merged id,
so ``statements(actor_id=...)`` and actor counts stay right) and gives back the document's
actors and statements with their final ids. Spans are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from claimgraph.analyze.actor_merge import merge_actors, normalize_actor
from claimgraph.analyze.actors import slug
from claimgraph.model import Actor, Statement
from claimgraph.store.rows import actor_to_row, row_to_actor

if TYPE_CHECKING:
    from claimgraph.store.sql import SQLStore as SqlStore

_ACTOR_SELECT = "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM actors"
_CHUNK = 500


def _keys(actors: Sequence[Actor]) -> tuple[set[str], re.Pattern[str] | None]:
    """Exact ids, and a pattern over ids, of stored actors that may merge with ``actors``:
    the same surname (or one a letter away), first name, leading word or initials."""
    exact: set[str] = set()
    parts: set[str] = set()
    for actor in actors:
        if actor.anonymous:
            continue
        exact.add(actor.id)
        words = slug(actor.name).split("-")
        if not words or not words[0]:
            continue
        exact.add(words[-1])  # a stored surname-only person
        parts.add(rf"(?:^|-){re.escape(words[-1][:3])}[a-z0-9]*$")  # the surname, misspelt too
        parts.add(rf"^{re.escape(words[0][:4])}")  # first name, "valdoria-s-" ~ "valdorian-"
        if 2 <= len(actor.name) <= 6 and actor.name.isalpha() and actor.name.isupper():
            parts.add("^" + "-".join(f"{c}[a-z0-9]*" for c in actor.name.lower()) + "$")
        elif len(words) > 1:
            exact.add("".join(w[0] for w in words if w not in ("of", "the", "and")))
    return exact, (re.compile("|".join(sorted(parts))) if parts else None)


def _candidates(store: SqlStore, actors: Sequence[Actor]) -> list[Actor]:
    exact, pattern = _keys(actors)
    if not exact:
        return []
    # one pass over the ids (an index-only scan), then the rows of the few that may match
    ids = {
        str(r["id"])
        for r in store._query("SELECT id FROM actors WHERE anonymous = :f", {"f": False})
    }
    wanted = sorted(i for i in ids if i in exact or (pattern is not None and pattern.search(i)))
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
    for actor in sorted(plan.actors, key=lambda a: a.id):  # one lock order for all writers
        _write_actor(store, actor)
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
