"""Quote and speaker attribution: who said what in one document.

``extract(doc)`` finds direct, indirect and mixed quotes, "according to X", colon-introduced
blocks, quotes continued over sentences and paragraphs, written statements and refusals, noun
cues ("her claim that ...", ``attr_nouns``), "in his view" frames and transcript tags ("Q:"); it
resolves each source mention to an actor (pronouns and descriptions included) and records the
medium, anonymity, role/affiliation, negation and hedging. Every span is offsets into
``doc.text``; boilerplate is blanked before parsing so it never yields a statement.

Cue verbs are chosen by a small logistic-regression model trained on PolNeAR-style data by
``claimgraph train attribution`` (see ``cuemodel``); without the model, lexicon rules decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from claimgraph.analyze.actors import institution, is_actor_name
from claimgraph.analyze.attr_according import according_to, build_according_to
from claimgraph.analyze.attr_authorial import authorial_statements
from claimgraph.analyze.attr_lines import line_at, title_lines
from claimgraph.analyze.attr_nouns import build_frame, build_noun_cue, noun_cues
from claimgraph.analyze.attr_punct import punctuation_attributions
from claimgraph.analyze.attr_relay import past_dateline, relayed
from claimgraph.analyze.attr_resolve import HEADLINE_COMPONENT, resolve_statements
from claimgraph.analyze.attr_source import clip_own_clause
from claimgraph.analyze.attr_spans import (
    Found,
    build,
    build_claim_noun,
    is_candidate,
    media_near,
    source_span,
    subject_of,
    trim_span,
)
from claimgraph.analyze.cuemodel import features, load_cue_model, rule_score
from claimgraph.analyze.lexicon import lexicon
from claimgraph.analyze.quotes import inner, quote_regions
from claimgraph.errors import ClaimgraphError, ModelError
from claimgraph.model import Actor, Document, Span, Statement

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

MAX_BLOCK_PARAGRAPHS = 6


def extract(
    doc: Document,
    parsed: SpacyDoc | None = None,
    *,
    threshold: float | None = None,
    authorial: bool = False,
) -> tuple[list[Actor], list[Statement]]:
    """Actors and attributed statements of ``doc``.

    ``parsed`` is a spaCy parse of ``doc.masked_text()`` (or of a prefix of it, for very long
    documents); when None the text is parsed with ``parse`` (``load_nlp()`` with a sentence
    break at every line break, which attribution relies on). ``threshold`` overrides
    the cue model's decision threshold. With ``authorial``, check-worthy sentences in the
    writer's own voice are added as ``kind="authorial"`` statements (``attr_authorial``).
    """
    text = doc.text
    masked = doc.masked_text()
    if parsed is None:
        parsed = parse(masked)
    if parsed.text != masked[: len(parsed.text)] and parsed.text != text[: len(parsed.text)]:
        raise ModelError(
            f"parse of document {doc.id[:12]} is not of its text (nor a prefix of it): "
            "parse doc.masked_text()"
        )
    masked = masked[: len(parsed.text)]
    found = find_attributions(parsed, masked, threshold=threshold)
    regions = quote_regions(masked)
    actors, statements = resolve_statements(doc, parsed, found, regions)
    if authorial:
        statements += authorial_statements(doc, parsed, statements, regions)
        statements.sort(key=lambda s: (s.content.start, s.cue.start if s.cue else -1))
    return actors, statements


def _with_breaks(nlp: Language, text: str) -> SpacyDoc:
    doc = nlp.make_doc(text)
    after_break = False
    for tok in doc:
        if after_break and not tok.is_space:
            tok.is_sent_start = True
            after_break = False
        if "\n" in tok.text or "\n" in tok.whitespace_:
            after_break = True
    return doc


def parse(text: str) -> SpacyDoc:
    """Parse ``text`` with ``load_nlp()``, starting a new sentence at every line break.

    News paragraphs are separate lines; without this the parser glues a closing quote of one
    paragraph to the first words of the next.
    """
    return next(iter(parse_many([text])))


def parse_many(texts: Iterable[str], *, batch_size: int = 16) -> Iterator[SpacyDoc]:
    """``parse`` over many texts, batched."""
    from claimgraph.nlp.parse import load_nlp

    nlp = load_nlp()
    docs = (_with_breaks(nlp, text) for text in texts)
    yield from nlp.pipe(docs, batch_size=batch_size)


def find_attributions(
    parsed: SpacyDoc, text: str, *, threshold: float | None = None
) -> list[Found]:
    """Attributions as spans (no speaker resolution yet), in text order."""
    regions = quote_regions(text)
    model = load_cue_model()
    cut = threshold if threshold is not None else (model.threshold if model else 0.5)
    found: list[Found] = []
    accepted: set[int] = set()
    for sent in parsed.sents:
        if not sent.text.strip():
            continue
        for tok in according_to(sent):
            f = build_according_to(tok, text)
            if f is not None:
                found.append(f)
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon().claim_nouns:
                f = build_claim_noun(tok, text)
                if f is not None:
                    found.append(f)
                    continue
            if not is_candidate(tok) or (
                tok.lower_ == "according"
                and tok.i + 1 < len(parsed)
                and parsed[tok.i + 1].lower_ == "to"
            ):
                continue
            score = model.score(features(tok, regions)) if model else rule_score(tok, regions)
            if (
                score < cut
                and not _no_comment(tok)
                and not (tok.head.i in accepted and _nested_that(tok))
            ):
                continue
            f = build(tok, text, regions)
            if f is None:
                continue
            f.score = score
            found.append(f)
            accepted.add(tok.i)
    found += _noun_attributions(parsed, text, found)
    found += punctuation_attributions(parsed, text, regions, found)
    found = _drop_nested_xcomp(found)
    found = relayed(parsed, text, found)
    for f in found:
        _quote_kind(f, text, regions)
    paragraphs = _paragraphs(text)
    found = _colon_blocks(parsed, text, found, paragraphs, cut, model is not None)
    found += _continuations(text, found, regions, paragraphs)
    found = _headlines(text, [_one_paragraph(text, f) for f in found])
    for f in found:
        past_dateline(text, f)
        if f.source is not None:
            f.source = clip_own_clause(text, f.source, f.cue_token, f.cue_start) or f.source
    found.sort(key=lambda f: (f.content[0] if f.content else 0, f.cue_start))
    return found


def _noun_attributions(parsed: SpacyDoc, text: str, found: list[Found]) -> list[Found]:
    """ "Smith's claim that ...", "her decision to run": noun cues, nested in a verb's
    attribution ("X rejected the minister's claim that ...") unless the verb is the same
    speaker's ("she voiced her hope that ...")."""
    cues = noun_cues()
    taken = {f.cue_token.i for f in found if f.cue_token is not None}
    out: list[Found] = []
    for tok in parsed:
        if tok.pos_ != "NOUN" or tok.i in taken:
            continue
        if tok.lemma_.lower() not in cues:
            continue
        f = build_noun_cue(tok, text)
        pronoun = f is not None and f.source_root is not None and f.source_root.pos_ == "PRON"
        if f is not None and not (pronoun and tok.head.i in taken):
            out.append(f)  # "she voiced her hope that ...": the verb's own attribution
    for tok in parsed:
        if tok.lower_ == "in" and tok.i not in taken:
            f = build_frame(tok, text)
            if f is not None:
                out.append(f)
    return out


def _one_paragraph(text: str, f: Found) -> Found:
    """Content stays inside one paragraph, except colon blocks and quotes run on over paragraphs."""
    if f.content is None or f.kind == "colon_block" or f.continues is not None:
        return f
    s, e = f.content
    if "\n" not in text[s:e].strip():
        return f
    anchor = f.cue_start if s <= f.cue_start < e else s
    ps = max(s, text.rfind("\n", 0, anchor) + 1)
    nl = text.find("\n", anchor)
    pe = min(e, nl) if nl != -1 else e
    if pe <= ps:  # the cue sits before the content: keep the content's first paragraph
        nl = text.find("\n", s)
        ps, pe = s, (min(e, nl) if nl != -1 else e)
    clipped = trim_span(text, ps, pe)
    if clipped is not None:
        f.content = clipped
    return f


def _real_source(f: Found) -> bool:
    """A source noun phrase that stands for a speaker: a name, an institution, a role, sources."""
    root = f.speaker_override or f.source_root
    if root is None or root.pos_ == "PRON":
        return False
    lex = lexicon()
    lemma = root.lemma_.lower()
    return (
        root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or lemma in lex.roles
        or lemma in lex.institutions
        or institution(root.text) is not None
    )


def _headlines(text: str, found: list[Found]) -> list[Found]:
    """Attributions in title-like lines: kept, and marked, only when a real source stands there
    (never from an all-caps line, whose parse is unreliable)."""
    lines = title_lines(text)
    out = []
    for f in found:
        line = line_at(lines, f.cue_start)
        if line is not None:
            if line[2] or not _real_source(f):
                continue
            f.headline = True
        out.append(f)
    return out


def _no_comment(tok: Token) -> bool:
    """ "did not respond to a request for comment", "declined to comment": always a refusal."""
    lemma = tok.lemma_.lower()
    if lemma in ("decline", "refuse") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in ("comment", "say", "discuss", "answer", "confirm")
        for c in tok.children
    ):
        return True
    negated = any(c.dep_ == "neg" for c in tok.children)
    return bool(
        negated
        and lemma in ("respond", "reply", "return", "comment", "answer")
        and any(
            t.lower_ in ("comment", "request", "requests", "inquiry", "questions")
            for t in tok.subtree
        )
    )


def _nested_that(tok: Token) -> bool:
    """ "X acknowledges that inspectors determined that ...": a listed cue verb with its own
    subject and that-clause, inside another cue's clause, is an attribution of its own."""
    lex = lexicon()
    if tok.dep_ != "ccomp" or tok.lemma_.lower() not in lex.cue_class:
        return False
    if lex.cue_class.get(tok.head.lemma_.lower()) is None:
        return False
    if not any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in tok.children):
        return False
    return any(
        c.dep_ == "ccomp" and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"
        for c in tok.children
    )


def _drop_nested_xcomp(found: list[Found]) -> list[Found]:
    """ "refused to comment": keep the refusal, not "comment" as a cue of its own."""
    kept_tokens = {f.cue_token.i for f in found if f.cue_token is not None}
    out = []
    for f in found:
        tok = f.cue_token
        if tok is not None and tok.dep_ == "xcomp" and tok.head.i in kept_tokens:
            continue
        out.append(f)
    return out


def _quote_kind(f: Found, text: str, regions: list[tuple[int, int]]) -> None:
    """Extend content over a quote it stands in and set the kind (direct / mixed / indirect)."""
    cls = lexicon().cue_class.get(f.cue_lemma, "")
    if f.content is None or f.kind == "according_to":
        return
    s, e = f.content
    for rs, re_ in regions:
        if rs <= f.cue_start < re_:
            continue  # the cue itself is quoted: do not swallow it
        overlap = min(e, re_) - max(s, rs)
        if overlap <= 0:
            continue
        if (s >= rs and e <= re_ + 1) or overlap >= 0.5 * (e - s):
            if f.source is not None and rs <= f.source[0] < re_:
                continue
            s, e = min(s, rs), max(e, re_)
    quoted = sum(max(0, min(e, re_) - max(s, rs)) for rs, re_ in regions)
    if quoted >= 0.8 * (e - s):
        s, e = inner(text, s, e)
        f.kind = "direct"
    elif quoted > 0:
        f.kind = "mixed"
    f.content = (s, e) if e > s else f.content
    if cls == "refuse" or (f.cue_token is not None and _no_comment(f.cue_token)):
        f.kind = "refusal"
    elif cls == "written" and f.kind != "direct":
        f.kind = "written"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _colon_blocks(
    parsed: SpacyDoc,
    text: str,
    found: list[Found],
    paragraphs: list[tuple[int, int]],
    cut: float,
    has_model: bool,
) -> list[Found]:
    """ "The Russian official responded:" + the next paragraph(s) as content."""
    lex = lexicon()
    by_sentence: dict[int, list[Found]] = {}
    for f in found:
        if f.sentence is not None:
            by_sentence.setdefault(f.sentence[0], []).append(f)
    for pi, (ps, pe) in enumerate(paragraphs):
        line = text[ps:pe].rstrip()
        if not line.endswith(":") or pi + 1 >= len(paragraphs):
            continue
        sent = parsed.char_span(ps, ps + len(line), alignment_mode="expand")
        if sent is None:
            continue
        last_sent = parsed[sent.end - 1].sent
        candidates = [
            f for f in by_sentence.get(last_sent.start_char, []) if f.cue_token is not None
        ]
        candidates.sort(key=lambda f: (f.cue_token.dep_ != "ROOT", f.cue_start))  # type: ignore[union-attr]
        head = candidates[0] if candidates else None
        if head is None:
            verbs = [t for t in last_sent if t.pos_ == "VERB" and t.lemma_.lower() in lex.cue_class]
            verbs.sort(key=lambda t: (t.dep_ != "ROOT", t.i))
            if not verbs:
                continue
            verb = verbs[0]
            head = Found(
                cue_start=verb.idx,
                cue_end=verb.idx + len(verb),
                cue_lemma=verb.lemma_.lower(),
                content=None,
                cue_token=verb,
                sentence=(last_sent.start_char, last_sent.end_char),
            )
            subj = subject_of(verb)
            if subj is not None:
                head.source_root = subj
                head.source = source_span(text, subj)
            found.append(head)
        end = pi + 1
        block_end = paragraphs[end][1]
        quoted_block = text[paragraphs[end][0]] in '“"«'
        while end + 1 < len(paragraphs) and end - pi < MAX_BLOCK_PARAGRAPHS:
            nxt = paragraphs[end + 1]
            if _starts_new_attribution(found, nxt) or (quoted_block and text[nxt[0]] not in '“"«'):
                break
            end += 1
            block_end = nxt[1]
        head.content = (paragraphs[pi + 1][0], block_end)
        head.kind = "colon_block"
        if head.via is None and head.cue_token is not None:
            head.via, head.via_span = media_near(head.cue_token, text, exclude_span=head.content)
        if quoted_block:
            s, e = inner(text, head.content[0], head.content[1])
            head.content = (s, e) if e > s else head.content
    return found


def _starts_new_attribution(found: list[Found], para: tuple[int, int]) -> bool:
    """A paragraph whose opening sentence attributes to a named person or a role is not block text."""
    lex = lexicon()
    for f in found:
        if f.sentence is None or not (para[0] <= f.sentence[0] < para[1]):
            continue
        first_sentence = f.sentence[0] <= para[0] + 1
        root = f.source_root
        if root is None or not first_sentence:
            continue
        if root.ent_type_ == "PERSON" or root.lemma_.lower() in lex.roles:
            return True
    return False


def _continuations(
    text: str, found: list[Found], regions: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
) -> list[Found]:
    """A quote standing alone next to a quoted speaker continues that speaker's words: after it
    (same or next paragraph), or before it when the quote is left open at its paragraph's end."""
    out: list[Found] = []
    covered = [
        f.content
        for f in found
        if f.content is not None and not any(rs <= f.cue_start < re_ for rs, re_ in regions)
    ]
    ordered = sorted((f for f in found if f.content is not None), key=lambda f: f.content[1])  # type: ignore[index]
    for rs, re_ in regions:
        if any(c[0] <= rs + 1 and re_ - 1 <= c[1] for c in covered) or any(
            rs < c[1] and c[0] < re_ for c in covered if c[0] >= rs
        ):
            continue
        s, e = inner(text, rs, re_)
        if len(text[s:e].split()) < 4:
            continue
        before = text[:rs].rstrip()
        if before and before[-1] not in '.!?:”"\n' and text[max(0, rs - 1)] != "\n":
            continue
        para = next((i for i, p in enumerate(paragraphs) if p[0] <= rs < p[1]), None)
        if para is None:
            continue
        lo = paragraphs[max(0, para - 1)][0]
        prev = [
            f
            for f in ordered
            if f.content is not None
            and lo <= f.content[1] <= rs
            and f.kind in ("direct", "mixed", "indirect")
        ]
        if prev:
            src = prev[-1]
        else:
            # an open quote ending its paragraph runs on into the next, attributed, paragraph
            closed = text[re_ - 1] in '”"»'
            if closed or para + 1 >= len(paragraphs):
                continue
            nxt = paragraphs[para + 1]
            following = [
                f
                for f in ordered
                if f.content is not None
                and f.kind == "direct"
                and nxt[0] <= f.content[0] <= nxt[0] + 2
            ]
            if not following:
                continue
            src = following[0]
        # the continued quote is attributed through the same cue and source as its head
        cont = Found(
            cue_start=src.cue_start,
            cue_end=src.cue_end,
            cue_lemma=src.cue_lemma,
            content=(s, e),
            source=src.source,
            kind="direct",
            sentence=(rs, re_),
            score=src.score,
            continues=src,
        )
        out.append(cont)
        covered.append((rs, re_))
    return out


def speaker_label(st: Statement) -> str | None:
    """Who to show as the speaker: the resolved actor, else the source as written when it can
    name one ("he", "a senior official"); None for no source or a source that names a thing
    or points back ("These two videos", "Reports", "its spokeswoman")."""
    if st.speaker:
        return st.speaker
    if st.source is None:
        return None
    text = st.source.text
    pronoun = text.strip().lower() in ("he", "she", "they", "we", "i", "you", "it")
    return text if pronoun or is_actor_name(text, "anonymous" if st.anonymous else "") else None


def statement_record(st: Statement, *, file: str | None = None) -> dict[str, object]:
    """The JSON object of one attribution (``claimgraph quotes --jsonl``)."""

    def span(s: Span | None) -> dict[str, object] | None:
        return s.to_dict() if s is not None else None

    return {
        "file": file,
        "speaker": st.speaker,
        "actor_id": st.actor_id,
        "anonymous": st.anonymous,
        "via": st.via,
        "kind": st.kind,
        "source": span(st.source),
        "cue": span(st.cue),
        "cue_lemma": st.cue_lemma,
        "content": span(st.content),
        "role": st.role,
        "affiliation": st.affiliation,
        "negated": st.negated,
        "hedged": st.hedged,
        "confidence": st.confidence,
        "headline": st.component == HEADLINE_COMPONENT,
    }


def quotes_from_paths(
    paths: list[str],
) -> Iterator[tuple[str, Document | None, list[Statement], ClaimgraphError | None]]:
    """(file, document, statements, error) for every document under files, folders or globs."""
    from claimgraph.ingest import read_paths

    docs, errors = read_paths(paths)
    for err in errors:
        yield (getattr(err, "path", None) or "", None, [], err)
    for doc in docs:
        _, statements = extract(doc)
        yield (doc.path or "", doc, statements, None)
