"""Document descriptions of named entities, recipient kinds and restrictive focus."""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge
from claimgraph.stance.describe import describe_text, mentioned_in

TEXT = (
    "Orvane Textiles, the largest garment maker in Pell, opened a plant. "
    "Later, the Lusk Fund is a pension investor that owns shares. "
    "In March, the company said it would hire. Who is the Pell Workers' Union?"
)


def test_apposition_and_copula_give_descriptions() -> None:
    table = describe_text(TEXT)
    assert table["largest garment maker"] == "orvane textiles"
    assert table["garment maker"] == "orvane textiles"
    assert table["maker"] == "orvane textiles"
    assert table["pension investor"] == "lusk fund"
    # cut at the preposition: "in Pell" is not part of the description
    assert "maker in pell" not in table and "pell" not in table


def test_sentence_openers_and_questions_are_not_names() -> None:
    table = describe_text(TEXT)
    assert "in march" not in table.values()
    assert "company" not in table  # "In March, the company said": no name before it
    assert "who" not in table.values()


def test_a_description_of_two_names_is_dropped() -> None:
    table = describe_text("Arlo Mining, a mining firm, and Bexa Gold, a mining firm, merged.")
    assert "mining firm" not in table and "firm" not in table


def test_mentioned_in_by_words_and_acronym() -> None:
    text = "The NLF said on Monday that Kestrel Dynamics had lied."
    assert mentioned_in("northern liberation front", text)
    assert mentioned_in("kestrel dynamics", text)
    assert not mentioned_in("harbour guild", text)


CLAIM = "Orvane Textiles supplied rifles to the Pell Militia"


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.model
def test_description_resolved_from_the_document(judge) -> None:
    context = "Inspectors said the garment maker had supplied rifles to the Pell Militia."
    text = "the garment maker had supplied rifles to the Pell Militia"
    document = "Orvane Textiles, the garment maker, denies wrongdoing. " + context
    with_doc = judge.judge(CLAIM, text, context=context, document=document)
    assert with_doc.label == "supports", with_doc
    other = "Harl Weaving, the garment maker, denies wrongdoing. " + context
    assert judge.judge(CLAIM, text, context=context, document=other).label == "unrelated"


@pytest.mark.model
def test_indefinite_description_is_not_resolved(judge) -> None:
    context = (
        "Orvane Textiles, a garment maker, is under review. "
        "A garment maker supplied rifles to the Pell Militia, the report said."
    )
    stance = judge.judge(
        CLAIM, "A garment maker supplied rifles to the Pell Militia", context=context
    )
    assert stance.label != "supports" or stance.confidence < 0.9, stance


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orvane Textiles supplied rifles only to sports shooters", "refutes"),
        ("Orvane Textiles supplied rifles solely to the Pell police", "refutes"),
        ("Orvane Textiles supplied rifles only to the Pell Militia", "supports"),
        ("Orvane Textiles only supplied forty rifles to the Pell Militia", "supports"),
        ("Orvane Textiles did not supply rifles only to the Pell police", "neutral"),
        ("Orvane Textiles supplied rifles to a museum", "unrelated"),
        ("Orvane Textiles supplied rifles to a militia", "supports"),
    ],
)
def test_restrictive_focus_and_recipient_kinds(judge, text: str, expected: str) -> None:
    stance = judge.judge(CLAIM, text, context=text + ".")
    assert stance.label == expected, stance


@pytest.mark.model
def test_on_topic_document_keeps_side_comments_neutral(judge) -> None:
    context = "Stop shouting and start checking, the editor wrote."
    text = "Stop shouting and start checking"
    about = "Orvane Textiles and the Pell Militia were named in the report. " + context
    elsewhere = "The weather was fine in Pell this spring. " + context
    assert judge.judge(CLAIM, text, context=context, document=about).label == "neutral"
    assert judge.judge(CLAIM, text, context=context, document=elsewhere).label == "unrelated"
