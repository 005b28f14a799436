"""Discovered claims stored with the store, so listing them costs a read.

``refresh`` computes the list (``discover``) and saves it as JSON with the store's signature
(documents stored, statements, the judge's fingerprint, this module's version); ``claims`` reads it back
when the signature still matches and computes (and saves, when the store is writable)
otherwise. ``Claimgraph.add`` refreshes after it stored new documents, so the home page and
``claimgraph claims`` read what was computed as the documents were added.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from claimgraph.link.claimmap import make_claim
from claimgraph.link.clusters import DiscoveredClaim, SideStatement
from claimgraph.link.discover import discover

VERSION = "discovered.v4"
"""Version of the stored list (a new version recomputes it)."""
STORED_TOP = 20
"""Claims stored: ``claims(top=n)`` for n up to this reads the stored list (the list the CLI
and the home page show; a longer one is computed on asking: judging candidates for 50 cost
about a third more at ``add``)."""


def to_dict(item: DiscoveredClaim) -> dict[str, Any]:
    """``item`` as plain JSON data (what ``claims --json`` prints)."""

    def side(statements: tuple[SideStatement, ...]) -> list[dict[str, Any]]:
        return [
            {
                "statement_id": s.statement_id,
                "doc_id": s.doc_id,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "source": s.source,
                "speaker": s.speaker,
            }
            for s in statements
        ]

    return {
        "claim": item.claim.text,
        "claim_id": item.claim.id,
        "contested": item.contested,
        "score": item.score,
        "supporters": item.supporters,
        "refuters": item.refuters,
        "neutral": item.neutral,
        "independent_sources": item.independent_sources,
        "documents": item.documents,
        "variants": list(item.variants),
        "statements": list(item.statement_ids),
        "supporting": side(item.supporting),
        "refuting": side(item.refuting),
    }


def from_dict(data: dict[str, Any]) -> DiscoveredClaim:
    """The ``DiscoveredClaim`` of ``to_dict``'s data."""

    def side(rows: list[dict[str, Any]]) -> tuple[SideStatement, ...]:
        return tuple(
            SideStatement(
                statement_id=str(r["statement_id"]),
                doc_id=str(r["doc_id"]),
                start=int(r["start"]),
                end=int(r["end"]),
                text=str(r["text"]),
                source=str(r["source"]),
                speaker=None if r.get("speaker") is None else str(r["speaker"]),
            )
            for r in rows
        )

    claim = make_claim(str(data["claim"]))
    return DiscoveredClaim(
        claim=claim,
        statement_ids=tuple(str(i) for i in data["statements"]),
        documents=int(data["documents"]),
        supporters=int(data["supporters"]),
        refuters=int(data["refuters"]),
        neutral=int(data["neutral"]),
        independent_sources=int(data["independent_sources"]),
        score=float(data["score"]),
        contested=bool(data["contested"]),
        supporting=side(data.get("supporting", [])),
        refuting=side(data.get("refuting", [])),
        variants=tuple(str(v) for v in data.get("variants", [])),
    )


RESULT_SETTINGS = frozenset(
    {"spacy_model", "use_embeddings", "model", "model_dir", "max_length", "json_mode", "labels"}
)
"""Attributes of a judge (leading underscore stripped) that change what it answers: their
values enter its fingerprint. Anything else (workers, timeouts, keys, caches) does not."""


def _is_part(value: Any, package: str) -> bool:
    """A model or sub-judge the fingerprint looks into: an object of claimgraph or of the
    judge's own package that carries model metadata (``meta``) or judges (``judge_many``)."""
    module = type(value).__module__.split(".")[0]
    if module not in {"claimgraph", package}:
        return False
    return isinstance(getattr(value, "meta", None), Mapping) or hasattr(value, "judge_many")


def _describe(obj: Any, package: str, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {"type": f"{type(obj).__module__}.{type(obj).__qualname__}"}
    name = getattr(obj, "name", None)
    if isinstance(name, str):
        out["name"] = name
    meta = getattr(obj, "meta", None)
    if isinstance(meta, Mapping):
        text = json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False)
        out["meta"] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    for key, value in sorted(getattr(obj, "__dict__", {}).items()):
        if key.lstrip("_") in RESULT_SETTINGS and (
            value is None or isinstance(value, (str, int, float, bool, tuple))
        ):
            out[key.lstrip("_")] = value
        elif depth < 3 and _is_part(value, package):
            out[key.lstrip("_")] = _describe(value, package, depth + 1)
    return out


def judge_fingerprint(judge: Any) -> str:
    """What the judge is, beyond its name: ``name@digest`` of its type, the metadata of the
    models it holds (their data sha256, command, seed, training figures), the settings that
    change its answers (``RESULT_SETTINGS``) and the same of the judges it combines. A judge
    may define ``fingerprint`` (a string) to say it itself. Retraining a model, pointing a
    setting at another model or switching embeddings off changes the fingerprint even when
    the judge keeps its name (computed on each call: about 15 ms for the combined judge)."""
    own = getattr(judge, "fingerprint", None)
    if isinstance(own, str) and own:
        return own
    name = str(getattr(judge, "name", None) or type(judge).__name__)
    package = type(judge).__module__.split(".")[0]
    text = json.dumps(_describe(judge, package, 0), sort_keys=True, default=str)
    return f"{name}@{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


def signature(store: Any, judge: Any) -> str:
    """What the stored list was computed on: documents stored, documents not analysed, the
    judge's fingerprint (``judge_fingerprint``), this module's version
    (``Claimgraph.reanalyze`` refreshes the list itself)."""
    pending = len(store.unanalyzed(language=None))
    return f"{VERSION}|docs={store.count()}|unanalysed={pending}|judge={judge_fingerprint(judge)}"


def _default_judge(judge: Any) -> Any:
    if judge is not None:
        return judge
    from claimgraph.stance import get_judge

    return get_judge()


def stored(store: Any, judge: Any = None) -> list[DiscoveredClaim] | None:
    """The stored list when it was computed on the store as it is now, else None."""
    row = store.discovered()
    if row is None or row[0] != signature(store, _default_judge(judge)):
        return None
    return [from_dict(d) for d in json.loads(row[1])]


def refresh(store: Any, *, judge: Any = None) -> list[DiscoveredClaim]:
    """Compute the list (``STORED_TOP`` claims) and store it when the store is writable."""
    judge = _default_judge(judge)
    found = discover(store, top=STORED_TOP, judge=judge)
    if not getattr(store, "readonly", False):
        payload = json.dumps([to_dict(d) for d in found], ensure_ascii=False)
        store.save_discovered(signature(store, judge), payload)
    return found


def claims(store: Any, *, top: int = 20, judge: Any = None) -> list[DiscoveredClaim]:
    """The ``top`` most contested claims: read from the store when fresh, else computed."""
    judge = _default_judge(judge)
    if top > STORED_TOP:
        return discover(store, top=top, judge=judge)
    found = stored(store, judge)
    if found is None:
        found = refresh(store, judge=judge)
    return found[:top]
