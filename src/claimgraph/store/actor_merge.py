"""Applying the cross-document actor merge inside a document's store transaction.

The rules live in the pure ``claimgraph.analyze.actor_merge.merge_actors``; this module reads
the stored actors that could be the same (by surname, first name or leading word), applies the
plan (rewriting ``actor_id`` of statements and per-document actors that move to a merged id,
so ``statements(actor_id=...)`` and actor counts stay right) and gives back the document's
actors and statements with their final ids. Spans are never touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from claimgraph.analyze.actor_merge import merge_actors, normalize_actor
from claimgraph.analyze.actors import slug
from claimgraph.model import Actor, Statement
from claimgraph.store.rows import actor_to_row, row_to_actor

if TYPE_CHECKING:
    from claimgraph.store.sql import SQLStore as SqlStore

_ACTOR_SELECT = "SELECT id, name, kind, aliases, role, affiliation, anonymous FROM actors"
_MAX_PATTERNS = 200


def _patterns(actors: Sequence[Actor]) -> tuple[set[str], set[str]]:
    """Exact ids and LIKE patterns on ids of stored actors that may merge with ``actors``."""
    exact: set[str] = set()
    like: set[str] = set()
    for actor in actors:
        exact.add(actor.id)
        words = slug(actor.name).split("-")
        if not words or not words[0]:
            continue
        exact.add(words[-1])  # a stored surname-only person
        like.add(f"%{words[-1][:3]}%")  # full names and misspellings of the surname
        like.add(f"{words[0]}-%")  # the same first name, or "valdoria-s-..." for "valdorian-..."
        if len(words[0]) > 4:
            like.add(f"{words[0][:4]}%")
        if 2 <= len(actor.name) <= 6 and actor.name.isalpha() and actor.name.isupper():
            like.add("-".join(f"{c}%" for c in actor.name.lower()))  # "NLF" -> "n%-l%-f%"
        elif len(words) > 1:
            exact.add("".join(w[0] for w in words if w not in ("of", "the", "and")))
    return exact, like


def _candidates(store: SqlStore, actors: Sequence[Actor]) -> list[Actor]:
    exact, like = _patterns(actors)
    if not exact:
        return []
    params: dict[str, Any] = {f"e{i}": v for i, v in enumerate(sorted(exact))}
    clauses = [f"id IN ({', '.join(':' + k for k in params)})"]
    for i, pattern in enumerate(sorted(like)[:_MAX_PATTERNS]):
        params[f"l{i}"] = pattern
        clauses.append(f"id LIKE :l{i}")
    rows = store._query(
        f"{_ACTOR_SELECT} WHERE anonymous = :anon AND ({' OR '.join(clauses)})",
        {**params, "anon": False},
    )
    return [row_to_actor(r) for r in rows]


def _write_actor(store: SqlStore, actor: Actor) -> None:
    store._merge_actor(actor)  # inserts it, or locks the stored row (PostgreSQL)
    store._execute(
        "UPDATE actors SET name = :name, kind = :kind, aliases = :aliases, role = :role, "
        "affiliation = :affiliation, anonymous = :anonymous WHERE id = :id",
        actor_to_row(actor),
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
