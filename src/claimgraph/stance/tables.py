"""The indexed entity and predicate tables of the role matcher (``data/stance/entities.json``,
``predicates.json``) and the alias lookup ``canonical_name``: "Moscow", "the Kremlin",
"the Russians" -> ``russia``; a country's capital ("Kyiv said") stands for the country.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimgraph.stance.polarity import load_lexicon

GENERIC = "*"
"""Canonical name of a generic party ("the warring parties", "insurgents")."""
PRONOUN = "?"
"""Canonical name of an unresolved pronoun."""
NAME_STOP = frozenset({"the", "of", "and", "'s", "for"})
"""Words that do not distinguish names ("the", "of")."""


@dataclass(frozen=True, slots=True)
class Tables:
    aliases: tuple[tuple[str, str], ...]
    """(padded alias, canonical) of the domain alias table, longest first; countries known
    only from the country table are not in it (they are no party of a story by themselves)."""
    alias_index: dict[str, tuple[int, str]]
    """Alias (words joined by one space) -> (rank in ``aliases``, canonical)."""
    longest_alias: int
    generic: frozenset[str]
    party_heads: frozenset[str]
    pronouns: frozenset[str]
    verb_class: dict[str, str]
    noun_class: dict[str, str]
    theme_class: dict[str, str]
    light: frozenset[str]
    conveyance: frozenset[str]
    """Verbs of moving goods whose unclassed theme noun makes a class ("carried oil")."""
    theme_synonyms: dict[str, str]
    idioms: dict[str, dict[str, object]]
    """Verb lemma -> {"person": class} or {"objects": {noun: class}} ("was bought": bribe)."""
    """Goods nouns named two ways ("crude" -> "oil") for the classes of conveyance verbs."""
    supply_nouns: frozenset[str]
    entails: dict[str, frozenset[str]]
    symmetric: frozenset[str]
    recipient_preps: frozenset[str]
    qualifiers: dict[str, dict[str, str]]
    converse: frozenset[str]
    arrival: frozenset[str]
    opposites: dict[str, str]
    document_heads: frozenset[str]
    """Common nouns for an armed group ("the insurgents") that stand for the group the
    document is about (``describe.document_actor``)."""
    group_name_heads: frozenset[str]
    armed_groups: frozenset[str]
    time_nouns: frozenset[str]
    name_stop_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """The entity and predicate tables, indexed."""
    ents = load_lexicon("entities")
    preds = load_lexicon("predicates")
    aliases = [
        (normalise(alias), canonical)
        for canonical, names in ents["aliases"].items()
        for alias in names
    ]
    domain = sorted(aliases, key=lambda pair: -len(pair[0]))
    taken = {alias for alias, _ in aliases}
    for country, spec in load_lexicon("countries").get("countries", {}).items():
        # capitals stand for their country ("Kyiv said"); names another entity has are kept
        people = [n for n in spec.get("demonyms", []) if _people(n) or " " in n]
        for name in [country, *spec.get("names", []), *spec.get("capitals", []), *people]:
            normed = normalise(name)
            if normed not in taken:
                aliases.append((normed, country))
                taken.add(normed)
    aliases.sort(key=lambda pair: -len(pair[0]))
    index: dict[str, tuple[int, str]] = {}
    for rank, (alias, canonical) in enumerate(aliases):
        index.setdefault(alias.strip(), (rank, canonical))
    verb_class: dict[str, str] = {}
    noun_class: dict[str, str] = {}
    theme_class: dict[str, str] = {}
    for name, spec in preds["classes"].items():
        for verb in spec.get("verbs", []):
            verb_class.setdefault(verb, name)
        for noun in spec.get("nouns", []):
            noun_class.setdefault(noun, name)
        for theme in spec.get("themes", []):
            theme_class.setdefault(theme, name)
    return Tables(
        aliases=tuple(domain),
        alias_index=index,
        longest_alias=max((len(a.split()) for a, _ in aliases), default=1),
        generic=frozenset(ents["generic_heads"]),
        party_heads=frozenset(ents.get("party_heads", [])),
        pronouns=frozenset(ents["pronouns"]),
        verb_class=verb_class,
        noun_class=noun_class,
        theme_class=theme_class,
        light=frozenset(preds["light_verbs"]),
        conveyance=frozenset(preds.get("conveyance_verbs", [])),
        idioms={str(k): dict(v) for k, v in preds.get("idioms", {}).items()},
        theme_synonyms={str(k): str(v) for k, v in preds.get("theme_synonyms", {}).items()},
        supply_nouns=frozenset(preds["supply_nouns"]),
        entails={k: frozenset(v) for k, v in preds["entails"].items()},
        symmetric=frozenset(preds["symmetric"]),
        recipient_preps=frozenset(preds["recipient_preps"]),
        qualifiers={k: dict(v) for k, v in preds.get("qualifiers", {}).items()},
        converse=frozenset(preds.get("converse_verbs", [])),
        arrival=frozenset(preds.get("arrival_verbs", [])),
        opposites={str(k): str(v) for k, v in preds.get("opposites", {}).items()},
        document_heads=frozenset(ents.get("document_heads", [])),
        group_name_heads=frozenset(ents.get("group_name_heads", [])),
        armed_groups=frozenset(ents.get("armed_groups", [])),
        time_nouns=frozenset(ents.get("time_nouns", [])),
        name_stop_words=frozenset(ents.get("name_stop_words", [])),
    )


def normalise(text: str) -> str:
    """``text`` as the alias table matches it (lower case, words padded by spaces)."""
    text = re.sub(r"\bUS\b", "u.s.", text)
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"[^\w.'\- ]+", " ", text)
    return " " + " ".join(text.split()) + " "


def canonical_name(text: str) -> str | None:
    """The canonical entity a name refers to ("the Kremlin" -> "russia"), or None."""
    t = tables()
    words = normalise(text).split()
    best: tuple[int, str] | None = None
    for size in range(1, min(t.longest_alias, len(words)) + 1):
        for i in range(len(words) - size + 1):
            hit = t.alias_index.get(" ".join(words[i : i + size]))
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit  # the longest alias wins (the first of the merged list by length)
    return best[1] if best else None


@functools.lru_cache(maxsize=1)
def predicate_classes() -> frozenset[str]:
    """Every class the predicate table gives a verb, a noun or a theme ("arm", "bounty")."""
    t = tables()
    return frozenset({*t.verb_class.values(), *t.noun_class.values(), *t.theme_class.values()})


def _people(name: str) -> bool:
    """A demonym for the people ("Ukrainians"), not an adjective ("Ukrainian weapons")."""
    return name.endswith("s") and not name.endswith("ss")
