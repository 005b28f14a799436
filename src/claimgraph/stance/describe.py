"""Descriptions a document gives of named entities: "Kestrel Dynamics, the Valdorian arms
maker, ..." makes a later "the arms maker" in the same document that company.

``describe_text`` reads them with regular expressions (no parse of the whole article, so a
claim map can afford it for every document it judges); ``roles.mention`` looks the
description of a noun phrase up in the map stored on the parsed sentence
(``Doc.user_data[roles.DESCRIPTIONS]``).
"""

from __future__ import annotations

import re

from claimgraph.stance.polarity import load_lexicon

_NAME = r"([A-Z][\w'\u2019-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'\u2019-]*){0,5})"
_DESC = r"([A-Za-z][^,.;:()\[\]\"\u201c\u201d\u2014\u2013\n]{1,60}?)"
_END = r"(?=\s*[,.;:()\"\u201c\u201d\u2014\u2013\n]|\s+(?:who|which|that|whose)\b)"
_APPOSITION = re.compile(_NAME + r",\s+(?:an?|the)\s+" + _DESC + _END)
_COPULA = re.compile(_NAME + r"\s+(?:is|was|are|were)\s+(?:an?|the)\s+" + _DESC + _END)
_MAX_DESCRIPTION_WORDS = 6


def describe_text(text: str) -> dict[str, str]:
    """Descriptions of named entities stated in ``text`` -> the name (lower case).

    "Kestrel Dynamics, the Valdorian arms maker," and "Kestrel Dynamics is a Valdorian arms
    maker" give "valdorian arms maker", "arms maker" and "maker" -> "kestrel dynamics", so a
    later "the arms maker" in the same document is that entity. A description stated for two
    different names is dropped (ambiguous). Regular expressions only: no parse of the text.
    """
    stop = frozenset(load_lexicon("entities").get("name_stop_words", []))
    found: dict[str, str | None] = {}
    for pattern in (_APPOSITION, _COPULA):
        for m in pattern.finditer(text):
            words = m.group(1).split()
            while words and (words[0].lower() in stop or words[0] == "The"):
                words = words[1:]
            if not words or words[-1].lower() in stop:
                continue
            name = " ".join(words).lower()
            desc = _desc_head(desc_words(m.group(2).split()), stop)
            if not desc or len(desc) > _MAX_DESCRIPTION_WORDS:
                continue
            for i in range(len(desc)):  # "arms maker", "maker": the head and its modifiers
                key = desc_key(desc[i:])
                found[key] = name if found.get(key, name) == name else None
    return {key: name for key, name in found.items() if name}


def desc_words(words: list[str]) -> list[str]:
    return [w.lower().replace("’", "'") for w in words]


def _desc_head(words: list[str], stop: frozenset[str]) -> list[str]:
    """The description's noun phrase up to its head: cut before a preposition, a clause or a
    participle ("distributor | registered in Ebrovia", "rebel group | fighting Morvania")."""
    out: list[str] = []
    for word in words:
        if word in stop or (out and (word.endswith("ing") or word.endswith("ed"))):
            break
        out.append(word)
    return out


def desc_key(words: list[str]) -> str:
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def mentioned_in(name: str, text: str) -> bool:
    """``text`` names the entity ``name`` (a canonical name or a lower-case proper name):
    by one of its aliases, by all of its words, or by its acronym."""
    from claimgraph.stance.roles import GENERIC, NAME_STOP, PRONOUN, normalise, tables

    if name in (GENERIC, PRONOUN):
        return False
    normed = normalise(text)
    aliases = [alias for alias, canonical in tables().aliases if canonical == name]
    if any(alias in normed for alias in aliases):
        return True
    words = [w for w in name.split() if w not in NAME_STOP]
    present = set(normed.split())
    if words and set(words) <= present:
        return True
    return len(words) > 1 and "".join(w[0] for w in words) in present
