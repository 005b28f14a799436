"""Content of a cue the parse left without a clause or an object: fallbacks of ``build``.

Each reads the dependency parse of one sentence (no model of its own):

- a prepositional argument: "talked about the economy", "called for an inquiry", "pointed to
  the polls", "is known as the Iron Lady" (``content_preps.tsv``: prepositions that carry
  content after any cue, and verb + preposition pairs for the others);
- a "that" clause the parser hung on the wrong word: "said in a statement that ...";
- the clause an "as" cue stands in: "as the agency reported, ...", "As reported by X, ...";
- the quote just before a bare "X said." sentence, split off from it by the sentence splitter.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from claimgraph.resources import read_data

if TYPE_CHECKING:
    from spacy.tokens import Token

_TIME_ENTS = frozenset({"DATE", "TIME"})


@functools.lru_cache(maxsize=1)
def _content_preps() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    text = read_data("attribution/content_preps.tsv")
    general: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0].strip() == "*":
            general.add(parts[1].strip().lower())
        else:
            pairs.add((parts[0].strip().lower(), parts[1].strip().lower()))
    return frozenset(general), frozenset(pairs)


def prep_argument(tok: Token) -> Token | None:
    """The preposition whose object is what the cue ``tok`` is about ("talk about X",
    "call for X", "point to X"), or None. Time and place phrases never count."""
    general, pairs = _content_preps()
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ not in ("prep", "agent") or child.i < tok.i:
            continue
        prep = child.lower_
        if prep not in general and (lemma, prep) not in pairs:
            continue
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.ent_type_ in _TIME_ENTS:
            continue
        return child
    return None


def prep_content(prep: Token) -> tuple[int, int]:
    """The object of ``prep`` as a span (the preposition itself left out)."""
    toks = [t for t in prep.subtree if t.i != prep.i]
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def stray_that_clause(tok: Token) -> tuple[int, int] | None:
    """ "X says in a statement that ...": a "that" clause after the cue that the parser attached
    inside one of the cue's own phrases; from the clause's first word to the sentence's end."""
    sent = tok.sent
    for child in tok.children:
        if child.i < tok.i or child.dep_ not in ("prep", "npadvmod", "dobj"):
            continue
        for t in child.subtree:
            if t.lower_ != "that" or t.dep_ != "mark" or t.i + 1 >= sent.end:
                continue
            clause = t.head
            if clause.dep_ not in ("ccomp", "acl", "advcl") or clause.i < t.i:
                continue
            last = sent.doc[sent.end - 1]
            while last.i > t.i and (last.is_punct or last.is_space) and last.text not in '”"':
                last = sent.doc[last.i - 1]
            start = sent.doc[t.i + 1]
            return start.idx, last.idx + len(last)
    return None


def as_clause(tok: Token) -> tuple[int, int] | None:
    """ "..., as the agency reported on Tuesday" / "As reported by X, ...": the clause the "as"
    cue modifies, without the "as" phrase itself."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    return clause_without(tok)


def clause_tokens(tok: Token) -> list[Token]:
    """The tokens of the clause ``tok`` modifies (its head's subtree) without ``tok``'s own
    phrase, trimmed of leading conjunctions/markers and of punctuation at both ends."""
    drop = {t.i for t in tok.subtree}
    toks = [t for t in tok.head.subtree if t.i not in drop]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "mark")):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in '”"':
        toks = toks[:-1]
    return toks


def clause_without(tok: Token) -> tuple[int, int] | None:
    """The span of ``clause_tokens(tok)``; None when fewer than three tokens remain."""
    toks = clause_tokens(tok)
    if len(toks) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def quote_before_sentence(
    tok: Token, text: str, regions: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """ "X said." standing alone as a sentence right after a closing quote in its paragraph (the
    splitter cut "“...” X said." in two): that quote."""
    sent = tok.sent
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words or words[0].dep_ not in ("nsubj",) or words[0].head.i != tok.i:
        return None
    if any(t.dep_ in ("ccomp", "dobj", "xcomp") for t in tok.children):
        return None
    before = sent.start_char
    i = before
    while i > 0 and text[i - 1] in " \t,":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return None
    for s, e in reversed(regions):
        if e <= i and e >= i - 2 and text[s] in '“"«':
            if "\n" in text[s:e]:
                return None
            return s, e
        if e < i - 2:
            break
    return None
