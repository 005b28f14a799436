"""Who does what to whom: predicate readings of a claim or a statement from the spaCy parse.

A ``Reading`` is one predicate occurrence with its class (``arm``, ``support``, ``contact``...
from ``data/stance/predicates.json``, or the bare lemma for predicates not in the table),
its agents and its recipients, as canonical entity names from ``data/stance/entities.json``
("Moscow", "the Kremlin", "the Russians" -> ``russia``). Recipients that only name a kind of
party ("the Afghan warring parties", "insurgents") are generic and match any recipient weakly.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from claimgraph.stance.polarity import load_lexicon

GENERIC = "*"
"""Canonical name of a generic party ("the warring parties", "insurgents")."""
PRONOUN = "?"
"""Canonical name of an unresolved pronoun."""

_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj", "cc"}
)
_MENTION_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "case", "quantmod"})
_UP_DEPS = frozenset(
    {"xcomp", "pcomp", "pobj", "prep", "conj", "dobj", "advcl", "agent", "dative", "attr"}
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One predicate of a text with its roles."""

    token: Any
    """The predicate's head token (spaCy Token)."""
    pred: str
    """Predicate class (``arm``, ``support``...) or the lemma when no class applies."""
    lemma: str
    """The head's lemma."""
    agents: frozenset[str]
    """Canonical agents; empty when unknown."""
    recipients: frozenset[str]
    """Canonical recipients/targets (``GENERIC`` for a kind of party); empty when unknown."""


@dataclass(frozen=True, slots=True)
class _Tables:
    aliases: tuple[tuple[str, str], ...]
    generic: frozenset[str]
    pronouns: frozenset[str]
    verb_class: dict[str, str]
    noun_class: dict[str, str]
    theme_class: dict[str, str]
    light: frozenset[str]
    supply_nouns: frozenset[str]
    entails: dict[str, frozenset[str]]
    symmetric: frozenset[str]
    recipient_preps: frozenset[str]


@functools.lru_cache(maxsize=1)
def tables() -> _Tables:
    """The entity and predicate tables, indexed."""
    ents = load_lexicon("entities")
    preds = load_lexicon("predicates")
    aliases = [
        (_norm(alias), canonical) for canonical, names in ents["aliases"].items() for alias in names
    ]
    aliases.sort(key=lambda pair: -len(pair[0]))
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
    return _Tables(
        aliases=tuple(aliases),
        generic=frozenset(ents["generic_heads"]),
        pronouns=frozenset(ents["pronouns"]),
        verb_class=verb_class,
        noun_class=noun_class,
        theme_class=theme_class,
        light=frozenset(preds["light_verbs"]),
        supply_nouns=frozenset(preds["supply_nouns"]),
        entails={k: frozenset(v) for k, v in preds["entails"].items()},
        symmetric=frozenset(preds["symmetric"]),
        recipient_preps=frozenset(preds["recipient_preps"]),
    )


def _norm(text: str) -> str:
    text = re.sub(r"\bUS\b", "u.s.", text)
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"[^\w.'\- ]+", " ", text)
    return " " + " ".join(text.split()) + " "


def canonical_name(text: str) -> str | None:
    """The canonical entity a name refers to ("the Kremlin" -> "russia"), or None."""
    normed = _norm(text)
    for alias, canonical in tables().aliases:
        if alias in normed:
            return canonical
    return None


def mention_tokens(token: Any) -> list[Any]:
    """The tokens of the noun phrase headed by ``token`` (modifiers, no clauses or conjuncts)."""
    out = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _MENTION_DEPS or (child.dep_ == "punct" and current is not token):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def mention(token: Any) -> str:
    """Canonical name of the noun phrase headed by ``token``: an alias, GENERIC, PRONOUN or its head."""
    t = tables()
    lemma = str(token.lemma_).lower()
    text = str(token.text).lower()
    if token.pos_ == "PRON" or text in t.pronouns:
        # "they [Russia]": a bracketed name right after the pronoun resolves it
        doc = token.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].text in ("[", "("):
            named = canonical_name(doc[token.i + 2].text)
            if named:
                return named
        return PRONOUN
    named = canonical_name(" ".join(tok.text for tok in mention_tokens(token)))
    if named:
        return named
    if lemma in t.generic or text in t.generic:
        return GENERIC
    return lemma


def _conjuncts(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _names(tokens: list[Any]) -> frozenset[str]:
    names: set[str] = set()
    for token in tokens:
        for conj in _conjuncts(token):
            if conj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
                names.add(mention(conj))
    return frozenset(names)


def _is_theme(token: Any) -> str | None:
    t = tables()
    for conj in _conjuncts(token):
        for word in (str(conj.lemma_).lower(), str(conj.text).lower()):
            if word in t.theme_class:
                return t.theme_class[word]
    return None


def _theme_class(pred: Any) -> str | None:
    """Class of a light verb from its theme noun ("provide arms", "some sort of support")."""
    t = tables()
    found: list[str] = []
    for child in pred.children:
        if child.dep_ in _CLAUSE_DEPS or child.dep_ in ("nsubj", "agent"):
            continue
        for sub in child.subtree:
            if sub.pos_ in ("NOUN", "PROPN") and str(sub.lemma_).lower() in t.theme_class:
                found.append(t.theme_class[str(sub.lemma_).lower()])
            elif sub.pos_ == "NOUN" and str(sub.text).lower() in t.theme_class:
                found.append(t.theme_class[str(sub.text).lower()])
    # the most specific class wins: arm/fund before support
    for name in found:
        if name not in ("support",):
            return name
    return found[0] if found else None


def _agent_of_clause(token: Any) -> list[Any]:
    subj = [c for c in token.children if c.dep_ == "nsubj"]
    if subj:
        return subj
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _agents(pred: Any, *, nominal: bool, object_control: frozenset[str]) -> list[Any]:
    if nominal:
        own = [c for c in pred.children if c.dep_ == "poss"]
        own += [
            c for c in pred.children if c.dep_ in ("amod", "compound") and canonical_name(c.text)
        ]
        own += [
            g
            for c in pred.children
            if c.dep_ == "prep" and str(c.lemma_).lower() in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if own:
            return own
    else:
        own = _agent_of_clause(pred)
        if own:
            return own
        if any(c.dep_ == "nsubjpass" for c in pred.children):
            return []
    node = pred
    while node.dep_ in _UP_DEPS and node.head is not node:
        head = node.head
        if head.pos_ in ("VERB", "AUX"):
            if str(head.lemma_).lower() in object_control and node.dep_ in (
                "prep",
                "xcomp",
                "pcomp",
                "pobj",
            ):
                obj = [c for c in head.children if c.dep_ == "dobj"]
                if obj:
                    return obj
            if node.dep_ != "conj" or not _agent_of_clause(node):
                found = _agent_of_clause(head)
                if found:
                    return found
        node = head
    return []


def _recipients(pred: Any, *, nominal: bool) -> list[Any]:
    t = tables()
    out: list[Any] = []
    holders = [pred]
    # "supplying weapons to the Taliban" may hang "to" under the theme noun
    holders += [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass") and _is_theme(c)]
    for holder in holders:
        for child in holder.children:
            dep = child.dep_
            if holder is pred and dep in ("dobj", "dative", "iobj", "nsubjpass") and not nominal:
                if child.pos_ == "ADP":  # spaCy's "dative" can be the preposition "to"
                    out.extend(g for g in child.children if g.dep_ == "pobj")
                elif not _is_theme(child):
                    out.append(child)
            elif dep == "prep" and str(child.lemma_).lower() in t.recipient_preps:
                for g in child.children:
                    if g.dep_ == "pobj" and not _is_theme(g):
                        out.append(g)
            elif nominal and dep in ("compound", "amod") and child.pos_ == "PROPN":
                pass
    return out


def readings(doc: Any, start: int = 0, end: int | None = None) -> list[Reading]:
    """Predicate readings whose head lies in characters ``[start, end)`` of the parsed ``doc``."""
    from claimgraph.stance.polarity import cue_sets

    t = tables()
    object_control = cue_sets()["object_control"]
    stop = len(doc.text) if end is None else end
    out: list[Reading] = []
    for token in doc:
        if token.idx < start or token.idx >= stop:
            continue
        lemma = str(token.lemma_).lower()
        text = str(token.text).lower()
        pred: str | None = None
        nominal = False
        if token.pos_ in ("VERB", "AUX"):
            if lemma in t.verb_class:
                pred = t.verb_class[lemma]
                if pred == "support" and lemma in ("help", "aid") and _theme_class(token) == "arm":
                    pred = "arm"
            elif lemma in t.light:
                pred = _theme_class(token)
                if pred is None and token.dep_ == "acl":
                    pred = _is_theme(token.head)  # "weapons being funnelled here"
            if pred is None and token.pos_ == "VERB" and lemma not in t.light:
                pred = lemma
        elif token.pos_ == "NOUN":
            nominal = True
            if text in t.noun_class or lemma in t.noun_class:
                pred = t.noun_class.get(text) or t.noun_class[lemma]
            elif lemma in t.supply_nouns or text in t.supply_nouns:
                pred = _theme_class(token)
                if pred is None:
                    head = token.head
                    theme = _is_theme(head) if head is not token else None
                    pred = theme  # "arms supplies", "weapons deliveries"
                    if theme is None:
                        pred = next(
                            (
                                t.theme_class[str(c.lemma_).lower()]
                                for c in token.children
                                if c.dep_ == "compound" and str(c.lemma_).lower() in t.theme_class
                            ),
                            None,
                        )
        if pred is None:
            continue
        agents = _names(_agents(token, nominal=nominal, object_control=object_control))
        recipients = _names(_recipients(token, nominal=nominal))
        out.append(Reading(token, pred, lemma, agents, recipients - agents or recipients))
    return out


def entails(pred: str, broader: str) -> bool:
    """``pred`` implies ``broader`` (arming a group is supporting it)."""
    return broader in tables().entails.get(pred, frozenset())


def symmetric(pred: str) -> bool:
    """The relation holds both ways (contact between A and B)."""
    return pred in tables().symmetric
