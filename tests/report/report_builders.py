"""Build ClaimMaps by hand (no models, no store): fictional articles written for these tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from claimgraph.model import (
    Actor,
    ActorStance,
    Claim,
    ClaimMap,
    DocAnalysis,
    Document,
    DocumentStance,
    JudgedStatement,
    Span,
    Stance,
    Statement,
    StatementDate,
)

CLAIM = "The Republic of Veloria is supplying drones to the Marsh Front"

ARTICLE_A = """Veloria accused of arming Marsh Front rebels

PORT ELLIS, March 3 (Daily Lantern) - A senior commander said on Monday that the Republic of Veloria is supplying drones to the Marsh Front.

"We have recovered Velorian drones from two camps," General Ada Okafor told Harbor Radio.

The Velorian Foreign Ministry denied the allegation, calling it "a fabrication."

Subscribe to our newsletter for more stories.
"""

ARTICLE_B = """Veloria rejects drone claims

LENWICK (The Courier) - Veloria's Foreign Ministry on Tuesday rejected reports that it is supplying drones to the Marsh Front.

An analyst, Priya Raman, said the drones may have come from smugglers rather than the state.

According to Harbor Radio, General Ada Okafor said Veloria is supplying drones to the rebels.
"""


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_doc(text: str, **meta: object) -> Document:
    return Document(id=doc_id(text), text=text, **meta)  # type: ignore[arg-type]


def span_of(doc: Document, needle: str, *, after: int = 0) -> Span:
    start = doc.text.index(needle, after)
    return Span.of(doc.text, start, start + len(needle))


def sentence_of(doc: Document, span: Span) -> Span:
    start = doc.text.rfind("\n", 0, span.start) + 1
    end = doc.text.find("\n", span.end)
    return Span.of(doc.text, start, len(doc.text) if end < 0 else end)


def statement(
    doc: Document,
    content: str,
    *,
    speaker: str | None,
    actor_id: str | None,
    cue: str | None = None,
    source: str | None = None,
    via: str | None = None,
    kind: str = "indirect",
    hedged: bool = False,
    anonymous: bool = False,
    date: str | None = None,
) -> Statement:
    content_span = span_of(doc, content)
    sid = hashlib.sha256(f"{doc.id}:{content_span.start}".encode()).hexdigest()[:16]
    return Statement(
        id=sid,
        doc_id=doc.id,
        kind=kind,  # type: ignore[arg-type]
        content=content_span,
        source=span_of(doc, source) if source else None,
        cue=span_of(doc, cue) if cue else None,
        cue_lemma=cue,
        speaker=speaker,
        actor_id=actor_id,
        anonymous=anonymous,
        via=via,
        via_span=span_of(doc, via) if via and via in doc.text else None,
        hedged=hedged,
        sentence=sentence_of(doc, content_span),
        date=StatementDate(date, "day", False) if date else None,
    )


def judged(
    st: Statement, doc: Document, label: str, *, original: bool = True, hedged: bool = False
) -> JudgedStatement:
    return JudgedStatement(
        statement=st,
        stance=Stance(label, 0.8, hedged=hedged),  # type: ignore[arg-type]
        document=doc,
        original=original,
    )


def sample_docs() -> tuple[Document, Document]:
    a = make_doc(
        ARTICLE_A,
        title="Veloria accused of arming Marsh Front rebels",
        outlet="Daily Lantern",
        published="2026-03-03",
        url="https://lantern.example/veloria-drones",
        paragraphs=tuple(
            (s, e) for s, e in blocks(ARTICLE_A) if not ARTICLE_A[s:e].startswith("Subscribe")
        ),
        boilerplate=(span_of_text(ARTICLE_A, "Subscribe to our newsletter for more stories."),),
    )
    b = make_doc(
        ARTICLE_B,
        title="Veloria rejects drone claims",
        outlet="The Courier",
        published="2026-03-04",
        url="javascript:alert(1)",
    )
    return a, b


def blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated block."""
    out, start = [], 0
    for part in text.split("\n\n"):
        stripped = part.strip()
        if stripped:
            s = start + part.index(stripped)
            out.append((s, s + len(stripped)))
        start += len(part) + 2
    return out


def span_of_text(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


OKAFOR = Actor("ada-okafor", "Ada Okafor", "person", ("General Ada Okafor",), role="General")
MINISTRY = Actor("velorian-foreign-ministry", "Velorian Foreign Ministry", "government")
RAMAN = Actor("priya-raman", "Priya Raman", "person", role="analyst")


def sample_cmap() -> ClaimMap:
    """Two articles: Okafor supports (once first-hand, once echoed), the ministry refutes
    twice, an analyst hedges, one commander is anonymous."""
    a, b = sample_docs()
    s1 = statement(
        a,
        "the Republic of Veloria is supplying drones to the Marsh Front",
        speaker="senior commander",
        actor_id=None,
        cue="said",
        source="A senior commander",
        anonymous=True,
        date="2026-03-02",
    )
    s2 = statement(
        a,
        "We have recovered Velorian drones from two camps,",
        speaker="Ada Okafor",
        actor_id="ada-okafor",
        cue="told",
        source="General Ada Okafor",
        via="Harbor Radio",
        kind="direct",
    )
    s3 = statement(
        a,
        'the allegation, calling it "a fabrication."',
        speaker="Velorian Foreign Ministry",
        actor_id="velorian-foreign-ministry",
        cue="denied",
        source="The Velorian Foreign Ministry",
    )
    s4 = statement(
        b,
        "reports that it is supplying drones to the Marsh Front",
        speaker="Velorian Foreign Ministry",
        actor_id="velorian-foreign-ministry",
        cue="rejected",
        source="Veloria's Foreign Ministry",
        date="2026-03-03",
    )
    s5 = statement(
        b,
        "the drones may have come from smugglers rather than the state",
        speaker="Priya Raman",
        actor_id="priya-raman",
        cue="said",
        hedged=True,
    )
    s6 = statement(
        b,
        "Veloria is supplying drones to the rebels",
        speaker="Ada Okafor",
        actor_id="ada-okafor",
        cue="said",
        via="Harbor Radio",
        kind="according_to",
    )
    statements = (
        judged(s1, a, "supports"),
        judged(s2, a, "supports"),
        judged(s3, a, "refutes"),
        judged(s4, b, "refutes"),
        judged(s5, b, "neutral", hedged=True),
        judged(s6, b, "supports", original=False),
    )
    return ClaimMap(
        claim=Claim(CLAIM, id="claim-veloria"),
        statements=statements,
        actors=(
            ActorStance(OKAFOR, Stance("supports", 0.9), (s2.id, s6.id)),
            ActorStance(MINISTRY, Stance("refutes", 0.95), (s3.id, s4.id)),
            ActorStance(RAMAN, Stance("neutral", 0.6, hedged=True), (s5.id,)),
        ),
        documents=(
            DocumentStance(a, Stance("supports", 0.6)),
            DocumentStance(b, Stance("refutes", 0.6)),
        ),
        independent_sources={"supports": 2, "refutes": 1, "neutral": 1},
        single_source_sides={"refutes": ["rests on one institution (Velorian Foreign Ministry)"]},
    )


HOSTILE_TEXT = (
    '<script>window.__pwned=1</script> The minister said <img src=x onerror="window.__pwned=2"> '
    "the border is closed.\n\n"
    'Click <a href="javascript:window.__pwned=3">here</a> </textarea><textarea> '
    "\u202eevil\u202c and zero\u200bwidth text; the spokesman said it was "
    '"<svg onload=window.__pwned=4>" nonsense.\n'
)


def hostile_cmap() -> ClaimMap:
    """Every string the page shows carries markup or invisible characters."""
    doc = make_doc(
        HOSTILE_TEXT,
        title='<script>window.__pwned=5</script>Title "quoted" \u202eredli\u202c',
        outlet="<b onmouseover=window.__pwned=6>Evil Outlet</b>",
        published="2026-01-05",
        url="javascript:window.__pwned=7",
        authors=("<i>Mallory</i>",),
    )
    s1 = statement(
        doc,
        "the border is closed",
        speaker='<img src=x onerror="window.__pwned=8">Minister',
        actor_id="minister-x",
        cue="said",
        source="The minister",
    )
    s2 = statement(
        doc,
        '"<svg onload=window.__pwned=4>" nonsense',
        speaker="spokes\u202eman\u200b",
        actor_id="spokesman",
        cue="said",
        via="</textarea><script>window.__pwned=9</script>",
    )
    evil_actor = Actor("minister-x", '<img src=x onerror="window.__pwned=8">Minister', "person")
    return ClaimMap(
        claim=Claim('<script>window.__pwned=10</script>The border is "closed"', id="c"),
        statements=(judged(s1, doc, "supports"), judged(s2, doc, "refutes")),
        actors=(ActorStance(evil_actor, Stance("supports", 0.7), (s1.id,)),),
        documents=(DocumentStance(doc, Stance("neutral", 0.5)),),
        independent_sources={"supports": 1, "refutes": 1},
        single_source_sides={"supports": ["<script>window.__pwned=11</script>one source"]},
    )


def analysis_for(cmap: ClaimMap, doc: Document) -> DocAnalysis:
    """The DocAnalysis a store would hold for ``doc``: the map's statements and actors in it."""
    statements = tuple(js.statement for js in cmap.statements if js.document.id == doc.id)
    ids = {st.actor_id for st in statements if st.actor_id}
    actors = tuple(a.actor for a in cmap.actors if a.actor.id in ids)
    known = {a.id for a in actors}
    extra = tuple(
        Actor(st.actor_id, st.speaker or st.actor_id, "unknown")
        for st in statements
        if st.actor_id and st.actor_id not in known
    )
    return DocAnalysis(
        doc_id=doc.id, actors=actors + tuple(dict.fromkeys(extra)), statements=statements
    )


def populate(store: object, cmap: ClaimMap) -> list[Document]:
    """Put every document of ``cmap`` with its analysis into ``store``."""
    docs: dict[str, Document] = {}
    for js in cmap.statements:
        docs.setdefault(js.document.id, js.document)
    for doc in docs.values():
        store.put(doc, analysis_for(cmap, doc))  # type: ignore[attr-defined]
    return list(docs.values())


@dataclass(frozen=True)
class Discovered:
    """Stands in for the link layer's DiscoveredClaim (read by attribute)."""

    text: str
    supports: int
    refutes: int
