"""Training and measuring pairs of the sentence-pair model (``claimgraph train pairs``).

Three sources under one data folder, each mapped onto PAIR_LABELS (supports, refutes,
neutral, unrelated) and split into a training part and a held-out part that no model of this
project trains on:

- ``fnc1-train/``: FNC-1 (agree, disagree, discuss, unrelated); held out: the ``strict`` and
  ``headline`` parts of ``fnc_data.split_pairs`` (the article model's held-out stories and
  headlines, same seed), so ``eval stance`` measures every judge on the same unseen stories.
- ``perspectrum/``: claim/perspective SUPPORT/UNDERMINE; unrelated pairs pair a claim with
  another claim's perspective; held out: the dataset's own ``test`` split (``dev`` trains).
- ``fever-pairs/``: FEVER claim/evidence (entailment/not_entailment = supports/refutes);
  unrelated pairs pair a claim with another claim's evidence; held out: a share of the claims
  chosen by a hash of the claim text and the seed (every pair of a held-out claim is held out).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import DataError
from claimgraph.model import StanceLabel
from claimgraph.stance.fnc_data import SPLIT_SEED, SPLITS, read_fnc, sha256_file, split_pairs

PAIR_LABELS: tuple[StanceLabel, ...] = ("supports", "refutes", "neutral", "unrelated")
FROM_FNC = {
    "agree": "supports",
    "disagree": "refutes",
    "discuss": "neutral",
    "unrelated": "unrelated",
}
SOURCES = ("fnc", "perspectrum", "fever")
FEVER_HELDOUT = 0.2
"""Share of FEVER claims held out for measuring."""
UNRELATED_PER_CLAIM = 1
"""Unrelated pairs made per PERSPECTRUM claim cluster / FEVER claim."""
FNC_UNRELATED_KEEP = 0.15
"""Share of FNC training pairs labelled unrelated kept (they are 73% of FNC-1)."""
FNC_RELATED_KEEP = 0.5
"""Share of the other FNC training pairs kept (the article model reads FNC's shape; the pair
model needs its wording of denial, not all of its repeats of the same bodies)."""


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled (claim, text) pair."""

    claim: str
    text: str
    label: str
    source: str
    group: str
    """The claim's group (FNC headline, PERSPECTRUM claim id, FEVER claim): splits keep a group
    together, and training batches learn from many groups."""


@dataclass(frozen=True, slots=True)
class PairSets:
    """Training and held-out pairs per source, and the sha256 of every file read."""

    train: dict[str, list[Pair]]
    heldout: dict[str, list[Pair]]
    files: dict[str, str]


def _held(key: str, seed: int, fraction: float) -> bool:
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def read_fnc_pairs(folder: Path, seed: int = SPLIT_SEED) -> tuple[list[Pair], list[Pair]]:
    """(training, held-out strict) pairs of an FNC-1-format folder; bodies are whole texts."""
    data = read_fnc(folder)
    excluded: set[int] = set()
    strict: list[int] = []
    for by in SPLITS:
        kept, held = split_pairs(data.pairs, by=by, seed=seed)
        excluded |= set(range(len(data.pairs))) - set(kept)
        if by == "strict":
            strict = held
    rng = random.Random(seed)
    train: list[Pair] = []
    for i, p in enumerate(data.pairs):
        if i in excluded:
            continue
        keep = FNC_UNRELATED_KEEP if p.label == "unrelated" else FNC_RELATED_KEEP
        if p.label != "disagree" and rng.random() > keep:
            continue
        train.append(Pair(p.headline, data.bodies[p.body_id], FROM_FNC[p.label], "fnc", p.headline))
    held_pairs = [
        Pair(p.headline, data.bodies[p.body_id], FROM_FNC[p.label], "fnc", p.headline)
        for p in (data.pairs[i] for i in strict)
    ]
    return train, held_pairs


def _load_json(path: Path) -> object:
    try:
        return json.loads(path.read_text("utf-8"))
    except OSError as e:
        raise DataError(f"cannot read: {e.strerror}", path=str(path)) from e
    except ValueError as e:
        raise DataError(f"not valid JSON: {e}", path=str(path)) from e


def read_perspectrum(folder: Path, seed: int = SPLIT_SEED) -> tuple[list[Pair], list[Pair]]:
    """(train + dev, test) pairs of PERSPECTRUM: one pair per perspective of each cluster."""
    claims = _load_json(folder / "perspectrum_with_answers_v1.0.json")
    pool = _load_json(folder / "perspective_pool_v1.0.json")
    split = _load_json(folder / "dataset_split_v1.0.json")
    if not isinstance(claims, list) or not isinstance(pool, list) or not isinstance(split, dict):
        raise DataError("unexpected PERSPECTRUM layout", path=str(folder))
    texts = {int(p["pId"]): str(p["text"]) for p in pool}
    parts: dict[str, list[Pair]] = {"train": [], "test": []}
    by_claim: dict[str, list[str]] = {"train": [], "test": []}
    rng = random.Random(seed)
    per_claim: list[tuple[str, str, list[str]]] = []
    for item in claims:
        cid = str(item["cId"])
        part = "test" if split.get(cid) == "test" else "train"
        own: list[str] = []
        for cluster in item.get("perspectives", []):
            label = {"SUPPORT": "supports", "UNDERMINE": "refutes"}.get(
                str(cluster.get("stance_label_3"))
            )
            for pid in cluster.get("pids", []):
                if label and int(pid) in texts:
                    own.append(texts[int(pid)])
                    parts[part].append(
                        Pair(str(item["text"]), texts[int(pid)], label, "perspectrum", cid)
                    )
        by_claim[part].extend(own)
        per_claim.append((cid, part, own))
    for cid, part, own in per_claim:
        others = by_claim[part]
        claim_text = next(str(c["text"]) for c in claims if str(c["cId"]) == cid)
        n = max(1, len(own) // 3) * UNRELATED_PER_CLAIM
        mine = set(own)
        for _ in range(n):
            text = rng.choice(others)
            if text not in mine:
                parts[part].append(Pair(claim_text, text, "unrelated", "perspectrum", cid))
    return parts["train"], parts["test"]


def read_fever(
    folder: Path, seed: int = SPLIT_SEED, fraction: float = FEVER_HELDOUT
) -> tuple[list[Pair], list[Pair]]:
    """(training, held-out by claim) FEVER pairs, plus unrelated ones from other claims."""
    lines = []
    for name in ("dev.raw.input1", "dev.raw.input0", "dev.label"):
        path = folder / name
        try:
            lines.append(path.read_text("utf-8").splitlines())
        except OSError as e:
            raise DataError(f"cannot read: {e.strerror}", path=str(path)) from e
    if len({len(part) for part in lines}) != 1:
        raise DataError("FEVER files differ in line count", path=str(folder))
    parts: dict[bool, list[Pair]] = {False: [], True: []}
    for claim, evidence, label in zip(*lines, strict=True):
        gold = {"entailment": "supports", "not_entailment": "refutes"}.get(label.strip())
        if gold is None:
            raise DataError(f"unknown FEVER label {label!r}", path=str(folder / "dev.label"))
        parts[_held(claim, seed, fraction)].append(Pair(claim, evidence, gold, "fever", claim))
    rng = random.Random(seed)
    for held in (False, True):
        real = list(parts[held])
        for pair in real[:: max(1, 3 // UNRELATED_PER_CLAIM)]:
            other = rng.choice(real)
            if other.group != pair.group:
                parts[held].append(Pair(pair.claim, other.text, "unrelated", "fever", pair.group))
    return parts[False], parts[True]


def read_all(data_dir: str | Path, *, seed: int = SPLIT_SEED) -> PairSets:
    """Every source under ``data_dir`` (fnc1-train/, perspectrum/, fever-pairs/)."""
    root = Path(data_dir)
    folders = {
        "fnc": root / "fnc1-train",
        "perspectrum": root / "perspectrum",
        "fever": root / "fever-pairs",
    }
    for name, folder in folders.items():
        if not folder.is_dir():
            raise DataError(f"missing {name} folder", path=str(folder))
    train: dict[str, list[Pair]] = {}
    held: dict[str, list[Pair]] = {}
    train["fnc"], held["fnc"] = read_fnc_pairs(folders["fnc"], seed)
    train["perspectrum"], held["perspectrum"] = read_perspectrum(folders["perspectrum"], seed)
    train["fever"], held["fever"] = read_fever(folders["fever"], seed)
    files = {
        f"{folder.name}/{path.name}": sha256_file(path)
        for folder in folders.values()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix != ".txt"
    }
    return PairSets(train, held, files)
