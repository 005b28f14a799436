"""Whom a speaker speaks for: the party of a lawyer or a spokesman.

"Kovar's lawyer said her client denied taking any money": the client is Kovar. "Every
adverse event was reported to regulators, the company's spokesman said": the company's own
act. "Tankers operated by Tarvos Lines carried oil": Tarvos Lines carried it. The nouns are data (``representative_nouns`` and ``represented_nouns`` of
``data/stance/cues.json``).
"""

from __future__ import annotations

from typing import Any

from claimgraph.stance.polarity import cue_sets

_PARTY_PREPS = frozenset({"for", "of"})


def _party_of(noun: Any) -> Any | None:
    """The party token of a representative noun: "Kovar's lawyer", "a spokesman for Halvern"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and str(child.lemma_).lower() in _PARTY_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _representative(token: Any) -> Any | None:
    """``token`` or its apposition when it is a representative noun ("Hedda Lins, Kovar's
    lawyer"; "Kovar's lawyer, Hedda Lins")."""
    nouns = cue_sets().get("representative_nouns", frozenset())
    for candidate in [token, *(c for c in token.children if c.dep_ == "appos")]:
        if str(candidate.lemma_).lower() in nouns and candidate.pos_ == "NOUN":
            return candidate
    if token.dep_ == "appos" and str(token.head.lemma_).lower() in nouns:
        return token.head
    return None


def spoken_for_token(cue: Any | None) -> Any | None:
    """The party whose lawyer or spokesman is the subject of ``cue``, as ``roles.mention``
    names it, or None."""
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ != "nsubj":
            continue
        noun = _representative(child)
        party = _party_of(noun) if noun is not None else None
        if party is None:
            return None
        return party
    return None


def client_tokens(token: Any) -> list[Any]:
    """The party "her client" / "my client" stands for: the party of a representative noun
    in the same sentence, or None."""
    if str(token.lemma_).lower() not in cue_sets().get("represented_nouns", frozenset()):
        return []
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
        return []
    found: list[Any] = []
    for other in token.sent:
        noun = _representative(other) if other.i != token.i else None
        party = _party_of(noun) if noun is not None and noun.i == other.i else None
        if party is not None:
            found.append(party)
    return found


def agentless_passive(token: Any) -> bool:
    """``token`` is a passive verb with no "by" agent ("the cases had been left out")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) and not any(
        c.dep_ == "agent" for c in token.children
    )


def operator_token(token: Any) -> Any | None:
    """The named "by" agent of a participle modifying a common noun ("tankers operated by
    Tarvos Lines", "trucks owned by Brisk Freight"), or None."""
    if token.pos_ != "NOUN":
        return None
    for child in token.children:
        if child.dep_ != "acl" or child.tag_ != "VBN":
            continue
        for agent in (c for c in child.children if c.dep_ == "agent"):
            for obj in (g for g in agent.children if g.dep_ == "pobj"):
                if obj.pos_ == "PROPN":
                    return obj
    return None
