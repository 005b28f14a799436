"""Reading FNC-1-format folders and splitting them by headline.

A folder holds ``*_bodies.csv`` (``Body ID``, ``articleBody``) and ``*_stances.csv``
(``Headline``, ``Body ID``, ``Stance``). ``train_`` files are preferred when several are present.
Two held-out splits: ``headline`` (no headline on both sides; bodies are shared) and ``strict``
(whole stories held out: neither a headline nor a body of the held-out part occurs in training).
"""

from __future__ import annotations

import csv
import hashlib
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import DataError

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
"""The four FNC-1 classes, in the order the model outputs them."""
HELDOUT_FRACTION = 0.2
"""Share of headlines held out by ``claimgraph train stance``."""
SPLIT_SEED = 1234
"""Seed of the held-out split (train and eval use the same)."""
SPLITS = ("strict", "headline")
"""Held-out split kinds (see ``split_pairs``); the first is the one used for tuning."""


@dataclass(frozen=True, slots=True)
class FncPair:
    """One labelled (headline, body) pair."""

    headline: str
    body_id: str
    label: str


@dataclass(frozen=True, slots=True)
class FncData:
    """An FNC-1-format folder as read."""

    bodies: dict[str, str]
    pairs: list[FncPair]
    files: tuple[Path, ...]


def _pick(folder: Path, suffix: str) -> Path:
    matches = sorted(folder.glob(f"*{suffix}"))
    if not matches:
        raise DataError(f"no *{suffix} file in the folder", path=str(folder))
    preferred = [m for m in matches if m.name.startswith("train")]
    return (preferred or matches)[0]


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip().lstrip("\ufeff") for h in (reader.fieldnames or [])]
            missing = [c for c in required if c not in header]
            if missing:
                raise DataError(f"missing columns {', '.join(missing)}", path=str(path))
            reader.fieldnames = header
            return [dict(row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise DataError(f"cannot read CSV: {e}", path=str(path)) from e


def read_fnc(folder: str | Path) -> FncData:
    """Read an FNC-1-format folder; DataError if files, columns or labels are wrong."""
    root = Path(folder)
    if not root.is_dir():
        raise DataError("not a folder", path=str(root))
    bodies_path = _pick(root, "_bodies.csv")
    stances_path = _pick(root, "_stances.csv")
    bodies = {
        row["Body ID"].strip(): row["articleBody"] or ""
        for row in _rows(bodies_path, ("Body ID", "articleBody"))
    }
    pairs: list[FncPair] = []
    for line, row in enumerate(_rows(stances_path, ("Headline", "Body ID", "Stance")), start=2):
        body_id = row["Body ID"].strip()
        label = (row["Stance"] or "").strip().lower()
        if label not in FNC_LABELS:
            raise DataError(f"line {line}: unknown stance {label!r}", path=str(stances_path))
        if body_id not in bodies:
            raise DataError(f"line {line}: unknown Body ID {body_id}", path=str(stances_path))
        pairs.append(FncPair(headline=row["Headline"] or "", body_id=body_id, label=label))
    if not pairs:
        raise DataError("no labelled pairs", path=str(stances_path))
    return FncData(bodies=bodies, pairs=pairs, files=(bodies_path, stances_path))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def split_headlines(
    pairs: list[FncPair], *, seed: int = SPLIT_SEED, fraction: float = HELDOUT_FRACTION
) -> tuple[list[int], list[int]]:
    """Indices of (kept, held-out) pairs, holding out ``fraction`` of the distinct headlines."""
    headlines = sorted({p.headline for p in pairs})
    rng = random.Random(seed)
    rng.shuffle(headlines)
    n_held = round(len(headlines) * fraction)
    if len(headlines) > 1:
        n_held = min(max(n_held, 1), len(headlines) - 1)
    held = set(headlines[:n_held])
    kept_idx = [i for i, p in enumerate(pairs) if p.headline not in held]
    held_idx = [i for i, p in enumerate(pairs) if p.headline in held]
    return kept_idx, held_idx


def _stories(pairs: list[FncPair]) -> list[tuple[set[str], set[str]]]:
    """Connected groups of (headlines, body ids) linked by related (not unrelated) pairs."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        h, b = find("h\0" + p.headline), find("b\0" + p.body_id)
        if p.label != "unrelated" and h != b:
            parent[h] = b
    groups: dict[str, tuple[set[str], set[str]]] = {}
    for node in sorted(parent):
        heads, bodies = groups.setdefault(find(node), (set(), set()))
        kind, _, value = node.partition("\0")
        (heads if kind == "h" else bodies).add(value)
    return [groups[k] for k in sorted(groups, key=lambda k: min(groups[k][0] or groups[k][1]))]


def split_strict(
    pairs: list[FncPair], *, seed: int = SPLIT_SEED, fraction: float = HELDOUT_FRACTION
) -> tuple[list[int], list[int]]:
    """Indices of (kept, held-out) pairs with neither headlines nor bodies shared.

    Headlines and bodies linked by related pairs form stories; whole stories (about
    ``fraction`` of the headlines) are held out. Held-out pairs: held-out headline with held-out
    body; kept pairs: kept headline with kept body. Pairs crossing the two sides (all
    ``unrelated`` by construction) are dropped from both, so no held-out text is ever trained on.
    """
    stories = _stories(pairs)
    random.Random(seed).shuffle(stories)
    total = sum(len(h) for h, _ in stories)
    want = max(1, round(total * fraction)) if len(stories) > 1 else 0
    held_heads: set[str] = set()
    held_bodies: set[str] = set()
    for heads, bodies in stories[: len(stories) - 1]:
        if len(held_heads) >= want:
            break
        held_heads |= heads
        held_bodies |= bodies
    kept_idx = [
        i
        for i, p in enumerate(pairs)
        if p.headline not in held_heads and p.body_id not in held_bodies
    ]
    held_idx = [
        i for i, p in enumerate(pairs) if p.headline in held_heads and p.body_id in held_bodies
    ]
    return kept_idx, held_idx


def split_pairs(
    pairs: list[FncPair],
    *,
    by: str = "strict",
    seed: int = SPLIT_SEED,
    fraction: float = HELDOUT_FRACTION,
) -> tuple[list[int], list[int]]:
    """(kept, held-out) pair indices of the ``strict`` or ``headline`` split; DataError if unknown."""
    if by == "strict":
        return split_strict(pairs, seed=seed, fraction=fraction)
    if by == "headline":
        return split_headlines(pairs, seed=seed, fraction=fraction)
    raise DataError(f"unknown split {by!r}; use one of {', '.join(SPLITS)}")
