"""Article-level stance: the writer's own voice apart from what the headline reports."""

from __future__ import annotations

import dataclasses

import pytest
from link_helpers import KeywordJudge, make_doc

from claimgraph.link.claimmap import document_stance
from claimgraph.link.headline import HEADLINE_WEIGHT, reported_complement, sentence_case
from claimgraph.model import Document, Span

CLAIM = "Russia is supplying weapons to the Taliban"


def _doc(title: str, body: str = "Body text of the article.") -> Document:
    doc = make_doc(f"{title}\n\n{body}", title=title)
    return dataclasses.replace(doc, title_span=Span.of(doc.text, 0, len(title)))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Moscow Openly Backs Kabul Rebels", "Moscow openly backs Kabul Rebels"),
        ("Officials Say Lisbon Is Arming the Rebels", "Officials say Lisbon is arming the Rebels"),
        ("Lisbon denies arming rebels", "Lisbon denies arming rebels"),  # not Title Case
        ("NATO Sends Troops", "NATO sends Troops"),
    ],
)
def test_sentence_case_lowers_only_common_words(title: str, expected: str) -> None:
    out = sentence_case(title)
    assert out == expected and len(out) == len(title)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Reports Say Lisbon Is Arming the Rebels", "Lisbon Is Arming the Rebels"),
        ("US officials suggest Lisbon is arming rebels", "Lisbon is arming rebels"),
        ("Lisbon Arms the Rebels", None),
        ("Spokesman denies it", None),  # too short to be a proposition
    ],
)
def test_reported_complement(clause: str, expected: str | None) -> None:
    assert reported_complement(clause) == expected


def test_reporting_headline_is_neutral_and_keeps_what_it_reports() -> None:
    judge = KeywordJudge([(["say"], "neutral", False), (["arming"], "supports", False)])
    doc = _doc("Reports Say Lisbon Is Arming the Rebels")
    ds = document_stance(CLAIM, doc, [], judge)
    assert ds.stance.label == "neutral"
    assert ds.reported is not None and ds.reported.label == "supports"
    assert ds.reported.hedged  # the writer passes it on; it is not asserted
    assert ds.reported.evidence is not None and ds.reported.evidence.text == doc.title


def test_reported_denial_is_a_neutral_article_reporting_a_refutation() -> None:
    judge = KeywordJudge([(["denies"], "refutes", False)])
    doc = _doc("Rebel spokesman denies military ties with Lisbon")
    ds = document_stance(CLAIM, doc, [], judge)
    assert ds.stance.label == "neutral"
    assert ds.reported is not None and ds.reported.label == "refutes"


def test_own_voice_headline_takes_a_side_weakly() -> None:
    judge = KeywordJudge([(["backs"], "supports", False)])
    doc = _doc("Europe: Lisbon Openly Backs the Rebels")
    ds = document_stance(CLAIM, doc, [], judge)
    assert ds.stance.label == "supports"
    assert ds.stance.confidence <= 0.9 * HEADLINE_WEIGHT + 1e-9
    assert ds.reported is None


def test_unrelated_headline_leaves_the_article_neutral_without_report() -> None:
    judge = KeywordJudge([])
    ds = document_stance(CLAIM, _doc("Harvest Festival Draws Crowds"), [], judge)
    assert ds.stance.label == "neutral" and ds.reported is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "label", "reported"),
    [
        ("Officials Say Moscow Is ‘Arming the Taliban’", "neutral", "supports"),
        ("Taliban envoy denies any military ties with Moscow", "neutral", "refutes"),
        ("Moscow Openly Aligns with the Taliban", "supports", None),
        ("Generals suggest Russia is arming Taliban fighters", "neutral", "supports"),
    ],
)
def test_document_stance_with_the_default_judge(
    title: str, label: str, reported: str | None
) -> None:
    from claimgraph.stance import get_judge

    ds = document_stance(CLAIM, _doc(title), [], get_judge())
    assert ds.stance.label == label
    assert (ds.reported.label if ds.reported else None) == reported
    if label == "supports":
        assert ds.stance.confidence < 0.6  # a headline alone is a weak signal
