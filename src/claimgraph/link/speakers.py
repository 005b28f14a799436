"""Who counts as an actor in a claim map, and what the map layer adds to attribution.

Attribution (``claimgraph.analyze.attribution``) sometimes takes a headline fragment, a
kicker ("Afghanistan: ...") or an unresolved noun phrase ("These two videos") for a
speaker. The map keeps those statements but does not list them as actors. It also reads
the institution a named speaker speaks for, from the descriptor written before the name
("the representative of the press office of the Northern Front movement Arvid Kessel"), so
that the stance judge resolves the speaker's "we". Statements nested in a statement ("claims
made by an anonymous official that ...") are found at analysis time
(``claimgraph.analyze.nested``) and stored; the map only reads them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence

from claimgraph.analyze.nested import COMPONENT as NESTED
from claimgraph.analyze.nested import (
    PRONOUNS,
    SENTENCE_END,
    evidence_nouns,
    head_noun,
    relayed_finding,
    relays_evidence,
)
from claimgraph.link.retrieve import lexicon
from claimgraph.model import Document, Span, Statement

_EDGE = " \t\r\n\"'“”‘’«»,;:.-–—"
# a wire dateline glued to a name: "LUZAN (Meridian Press Agency) - Morvania"
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}\s*\([^()]+\)\s*[-–—]")


@functools.lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().get("descriptor_openers", []))


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
    if name.lower() in PRONOUNS or head_noun(name) in PRONOUNS:
        return False
    if "\n" in name:
        return False
    if head_noun(name) in evidence_nouns() or _DATELINE.match(name):
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
        relayed_finding(doc, statement) is not None or relays_evidence(doc, statement)
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
        if source in PRONOUNS:
            continue
        named[st.actor_id] = named.get(st.actor_id, False) or is_actor(st, doc)
    return {actor for actor, ok in named.items() if not ok}


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
    cut = max((m.end() for m in SENTENCE_END.finditer(window)), default=0)
    window = window[cut:]
    window = window[max(window.rfind(","), window.rfind(";"), window.rfind(":")) + 1 :]
    window = re.sub(r"\([^()]*\)", " ", window)
    words = window.split()
    openers = _openers()
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


def expand(
    doc: Document, statement: Statement, others: Sequence[Statement] = ()
) -> list[Statement]:
    """``statement`` with its affiliation filled in where the text gives it, followed by
    the stored statements nested in it (``claimgraph.analyze.nested``, found at analysis
    time) among ``others`` (the document's other statements)."""
    affiliation = infer_affiliation(doc, statement)
    out = [dataclasses.replace(statement, affiliation=affiliation) if affiliation else statement]
    if statement.component == NESTED:
        return out
    scope = statement.sentence or statement.content
    out += [
        o
        for o in others
        if o.component == NESTED
        and o.id != statement.id
        and scope.start <= o.content.start
        and o.content.end <= scope.end
    ]
    return out
