"""What discovery is made of: the discovered-claim type, embedding clusters, claim names.

Below ``propositions`` (keys of who does what to whom) and ``discover`` (ranking), so both read
one home for these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from claimgraph.link.retrieve import lexicon
from claimgraph.link.speakers import speaker_key
from claimgraph.model import Claim, Document, Span, Statement

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
