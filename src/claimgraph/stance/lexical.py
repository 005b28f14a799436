"""Predicate classes a verb takes from its object rather than its lemma.

- Conveyance verbs (``conveyance_verbs`` of ``data/stance/predicates.json``: carry, ship,
  smuggle, load) with goods no class knows make a class of the goods: "carried oil",
  "transporting oil" and "loaded a barrel of oil" are one predicate, ``convey:oil``
  (``theme_synonyms``: crude = oil).
- Idioms (``idioms``): an official "was bought" is bribed; a result "sold" is fixed.
"""

from __future__ import annotations

from typing import Any

from claimgraph.stance.mentions import conjuncts
from claimgraph.stance.tables import tables

CONVEY = "convey:"
"""Prefix of the classes made by a conveyance verb from its theme noun ("convey:oil")."""


def conveyed(token: Any) -> list[str]:
    """Classes of a conveyance verb whose theme no class knows: one per theme noun, and the
    noun of an "of" phrase it measures ("a barrel of oil" -> convey:barrel, convey:oil)."""
    out: list[str] = []
    for child in token.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        for noun in conjuncts(child):
            nouns = [noun] + [
                g
                for p in noun.children
                if p.dep_ == "prep" and str(p.lemma_).lower() == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ]
            for n in nouns:
                lemma = str(n.lemma_).lower()
                name = f"{CONVEY}{tables().theme_synonyms.get(lemma, lemma)}"
                if n.pos_ == "NOUN" and name not in out:
                    out.append(name)
    return out


def idiom_class(token: Any) -> str | None:
    """The class an idiom gives a verb by its object ("was bought": bribe), or None."""
    if token.pos_ != "VERB":
        return None
    spec = tables().idioms.get(str(token.lemma_).lower())
    if not spec:
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    person = spec.get("person")
    persons = spec.get("persons")
    for obj in objects:
        lemma = str(obj.lemma_).lower()
        if isinstance(person, str) and isinstance(persons, list) and lemma in persons:
            return person
        nouns = spec.get("objects")
        if isinstance(nouns, dict) and obj.pos_ == "NOUN" and lemma in nouns:
            return str(nouns[lemma])
    return None
