"""What a statement says about the recipients of a predicate beyond their names.

``other_kinds``: indefinite common nouns that are no kind of party ("funded a flood relief
campaign"), recipients other than any named group; ``restricted``: a recipient in
restrictive focus ("sold drones only to governments"), which excludes every other one.
Used by ``roles.readings``; lexicons in ``data/stance/entities.json`` and ``cues.json``.
"""

from __future__ import annotations

from typing import Any

from claimgraph.stance.mentions import GENERIC, conjuncts, mention, mention_tokens
from claimgraph.stance.polarity import cue_sets
from claimgraph.stance.tables import tables


def other_kind(token: Any) -> bool:
    """An indefinite common noun that is no kind of party ("funded a flood relief campaign",
    "a hospital"): a recipient other than any named group, unlike "a rebel group"."""
    t = tables()
    parties = t.generic | t.party_heads
    return (
        token.pos_ == "NOUN"
        and mention(token) == GENERIC
        and str(token.lemma_).lower() not in parties
        and str(token.text).lower() not in parties
        and any(c.dep_ == "det" and str(c.lower_) in ("a", "an") for c in token.children)
    )


def other_kinds(tokens: list[Any]) -> frozenset[str]:
    """``~lemma`` names of the recipients (and their conjuncts) that are ``other_kind``."""

    return frozenset(
        "~" + str(conj.lemma_).lower()
        for token in tokens
        for conj in conjuncts(token)
        if other_kind(conj)
    )


def has_generic(tokens: list[Any]) -> bool:
    """Some recipient is a generic party, not only a non-party kind."""

    return any(
        mention(conj) == GENERIC and not other_kind(conj)
        for token in tokens
        for conj in conjuncts(token)
        if conj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X")
    )


def restricted(recipients: list[Any]) -> bool:
    """A focus adverb right before a recipient or its preposition ("only to governments",
    "solely hospitals"); "only sold two drones to X" restricts the number, not X."""
    focus = cue_sets().get("restrictive_focus", frozenset())
    for token in recipients:
        starts = [min(t.i for t in mention_tokens(token))]
        if token.dep_ == "pobj" and token.head.i != token.i:
            starts.append(token.head.i)
        doc = token.doc
        for start in starts:
            if start > 0 and str(doc[start - 1].lower_) in focus:
                return True
        if any(c.dep_ == "advmod" and str(c.lower_) in focus for c in token.children):
            return True
    return False
