"""The sentence-pair model: numpy network = torch trainer, features, artifact, judge."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimgraph.errors import ModelError
from claimgraph.stance.compositional import NAME as COMPOSITIONAL
from claimgraph.stance.pairs import PairJudge, PairModel, load_pair_model, packaged_pairs_dir
from claimgraph.stance.pairs_data import PAIR_LABELS
from claimgraph.stance.pairs_features import LEXICAL_NAMES, focus, lexical
from claimgraph.stance.pairs_net import logits


def _feature(claim: str, text: str, name: str) -> float:
    return float(lexical(claim, text)[LEXICAL_NAMES.index(name)])


def test_lexical_features_see_negation_numbers_and_names() -> None:
    claim = "Norland shipped 40 tanks to the Brisa Guard"
    assert (
        _feature(claim, "Norland did not ship tanks to the Brisa Guard", "negation_text_only") == 1
    )
    assert _feature(claim, "Norland shipped tanks to the Brisa Guard", "negation_text_only") == 0
    assert (
        _feature(claim, "Norland shipped 12 tanks to the Brisa Guard", "claim_number_missing") == 1
    )
    assert (
        _feature(claim, "Norland shipped 40 tanks to the Brisa Guard", "claim_number_missing") == 0
    )
    assert (
        _feature(claim, "Tessia shipped 40 tanks to the Korvan Front", "claim_name_missing") > 0.5
    )
    assert _feature(claim, "Officials called the report a hoax", "refute_words") > 0
    assert _feature(claim, "Norland shipped 40 tanks to the Brisa Guard", "claim_coverage") == 1


def test_focus_keeps_short_texts_and_picks_overlapping_sentences() -> None:
    short = "Norland denies shipping tanks."
    assert focus("Norland shipped tanks", short) == short
    filler = " ".join(
        f"The harbour at Pell opened a new quay number {i} this spring." for i in range(8)
    )
    text = f"{filler} Norland shipped tanks to the Brisa Guard, a minister said. {filler}"
    picked = focus("Norland shipped tanks to the Brisa Guard", text)
    assert "Norland shipped tanks to the Brisa Guard" in picked
    assert len(picked) < len(text) / 4


def _random_weights(rng: np.random.Generator, hidden: int = 8) -> dict[str, np.ndarray]:
    shapes = {
        "proj": (384, hidden),
        "cmp": (4 * hidden, hidden),
        "glob": (4 * 384, hidden),
        "hid": (5 * hidden + len(LEXICAL_NAMES), 16),
        "out": (16, len(PAIR_LABELS)),
    }
    out = {}
    for name, (n_in, n_out) in shapes.items():
        out[f"{name}.w"] = rng.normal(0, 0.2, (n_in, n_out)).astype(np.float32)
        out[f"{name}.b"] = rng.normal(0, 0.2, n_out).astype(np.float32)
    return out


def test_numpy_network_matches_the_torch_trainer() -> None:
    torch = pytest.importorskip("torch", reason="torch is the trainer's dependency")
    from claimgraph.train import pairs as trainer

    rng = np.random.default_rng(7)
    old = trainer.HIDDEN, trainer.HIDDEN_OUT
    trainer.HIDDEN, trainer.HIDDEN_OUT = 8, 16
    try:
        net = trainer._module(len(LEXICAL_NAMES))
    finally:
        trainer.HIDDEN, trainer.HIDDEN_OUT = old
    weights = _random_weights(rng)
    with torch.no_grad():
        for name in ("proj", "cmp", "glob", "hid", "out"):
            getattr(net, name).weight.copy_(torch.from_numpy(weights[f"{name}.w"].T.copy()))
            getattr(net, name).bias.copy_(torch.from_numpy(weights[f"{name}.b"]))
    net.eval()
    claims = [rng.normal(size=(n, 384)).astype(np.float32) for n in (3, 5)]
    texts = [rng.normal(size=(n, 384)).astype(np.float32) for n in (7, 2)]
    lex = rng.random((2, len(LEXICAL_NAMES))).astype(np.float32)
    c, cm = trainer._batch(claims)
    t, tm = trainer._batch(texts)
    with torch.no_grad():
        expected = net(c, cm, t, tm, torch.from_numpy(lex)).numpy()
    got = np.stack([logits(weights, claims[i], texts[i], lex[i]) for i in range(2)])
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


def test_artifact_round_trip_without_pickle(tmp_path: Path) -> None:
    weights = _random_weights(np.random.default_rng(1))
    PairModel(weights, {"name": "pairs.test"}).save(tmp_path)
    loaded = PairModel.load(tmp_path)
    assert loaded.meta["name"] == "pairs.test"
    for key, value in weights.items():
        np.testing.assert_array_equal(loaded.weights[key], value)
    with np.load(tmp_path / "pairs_weights.npz", allow_pickle=False) as data:
        assert all(data[k].dtype == np.float32 for k in data.files)


def test_missing_or_incomplete_artifact_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="train pairs"):
        PairModel.load(tmp_path)
    weights = _random_weights(np.random.default_rng(2))
    del weights["cmp.w"]
    PairModel(weights, {}).save(tmp_path)
    with pytest.raises(ModelError, match="cmp.w"):
        PairModel.load(tmp_path)


def test_packaged_model_records_data_command_and_seed() -> None:
    meta = json.loads((packaged_pairs_dir() / "pairs_model.json").read_text("utf-8"))
    assert meta["command"].startswith("claimgraph train pairs")
    assert isinstance(meta["seed"], int)
    assert meta["data"] and all(len(h) == 64 for h in meta["data"].values())
    size = sum(p.stat().st_size for p in packaged_pairs_dir().glob("pairs_*"))
    assert size < 60 * 2**20


def test_packaged_judge_gives_valid_stances_for_every_text_shape() -> None:
    judge = PairJudge(load_pair_model())
    article = " ".join(
        f"The council of Pell met on day {i} to discuss the harbour." for i in range(40)
    )
    pairs = [
        (
            "Norland shipped tanks to the Brisa Guard",
            "Norland shipped tanks to the Brisa Guard.",
            None,
        ),
        ("Norland shipped tanks to the Brisa Guard", "", None),
        ("Norland shipped tanks to the Brisa Guard", article, None),
    ]
    stances = judge.judge_many(pairs)
    assert [s.label in PAIR_LABELS for s in stances] == [True, True, True]
    assert stances[1].label == "unrelated"
    assert all(0 <= s.confidence <= 1 for s in stances)


def _stance_cli(tmp_path: Path, lines: list[dict[str, str]], *options: str) -> list[dict]:
    from typer.testing import CliRunner

    from claimgraph.cli import app

    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stance", "--pairs", str(path), *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


PAIRS = [
    {
        "id": "s",
        "claim": "Norland is shipping tanks to the Brisa Guard",
        "text": "Norland is shipping tanks to the Brisa Guard, two ministers said.",
    },
    {
        "id": "r",
        "claim": "Norland is shipping tanks to the Brisa Guard",
        "text": "Norland's foreign ministry said claims that it ships tanks to the Brisa Guard are absolutely false.",
    },
]


def test_stance_pairs_combined_judge_shows_its_votes(tmp_path: Path) -> None:
    out = _stance_cli(tmp_path, PAIRS, "--judge", "combined")
    assert [o["judge"] for o in out] == ["combined.v1", "combined.v1"]
    for o in out:
        assert [v["judge"] for v in o["votes"]] == [COMPOSITIONAL, "fnc.v1", "pairs.v1"]
        assert all(v["label"] in PAIR_LABELS for v in o["votes"])
    assert out[0]["label"] == "supports"


@pytest.mark.xfail(
    strict=True,
    reason="known gap: on a reported denial ('claims that ... are absolutely false') the "
    "compositional judge refutes, but the combination follows the pair model's support",
)
def test_combined_judge_reads_a_reported_denial_as_refutation(tmp_path: Path) -> None:
    assert _stance_cli(tmp_path, PAIRS, "--judge", "combined")[1]["label"] == "refutes"


def test_stance_pairs_asks_the_default_judge_not_only_the_article_model(tmp_path: Path) -> None:
    out = _stance_cli(tmp_path, PAIRS)
    assert [o["judge"] for o in out] == [COMPOSITIONAL, COMPOSITIONAL]
    assert [o["label"] for o in out] == ["supports", "refutes"]  # a one-sentence denial


@pytest.mark.parametrize("judge", ["compositional", "pairs", "combined"])
def test_stance_pairs_judge_option_selects_one(tmp_path: Path, judge: str) -> None:
    out = _stance_cli(tmp_path, PAIRS, "--judge", judge)
    expected = {"compositional": COMPOSITIONAL, "pairs": "pairs.v1", "combined": "combined.v1"}
    assert all(o["judge"] == expected[judge] for o in out)
    assert all(o["label"] in PAIR_LABELS for o in out)
