"""What a predicate acts on: its object ("tanks" in "supplying tanks") and where it goes
("into Lake Orn"), so that "supplying drones" and "supplying tanks", "cut off his ear" and
"cut off his finger", "dumped waste into Lake Orn" and "into the Lisse river" stay apart.

A general object of a predicate class ("weapons", "arms", "money": ``general_themes`` of
``data/stance/predicates.json``) covers every theme of its class ("rifles", "dollars");
objects sharing a word ("toxic waste", "toxic sludge") are compatible; so is an object the
text does not name.
"""

from __future__ import annotations

import functools
from typing import Any

from claimgraph.stance.mentions import conjuncts, mention, shares_entity
from claimgraph.stance.polarity import load_lexicon
from claimgraph.stance.tables import GENERIC, PRONOUN, tables

_PHRASE_DEPS = frozenset({"compound", "amod", "nmod"})


@functools.lru_cache(maxsize=1)
def _general() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_lexicon("predicates").get("general_themes", []))


@functools.lru_cache(maxsize=1)
def _goal_preps() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_lexicon("predicates").get("goal_preps", []))


def _word(token: Any) -> str:
    lemma = str(token.lemma_).lower()
    return tables().theme_synonyms.get(lemma, lemma)


def _phrase(noun: Any) -> set[str]:
    """The words of a noun's phrase: its own and its modifiers' (no names)."""
    return {_word(noun)} | {
        _word(c) for c in noun.children if c.dep_ in _PHRASE_DEPS and c.pos_ != "PROPN"
    }


def objects(pred: Any) -> list[frozenset[str]]:
    """The direct objects of the verb ``pred`` (active voice only), each as the set of its
    head's and modifiers' lemmas; empty when it has none or is a noun."""
    if pred.pos_ not in ("VERB", "AUX"):
        return []
    out: list[frozenset[str]] = []
    table = tables()
    for child in pred.children:
        if child.dep_ != "dobj" or child.pos_ != "NOUN":
            continue
        for head in conjuncts(child):
            lemma = str(head.lemma_).lower()
            if head.pos_ != "NOUN" or lemma in table.generic or lemma in table.party_heads:
                continue  # "arming the group": the recipient, not what is given
            if mention(head) not in (GENERIC, PRONOUN):
                continue  # "met militia leaders": a party
            words = _phrase(head)
            for inner in (  # "dozens of tanks", "cases of liver damage"
                g
                for c in head.children
                if c.dep_ == "prep" and str(c.lemma_).lower() == "of"
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ == "NOUN"
            ):
                words |= _phrase(inner)
            out.append(frozenset(words))
    return out


def _heads(phrases: list[frozenset[str]]) -> frozenset[str]:
    return frozenset(w for p in phrases for w in p)


@functools.lru_cache(maxsize=1)
def _groups() -> tuple[frozenset[str], dict[str, int]]:
    """(classes whose themes are distinct goods, word -> its group of interchangeable goods)."""
    data = load_lexicon("predicates")
    goods = frozenset(str(c) for c in data.get("goods_classes", []))
    group_of: dict[str, int] = {}
    for number, group in enumerate(data.get("theme_groups", [])):
        for word in group:
            group_of[str(word).lower()] = number
    return goods, group_of


def _class(word: str) -> str | None:
    theme_class = tables().theme_class
    return theme_class.get(word) or theme_class.get(word + "s")


def _compatible(claim: list[frozenset[str]], stmt: list[frozenset[str]]) -> bool:
    if not claim or not stmt:
        return True
    general = _general()
    goods, group_of = _groups()
    claim_words, stmt_words = _heads(claim), _heads(stmt)
    if claim_words & stmt_words:
        return True
    for one, other in ((claim_words, stmt_words), (stmt_words, claim_words)):
        if any(_class(w) is None for w in one & general):
            return True  # "goods", "items": any object
        classes = {_class(w) for w in one & general}
        if classes and any(_class(w) in classes for w in other):
            return True  # "weapons" covers "rifles"
    shared = {_class(w) for w in claim_words} & {_class(w) for w in stmt_words} - {None}
    if shared - goods:
        return True  # "talks" and "contacts": one class, not distinct goods
    claim_groups = {group_of[w] for w in claim_words if w in group_of}
    return bool(claim_groups & {group_of[w] for w in stmt_words if w in group_of})


def goals(pred: Any) -> frozenset[str]:
    """Names the predicate goes into ("dumped waste into Lake Orn": lake orn)."""
    out: set[str] = set()
    for child in pred.children:
        if child.dep_ == "prep" and str(child.lemma_).lower() in _goal_preps():
            for obj in child.children:
                if obj.dep_ == "pobj":
                    name = mention(obj)
                    if name not in (GENERIC, PRONOUN):
                        out.add(name)
    return frozenset(out)


def conflict(claim_pred: Any, stmt_pred: Any) -> bool:
    """The statement's predicate acts on another object or goes somewhere else than the
    claim's ("supplying drones" against "supplying tanks")."""
    idioms = tables().idioms
    if str(claim_pred.lemma_).lower() in idioms or str(stmt_pred.lemma_).lower() in idioms:
        return False  # "sold the result": the object makes the predicate
    if not _compatible(objects(claim_pred), objects(stmt_pred)):
        return True
    claim_goals, stmt_goals = goals(claim_pred), goals(stmt_pred)
    return bool(claim_goals and stmt_goals) and not shares_entity(claim_goals, stmt_goals)
