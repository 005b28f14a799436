"""The JSON shape of a claim map (``claimgraph map --json``)."""

from __future__ import annotations

from typing import Any

from claimgraph.model import CORRECTION_JUDGE, ClaimMap, JudgedStatement, Span, Stance


def _span(span: Span | None) -> dict[str, object] | None:
    return span.to_dict() if span is not None else None


def votes_to_list(stance: Stance) -> list[dict[str, Any]]:
    """How each part of a combined stance voted: one entry per part with its judge name,
    label, confidence, weight (its pull on the combined label) and the part of the text it
    read (null: the whole text). Empty for a single judge."""
    return [
        {
            "judge": v.judge,
            "label": v.label,
            "confidence": round(float(v.confidence), 4),
            "weight": round(float(v.weight), 4),
            "part": _span(v.part),
        }
        for v in stance.votes
    ]


def _file(item: JudgedStatement) -> str | None:
    return item.document.path or item.document.url


def statement_to_dict(item: JudgedStatement) -> dict[str, Any]:
    """One judged statement as a JSON object."""
    st = item.statement
    date = st.date
    return {
        "id": st.id,
        "file": _file(item),
        "doc_id": st.doc_id,
        "speaker": st.speaker,
        "actor_id": st.actor_id,
        "source": _span(st.source),
        "cue": _span(st.cue),
        "content": _span(st.content),
        "sentence": _span(st.sentence),
        "kind": st.kind,
        "stance": item.stance.label,
        "confidence": round(float(item.stance.confidence), 4),
        "hedged": bool(item.stance.hedged),
        "evidence": _span(item.stance.evidence),
        "judge": item.stance.judge,
        "votes": votes_to_list(item.stance),
        "stance_corrected": item.stance.judge.startswith(CORRECTION_JUDGE),
        "anonymous": st.anonymous,
        "via": st.via,
        "via_chain": list(item.via_chain),
        "original": item.original,
        "same_as": list(item.same_as),
        "date": {
            "value": date.value if date else None,
            "precision": date.precision if date else None,
            "inferred": date.inferred if date else True,
            "span": _span(date.span) if date else None,
            "not_before": bool(date.not_before) if date else False,
            "kind": (date.kind if date else None) or "undated",
            "placed": bool(date.placed) if date else False,
            "via_document": date.via_document if date else None,
        },
    }


def claim_map_to_dict(cmap: ClaimMap) -> dict[str, Any]:
    """The claim map as plain JSON-ready data: claim, statements, actors, documents,
    independent sources and single-source notes per side."""
    return {
        "claim": cmap.claim.text,
        "claim_id": cmap.claim.id,
        "statements": [statement_to_dict(item) for item in cmap.statements],
        "actors": [
            {
                "actor": a.actor.name,
                "actor_id": a.actor.id,
                "kind": a.actor.kind,
                "anonymous": a.actor.anonymous,
                "stance": a.stance.label,
                "confidence": round(float(a.stance.confidence), 4),
                "hedged": bool(a.stance.hedged),
                "statements": list(a.statement_ids),
                "corrections": list(a.actor.corrections),
            }
            for a in cmap.actors
        ],
        "documents": [
            {
                "doc_id": d.document.id,
                "file": d.document.path or d.document.url,
                "title": d.document.title,
                "outlet": d.document.outlet,
                "published": d.document.published,
                "stance": d.stance.label,
                "confidence": round(float(d.stance.confidence), 4),
                "evidence": _span(d.stance.evidence),
                "judge": d.stance.judge,
                "votes": votes_to_list(d.stance),
                "voice": "own" if d.stance.label in ("supports", "refutes") else "reports",
                "reported": (
                    {
                        "stance": d.reported.label,
                        "confidence": round(float(d.reported.confidence), 4),
                        "hedged": bool(d.reported.hedged),
                        "evidence": _span(d.reported.evidence),
                    }
                    if d.reported is not None
                    else None
                ),
            }
            for d in cmap.documents
        ],
        "independent_sources": dict(cmap.independent_sources),
        "single_source_sides": {k: list(v) for k, v in cmap.single_source_sides.items()},
    }
