"""Statements nested in another statement, found at analysis time and stored with the
document's other statements:

- "he would not dispute claims made to media by an anonymous senior official that Russia had
  stepped up ...": the nested source becomes the speaker of its that-clause;
- the finding a news medium relays ("The Herald concedes that analysts at the Arms Registry
  found no serial numbers ..."): the finder is the speaker, the medium its channel.

``with_nested`` adds them to a document's statements (each after the statement it is nested
in); the claim map, ``quotes``, ``actors`` and search then read the same statements. Word
lists: ``data/nested.toml``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence

from claimgraph.analyze.media import is_medium
from claimgraph.model import Actor, Document, Span, Statement
from claimgraph.resources import load_data

COMPONENT = "nested.v1"
"""Component of a nested statement (stored with it)."""

PRONOUNS = frozenset(
    ["i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"]
    + ["this", "that", "these", "those", "one"]
)
"""Words that are no speaker's name on their own."""
PERSONAL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]{2,}")
"""A personal name ("Lena Brandt", "Oskar J. Dunmore")."""
SENTENCE_END = re.compile(r"[.!?]['\"”’]?(?=\s)|\n")
"""The end of a sentence (a full stop, maybe closing a quote, or a line break)."""


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    lex = load_data("nested.toml")
    return {key: frozenset(w.lower() for w in words) for key, words in lex.items()}


def evidence_nouns() -> frozenset[str]:
    """Heads of sources that are evidence rather than someone speaking ("videos")."""
    return _words()["evidence_nouns"]


def head_noun(phrase: str) -> str:
    """The last word of a noun phrase before a participle or preposition ("These two videos",
    "photographs released by the ministry" -> "videos", "photographs")."""
    words = re.findall(r"[A-Za-z]+", phrase.lower())
    stop = {"of", "by", "from", "in", "on", "at", "with", "released", "obtained", "published"}
    head = ""
    for w in words:
        if w in stop:
            break
        head = w
    return head


@functools.lru_cache(maxsize=1)
def _nested_pattern() -> re.Pattern[str]:
    nouns = "|".join(sorted(_words()["nested_claim_nouns"], key=len, reverse=True))
    return re.compile(
        rf"\b(?P<cue>{nouns})\s+(?:(?:made|published|given|put\s+forward)\s+)?"
        r"(?:(?:to|in)\s+(?:the\s+)?[\w-]+\s+)?by\s+(?P<src>[^,;.\"“”]{3,120}?)\s+that\s+"
        # "earlier that day that ...": the demonstrative is not the complementizer
        r"(?!(?:day|week|month|year|morning|afternoon|evening|night|time)\b)",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=1)
def _frame_judgement() -> re.Pattern[str]:
    words = "|".join(
        re.escape(w) for w in sorted(_words()["frame_judgements"], key=len, reverse=True)
    )
    return re.compile(
        rf"\s+as\s+[\"“‘']?(?:(?:absolutely|completely|totally|entirely|wholly)\s+)?(?:{words})\b",
        re.IGNORECASE,
    )


_SOURCE_TAIL = re.compile(
    r"\s+(?:in|at|on|from|earlier|later|last|this|yesterday|today|who|which)\b.*$", re.S
)


@functools.lru_cache(maxsize=1)
def _finding_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(_words()["finding_verbs"], key=len, reverse=True))
    return re.compile(
        rf"(?:that\s+)?(?P<src>[^,;.\"“”]{{3,100}}?)\s+(?P<cue>{verbs})\s+(?:that\s+)?",
        re.IGNORECASE,
    )


_SHOWS = re.compile(
    r"(?:that\s+)?(?P<np>[^,;.\"“”]{3,80}?)\s+(?:show|shows|showed|shown|suggest|suggests|"
    r"indicate|indicates|reveal|reveals|appear|appears)\b",
    re.IGNORECASE,
)


def relays_evidence(doc: Document, statement: Statement) -> bool:
    """Whether a news medium's statement opens with what evidence shows ("CNN reports:
    These two videos show ..."): the footage is the source, the medium its channel."""
    if not is_medium(statement.speaker):
        return False
    content = statement.content
    match = _SHOWS.match(doc.text, content.start, content.end)
    return match is not None and head_noun(match.group("np")) in _words()["evidence_nouns"]


def relayed_finding(doc: Document, statement: Statement) -> Statement | None:
    """The finding a news medium relays ("The Herald concedes that analysts at the Arms
    Registry found no serial numbers on the rifles ..."), as a statement of
    the finder; None unless ``statement``'s speaker is a known medium whose content opens
    with someone's finding."""
    if not is_medium(statement.speaker):
        return None
    content = statement.content
    match = _finding_pattern().match(doc.text, content.start, content.end)
    if match is None:
        return None
    src = match.group("src").strip()
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", src)}
    if src.lower() in PRONOUNS or not (
        words & _words()["anonymous_words"] or PERSONAL_NAME.search(src)
    ):
        return None
    return _nested(
        doc,
        statement,
        src_start=match.start("src"),
        src_text=src,
        cue=(match.start("cue"), match.end("cue")),
        start=match.end(),
        end=content.end,
    )


def _nested(
    doc: Document,
    outer: Statement,
    *,
    src_start: int,
    src_text: str,
    cue: tuple[int, int],
    start: int,
    end: int,
) -> Statement:
    """A statement of ``src_text`` nested in ``outer``, its content ``doc.text[start:end]``.

    The nested speaker is anonymous when described by role words with no personal name;
    anonymous ones get a per-document actor id."""
    text = doc.text
    lowered = {w.strip(".,").lower() for w in src_text.split()}
    anonymous = bool(lowered & _words()["anonymous_words"]) and not PERSONAL_NAME.search(src_text)
    speaker = re.sub(r"^(?:an?|the)\s+", "", src_text, flags=re.I)
    key = f"{doc.id}:{start}:{end}:nested"
    return Statement(
        id=hashlib.sha256(key.encode()).hexdigest()[:16],
        doc_id=doc.id,
        kind="indirect",
        content=Span.of(text, start, end),
        source=Span.of(text, src_start, src_start + len(src_text)),
        cue=Span.of(text, cue[0], cue[1]),
        cue_lemma="claim",
        speaker=speaker,
        actor_id=(
            f"anon-{doc.id[:12]}-at{src_start}"
            if anonymous
            else re.sub(r"[^a-z0-9]+", "-", speaker.lower()).strip("-")
        ),
        anonymous=anonymous,
        role=speaker if anonymous else None,
        # the outer frame ("would not dispute", "dismissed") is the outer speaker's: the
        # nested claim is judged on its own words
        sentence=Span.of(text, start, end),
        date=outer.date,
        confidence=0.6,
        component=COMPONENT,
    )


def nested_statements(doc: Document, statement: Statement) -> list[Statement]:
    """Statements nested in ``statement``'s sentence: "claims made to reporters by an
    unnamed border official earlier that week that Norland had doubled its shipments ..."
    gives the official as the speaker of "Norland had doubled its shipments ...";
    and the finding a news medium relays (``relayed_finding``)."""
    scope = statement.sentence or statement.content
    text = doc.text
    out: list[Statement] = []
    for match in _nested_pattern().finditer(text, scope.start, scope.end):
        src_text = _SOURCE_TAIL.sub("", match.group("src")).strip()
        if not src_text or src_text.lower() in PRONOUNS:
            continue
        start = match.end()
        end_match = SENTENCE_END.search(text, start, scope.end)
        end = end_match.start() if end_match else scope.end
        judged = _frame_judgement().search(text, start, end)
        if judged is not None:
            end = judged.start()
        while end > start and text[end - 1] in " \t,;":
            end -= 1
        if end - start < 12:
            continue
        out.append(
            _nested(
                doc,
                statement,
                src_start=match.start("src"),
                src_text=src_text,
                cue=(match.start("cue"), match.end("cue")),
                start=start,
                end=end,
            )
        )
    relayed = relayed_finding(doc, statement)
    if relayed is not None and all(o.content != relayed.content for o in out):
        out.append(relayed)
    return out


def with_nested(doc: Document, statements: Sequence[Statement]) -> list[Statement]:
    """``statements``, each followed by the statements nested in it that no other statement
    of the document already covers (their contents overlap) and that are not the statement
    itself (its content inside the nested one)."""
    out: list[Statement] = []
    covered = [(s.id, s.content.start, s.content.end) for s in statements]
    seen = {s.id for s in statements}
    for statement in statements:
        out.append(statement)
        for nested in nested_statements(doc, statement):
            lo, hi = nested.content.start, nested.content.end
            own = statement.content
            if (
                nested.id in seen
                # the statement is itself the nested claim ("Spain had sent rifles")
                or (lo <= own.start and own.end <= hi + 1)
                or any(i != statement.id and a < hi and lo < b for i, a, b in covered)
            ):
                continue
            seen.add(nested.id)
            covered.append((nested.id, lo, hi))
            out.append(nested)
    return out


def nested_actors(statements: Sequence[Statement], actors: Sequence[Actor]) -> list[Actor]:
    """The actors of nested speakers that ``actors`` (the document's) do not hold yet."""
    known = {a.id for a in actors}
    out: list[Actor] = []
    for st in statements:
        if st.component != COMPONENT or not st.actor_id or st.actor_id in known:
            continue
        known.add(st.actor_id)
        out.append(
            Actor(
                id=st.actor_id,
                name=st.speaker or st.actor_id,
                kind="anonymous" if st.anonymous else "unknown",
                role=st.role,
                anonymous=bool(st.anonymous),
            )
        )
    return out
