"""Headlines for the article-level stance: Title Case undone for the parser, and what a
reporting headline ("Reports Say ...") attributes to others (``claimgraph.link.claimmap``)."""

from __future__ import annotations

import functools
import re

from claimgraph.link.retrieve import lexicon
from claimgraph.resources import load_data

__all__ = ["HEADLINE_WEIGHT", "reported_complement", "sentence_case"]

HEADLINE_WEIGHT = 0.6
"""Confidence kept by a stance that rests on headline clauses alone: a headline is short and
written for effect ("Russia Openly Aligns with Taliban" asserts an alignment, which is
broader than arming; it leans towards the claim without stating it)."""


@functools.lru_cache(maxsize=1)
def _headline_lowercase() -> frozenset[str]:
    """Words a Title Case headline capitalises that the parser should read as common words:
    predicate verbs and nouns of the stance lexicon (``data/stance/predicates.json``),
    reporting words and stopwords (``data/link.toml``)."""
    table = load_data("stance/predicates.json")
    words = {
        w for c in table["classes"].values() for key in ("verbs", "nouns") for w in c.get(key, [])
    }
    for key in ("light_verbs", "converse_verbs", "arrival_verbs", "supply_nouns"):
        words |= set(table.get(key, []))
    lex = lexicon()
    words |= set(lex["reporting_words"]) | set(lex["stopwords"])
    return frozenset(w.lower() for w in words)


def sentence_case(title: str) -> str:
    """A Title Case headline in sentence case for the parser ("Russia Openly Aligns with
    Taliban" -> "Russia openly aligns with Taliban"). Only adverbs in -ly and known common
    words (inflected) are lowered, so names stay capitalised; offsets are unchanged."""
    words = re.findall(r"[A-Za-z]+", title)
    capitalised = [w for w in words if w[:1].isupper()]
    if len(words) < 3 or len(capitalised) < 0.6 * len(words):
        return title
    common = _headline_lowercase()

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if match.start() == 0 or not word[:1].isupper() or word.isupper():
            return word
        stems = {low, low.removesuffix("s"), low.removesuffix("es"), low.removesuffix("ed")}
        stems |= {low.removesuffix("ing"), low.removesuffix("ing") + "e", low.removesuffix("d")}
        if low.endswith("ly") or stems & common:
            return low
        return word

    return re.sub(r"[A-Za-z]+", lower, title)


def reported_complement(clause: str) -> str | None:
    """What a reporting headline clause attributes: the text after its last reporting word
    ("Reports Say Russia Is 'Arming the Taliban'" -> "Russia Is 'Arming the Taliban'")."""
    words = set(lexicon()["reporting_words"])
    last = None
    for match in re.finditer(r"[A-Za-z]+", clause):
        if match.group(0).lower() in words:
            last = match
    if last is None:
        return None
    rest = clause[last.end() :].strip(" :,'\"‘’“”")
    return rest if len(rest.split()) >= 2 else None
