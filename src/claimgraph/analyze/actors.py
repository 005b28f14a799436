"""Actors of one document: merging mentions within a document ("Gen. Nicholson", "General John
Nicholson", "the top commander") into one actor with ids stable across documents.

The name rules (slugs, titles, what is not an actor) live in ``actor_names``; kinds and places
in ``actor_kinds``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.analyze.actor_kinds import actor_kind, government_of, media_name
from claimgraph.analyze.actor_names import (
    capitals_named,
    clean_caption,
    countries_named,
    edit_distance_le1,
    gender_of,
    honorific_gender,
    institution,
    is_actor_name,
    is_heading_label,
    media_named,
    proper_institution_name,
    slug,
    split_person_name,
    strip_titles,
    title_role,
    titled_person,
)
from claimgraph.analyze.lexicon import lexicon
from claimgraph.model import Actor

__all__ = [
    "ActorRegistry",
    "institution",
    "is_actor_name",
    "is_heading_label",
    "slug",
    "split_person_name",
    "strip_titles",
]


@dataclass
class _Entry:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    words: set[str] = field(default_factory=set)
    gender: str | None = None
    plural: bool = False


class ActorRegistry:
    """Actors of one document; ``add_*`` return the id of the (possibly merged) actor."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.entries: dict[str, _Entry] = {}
        self.order: list[str] = []  # ids in order of last mention
        self._anon = 0
        self._renamed: dict[str, str] = {}  # old id -> id after a fuller name was seen
        self._mentions: dict[int, str] = {}  # char offset of a description -> its actor id
        self.identified: set[str] = set()  # anonymous ids later identified by name
        self.capitals: dict[str, str] = {}  # "Pellsburg" -> "Ardenia", from the text
        self.media: dict[str, str] = {}  # lowercase name -> name of outlets the text names
        self.countries: set[str] = set()  # "Morvania", named beside "Morvanian"
        self.author: str | None = None  # the article's one author: "I" outside quotes

    def learn(self, text: str) -> None:
        """Read what the text says of names: "Pellsburg, the capital of Ardenia", "the news
        agency Novapress", "the Novapress news agency"."""
        for capital, country in capitals_named(text).items():
            self.capitals[capital] = country
            # the country, under its name with the capital as an alias, so that the store
            # reads "Alderholm said" in another article as this country too (not a speaker
            # until it speaks: the entry is not put in the order pronouns look at)
            entry = self.entries.setdefault(slug(country), _Entry(name=country, kind="gpe"))
            entry.aliases.add(capital)
        self.countries |= countries_named(text)
        for medium in media_named(text):
            self.media[medium.lower()] = medium

    def _touch(self, actor_id: str) -> None:
        if actor_id in self.order:
            self.order.remove(actor_id)
        self.order.append(actor_id)

    def add_person(
        self, name: str, *, role: str | None = None, affiliation: str | None = None
    ) -> str:
        name = clean_caption(name)
        known_media = {**lexicon().media, **self.media}
        if media_name(name, known=known_media) is not None and (
            len(name.split()) > 1 or name.lower() in self.media
        ):
            return self.add_group(name, "org")  # "Sputnik Kestovia" tagged as a person
        if name in self.capitals or name in self.countries:
            return self.add_group(name, "gpe")  # a place tagged as a person
        role = clean_caption(role) or None if role else role
        if role and re.fullmatch(r"\W*(?:[A-Z]|left|right|cent(?:re|er)|pictured)\W*", role, re.I):
            role = None  # "Mattis (R)" in a photo caption: the "R" is no role
        clean, description = split_person_name(name)
        role = role or description or title_role(name, clean)
        last = clean.split()[-1].lower() if clean.split() else clean.lower()
        my_gender = honorific_gender(name)
        target: str | None = None
        for actor_id, entry in self.entries.items():
            if entry.kind != "person":
                continue
            if my_gender is not None and entry.gender not in (None, my_gender):
                continue  # "Mrs. Voss" is not "Mr. Harlan Voss"
            names = {entry.name, *entry.aliases}
            lasts = {strip_titles(n).split()[-1].lower() for n in names if strip_titles(n).split()}
            firsts = {
                strip_titles(n).split()[0].lower()
                for n in names
                if len(strip_titles(n).split()) > 1
            }
            my_first = clean.split()[0].lower() if len(clean.split()) > 1 else None
            if my_first and firsts and my_first not in firsts:
                continue
            if last in lasts or (
                len(last) >= 5 and any(edit_distance_le1(last, x) for x in lasts if len(x) >= 5)
            ):
                target = actor_id
                break
        if target is None:
            target = slug(clean)
            self.entries[target] = _Entry(name=clean, kind="person")
        entry = self.entries[target]
        if len(clean.split()) > len(entry.name.split()):
            # a fuller name: make it canonical and move the entry to the fuller id
            entry.aliases.add(entry.name)
            entry.name = clean
            new_id = slug(clean)
            if new_id != target and new_id not in self.entries:
                self.entries[new_id] = self.entries.pop(target)
                if target in self.order:
                    self.order[self.order.index(target)] = new_id
                self._renamed[target] = new_id
                target = new_id
        if name != entry.name:
            entry.aliases.add(name)
        if entry.gender is None:
            entry.gender = gender_of(name, role)
        self._describe(entry, role, affiliation)
        entry.words |= {w.lower() for w in re.findall(r"\w+", name)}
        self._touch(target)
        return target

    def resolve_id(self, actor_id: str) -> str:
        seen = 0
        while actor_id in self._renamed and seen < 10:
            actor_id = self._renamed[actor_id]
            seen += 1
        return actor_id

    def add_group(self, name: str, kind: str) -> str:
        """An institution, country or group ("Russia's Foreign Ministry", "the Kremlin"); a
        capital or "X's government" is the country X, speaking as its government."""
        name = (
            re.sub(r"['’]s?$", "", clean_caption(name))
            if name.endswith(("'s", "’s"))
            else clean_caption(name)
        )
        country = government_of(name) if kind in ("gpe", "org", "unknown") else None
        bare = re.sub(r"^(?:the|The)\s+", "", name.strip())
        if country is None and kind in ("gpe", "org"):
            country = self.capitals.get(bare) or (bare if bare in self.countries else None)
        known = institution(name)
        if country is not None and (known is None or known[1] == "gpe"):
            canonical, kind = country, "gpe"
        elif known is not None:
            canonical, kind = known
        elif kind != "gpe" and titled_person(name):
            # "the ministry's spokeswoman, Maren Holt": a person described by a role
            return self.add_person(name)
        else:
            canonical = re.sub(r"^(?:the|The)\s+", "", name.strip())
            canonical = canonical.replace("’", "'")
            medium = self._medium(canonical)
            if medium is not None:  # "Sputnik Kestovia" -> Sputnik; "the news agency" -> its name
                canonical, kind = medium, "org"
            elif kind != "gpe":
                canonical = proper_institution_name(canonical) or canonical
        actor_id = slug(canonical)
        entry = self.entries.setdefault(actor_id, _Entry(name=canonical, kind=kind))
        if name != canonical:
            entry.aliases.add(name)
        self._touch(actor_id)
        return actor_id

    def _medium(self, name: str) -> str | None:
        """The outlet ``name`` is: a known one it starts with ("Sputnik Kestovia"), or, for a
        bare "news agency", the one outlet the text names as such."""
        known = {**lexicon().media, **self.media}
        found = media_name(name, known=known)
        if found is not None:
            return found
        if name.lower() in lexicon().generic_media or name.lower() in (
            "news agency",
            "press agency",
        ):
            named = set(self.media.values())
            return named.pop() if len(named) == 1 else None
        return None

    def add_anonymous(
        self,
        description: str,
        *,
        role: str | None = None,
        affiliation: str | None = None,
        at: int | None = None,
        plural: bool = False,
    ) -> str:
        """An unnamed source ("a former data manager"); ``at``: the char offset of the
        mention, so one mention seen twice is one actor."""
        if at is not None and at in self._mentions:
            known = self.resolve_id(self._mentions[at])
            self._touch(known)
            return known
        self._anon += 1
        canonical = re.sub(r"^(?:an?|the|An?|The)\s+", "", description.strip())
        actor_id = f"anon-{self.doc_id[:12]}-{self._anon}"
        entry = _Entry(name=canonical, kind="anonymous", anonymous=True)
        self.entries[actor_id] = entry
        self._describe(entry, role, affiliation)
        entry.words |= {w.lower() for w in re.findall(r"\w+", canonical)}
        entry.plural = plural
        entry.gender = gender_of(canonical, role)
        if at is not None:
            self._mentions[at] = actor_id
        self._touch(actor_id)
        return actor_id

    def last_anonymous(self, role: str) -> str | None:
        """The most recent unnamed single person described by ``role`` ("a former nurse")."""
        for actor_id in reversed(self.order):
            entry = self.entries[actor_id]
            if entry.kind == "anonymous" and not entry.plural and entry.role == role:
                return actor_id
        return None

    def identify(self, anonymous_id: str, person_id: str) -> None:
        """An unnamed source the text later names ("a former nurse ..." then "Pieter Holm
        said"): the description becomes an alias of the person."""
        anonymous_id = self.resolve_id(anonymous_id)
        person_id = self.resolve_id(person_id)
        if anonymous_id == person_id or anonymous_id not in self.entries:
            return
        old = self.entries.pop(anonymous_id)
        person = self.entries[person_id]
        person.aliases.add(old.name)
        self._describe(person, old.name, old.affiliation)
        person.words |= old.words
        if anonymous_id in self.order:
            self.order.remove(anonymous_id)
        self._renamed[anonymous_id] = person_id
        self.identified.add(anonymous_id)

    def add_alias(self, actor_id: str, alias: str) -> None:
        entry = self.entries[self.resolve_id(actor_id)]
        if alias != entry.name:
            entry.aliases.add(alias)
        self._touch(self.resolve_id(actor_id))

    def _describe(self, entry: _Entry, role: str | None, affiliation: str | None) -> None:
        if role and not entry.role:
            entry.role = role
        if affiliation and not entry.affiliation:
            entry.affiliation = affiliation
        for text in (role, affiliation, entry.name):
            if text:
                entry.words |= {w.lower() for w in re.findall(r"\w+", text.replace("’", "'"))}

    def find_by_description(self, words: set[str], *, person: bool) -> str | None:
        """The most recently mentioned actor sharing a descriptive word ("Putin's envoy")."""
        generic = {"the", "a", "an", "this", "that", "of", "for", "to", "s", "senior", "top"}
        wanted = {w for w in words if w not in generic}
        if not wanted:
            return None
        for actor_id in reversed(self.order):
            entry = self.entries[actor_id]
            if person and entry.kind not in ("person", "anonymous"):
                continue
            if wanted & entry.words:
                return actor_id
        return None

    def find_by_head(self, noun: str) -> str | None:
        """The most recent person (named or not) whose description has the noun ``noun``
        ("epidemiologist" -> "Mira Aalto, an epidemiologist at the city hospital")."""
        for actor_id in reversed(self.order):
            entry = self.entries[actor_id]
            if entry.kind not in ("person", "anonymous") or entry.plural:
                continue
            role_words = {w.lower() for w in re.findall(r"\w+", entry.role or "")}
            if noun in role_words:
                return actor_id
        return None

    def last(
        self, kinds: tuple[str, ...], *, gender: str | None = None, singular: bool = False
    ) -> str | None:
        """The most recently mentioned actor of one of ``kinds`` (and not of the other gender;
        one person when ``singular``)."""
        for actor_id in reversed(self.order):
            entry = self.entries[actor_id]
            if entry.kind not in kinds or (singular and entry.plural):
                continue
            if gender is not None and entry.gender not in (None, gender):
                continue
            return actor_id
        return None

    def get(self, actor_id: str) -> _Entry:
        return self.entries[self.resolve_id(actor_id)]

    def actors(self) -> list[Actor]:
        out = []
        known_media = {**lexicon().media, **self.media}
        for actor_id, e in self.entries.items():
            out.append(
                Actor(
                    id=actor_id,
                    name=e.name,
                    kind=actor_kind(e.name, e.kind, known_media=known_media),  # type: ignore[arg-type]
                    aliases=tuple(sorted(a for a in e.aliases if a != e.name)),
                    role=e.role,
                    affiliation=e.affiliation,
                    anonymous=e.anonymous,
                )
            )
        return out
