"""The same remark reported in several articles, and how many independent sources a side has.

Split from ``claimgraph.link.provenance`` (which re-exports these names): statements in
different documents are linked as one remark when their speakers agree and their words do
(``link_same_statements``); a side of a claim counts its distinct original sources, linked
remarks once (``independence``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from claimgraph.model import JudgedStatement, Statement

# --- the same remark reported in several documents ------------------------------------------


def _words(text: str) -> set[str]:
    """Crude word keys: the content words of ``text``, stemmed and cut to five letters
    ("refute"/"refuting" -> "refut", "arms"/"arming" -> "arm")."""
    from claimgraph.link.retrieve import content_words

    return {w[:5] for w in content_words(text)}


def word_overlap(a: Statement, b: Statement) -> float:
    """Shared word keys over the smaller statement's keys (0..1)."""
    wa, wb = _words(a.content.text), _words(b.content.text)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def similarity(
    a: Statement, b: Statement, vectors: Mapping[str, np.ndarray] | None = None
) -> float:
    """Cosine of the statements' embeddings when both have one, else word overlap."""
    if vectors and a.id in vectors and b.id in vectors:
        va, vb = np.asarray(vectors[a.id], dtype=float), np.asarray(vectors[b.id], dtype=float)
        denom = float(np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0
        return float(va @ vb) / denom
    return word_overlap(a, b)


def _speaker_text(st: Statement) -> str:
    name = st.speaker or (st.source.text if st.source else "") or ""
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip().lower())


def _same_actor(a: Statement, b: Statement) -> bool:
    if a.actor_id and b.actor_id and a.actor_id == b.actor_id:
        return True
    local = [
        s for s in (a, b) if not s.actor_id or s.doc_id[:12] in s.actor_id
    ]  # actors the store could not merge across documents ("company-<doc>")
    if local and _speaker_text(a) and _speaker_text(a) == _speaker_text(b):
        return True  # the same words name the speaker ("the company", "the airline")
    if a.actor_id and b.actor_id:
        return False
    if a.speaker and b.speaker:
        return a.speaker.split()[-1].lower() == b.speaker.split()[-1].lower()
    return False


def _relayed(a: Statement, b: Statement) -> bool:
    """``a`` is a medium's report of what ``b`` told it ("The Ledger reported that ..." and
    "Quell told The Ledger that ...")."""
    from claimgraph.analyze.media import same_medium

    name = a.speaker or (a.source.text if a.source else None)
    return bool(name and b.via and same_medium(name, b.via))


def link_same_statements(
    statements: Sequence[Statement],
    vectors: Mapping[str, np.ndarray] | None = None,
    *,
    threshold: float = 0.7,
    anonymous_threshold: float = 0.85,
    min_overlap: float = 0.5,
) -> dict[str, tuple[str, ...]]:
    """Statement id -> ids of statements in other documents reporting the same remark.

    Two statements are the same remark when they are in different documents, their
    speakers are the same actor (or both anonymous, with a stricter threshold; or one is a
    medium reporting what the other's speaker told it), their
    embeddings are similar (cosine >= ``threshold``) and they share words (overlap >=
    ``min_overlap``; an actor's remarks on one topic all embed alike, the words tell them
    apart). Without embeddings, word overlap alone must reach ``threshold``. Links are
    closed transitively.
    """
    parent = {s.id: s.id for s in statements}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    items = [s for s in statements if s.kind != "authorial"]
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.doc_id == b.doc_id:
                continue
            if a.anonymous and b.anonymous:
                limit = anonymous_threshold
            elif _same_actor(a, b) or _relayed(a, b) or _relayed(b, a):
                limit = threshold
            else:
                continue
            if similarity(a, b, vectors) >= limit and word_overlap(a, b) >= min_overlap:
                parent[find(a.id)] = find(b.id)
    groups: dict[str, list[str]] = {}
    for s in statements:
        groups.setdefault(find(s.id), []).append(s.id)
    return {sid: tuple(o for o in groups[find(sid)] if o != sid) for sid in parent}


# --- independence ----------------------------------------------------------------------------


def source_key(item: JudgedStatement) -> str | None:
    """The original source a judged statement rests on (None for the writer's own voice and
    for sources the map does not list as actors, see ``claimgraph.link.speakers``)."""
    from claimgraph.link.speakers import speaker_key

    # None: the writer's own voice, a headline fragment, an unresolved or misread source
    return speaker_key(item.statement, item.document)


def independence(
    items: Sequence[JudgedStatement],
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Per side: the number of distinct original sources, and notes on fragile sides.

    Statements linked as the same remark count once. A side is noted when it rests on a
    single anonymous source, on a single source, or when every report of it comes through
    one outlet.
    """
    by_id = {i.statement.id: i for i in items}
    counts: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for side in ("supports", "refutes", "neutral"):
        members = [i for i in items if i.stance.label == side]
        if not members:
            continue
        roots: dict[str, JudgedStatement] = {}
        for item in members:
            key = source_key(item)
            if key is None:
                continue
            linked = [source_key(by_id[o]) for o in item.same_as if o in by_id]
            key = min([key, *(k for k in linked if k)])
            roots.setdefault(key, item)
        counts[side] = len(roots)
        side_notes: list[str] = []
        if len(roots) == 1:
            only = next(iter(roots.values()))
            who = only.statement.speaker or (
                only.statement.source.text if only.statement.source else "?"
            )
            kind = "anonymous source" if only.statement.anonymous else "source"
            side_notes.append(f"rests on a single {kind}: {who}")
        channels = {
            (i.via_chain[-2] if len(i.via_chain) >= 2 and not i.original else i.via_chain[-1])
            for i in members
            if i.via_chain
        }
        if len(channels) == 1 and len(members) > 1:
            side_notes.append(f"every report comes through one outlet: {next(iter(channels))}")
        if side_notes:
            notes[side] = side_notes
    return counts, notes
