"""Actors: canonical names, ids stable across documents, and merging mentions within a document.

Person ids are slugs of the name without titles ("Gen. John Nicholson" -> "john-nicholson");
institution ids come from the packaged alias table ("Russian MFA", "Russia's Foreign Ministry"
-> "russian-foreign-ministry"); anonymous sources get ids scoped to their document.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from claimgraph.analyze.lexicon import lexicon
from claimgraph.model import Actor
from claimgraph.resources import read_data

_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DEMONYMS = {
    "russia": "russian",
    "america": "american",
    "afghanistan": "afghan",
    "iran": "iranian",
    "pakistan": "pakistani",
    "china": "chinese",
    "turkey": "turkish",
    "britain": "british",
    "ukraine": "ukrainian",
}


def slug(name: str) -> str:
    """Lowercase ASCII slug of a name ("Russian Foreign Ministry" -> "russian-foreign-ministry")."""
    folded = (
        unicodedata.normalize("NFKD", name.replace("’", "'"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _SLUG.sub("-", folded.lower()).strip("-") or "actor"


def strip_titles(name: str) -> str:
    """A person's name without leading titles and possessive ("Gen. Nicholson's" -> "Nicholson")."""
    words = name.replace("’", "'").split()
    titles = lexicon().titles | lexicon().roles
    while len(words) > 1 and words[0].lower().rstrip(".").rstrip(",") in titles:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(w for w in words if w)


_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "del", "di", "la", "le", "bin", "al"}
)
_EDGE_JUNK = re.compile(r"^[\s(\[{,;:\-–—\"'“”‘]+|[\s(\[{,;:\-–—\"'“”‘]+$")


def _namelike(word: str) -> bool:
    """A word that can stand in a proper name ("Maren", "O'Brien", "J.", "van")."""
    core = word.strip(",;:")
    if not core or core != word.rstrip(",;:") or word.endswith((",", ";", ":")):
        return False
    if core.lower() in _NAME_PARTICLES:
        return True
    return core[0].isupper() and not core.lower().endswith(("'s", "’s"))


def split_person_name(name: str) -> tuple[str, str | None]:
    """A person's name and the description written before it, titles stripped.

    "the ministry's spokeswoman, Maren Holt" -> ("Maren Holt", "the ministry's spokeswoman");
    "Gen. John Nicholson" -> ("John Nicholson", None); "Jonas Ferrault (" -> ("Jonas Ferrault",
    None). The description is None when nothing but titles precedes the name.
    """
    text = _EDGE_JUNK.sub("", " ".join(name.replace("’", "'").split()))
    text = _POSSESSIVE.sub("", text) if " " in text or len(text) > 3 else text
    words = text.split()
    i = len(words)
    while i > 0 and _namelike(words[i - 1]):
        i -= 1
    while i < len(words) and words[i].lower() in _NAME_PARTICLES:
        i += 1
    if i == 0 or i == len(words):
        return strip_titles(text) or text, None
    prefix = " ".join(words[:i]).strip(" ,;:")
    return strip_titles(" ".join(words[i:])), prefix or None


@functools.lru_cache(maxsize=1)
def _non_actor_words() -> dict[str, frozenset[str]]:
    text = read_data("attribution/non_actors.tsv")
    classes: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cls, _, word = line.partition("\t")
            classes.setdefault(cls.strip(), set()).add(word.strip().lower())
    return {cls: frozenset(words) for cls, words in classes.items()}


def is_heading_label(text: str) -> bool:
    """A line-opening label that heads or tags text ("Update:", "Related:"), not a speaker
    (``non_actors.tsv`` class "label")."""
    return text.strip().lower() in _non_actor_words().get("label", frozenset())


def is_actor_name(name: str, kind: str) -> bool:
    """False for a source mention that names a thing or points back ("These two videos",
    "Reports", "its spokeswoman"); anonymous sources and proper names pass."""
    if kind == "anonymous":
        return True
    words = [w.lower().strip(".,;:") for w in name.replace("’", "'").split()]
    words = [w for w in words if w]
    if not words:
        return False
    if len(words) > 1 and name.isupper():
        return False  # a headline fragment ("FURIOUS MINISTER")
    if words[0] in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    classes = _non_actor_words()
    if words[0] in classes.get("lead", frozenset()):
        return False
    objects = classes.get("object", frozenset())
    return " ".join(words) not in objects and words[-1] not in objects


def _role_words(text: str | None) -> set[str]:
    if not text:
        return set()
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text.replace("’", "'"))}
    return words & (lexicon().roles | lexicon().titles)


def institution(name: str) -> tuple[str, str] | None:
    """(canonical name, kind) of an institution in the alias table, or None."""
    key = " ".join(name.replace("’", "'").lower().split())
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"\s*'s$", "", key)
    aliases = lexicon().actor_aliases
    if key in aliases:
        return aliases[key]
    # "Russia's foreign ministry" -> "russian foreign ministry"
    m = re.match(r"^(\w+)'s (.+)$", key)
    if m and m.group(1) in _DEMONYMS:
        alt = f"{_DEMONYMS[m.group(1)]} {m.group(2)}"
        if alt in aliases:
            return aliases[alt]
    return None


def _titled_person(name: str) -> bool:
    """A role or title followed by a full name ("its spokeswoman, Maren Holt")."""
    clean, description = split_person_name(name)
    return (
        description is not None
        and len(clean.split()) >= 2
        and institution(clean) is None
        and clean.split()[-1].lower() not in lexicon().institutions
        and bool(_role_words(description))
        and not _role_words(clean)
    )


def _gender(name: str, role: str | None) -> str | None:
    """ "m"/"f" from a first name or honorific ("Mrs", "Maria", "spokeswoman"), else None."""
    genders = lexicon().gender
    words = [w.lower().rstrip(".,") for w in name.replace("’", "'").split()]
    if role:
        words += [w.lower().strip(".,") for w in role.split()]
    for word in words:
        if word in genders:
            return genders[word]
    return None


def _edit_distance_le1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = 0
    diff = 0
    while i < len(a) and j < len(b):
        if a[i] != b[j]:
            diff += 1
            if diff > 1:
                return False
            if len(a) == len(b):
                i += 1
            j += 1
        else:
            i += 1
            j += 1
    return diff + (len(b) - j) <= 1


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

    def _touch(self, actor_id: str) -> None:
        if actor_id in self.order:
            self.order.remove(actor_id)
        self.order.append(actor_id)

    def add_person(
        self, name: str, *, role: str | None = None, affiliation: str | None = None
    ) -> str:
        clean, description = split_person_name(name)
        role = role or description
        last = clean.split()[-1].lower() if clean.split() else clean.lower()
        target: str | None = None
        for actor_id, entry in self.entries.items():
            if entry.kind != "person":
                continue
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
                len(last) >= 5 and any(_edit_distance_le1(last, x) for x in lasts if len(x) >= 5)
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
            entry.gender = _gender(name, role)
        self._describe(entry, role, affiliation)
        self._touch(target)
        return target

    def resolve_id(self, actor_id: str) -> str:
        seen = 0
        while actor_id in self._renamed and seen < 10:
            actor_id = self._renamed[actor_id]
            seen += 1
        return actor_id

    def add_group(self, name: str, kind: str) -> str:
        """An institution, country or group ("Russia's Foreign Ministry", "the Kremlin")."""
        known = institution(name)
        if known is not None:
            canonical, kind = known
        elif kind != "gpe" and _titled_person(name):
            # "the ministry's spokeswoman, Maren Holt": a person described by a role
            return self.add_person(name)
        else:
            canonical = re.sub(r"^(?:the|The)\s+", "", name.strip())
            canonical = canonical.replace("’", "'")
        actor_id = slug(canonical)
        entry = self.entries.setdefault(actor_id, _Entry(name=canonical, kind=kind))
        if name != canonical:
            entry.aliases.add(name)
        self._touch(actor_id)
        return actor_id

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
        entry.gender = _gender(canonical, role)
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
        for actor_id, e in self.entries.items():
            out.append(
                Actor(
                    id=actor_id,
                    name=e.name,
                    kind=e.kind,  # type: ignore[arg-type]
                    aliases=tuple(sorted(a for a in e.aliases if a != e.name)),
                    role=e.role,
                    affiliation=e.affiliation,
                    anonymous=e.anonymous,
                )
            )
        return out
