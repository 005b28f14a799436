"""Second round of general judge mechanisms, on sentences written for this table only
(invented people, firms and places; none of the stories' sentences):

- conveyance verbs with goods no class knows ("carried grain", "transporting grain",
  "loaded a cargo of grain" are one predicate; "crude" is "oil");
- a lawyer's or spokesman's party: "her client" is the party of "Marsh's lawyer", an
  agentless passive said by "a spokesman for X" is X's own act, their "we" is X;
- a vehicle "operated by" / "owned by" a firm: the firm is the agent;
- idioms as data: an official "was bought" is bribed, a result "sold" is fixed;
- a report called false where the quoted label is the content ('called the report "a
  fantasy built on rumours"'), in an article about the claim;
- role nouns before names in the claim ("the umpire Carlo Besson") make "this umpire" him;
- controls: other goods, other officials, other parties stay off the claim's sides.
"""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

GRAIN = "Brisk Freight trucks carried Ostvaldian grain across the border in breach of the embargo."
OIL = "Kelmar Shipping tankers transported Ruvanian oil despite the sanctions."
FIX = "The umpire Carlo Besson took a bribe to fix the final between Ardent and Sollis."
HIDE = "Norvik Pharma concealed side effects of its flu vaccine."
BRIBE = "Councillor Mira Holt took bribes from Ledger Homes."

CASES = [
    # (case, claim, context, text, speaker, affiliation, expected)
    (
        "convey-denied-other-verb",
        GRAIN,
        "Brisk Freight denied ever transporting Ostvaldian grain.",
        "Brisk Freight denied ever transporting Ostvaldian grain.",
        None,
        None,
        "refutes",
    ),
    (
        "convey-we-of-affiliated-speaker-measure-noun",
        GRAIN,
        '"We have never loaded a single sack of Ostvaldian grain," Tom Reyes told reporters.',
        "We have never loaded a single sack of Ostvaldian grain",
        "Tom Reyes",
        "Brisk Freight",
        "refutes",
    ),
    (
        "convey-asserted-by-monitor",
        GRAIN,
        '"Brisk Freight smuggled Ostvaldian grain over the border for a year," said Ada Kemp.',
        "Brisk Freight smuggled Ostvaldian grain over the border for a year",
        "Ada Kemp",
        None,
        "supports",
    ),
    (
        "convey-synonym-crude-is-oil",
        OIL,
        "Kelmar Shipping carried Ruvanian crude for two years, the monitors said.",
        "Kelmar Shipping carried Ruvanian crude for two years",
        None,
        None,
        "supports",
    ),
    (
        "convey-other-goods-takes-no-side",
        GRAIN,
        "Brisk Freight carried timber across the border, the report said.",
        "Brisk Freight carried timber across the border",
        None,
        None,
        "not-polar",
    ),
    (
        "convey-other-carrier-takes-no-side",
        GRAIN,
        "Delta Haulage carried Ostvaldian grain across the border, the report said.",
        "Delta Haulage carried Ostvaldian grain across the border",
        None,
        None,
        "not-polar",
    ),
    (
        "operated-by-names-the-agent",
        GRAIN,
        "Trucks operated by Brisk Freight carried Ostvaldian grain across the border, the "
        "group said.",
        "Trucks operated by Brisk Freight carried Ostvaldian grain across the border",
        None,
        None,
        "supports",
    ),
    (
        "operated-by-other-firm-takes-no-side",
        GRAIN,
        "Trucks operated by Delta Haulage carried Ostvaldian grain across the border, the "
        "group said.",
        "Trucks operated by Delta Haulage carried Ostvaldian grain across the border",
        None,
        None,
        "not-polar",
    ),
    (
        "client-of-lawyer-denies",
        FIX,
        "Besson's lawyer, Ruth Alder, said her client denied taking any money from anyone.",
        "her client denied taking any money from anyone",
        "Ruth Alder",
        None,
        "refutes",
    ),
    (
        "spokesman-for-party-agentless-passive-opposite",
        HIDE,
        '"Every side effect was reported to the regulator," a spokesman for Norvik Pharma said.',
        "Every side effect was reported to the regulator",
        None,
        None,
        "refutes",
    ),
    (
        "spokesman-for-other-party-passive-takes-no-side",
        HIDE,
        '"Every side effect was reported to the regulator," a spokesman for the hospital said.',
        "Every side effect was reported to the regulator",
        None,
        None,
        "not-polar",
    ),
    (
        "report-labelled-false-the-label-is-the-content",
        GRAIN,
        "Brisk Freight's owner called the monitors' report \"a fabrication spread by rivals\".",
        "a fabrication spread by rivals",
        None,
        None,
        "refutes",
    ),
    (
        "other-thing-labelled-takes-no-side",
        GRAIN,
        'Brisk Freight\'s owner called the new depot "a fantasy of the planners".',
        "a fantasy of the planners",
        None,
        None,
        "not-polar",
    ),
    (
        "idiom-official-was-bought",
        FIX,
        '"This umpire was bought, and the whole ground knew it," said the Sollis coach.',
        "This umpire was bought, and the whole ground knew it",
        None,
        None,
        "supports",
    ),
    (
        "idiom-sold-the-result",
        FIX,
        '"The umpire sold the result of that final," said Ivo Grant.',
        "The umpire sold the result of that final",
        "Ivo Grant",
        None,
        "supports",
    ),
    (
        "idiom-bought-a-player-is-no-bribe",
        FIX,
        "Ardent bought the striker for four million euros in July.",
        "Ardent bought the striker for four million euros in July.",
        None,
        None,
        "not-polar",
    ),
    (
        "idiom-other-official-bought",
        BRIBE,
        '"The inspector was bought by Ledger Homes," the auditor said.',
        "The inspector was bought by Ledger Homes",
        None,
        None,
        "not-polar",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.parametrize(
    ("case", "claim", "context", "text", "speaker", "affiliation", "expected"),
    [pytest.param(*row, id=row[0]) for row in CASES],
)
def test_round2_cases(
    judge,
    case: str,
    claim: str,
    context: str,
    text: str,
    speaker: str | None,
    affiliation: str | None,
    expected: str,
) -> None:
    about = f"{claim} {context}"  # an article about the claim: a story denial counts
    (stance,) = judge.judge_many(
        [(claim, text, context)],
        speakers=[speaker],
        affiliations=[affiliation],
        documents=[about],
    )
    if expected == "not-polar":
        assert stance.label in ("neutral", "unrelated"), stance
    else:
        assert stance.label == expected, stance


def test_conveyance_classes_name_the_goods() -> None:
    from claimgraph.nlp.parse import load_nlp
    from claimgraph.stance import roles

    nlp = load_nlp()
    preds = {r.pred for r in roles.readings(nlp("The trucks carried a load of grain."))}
    assert {"convey:load", "convey:grain"} <= preds
    crude = {r.pred for r in roles.readings(nlp("The tanker shipped crude."))}
    assert crude == {"convey:oil"}
    # a known theme keeps its class: shipping rifles is arming
    assert {r.pred for r in roles.readings(nlp("They shipped rifles to the rebels."))} == {"arm"}


def test_role_noun_before_a_name_is_a_description() -> None:
    from claimgraph.stance.describe import describe_text

    assert describe_text("The umpire Carlo Besson denied it.")["umpire"] == "carlo besson"
    both = describe_text("The umpire Carlo Besson met the umpire Ida Lorne.")
    assert "umpire" not in both  # two people: ambiguous, dropped
