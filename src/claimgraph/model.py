"""The value types every stage passes to the next (the seams of the design).

All types are frozen dataclasses. Every span is a pair of character offsets into
``Document.text`` (``text[start:end]``); nothing the tool shows exists without one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

StatementKind = Literal[
    "direct",  # "...," said X
    "indirect",  # X said that ...
    "mixed",  # X said he is "not refuting" reports
    "according_to",  # according to X, ...
    "colon_block",  # X responded: <next paragraph(s)>
    "written",  # X wrote in an op-ed / tweeted
    "refusal",  # X refused to comment / declined to
    "authorial",  # a check-worthy sentence in the writer's own voice (no source)
]
StanceLabel = Literal["supports", "refutes", "neutral", "unrelated"]
DatePrecision = Literal["day", "month", "year"]
DateKind = Literal["published", "stated", "inferred", "bound", "undated"]
"""What a statement's date is: the article's publication date (metadata or a wire
dateline), a date the text states for the remark, a date inferred from the text (with its
evidence span), a lower bound ("not before 2001"), or none."""
CORRECTION_JUDGE = "correction.v1"
"""The ``Stance.judge`` of a stance a user's correction set (``claimgraph stance set``)."""
PLACED_DATE_KINDS: frozenset[str] = frozenset({"published", "stated"})
"""The date kinds that place a statement on a timeline; the others are listed as undated."""


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a document's text."""

    start: int
    """Offset of the first character in ``Document.text``."""
    end: int
    """Offset one past the last character."""
    text: str
    """``Document.text[start:end]``, kept for display and checks."""

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Document:
    """One article as stored: text plus metadata, identified by a hash of its normalized text."""

    id: str
    """sha256 hex of the normalized cleaned text (re-ingesting the same article is a no-op)."""
    text: str
    """The text as read (plain text verbatim; HTML/WARC/feeds: extracted text). Offsets refer to it."""
    title: str | None = None
    """The headline."""
    outlet: str | None = None
    """Publishing outlet ("The Independent"), from URL, metadata or text."""
    published: str | None = None
    """Publication date as ISO ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY`` when only that is known)."""
    authors: tuple[str, ...] = ()
    """Bylines."""
    url: str | None = None
    """Where the article was published, when known."""
    path: str | None = None
    """The file (and, for containers, ``#record``) it was read from."""
    language: str = "en"
    """ISO 639-1 code; documents not in English are stored and flagged, not analysed."""
    source_format: str = "text"
    """Reader that produced it: text, html, warc, feed, jsonl."""
    title_span: Span | None = None
    """Where the title stands in ``text``, when it does."""
    paragraphs: tuple[tuple[int, int], ...] = ()
    """(start, end) of each paragraph of article text (boilerplate excluded)."""
    boilerplate: tuple[Span, ...] = ()
    """Spans recognised as boilerplate (navigation, calls to action, comment widgets)."""
    captions: tuple[Span, ...] = ()
    """Image captions: kept in the text, marked so analysis can treat them apart."""
    date_span: Span | None = None
    """The dateline the publication date was read from, when it came from the text."""
    near_duplicate_of: str | None = None
    """Id of an earlier stored document this one nearly duplicates (syndication), if any."""

    @property
    def word_count(self) -> int:
        return (
            sum(len(self.text[s:e].split()) for s, e in self.paragraphs)
            if self.paragraphs
            else len(self.text.split())
        )

    def masked_text(self) -> str:
        """``text`` with boilerplate replaced by spaces (newlines kept): same length, same offsets."""
        if not self.boilerplate:
            return self.text
        chars = list(self.text)
        for span in self.boilerplate:
            for i in range(span.start, min(span.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def clean_text(self) -> str:
        """The article paragraphs joined by blank lines (for display and search, not for offsets)."""
        if not self.paragraphs:
            return self.text
        return "\n\n".join(self.text[s:e] for s, e in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, institution or anonymous source that makes statements."""

    id: str
    """Stable id (a slug of the canonical name; anonymous sources get a per-document id)."""
    name: str
    """Canonical name ("John Nicholson", "Russian Foreign Ministry", "anonymous senior US military official")."""
    kind: Literal[
        "person", "organisation", "government", "media", "group", "anonymous", "unknown"
    ] = "unknown"
    """What sort of actor this is: a person, an organisation, a government (a state or its
    bodies; a capital speaking for it), a medium (outlet or agency), an armed or political
    group, an anonymous source, or "unknown" (a description not resolved to a name)."""
    aliases: tuple[str, ...] = ()
    """Other names seen for it ("Gen. Nicholson", "Nicolson", "Russia's Foreign Ministry")."""
    role: str | None = None
    """Stated role ("a spokesman for the Afghan government")."""
    affiliation: str | None = None
    """Stated affiliation ("Afghan government", "Taliban")."""
    anonymous: bool = False
    """True for unnamed sources."""
    corrections: tuple[str, ...] = ()
    """Ids of the users' corrections that changed this actor (merge, split, rename)."""


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in the text resolved against the publication date."""

    span: Span
    """The expression as written ("In January", "on Monday", "Late last year")."""
    value: str | None
    """ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or None when it cannot be resolved."""
    precision: DatePrecision | None
    """Granularity of ``value``."""


@dataclass(frozen=True, slots=True)
class StatementDate:
    """When a statement was made."""

    value: str | None
    """ISO date, ``YYYY-MM`` or ``YYYY``; None when undated."""
    precision: DatePrecision | None
    """Granularity."""
    inferred: bool
    """True when taken from the publication date rather than a time expression of the statement."""
    span: Span | None = None
    """The time expression it was read from, if any."""
    not_before: bool = False
    """True when ``value`` only bounds the date from below (an undated article that names
    an earlier year)."""
    kind: DateKind | None = None
    """What the date is (see ``DateKind``); derived from the fields above when not given."""
    via_document: str | None = None
    """When the date was taken from another stored article reporting the same remark or
    event: that article's id."""
    via_statement: str | None = None
    """The statement of ``via_document`` whose date was taken."""

    def __post_init__(self) -> None:
        if self.kind is None:
            object.__setattr__(self, "kind", _date_kind(self))

    @property
    def placed(self) -> bool:
        """True when the date places the statement on a timeline (published or stated)."""
        return bool(self.value) and self.kind in PLACED_DATE_KINDS

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "precision": self.precision,
            "inferred": self.inferred,
            "span": self.span.to_dict() if self.span else None,
            "not_before": self.not_before,
            "kind": self.kind,
            "placed": self.placed,
            "via_document": self.via_document,
            "via_statement": self.via_statement,
        }


def _date_kind(date: StatementDate) -> DateKind:
    """The kind of a date made without one (older code, older stores)."""
    if not date.value:
        return "undated"
    if date.not_before:
        return "bound"
    if not date.inferred:
        return "stated"
    return "inferred" if date.span is not None else "published"


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement (or an authorial sentence) found in one document."""

    id: str
    """Stable id: hash of document id + content span."""
    doc_id: str
    """The document it is in."""
    kind: StatementKind
    """How it is reported."""
    content: Span
    """What is said."""
    source: Span | None = None
    """The source mention as written ("he", "the senior Taliban official")."""
    cue: Span | None = None
    """The cue ("said", "told", "according to", "denied")."""
    cue_lemma: str | None = None
    """Lemma of the cue's head ("say", "deny", "according to")."""
    speaker: str | None = None
    """Resolved actor name, or None when the text does not allow it."""
    actor_id: str | None = None
    """Id of the resolved ``Actor``."""
    anonymous: bool = False
    """True when the source is unnamed ("an anonymous senior US military official")."""
    via: str | None = None
    """The medium it came through ("CNN", "RIA Novosti", "Reuters", "Twitter")."""
    via_span: Span | None = None
    """Where the medium is mentioned."""
    role: str | None = None
    """The speaker's role as stated here."""
    affiliation: str | None = None
    """The speaker's affiliation as stated here."""
    negated: bool = False
    """The cue is negated ("does not refute", "would not dispute")."""
    hedged: bool = False
    """The cue or content is hedged ("may", "reportedly", "suggest")."""
    sentence: Span | None = None
    """The sentence(s) the statement stands in, for display in context."""
    date: StatementDate | None = None
    """When it was said."""
    confidence: float = 1.0
    """Extractor's confidence in this attribution."""
    component: str = "attribution.v2"
    """Name and version of the component that produced it."""


@dataclass(frozen=True, slots=True)
class DocAnalysis:
    """Everything ``analyze(doc)`` finds in one document."""

    doc_id: str
    """The analysed document."""
    sentences: tuple[tuple[int, int], ...] = ()
    """(start, end) of each sentence in article text."""
    actors: tuple[Actor, ...] = ()
    """Actors of this document (merged within the document)."""
    statements: tuple[Statement, ...] = ()
    """Attributed and authorial statements."""
    times: tuple[TimeExpression, ...] = ()
    """Time expressions resolved against the publication date."""
    embeddings: dict[str, list[float]] = field(default_factory=dict)
    """Statement id -> sentence embedding of its content."""
    components: dict[str, str] = field(default_factory=dict)
    """Component name -> version that produced this analysis."""
    parses: dict[str, bytes] = field(default_factory=dict)
    """Key of a statement's judged sentence -> its packed parse (``analyze.readings``)."""
    parser: str = ""
    """The pipeline that made ``parses`` (``nlp.packed.parser_name``); empty when none."""


@dataclass(frozen=True, slots=True)
class Vote:
    """How one judge of a combined stance voted, and on which part of the text."""

    judge: str
    """The voting judge's name ("compositional.v2", "fnc.v1", "pairs.v1")."""
    label: StanceLabel
    """Its label."""
    confidence: float
    """Its probability of that label."""
    weight: float = 0.0
    """How much its vote moved the combined label (the combination's logit contribution)."""
    part: Span | None = None
    """The part of the text it read, when not the whole text."""


@dataclass(frozen=True, slots=True)
class Stance:
    """The stance of a statement (or text) toward a claim."""

    label: StanceLabel
    """supports, refutes, neutral (reports, hedges, conditionals, questions) or unrelated."""
    confidence: float
    """Probability-like score of ``label`` in [0, 1]."""
    evidence: Span | None = None
    """The span that decided it, when the judge saw a document."""
    hedged: bool = False
    """A hedged support or refutation ("may be providing some sort of support")."""
    judge: str = "stance.v1"
    """Name and version of the judge."""
    votes: tuple[Vote, ...] = ()
    """For a combined judge: each judge's vote (empty for a single judge)."""
    reason: str = ""
    """Why the judge decided, as a short code (``stance.base.REASONS``: "role_mismatch",
    "neighbour", ...) or empty."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A proposition, typed by a user or discovered in the corpus."""

    text: str
    """The claim as a sentence ("Russia is supplying weapons to the Taliban")."""
    id: str = ""
    """Stable id (hash of the normalized text)."""


@dataclass(frozen=True, slots=True)
class JudgedStatement:
    """A statement with its stance toward a claim and its place in provenance."""

    statement: Statement
    """The statement."""
    stance: Stance
    """Its stance toward the claim."""
    document: Document
    """The document it stands in."""
    original: bool = True
    """First-hand (the speaker, the footage) rather than an echo of another outlet's report."""
    via_chain: tuple[str, ...] = ()
    """speaker -> medium -> outlet, as names."""
    same_as: tuple[str, ...] = ()
    """Ids of statements in other documents that report the same remark."""


@dataclass(frozen=True, slots=True)
class ActorStance:
    """One actor's overall stance toward a claim."""

    actor: Actor
    """The actor."""
    stance: Stance
    """Aggregated over their statements."""
    statement_ids: tuple[str, ...]
    """The statements it rests on."""


@dataclass(frozen=True, slots=True)
class DocumentStance:
    """An article's own stance (headline and writer's voice), apart from the speakers it quotes."""

    document: Document
    """The article."""
    stance: Stance
    """Its stance."""
    reported: Stance | None = None
    """What its headline reports others as saying ("Reports Say ...", "X denies ..."), when
    that takes a side; ``stance`` stays the writer's own."""


@dataclass(frozen=True, slots=True)
class ClaimMap:
    """Who supports a claim, who refutes it, who reports or hedges, on whose evidence, and when."""

    claim: Claim
    """The claim."""
    statements: tuple[JudgedStatement, ...]
    """Every related statement with its stance (unrelated ones left out unless asked)."""
    actors: tuple[ActorStance, ...]
    """Per-actor stances."""
    documents: tuple[DocumentStance, ...]
    """Per-article stances."""
    independent_sources: dict[str, int] = field(default_factory=dict)
    """Side (supports/refutes/neutral) -> number of distinct original sources."""
    single_source_sides: dict[str, list[str]] = field(default_factory=dict)
    """Side -> notes on sides resting on one anonymous source or one outlet."""


CorrectionKind = Literal["actor_merge", "actor_split", "actor_rename", "stance_set"]


@dataclass(frozen=True, slots=True)
class Correction:
    """A user's correction of the analysis, stored as an annotation (nothing of the analysis
    is changed or deleted) and applied whenever the store is read, so it outlasts every
    re-analysis."""

    id: str
    """Stable id: hash of kind, target and payload."""
    kind: CorrectionKind
    """actor_merge (``target`` absorbs ``payload["merged"]``), actor_split (the statements
    ``payload["statements"]`` leave ``target`` for a new actor named ``payload["name"]``),
    actor_rename (``target`` is called ``payload["name"]``), stance_set (statement
    ``target`` has stance ``payload["label"]`` toward ``payload["claim"]``)."""
    target: str
    """The actor id or statement id corrected."""
    payload: dict[str, Any]
    """What the correction says (see ``kind``); JSON-ready."""
    author: str
    """Who made it."""
    created_at: str
    """When (ISO 8601, UTC)."""
    note: str = ""
    """Why."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "target": self.target,
            "payload": self.payload,
            "author": self.author,
            "created_at": self.created_at,
            "note": self.note,
        }
