"""Score the discovered-claims list against a gold list of propositions to check.

A gold file (``tests/fixtures/claims_gold/*.json``) names a corpus (``paths``) and the
propositions a fact-checker would check in it. A listed claim matches a gold proposition when,
for every group of its ``all`` terms, the claim's text (or one of its merged variants) contains
one of the group's terms (lower case, substrings), and contains none of its ``none`` terms.

- **precision@k**: among the first ``k`` listed claims, the share that match a gold proposition
  not matched by a claim above them (a near-duplicate of a claim above counts as a miss);
- **recall**: the share of gold propositions matched by some claim of the whole list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class GoldProposition:
    """One proposition of a gold list."""

    id: str
    """Its id in the gold file ("D1")."""
    text: str
    """The proposition as a fact-checker would write it."""
    all_terms: tuple[tuple[str, ...], ...]
    """Groups of terms: a match contains one term of every group."""
    none_terms: tuple[str, ...]
    """Terms a match must not contain."""

    def matches(self, texts: Sequence[str]) -> bool:
        """One of ``texts`` (a claim's name and its variants) reads as this proposition."""
        for text in texts:
            low = text.lower()
            if any(term in low for term in self.none_terms):
                continue
            if all(any(term in low for term in group) for group in self.all_terms):
                return True
        return False


@dataclass(frozen=True, slots=True)
class GoldList:
    """A gold file: the corpus and its propositions."""

    corpus: str
    """Short name of the corpus."""
    paths: tuple[str, ...]
    """Folders of the corpus, relative to the repository root."""
    propositions: tuple[GoldProposition, ...]
    """What a fact-checker would check."""


@dataclass(frozen=True, slots=True)
class GoldScore:
    """Precision of the top of the list and recall of the gold list."""

    corpus: str
    """The gold list's corpus."""
    k: int
    """Claims counted for precision."""
    precision_at_k: float
    """Share of the first ``k`` claims matching a new gold proposition."""
    recall: float
    """Share of gold propositions matched anywhere in the list."""
    hits: tuple[str | None, ...]
    """Per listed claim (first ``k``), the gold id it newly matched, or None."""
    found: tuple[str, ...]
    """Gold ids matched anywhere in the list."""


def load_gold(path: str | Path) -> GoldList:
    """Read one gold file (a clear ``ValueError`` naming the file when it is malformed)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        props = tuple(
            GoldProposition(
                id=str(p["id"]),
                text=str(p["text"]),
                all_terms=tuple(tuple(str(t).lower() for t in group) for group in p["all"]),
                none_terms=tuple(str(t).lower() for t in p.get("none", [])),
            )
            for p in data["propositions"]
        )
        return GoldList(str(data["corpus"]), tuple(data["paths"]), props)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{path}: not a claims gold file ({e})") from e


def claim_texts(item: Any) -> list[str]:
    """A listed claim's name and its variants (a ``DiscoveredClaim`` or a plain string)."""
    if isinstance(item, str):
        return [item]
    texts = [str(item.claim.text)]
    texts.extend(str(v) for v in getattr(item, "variants", ()) or ())
    return texts


def score(gold: GoldList, listed: Sequence[Any], *, k: int = 10) -> GoldScore:
    """Precision@k and recall of ``listed`` (claims, best first) against ``gold``."""
    texts = [claim_texts(item) for item in listed]
    seen: set[str] = set()
    hits: list[str | None] = []
    for names in texts[:k]:
        hit = next((p.id for p in gold.propositions if p.id not in seen and p.matches(names)), None)
        if hit is not None:
            seen.add(hit)
        hits.append(hit)
    found = tuple(p.id for p in gold.propositions if any(p.matches(n) for n in texts))
    top = min(k, len(texts))
    return GoldScore(
        corpus=gold.corpus,
        k=k,
        precision_at_k=sum(h is not None for h in hits) / top if top else 0.0,
        recall=len(found) / len(gold.propositions) if gold.propositions else 0.0,
        hits=tuple(hits),
        found=found,
    )
