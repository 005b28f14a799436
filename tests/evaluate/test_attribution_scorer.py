"""The PolNeAR-style BRAT scorer on folders written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import DataError
from claimgraph.evaluate.attribution import (
    PredictedRelation,
    evaluate_attribution,
    format_scores,
    relations_from_statements,
    score_documents,
    token_f1,
)
from claimgraph.evaluate.brat import load_brat_folder, read_ann
from claimgraph.model import Span, Statement

TEXT = (
    "Harbor news\n"
    "“The pier will reopen,” said Mayor Ada Lind. The council believes the cost is too high. "
    "Critics, the paper reported, were not consulted."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _ann() -> str:
    c1, s1, q1 = (
        _span(TEXT, "The pier will reopen"),
        _span(TEXT, "Mayor Ada Lind"),
        _span(TEXT, "said"),
    )
    c2, s2, q2 = (
        _span(TEXT, "the cost is too high"),
        _span(TEXT, "The council"),
        _span(TEXT, "believes"),
    )
    c3a, c3b = _span(TEXT, "Critics"), _span(TEXT, "were not consulted")
    q3 = _span(TEXT, "reported")
    return (
        "\n".join(
            [
                f"T1\tContent {c1[0]} {c1[1]}\tThe pier will reopen",
                f"T2\tSource {s1[0]} {s1[1]}\tMayor Ada Lind",
                f"T3\tCue {q1[0]} {q1[1]}\tsaid",
                f"T4\tAttribution {q1[0]} {q1[1]}\tsaid",
                "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
                f"T5\tContent {c2[0]} {c2[1]}\tthe cost is too high",
                f"T6\tSource {s2[0]} {s2[1]}\tThe council",
                f"T7\tCue {q2[0]} {q2[1]}\tbelieves",
                "E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6",
                f"T8\tContent {c3a[0]} {c3a[1]};{c3b[0]} {c3b[1]}\tCritics were not consulted",
                f"T9\tCue {q3[0]} {q3[1]}\treported",
                "E3\tAttribution-no-source:T9 Content:T8 Cue:T9",
                "T10\tDiscard 0 11\tHarbor news",
            ]
        )
        + "\n"
    )


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbor.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "harbor_ab12.ann").write_text(_ann(), encoding="utf-8")
    # a second annotator's file: the first in sorted order is the reference
    (tmp_path / "attributions" / "harbor_zz99.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_ann_ties_spans_and_discontinuous_pieces(folder: Path) -> None:
    rels = read_ann(folder / "attributions" / "harbor_ab12.ann")
    assert len(rels) == 3
    assert TEXT[slice(*rels[0].source[0])] == "Mayor Ada Lind" and rels[0].cue_text == "said"
    assert len(rels[2].content) == 2 and rels[2].source == ()
    docs = load_brat_folder(folder)
    assert [d.name for d in docs] == ["harbor"] and len(docs[0].relations) == 3


def test_perfect_predictions_score_one(folder: Path) -> None:
    (doc,) = load_brat_folder(folder)
    preds = [
        PredictedRelation(content=r.content, source=r.source, cue=r.cue, cue_lemma="say")
        for r in doc.relations
    ]
    scores = score_documents([(doc.text, doc.relations, preds)])
    assert scores.attribution.f1 == 1.0 and scores.content.f1 == 1.0
    # speech-verb subset: gold "said" and "reported" are speech cues, "believes" is not
    assert scores.speech_attribution.gold == 2
    assert scores.speech_attribution.recall == 1.0


def test_source_must_overlap_and_matching_is_one_to_one(folder: Path) -> None:
    (doc,) = load_brat_folder(folder)
    gold = doc.relations[0]
    wrong_source = PredictedRelation(
        content=gold.content, source=(_span(TEXT, "council"),), cue_lemma="say"
    )
    duplicate = PredictedRelation(content=gold.content, source=gold.source, cue_lemma="say")
    scores = score_documents([(doc.text, doc.relations, [wrong_source])])
    assert scores.content.tp_gold == 1 and scores.attribution.tp_gold == 0
    scores = score_documents([(doc.text, doc.relations, [duplicate, duplicate])])
    assert scores.attribution.tp_pred == 1 and scores.attribution.predicted == 2
    assert scores.attribution.precision == 0.5
    # a reference without a source accepts a prediction without one
    third = doc.relations[2]
    scores = score_documents(
        [(doc.text, doc.relations, [PredictedRelation(content=third.content)])]
    )
    assert scores.attribution.tp_gold == 1
    assert "attribution (all)" in format_scores(scores)


def test_token_overlap_threshold() -> None:
    text = "one two three four five six"
    assert token_f1(text, ((0, 13),), ((0, 13),)) == 1.0
    half = token_f1(text, ((0, 13),), ((4, 18),))  # two of three tokens shared
    assert abs(half - 2 * 2 / 6) < 1e-9
    assert token_f1(text, ((0, 3),), ((24, 27),)) == 0.0


def test_statements_sharing_a_cue_become_one_relation() -> None:
    text = "“A b c,” she said. “D e f.”"
    cue = Span.of(text, text.index("said"), text.index("said") + 4)
    st1 = Statement(
        id="1", doc_id="d", kind="direct", content=Span.of(text, 1, 6), cue=cue, cue_lemma="say"
    )
    st2 = Statement(
        id="2", doc_id="d", kind="direct", content=Span.of(text, 20, 25), cue=cue, cue_lemma="say"
    )
    (rel,) = relations_from_statements([st1, st2])
    assert rel.content == ((1, 6), (20, 25))


def test_missing_folders_raise_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_brat_folder(tmp_path)


@pytest.mark.model
def test_eval_command_scores_our_extractor(folder: Path) -> None:
    from typer.testing import CliRunner

    from claimgraph.cli import app

    scores = evaluate_attribution(folder)
    assert scores.documents == 1
    assert scores.attribution.tp_gold >= 1  # the direct quote at least
    result = CliRunner().invoke(app, ["eval", "attribution", str(folder)])
    assert result.exit_code == 0, result.output
    assert "attribution (all)" in result.stdout and "speech verbs" in result.stdout
    result = CliRunner().invoke(app, ["eval", "attribution", str(folder / "nope")])
    assert result.exit_code == DataError.exit_code


@pytest.mark.model
def test_train_command_writes_a_model_with_its_provenance(folder: Path, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from claimgraph.analyze.attribution import parse
    from claimgraph.analyze.cuemodel import CueModel, features
    from claimgraph.analyze.quotes import quote_regions
    from claimgraph.cli import app

    out = tmp_path / "cue.json"
    result = CliRunner().invoke(
        app, ["train", "attribution", "--data", str(folder), "--out", str(out), "--c", "5"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    meta = data["meta"]
    assert meta["documents"] == 1 and meta["positives"] >= 2 and len(meta["data_sha256"]) == 64
    assert meta["command"].startswith("claimgraph train attribution --data ")
    model = CueModel.from_dict(data)
    doc = parse(TEXT)
    regions = quote_regions(TEXT)
    said = next(t for t in doc if t.text == "said")
    consulted = next(t for t in doc if t.text == "consulted")
    assert model.score(features(said, regions)) > model.score(features(consulted, regions))
