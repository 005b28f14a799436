"""Names of actors: canonical forms, ids, and what is not an actor's name.

Person ids are slugs of the name without titles ("Gen. John Nicholson" -> "john-nicholson");
institution ids come from the packaged alias table ("Russian MFA", "Russia's Foreign Ministry"
-> "russian-foreign-ministry"); ``normalize_actor`` gives one actor its clean canonical name,
id and kind, as analysis and the store's cross-document merge both need it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace

from claimgraph.analyze.actor_kinds import (
    LEGACY_KINDS,
    actor_kind,
    country_of_demonym,
    demonym,
    government_of,
)
from claimgraph.analyze.lexicon import lexicon
from claimgraph.model import Actor
from claimgraph.resources import read_data

_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CAPTION = re.compile(
    r"\s*\((?:[A-Z]|[A-Z]-[A-Z][A-Za-z.]*|left|right|centre|center|top|bottom|front|back|"
    r"pictured|above|below|inset|file|photo|l|r|c|second from (?:left|right)|[lr]\.?)\)",
    re.IGNORECASE,
)


def clean_caption(text: str) -> str:
    """``text`` without photo-caption debris ("Rowan Pike (R)" -> "Rowan Pike", "(left)")."""
    return " ".join(_CAPTION.sub("", text).split())


def slug(name: str) -> str:
    """Lowercase ASCII slug of a name ("Russian Foreign Ministry" -> "russian-foreign-ministry")."""
    folded = (
        unicodedata.normalize("NFKD", name.replace("’", "'"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _SLUG.sub("-", folded.lower()).strip("-") or "actor"


def without_debris(alias: str) -> str:
    """A name without a word the parser glued on from the clause before its title ("before
    Congress Gen. Tomas Arkady" -> "Gen. Tomas Arkady"): capitalised words ahead of a title
    that hold no role or title themselves are dropped."""
    words = alias.split()
    lex = lexicon()
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower().rstrip(".,") not in lex.titles:
            continue
        before = [w.lower().rstrip(".,") for w in words[:i]]
        if all(w[:1].isupper() for w in words[:i]) and not (set(before) & (lex.titles | lex.roles)):
            return " ".join(words[i:])
        break
    return alias


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
    text = _EDGE_JUNK.sub("", clean_caption(name.replace("’", "'")))
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
    bare = [re.sub(r"'s?$", "", w) for w in words]
    if len(bare) == 1 and (
        bare[0] in classes.get("fragment", frozenset()) or not re.search(r"[^\W\d_]", bare[0])
    ):
        return False  # "group", "we", "Tuesday", "Monday's", "300"
    if all(w in classes.get("fragment", frozenset()) or w.isdigit() for w in bare):
        return False  # "Two of them" reduced, "last week"
    objects = classes.get("object", frozenset())
    return " ".join(words) not in objects and words[-1] not in objects


def role_words(text: str | None) -> set[str]:
    if not text:
        return set()
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text.replace("’", "'"))}
    return words & (lexicon().roles | lexicon().titles)


@functools.cache
def _role_classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in read_data("attribution/role_classes.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            cls, _, word = line.partition("\t")
            out[word.strip().lower()] = cls.strip()
    return out


def role_classes(text: str | None) -> set[str]:
    """The functions the role words of ``text`` name ("spokesman", "representative" -> speaker;
    ``role_classes.tsv``); a role word of no class stands for itself."""
    classes = _role_classes()
    return {classes.get(w, w) for w in role_words(text)}


def demonym_plural(name: str) -> str | None:
    """The country of a demonym plural standing as a speaker ("the Kestovians" -> "Kestovia"):
    the people of a country, not an organisation."""
    words = _ARTICLES.sub("", name.replace("’", "'").strip()).split()
    if len(words) != 1 or not words[0].endswith("s") or not words[0][:1].isupper():
        return None
    return country_of_demonym(words[0][:-1])


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
    adjective = demonym(m.group(1)) if m else None
    if m and adjective:
        alt = f"{adjective} {m.group(2)}"
        if alt in aliases:
            return aliases[alt]
    return None


def titled_person(name: str) -> bool:
    """A role or title followed by a full name ("its spokeswoman, Maren Holt")."""
    clean, description = split_person_name(name)
    return (
        description is not None
        and len(clean.split()) >= 2
        and institution(clean) is None
        and clean.split()[-1].lower() not in lexicon().institutions
        and bool(role_words(description))
        and not role_words(clean)
    )


def gender_of(name: str, role: str | None) -> str | None:
    """ "m"/"f" from a first name or honorific ("Mrs", "Maria", "spokeswoman"), else None."""
    genders = lexicon().gender
    words = [w.lower().rstrip(".,") for w in name.replace("’", "'").split()]
    if role:
        words += [w.lower().strip(".,") for w in role.split()]
    for word in words:
        if word in genders:
            return genders[word]
    return None


def honorific_gender(name: str) -> str | None:
    """ "f" for "Mrs. Voss", "m" for "Mr. Voss": the honorific only, not a first name."""
    first = name.replace("’", "'").split()[:1]
    word = first[0].lower().rstrip(".") if first else ""
    return {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "madam": "f"}.get(word)


def title_role(name: str, clean: str) -> str | None:
    """The titles written before a name, when they say a role ("Defence Minister Paolo Renz"
    -> "Defence Minister"); None for courtesy titles alone ("Mr.")."""
    words = name.replace("’", "'").split()
    n = len(clean.split())
    prefix = words[: len(words) - n] if n and len(words) > n else []
    if not prefix or not (role_words(" ".join(prefix)) & lexicon().roles):
        return None
    return " ".join(prefix)


_CAPITAL_OF = re.compile(
    r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?), (?:the|which is the) capital of ([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
    r"|\b[Tt]he ([A-Z][\w-]+) capital,? ([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
    r"|\b([A-Z][\w-]+(?: [A-Z][\w-]+)?), the ([A-Z][\w-]+) capital\b"
)
_MEDIUM_WORDS = (
    r"(?:news agency|press agency|news service|newspaper|broadcaster|news outlet|news site|agency)"
)
_MEDIUM_BEFORE = re.compile(
    r"\b(?:the |The )?" + _MEDIUM_WORDS + r",? ([A-Z][\w-]+(?: [A-Z][\w-]+)*)"
)
_MEDIUM_AFTER = re.compile(
    r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)*) (?:news agency|press agency|news service|newspaper|broadcaster|news site)\b"
)


def countries_named(text: str) -> set[str]:
    """Names the text also uses as a demonym ("Morvania" beside "Morvanian"): countries."""
    words = set(re.findall(r"\b[A-Z][a-z]{3,}ia\b", text))
    return {w for w in words if re.search(rf"\b{w}ns?\b", text)}


def capitals_named(text: str) -> dict[str, str]:
    """Capitals the text names, each -> its country ("Pellsburg, the capital of Ardenia")."""
    out: dict[str, str] = {}
    for m in _CAPITAL_OF.finditer(text):
        if m.group(1):
            out[m.group(1)] = m.group(2)
        elif m.group(3):
            country = country_of_demonym(m.group(3))
            if country:
                out[m.group(4)] = country
        elif m.group(5):
            country = country_of_demonym(m.group(6))
            if country:
                out[m.group(5)] = country
    return out


def media_named(text: str) -> list[str]:
    """Outlets the text names as such ("the news agency Novapress", "the Novapress news
    agency")."""
    found = [m.group(1) for m in _MEDIUM_BEFORE.finditer(text)]
    found += [m.group(1) for m in _MEDIUM_AFTER.finditer(text)]
    return [re.sub(r"^(?:The|A|An) ", "", f) for f in found if f not in ("The", "A", "An")]


def edit_distance_le1(a: str, b: str) -> bool:
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


def name_words(name: str) -> list[str]:
    return name.replace("’", "'").split()


def is_generic(name: str) -> bool:
    """A description, not a name: "the company", "ministry", "the Army"."""
    words = name_words(name)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return False
    if all(w.islower() for w in words):
        return True
    institutions = lexicon().institutions
    lowered = [w.lower().strip(".,") for w in words]
    if len(words) == 1:
        return lowered[0] in institutions
    # "Foreign Ministry", "Defence Ministry": which body, not whose
    return lowered[-1] in institutions and all(
        w in institutions or w in _portfolios() for w in lowered
    )


@functools.lru_cache(maxsize=1)
def _portfolios() -> frozenset[str]:
    text = read_data("attribution/portfolios.txt")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def normalize_actor(actor: Actor, *, doc_id: str | None = None) -> Actor | None:
    """The actor with a clean canonical name, id and kind, or None when it names no actor.

    With ``doc_id``, a generic description ("the company", "ministry") gets an id scoped to
    that document, like an anonymous source: it is not one actor across documents. A capital
    or "X's government" becomes the country X, of kind government.
    """
    kind = LEGACY_KINDS.get(actor.kind, actor.kind)
    if kind != actor.kind:
        actor = replace(actor, kind=kind)  # type: ignore[arg-type]
    if kind not in ("person", "anonymous") and not actor.anonymous:
        country = government_of(actor.name)
        if country is not None and actor.id == slug(actor.name):
            aliases = {*actor.aliases, actor.name} - {country}
            actor = replace(
                actor,
                id=slug(country),
                name=country,
                kind="government",
                aliases=tuple(sorted(aliases)),
            )
    people_of = demonym_plural(actor.name) if kind != "person" and not actor.anonymous else None
    if people_of is not None:
        # "the Kestovians said": unnamed people of a country, not an organisation
        scoped = f"{slug(actor.name)}-{doc_id[:12]}" if doc_id else slug(actor.name)
        return replace(
            actor,
            id=scoped,
            kind="anonymous",
            anonymous=True,
            affiliation=actor.affiliation or people_of,
        )
    words = name_words(actor.name)
    if kind not in ("person", "anonymous", "unknown") and len(words) > 2 and not actor.anonymous:
        first = words[0].lower()
        if first in _non_actor_words().get("fragment", frozenset()) or first.isdigit():
            # "One splinter group of the movement", "Two separate sets of ...": a part of a
            # body counted, no speaker; "Two officials of the ministry" is an unnamed source
            before = [w.lower() for w in words[: words.index("of")]] if "of" in words else []
            roles = lexicon().roles
            if before and not any(w in roles or w.rstrip("s") in roles for w in before):
                return None
            actor = replace(actor, kind="anonymous", anonymous=True)
        elif first in lexicon().roles and any(w.islower() for w in words[1:]):
            # "Head of US coalition forces in the country": a description, not a body's name
            actor = replace(actor, kind="unknown")
    clean = _normalize(actor, doc_id=doc_id)
    if clean is None:
        return None
    final = actor_kind(clean.name, clean.kind, known_media=lexicon().media)
    return clean if final == clean.kind else replace(clean, kind=final)  # type: ignore[arg-type]


def _normalize(actor: Actor, *, doc_id: str | None) -> Actor | None:
    if actor.anonymous or actor.kind == "anonymous":
        return actor
    # an id its producer did not derive from the name is kept, and so is the name
    derived = actor.id == slug(actor.name)
    if derived and (
        actor.kind == "person" or (actor.kind != "government" and titled_person(actor.name))
    ):
        name, description = split_person_name(without_debris(actor.name))
        if not name or not is_actor_name(name, "person"):
            return None
        aliases = {without_debris(a) for a in (*actor.aliases, actor.name)} - {name}
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
    proper = proper_institution_name(actor.name) if derived and actor.kind != "government" else None
    if proper is not None:
        actor = replace(
            actor,
            id=slug(proper),
            name=proper,
            kind="organisation",
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
                kind=LEGACY_KINDS.get(kind, kind),  # type: ignore[arg-type]
                aliases=tuple(sorted(aliases)),
            )
    if derived and doc_id is not None and is_generic(actor.name):
        return replace(actor, id=f"{actor.id}-{doc_id[:12]}")
    return actor


def proper_institution_name(name: str) -> str | None:
    """ "Valdoria's foreign ministry" -> "Valdorian Foreign Ministry" (a country ending in -ia
    or in the demonym table, followed by an institution noun), else None."""
    m = re.match(r"^(?:[Tt]he )?([A-Z][a-z]+)'s ([A-Za-z ]+)$", name.replace("’", "'").strip())
    if m is None:
        return None
    place, rest = m.group(1).lower(), m.group(2).split()
    adjective = demonym(place)
    if adjective is None or not rest or rest[-1].lower() not in lexicon().institutions:
        return None
    return " ".join([adjective.capitalize(), *(w.capitalize() for w in rest)])


_ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _plain(text: str | None) -> str:
    """A description compared as written, without article, case or punctuation."""
    words = re.findall(r"[\w']+", _ARTICLES.sub("", (text or "").replace("’", "'").strip()))
    return " ".join(words).lower()


_INITIALISM = re.compile(r"\b([A-Z])\.([A-Z])\.")


def _joined_initialisms(text: str) -> str:
    """ "U.S." read as the word "US"."""
    return _INITIALISM.sub(r"\1\2", text)


def proper_words(text: str) -> set[str]:
    """Capitalised words of a description ("head of coalition forces in Kestovia" -> kestovia),
    with acronyms ("US", "U.S." -> us) and without a capitalised role word ("Head of ...")."""
    text = _joined_initialisms(text)
    found = {w.lower() for w in re.findall(r"\b[A-Z][\w'-]+", text) if len(w) > 2 or w.isupper()}
    return found - {"the"} - lexicon().roles - lexicon().titles


def describes(description: str, person: Actor) -> bool:
    """True when ``description`` ("the head of coalition forces in Kestovia") is what the text
    called ``person`` elsewhere: the same words as its role or an alias, or a shared role word
    with every proper name of the description in the person's role or affiliation."""
    wanted = _plain(description)
    if not wanted:
        return False
    texts = [person.role, person.affiliation, *person.aliases]
    if any(_plain(t) == wanted for t in texts if t):
        return True
    proper = proper_words(description)
    mine = role_classes(description)
    theirs = set().union(*(role_classes(t) for t in texts if t))
    words = {
        w.lower()
        for t in texts
        if t
        for w in re.findall(r"[\w-]+", re.sub(r"['’]s\b", "", _joined_initialisms(t)))
    }
    words |= {(country_of_demonym(w.capitalize()) or w).lower() for w in words}
    proper = {(country_of_demonym(w.capitalize()) or w).lower() for w in proper}
    return bool(proper) and bool(mine & theirs) and proper <= words
