"""Claim discovery: the propositions the corpus disputes, most contested first.

1. **Candidates.** Statements sharing an "agent predicate recipient" key
   (``propositions.normalized_keys``: canonical names, polarity normalised, so "X denies arming
   Y" feeds "X arms Y") form a proposition named by a readable sentence ("Russia is arming the
   Taliban"); statements of a generic or entailed key nearby are judged toward it too.
   Statements without a key are clustered by their embeddings (``clusters.cluster``).
2. **Judging.** Each of the most discussed candidates is judged by the stance judge against
   its members and neighbours. A statement counts for a claim only when the judge says it
   supports or refutes it, and only for the claim it matches best (its own key first, then
   the judge's confidence).
3. **Merging.** Near-duplicate claims (the same name, or the same parties with the same
   predicate class: "supports" is not "arms", or embedding clusters named alike) are merged; the names merged are listed as
   variants.
4. **Ranking.** By independent sources on both sides (``clusters.source_of``: original
   speakers, one per actor however many articles echo them), then independent sources
   overall, then documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from claimgraph.link.claimmap import judge_statements, make_claim
from claimgraph.link.clusters import (
    DISTANCE,
    MAX_STATEMENTS,
    MIN_WORDS,
    DiscoveredClaim,
    SideStatement,
    claim_text,
    cluster,
    judges_claims,
    naming_text,
    normalise,
    relayed,
    representative,
    side_statement,
    source_of,
)
from claimgraph.link.propositions import (
    GENERIC,
    Key,
    is_party,
    located_in,
    name_key,
    normalized_keys,
    parse_statements,
    parties,
    place_names,
    related,
)
from claimgraph.link.retrieve import content_words
from claimgraph.model import Document, Stance, Statement

__all__ = [
    "DiscoveredClaim",
    "SideStatement",
    "claim_text",
    "cluster",
    "discover",
    "discover_in",
    "representative",
    "source_of",
]

MAX_JUDGED = 40
"""Statements judged toward one candidate at most (members first, then neighbours)."""
EMBED_NEIGHBOURS = 6
"""Unkeyed statements near a keyed proposition's centre judged toward it, at most."""
EMBED_SIMILARITY = 0.6
"""Cosine to a keyed proposition's centre from which an unkeyed statement is judged toward it."""
JUDGED_EXTRA = 20
"""Candidates judged beyond ``top`` (ranked by sources before judging)."""
NEIGHBOURS = 6
"""Statements outside an embedding cluster but near its centre judged toward it, at most."""
NEIGHBOUR_SIMILARITY = 0.55
"""Cosine to a cluster's centre from which an outside statement is judged toward it."""
MEMBER_BONUS = 0.5
"""Added to the judge's confidence when a statement is judged toward its own key or cluster."""
SAME_WORDS = 0.6
"""Share of content words two claim names share from which they are near-duplicates."""
MIRROR_WORDS = 2
"""Content words two claim names without a key share from which each naming statement is
judged toward the other claim (a merge when both take the same side)."""


@dataclass(slots=True)
class _Candidate:
    name: str
    members: list[int]
    key: Key | None = None
    neighbours: list[int] = field(default_factory=list)
    stances: dict[int, Stance] = field(default_factory=dict)
    variants: list[str] = field(default_factory=list)


def _stand_ins(
    by_key: Mapping[Key, list[int]], located: Mapping[str, set[str]]
) -> dict[Key, list[Key]]:
    """Keys whose recipient is a place of the story and the keys of the parties in it.

    "Orvania sends arms to Moldova" beside "... to the Varn Front in Moldova": when the
    statements name parties in a place that receive the same from the same agent, the place
    is where, not whom; its statements are judged toward those parties' propositions."""
    from claimgraph.stance import roles

    out: dict[Key, list[Key]] = {}
    for key in by_key:
        inside = located.get(key.recipient)
        if not inside or roles.symmetric(key.pred) or key.agent == GENERIC:
            continue
        parties_in = sorted(
            k
            for k in by_key
            if k.agent == key.agent and k.pred == key.pred and k.recipient in inside
        )
        if parties_in:
            out[key] = parties_in
    return out


def _keyed(
    usable: Sequence[Statement],
    parses: Sequence[Any],
    keys: list[list[Key]],
    surfaces: Any,
    groups: dict[str, str],
    located: Mapping[str, set[str]] | None = None,
) -> tuple[list[_Candidate], dict[Key, list[int]], set[Key]]:
    """Candidates of the specific keys, the statements of every key, the keys that attach
    (``located``: place -> the parties the statements locate in it, ``located_in``)."""
    from claimgraph.stance import roles

    by_key: dict[Key, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            by_key.setdefault(k, []).append(i)
    by_party: dict[str, list[Key]] = {}
    for k in by_key:
        for party in {k.agent, k.recipient} - {GENERIC}:
            by_party.setdefault(party, []).append(k)

    def near_keys(key: Key) -> list[Key]:
        return sorted({o for p in (key.agent, key.recipient) for o in by_party.get(p, [])})

    known = parties(usable, by_key, groups)
    places = place_names(usable, parses, groups)
    stand_ins = _stand_ins(by_key, located or {})
    instead: dict[Key, list[int]] = {}
    for place_key, party_keys in stand_ins.items():
        for k in party_keys:
            instead.setdefault(k, []).extend(by_key[place_key])
    candidates = []
    for key, members in by_key.items():
        if GENERIC in (key.agent, key.recipient):
            continue  # a generic side is judged toward the specific propositions it bears on
        if (
            not roles.symmetric(key.pred)
            and key.recipient in places
            and not is_party(key.recipient, known)
        ):
            # "arms to Afghanistan": a place that is no party of the corpus is a destination;
            # a recipient that is no place ("the Varn Front") is a party though it never speaks
            continue
        if key in stand_ins:
            continue  # a place of the story whose parties the statements name
        cand = _Candidate(name_key(key, surfaces, groups), list(members), key)
        inside = set(members)
        cand.neighbours = [
            i
            for other in near_keys(key)
            if related(key, other)
            for i in by_key[other]
            if i not in inside
        ]
        extra = [i for i in instead.get(key, []) if i not in inside]
        cand.neighbours = list(dict.fromkeys(cand.neighbours + extra))
        candidates.append(cand)
    # the keys whose statements a candidate judges: its own, a place standing in for its
    # parties, a generic side related to it; the statements of a key left out ("dumped silt
    # into the estuary": a place, no party) are clustered by their embeddings instead
    kept = {c.key for c in candidates if c.key is not None}
    attached = (
        kept
        | set(stand_ins)
        | {k for k in by_key if any(related(full, k) for full in near_keys(k) if full in kept)}
    )
    return candidates, by_key, attached


def _clustered(
    usable: Sequence[Statement],
    parses: Sequence[Any],
    unkeyed: list[int],
    matrix: np.ndarray,
    distance: float,
) -> list[_Candidate]:
    """Candidates of the embedding clusters of the statements without a key."""
    out = []
    sub = matrix[unkeyed]
    for group in cluster(sub, distance=distance):
        members = [unkeyed[k] for k in group]
        rep = representative([usable[i] for i in members], sub[group])
        members = [members[rep], *(m for k, m in enumerate(members) if k != rep)]
        if judges_claims(usable[members[0]], parses[members[0]]):
            continue  # a cluster of judgements on other claims ("the claims are baseless")
        # a name with a subject: not a question or a fragment ("Are intended to cover...",
        # "Any dealings with the rebels"): a subject that names someone (or the speaker a
        # pronoun stands for) and a predicate; not a judgement on other claims
        names = {m: naming_text(usable[m], parses[m]) for m in members}
        named = [m for m in members if names[m]]
        if not named:
            continue  # no member reads as a proposition
        members = [named[0], *(m for m in members if m != named[0])]
        out.append(_Candidate(str(names[named[0]]), members))
    return out


def _assign(candidates: Sequence[_Candidate]) -> dict[int, tuple[int, str]]:
    """Statement index -> (candidate index, side) of the claim it matches best: among the
    candidates that judged it supporting or refuting, its own key or cluster first, then the
    judge's confidence, then the candidate discussed most."""
    best: dict[int, tuple[float, int, str]] = {}
    for c, cand in enumerate(candidates):
        own = set(cand.members)
        for i, stance in cand.stances.items():
            if stance.label not in ("supports", "refutes"):
                continue
            fit = stance.confidence + (MEMBER_BONUS if i in own else 0.0)
            if i not in best or fit > best[i][0]:
                best[i] = (fit, c, stance.label)
    return {i: (c, label) for i, (_fit, c, label) in best.items()}


def _same_claim(better: _Candidate, other: _Candidate) -> bool:
    """``other`` is a near-duplicate of ``better``."""
    from claimgraph.stance import roles

    if better.name.lower() == other.name.lower():
        return True
    if better.key is not None and other.key is not None:
        # one predicate class only: arming a group entails supporting it, but "Russia supports
        # the Taliban" is another proposition to check than "Russia is arming the Taliban"
        # (its statements are judged toward both and count for the one they match best)
        a, b = better.key, other.key
        return a.pred == b.pred and (a.agent, a.recipient) in (
            (b.agent, b.recipient),
            (b.recipient, b.agent) if roles.symmetric(a.pred) else (b.agent, b.recipient),
        )
    if better.key is None and other.key is None:
        words_a, words_b = content_words(better.name), content_words(other.name)
        if words_a and words_b:
            return len(words_a & words_b) / min(len(words_a), len(words_b)) >= SAME_WORDS
    return False


def _mirrored(better: _Candidate, other: _Candidate) -> bool:
    """Each claim's naming statement takes the same side toward the other claim: one
    proposition in two wordings, or a proposition and its denial ("Halvern hid the cases" and
    "every adverse event was reported"). Only for claims without a key (keys compare roles)."""
    if better.key is not None or other.key is not None:
        return False
    one = better.stances.get(other.members[0])
    two = other.stances.get(better.members[0])
    sides = ("supports", "refutes")
    return bool(one and two and one.label in sides and one.label == two.label)


def _source(
    statement: Statement, docs: Mapping[str, Document], relays: Mapping[str, Statement]
) -> str:
    """The independent source ``statement`` counts for: the original speaker of what it relays."""
    return source_of(relays.get(statement.id, statement), docs.get(statement.doc_id))


def _sided(
    supporting: Sequence[SideStatement], refuting: Sequence[SideStatement]
) -> tuple[set[str], set[str]]:
    """The sources of each side, each source on one side only: the side most of its
    statements take (one speaker quoted on both sides is not a dispute between sources); a
    source with as many statements on each side counts on neither."""
    counts: dict[str, list[int]] = {}
    for n, side in enumerate((supporting, refuting)):
        for s in side:
            counts.setdefault(s.source, [0, 0])[n] += 1
    sup = {src for src, (a, b) in counts.items() if a > b}
    ref = {src for src, (a, b) in counts.items() if b > a}
    return sup, ref


def _build(
    cand: _Candidate,
    sides: Mapping[str, list[int]],
    neutral: list[int],
    usable: Sequence[Statement],
    docs: Mapping[str, Document],
    relays: Mapping[str, Statement],
) -> DiscoveredClaim:
    def shown(indices: list[int]) -> tuple[SideStatement, ...]:
        return tuple(
            side_statement(usable[i], docs.get(usable[i].doc_id), original=relays.get(usable[i].id))
            for i in indices
        )

    supporting, refuting = shown(sides["supports"]), shown(sides["refutes"])
    sup, ref = _sided(supporting, refuting)
    every = {s.source for s in (*supporting, *refuting)}
    neu = {_source(usable[i], docs, relays) for i in neutral} - every
    both = min(len(sup), len(ref))
    documents = len({s.doc_id for s in (*supporting, *refuting)})
    score = 10.0 * both + 1.0 * len(every) + 0.1 * documents
    ids = [s.statement_id for s in (*supporting, *refuting)] + [usable[i].id for i in neutral]
    return DiscoveredClaim(
        claim=make_claim(cand.name),
        statement_ids=tuple(dict.fromkeys(ids)),
        documents=documents,
        supporters=len(sup),
        refuters=len(ref),
        neutral=len(neu),
        independent_sources=len(every),
        score=round(score, 3),
        contested=both > 0,
        supporting=supporting,
        refuting=refuting,
        variants=tuple(cand.variants),
    )


def discover_in(
    statements: Sequence[Statement],
    vectors: Mapping[str, np.ndarray],
    *,
    judge: Any,
    top: int = 20,
    parses: Sequence[Any] | None = None,
    nlp: Any = None,
    distance: float | None = None,
    documents: Mapping[str, Document] | None = None,
    min_sources: int = 1,
) -> list[DiscoveredClaim]:
    """The ``top`` most contested propositions among ``statements`` (pure: no store).

    ``parses``: the spaCy parse of each statement's sentence (``parse_statements``), made with
    ``nlp`` (default ``load_nlp()``) when not given. ``vectors``: statement embeddings for the
    statements without a key. ``documents`` (id -> Document) lets speakers be told from the
    documents' own outlets. A claim is listed when ``min_sources`` independent sources support
    or refute it.
    """
    docs = documents or {}
    usable = [s for s in statements if s.content.text.strip()]
    usable.sort(key=lambda s: (s.kind == "authorial", -len(s.content.text)))
    usable = usable[:MAX_STATEMENTS]
    if not usable:
        return []
    if parses is None:
        parses = parse_statements(usable, nlp=nlp)
    else:
        by_id = {s.id: p for s, p in zip(statements, parses, strict=True)}
        parses = [by_id[s.id] for s in usable]
    keys, surfaces, groups = normalized_keys(usable, parses)
    located = located_in(usable, parses, groups)
    candidates, _by_key, attached = _keyed(usable, parses, keys, surfaces, groups, located)

    unkeyed = [
        i
        for i, ks in enumerate(keys)
        if not set(ks) & attached
        and usable[i].id in vectors
        and len(content_words(usable[i].content.text)) >= MIN_WORDS
    ]
    # a judgement on other claims ("these allegations are false") is about the propositions
    # its document makes: judged toward the who-does-what-to-whom propositions with members
    # there (not toward embedding clusters, whose names it would refute as readily), not
    # clustered itself
    verdicts = [
        i
        for i, ks in enumerate(keys)
        if not set(ks) & attached and judges_claims(usable[i], parses[i])
    ]
    unkeyed = [i for i in unkeyed if i not in set(verdicts)]
    for cand in candidates:
        where = {usable[i].doc_id for i in cand.members}
        cand.neighbours.extend(i for i in verdicts if usable[i].doc_id in where)
    if vectors:
        dim = len(next(iter(vectors.values())))
        matrix = np.zeros((len(usable), dim))
        for i, s in enumerate(usable):
            if s.id in vectors:
                matrix[i] = np.asarray(vectors[s.id], dtype=np.float64)
        matrix = normalise(matrix)
        if unkeyed:
            clustered = _clustered(usable, parses, unkeyed, matrix, distance or DISTANCE)
            with_vectors = [i for i, s in enumerate(usable) if s.id in vectors]
            for cand in clustered:
                # statements near the cluster outside it: a denial is often worded otherwise
                centre = normalise(matrix[cand.members].mean(axis=0, keepdims=True))[0]
                sims = matrix[with_vectors] @ centre
                inside = set(cand.members)
                cand.neighbours = [
                    with_vectors[k]
                    for k in np.argsort(-sims)
                    if sims[k] >= NEIGHBOUR_SIMILARITY and with_vectors[k] not in inside
                ][:NEIGHBOURS]
            candidates.extend(clustered)
            # unkeyed statements near a keyed proposition are judged toward it too
            for cand in candidates:
                with_vec = [i for i in cand.members if usable[i].id in vectors]
                if cand.key is None or not with_vec:
                    continue
                centre = normalise(matrix[with_vec].mean(axis=0, keepdims=True))[0]
                sims = matrix[unkeyed] @ centre
                near = [unkeyed[k] for k in np.argsort(-sims) if sims[k] >= EMBED_SIMILARITY]
                cand.neighbours.extend(near[:EMBED_NEIGHBOURS])

    relays = relayed(usable)
    # the documents' texts let the judge resolve descriptions as a claim map does
    texts = {doc_id: doc.text for doc_id, doc in docs.items()} if docs else None

    def sources(indices: Sequence[int]) -> int:
        return len({_source(usable[i], docs, relays) for i in indices})

    def prescore(c: _Candidate) -> tuple[int, int, bool, int]:
        own, around = sources(c.members), sources([*c.members, *c.neighbours])
        return (
            -(own + around),
            -len({usable[i].doc_id for i in c.members}),
            c.key is None,
            c.members[0],
        )

    candidates.sort(key=prescore)
    candidates = candidates[: top + JUDGED_EXTRA]
    for cand in candidates:
        judged = list(dict.fromkeys([*cand.members, *cand.neighbours]))[:MAX_JUDGED]
        stances = judge_statements(judge, cand.name, [usable[i] for i in judged], texts=texts)
        cand.stances = dict(zip(judged, stances, strict=True))

    # two claims without a key worded alike: each naming statement is judged toward the
    # other claim too, so that one proposition in two wordings can be merged (``_mirrored``)
    unkeyed_cands = [c for c in candidates if c.key is None]
    words = {id(c): content_words(c.name) for c in unkeyed_cands}
    for cand in unkeyed_cands:
        todo = [
            o.members[0]
            for o in unkeyed_cands
            if o is not cand
            and o.members[0] not in cand.stances
            and len(words[id(cand)] & words[id(o)]) >= MIRROR_WORDS
        ]
        todo = list(dict.fromkeys(todo))
        stances = judge_statements(judge, cand.name, [usable[i] for i in todo], texts=texts)
        cand.stances.update(zip(todo, stances, strict=True))

    # near-duplicates merged into the candidate discussed more; the statements it had not
    # judged are judged toward its name (a merged claim may be the negation of the other)
    merged: list[_Candidate] = []
    for cand in candidates:
        into = next((m for m in merged if _same_claim(m, cand) or _mirrored(m, cand)), None)
        if into is None:
            merged.append(cand)
            continue
        into.variants.append(cand.name)
        into.members.extend(i for i in cand.members if i not in set(into.members))
        fresh = [i for i in cand.stances if i not in into.stances][:MAX_JUDGED]
        stances = judge_statements(judge, into.name, [usable[i] for i in fresh], texts=texts)
        into.stances.update(zip(fresh, stances, strict=True))

    assigned = _assign(merged)
    found = []
    for c, cand in enumerate(merged):
        sides: dict[str, list[int]] = {"supports": [], "refutes": []}
        for i in sorted(cand.stances):
            if i in assigned and assigned[i][0] == c:
                sides[assigned[i][1]].append(i)
        neutral = [
            i
            for i in cand.members
            if i not in assigned and i in cand.stances and cand.stances[i].label == "neutral"
        ]
        item = _build(cand, sides, neutral, usable, docs, relays)
        if item.independent_sources >= min_sources:
            found.append((item, cand.key is None))
    found.sort(
        key=lambda f: (
            -min(f[0].supporters, f[0].refuters),
            -f[0].independent_sources,
            -f[0].documents,
            f[1],
            f[0].claim.text,
        )
    )
    return [item for item, _unkeyed in found[:top]]


def discover(
    store: Any, *, top: int = 20, judge: Any = None, distance: float = DISTANCE
) -> list[DiscoveredClaim]:
    """The ``top`` most contested propositions in ``store`` (``discover_in`` over every stored
    statement, with the store's embeddings and documents)."""
    if judge is None:
        from claimgraph.stance import get_judge

        judge = get_judge()
    statements = list(store.statements())
    vectors = store.embeddings([s.id for s in statements])
    docs = {d.id: d for d in store.documents()}
    return discover_in(statements, vectors, judge=judge, top=top, distance=distance, documents=docs)
