"""The source mention of an attribution: its span, and the parse repairs it needs.

A source span is the noun phrase as written, inside its own paragraph, past a dateline, without
quote marks or a noun the parser glued on from the clause before; a role phrase followed by the
name it describes takes the name in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimgraph.analyze.attr_lines import dateline_end, paragraph_start
from claimgraph.analyze.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

QUOTE_MARKS = "“”‘’\"«»'"


def source_span(text: str, tok: Token) -> tuple[int, int] | None:
    """The source mention headed by ``tok``: its noun phrase inside the root's own paragraph,
    past a dateline prefix, trimmed of quote marks, whitespace and edge punctuation."""
    start, end = np_span(tok)
    cut = glued_start(tok)
    if cut is not None:
        start = max(start, tok.doc[cut].idx)
    person = following_person(tok)
    if person is not None:
        end = max(end, person.end_char)
    para_start = paragraph_start(text, tok.idx)
    para_end = text.find("\n", tok.idx)
    start = max(start, para_start)
    end = min(end, para_end) if para_end != -1 else end
    dl = dateline_end(text, tok.idx)
    if dl is not None and dl > start:
        start = dl
    while start < end and (text[start].isspace() or text[start] in ",;:—–-" + QUOTE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-" + QUOTE_MARKS):
        end -= 1
    return (start, end) if end > start else None


def following_person(tok: Token) -> SpacySpan | None:
    """A role phrase followed by the name it describes, with the parser having lost the link:
    "the representative of the political office (banned in X) Suheil Shahin" -> the name."""
    lex = lexicon()
    if tok.ent_type_ == "PERSON" or tok.lemma_.lower() not in lex.roles:
        return None
    doc = tok.doc
    j = tok.right_edge.i + 1
    depth = 0
    while j < len(doc) and j <= tok.right_edge.i + 15:
        t = doc[j]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and not t.is_punct:
            break
        if "\n" in t.text:
            return None
        j += 1
    if j >= len(doc) or depth:
        return None
    ent = next((e for e in doc.ents if e.start == j and e.label_ == "PERSON"), None)
    return ent  # the parser may even have started a new sentence at the name


def glued_start(tok: Token) -> int | None:
    """ "... with arms, official and insurgent sources say": a noun glued on before a comma
    (nmod of the source) belongs to the clause before; the index of the source's first token."""
    cut: int | None = None
    for t in tok.lefts:
        if t.dep_ == "nmod":
            commas = [c.i for c in tok.doc[t.i : tok.i] if c.text == ","]
            if commas:
                cut = max(cut or 0, commas[-1] + 1)
    return cut


def past_dateline(tok: Token | None, text: str) -> Token | None:
    """A subject parsed inside a dateline ("LUZAN (Agency) - Morvania accused ..."): the phrase
    after the dateline instead (None when nothing of the subject follows it)."""
    if tok is None:
        return None
    dl = dateline_end(text, tok.idx)
    if dl is None or tok.idx >= dl:
        return tok
    inside = [t for t in tok.subtree if t.idx >= dl and not t.is_punct]
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in ids]
    if heads:
        return heads[0]
    # "LUZAN, May 3 (Wire) — Mayor X said": a second subject of the same verb, past the dateline
    return next(
        (c for c in tok.head.children if c.dep_ == tok.dep_ and c.idx >= dl and c is not tok),
        None,
    )


def speakerlike(tok: Token) -> bool:
    """A noun that can stand for a speaker: a name, a role, an institution, a writing, a medium."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or tok.pos_ in ("PROPN", "PRON")
        or lemma in lex.roles
        or lemma in lex.institutions
        or lemma in lex.writings
        or lemma in lex.generic_media
    )


def np_span(tok: Token) -> tuple[int, int]:
    """A noun phrase's span, without a trailing relative clause or a quote that got attached."""
    toks = [t for t in tok.subtree if not (t.dep_ in ("relcl",) and t.head is tok)]
    drop: set[int] = set()
    for t in tok.subtree:
        if t.dep_ == "relcl" and t.head is tok:
            drop |= {x.i for x in t.subtree}
    toks = [t for t in toks if t.i not in drop]
    first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def seen_by(pobj: Token | None) -> Token | None:
    """ "according to bank records seen by the Northwind Post": the records are no speaker;
    the medium that saw them reports what they show."""
    if pobj is None or pobj.pos_ != "NOUN":
        return None
    for acl in pobj.children:
        if acl.dep_ != "acl" or acl.tag_ != "VBN":
            continue
        for agent in acl.children:
            if agent.dep_ != "agent":
                continue
            who = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if who is not None and who.pos_ == "PROPN":
                return who
    return None


def clip_own_clause(
    text: str, source: tuple[int, int], cue: Token | None, cue_start: int
) -> tuple[int, int] | None:
    """A source never contains its own cue: "Farmers who said the harvest failed" -> "Farmers".

    The source is cut before the relative or participle clause that holds the cue (or, when the
    parse gives no such clause, before the cue itself), then trimmed of edge punctuation."""
    start, end = source
    if not start <= cue_start < end:
        return source
    cut = cue_start
    if cue is not None:
        t = cue
        # token objects of one position need not be identical ("is"): compare indices, and
        # walk at most the document's length in case a repaired parse holds a cycle
        for _ in range(len(cue.doc)):
            if t.head.i == t.i or t.dep_ in ("relcl", "acl"):
                break
            t = t.head
        if t.dep_ in ("relcl", "acl") and start < t.left_edge.idx <= cue_start:
            cut = t.left_edge.idx
    end = cut
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-(" + QUOTE_MARKS):
        end -= 1
    return (start, end) if end > start else None
