"""The claim map: who supports a claim, who refutes it, who only reports, on whose evidence.

``build_claim_map`` is the pure core over in-memory candidates (statements with their
documents) and a stance judge; ``claim_map`` is the thin adapter that retrieves the
candidates from a store.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar, cast

import numpy as np

from claimgraph.analyze.readings import keys_of
from claimgraph.link import provenance, remarks, speakers
from claimgraph.link.dating import borrow_dates
from claimgraph.link.headline import HEADLINE_WEIGHT, reported_complement, sentence_case
from claimgraph.link.judging import (
    POLAR,
    SIDE_ORDER,
    aggregate,
    anchor_evidence,
    judge_statements,
    make_claim,
    shift_votes,
    statement_context,
)
from claimgraph.link.retrieve import Candidate, lexicon, retrieve, word_overlap
from claimgraph.model import (
    Actor,
    ActorStance,
    ClaimMap,
    Document,
    DocumentStance,
    JudgedStatement,
    Span,
    Stance,
    Statement,
)
from claimgraph.stance.base import StanceJudge
from claimgraph.store.base import Store

T = TypeVar("T")
# --- article-level stance ---------------------------------------------------------------------


def headline_clauses(title: str) -> list[tuple[int, int, bool]]:
    """(start, end, reported) of each clause of a headline; reported clauses attribute
    what they say to someone ("Reports Say ...", "US officials suggest ...")."""
    words = set(lexicon()["reporting_words"])
    clauses: list[tuple[int, int, bool]] = []
    for match in re.finditer(r"[^:;,|–—]+", title):
        text = match.group(0)
        if not text.strip():
            continue
        start = match.start() + len(text) - len(text.lstrip())
        end = match.end() - (len(text) - len(text.rstrip()))
        tokens = {t.lower() for t in re.findall(r"[A-Za-z]+", text)}
        clauses.append((start, end, bool(tokens & words)))
    return clauses


def _title_offset(doc: Document) -> int | None:
    if doc.title_span is not None:
        return doc.title_span.start
    if doc.title:
        found = doc.text.find(doc.title)
        return found if found >= 0 else None
    return None


def document_stance(
    claim: str, doc: Document, authorial: Sequence[JudgedStatement], judge: StanceJudge
) -> DocumentStance:
    """The article's own stance: its headline clauses in the writer's voice and its
    authorial sentences. When they take no side the article only reports: ``neutral``, with
    what its headline reports (``reported``: "Reports Say X" reports support for X;
    "Spokesman denies X" reports a denial) kept apart from the writer's stance."""
    own: list[Stance] = []
    reported: list[Stance] = []
    if doc.title:
        offset = _title_offset(doc)
        clauses = headline_clauses(doc.title)
        texts = [sentence_case(doc.title[s:e]) for s, e, _ in clauses]
        complements = [
            reported_complement(t) if rep else None
            for t, (_, _, rep) in zip(texts, clauses, strict=True)
        ]
        jobs = [(claim, t, None) for t in texts]
        jobs += [(claim, c, None) for c in complements if c]
        stances = list(judge.judge_many(jobs))
        extra = iter(stances[len(texts) :])
        for (start, end, is_reported), stance, comp in zip(
            clauses, stances[: len(texts)], complements, strict=True
        ):
            evidence = (
                Span.of(doc.text, offset + start, offset + end) if offset is not None else None
            )
            stance = dataclasses.replace(stance, evidence=evidence or stance.evidence)
            stance = shift_votes(stance, doc.text, offset + start if offset is not None else None)
            if not is_reported:
                own.append(
                    dataclasses.replace(stance, confidence=stance.confidence * HEADLINE_WEIGHT)
                )
                continue
            inner = next(extra) if comp else None
            if stance.label not in POLAR and inner is not None and inner.label in POLAR:
                # "Reports Say X": the clause reports X; the writer does not assert it
                inner = shift_votes(inner, doc.text, None)  # it read the complement alone
                stance = dataclasses.replace(inner, evidence=stance.evidence, hedged=True)
            reported.append(stance)
    own.extend(
        dataclasses.replace(j.stance, evidence=j.stance.evidence or j.statement.content)
        for j in authorial
    )
    polar_reported = [s for s in reported if s.label in POLAR]
    told = max(polar_reported, key=lambda s: s.confidence) if polar_reported else None
    result = aggregate(own)
    if result.label not in POLAR:
        # the writer takes no side: the article reports (it quotes speakers on the claim)
        related = [s for s in reported if s.label != "unrelated"]
        best = max(related, key=lambda s: s.confidence) if related else None
        result = Stance(
            "neutral",
            best.confidence if best else 0.5,
            best.evidence if best else None,
            False,
            best.judge if best else result.judge,
            best.votes if best else result.votes,
        )
    return DocumentStance(doc, result, told)


# --- the map ------------------------------------------------------------------------------------


def _actor_key(
    statement: Statement, doc: Document | None = None, misread: frozenset[str] = frozenset()
) -> str | None:
    if statement.actor_id in misread:
        return None
    return speakers.speaker_key(statement, doc)


def inherit_media(
    doc: Document,
    statement: Statement,
    own: list[str],
    doc_statements: Sequence[Statement],
    outlets: Mapping[str, str] | None = None,
) -> list[str]:
    """A speaker's medium named earlier in the same article ("X told CNN ..." then "he said")."""
    if own or statement.kind == "authorial" or not (statement.actor_id or statement.speaker):
        return own
    earlier = sorted(
        (o for o in doc_statements if o.content.start < statement.content.start),
        key=lambda o: -o.content.start,
    )
    for other in earlier:
        if other.id == statement.id or other.kind == "authorial":
            continue
        same = (
            other.actor_id == statement.actor_id
            if statement.actor_id
            else other.speaker == statement.speaker
        )
        if same:
            media = [m.name for m in provenance.statement_media(doc, other, outlets=outlets)]
            # the article's own outlet is not inherited: the text names it where it applies
            media = [m for m in media if not provenance.same_medium(m, doc.outlet)]
            if media:
                return media
    return own


def expand_candidates(
    candidates: Sequence[Candidate], doc_statements: Mapping[str, Sequence[Statement]]
) -> list[Candidate]:
    """``candidates`` with speakers' affiliations read from the text and the statements
    nested in them ("claims made by an anonymous official that ...") added after each;
    see ``claimgraph.link.speakers``."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for cand in candidates:
        doc = cand.document
        others = doc_statements.get(doc.id) or [
            c.statement for c in candidates if c.document.id == doc.id
        ]
        for st in speakers.expand(doc, cand.statement, others):
            if st.id not in seen:
                seen.add(st.id)
                out.append(Candidate(st, doc, cand.score))
    return out


def build_claim_map(
    claim: str,
    candidates: Sequence[Candidate],
    *,
    judge: StanceJudge,
    actors: Mapping[str, Actor] | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
    doc_statements: Mapping[str, Sequence[Statement]] | None = None,
    include_unrelated: bool = False,
    headline_documents: Sequence[Document] = (),
    stance_overrides: Mapping[str, Stance] | None = None,
    parses: Mapping[str, bytes] | None = None,
) -> ClaimMap:
    """The claim map of ``claim`` over ``candidates``, judged by ``judge``.

    ``actors`` maps actor ids to merged Actors; ``vectors`` statement ids to embeddings
    (for linking the same remark across documents); ``doc_statements`` every statement of
    each candidate document (for media named once per interview); ``parses`` the stored
    parses of judged sentences by key (``claimgraph.analyze.readings``), handed to the
    judge. ``headline_documents``:
    more articles whose own stance is read from their headline alone (an editorial whose
    statements were not retrieved); only those whose writer takes a side are listed.
    Pure: no store, no model.
    """
    actors = actors or {}
    per_doc = doc_statements or {}
    candidates = expand_candidates(candidates, per_doc)
    statements = [c.statement for c in candidates]
    texts = {c.document.id: c.document.text for c in candidates}
    if vectors:
        # the stored embeddings of the contents: the judge need not embed them again
        judge.prime_vectors({s.content.text: vectors[s.id] for s in statements if s.id in vectors})
    if parses:
        # the parses analysis stored of the sentences: the judge need not parse them again
        judge.prime_parses({t: parses[k] for t, k in keys_of(statements).items() if k in parses})
    stances = judge_statements(judge, claim, statements, texts=texts)
    if stance_overrides:  # users' corrections (``claimgraph stance set``) win over the judge
        stances = [
            stance_overrides.get(c.statement.id, s)
            for c, s in zip(candidates, stances, strict=True)
        ]
    outlets: dict[str, str] = {}
    for cand in candidates:
        outlets.update(provenance.outlet_spellings(cand.document.outlet))
    judged: list[JudgedStatement] = []
    for cand, stance in zip(candidates, stances, strict=True):
        if stance.label == "unrelated" and not include_unrelated:
            continue
        doc, st = cand.document, cand.statement
        media = [m.name for m in provenance.statement_media(doc, st, outlets=outlets)]
        others = per_doc.get(doc.id) or [c.statement for c in candidates if c.document.id == doc.id]
        media = inherit_media(doc, st, media, others, outlets)
        outlet = provenance.outlet_name(doc)
        judged.append(
            JudgedStatement(
                statement=dataclasses.replace(st, via=st.via or (media[0] if media else None)),
                stance=stance,
                document=doc,
                original=provenance.is_original(media, outlet),
                via_chain=provenance.via_chain(st, media, outlet),
            )
        )
    same = remarks.link_same_statements([j.statement for j in judged], vectors)
    judged = [dataclasses.replace(j, same_as=same.get(j.statement.id, ())) for j in judged]
    judged.sort(
        key=lambda j: (
            SIDE_ORDER[j.stance.label],
            -j.stance.confidence,
            j.document.id,
            j.statement.content.start,
        )
    )
    return ClaimMap(
        claim=make_claim(claim),
        statements=tuple(judged),
        actors=tuple(_actor_stances(judged, actors, per_doc)),
        documents=tuple(_document_stances(claim, judged, judge, headline_documents)),
        independent_sources=(ind := remarks.independence(judged))[0],
        single_source_sides=ind[1],
    )


def _actor_stances(
    judged: Sequence[JudgedStatement],
    actors: Mapping[str, Actor],
    doc_statements: Mapping[str, Sequence[Statement]] | None = None,
) -> list[ActorStance]:
    per_doc = doc_statements or {}
    misread: dict[str, frozenset[str]] = {}
    groups: dict[str, list[JudgedStatement]] = {}
    for j in judged:
        doc = j.document
        if doc.id not in misread:
            pool = per_doc.get(doc.id) or [k.statement for k in judged if k.document.id == doc.id]
            misread[doc.id] = frozenset(speakers.misread_speakers(doc, pool))
        key = _actor_key(j.statement, doc, misread[doc.id])
        if key is not None:
            groups.setdefault(key, []).append(j)
    result: list[ActorStance] = []
    for key, items in groups.items():
        first = items[0].statement
        actor = actors.get(key) or Actor(
            id=key,
            name=first.speaker or (first.source.text if first.source else key),
            kind="anonymous" if first.anonymous else "unknown",
            role=first.role,
            affiliation=first.affiliation,
            anonymous=first.anonymous,
        )
        stance = aggregate([j.stance for j in items])
        result.append(ActorStance(actor, stance, tuple(j.statement.id for j in items)))
    result.sort(key=lambda a: (SIDE_ORDER[a.stance.label], -a.stance.confidence, a.actor.name))
    return result


def _document_stances(
    claim: str,
    judged: Sequence[JudgedStatement],
    judge: StanceJudge,
    headline_documents: Sequence[Document] = (),
) -> list[DocumentStance]:
    docs: dict[str, Document] = {}
    authorial: dict[str, list[JudgedStatement]] = {}
    for j in judged:
        docs.setdefault(j.document.id, j.document)
        if j.statement.kind == "authorial":
            authorial.setdefault(j.document.id, []).append(j)
    more = [d for d in headline_documents if d.id not in docs and d.title]
    more = list({d.id: d for d in more}.values())
    _prefetch_headlines(judge, [*docs.values(), *more])
    out = [
        document_stance(claim, doc, authorial.get(doc_id, []), judge)
        for doc_id, doc in docs.items()
    ]
    for doc in more:
        # no statement of it was retrieved: listed only when its writer takes a side
        found = document_stance(claim, doc, [], judge)
        if found.stance.label in POLAR:
            out.append(found)
    return out


def _denial_cues() -> frozenset[str]:
    from claimgraph.stance.polarity import cue_sets

    return cue_sets()["deny"]


HEADLINE_SEARCH = 20
"""Articles found by the claim's first name; the opinion pieces among them not otherwise in
the map are read for their stance from their headline alone."""
_NAME_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")


def claim_name(claim: str) -> str | None:
    """The first run of capitalised words of ``claim`` that is not just its first word
    ("Halvern Biologics" in "Halvern Biologics concealed ..."; "Ansel Kovar" in "The referee
    Ansel Kovar took ..."), or None."""
    for match in _NAME_RUN.finditer(claim):
        words = match.group(0).split()
        if match.start() == 0 and words[0].lower() in set(lexicon()["stopwords"]):
            words = words[1:]
        if words:
            return " ".join(words)
    return None


def _headline_documents(store: Store, claim: str, known: set[str]) -> list[Document]:
    name = claim_name(claim)
    if not name:
        return []
    return [
        hit.doc
        for hit in store.search(name, limit=HEADLINE_SEARCH)
        if hit.doc.id not in known and is_opinion(hit.doc)
    ]


OPINION_LINES = 8
"""Lines at the top of an article searched for a kicker ("Editorial", "Opinion")."""


def is_opinion(doc: Document) -> bool:
    """The article marks itself as the writer's own voice: a line near its top is one of the
    opinion markers ("Editorial", "Opinion", "Comment"), or its URL has such a section."""
    from claimgraph.stance.polarity import cue_sets

    markers = cue_sets().get("opinion_markers", frozenset())
    lines = [line.strip().strip(":|-").strip().lower() for line in doc.text.splitlines()]
    if any(line in markers for line in [x for x in lines if x][:OPINION_LINES]):
        return True
    url = (doc.url or "").lower()
    return any(f"/{m.replace(' ', '-')}/" in url for m in markers)


def _prefetch_headlines(judge: StanceJudge, docs: Iterable[Document]) -> None:
    """Parse the headline clauses of all ``docs`` in one batch when the judge can (its
    ``parse_many`` caches parses): ``document_stance`` then judges each from the cache."""
    texts: list[str] = []
    for doc in docs:
        if not doc.title:
            continue
        for start, end, is_reported in headline_clauses(doc.title):
            text = sentence_case(doc.title[start:end])
            texts.append(text)
            complement = reported_complement(text) if is_reported else None
            if complement:
                texts.append(complement)
    if texts:
        judge.prepare(texts)


_STORE_CACHE: weakref.WeakKeyDictionary[Store, dict[str, tuple[int, object]]] = (
    weakref.WeakKeyDictionary()
)


def _per_store(store: Store, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, cached per store object until its document count (or its number of
    users' corrections) changes."""
    count = int(store.count()) * 100_003 + len(store.corrections())
    try:
        cache = _STORE_CACHE.setdefault(store, {})
    except TypeError:  # not weakly referenceable: no cache
        return compute()
    hit = cache.get(name)
    if hit is not None and hit[0] == count >= 0:
        return cast(T, hit[1])
    value = compute()
    cache[name] = (count, value)
    return value


def _store_actors(store: Store) -> dict[str, Actor]:
    """The store's merged actors by id (``store.actors()`` counts the statements of every
    actor: cached per store until a document is added)."""
    actors: dict[str, Actor] = _per_store(
        store, "actors", lambda: {a.id: a for a, _count in store.actors()}
    )
    return actors


def claim_map(
    store: Store,
    claim: str,
    *,
    judge: StanceJudge | None = None,
    limit: int = 200,
    include_unrelated: bool = False,
    judge_limit: int | None = None,
) -> ClaimMap:
    """The claim map of ``claim`` over the statements in ``store``.

    Retrieves the best candidates (full text + embeddings; at most ``limit`` and at most
    ``judge_limit``, default the ``judge_limit`` setting), judges them with ``judge``
    (default: ``claimgraph.stance.get_judge()``) and builds the map; statements judged
    unrelated are left out unless ``include_unrelated``.
    """
    if judge is None:
        from claimgraph.stance import get_judge

        judge = get_judge()
    if judge_limit is None:
        from claimgraph import settings

        judge_limit = int(settings.load()["judge_limit"])
    candidates = retrieve(store, claim, limit=max(1, min(limit, judge_limit)))
    doc_ids = sorted({c.document.id for c in candidates})
    doc_statements = {d: list(store.statements(doc_id=d)) for d in doc_ids}
    docs = {c.document.id: c.document for c in candidates}
    undated = [d for d in doc_ids if not docs[d].published]
    if undated:
        # an undated article's statement may take the date of another stored article's
        # report of the same remark (``claimgraph.link.dating``)
        pool = [s for d in doc_ids for s in doc_statements[d]]
        for d in undated:
            doc_statements[d] = borrow_dates(
                doc_statements[d],
                pool,
                more=lambda st: store.search_statements(st.content.text, limit=10),
            )
        redated = {s.id: s for d in undated for s in doc_statements[d]}
        candidates = [
            dataclasses.replace(c, statement=redated.get(c.statement.id, c.statement))
            for c in candidates
        ]
    # In candidate documents, also the writer's own voice when it shares words with the
    # claim, and every refusal ("declined to comment"): a refusal shares no words with the
    # claim, yet in an article about it a fact-checker wants to see who would not answer.
    # Denials too ("dismissed the report as a smear"): they often name nothing of the claim,
    # and the judge decides whether they deny this story.
    known = {c.statement.id for c in candidates}
    denials = _denial_cues()
    extra = [
        Candidate(s, docs[d], 0.0)
        for d in doc_ids
        for s in doc_statements[d]
        if s.id not in known
        and (
            s.kind == "refusal"
            or (s.cue_lemma or "").lower() in denials
            or (s.kind == "authorial" and word_overlap(claim, s.content.text) >= 0.3)
        )
    ]
    all_candidates = [*candidates, *extra]
    overrides = stance_corrections(store, claim)
    known |= {c.statement.id for c in extra}
    for sid in overrides:  # a statement a user judged for this claim is always shown
        corrected = store.statement(sid) if sid not in known else None
        if corrected is not None:
            doc = docs.get(corrected.doc_id) or store.document(corrected.doc_id)
            all_candidates.append(Candidate(corrected, doc, 0.0))
            doc_statements.setdefault(doc.id, list(store.statements(doc_id=doc.id)))
    actors = _store_actors(store)
    vectors = store.embeddings([c.statement.id for c in all_candidates])
    parses = stored_parses(store, judge, [c.statement for c in all_candidates])
    return build_claim_map(
        claim,
        all_candidates,
        judge=judge,
        actors=actors,
        vectors=vectors,
        doc_statements=doc_statements,
        include_unrelated=include_unrelated,
        headline_documents=_headline_documents(store, claim, set(doc_ids)),
        stance_overrides=overrides,
        parses=parses,
    )


class UnparsedWarning(UserWarning):
    """The store holds no parses of the statements a claim map judges: they are parsed."""


def stored_parses(
    store: Store, judge: StanceJudge, statements: Sequence[Statement]
) -> dict[str, bytes]:
    """Key -> packed parse stored for the judged sentences of ``statements`` by the judge's
    pipeline (nothing when the judge reads no parses). When the store has none of them (its
    documents were analysed by an earlier version, or with another spaCy pipeline), warns
    that the judge parses them and how to store them."""
    parser = judge.parser()
    keys = sorted(set(keys_of(statements).values()))
    if parser is None or not keys:
        return {}
    found = store.parses(keys, parser=parser)
    if not found:
        warnings.warn(
            f"the store has no parse of the {len(keys)} sentences this claim map judges "
            "(analysed by an earlier claimgraph or another spaCy pipeline), so they are "
            f"parsed now; store them once with: claimgraph add --db {store.url} --reanalyze",
            UnparsedWarning,
            stacklevel=3,
        )
    return found


def stance_corrections(store: Store, claim: str) -> dict[str, Stance]:
    """Statement id -> the stance users set toward ``claim`` (``claimgraph.store.corrections``)."""
    from claimgraph.store.corrections import stance_overrides

    wanted = make_claim(claim).id
    return stance_overrides(store.corrections(), lambda text: make_claim(text).id == wanted)


__all__ = [
    "POLAR",
    "SIDE_ORDER",
    "aggregate",
    "anchor_evidence",
    "build_claim_map",
    "claim_map",
    "claim_name",
    "document_stance",
    "expand_candidates",
    "headline_clauses",
    "inherit_media",
    "is_opinion",
    "judge_statements",
    "make_claim",
    "stance_corrections",
    "statement_context",
    "stored_parses",
]
