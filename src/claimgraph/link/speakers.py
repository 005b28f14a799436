"""Who counts as an actor in a claim map, and what the map layer adds to attribution.

Attribution (``claimgraph.analyze.attribution``) sometimes takes a headline fragment, a
kicker ("Afghanistan: ...") or an unresolved noun phrase ("These two videos") for a
speaker. The map keeps those statements but does not list them as actors. It also reads
two things attribution leaves out, both general rules over the text:

- the institution a named speaker speaks for, from the descriptor written before the name
  ("the representative of the press office of the Northern Front movement Arvid Kessel"), so
  that the stance judge resolves the speaker's "we";
- nested attributions inside a statement ("he would not dispute claims made to media by an
  anonymous senior official that Russia had stepped up ..."): the nested source becomes a
  speaker of its that-clause.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections.abc import Sequence

from claimgraph.link.retrieve import lexicon
from claimgraph.model import Document, Span, Statement

_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "this",
        "that",
        "these",
        "those",
        "one",
    ]
)
_EDGE = " \t\r\n\"'“”‘’«»,;:.-–—"
_PERSONAL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]{2,}")
# a wire dateline glued to a name: "LUZAN (Meridian Press Agency) - Morvania"
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}\s*\([^()]+\)\s*[-–—]")
_SENTENCE_END = re.compile(r"[.!?]['\"”’]?(?=\s)|\n")


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    lex = lexicon()
    return {
        key: frozenset(w.lower() for w in lex.get(key, []))
        for key in (
            "nested_claim_nouns",
            "anonymous_words",
            "descriptor_openers",
            "frame_judgements",
            "evidence_nouns",
            "finding_verbs",
        )
    }


def _in_title(doc: Document, span: Span) -> bool:
    title = doc.title_span
    if title is None and doc.title:
        # the headline as written near the top when the reader did not mark its span
        found = doc.text.find(doc.title, 0, 2000)
        title = Span.of(doc.text, found, found + len(doc.title)) if found >= 0 else None
    return title is not None and title.start <= span.start < title.end


def _is_kicker(doc: Document, span: Span) -> bool:
    """A source written as a line-initial topic label: "Afghanistan: Fifteen years since ..."
    (a heading or a related-article link, not someone speaking)."""
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    if doc.text[line_start : span.start].strip():
        return False
    after = doc.text[span.end : span.end + 1]
    if after != ":":
        return False
    line_end = doc.text.find("\n", span.end)
    rest = doc.text[span.end + 1 : line_end if line_end >= 0 else len(doc.text)].strip()
    # a heading is short and has no quotation and no closing full stop
    return len(rest) <= 90 and not re.search(r"[\"“”]|[.!?]$", rest)


def speaker_key(statement: Statement, doc: Document | None) -> str | None:
    """The speaker a statement is grouped under: its actor id, or its name as written within
    its document when attribution found no actor; None when it is no actor (``is_actor``)."""
    if not is_actor(statement, doc):
        return None
    if statement.actor_id:
        return statement.actor_id
    name = statement.speaker or (statement.source.text if statement.source else None)
    return f"{statement.doc_id[:12]}:{name.lower()}" if name else None


def is_actor(statement: Statement, doc: Document | None) -> bool:
    """Whether ``statement`` has a speaker the map should list as an actor.

    Not actors: the writer (authorial statements); a statement with no source at all; a
    bare unresolved pronoun ("it", "One of them"); a source spanning a line break or lying in the headline (headlines
    are the article's own voice, judged as the document's stance); a line-initial kicker
    ("Afghanistan: ...") or a wire dateline ("LUZAN (Agency) - ..."); evidence rather than a speaker ("Photographs released by the
    ministry", ``evidence_nouns`` in ``data/link.toml``); a news medium relaying someone's
    finding (``relayed_finding``); and the document's own outlet (the article's own
    reporting).
    """
    if statement.kind == "authorial":
        return False
    # a source attribution did not resolve to a speaker is named as written
    name = (statement.speaker or (statement.source.text if statement.source else "")).strip(_EDGE)
    if not name and not statement.actor_id:
        return False
    if name.lower() in _PRONOUNS or _head_noun(name) in _PRONOUNS:
        return False
    if "\n" in name:
        return False
    if _head_noun(name) in _words()["evidence_nouns"] or _DATELINE.match(name):
        return False
    source = statement.source
    if source is not None:
        # a name running over a line break is a heading or a caption glued to a name; the
        # quote marks and blank lines at either end of a sloppy span do not count
        if "\n" in source.text.strip(_EDGE):
            return False
        if doc is not None and (_in_title(doc, source) or _is_kicker(doc, source)):
            return False
    if doc is not None and (
        relayed_finding(doc, statement) is not None or _relays_evidence(doc, statement)
    ):
        return False  # a medium passing on a finding or footage: they are the source
    own_outlet = doc is not None and bool(doc.outlet) and _norm(name) == _norm(doc.outlet or "")
    return not (name and own_outlet)


def misread_speakers(doc: Document, statements: Sequence[Statement]) -> set[str]:
    """Actor ids of ``doc`` that are named only where they are not actors (a kicker, a
    headline fragment): a pronoun resolved to one of them ("It says ...") is no actor either.
    """
    named: dict[str, bool] = {}
    for st in statements:
        if not st.actor_id or st.kind == "authorial":
            continue
        source = (st.source.text if st.source else "").strip(_EDGE).lower()
        if source in _PRONOUNS:
            continue
        named[st.actor_id] = named.get(st.actor_id, False) or is_actor(st, doc)
    return {actor for actor, ok in named.items() if not ok}


def _head_noun(phrase: str) -> str:
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


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().removeprefix("the ")))


# --- affiliation -------------------------------------------------------------------------


def descriptor(doc: Document, name: str) -> str | None:
    """The descriptor written right before the first mention of ``name`` in ``doc``
    ("the representative of the press office of the Northern Front movement"), parentheticals
    left out; None when the name is not found or nothing describes it."""
    found = doc.text.find(name)
    if found < 0:
        return None
    window = doc.text[max(0, found - 200) : found]
    # back to the sentence start, then past the last verb or preposition opening the phrase
    cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
    window = window[cut:]
    window = window[max(window.rfind(","), window.rfind(";"), window.rfind(":")) + 1 :]
    window = re.sub(r"\([^()]*\)", " ", window)
    words = window.split()
    openers = _words()["descriptor_openers"]
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower().strip("\"“”'’") in openers:
            words = words[i + 1 :]
            break
    text = " ".join(words).strip(" ,;:-–—\"“”'’")
    return text or None


def infer_affiliation(doc: Document, statement: Statement) -> str | None:
    """The institution a named speaker speaks for, read from the descriptor before their
    first mention, when attribution left it empty; only institutions the stance judge
    knows by name (its alias table) are returned."""
    if statement.affiliation or statement.anonymous or not statement.speaker:
        return statement.affiliation
    from claimgraph.stance import roles

    described = descriptor(doc, statement.speaker)
    if not described:
        return None
    return roles.canonical_name(described) and described


# --- nested attributions -----------------------------------------------------------------


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


def _relays_evidence(doc: Document, statement: Statement) -> bool:
    """Whether a news medium's statement opens with what evidence shows ("CNN reports:
    These two videos show ..."): the footage is the source, the medium its channel."""
    from claimgraph.analyze.media import is_medium

    if not is_medium(statement.speaker):
        return False
    content = statement.content
    match = _SHOWS.match(doc.text, content.start, content.end)
    return match is not None and _head_noun(match.group("np")) in _words()["evidence_nouns"]


def relayed_finding(doc: Document, statement: Statement) -> Statement | None:
    """The finding a news medium relays ("The Herald concedes that analysts at the Arms
    Registry found no serial numbers on the rifles ..."), as a statement of
    the finder; None unless ``statement``'s speaker is a known medium whose content opens
    with someone's finding."""
    from claimgraph.analyze.media import is_medium

    if not is_medium(statement.speaker):
        return None
    content = statement.content
    match = _finding_pattern().match(doc.text, content.start, content.end)
    if match is None:
        return None
    src = match.group("src").strip()
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", src)}
    if src.lower() in _PRONOUNS or not (
        words & _words()["anonymous_words"] or _PERSONAL_NAME.search(src)
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
    anonymous = bool(lowered & _words()["anonymous_words"]) and not _PERSONAL_NAME.search(src_text)
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
        component="link.nested.v1",
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
        if not src_text or src_text.lower() in _PRONOUNS:
            continue
        start = match.end()
        end_match = _SENTENCE_END.search(text, start, scope.end)
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


def expand(
    doc: Document, statement: Statement, others: Sequence[Statement] = ()
) -> list[Statement]:
    """``statement`` with its affiliation filled in where the text gives it, followed by
    the statements nested in it that no statement of ``others`` (the document's other
    statements) already covers."""
    affiliation = infer_affiliation(doc, statement)
    out = [dataclasses.replace(statement, affiliation=affiliation) if affiliation else statement]
    covered = [(o.content.start, o.content.end) for o in others if o.id != statement.id]
    for nested in nested_statements(doc, statement):
        if not any(a < nested.content.end and nested.content.start < b for a, b in covered):
            out.append(nested)
    return out
