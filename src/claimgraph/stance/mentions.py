"""Entity mentions in a parse: the canonical name of a noun phrase, names and conjuncts.

Split from ``claimgraph.stance.roles`` (which re-exports these names): ``mention`` gives the
canonical entity of a noun phrase ("Moscow" -> ``russia``; a common noun -> ``GENERIC``; a
pronoun -> ``PRONOUN``), resolving document descriptions ("the arms maker") and definite
descriptions to names given earlier in the sentence.
"""

from __future__ import annotations

import functools
from typing import Any

from claimgraph.stance import parties
from claimgraph.stance.describe import DOCUMENT_ACTOR, desc_key, desc_words
from claimgraph.stance.polarity import load_lexicon
from claimgraph.stance.tables import (
    GENERIC,
    NAME_STOP,
    PRONOUN,
    canonical_name,
    tables,
)

_MENTION_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "case", "quantmod"})


def mention_tokens(token: Any) -> list[Any]:
    """The tokens of the noun phrase headed by ``token`` (modifiers, no clauses or conjuncts)."""
    out = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _MENTION_DEPS or (child.dep_ == "punct" and current.i != token.i):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def mention(token: Any) -> str:
    """Canonical name of the noun phrase headed by ``token``: an alias, GENERIC, PRONOUN or its head."""
    t = tables()
    lemma = str(token.lemma_).lower()
    text = str(token.text).lower()
    if token.pos_ == "PRON" and (lemma in t.generic or text in t.generic):
        return GENERIC  # "anyone", "everybody"
    if token.pos_ == "PRON" or text in t.pronouns:
        # "they [Russia]": a bracketed name right after the pronoun resolves it
        named = _bracketed(token)
        return named or PRONOUN
    named = canonical_name(" ".join(tok.text for tok in mention_tokens(token)))
    if named:
        return named
    for child in token.children:
        if child.dep_ == "appos":  # "their former enemy, the Afghan Taliban"
            named = canonical_name(" ".join(tok.text for tok in mention_tokens(child)))
            if named:
                return named
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":  # "a rival haulier, Mertz Freight"
                return mention(child)
    client = _client_of(token)
    if client:
        return client  # "Kovar's lawyer said her client ...": Kovar
    described = _described(token)
    if described:
        return described  # "the Valdorian arms maker", named earlier in the document
    earlier = _definite_antecedent(token)
    if earlier:
        return earlier  # "An employee of Halvern Biologics says the company ..."
    operator = _operated_by(token)
    if operator is not None:
        return operator  # "tankers operated by Tarvos Lines": the operator acts
    about = _document_actor(token)
    if about:
        return about  # "the insurgents" in a document about one named armed group
    if lemma in t.generic or text in t.generic:
        return GENERIC
    if token.pos_ == "PROPN" or token.ent_type_ in _NAME_TYPES:
        return proper_name([tok for tok in mention_tokens(token) if is_proper(tok)] or [token])
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound") and is_proper(c)]
    quantified = any(
        c.dep_ == "det" and str(c.lemma_).lower() in _QUANTIFIERS for c in token.children
    )
    if modifiers and not quantified:
        return proper_name([*modifiers, token])  # "the Morvanian army": one entity
    return GENERIC  # a common noun ("their former enemy", "the movement"): who, we cannot say


_QUANTIFIERS = frozenset({"no", "any", "a", "an", "every", "some", "each"})
_MAX_BRACKET = 8


def _bracketed(token: Any) -> str | None:
    """The name an editor's bracket right after a pronoun gives it: "they [Russia]",
    "arming them [the Taliban]" (read from the tokens, whatever the parse made of them)."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text not in ("[", "("):
        return None
    inside: list[Any] = []
    for tok in doc[token.i + 2 : token.i + 2 + _MAX_BRACKET]:
        if tok.text in ("]", ")"):
            break
        inside.append(tok)
    else:
        return None  # no closing bracket near: not an insertion
    named = canonical_name(" ".join(tok.text for tok in inside))
    if named:
        return named
    proper = [tok for tok in inside if is_proper(tok)]
    return proper_name(proper) if proper else None


def _document_actor(token: Any) -> str | None:
    """The armed group the document is about, for a generic noun for one ("the insurgents",
    "militants", "the group"; not "any group", "a rebel group", "Kovar's fighters")."""
    if token.pos_ != "NOUN" or str(token.lemma_).lower() not in tables().document_heads:
        return None
    table = token.doc.user_data.get(DESCRIPTIONS)
    if not table or DOCUMENT_ACTOR not in table:
        return None
    for child in token.children:
        dep = child.dep_
        if dep == "det" and str(child.lemma_).lower() not in ("the", "these", "those"):
            return None
        if dep in ("poss", "nummod", "compound", "appos") or (dep == "amod" and is_proper(child)):
            return None
    return str(table[DOCUMENT_ACTOR])


@functools.lru_cache(maxsize=1)
def _definite_heads() -> dict[str, frozenset[str]]:
    heads = load_lexicon("entities").get("definite_heads", {})
    return {str(kind): frozenset(words) for kind, words in heads.items()}


def _definite_antecedent(token: Any) -> str | None:
    """The name a bare definite description ("the company", "the mayor", "the insurgents")
    stands for: the nearest earlier name of that type (ORG, PERSON) in the same sentence, or
    else in the two sentences before it, or None."""
    if token.pos_ != "NOUN" or token.tag_ not in ("NN", "NNP", "NNS"):
        return None
    dets = [c for c in token.children if c.dep_ == "det"]
    others = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nummod")]
    if len(dets) != 1 or str(dets[0].lemma_).lower() != "the" or others:
        return None
    lemma = str(token.lemma_).lower()
    kinds = [kind for kind, words in _definite_heads().items() if lemma in words]
    if not kinds:
        return None
    if token.tag_ == "NNS" and lemma not in tables().generic:
        return None  # "the companies": many, not the one named before
    doc = token.doc
    begin = token.sent.start
    for _ in range(2):  # "Edda Holm has led the city since 2021. The mayor injured ..."
        if begin > 0:
            begin = doc[begin - 1].sent.start
    for earlier in reversed(doc[begin : token.i]):
        if earlier.ent_type_ in kinds and earlier.pos_ == "PROPN" and earlier.dep_ != "compound":
            if lemma in tables().generic and _country(earlier):
                continue  # "whether the Kremlin armed the insurgents": no country is "the insurgents"
            name = mention(earlier)
            if name not in (GENERIC, PRONOUN):
                return name
    return None


_NAME_TYPES = frozenset({"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"})


def is_proper(token: Any) -> bool:
    return (
        bool(token.pos_ == "PROPN" or token.ent_type_ in _NAME_TYPES) and token.text[:1].isupper()
    )


def proper_name(tokens: list[Any]) -> str:
    """A name not in the alias table, as lower-case words ("kestrel dynamics")."""
    return " ".join(str(tok.text).lower() for tok in tokens if tok.dep_ != "det")


DESCRIPTIONS = "claimgraph.descriptions"
"""Key of ``Doc.user_data`` holding the document's description map (see ``describe.describe_text``)."""


def _described(token: Any) -> str | None:
    """The named entity a common-noun description stands for, from the document's map."""
    table = token.doc.user_data.get(DESCRIPTIONS) if token.pos_ == "NOUN" else None
    if not table or any(
        c.dep_ == "det" and str(c.lemma_).lower() in _QUANTIFIERS for c in token.children
    ):
        return None  # "any armed group", "a rebel group": a kind, not the one named before
    words = [
        tok
        for tok in mention_tokens(token)
        if tok.dep_ not in ("det", "poss", "nummod", "case", "quantmod") and not tok.is_punct
    ]
    while words:
        key = desc_key(desc_words([str(tok.text) for tok in words]))
        if key in table:
            return str(table[key])
        if words[0].text[:1].isupper() or words[0].i == token.i:
            return None  # "the Vesk arms dealer": another named entity's description
        words = words[1:]
    return None


def same_entity(a: str, b: str) -> bool:
    """Two names for one entity: equal, one's words within the other's ("kestrel" / "kestrel
    dynamics"), an acronym ("nlf" / "northern liberation front"), or a demonym ("valdorian" /
    "valdoria")."""
    if a in (GENERIC, PRONOUN) or b in (GENERIC, PRONOUN):
        return False
    if a == b:
        return True
    words_a = [w for w in a.split() if w not in NAME_STOP]
    words_b = [w for w in b.split() if w not in NAME_STOP]
    if not words_a or not words_b:
        return False
    if set(words_a) <= set(words_b) or set(words_b) <= set(words_a):
        return True
    for short, long in ((words_a, words_b), (words_b, words_a)):
        if len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long):
            return True
    # "valdorian" / "valdoria", "drevan fighters" / "drevan militia": a stem in common, but
    # not a kind of party ("brannic hackers" / "corvish hackers")
    heads = tables().generic | tables().party_heads
    return any(
        _stem_of(x, y) for x in words_a for y in words_b if x not in heads and y not in heads
    )


def _stem_of(x: str, y: str) -> bool:
    return len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5] and (x.startswith(y) or y.startswith(x))


def shares_entity(first: frozenset[str], second: frozenset[str]) -> bool:
    """Some name of ``first`` and some name of ``second`` denote the same entity."""
    return any(same_entity(a, b) for a in first for b in second)


def conjuncts(token: Any) -> list[Any]:
    """``token`` and the tokens conjoined to it ("Iran and Pakistan")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def names_of(tokens: list[Any]) -> frozenset[str]:
    """Canonical names of ``tokens`` and their conjuncts."""
    names: set[str] = set()
    for token in tokens:
        for conj in conjuncts(token):
            if conj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
                names.add(mention(conj))
    return frozenset(names)


def _named(token: Any | None) -> str | None:
    if token is None:
        return None
    name = mention(token)
    return None if name in (GENERIC, PRONOUN) else name


def spoken_for(cue: Any | None) -> str | None:
    """The party whose lawyer or spokesman is the subject of ``cue``, as ``mention`` names
    it, or None ("the company's spokesman said": the company)."""
    return _named(parties.spoken_for_token(cue))


def _client_of(token: Any) -> str | None:
    """ "her client" with the one party a representative speaks for in the sentence."""
    found = {n for n in (_named(p) for p in parties.client_tokens(token)) if n}
    return found.pop() if len(found) == 1 else None


def _operated_by(token: Any) -> str | None:
    """The operator of "tankers operated by Tarvos Lines", or None."""
    return _named(parties.operator_token(token))


def _country(token: Any) -> bool:
    """A country or its capital or government ("the Kremlin", "Valdoria")."""
    if token.ent_type_ in ("GPE", "NORP"):
        return True
    name = canonical_name(" ".join(t.text for t in mention_tokens(token)))
    return name is not None and name in _countries()


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(load_lexicon("countries").get("countries", {}))
