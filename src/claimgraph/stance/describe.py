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
from claimgraph.stance.tables import GENERIC, NAME_STOP, PRONOUN, normalise, tables

_NAME = r"([A-Z][\w'\u2019-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'\u2019-]*){0,5})"
_DESC = r"([A-Za-z][^,.;:()\[\]\"\u201c\u201d\u2014\u2013\n]{1,60}?)"
_END = r"(?=\s*[,.;:()\"\u201c\u201d\u2014\u2013\n]|\s+(?:who|which|that|whose)\b)"
_APPOSITION = re.compile(_NAME + r",\s+(?:an?|the)\s+" + _DESC + _END)
_COPULA = re.compile(_NAME + r"\s+(?:is|was|are|were)\s+(?:an?|the)\s+" + _DESC + _END)
_ROLE = r"([a-z][a-z'\u2019-]*(?:\s+[a-z][a-z'\u2019-]*){0,3})"
_ROLE_FIRST = re.compile(
    r"(?:\b[Tt]he|\b[A-Z][\w-]*(?:'s|\u2019s))\s+"
    + _ROLE
    + r",\s+"
    + _NAME
    + r"(?=\s*,|\s+(?:said|told|says|added)\b)"
)
"""The description before the name: "the board's director, Lise Varnholt," and "Castelmar's
mayor, Ilse Varga," make "the director" and "the mayor" that person."""
_TITLED = re.compile(r"\b[A-Z][a-z]+\.?(?:[ \t]+[A-Z][\w'\u2019-]*){1,4}")
"""Capitalised words in a row: a title and a name when the first ones are titles."""
_MAX_DESCRIPTION_WORDS = 6
_HEAD_FIRST = re.compile(r"\b([a-z]+)[ \t]+([A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,3})")
"""A lower-case role noun before a name: "the referee Ansel Kovar", "carrier Tarvos Lines"
make "the referee" and "the carrier" that name (role nouns: ``definite_heads`` of
``data/stance/entities.json``)."""


def describe_text(text: str) -> dict[str, str]:
    """Descriptions of named entities stated in ``text`` -> the name (lower case).

    "Kestrel Dynamics, the Valdorian arms maker," and "Kestrel Dynamics is a Valdorian arms
    maker" give "valdorian arms maker", "arms maker" and "maker" -> "kestrel dynamics", so a
    later "the arms maker" in the same document is that entity. A description stated for two
    different names is dropped (ambiguous). Regular expressions only: no parse of the text.
    """
    stop = tables().name_stop_words
    found: dict[str, str | None] = {}
    matches = [(m.group(1), m.group(2)) for p in (_APPOSITION, _COPULA) for m in p.finditer(text)]
    matches += [(m.group(2), m.group(1)) for m in _ROLE_FIRST.finditer(text)]
    titles = frozenset(load_lexicon("entities").get("titles", []))
    for m in _TITLED.finditer(text):
        # "Deputy Mayor Piet Aalto": the whole title only ("mayor" alone may be someone else)
        words = m.group(0).split()
        k = 0
        while k < len(words) - 1 and words[k].lower().strip(".") in titles:
            k += 1
        if 0 < k < len(words) and not (k == 1 and words[0].lower().strip(".") in stop):
            key = desc_key(desc_words(words[:k]))
            name = " ".join(words[k:]).lower()
            found[key] = _agree(found.get(key, name), name)
    heads = {
        w for words in load_lexicon("entities").get("definite_heads", {}).values() for w in words
    }
    for m in _HEAD_FIRST.finditer(text):
        words = m.group(2).split()
        if m.group(1) in heads and words and words[0].lower() not in stop:
            name = " ".join(words).lower()
            key = desc_key([m.group(1)])
            found[key] = _agree(found.get(key, name), name)
    for name_text, desc_text in matches:
        if True:
            words = name_text.split()
            while words and (words[0].lower() in stop or words[0] == "The"):
                words = words[1:]
            if not words or words[-1].lower() in stop:
                continue
            name = " ".join(words).lower()
            desc = _desc_head(desc_words(desc_text.split()), stop)
            if not desc or len(desc) > _MAX_DESCRIPTION_WORDS:
                continue
            for i in range(len(desc)):  # "arms maker", "maker": the head and its modifiers
                key = desc_key(desc[i:])
                found[key] = _agree(found.get(key, name), name)
    out = {key: name for key, name in found.items() if name}
    actor = document_actor(text)
    if actor:
        out[DOCUMENT_ACTOR] = actor  # "the insurgents" in a document about one armed group
    return out


def _agree(first: str | None, second: str) -> str | None:
    """One name for a description stated twice ("Mayor Varga", "the mayor, Ilse Varga": the
    longer), None when they name different entities."""
    if first is None:
        return None
    a, b = set(first.split()), set(second.split())
    if a <= b or b <= a:
        return first if len(first) >= len(second) else second
    return None


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
    if name in (GENERIC, PRONOUN):
        return False
    normed = normalise(text)
    aliases = [alias for alias, canonical in tables().aliases if canonical == name]
    if any(alias in normed for alias in aliases):
        return True
    words = [w for w in name.split() if w not in NAME_STOP]
    present = {w.strip(".'-") for w in normed.split()}  # "Builders." ends a sentence
    if words and set(words) <= present:
        return True
    return len(words) > 1 and "".join(w[0] for w in words) in present


DOCUMENT_ACTOR = "@actor"
"""Key of the description map holding the armed group the document is about (see
``document_actor``); ``roles.mention`` reads it for a generic "the insurgents"."""
_MIN_MENTIONS = 2
_DOMINANCE = 2.0


def document_actor(text: str) -> str | None:
    """The one armed group ``text`` is about, or None: the non-country name it gives most
    often, at least twice and at least twice as often as any other group.

    Names are the alias table's armed groups ("Moscow" is never "the insurgents") and
    capitalised names ending in a group word ("the Tamsk Home Guard", later "the Home
    Guard": one group, counted under its longest name). A document about two groups at war
    in equal measure has none, so its "the militants" stays unresolved."""
    t = tables()
    groups = t.armed_groups
    normed = normalise(text)
    counts: dict[str, int] = {}
    taken = [False] * len(normed)
    for alias, canonical in t.aliases:  # longest first: "taliban fighters" before "taliban"
        if canonical not in groups:
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(alias.strip()) + r"(?![\w-])", normed):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            counts[canonical] = counts.get(canonical, 0) + 1
    heads = t.group_name_heads
    stop = t.name_stop_words
    found: list[str] = []
    for m in _GROUP_NAME.finditer(text):
        words = m.group(0).split()
        while words and (words[0].lower() in stop or words[0] == "The"):
            words = words[1:]
        if len(words) >= 2 and words[-1].lower() in heads:
            found.append(" ".join(words).lower())
    for name in found:
        longer = {other for other in found if set(name.split()) < set(other.split())}
        if len(longer) == 1:
            name = next(iter(longer))  # "Home Guard" -> "tamsk home guard"
        if name not in counts and any(
            set(name.split()) <= set(alias.split()) for alias, _ in t.aliases
        ):
            continue  # an alias already counted ("National Resistance Front")
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < _MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < _DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


_GROUP_NAME = re.compile(r"\b[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,4}")
