"""Speakers of found attributions: actors, media, and the ``Statement`` objects themselves.

Walks a document's attributions in order, keeping an ``ActorRegistry`` up to date with the
people named so far (outside quotes), so pronouns and descriptions resolve to the right actor;
remembers the medium an actor spoke through ("in an interview ... to RIA Novosti").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from claimgraph.analyze.actor_names import normalize_actor
from claimgraph.analyze.actors import ActorRegistry
from claimgraph.analyze.attr_lines import title_lines
from claimgraph.analyze.attr_spans import Found, find_media
from claimgraph.analyze.lexicon import lexicon
from claimgraph.analyze.sources import register_mentions, resolve
from claimgraph.model import Actor, Document, Span, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

COMPONENT = "attribution.v2"
HEADLINE_COMPONENT = "attribution.v2.headline"
"""``Statement.component`` of an attribution found in a headline, kicker or standfirst."""


def _statement_id(doc_id: str, content: tuple[int, int], cue: int) -> str:
    return hashlib.sha256(f"{doc_id}:{content[0]}:{content[1]}:{cue}".encode()).hexdigest()[:16]


def resolve_statements(
    doc: Document, parsed: SpacyDoc, found: list[Found], regions: list[tuple[int, int]]
) -> tuple[list[Actor], list[Statement]]:
    text = doc.text
    registry = ActorRegistry(doc.id)
    registry.learn(text)
    if len(doc.authors) == 1 and len(doc.authors[0].split()) >= 2:
        registry.author = doc.authors[0]
    sents = list(parsed.sents)
    next_sent = 0
    actor_via: dict[str, str] = {}
    last_via: str | None = None
    resolved: dict[int, tuple[str | None, str | None, str | None, bool, str | None]] = {}
    previous: str | None = None
    statements: list[Statement] = []
    titles = [(s, e) for s, e, _ in title_lines(parsed.text)]
    # continued quotes after the attributions they continue (one may precede its head);
    # headlines last, so that their actors are never a pronoun's antecedent in the body
    order = sorted(
        found,
        key=lambda f: (
            f.headline,
            f.continues is not None,
            f.sentence[0] if f.sentence else 0,
            f.cue_start,
        ),
    )
    for f in order:
        pos = f.sentence[0] if f.sentence else 0
        while next_sent < len(sents) and sents[next_sent].end_char <= pos:
            sent = sents[next_sent]
            if not any(s <= sent.start_char < e for s, e in titles):
                register_mentions(sent, registry, blocked=regions)
                _interview_context(sent, text, registry, actor_via)
            next_sent += 1
        blocked = list(regions) + ([f.content] if f.content else [])
        actor_id: str | None = None
        role = affiliation = None
        anonymous = False
        via, via_span = f.via, f.via_span
        src = f.continues
        if src is not None and id(src) in resolved:
            actor_id, role, affiliation, anonymous, inherited_via = resolved[id(src)]
            via = via or inherited_via
        else:
            root = f.speaker_override or f.source_root
            if root is not None:
                r = resolve(root, registry, blocked=blocked, previous=previous, headline=f.headline)
                actor_id, role, affiliation, anonymous = (
                    r.actor_id,
                    r.role,
                    r.affiliation,
                    r.anonymous,
                )
            if f.speaker_override is not None and f.source_root is not None and via is None:
                media = find_media(
                    text, f.source_root.left_edge.idx, f.source_root.idx + len(f.source_root)
                )
                if media is not None:
                    via, via_span = media[0], media[1]
                elif f.source_root.lemma_.lower() in lexicon().generic_media:
                    via = last_via
        generic_medium = (
            via is None
            and f.cue_token is not None
            and any(
                c.dep_ in ("dative", "dobj") and c.lemma_.lower() in lexicon().generic_media
                for c in f.cue_token.children
            )
        )
        if actor_id is not None:
            actor_id = registry.resolve_id(actor_id)
            if via is None:
                via = actor_via.get(actor_id)
        if via is None and generic_medium:  # "he told the Turkish news outlet"
            via = last_via
        if via is None and f.cue_token is not None and _tweeted(f):
            via = "Twitter"
        if actor_id is not None and via is not None and actor_id not in actor_via:
            actor_via[actor_id] = via
        if via is not None:
            last_via = via
        resolved[id(f)] = (actor_id, role, affiliation, anonymous, via)
        if actor_id is not None and not f.headline:
            previous = actor_id
        statements.append(
            _statement(
                doc, text, f, actor_id, registry, role, affiliation, anonymous, via, via_span
            )
        )
    statements = _first_person_in_quotes(statements)
    _named_later(text, statements, registry)
    # ids may have changed when a fuller name was seen later
    final: list[Statement] = []
    used: set[str] = set()
    for st in statements:
        if st.actor_id is not None:
            aid = registry.resolve_id(st.actor_id)
            entry = registry.get(aid)
            used.add(aid)
            named = st.actor_id in registry.identified
            st = _replace(
                st,
                actor_id=aid,
                speaker=entry.name,
                anonymous=entry.anonymous if named else st.anonymous or entry.anonymous,
            )
        final.append(st)
    final.sort(key=lambda s: (s.content.start, s.cue.start if s.cue else -1))
    actors = [a for a in registry.actors() if a.id in used]
    return _without_non_actors(actors, final)


def _without_non_actors(
    actors: list[Actor], statements: list[Statement]
) -> tuple[list[Actor], list[Statement]]:
    """Sources that name a thing or point back ("These two videos", "Reports", "its
    spokeswoman") are no actors: dropped from the actors, and their statements keep their kind
    and source span with no speaker, as the store does (``actor_names.normalize_actor``)."""
    gone = {a.id for a in actors if normalize_actor(a) is None}
    if not gone:
        return actors, statements
    kept = [a for a in actors if a.id not in gone]
    out = [
        _replace(st, actor_id=None, speaker=None) if st.actor_id in gone else st
        for st in statements
    ]
    return kept, out


def _replace(st: Statement, **changes: object) -> Statement:
    return replace(st, **changes)  # type: ignore[arg-type]


def _first_person_in_quotes(statements: list[Statement]) -> list[Statement]:
    """ "I think ..." inside someone's quoted words: "I" is the quoted speaker."""
    out = []
    for st in statements:
        if (
            st.actor_id is None
            and st.source is not None
            and st.source.text in ("I", "me")
            and st.cue
        ):
            cue = st.cue
            outer = [
                o
                for o in statements
                if o is not st
                and o.actor_id is not None
                and o.content.start <= cue.start < o.content.end
            ]
            if outer:
                best = min(outer, key=lambda o: o.content.end - o.content.start)
                st = _replace(st, actor_id=best.actor_id, speaker=best.speaker, via=best.via)
        out.append(st)
    return out


_WITHHELD = ("anonym", "unnamed", "unidentified", "source")


def _named_later(text: str, statements: list[Statement], registry: ActorRegistry) -> None:
    """ "A former shift manager has told the Gazette that ..." and, in the next paragraph,
    "'...,' Tobias Renk said": an unnamed person whose account the next paragraph gives to a
    person named there for the first time is that person."""
    body = [st for st in statements if st.component == COMPONENT and st.sentence is not None]
    body.sort(key=lambda st: st.sentence.start if st.sentence else 0)
    clauses = lexicon().anonymity_clauses
    for a, b in zip(body, body[1:], strict=False):
        if a.actor_id is None or b.actor_id is None or a.source is None:
            continue
        anon = registry.get(a.actor_id)
        person = registry.get(b.actor_id)
        if anon.kind != "anonymous" or anon.plural or person.kind != "person":
            continue
        if not a.source.text[:2].lower().startswith("a"):  # "A former manager", "An aide"
            continue
        assert a.sentence is not None and b.sentence is not None
        low = text[a.sentence.start : a.sentence.end].lower()
        if any(w in a.source.text.lower() for w in _WITHHELD) or any(c in low for c in clauses):
            continue
        gap = text[a.sentence.start : b.sentence.start].lstrip()
        if len(re.findall(r"\n\s*", gap)) != 1:
            continue  # the very next paragraph
        if len(person.name.split()) < 2 or b.source is None:
            continue
        surname = person.name.split()[-1]
        if surname in text[: a.sentence.start] or person.name not in b.source.text:
            continue  # named before: someone else
        registry.identify(a.actor_id, b.actor_id)


def _tweeted(f: Found) -> bool:
    """ "said in a series of tweets", "the tweet stated": the words came through Twitter."""
    assert f.cue_token is not None
    tokens = [
        t for c in f.cue_token.children if c.dep_ in ("prep", "nsubj", "agent") for t in c.subtree
    ]
    return any(t.lemma_.lower() == "tweet" for t in tokens)


def _interview_context(
    sent: SpacySpan, text: str, registry: ActorRegistry, actor_via: dict[str, str]
) -> None:
    """ "in an interview ... to RIA Novosti" / "Anadolu Agency asked Zamir Kabulov": remember the medium."""
    s, e = sent.start_char, sent.end_char
    low = text[s:e].lower()
    if "interview" not in low:
        return
    media = find_media(text, s, e)
    if media is None:
        return
    for ent in sent.ents:
        if ent.label_ == "PERSON" and ent.root.dep_ != "poss":
            actor_id = registry.add_person(ent.text)
            actor_via.setdefault(registry.resolve_id(actor_id), media[0])


def _statement(
    doc: Document,
    text: str,
    f: Found,
    actor_id: str | None,
    registry: ActorRegistry,
    role: str | None,
    affiliation: str | None,
    anonymous: bool,
    via: str | None,
    via_span: tuple[int, int] | None,
) -> Statement:
    assert f.content is not None
    content = Span.of(text, *f.content)
    speaker = registry.get(actor_id).name if actor_id else None
    return Statement(
        id=_statement_id(doc.id, f.content, f.cue_start),
        doc_id=doc.id,
        kind=f.kind,  # type: ignore[arg-type]
        content=content,
        source=Span.of(text, *f.source) if f.source else None,
        cue=Span.of(text, f.cue_start, f.cue_end) if f.cue_start >= 0 else None,
        cue_lemma=f.cue_lemma or None,
        speaker=speaker,
        actor_id=actor_id,
        anonymous=anonymous,
        via=via,
        via_span=Span.of(text, *via_span) if via_span else None,
        role=role,
        affiliation=affiliation,
        negated=f.negated,
        hedged=f.hedged,
        sentence=Span.of(text, *f.sentence) if f.sentence else None,
        confidence=round(f.score, 4),
        component=HEADLINE_COMPONENT if f.headline else COMPONENT,
    )
