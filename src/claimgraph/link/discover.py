"""Claim discovery: cluster statements into propositions and rank the contested ones.

Statements are clustered by their embeddings (agglomerative, average linkage, cosine
distance threshold). Each cluster is named by a representative member that asserts rather
than denies (so the sides read the right way round); every member is judged toward that
representative, and clusters are ranked by how contested they are: supporters and
refuters both present first, then the number of independent sources and documents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimgraph.link.claimmap import judge_statements, make_claim
from claimgraph.link.retrieve import lexicon
from claimgraph.model import Claim, Statement

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
class DiscoveredClaim:
    """A proposition the corpus discusses, with how contested it is."""

    claim: Claim
    """Named by its representative statement's content."""
    statement_ids: tuple[str, ...]
    """The statements of the cluster (representative first)."""
    documents: int
    """Distinct documents the statements stand in."""
    supporters: int
    """Distinct sources supporting the representative."""
    refuters: int
    """Distinct sources refuting it."""
    neutral: int
    """Distinct sources reporting or hedging."""
    independent_sources: int
    """Distinct sources overall."""
    score: float
    """Contestedness (higher first)."""
    contested: bool
    """Supporters and refuters are both present."""


def _normalise(matrix: np.ndarray) -> np.ndarray:
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
    labels = model.fit_predict(_normalise(np.asarray(vectors, dtype=np.float64)))
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _source(statement: Statement) -> str:
    if statement.kind == "authorial":
        return f"writer:{statement.doc_id}"
    if statement.actor_id:
        return statement.actor_id
    name = statement.speaker or (statement.source.text if statement.source else "?")
    return f"{statement.doc_id}:{name.lower()}"


def _is_denial(statement: Statement) -> bool:
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
        score -= 0.3 if _is_denial(st) else 0.0
        score -= 0.01 * max(0, words - 12)
        score += 0.05 if st.kind != "authorial" else 0.0
        if score > best_score:
            best, best_score = i, score
    return best


_EMBEDDED = re.compile(
    r"^(?:the\s+|these\s+|such\s+|an?\s+)?(?:claims?|reports?|allegations?|accusations?|"
    r"suggestions?|assertions?|news reports?|articles?|stor(?:y|ies)|information)\s+"
    r"(?:that\s+)?(.+?)(?:\s+as\s+[“\"]?\w+.*)?$",
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


def discover_in(
    statements: Sequence[Statement],
    vectors: Mapping[str, np.ndarray],
    *,
    judge: Any,
    top: int = 20,
    distance: float = DISTANCE,
    min_sources: int = 1,
) -> list[DiscoveredClaim]:
    """The ``top`` most contested propositions among ``statements`` (pure: no store).

    Only statements with an embedding in ``vectors`` and at least ``MIN_WORDS`` words are
    clustered; a cluster is kept when it has ``min_sources`` distinct sources.
    """
    from claimgraph.link.retrieve import content_words

    usable = [
        s for s in statements if s.id in vectors and len(content_words(s.content.text)) >= MIN_WORDS
    ]
    usable.sort(key=lambda s: (s.kind == "authorial", -len(s.content.text)))
    usable = usable[:MAX_STATEMENTS]
    if not usable:
        return []
    matrix = _normalise(np.stack([np.asarray(vectors[s.id], dtype=np.float64) for s in usable]))
    groups = []
    for group in cluster(matrix, distance=distance):
        sources = {_source(usable[i]) for i in group}
        if len(sources) < min_sources:
            continue
        centroid = _normalise(matrix[group].mean(axis=0, keepdims=True))[0]
        related = int((matrix @ centroid >= NEIGHBOUR_SIMILARITY).sum()) - len(group)
        groups.append((group, len(sources), len({usable[i].doc_id for i in group}), related))
    # judge only the clusters most discussed (judging is the cost): sources, documents,
    # then statements near them outside the cluster
    groups.sort(key=lambda g: (-g[1], -g[2], -g[3], g[0][0]))
    found: list[DiscoveredClaim] = []
    for group, n_sources, docs, _related in groups[: top + JUDGED_EXTRA]:
        centroid = _normalise(matrix[group].mean(axis=0, keepdims=True))[0]
        rep = representative([usable[i] for i in group], matrix[group])
        # the representative first, then members by closeness to the centre
        order = [
            rep,
            *sorted(
                (k for k in range(len(group)) if k != rep),
                key=lambda k: -float(matrix[group[k]] @ centroid),
            ),
        ]
        members = [usable[group[k]] for k in order]
        # related statements outside the cluster: denials often phrase a claim differently
        inside = set(group)
        near = [
            i
            for i in np.argsort(-(matrix @ centroid))[: NEIGHBOURS + len(group)]
            if i not in inside and float(matrix[i] @ centroid) >= NEIGHBOUR_SIMILARITY
        ][:NEIGHBOURS]
        # for a large cluster the members nearest its centre are judged (judging is the cost)
        others = [*members[:MAX_JUDGED_MEMBERS], *(usable[i] for i in near)]
        text = claim_text(members[0])
        stances = judge_statements(judge, text, others)
        sides: dict[str, set[str]] = {"supports": set(), "refutes": set(), "neutral": set()}
        for st, stance in zip(others, stances, strict=True):
            if stance.label in sides:
                sides[stance.label].add(_source(st))
        sup, ref = len(sides["supports"]), len(sides["refutes"])
        all_sources = set().union(*sides.values())
        contested = sup > 0 and ref > 0
        score = 3.0 * min(sup, ref) + 1.0 * (sup + ref) + 0.5 * len(all_sources) + 0.25 * docs
        found.append(
            DiscoveredClaim(
                claim=make_claim(text),
                statement_ids=tuple(s.id for s in members),
                documents=docs,
                supporters=sup,
                refuters=ref,
                neutral=len(sides["neutral"]),
                independent_sources=max(n_sources, len(all_sources)),
                score=round(score, 3),
                contested=contested,
            )
        )
    found.sort(key=lambda d: (-d.contested, -d.score, d.claim.text))
    return found[:top]


def discover(
    store: Any, *, top: int = 20, judge: Any = None, distance: float = DISTANCE
) -> list[DiscoveredClaim]:
    """The ``top`` most contested propositions in ``store``: statements grouped by their
    "agent predicate recipient" key, the rest by embeddings (``propositions.propositions_in``)."""
    from claimgraph.link.propositions import propositions_in

    if judge is None:
        from claimgraph.stance import get_judge

        judge = get_judge()
    statements = list(store.statements())
    vectors = store.embeddings([s.id for s in statements])
    return propositions_in(statements, vectors, judge=judge, top=top, distance=distance)
