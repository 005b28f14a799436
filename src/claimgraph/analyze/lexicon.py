"""Attribution lexicons, read from the packaged data files under ``claimgraph/data/attribution``.

Cue verbs carry a polarity class (assert, deny, concede, accuse, question, belief, refuse,
written, perception) and a flag saying whether they are verbs of saying; the stance judge reads
``cue_polarity`` to tell "said" from "denied" and "does not refute".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from claimgraph.analyze.media import media_names
from claimgraph.resources import read_data


def _lines(name: str) -> list[str]:
    text = read_data(f"attribution/{name}")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All attribution word lists, loaded once."""

    cue_class: dict[str, str]
    """Cue lemma -> polarity class."""
    speech_verbs: frozenset[str]
    """Lemmas of verbs of saying or writing (the "speech-verb" relations of the scorer)."""
    hedges: frozenset[str]
    """Hedge words and phrases (lowercase)."""
    anonymity: tuple[str, ...]
    """Phrases that mark a source mention as anonymous."""
    roles: frozenset[str]
    """Role nouns ("spokesman", "official", "envoy")."""
    titles: frozenset[str]
    """Titles stripped from person names ("gen", "mr", "secretary")."""
    institutions: frozenset[str]
    """Nouns naming institutions that speak as one ("police", "ministry", "embassy")."""
    writings: frozenset[str]
    """Nouns for something written that "says" ("the tweet stated"): its author speaks."""
    generic_media: frozenset[str]
    """Nouns for a medium not named ("the Turkish news outlet")."""
    gender: dict[str, str]
    """First name or honorific -> "m" / "f", to match "he" and "she" to people."""
    media: dict[str, str]
    """Lowercase alias -> canonical medium name ("cnn" -> "CNN")."""
    actor_aliases: dict[str, tuple[str, str]]
    """Lowercase alias -> (canonical institution name, kind)."""
    claim_nouns: frozenset[str] = frozenset()
    """Nouns for something asserted ("claims made by X that ..."): a nested attribution."""
    topic_verbs: frozenset[str] = frozenset()
    """Verbs whose bare noun-phrase object is a topic ("discussed drones"), not content."""
    frame_nouns: frozenset[str] = frozenset()
    """Nouns of "in his view, ...", "in a new poll, ...": the clause they frame is attributed."""
    addressee_verbs: frozenset[str] = frozenset()
    """Verbs whose direct object is whom it was said to ("told reporters"), not what."""
    anonymity_clauses: tuple[str, ...] = ()
    """Phrases in a source's sentence that make it anonymous ("on condition of anonymity")."""
    org_nouns: dict[str, str] = field(default_factory=dict)
    """ "the company", "the ministry": nouns standing for the last organisation of a kind."""


def _source_nouns(cls: str) -> list[str]:
    out = []
    for line in _lines("source_nouns.txt"):
        kind, _, word = line.partition("\t")
        if kind.strip() == cls and word.strip():
            out.append(word.strip().lower())
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged attribution lexicons."""
    cue_class: dict[str, str] = {}
    speech: set[str] = set()
    for line in _lines("cues.tsv"):
        parts = line.split("\t")
        lemma, cls = parts[0].strip(), parts[1].strip()
        cue_class.setdefault(lemma, cls)
        if len(parts) > 2 and parts[2].strip() == "1":
            speech.add(lemma)
    media: dict[str, str] = {}
    for medium, spellings in media_names().items():
        media.setdefault(medium.lower(), medium)
        for spelling in spellings:
            media.setdefault(spelling.lower(), medium)
    actor_aliases: dict[str, tuple[str, str]] = {}
    for line in _lines("actor_aliases.tsv"):
        name, kind, aliases = (line.split("\t") + ["", ""])[:3]
        actor_aliases[name.lower()] = (name, kind)
        for alias in aliases.split("|"):
            if alias.strip():
                actor_aliases[alias.strip().lower()] = (name, kind)
    return Lexicon(
        cue_class=cue_class,
        speech_verbs=frozenset(speech),
        hedges=frozenset(w.strip().lower() for w in _lines("hedges.txt")),
        anonymity=tuple(w.strip().lower() for w in _lines("anonymity.txt")),
        roles=frozenset(w.strip().lower() for w in _lines("roles.txt")),
        titles=frozenset(w.strip().lower() for w in _lines("titles.txt")),
        institutions=frozenset(w.strip().lower() for w in _lines("institutions.txt")),
        writings=frozenset(_source_nouns("writing")),
        generic_media=frozenset(_source_nouns("medium")),
        gender=dict(
            (parts[0].strip().lower(), parts[1].strip())
            for parts in (line.split("\t") for line in _lines("first_names.tsv"))
            if len(parts) == 2
        ),
        media=media,
        actor_aliases=actor_aliases,
        claim_nouns=frozenset(_source_nouns("claim")),
        topic_verbs=frozenset(w.strip().lower() for w in _lines("topic_verbs.txt")),
        frame_nouns=frozenset(_source_nouns("frame")),
        addressee_verbs=frozenset(w.strip().lower() for w in _lines("addressee_verbs.txt")),
        anonymity_clauses=tuple(w.strip().lower() for w in _lines("anonymity_clauses.txt")),
        org_nouns=dict(
            (parts[0].strip().lower(), parts[1].strip().lower())
            for parts in (line.split("\t") for line in _lines("org_nouns.tsv"))
            if len(parts) == 2
        ),
    )


def cue_polarity(lemma: str | None, *, negated: bool = False) -> str:
    """Polarity class of a cue lemma ("assert", "deny", ...); "unknown" for an unlisted lemma.

    A negated denial ("does not refute", "would not dispute") is "not_deny"; a negated
    assertion ("did not say") is "not_assert".
    """
    if not lemma:
        return "unknown"
    if lemma == "according to":
        return "assert"
    cls = lexicon().cue_class.get(lemma.lower(), "unknown")
    if negated and cls in ("deny", "assert", "concede", "accuse"):
        return f"not_{cls}"
    return cls


def is_speech_verb(lemma: str | None) -> bool:
    """True for verbs of saying or writing ("say", "tell", "tweet", "deny")."""
    if not lemma:
        return False
    return lemma.lower() in lexicon().speech_verbs


_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "deny": ("denied", "denies"),
    "testify": ("testified", "testifies"),
    "reply": ("replied", "replies"),
    "cry": ("cried", "cries"),
    "quote": ("quoted",),
}


@functools.lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    """Inflected forms of the speech verbs ("said", "tells", "tweeting"), for lemma-free matching."""
    forms: set[str] = set()
    for lemma in lexicon().speech_verbs:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {
            lemma,
            lemma + "s",
            lemma + "es",
            lemma + "ed",
            lemma + "d",
            stem + "ing",
            lemma + "ing",
        }
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        if (
            len(lemma) > 2
            and lemma[-1] not in "aeiouwy"
            and lemma[-2] in "aeiou"
            and lemma[-3] not in "aeiou"
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
        forms |= set(_IRREGULAR.get(lemma, ()))
    return frozenset(forms)


def is_speech_cue_text(cue_text: str) -> bool:
    """True when a cue as written contains a verb of saying ("has said", "said in a statement")."""
    forms = speech_forms()
    return any(word in forms for word in cue_text.lower().replace("’", "'").split())
