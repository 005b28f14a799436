"""Cue, source and content spans of one attribution, read off the dependency parse.

Works on spaCy tokens only; no model of its own. ``attribution.extract`` calls
``find_candidates`` for every sentence, asks the cue model which candidates are real, and then
``build`` turns each kept cue into character spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.analyze.attr_content import (
    as_clause,
    prep_argument,
    prep_content,
    quote_before_sentence,
    stray_that_clause,
)
from claimgraph.analyze.attr_source import (
    past_dateline,
    source_span,
    speakerlike,
)
from claimgraph.analyze.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "csubj")
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "i",
        "we",
        "you",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "their",
        "its",
        "this",
        "that",
    ]
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})
ARGUMENT_PREPS = frozenset({"of", "as", "for", "about", "against"})
"""Prepositions that carry what is said ("accused X of Y", "dismissed X as false"), not when/where."""
MODALS = frozenset({"may", "might", "could", "would"})


@dataclass
class Found:
    """One attribution as token-level evidence plus character spans (internal to analyze)."""

    cue_start: int
    cue_end: int
    cue_lemma: str
    content: tuple[int, int] | None
    source: tuple[int, int] | None = None
    source_root: Token | None = None
    cue_token: Token | None = None
    kind: str = "indirect"
    negated: bool = False
    hedged: bool = False
    via: str | None = None
    via_span: tuple[int, int] | None = None
    speaker_override: Token | None = None
    sentence: tuple[int, int] | None = None
    score: float = 1.0
    continues: Found | None = None
    """For a quote continued after its attribution: the attribution it continues."""
    headline: bool = False
    """Found in a headline, kicker or standfirst (title-like line), not in body copy."""


def is_candidate(tok: Token) -> bool:
    """Verbs (and listed cue words) that could head an attribution."""
    if tok.pos_ == "VERB":
        return True
    return (
        tok.lemma_.lower() in lexicon().cue_class
        and tok.pos_ in ("AUX", "NOUN")
        and tok.dep_ == "ROOT"
    )


def trim_span(doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc_text[start].isspace() or doc_text[start] in ",;:—–-"):
        start += 1
    while end > start and (doc_text[end - 1].isspace() or doc_text[end - 1] in ",;:—–-"):
        end -= 1
    return (start, end) if end > start else None


def subtree_span(tok: Token, *, exclude: set[int] | None = None) -> tuple[int, int]:
    toks = [t for t in tok.subtree if not exclude or t.i not in exclude]
    if not toks:
        return tok.idx, tok.idx + len(tok)
    first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def subject_of(tok: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb, inherited through conj/advcl/xcomp heads ("..., adding that")."""
    if (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and tok.head.dep_ == "ccomp"
        and tok.head.head.lemma_.lower() in lexicon().speech_verbs
    ):
        # "X said Iran is helping them, adding that ...": X adds, not Iran
        return subject_of(tok.head.head, depth + 1)
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass") and tok.lemma_ != "quote":
            if child.dep_ == "nsubjpass":
                for agent in tok.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                return pobj
                return None  # "X is believed to ...": nobody is named as the source
            if child.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return tok.head  # "Smith, who said ...": the antecedent speaks
            return child
    if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return tok.head
    if (
        tok.dep_ == "acl"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and speakerlike(tok.head)
        and any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)
    ):
        return tok.head  # "a statement released ... saying that ...", not "an office ordering X"
    # inverted "…," added the official: the subject is parsed as dobj after the verb
    if any(c.dep_ in ("ccomp", "parataxis") and c.i < tok.i for c in tok.children) or _quote_before(
        tok
    ):
        for child in tok.children:
            if (
                child.dep_ in ("dobj", "attr", "npadvmod")
                and child.i > tok.i
                and child.pos_ in ("NOUN", "PROPN")
            ):
                return child
    if (
        tok.dep_ == "conj"
        and tok.head.dep_ == "ccomp"
        and tok.lemma_.lower() in lexicon().speech_verbs
        and tok.head.head.lemma_.lower() in lexicon().speech_verbs
        and tok.head.i < tok.i
    ):
        # "X acknowledged that Y paid Z but insisted that ...": the conjunct was hung on the
        # first cue's clause; coordinated cue verbs share the first cue's subject
        return subject_of(tok.head.head, depth + 1)
    if depth < 3 and tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
        return subject_of(tok.head, depth + 1)
    if depth == 0 and tok.i > tok.sent.start:
        # a misparse left the verb without a subject: "to Congress Gen Nicholson said ...",
        # "In an interview with Reuters, Ilya Markov, the envoy, said ..."
        prev = tok.doc[tok.i - 1]
        if prev.pos_ == "PROPN" and prev.dep_ in ("pobj", "compound", "dobj", "npadvmod"):
            return prev
        if tok.lemma_.lower() in lexicon().speech_verbs:
            for j in range(tok.i - 1, max(tok.sent.start, tok.i - 12) - 1, -1):
                cand = tok.doc[j]
                if cand.ent_type_ == "PERSON" and cand.ent_iob_ != "O":
                    ent = next((e for e in tok.doc.ents if e.start <= j < e.end), None)
                    return ent.root if ent is not None else cand
    return None


def _quote_before(tok: Token) -> bool:
    i = tok.i - 1
    while i >= tok.sent.start and tok.doc[i].is_punct:
        if tok.doc[i].text in ("”", '"', "’", "»"):
            return True
        i -= 1
    return False


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in tok.children):
        return True
    head = tok.head
    # "refuses to refute", "declined to dispute": a refusal over a denial
    return tok.dep_ == "xcomp" and lexicon().cue_class.get(head.lemma_.lower()) == "refuse"


def content_negated(root: Token | None) -> bool:
    """The content's head is a negated denial/assertion verb ("the military does not refute")."""
    if root is None:
        return False
    cls = lexicon().cue_class.get(root.lemma_.lower())
    if cls in ("deny",) and any(c.dep_ == "neg" for c in root.children):
        return True
    for child in root.children:
        if child.dep_ in ("acomp", "xcomp") and child.lemma_.lower() in (
            "refute",
            "dispute",
            "deny",
        ):
            return True
    return False


def hedged(tok: Token, content_tokens: list[Token]) -> bool:
    lex = lexicon()
    if any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in tok.children):
        return True
    if tok.lower_ in lex.hedges or any(
        c.dep_ == "advmod" and c.lower_ in lex.hedges for c in tok.children
    ):
        return True
    return any(t.lower_ in lex.hedges for t in content_tokens)


def build(tok: Token, text: str, regions: list[tuple[int, int]] | None = None) -> Found | None:
    """Spans of the attribution headed by cue verb ``tok`` (None when it has no content);
    ``regions``: the text's quoted regions, for a bare "X said." after a quote."""
    sent = tok.sent
    lemma = tok.lemma_.lower()
    subj = subject_of(tok)
    exclude: set[int] = set()
    if subj is not None:
        exclude |= {t.i for t in subj.subtree} if subj.head is tok else set()
    subj = past_dateline(subj, text)
    cue_end = tok.idx + len(tok)
    cue_start = tok.idx
    # particle / "has said" aux kept out of the cue; phrasal "point out"
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            cue_end = child.idx + len(child)
    content_root: Token | None = None
    content: tuple[int, int] | None = None
    via: str | None = None
    via_span: tuple[int, int] | None = None
    speaker_override: Token | None = None
    children = list(tok.children)
    ccomps = [c for c in children if c.dep_ in ("ccomp", "csubj") and c.i not in exclude]
    if lemma == "quote":  # "the agency quoted Shahin as saying": speaker is the object
        for c in children:
            if c.dep_ == "dobj":
                speaker_override = c
    if subj is not None and any(c.i < subj.i for c in ccomps) and any(c.i > tok.i for c in ccomps):
        # "53% describe themselves as liberal; 26% say they are conservative": the clause
        # before the speaker is someone else's
        ccomps = [c for c in ccomps if c.i > tok.i]
    if ccomps:
        content_root = ccomps[0]
        spans = [subtree_span(c, exclude=_trailing_cues(c)) for c in ccomps]
        content = (min(s for s, _ in spans), max(e for _, e in spans))
        content = _clip_before_source(tok, subj, ccomps, content)
    else:
        for dep in ("xcomp", "dobj", "oprd", "attr", "acomp"):
            cands = [
                c
                for c in children
                if c.dep_ == dep
                and (subj is None or c.i != subj.i)
                and not (dep == "dobj" and _addressee(lemma, c))
            ]
            if cands:
                content_root = cands[0]
                s, e = subtree_span(cands[0])
                # "accused Russia of arming", "dismissed claims ... as false": take the preps too
                preps = [
                    c
                    for c in children
                    if c.i > cands[0].i
                    and (
                        c.dep_ == "oprd"
                        or (
                            c.dep_ == "prep"
                            and (
                                c.lower_ in ARGUMENT_PREPS
                                # "charged him with taking bribes": the charge, not "him"
                                or (
                                    c.lower_ == "with"
                                    and lexicon().cue_class.get(lemma) == "accuse"
                                )
                            )
                        )
                    )
                ]
                for p in preps:
                    e = max(e, subtree_span(p)[1])
                content = (s, e)
                break
    if content is None:
        content = stray_that_clause(tok)
    if content is None:
        prep = prep_argument(tok)
        if prep is not None:
            content_root = prep
            content = prep_content(prep)
    if content is None and any(c.dep_ == "neg" for c in children):
        # "did not respond to a request for comment": what was not answered
        preps = [c for c in children if c.dep_ == "prep" and c.lower_ in ("to", "on", "about")]
        if preps:
            content_root = preps[0]
            content = subtree_span(preps[0])
    if content is None and subj is not None:
        # "This was stated by X": what "this" points back to, the paragraph's previous sentence
        content = _demonstrative_content(tok, text)
    if content is None and subj is not None and _sentence_final(tok):
        # "Valdoria propped up the rebels with drones, official and rebel sources say"
        src = source_span(text, subj)
        left = tok.head if tok.dep_ in ("conj", "parataxis") else None
        if left is not None and src is not None and left.left_edge.idx < src[0]:
            content_root = left
            content = (left.left_edge.idx, src[0])
    if content is None and tok.dep_ == "parataxis":
        head = tok.head
        content_root = head
        content = subtree_span(head, exclude={t.i for t in tok.subtree})
    if content is None:
        content = as_clause(tok)
    if content is None and regions is not None and lemma in lexicon().speech_verbs:
        content = quote_before_sentence(tok, text, regions)
    if content is None and tok.dep_ in ("ROOT",) and lemma in lexicon().speech_verbs:
        # "…" he said. with the quote parsed outside: take the rest of the sentence
        rest = [t for t in sent if t.i not in {x.i for x in tok.subtree}]
        if rest:
            content = (rest[0].idx, rest[-1].idx + len(rest[-1]))
    if content is None or (tok.dep_ == "acl" and subj is None):
        return None  # "a company ordering drones": a participle with no speaker says nothing
    if content[1] <= cue_start and ccomps:
        # "Clinton had told police ..., but the NYPD overruled that request, the source added."
        start = sent.start_char
        while start < content[0] and text[start].isspace():
            start += 1
        content = (start, content[1])
    trimmed = trim_span(text, *content)
    if trimmed is None:
        return None
    if _topic_only(tok, content_root, ccomps, text):
        return None
    source: tuple[int, int] | None = None
    if subj is not None:
        source = source_span(text, subj)
    if lemma == "tell" or lemma in lexicon().speech_verbs:
        via, via_span = media_near(tok, text, exclude_span=trimmed)
    if lemma == "tweet" and via is None:
        via = "Twitter"
    ctoks: list[Token] = []
    if content_root is not None:
        cspan = sent.doc.char_span(trimmed[0], trimmed[1], alignment_mode="expand")
        ctoks = list(cspan) if cspan is not None else []
    neg = _negated(tok) or content_negated(content_root)
    return Found(
        cue_start=cue_start,
        cue_end=cue_end,
        cue_lemma=lemma,
        content=trimmed,
        source=source,
        source_root=subj,
        cue_token=tok,
        negated=neg,
        hedged=hedged(tok, ctoks),
        via=via,
        via_span=via_span,
        speaker_override=speaker_override,
        sentence=(sent.start_char, sent.end_char),
    )


def _addressee(lemma: str, obj: Token) -> bool:
    """ "told reporters", "told The Daily Courier", "assured them": whom it was said to."""
    if lemma not in lexicon().addressee_verbs:
        return False
    return speakerlike(obj) or (obj.tag_ == "NNS" and obj.lemma_.lower() not in ("lie", "story"))


def _clip_before_source(
    tok: Token, subj: Token | None, ccomps: list[Token], content: tuple[int, int]
) -> tuple[int, int]:
    """ "...; 26% say they are conservative": a clause after the cue whose parse swallowed
    words before the speaker starts after the cue; not "The plan, he said, is dead", where
    the cue stands between commas inside the clause."""
    if subj is None or subj.head.i != tok.i or any(c.i < tok.i for c in ccomps):
        return content
    if content[0] >= subj.left_edge.idx:
        return content
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.is_punct:
        return content
    after = [t for c in ccomps for t in c.subtree if t.i > tok.i]
    if not after:
        return content
    return min(t.idx for t in after), content[1]


def _sentence_final(tok: Token) -> bool:
    """The cue ends its sentence ("..., sources say")."""
    if tok.lemma_.lower() not in lexicon().speech_verbs:
        return False
    rest = tok.doc[tok.i + 1 : tok.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _demonstrative_content(tok: Token, text: str) -> tuple[int, int] | None:
    if not any(
        c.dep_ == "nsubjpass" and c.lower_ in ("this", "that", "it", "these") for c in tok.children
    ):
        return None
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = sent.doc[sent.start - 1].sent
    if "\n" in text[prev.start_char : sent.start_char].strip(" \t") or "\n" in prev.text.strip():
        return None
    start, end = prev.start_char, prev.end_char
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!"):
        end -= 1
    return (start, end) if end > start else None


def _topic_only(tok: Token, content_root: Token | None, ccomps: list[Token], text: str) -> bool:
    """ "the officers discussed drones": a topic verb with only a noun phrase after it (no
    clause, no quote) names what was talked about, not something said."""
    if ccomps or content_root is None or tok.lemma_.lower() not in lexicon().topic_verbs:
        return False
    if content_root.dep_ != "dobj" or content_root.pos_ not in ("NOUN", "PROPN"):
        return False
    sub = list(content_root.subtree)
    if any(t.pos_ in ("VERB", "AUX") for t in sub):
        return False
    seg = text[max(0, sub[0].idx - 2) : sub[-1].idx + len(sub[-1]) + 2]
    return not any(q in seg for q in '“"«')


def build_claim_noun(tok: Token, text: str) -> Found | None:
    """ "claims made ... by an anonymous official ... that Russia had stepped up ...": the
    agent's own (nested) statement, cued by the claim noun."""
    acl = next(
        (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"),
        None,
    )
    if acl is None:
        return None
    agent = next((c for c in acl.children if c.dep_ == "agent"), None)
    pobj = (
        next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    )
    if pobj is None or not speakerlike(pobj):
        return None
    sent = tok.sent
    clause: Token | None = None
    for t in sent:
        if t.i <= pobj.i or t.lower_ != "that" or t.dep_ not in ("mark", "advmod"):
            continue
        head = t.head
        if head.left_edge.i == t.i and head.pos_ in ("VERB", "AUX"):
            clause = head
            break
    if clause is None:
        return None
    toks = [t for t in clause.subtree if t.i != clause.left_edge.i]
    content = trim_span(text, toks[0].idx, toks[-1].idx + len(toks[-1]))
    if content is None:
        return None
    while content[1] > content[0] and text[content[1] - 1] in ".!?":
        content = (content[0], content[1] - 1)
    return Found(
        cue_start=tok.idx,
        cue_end=tok.idx + len(tok),
        cue_lemma=tok.lemma_.lower(),
        content=content,
        source=source_span(text, pobj),
        source_root=pobj,
        cue_token=tok,
        hedged=hedged(tok, [t for t in sent if content[0] <= t.idx < content[1]]),
        sentence=(sent.start_char, sent.end_char),
    )


def _trailing_cues(root: Token) -> set[int]:
    """Tokens of "..., citing ...", "... and warned ..." hanging off a content clause: another
    attribution of the same speaker, not part of this content."""
    cues = lexicon().cue_class
    out: set[int] = set()
    for t in root.subtree:
        if t is root or t.i in out:
            continue
        if (
            t.dep_ in ("advcl", "conj")
            and t.pos_ == "VERB"
            and t.lemma_.lower() in cues
            and t.i > root.i
        ):
            if t.dep_ == "conj" and not any(
                c.dep_ in ("ccomp", "xcomp", "dobj") for c in t.children
            ):
                continue
            if t.dep_ == "advcl" and t.tag_ != "VBG":
                continue
            first = t.left_edge.i
            out |= set(range(first, t.right_edge.i + 1))
            # the comma or "and" before it
            j = first - 1
            while j > root.i and (t.doc[j].is_punct or t.doc[j].dep_ == "cc"):
                out.add(j)
                j -= 1
    return out


def find_media(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The first known medium named in ``text[start:end]`` (capitalised, whole words)."""
    media = lexicon().media
    segment = text[start:end]
    low = segment.lower()
    best: tuple[int, int, str] | None = None
    for alias, name in media.items():
        if len(alias) < 3 and alias.upper() != alias.upper():
            continue
        pos = low.find(alias)
        while pos != -1:
            a, b = pos, pos + len(alias)
            ok_left = a == 0 or not low[a - 1].isalnum()
            ok_right = b == len(low) or not low[b].isalnum()
            original = segment[a:b]
            capital = any(ch.isupper() for ch in original)
            if len(alias) <= 3:
                capital = original.isupper()
            if (
                ok_left
                and ok_right
                and capital
                and (best is None or (a, -(b - a)) < (best[0], -(best[1] - best[0])))
            ):
                best = (a, b, name)
            pos = low.find(alias, pos + 1)
    if best is None:
        return None
    return best[2], (start + best[0], start + best[1])


def media_near(
    tok: Token, text: str, *, exclude_span: tuple[int, int]
) -> tuple[str | None, tuple[int, int] | None]:
    """The medium of a cue: "told CNN", "in an interview ... to RIA Novosti", "on Twitter"."""
    for child in tok.children:
        if child.dep_ in ("dative", "dobj", "prep", "npadvmod", "advcl"):
            s, e = subtree_span(child)
            if s >= exclude_span[0] and e <= exclude_span[1]:
                continue
            if exclude_span[0] < e and s < exclude_span[1]:
                e = min(e, exclude_span[0]) if s < exclude_span[0] else e
            found = find_media(text, s, e)
            if found is not None:
                return found[0], found[1]
    return None, None
