"""What discovery is made of: the discovered-claim type, embedding clusters, claim names and
which statements can name a claim (``declarative``, ``full_proposition``, ``judges_claims``).

Below ``propositions`` (keys of who does what to whom) and ``discover`` (ranking), so both read
one home for these.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from claimgraph.link.retrieve import lexicon
from claimgraph.link.speakers import speaker_key
from claimgraph.model import Claim, Document, Span, Statement
from claimgraph.resources import load_data

DISTANCE = 0.35
"""Cosine distance under which statements join one cluster (average linkage)."""
MIN_WORDS = 4
"""Statements with fewer content words are too short to be propositions."""
MAX_JUDGED_MEMBERS = 30
"""Members of one cluster judged at most (those nearest its centre)."""
JUDGED_EXTRA = 10
"""Clusters judged beyond ``top`` (the rest are ranked by size alone and left out)."""
NEIGHBOURS = 6
"""Statements outside a cluster but near its centre judged toward it as well, at most."""
NEIGHBOUR_SIMILARITY = 0.55
"""Cosine to a cluster's centre from which an outside statement is judged toward it."""
MAX_STATEMENTS = 4000
"""Statements clustered at most (the longest attributed ones first)."""


@dataclass(frozen=True, slots=True)
class SideStatement:
    """A statement behind one side of a discovered claim, traced to its document."""

    statement_id: str
    """The stored statement."""
    doc_id: str
    """Its document."""
    start: int
    """Offset of its content in the document's text."""
    end: int
    """End offset of its content."""
    text: str
    """The content, as written."""
    source: str
    """The independent source it counts for (``source_of``)."""
    speaker: str | None
    """The speaker as written (None for the writer's own voice)."""


@dataclass(frozen=True, slots=True)
class DiscoveredClaim:
    """A proposition the corpus discusses, with how contested it is.

    Every count is over the statements assigned to this claim: a statement judged toward
    several claims counts only for the one it matches best (``discover``).
    """

    claim: Claim
    """Named by a readable sentence (canonical names) or its representative statement."""
    statement_ids: tuple[str, ...]
    """The statements assigned to it (supporting, refuting, then the rest)."""
    documents: int
    """Distinct documents of the supporting and refuting statements."""
    supporters: int
    """Independent sources supporting it (original speakers: one per actor; a relaying
    report counts for the speaker it relays): those most of whose statements support it."""
    refuters: int
    """Independent sources refuting it (most of their statements refute it)."""
    neutral: int
    """Independent sources reporting or hedging it without taking a side."""
    independent_sources: int
    """Independent sources with a statement on either side (a source quoted as often on
    each side is counted here but on neither side)."""
    score: float
    """Contestedness (higher first): both sides, then sources."""
    contested: bool
    """Supporters and refuters are both present."""
    supporting: tuple[SideStatement, ...] = ()
    """The statements that support it."""
    refuting: tuple[SideStatement, ...] = ()
    """The statements that refute it."""
    variants: tuple[str, ...] = field(default=())
    """Names of near-duplicate claims merged into this one."""


def source_of(statement: Statement, doc: Document | None = None) -> str:
    """The independent source a statement counts for: its speaker (``link.speakers.speaker_key``:
    one actor once, however many articles echo it), the writer of its document for the
    writer's own voice, else the unnamed source of its document."""
    key = speaker_key(statement, doc)
    if key is not None:
        return key
    if statement.kind == "authorial":
        return f"writer:{statement.doc_id[:12]}"
    return f"unnamed:{statement.doc_id[:12]}"


def _inside(inner: Span | None, outer: Span) -> bool:
    return inner is not None and outer.start <= inner.start and inner.end <= outer.end


def relayed(statements: Sequence[Statement]) -> dict[str, Statement]:
    """Statement id -> the statement it relays: one whose speaker and cue lie inside its
    content, in the same document ("Sputnik recalled that Nazari had said that ..." relays
    Nazari's statement), followed to the innermost one. The relayed statement's speaker is
    the original source; the relaying one is an echo of it."""
    by_doc: dict[str, list[Statement]] = {}
    for s in statements:
        by_doc.setdefault(s.doc_id, []).append(s)
    denials = set(lexicon()["denial_cues"])
    direct: dict[str, Statement] = {}
    for group in by_doc.values():
        for outer in group:
            if outer.negated or (outer.cue_lemma or "") in denials:
                continue  # "X denied reports that Y said ...": X takes its own side
            held = [
                s
                for s in group
                if s.id != outer.id
                and s.source is not None
                and _inside(s.source, outer.content)
                and _inside(s.cue, outer.content)
                and _inside(s.content, outer.content)
            ]
            if held:  # the widest relayed statement: the next step of the chain
                direct[outer.id] = max(held, key=lambda s: (len(s.content.text), s.id))
    out: dict[str, Statement] = {}
    for sid, inner in direct.items():
        seen = {sid}
        while inner.id in direct and inner.id not in seen:
            seen.add(inner.id)
            inner = direct[inner.id]
        out[sid] = inner
    return out


def side_statement(
    statement: Statement, doc: Document | None = None, *, original: Statement | None = None
) -> SideStatement:
    """``statement`` as shown behind a side; ``original``: the statement it relays
    (``relayed``), whose speaker is the source it counts for."""
    return SideStatement(
        statement_id=statement.id,
        doc_id=statement.doc_id,
        start=statement.content.start,
        end=statement.content.end,
        text=statement.content.text,
        source=source_of(original or statement, doc),
        speaker=None if statement.kind == "authorial" else statement.speaker,
    )


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def cluster(vectors: np.ndarray, *, distance: float = DISTANCE) -> list[list[int]]:
    """Groups of row indices whose average cosine distance stays under ``distance``."""
    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    labels = model.fit_predict(normalise(np.asarray(vectors, dtype=np.float64)))
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def is_denial(statement: Statement) -> bool:
    """The statement denies or negates (cue "deny", "not" in the content): a poor name."""
    lex = lexicon()
    if statement.negated or (statement.cue_lemma or "") in set(lex["denial_cues"]):
        return True
    words = set(re.findall(r"[a-z']+", claim_text(statement).lower().replace("’", "'")))
    return bool(words & set(lex["negations"]))


def representative(members: Sequence[Statement], vectors: np.ndarray) -> int:
    """Index of the member naming the cluster: central, asserting, not too long."""
    sims = vectors @ vectors.T
    best, best_score = 0, -1e9
    for i, st in enumerate(members):
        words = len(claim_text(st).split())
        score = float(sims[i].mean())
        score -= 0.3 if is_denial(st) else 0.0
        score -= 0.01 * max(0, words - 12)
        score += 0.05 if st.kind != "authorial" else 0.0
        if score > best_score:
            best, best_score = i, score
    return best


_EMBEDDED = re.compile(
    r"^(?:the\s+|these\s+|such\s+|an?\s+)?(?:claims?|reports?|allegations?|accusations?|"
    r"suggestions?|assertions?|news reports?|articles?|stor(?:y|ies)|information)\s+"
    # not "the claims of a former employee ...", "the accusations are intended to ..."
    r"(?:that\s+)?(?!(?:of|by|from|about|against|over|on|in|are|is|was|were|have|has|had|be|"
    r"been|will|would|may|might|could|should|must|can)\s)(.+?)(?:\s+as\s+[“\"]?\w+.*)?$",
    re.IGNORECASE,
)


def claim_text(statement: Statement) -> str:
    """A claim sentence from a statement's content (quotes and trailing punctuation cut)."""
    strip = " \"'“”‘’,.;:…"
    text = " ".join(statement.content.text.split()).strip(strip)
    if text.lower().startswith("that "):
        text = text[5:].strip(strip)
    # a headline fragment "Say Russia Is ..." / "By experts on ...": drop the reporting word
    leading = set(lexicon()["reporting_words"]) | {"by"}
    for _ in range(2):
        first, _sep, rest = text.partition(" ")
        if rest and first.lower() in leading:
            text = rest.strip(strip)
    # "claims that the ministry is arming the rebels as utterly false" -> the claim itself
    embedded = _EMBEDDED.match(text)
    if embedded and len(embedded.group(1).split()) >= 3:
        text = embedded.group(1).strip(strip)
    return text[:1].upper() + text[1:] if text else text


def span_text(statement: Statement) -> tuple[str, int, int]:
    """The text to parse (the sentence when it holds the content) and the content's offsets."""
    sent, body = statement.sentence, statement.content
    if sent is not None and sent.start <= body.start and body.end <= sent.end:
        return sent.text, body.start - sent.start, body.end - sent.start
    return body.text, 0, len(body.text)


_BARE_SUBJECTS = frozenset(
    {"it", "they", "he", "she", "we", "i", "you", "this", "these", "those", "them"}
)
_QUESTION_WORDS = frozenset(
    {"whether", "if", "why", "how", "what", "when", "where", "who", "whom", "whose", "which"}
)


def declarative(statement: Statement, parsed: Any) -> bool:
    """The content reads as a sentence: it starts with a subject, not a verb or a question."""
    if "?" in statement.content.text:
        return False
    _text, start, end = span_text(statement)
    words = [t for t in parsed if start <= t.idx < end and not t.is_punct and t.lower_ != "that"]
    if not words:
        return False
    first = words[0]
    if first.lower_ in _QUESTION_WORDS or first.lower_ in _BARE_SUBJECTS:
        return False  # a question, or "It would extend ...": whom it means is not said
    if first.pos_ in ("VERB", "AUX", "ADP", "PART"):
        return False
    # a sentence has a verb: "Valdoria's Defence Exports Board" is a name, not a claim
    return any(t.pos_ in ("VERB", "AUX") for t in words)


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_COMPLEMENT_DEPS = frozenset(
    {"dobj", "dative", "attr", "acomp", "oprd", "ccomp", "xcomp", "prep", "agent", "advcl"}
)
_UNRESOLVED_SUBJECTS = _BARE_SUBJECTS | frozenset(
    {"most", "some", "many", "all", "both", "others", "one", "several", "few", "none", "each"}
)


def full_proposition(statement: Statement, parsed: Any) -> bool:
    """The content is a whole proposition: its top word is a verb with a subject that names
    someone (not "Most were ...", "There was ...") and a predicate with an object or a
    complement ("... cost 250,000 crowns", "... were at risk"), or a passive whose subject
    is the object ("the log was forged"). A noun phrase ("Any dealings with the rebel
    group fighting in ..."), an object pronoun left from a cut clause ("Her of using ...")
    or a subject with a relative clause and no verb of its own are fragments."""
    _text, start, end = span_text(statement)
    words = [t for t in parsed if start <= t.idx < end and not t.is_punct]
    inside = {t.i for t in words}
    tops = [t for t in words if t.head.i == t.i or t.head.i not in inside]
    for top in tops:
        if top.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in top.children if c.dep_ in _SUBJECT_DEPS and c.i in inside]
        if not subjects:
            continue
        # "any weapons sent here would be ...": a hypothetical, not something said to happen
        named = [
            c
            for c in subjects
            if (c.lower_ not in _UNRESOLVED_SUBJECTS or list(c.children))
            and not any(d.lower_ == "any" and d.dep_ == "det" for d in c.children)
        ]
        if not named:
            continue
        passive = any(c.dep_ in ("nsubjpass", "csubjpass") for c in named)
        if passive or any(c.dep_ in _COMPLEMENT_DEPS and c.i in inside for c in top.children):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _naming() -> dict[str, frozenset[str]]:
    """Modals, copulas and reader pronouns that keep a sentence from naming a claim
    (``data/propositions.toml`` [naming])."""
    table = load_data("propositions.toml")["naming"]
    return {name: frozenset(words) for name, words in table.items()}


def states_what_happened(statement: Statement, parsed: Any) -> bool:
    """The content's main clause says what someone did or what happened, not what should
    be, will be or is good: no modal of advice, duty or plan on its main verb ("Kestrel
    should have asked ...", "the board would add a warning"), no copula with an adjective or
    a noun as its predicate ("Corvexa remained a useful treatment", "the board was aware of
    the report"), no words addressed to the reader ("... tells you where the drone was
    made"). A passive ("the log was forged") or a copula with a place or a state ("the
    contracts were at risk") states what happened."""
    table = _naming()
    _text, start, end = span_text(statement)
    words = [t for t in parsed if start <= t.idx < end and not t.is_punct]
    inside = {t.i for t in words}
    for top in words:
        if top.pos_ not in ("VERB", "AUX") or (top.head.i != top.i and top.head.i in inside):
            continue
        children = [c for c in top.children if c.i in inside]
        if not any(c.dep_ in _SUBJECT_DEPS for c in children):
            continue
        if any(c.dep_ == "aux" and c.lower_ in table["not_factual_modals"] for c in children):
            return False
        if top.lemma_.lower() in table["copulas"] and any(
            c.dep_ in ("attr", "acomp") for c in children
        ):
            return False
        return not any(c.lower_ in table["reader_pronouns"] for c in children)
    return True


@functools.lru_cache(maxsize=1)
def _claim_words() -> tuple[frozenset[str], frozenset[str]]:
    """Report nouns ("claims", "reports") and words calling them false (stance cue lexicon)."""
    from claimgraph.stance.polarity import load_lexicon

    cues = load_lexicon("cues")
    return frozenset(cues["report_nouns"]), frozenset(cues["falsity"]) | frozenset(cues["negators"])


def judges_claims(statement: Statement, parsed: Any) -> bool:
    """The content judges other claims instead of stating one (it takes a side on another
    proposition, it names none): a report noun is the subject of a clause that calls it false
    or negates it ("the claims of a sacked driver are not evidence", "its view that the
    reports were baseless"), or it confirms or disputes "what X said"."""
    reports, false_words = _claim_words()
    speech = frozenset(lexicon()["reporting_words"])
    _text, start, end = span_text(statement)
    for token in parsed:
        if not start <= token.idx < end:
            continue
        if token.lower_ == "what" and token.head.lower_ in speech and token.head.dep_ != "ROOT":
            return True  # "the hearing confirmed what Morvania had said": about a claim
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if token.lemma_.lower() not in reports:
            continue
        clause = [t for t in token.head.subtree if start <= t.idx < end]
        subject = {t.i for t in token.subtree}
        if any(t.lower_ in false_words for t in clause if t.i not in subject):
            return True
    return False


_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})


def speaker_named(statement: Statement, parsed: Any) -> str | None:
    """The content as a claim sentence with its pronoun subject replaced by the speaker it
    stands for ("Tessaly Pharma denied that it had agreed with rivals ..." -> "Tessaly Pharma
    had agreed with rivals ..."): "he"/"she" for a speaker the parse reads as a person, "it"
    for one it reads as an organisation or a country; None otherwise."""
    source, sentence = statement.source, statement.sentence
    if source is None or sentence is None or statement.anonymous:
        return None
    _text, start, end = span_text(statement)
    words = [t for t in parsed if start <= t.idx < end and not t.is_punct]
    if words and words[0].lower_ == "that":
        words = words[1:]
    if not words or words[0].dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = words[0].head
    if words[0].dep_ != "nsubjpass" and not any(c.dep_ in _COMPLEMENT_DEPS for c in verb.children):
        return None  # "it refused": no proposition
    lo, hi = source.start - sentence.start, source.end - sentence.start
    labels = {t.ent_type_ for t in parsed if lo <= t.idx < hi and t.ent_type_}
    pronoun = words[0].lower_
    fits = (pronoun in _PERSON_PRONOUNS and "PERSON" in labels) or (
        pronoun == "it" and bool(labels & _GROUP_LABELS) and "PERSON" not in labels
    )
    if not fits:
        return None
    name = source.text.split(",")[0].strip()
    rest = parsed.text[words[0].idx + len(words[0].text) : end].rstrip(" \"'“”‘’,.;:…")
    return f"{name[:1].upper()}{name[1:]}{rest}" if name and rest else None


_ASIDE_DEPS = frozenset({"npadvmod", "appos", "advcl", "parataxis", "prep", "acl"})


def without_aside(statement: Statement, parsed: Any, name: str) -> str:
    """``name`` without the aside after a comma that ends the main clause: a dependent of
    the main verb set off by a comma after its object ("... with the Front last year, the
    first time the ministry has admitted it", "... crude at sea, in the first admission
    ..."); the proposition reads before it. Kept when fewer than four words would be left."""
    _text, start, end = span_text(statement)
    words = [t for t in parsed if start <= t.idx < end]
    inside = {t.i for t in words}
    tops = [
        t
        for t in words
        if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head.i not in inside)
    ]
    if not tops:
        return name
    top = tops[0]
    for child in top.rights:
        comma = parsed[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        if child.i not in inside or child.dep_ not in _ASIDE_DEPS or comma is None:
            continue
        if comma.text != "," or comma.i not in inside:
            continue
        aside = " ".join(parsed.text[comma.idx : end].split())
        cut = name.find(aside.rstrip(" \"'“”‘’,.;:…"))
        if cut > 0 and len(name[:cut].split()) >= 4:
            return name[:cut].rstrip(" ,;:-–—")
        return name
    return name


def framed(statement: Statement, parsed: Any) -> Statement | None:
    """The statement narrowed to the complement clause its main verb only frames ("The
    Gazette can also reveal that the firm's exports rose" -> "the firm's exports rose"), or
    None when its main verb frames nothing."""
    _text, start, end = span_text(statement)
    words = [t for t in parsed if start <= t.idx < end and not t.is_punct]
    inside = {t.i for t in words}
    top = next((t for t in words if t.head.i == t.i or t.head.i not in inside), None)
    if top is None or top.lemma_.lower() not in _naming()["frame_verbs"]:
        return None
    clause = next((c for c in top.rights if c.dep_ == "ccomp" and c.i in inside), None)
    if clause is None:
        return None
    first = clause.left_edge
    if first.lower_ == "that" and first.i + 1 < len(parsed):
        first = parsed[first.i + 1]
    last = parsed[max(t.i for t in clause.subtree if t.i in inside)]
    lo, hi = max(first.idx, start), min(last.idx + len(last.text), end)
    offset = statement.content.start - start
    return replace(
        statement,
        content=Span(lo + offset, hi + offset, parsed.text[lo:hi]),
    )


def naming_text(statement: Statement, parsed: Any) -> str | None:
    """The claim sentence ``statement`` names a claim by, or None when it can name none: a
    declarative whole proposition stating what happened (``states_what_happened``) that is no
    judgement on other claims (``claim_text``), or
    one whose pronoun subject stands for its speaker (``speaker_named``)."""
    inner = framed(statement, parsed)
    if inner is not None:
        return naming_text(inner, parsed)
    if judges_claims(statement, parsed) or not states_what_happened(statement, parsed):
        return None
    if declarative(statement, parsed) and full_proposition(statement, parsed):
        return without_aside(statement, parsed, claim_text(statement))
    if "?" in statement.content.text:
        return None
    return speaker_named(statement, parsed)
