"""Merging actors across documents: one id per person or institution in a whole store.

``merge_actors(stored, incoming)`` is pure: given the actors already stored (or the candidates
among them) and the actors of a new document, it says which id each new actor takes, which
stored actors fold into a new one (a surname-only "Zakharova" into "Maria Zakharova" once the
full name is seen), and the merged actors to write. The store applies the plan in the same
transaction as the document (``SqlStore._write_analysis``) and rewrites ``actor_id`` on
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
from collections.abc import Iterable
from dataclasses import dataclass, replace

from claimgraph.analyze.actors import (
    _DEMONYMS,
    _edit_distance_le1,
    _role_words,
    _titled_person,
    institution,
    is_actor_name,
    slug,
    split_person_name,
)
from claimgraph.analyze.lexicon import lexicon
from claimgraph.model import Actor

__all__ = ["ActorMerge", "merge_actors", "normalize_actor"]


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


def _words(name: str) -> list[str]:
    return name.replace("’", "'").split()


def _generic(name: str) -> bool:
    """A description, not a name: "the company", "ministry", "the Army"."""
    words = _words(name)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return False
    if all(w.islower() for w in words):
        return True
    return len(words) == 1 and words[0].lower() in lexicon().institutions


def normalize_actor(actor: Actor, *, doc_id: str | None = None) -> Actor | None:
    """The actor with a clean canonical name and id, or None when it names no actor.

    With ``doc_id``, a generic description ("the company", "ministry") gets an id scoped to
    that document, like an anonymous source: it is not one actor across documents.
    """
    if actor.anonymous or actor.kind == "anonymous":
        return actor
    # an id its producer did not derive from the name is kept, and so is the name
    derived = actor.id == slug(actor.name)
    if derived and (actor.kind == "person" or (actor.kind != "gpe" and _titled_person(actor.name))):
        name, description = split_person_name(actor.name)
        if not name or not is_actor_name(name, "person"):
            return None
        aliases = {*actor.aliases, actor.name} - {name}
        return replace(
            actor,
            id=slug(name),
            name=name,
            kind="person",
            aliases=tuple(sorted(aliases)),
            role=actor.role or description,
        )
    if not is_actor_name(actor.name, actor.kind):
        return None
    proper = _proper_institution_name(actor.name) if derived and actor.kind != "gpe" else None
    if proper is not None:
        actor = replace(
            actor,
            id=slug(proper),
            name=proper,
            kind="org",
            aliases=tuple(sorted({*actor.aliases, actor.name} - {proper})),
        )
    for candidate in (actor.name, *actor.aliases):
        known = institution(candidate)
        if known is not None:
            canonical, kind = known
            aliases = {*actor.aliases, actor.name} - {canonical}
            return replace(
                actor,
                id=slug(canonical),
                name=canonical,
                kind=kind,  # type: ignore[arg-type]
                aliases=tuple(sorted(aliases)),
            )
    if derived and doc_id is not None and _generic(actor.name):
        return replace(actor, id=f"{actor.id}-{doc_id[:12]}")
    return actor


def _proper_institution_name(name: str) -> str | None:
    """ "Valdoria's foreign ministry" -> "Valdorian Foreign Ministry" (a country ending in -ia
    or in the demonym table, followed by an institution noun), else None."""
    m = re.match(r"^(?:[Tt]he )?([A-Z][a-z]+)'s ([A-Za-z ]+)$", name.replace("’", "'").strip())
    if m is None:
        return None
    place, rest = m.group(1).lower(), m.group(2).split()
    demonym = _DEMONYMS.get(place) or (place + "n" if place.endswith("ia") else None)
    if demonym is None or not rest or rest[-1].lower() not in lexicon().institutions:
        return None
    return " ".join([demonym.capitalize(), *(w.capitalize() for w in rest)])


def _org_keys(name: str) -> set[str]:
    """Spellings of an institution's name that mean the same ("Valdoria's foreign ministry" ->
    also "valdorian foreign ministry")."""
    key = " ".join(name.replace("’", "'").lower().split())
    key = re.sub(r"^the ", "", key)
    keys = {key}
    m = re.match(r"^([a-z]+)'s (.+)$", key)
    if m:
        place, rest = m.groups()
        demonyms = {_DEMONYMS.get(place, ""), place + "n", place + "an", place + "ian"}
        if place.endswith("y"):
            demonyms.add(place[:-1] + "ian")
        keys |= {f"{d} {rest}" for d in demonyms if d}
    return keys


def _surname(actor: Actor) -> str:
    words = _words(actor.name)
    return words[-1].lower() if words else ""


def _first(actor: Actor) -> str | None:
    words = _words(actor.name)
    return words[0].lower() if len(words) > 1 else None


def _role_overlap(a: Actor, b: Actor) -> bool:
    return bool((_role_words(a.role) | _role_words(a.affiliation)) & _role_words(b.role))


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
        self.actors: dict[str, Actor] = {a.id: a for a in stored}
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
            if _is_person(a) and len(_words(a.name)) > 1 and _surname(a) == surname
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
                and len(_words(a.name)) > 1
                and _edit_distance_le1(surname, _surname(a))
                and _role_overlap(actor, a)
            ]
            if len(close) == 1:
                return close[0].id
        if not exact:
            # "Kestrel" tagged as a person: the one institution whose name starts with it
            orgs = [
                a
                for a in pool.actors.values()
                if a.kind == "org"
                and len(_words(a.name)) > 1
                and _words(a.name)[0].lower() == surname
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
        and len(_words(a.name)) == len(_words(actor.name))
        and _surname(a) != surname
        and _edit_distance_le1(surname, _surname(a))
        and (_first(a) == first or (_first(a) is not None and _role_overlap(actor, a)))
    ]
    return close[0].id if len(close) == 1 else None


def _absorb_bare_names(pool: _Pool, person_id: str) -> None:
    """Fold stored surname-only actors ("Zakharova", or "Holt" mistaken for an org) into the
    full-name person now known, when that person is the only one with the surname."""
    person = pool.actors[person_id]
    surname = _surname(person)
    if len(_words(person.name)) < 2 or len(pool.full_names(surname)) != 1:
        return
    for other in list(pool.actors.values()):
        if other.id == person_id or other.anonymous or len(_words(other.name)) != 1:
            continue
        if other.name.lower() != surname:
            continue
        if other.kind != "person" and not _bare_word(other):
            continue
        pool.absorb(other.id, person_id)


def _place_person(pool: _Pool, actor: Actor) -> str:
    target = _person_target(pool, actor)
    if target is None:
        clash = pool.actors.get(actor.id)
        if clash is not None and len(_words(actor.name)) == 1:
            # "Morvania" tagged as a person where the place is known: it is the place
            return pool.put(_union(clash, actor))
        if clash is not None and not _bare_word(clash):
            actor = replace(actor, id=f"{actor.id}-person")
        target = pool.put(actor if clash is None else _union(actor, clash))
    else:
        kept = pool.actors[target]
        fuller = len(_words(actor.name)) > len(_words(kept.name))
        if fuller and actor.id not in pool.actors:
            # a fuller name for a surname-only actor: the full name becomes the id
            pool.put(actor)
            pool.absorb(target, actor.id)
            target = actor.id
        elif (
            actor.id not in pool.actors
            and len(_words(actor.name)) == len(_words(kept.name)) > 1
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
    return sum(1 for n in names if _words(n) and _words(n)[-1].lower().strip(".,") == surname)


_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _initials(name: str) -> str:
    words = [w for w in _words(name) if w.lower() not in _MINOR]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _acronym_match(pool: _Pool, actor: Actor) -> str | None:
    """The one pooled institution an acronym stands for ("NLF" -> Northern Liberation Front)."""
    if not _is_acronym(actor.name) or institution(actor.name) is not None:
        return None
    found = [
        a.id
        for a in pool.actors.values()
        if a.kind == "org" and len(_words(a.name)) > 1 and _initials(a.name) == actor.name
    ]
    return found[0] if len(found) == 1 else None


def _bare_word(actor: Actor) -> bool:
    """A single word that is no known institution or place ("Holt" tagged as an org)."""
    return (
        len(_words(actor.name)) == 1
        and actor.kind not in ("gpe", "anonymous")
        and institution(actor.name) is None
    )


def _place_group(pool: _Pool, actor: Actor) -> str:
    same = pool.actors.get(actor.id)
    if same is not None and (not _is_person(same) or _bare_word(actor)):
        return pool.put(_union(same, actor))
    if same is not None:
        actor = replace(actor, id=f"{actor.id}-{actor.kind}")
    words = _words(actor.name)
    if _bare_word(actor):
        # a bare word: the one person with that surname or institution starting with it
        word = words[0].lower()
        people = pool.full_names(word)
        orgs = [
            a
            for a in pool.actors.values()
            if a.kind == "org" and len(_words(a.name)) > 1 and _words(a.name)[0].lower() == word
        ]
        if len(people) + len(orgs) == 1:
            target = (people + orgs)[0]
            return pool.put(_union(target, actor))
    acronym = _acronym_match(pool, actor)
    if acronym is not None:
        return pool.put(_union(pool.actors[acronym], actor))
    for other in list(pool.actors.values()):
        if (
            other.kind == "org"
            and actor.kind == "org"
            and len(_words(actor.name)) > 1
            and _is_acronym(other.name)
            and other.name == _initials(actor.name)
        ):
            # "NLF" stored before "Northern Liberation Front"
            pool.put(actor)
            pool.absorb(other.id, actor.id)
            return actor.id
    if _generic(actor.name):
        return pool.put(actor)  # "the company" of one document is not that of another
    keys = _org_keys(actor.name)
    for other in list(pool.actors.values()):
        if other.kind not in ("org", "gpe") or other.kind != actor.kind or _generic(other.name):
            continue
        if keys & set().union(*(_org_keys(n) for n in (other.name, *other.aliases))):
            if "'s " in other.name.replace("’", "'") and "'s " not in actor.name.replace("’", "'"):
                # prefer "Valdorian Foreign Ministry" to "Valdoria's foreign ministry"
                pool.put(actor)
                pool.absorb(other.id, actor.id)
                return actor.id
            return pool.put(_union(other, actor))
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
    # full names first so that a bare surname finds its person in the same document
    normalized.sort(key=lambda item: (item[1].anonymous, -len(_words(item[1].name))))
    for original_id, actor in normalized:
        if actor.anonymous or actor.kind == "anonymous":
            ids[original_id] = pool.put(actor)
        elif _is_person(actor):
            ids[original_id] = _place_person(pool, actor)
        else:
            ids[original_id] = _place_group(pool, actor)
    resolved = {k: (pool.resolve(v) if v is not None else None) for k, v in ids.items()}
    absorbed = {k: pool.resolve(v) for k, v in pool.absorbed.items()}
    touched = {pool.resolve(t) for t in pool.touched} | {v for v in absorbed.values()}
    actors = tuple(pool.actors[t] for t in sorted(touched) if t in pool.actors)
    return ActorMerge(ids=resolved, absorbed=absorbed, actors=actors)
