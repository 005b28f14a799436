"""Merging actors across documents: one id per person or body in a whole store (the one home
of actor union: the rules, the union of two actors, and applying a plan in a store).

``merge_actors(stored, incoming)`` is pure: given the actors already stored (or the candidates
among them) and the actors of a new document, it says which id each new actor takes, which
stored actors fold into a new one (a surname-only "Zakharova" into "Maria Zakharova" once the
full name is seen), and the merged actors to write. The store applies the plan in the same
transaction as the document (``SQLStore._write_analysis``) and rewrites ``actor_id`` on
statements, so ``store.statements(actor_id=...)`` and the counts of ``store.actors()`` follow.

Rules, in order:
- a mention that names a thing or points back ("These two videos", "Reports", "its
  spokeswoman") is not an actor: its id maps to None;
- a person's id is the slug of the name without titles or description ("the ministry's
  spokeswoman Maren Holt" -> "maren-holt", the description kept as role); institutions take
  their id from the packaged alias table, or match by name with "Valdoria's" ~ "Valdorian";
- a surname alone joins the one full-name person with that surname (kept apart when two
  people share it); a full name with a surname one edit away joins a person of the same first
  name, or of the same role ("Anselm Kravic" -> "Anselm Kravik");
- people and institutions never merge with each other, except a bare single word that is
  exactly the surname of one known person and names no institution ("Holt" tagged as an org).
Anonymous actors keep their per-document ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from claimgraph.analyze.actor_kinds import BODY_KINDS, LEGACY_KINDS, demonym
from claimgraph.analyze.actor_names import (
    describes,
    edit_distance_le1,
    institution,
    is_generic,
    name_words,
    normalize_actor,
    proper_words,
    role_classes,
    role_words,
)
from claimgraph.model import Actor, Statement
from claimgraph.store.actor_lookup import (
    ACTOR_SELECT,
    MergeStore,
    candidates,
    remember_actor,
)
from claimgraph.store.rows import actor_to_row, row_to_actor

__all__ = [
    "ActorMerge",
    "MergeStore",
    "document_actors",
    "merge_actors",
    "normalize_actor",
    "remap_statement",
    "store_actors",
    "union_actor",
]


def union_actor(old: Actor, new: Actor) -> Actor:
    """One actor seen in two documents: first name kept, every other name an alias."""
    aliases = list(old.aliases)
    for alias in (new.name, *new.aliases):
        if alias != old.name and alias not in aliases:
            aliases.append(alias)
    return Actor(
        id=old.id,
        name=old.name,
        kind=old.kind if old.kind != "unknown" else new.kind,
        aliases=tuple(aliases),
        role=old.role or new.role,
        affiliation=old.affiliation or new.affiliation,
        anonymous=old.anonymous and new.anonymous,
    )


@dataclass(frozen=True, slots=True)
class ActorMerge:
    """What the store does with the actors of one new document."""

    ids: dict[str, str | None]
    """Id of each incoming actor -> the id it is stored under (None: not an actor)."""
    absorbed: dict[str, str]
    """Stored actor id -> the id it now belongs to (its statements move there)."""
    actors: tuple[Actor, ...]
    """Every actor to write (insert or replace), in their merged form."""


def _is_person(actor: Actor) -> bool:
    return actor.kind == "person"


def _org_keys(name: str) -> set[str]:
    """Spellings of an institution's name that mean the same ("Valdoria's foreign ministry" ->
    also "valdorian foreign ministry")."""
    key = " ".join(name.replace("’", "'").lower().split())
    key = re.sub(r"^the ", "", key)
    keys = {key}
    m = re.match(r"^([a-z]+)'s (.+)$", key)
    if m:
        place, rest = m.groups()
        demonyms = {demonym(place) or "", place + "n", place + "an", place + "ian"}
        if place.endswith("y"):
            demonyms.add(place[:-1] + "ian")
        keys |= {f"{d} {rest}" for d in demonyms if d}
    return keys


def _surname(actor: Actor) -> str:
    words = name_words(actor.name)
    return words[-1].lower() if words else ""


def _first(actor: Actor) -> str | None:
    words = name_words(actor.name)
    return words[0].lower() if len(words) > 1 else None


def _role_overlap(a: Actor, b: Actor) -> bool:
    return bool((role_words(a.role) | role_words(a.affiliation)) & role_words(b.role))


def _union(keep: Actor, other: Actor, *, name: str | None = None) -> Actor:
    """``keep`` with ``other``'s names as aliases and its description where ``keep`` has none."""
    canonical = name or keep.name
    aliases = {*keep.aliases, keep.name, *other.aliases, other.name} - {canonical}
    return replace(
        keep,
        name=canonical,
        aliases=tuple(sorted(aliases)),
        role=keep.role or other.role,
        affiliation=keep.affiliation or other.affiliation,
    )


class _Pool:
    """The actors known so far (stored ones plus the new document's), keyed by id."""

    def __init__(self, stored: Iterable[Actor]) -> None:
        self.actors: dict[str, Actor] = {
            a.id: a if a.kind not in LEGACY_KINDS else replace(a, kind=LEGACY_KINDS[a.kind])  # type: ignore[arg-type]
            for a in stored
        }
        self.absorbed: dict[str, str] = {}
        self.touched: set[str] = set()

    def resolve(self, actor_id: str) -> str:
        seen = 0
        while actor_id in self.absorbed and seen < 20:
            actor_id = self.absorbed[actor_id]
            seen += 1
        return actor_id

    def full_names(self, surname: str, *, exclude: str | None = None) -> list[Actor]:
        return [
            a
            for a in self.actors.values()
            if _is_person(a) and len(name_words(a.name)) > 1 and _surname(a) == surname
            if a.id != exclude
        ]

    def put(self, actor: Actor) -> str:
        self.actors[actor.id] = actor
        self.touched.add(actor.id)
        return actor.id

    def absorb(self, old_id: str, new_id: str) -> None:
        old = self.actors.pop(old_id)
        self.actors[new_id] = _union(self.actors[new_id], old)
        self.absorbed[old_id] = new_id
        self.touched.discard(old_id)
        self.touched.add(new_id)


def _person_target(pool: _Pool, actor: Actor) -> str | None:
    """The pooled person this person is, or None for a new one."""
    surname = _surname(actor)
    first = _first(actor)
    same = pool.actors.get(actor.id)
    if same is not None and _is_person(same):
        return same.id
    if first is None:
        # a surname alone: the one full-name person with it, if there is exactly one
        exact = pool.full_names(surname)
        if len(exact) == 1:
            return exact[0].id
        if not exact and len(surname) >= 5:
            close = [
                a
                for a in pool.actors.values()
                if _is_person(a)
                and len(name_words(a.name)) > 1
                and edit_distance_le1(surname, _surname(a))
                and _role_overlap(actor, a)
            ]
            if len(close) == 1:
                return close[0].id
        if not exact:
            # "Kestrel" tagged as a person: the one institution whose name starts with it
            orgs = [
                a
                for a in pool.actors.values()
                if a.kind in BODY_KINDS
                and len(name_words(a.name)) > 1
                and name_words(a.name)[0].lower() == surname
            ]
            if len(orgs) == 1 and not pool.actors.get(actor.id):
                return orgs[0].id
        return None
    if len(surname) < 5:
        return None
    close = [
        a
        for a in pool.actors.values()
        if _is_person(a)
        and len(name_words(a.name)) == len(name_words(actor.name))
        and _surname(a) != surname
        and edit_distance_le1(surname, _surname(a))
        and (_first(a) == first or (_first(a) is not None and _role_overlap(actor, a)))
    ]
    return close[0].id if len(close) == 1 else None


def _absorb_bare_names(pool: _Pool, person_id: str) -> None:
    """Fold stored surname-only actors ("Zakharova", or "Holt" mistaken for an org) into the
    full-name person now known, when that person is the only one with the surname."""
    person = pool.actors[person_id]
    surname = _surname(person)
    if len(name_words(person.name)) < 2 or len(pool.full_names(surname)) != 1:
        return
    for other in list(pool.actors.values()):
        if other.id == person_id or other.anonymous or len(name_words(other.name)) != 1:
            continue
        if other.name.lower() != surname:
            continue
        if other.kind != "person" and not _bare_word(other):
            continue
        pool.absorb(other.id, person_id)


def _place_person(pool: _Pool, actor: Actor) -> str:
    if len(name_words(actor.name)) == 1:
        # "Alderholm" tagged as a person where it is known as a government's capital
        seats = [
            o for o in pool.actors.values() if o.kind == "government" and actor.name in o.aliases
        ]
        if len(seats) == 1:
            return pool.put(_union(seats[0], actor))
    target = _person_target(pool, actor)
    if target is None:
        clash = pool.actors.get(actor.id)
        if clash is not None and len(name_words(actor.name)) == 1:
            # "Morvania" tagged as a person where the place is known: it is the place
            return pool.put(_union(clash, actor))
        if clash is not None and not _bare_word(clash):
            actor = replace(actor, id=f"{actor.id}-person")
        target = pool.put(actor if clash is None else _union(actor, clash))
    else:
        kept = pool.actors[target]
        fuller = len(name_words(actor.name)) > len(name_words(kept.name))
        if fuller and actor.id not in pool.actors:
            # a fuller name for a surname-only actor: the full name becomes the id
            pool.put(actor)
            pool.absorb(target, actor.id)
            target = actor.id
        elif (
            actor.id not in pool.actors
            and len(name_words(actor.name)) == len(name_words(kept.name)) > 1
            and _support(actor, kept, _surname(actor)) > _support(actor, kept, _surname(kept))
        ):
            # "Anselm Kravic" stored first, "Anselm Kravik" written everywhere else
            pool.put(actor)
            pool.absorb(target, actor.id)
            target = actor.id
        else:
            pool.put(_union(kept, actor))
    _absorb_bare_names(pool, target)
    return target


def _support(a: Actor, b: Actor, surname: str) -> int:
    """How many of the names of ``a`` and ``b`` end in ``surname``."""
    names = {a.name, *a.aliases, b.name, *b.aliases}
    return sum(
        1 for n in names if name_words(n) and name_words(n)[-1].lower().strip(".,") == surname
    )


_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _initials(name: str) -> str:
    words = [w for w in name_words(name) if w.lower() not in _MINOR]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _acronym_match(pool: _Pool, actor: Actor) -> str | None:
    """The one pooled institution an acronym stands for ("NLF" -> Northern Liberation Front)."""
    if not _is_acronym(actor.name) or institution(actor.name) is not None:
        return None
    found = [
        a.id
        for a in pool.actors.values()
        if a.kind in BODY_KINDS and len(name_words(a.name)) > 1 and _initials(a.name) == actor.name
    ]
    return found[0] if len(found) == 1 else None


def _bare_word(actor: Actor) -> bool:
    """A single word that is no known institution or place ("Holt" tagged as an org)."""
    return (
        len(name_words(actor.name)) == 1
        and actor.kind not in ("government", "anonymous")
        and institution(actor.name) is None
    )


def _place_group(pool: _Pool, actor: Actor) -> str:
    same = pool.actors.get(actor.id)
    if same is not None and (not _is_person(same) or _bare_word(actor)):
        return pool.put(_union(same, actor))
    if same is not None:
        actor = replace(actor, id=f"{actor.id}-{actor.kind}")
    words = name_words(actor.name)
    if _bare_word(actor):
        # a bare word: the one person with that surname or institution starting with it
        word = words[0].lower()
        people = pool.full_names(word)
        orgs = [
            a
            for a in pool.actors.values()
            if a.kind in BODY_KINDS
            and len(name_words(a.name)) > 1
            and name_words(a.name)[0].lower() == word
        ]
        if len(people) + len(orgs) == 1:
            target = (people + orgs)[0]
            return pool.put(_union(target, actor))
    acronym = _acronym_match(pool, actor)
    if acronym is not None:
        return pool.put(_union(pool.actors[acronym], actor))
    for other in list(pool.actors.values()):
        if (
            other.kind in BODY_KINDS
            and actor.kind in BODY_KINDS
            and len(name_words(actor.name)) > 1
            and _is_acronym(other.name)
            and other.name == _initials(actor.name)
        ):
            # "NLF" stored before "Northern Liberation Front"
            pool.put(actor)
            pool.absorb(other.id, actor.id)
            return actor.id
    if is_generic(actor.name):
        return pool.put(actor)  # "the company" of one document is not that of another
    if actor.kind == "government":
        # a government whose aliases name a stored speaker ("Alderholm" for Valdoria, learnt
        # from "Alderholm, the Valdorian capital"): that speaker was this government
        capitals = [
            o
            for o in pool.actors.values()
            if o.id != actor.id and o.kind == "government" and o.name in actor.aliases
        ]
        if capitals:
            same = pool.actors.get(actor.id)
            gov_id = pool.put(_union(same, actor) if same is not None else actor)
            for other in capitals:
                pool.absorb(other.id, gov_id)
            return gov_id
    keys = _org_keys(actor.name)
    for other in list(pool.actors.values()):
        if other.kind not in BODY_KINDS or actor.kind not in BODY_KINDS or is_generic(other.name):
            continue
        if keys & set().union(*(_org_keys(n) for n in (other.name, *other.aliases))):
            if "'s " in other.name.replace("’", "'") and "'s " not in actor.name.replace("’", "'"):
                # prefer "Valdorian Foreign Ministry" to "Valdoria's foreign ministry"
                pool.put(actor)
                pool.absorb(other.id, actor.id)
                return actor.id
            return pool.put(_union(other, actor))
    return pool.put(actor)


def _place_description(pool: _Pool, actor: Actor, doc_people: set[str]) -> str:
    """A description that speaks ("the leader of the Tallis Party"): the one person it
    describes, in this document or one stored; else an unnamed source under that description."""
    person = _described(pool, actor.name) or _doc_holder(pool, actor, doc_people)
    if person is not None:
        return pool.put(_union(person, actor))
    return pool.put(replace(actor, kind="anonymous", anonymous=True))


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text or "")} - _MINOR


def _described(pool: _Pool, description: str) -> Actor | None:
    """The one pooled person ``description`` describes; of several, the one sharing the most
    words with it ("head of coalition forces" -> the commander of forces, not the naval chief)."""
    people = [a for a in pool.actors.values() if _is_person(a) and describes(description, a)]
    if len(people) <= 1:
        return people[0] if people else None
    mine = _words(description)
    scores = sorted(
        (
            (len(mine & set().union(*map(_words, (p.role, p.affiliation, *p.aliases)))), p.id)
            for p in people
        ),
        reverse=True,
    )
    return pool.actors[scores[0][1]] if scores[0][0] > scores[1][0] else None


_UNNAMED = ("a ", "an ", "unnamed ", "anonymous ", "one ", "some ", "another ")


def _one_role(actor: Actor) -> bool:
    """An anonymous mention that is one holder of a function ("the Northern Dawn Front
    spokesman"), not a deliberately unnamed or plural source ("an unnamed official", "officials")."""
    name = actor.name.replace("’", "'").strip()
    if (
        name.lower().startswith(_UNNAMED)
        or actor.id.startswith("anon-")
        and "unnamed" in name.lower()
    ):
        return False
    return bool(role_classes(name) & {"speaker", "chief"})


def _doc_holder(pool: _Pool, actor: Actor, doc_people: set[str]) -> Actor | None:
    """With no proper name to go by ("the spokesman for the movement"), the one person of this
    document holding the description's function (its role class), else None."""
    if proper_words(actor.name) or not _one_role(actor):
        return None
    mine = role_classes(actor.name)
    holders = [
        pool.actors[p]
        for p in sorted(doc_people)
        if p in pool.actors
        and mine & set().union(*map(role_classes, (pool.actors[p].role, *pool.actors[p].aliases)))
    ]
    return holders[0] if len(holders) == 1 else None


def _placing_order(actor: Actor) -> tuple[bool, bool, bool, int]:
    """Named actors before anonymous or unknown ones, and of those the proper-named roles
    before bare ones (so "the spokesman for the movement" finds the person "the Northern Dawn
    Front spokesman" was resolved to); then full names first, so that a bare surname finds its
    person in the same document."""
    unplaced = actor.anonymous or actor.kind == "unknown"
    return (
        unplaced,
        unplaced and not proper_words(actor.name),
        actor.anonymous,
        -len(name_words(actor.name)),
    )


def _place_anonymous(pool: _Pool, actor: Actor, doc_people: set[str]) -> str:
    """A role description typed anonymous: the one person it describes, in the store by role
    and affiliation, or the one person of this document holding that function; else an
    unnamed source."""
    if _one_role(actor):
        person = (_described(pool, actor.name) if proper_words(actor.name) else None) or (
            _doc_holder(pool, actor, doc_people)
        )
        if person is not None:
            return pool.put(_union(person, actor))
    return pool.put(actor)


def merge_actors(
    stored: Iterable[Actor], incoming: Iterable[Actor], *, doc_id: str | None = None
) -> ActorMerge:
    """The merge plan for a new document's ``incoming`` actors against ``stored`` ones
    (``doc_id``: the new document, to scope generic descriptions to it)."""
    pool = _Pool(stored)
    ids: dict[str, str | None] = {}
    normalized: list[tuple[str, Actor]] = []
    for actor in incoming:
        clean = normalize_actor(actor, doc_id=doc_id)
        if clean is None:
            ids[actor.id] = None
        else:
            normalized.append((actor.id, clean))
    normalized.sort(key=lambda item: _placing_order(item[1]))
    doc_people: set[str] = set()
    for original_id, actor in normalized:
        if actor.anonymous or actor.kind == "anonymous":
            ids[original_id] = _place_anonymous(pool, actor, doc_people)
        elif _is_person(actor):
            ids[original_id] = _place_person(pool, actor)
        elif actor.kind == "unknown":
            ids[original_id] = _place_description(pool, actor, doc_people)
        else:
            ids[original_id] = _place_group(pool, actor)
        placed = ids[original_id]
        if placed is not None and _is_person(pool.actors[pool.resolve(placed)]):
            doc_people.add(pool.resolve(placed))
    resolved = {k: (pool.resolve(v) if v is not None else None) for k, v in ids.items()}
    absorbed = {k: pool.resolve(v) for k, v in pool.absorbed.items()}
    touched = {pool.resolve(t) for t in pool.touched} | {v for v in absorbed.values()}
    actors = tuple(pool.actors[t] for t in sorted(touched) if t in pool.actors)
    return ActorMerge(ids=resolved, absorbed=absorbed, actors=actors)


def _write_actor(store: MergeStore, actor: Actor) -> None:
    """Insert or update ``actor``; names another writer stored meanwhile stay aliases."""
    store._merge_actor(actor)  # inserts it, or locks the stored row (PostgreSQL) and unions
    rows = store._query(f"{ACTOR_SELECT} WHERE id = :id", {"id": actor.id})
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
    store: MergeStore, actors: Sequence[Actor], *, doc_id: str
) -> tuple[list[Actor], Mapping[str, str | None]]:
    """Merge a document's actors into the store; its actors under their final ids and the id
    map (original id -> final id, None for a mention that names no actor)."""
    plan = merge_actors(candidates(store, actors), actors, doc_id=doc_id)
    for old_id, new_id in sorted(plan.absorbed.items()):
        params = {"old": old_id, "new": new_id}
        store._execute("UPDATE statements SET actor_id = :new WHERE actor_id = :old", params)
        store._execute("UPDATE doc_actors SET id = :new WHERE id = :old", params)
        store._execute("DELETE FROM actors WHERE id = :old", params)
    for actor in sorted(plan.actors, key=lambda a: a.id):  # one lock order for all writers
        _write_actor(store, actor)
        remember_actor(store, actor)
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
