"""Attributions cued by a noun: "Smith's claim that ...", "the union's criticism of the plan",
"calls by the opposition for an inquiry".

A noun from ``noun_cues.tsv`` is a cue when the parse gives it both a source (a possessive, or
a "by"/"from" phrase naming a speaker) and a content (a that-clause, an infinitive or a listed
preposition's object). Without a stated source it is no attribution ("the claim that ...").
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from claimgraph.analyze.attr_content import clause_tokens
from claimgraph.analyze.attr_source import source_span, speakerlike
from claimgraph.analyze.attr_spans import Found, hedged, trim_span
from claimgraph.analyze.lexicon import lexicon
from claimgraph.resources import read_data

if TYPE_CHECKING:
    from spacy.tokens import Token


@functools.lru_cache(maxsize=1)
def noun_cues() -> dict[str, frozenset[str]]:
    """Noun lemma -> the complements ("that", "to", prepositions) that carry its content."""
    text = read_data("attribution/noun_cues.tsv")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        noun, _, comps = line.partition("\t")
        out[noun.strip().lower()] = frozenset(c.strip() for c in comps.split(",") if c.strip())
    return out


def noun_source(tok: Token) -> Token | None:
    """Who holds the claim, view or criticism: "Smith's claim", "his view", "calls by X"."""
    for child in tok.children:
        if child.dep_ == "poss" and (child.pos_ == "PRON" or speakerlike(child)):
            return child
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and speakerlike(pobj) and pobj.pos_ != "PRON":
                return pobj
    return None


def noun_content(tok: Token, comps: frozenset[str]) -> tuple[Token, tuple[int, int]] | None:
    """The content complement of cue noun ``tok`` (its head token and span)."""
    for child in tok.children:
        if child.i < tok.i:
            continue
        first = child.left_edge
        if (
            "that" in comps
            and child.dep_ in ("acl", "ccomp", "appos", "relcl")
            and first.lower_ == "that"
            and first.dep_ == "mark"
        ):
            toks = [t for t in child.subtree if t.i != first.i]
            return child, (toks[0].idx, toks[-1].idx + len(toks[-1]))
        if (
            "to" in comps
            and child.dep_ in ("acl", "relcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            toks = list(child.subtree)
            return child, (toks[0].idx, toks[-1].idx + len(toks[-1]))
        if child.dep_ == "prep" and child.lower_ in comps:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            toks = [t for t in child.subtree if t.i != child.i]
            return obj, (toks[0].idx, toks[-1].idx + len(toks[-1]))
    return None


def build_noun_cue(tok: Token, text: str) -> Found | None:
    """The attribution cued by noun ``tok``, or None when its source or content is not stated."""
    comps = noun_cues().get(tok.lemma_.lower())
    if comps is None or tok.pos_ != "NOUN":
        return None
    src = noun_source(tok)
    if src is None:
        return None
    found = noun_content(tok, comps)
    if found is None:
        return None
    root, span = found
    content = trim_span(text, *span)
    if content is None or content[1] - content[0] < 3:
        return None
    while content[1] > content[0] + 1 and text[content[1] - 1] in ".!?":
        content = (content[0], content[1] - 1)
    source = _possessor(text, src) if src.dep_ == "poss" else source_span(text, src)
    sent = tok.sent
    return Found(
        cue_start=tok.idx,
        cue_end=tok.idx + len(tok),
        cue_lemma=tok.lemma_.lower(),
        content=content,
        source=source,
        source_root=src,
        cue_token=tok,
        hedged=hedged(tok, [t for t in sent if content[0] <= t.idx < content[1]]),
        sentence=(sent.start_char, sent.end_char),
        score=0.5,
    )


_BY_ITSELF = frozenset({"poll", "survey"})
"""Frame nouns that are a source themselves ("in a new poll"); others need a possessor."""


def build_frame(tok: Token, text: str) -> Found | None:
    """ "In his view, the plan will fail" / "In a poll released Sunday, most voters ...": the
    clause the "in" phrase frames, said (or found) by the possessor or by the poll."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in lexicon().frame_nouns:
        return None
    if pobj.lemma_.lower() in _BY_ITSELF:
        src: Token | None = pobj
    else:
        src = next((c for c in pobj.children if c.dep_ == "poss"), None)
    if src is None:
        return None
    toks = clause_tokens(tok)
    if len(toks) < 3:
        return None
    content = (toks[0].idx, toks[-1].idx + len(toks[-1]))
    source = source_span(text, src) if src.i == pobj.i else _possessor(text, src)
    sent = tok.sent
    return Found(
        cue_start=tok.idx,
        cue_end=pobj.idx + len(pobj),
        cue_lemma=f"in {pobj.lemma_.lower()}",
        content=content,
        source=source,
        source_root=src,
        cue_token=tok,
        hedged=hedged(tok, toks),
        sentence=(sent.start_char, sent.end_char),
        score=0.5,
    )


def _possessor(text: str, src: Token) -> tuple[int, int] | None:
    """A possessive's span without its "'s"."""
    source = source_span(text, src)
    if source is None:
        return None
    end = source[1]
    for mark in ("'s", "’s", "'", "’"):
        if text[source[0] : end].endswith(mark) and end - len(mark) > source[0]:
            return source[0], end - len(mark)
    return source
