"""``claimgraph train stance`` end to end on a small invented FNC-1-format folder."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from claimgraph.stance.fnc import FncModel

pytestmark = pytest.mark.model

SUBJECTS = [
    ("A giant squid", "the city reservoir"),
    ("A rare white tiger", "the mountain zoo"),
    ("A stolen painting", "a river barge"),
    ("A lost satellite", "the northern desert"),
    ("The missing mayor", "a fishing village"),
    ("A gold coin hoard", "an old farmhouse"),
    ("A talking parrot", "the harbour market"),
    ("The runaway train", "the border tunnel"),
    ("A meteorite fragment", "the school yard"),
    ("The famous violin", "a church attic"),
    ("A sunken warship", "the southern bay"),
    ("The escaped circus bear", "the suburban park"),
]


def _write_folder(folder: Path) -> int:
    rng = random.Random(5)
    folder.mkdir()
    bodies: list[tuple[int, str]] = []
    stances: list[tuple[str, int, str]] = []
    for i, (thing, place) in enumerate(SUBJECTS):
        agree_body = (
            f"Officials confirmed that {thing.lower()} was found in {place} on Tuesday. "
            f"Witnesses described how {thing.lower()} appeared in {place}, and experts said the "
            "discovery was genuine."
        )
        deny_body = (
            f"Officials denied reports that {thing.lower()} was found in {place}. The claim is "
            "false, a spokesman said, calling the story a hoax with no evidence at all."
        )
        discuss_body = (
            f"Reports claim {thing.lower()} may have been seen near {place}, but nothing has "
            "been confirmed yet and officials would not comment on the rumours."
        )
        ids = []
        for text in (agree_body, deny_body, discuss_body):
            bodies.append((len(bodies), text))
            ids.append(bodies[-1][0])
        headline = f"{thing} found in {place}"
        for body_id, label in zip(ids, ("agree", "disagree", "discuss"), strict=True):
            stances.append((headline, body_id, label))
        other = SUBJECTS[(i + 1 + rng.randrange(len(SUBJECTS) - 1)) % len(SUBJECTS)]
        stances.append((f"{other[0]} found in {other[1]}", ids[0], "unrelated"))
    with (folder / "train_bodies.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows(bodies)
    with (folder / "train_stances.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows(stances)
    return len(stances)


def test_train_writes_a_loadable_documented_artifact(tmp_path: Path) -> None:
    from claimgraph.train.stance import train_stance

    total = _write_folder(tmp_path / "fnc")
    vocabularies = {}
    for final in (False, True):
        out = tmp_path / f"model-{final}"
        meta = train_stance(
            tmp_path / "fnc", out_dir=out, workers=1, final=final, params={"max_iter": 20}
        )
        split = meta["split"]
        assert split["final_refit"] is final
        assert split["train_pairs"] < total  # measured with the held-out parts set aside
        # the final artifact is fitted on every pair; the measured one only on the training part
        assert split["final_train_pairs"] == (total if final else None)
        assert ("refitted on every pair" in split["note"]) is final
        assert meta["command"] == ""  # the API records what the CLI passes
        model = FncModel.load(out)
        assert model.meta["split"]["final_refit"] is final
        stances = model.stances([("A giant squid found in the city reservoir", "It rained.")])
        assert stances[0].label in ("supports", "refutes", "neutral", "unrelated")
        vocabularies[final] = set(model.vocab.idf)
    # the final refit's vocabulary also covers the held-out texts
    assert vocabularies[False] < vocabularies[True]
