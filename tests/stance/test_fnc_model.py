"""The committed article-level stance model, the ``stance --pairs`` and ``eval stance`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimgraph.stance import fnc
from claimgraph.stance.fnc import FncModel, load_model, packaged_model_dir, sentence_vectors
from claimgraph.stance.fnc_data import FNC_LABELS, read_fnc
from claimgraph.stance.fnc_score import score
from claimgraph.stance.fnc_text import PROTOTYPE_KINDS

pytestmark = pytest.mark.model

FNC_MINI = Path(__file__).resolve().parent.parent / "fixtures" / "fnc_mini"

CLAIM = "Giant squid found living in city reservoir"
AGREE = (
    "A giant squid has been found living in the Lindenport city reservoir. Divers discovered the "
    "animal, which is nearly four metres long, near the main intake pipe on Friday morning. "
    "The water authority confirmed the discovery and released video footage showing the squid "
    "swimming close to the surface. Biologists from the university examined the squid and said it "
    "was healthy. It is the first time a squid has been found in the reservoir. Nobody knows how it "
    "got there, but experts believe it was released by a private collector. The authority said the "
    "water remains safe to drink and that the squid will be moved to the city aquarium next week. "
    "Hundreds of people gathered at the reservoir on Saturday hoping to catch a glimpse of the animal."
)
DISAGREE = (
    "Reports that a giant squid was found living in the city reservoir are a hoax, officials said "
    "on Friday. The photo shared online was fake: it was doctored from an aquarium picture taken "
    'years ago. "There is no squid in the reservoir. The story is completely false," a water '
    "authority spokeswoman said. Experts said no squid could survive in fresh water and urged "
    "people not to share the fabricated image."
)
# A debunking article of ordinary news length (FNC-1 bodies run to ~20 sentences); the short
# DISAGREE above is out of that length distribution (see test_obvious_cases).
DISAGREE_LONG = (
    "A story claiming that a giant squid was found living in the Lindenport city reservoir has "
    "spread quickly on social media this week. The post, shared more than forty thousand times, "
    "showed a blurry photo of a long tentacle rising from the water near the main intake pipe.\n\n"
    "But the story is a hoax. The water authority said on Friday that no squid had been found in "
    "the reservoir, and that the photo was doctored from a picture taken at a seaside aquarium "
    'several years ago. "There is no squid in our reservoir. The story is completely false," a '
    'spokeswoman for the authority said. "We have checked the intake screens every day and found '
    'nothing unusual."\n\n'
    "Marine biologists also dismissed the claim. Squid are ocean animals and cannot survive in "
    "fresh water, said Dr. Hana Okafor of the Lindenport Institute of Marine Science. "
    '"It is simply not possible for a squid to live in a reservoir. Whoever made this up did not '
    'check the most basic facts," she said.\n\n'
    "The original post appeared on a website that publishes satirical stories and describes its "
    "articles as fiction. Several readers shared it without noticing the disclaimer at the bottom "
    "of the page. Fact-checkers traced the image to a photo-sharing site, where it was first "
    "posted in an album of aquarium pictures.\n\n"
    "The authority urged residents not to share the fabricated image and reminded them that the "
    "reservoir is closed to the public. Officials said they would not comment further on the "
    "rumour, which they described as baseless."
)
DISCUSS = (
    "A giant squid was reportedly spotted in the city reservoir, according to posts on social "
    "media. The claims could not be verified, and officials have not confirmed whether any squid "
    "was found. A local blog said the animal may have been seen by a fisherman on Tuesday. "
    "It is unclear where the rumour started."
)
UNRELATED = (
    "The city council approved a new budget for road repairs on Monday. The plan includes "
    "resurfacing twelve streets and adding cycle lanes to the main avenue. Work will begin in "
    "April and should be finished by the end of the year, the council said."
)


def _pairs_of(confusion: list[list[int]]) -> tuple[list[str], list[str]]:
    """Gold and predicted labels reproducing a confusion matrix."""
    gold: list[str] = []
    predicted: list[str] = []
    for g, row in zip(FNC_LABELS, confusion, strict=True):
        for p, count in zip(FNC_LABELS, row, strict=True):
            gold += [g] * count
            predicted += [p] * count
    return gold, predicted


@pytest.fixture(scope="module")
def model() -> FncModel:
    return load_model()


def test_committed_artifact_is_small_and_documented(model: FncModel) -> None:
    folder = packaged_model_dir()
    total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    assert total < 20_000_000
    meta = model.meta
    assert set(meta["trained_on"]) == {"train_bodies.csv", "train_stances.csv"}
    assert all(len(h) == 64 for h in meta["trained_on"].values())
    assert meta["command"].startswith("claimgraph train stance --data ")
    split = meta["split"]
    assert split["by"] == "strict" and isinstance(split["seed"], int)
    metrics = meta["metrics"]
    assert metrics["heldout"] == metrics["strict"]
    for by in ("strict", "headline"):
        held = metrics[by]
        assert held["n"] == split["heldout"][by]["pairs"] > 1000
        assert sum(map(sum, held["confusion"])) == held["n"]
        # the recorded figures are those of the recorded confusion matrix
        rescored = score(*_pairs_of(held["confusion"]))
        assert rescored.fnc_score == pytest.approx(held["fnc_score"])
        assert rescored.macro_f1 == pytest.approx(held["macro_f1"])
    # The shipped model is the final refit (`train stance ... --final`): fitted on every pair of
    # FNC-1 train, held-out parts included. Its metrics were measured before the refit, by a
    # model trained only on the pairs outside both held-out parts.
    assert split["final_refit"] is True
    assert meta["command"].endswith(" --split strict --final")
    assert split["final_train_pairs"] == 49972  # every pair of FNC-1 train
    assert "refitted on every pair" in split["note"]
    assert split["train_pairs"] + split["heldout"]["headline"]["pairs"] < 49972
    assert split["train_pairs"] + split["heldout"]["strict"]["pairs"] < 49972
    # The targets hold on held-out headlines (bodies may have been seen in training).
    headline = metrics["headline"]
    assert headline["fnc_score"] >= 85.0
    assert headline["macro_f1"] >= 0.70
    assert headline["per_class_f1"]["disagree"] >= 0.40
    # Unseen stories (neither headline nor body trained on) are much harder; these floors are
    # just under what was measured (see the report in fnc_model.json), to catch regressions.
    strict = metrics["strict"]
    assert strict["fnc_score"] >= 78.0
    assert strict["macro_f1"] >= 0.63
    assert strict["per_class_f1"]["disagree"] >= 0.22
    # tuning (class weights) used a validation part carved from the training part only
    assert metrics["validation"]["n"] < split["train_pairs"]
    assert strict["fnc_score"] < headline["fnc_score"]
    for text in (json.dumps(meta),):
        assert "/work/" not in text and "/tmp/" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (AGREE, "agree"),
        (DISAGREE_LONG, "disagree"),
        pytest.param(
            DISAGREE,
            "disagree",
            marks=pytest.mark.xfail(
                strict=True,
                reason="a 5-sentence debunk is shorter than FNC-1's bodies: the body-size "
                "features push it to discuss (dropping them cost 0.010 strict validation "
                "macro-F1, so they stay)",
            ),
        ),
        (DISCUSS, "discuss"),
        (UNRELATED, "unrelated"),
    ],
)
def test_obvious_cases(model: FncModel, text: str, expected: str) -> None:
    [(label, confidence)] = model.predict([(CLAIM, text)], workers=1)
    assert label == expected
    assert 0.25 < confidence <= 1.0


def test_prototype_similarity_with_the_real_embedding(model: FncModel) -> None:
    _, bodies = model.analyse([CLAIM], [AGREE, DISAGREE, DISCUSS], workers=1)
    refute, hedge, confirm = (PROTOTYPE_KINDS.index(k) for k in ("refute", "hedge", "confirm"))
    best = {text: info.proto.max(axis=0) for text, info in bodies.items()}
    assert best[DISAGREE][refute] > best[AGREE][refute] + 0.2
    assert best[DISCUSS][hedge] > best[AGREE][hedge]
    assert best[AGREE][confirm] > 0.2
    assert all(info.proto.shape[0] == len(info.sentences) for info in bodies.values())


def test_stances_map_labels(model: FncModel) -> None:
    stances = model.stances([(CLAIM, DISAGREE_LONG), (CLAIM, UNRELATED)], workers=1)
    assert [s.label for s in stances] == ["refutes", "unrelated"]
    assert all(s.judge == fnc.NAME for s in stances)


def test_each_distinct_text_is_analysed_once(
    model: FncModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = fnc.sentence_vectors

    def counting(items: list[tuple[str, bool]], **kwargs: object) -> list[np.ndarray]:
        calls.append(len(items))
        return real(items, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fnc, "sentence_vectors", counting)
    pairs = [
        (c, t) for c in (CLAIM, "Council approves road budget") for t in (AGREE, UNRELATED)
    ] * 3
    model.predict(pairs, workers=1)
    assert calls == [4]  # 2 distinct claims + 2 distinct texts, for 12 pairs, in one pass


def test_worker_processes_give_the_same_vectors() -> None:
    texts = [f"Sentence {i}. The bridge will close in month {i % 12}." for i in range(70)]
    items = [(t, i % 3 == 0) for i, t in enumerate(texts)]
    parallel = sentence_vectors(items, workers=2)
    serial = sentence_vectors(items, workers=1)
    assert len(parallel) == len(serial) == 70
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(parallel, serial, strict=True))
    assert parallel[0].shape[0] == 1 and parallel[1].shape[0] == 2  # claim: one vector


def _app():  # type: ignore[no-untyped-def]
    from claimgraph.cli import app

    return app


def test_pairs_cli_round_trip(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "claim": CLAIM, "text": AGREE},
        {"id": "b", "claim": CLAIM, "text": DISAGREE_LONG},
        {"id": "c", "claim": CLAIM, "text": UNRELATED},
        {"id": "d", "claim": CLAIM, "text": AGREE},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    result = CliRunner().invoke(
        _app(), ["stance", "--pairs", str(path), "--workers", "1", "--judge", "article"]
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert {o["judge"] for o in out} == {"fnc.v1"}
    assert {o["label"] for o in out} <= {"supports", "refutes", "neutral", "unrelated"}
    assert out[0]["label"] == "supports" and out[1]["label"] == "refutes"
    assert out[2]["label"] == "unrelated"
    assert out[0] == {**out[3], "id": "a"}
    assert all(0.0 <= o["confidence"] <= 1.0 for o in out)


def test_pairs_cli_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "claim": "only a claim"}\n', encoding="utf-8")
    result = CliRunner().invoke(_app(), ["stance", "--pairs", str(path), "--workers", "1"])
    assert result.exit_code == 3
    assert "line 1" in result.output


def test_eval_cli_on_mini_folder(model: FncModel) -> None:
    result = CliRunner().invoke(
        _app(), ["eval", "stance", str(FNC_MINI), "--split", "all", "--json", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n"] == 8
    assert sum(map(sum, scores["confusion"])) == 8
    # The same numbers as running the model directly.
    data = read_fnc(FNC_MINI)
    predicted = model.predict([(p.headline, data.bodies[p.body_id]) for p in data.pairs], workers=1)

    direct = score([p.label for p in data.pairs], [label for label, _ in predicted])
    assert scores["fnc_score"] == pytest.approx(direct.fnc_score)
    assert scores["macro_f1"] == pytest.approx(direct.macro_f1)
    assert direct.fnc_score >= 75.0  # the hand-written pairs are easy

    held = CliRunner().invoke(_app(), ["eval", "stance", str(FNC_MINI), "--json", "--workers", "1"])
    assert held.exit_code == 0, held.output
    strict_n = json.loads(held.stdout)["n"]
    assert 0 < strict_n < 8  # only the held-out stories (default --split strict)
    by_headline = CliRunner().invoke(
        _app(), ["eval", "stance", str(FNC_MINI), "--split", "headline", "--json", "--workers", "1"]
    )
    assert by_headline.exit_code == 0, by_headline.output
    # the headline split also keeps the held-out headlines' pairs with bodies seen in training
    assert strict_n < json.loads(by_headline.stdout)["n"] < 8
    bad = CliRunner().invoke(_app(), ["eval", "stance", str(FNC_MINI), "--split", "bodies"])
    assert bad.exit_code != 0


def test_eval_cli_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["eval", "stance", str(tmp_path / "none")])
    assert result.exit_code == 6


def test_article_backend_follows_the_judge_protocol() -> None:
    from claimgraph.stance.base import BACKENDS, StanceJudge

    judge = BACKENDS["article"]()
    assert isinstance(judge, StanceJudge)
    assert judge.name == fnc.NAME
    assert judge.judge(CLAIM, DISAGREE_LONG).label == "refutes"
    many = judge.judge_many([(CLAIM, UNRELATED, None), (CLAIM, AGREE, "context is ignored")])
    assert [s.label for s in many] == ["unrelated", "supports"]
