"""Claims outside the arms domain: bribery, concealment, match-fixing, and capital-city
metonymy, written for the general mechanisms added after the unseen-stories run
(tests/link/test_unseen_stories.py) with people, firms and places invented for this table
only (none of the stories' sentences).

Mechanisms covered: allegation predicate classes (bribe, conceal, fix ...) with their
broader class (a bribe is a payment), phrasal verbs ("covered up", "left out"), opposite
classes (concealing = not disclosing: "failed to report" supports, "reported every case"
refutes), a receiving verb without "from" ("took a bribe": the subject receives), the "from"
under the object ("received payments from X"), a person's "I", an agentless passive admitted
by its speaker, titles and role descriptions before a name ("Mayor Dana Roth", "the
council's treasurer, Ilya Marsh"), capitals for their country, denials of the story itself
("dismissed the report as a smear"), and controls that must stay unrelated or neutral.
"""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

BRIBE = "Mayor Dana Roth took bribes from Velmar Builders for the tram depot contract."
CONCEAL = "Norvik Pharma concealed side effects of its flu vaccine."
FIX = "The umpire Carlo Besson took a bribe to fix the final between Ardent and Sollis."
TURKEY = "Turkey supplied drones to the Kessar militia."
RIVER = "Ostmark Mining polluted the Tessa river."

CASES = [
    # (case, claim, context, text, speaker, expected)
    (
        "bribe-paid-broader",
        BRIBE,
        "Prosecutors said Velmar Builders paid Dana Roth 80,000 euros last spring.",
        "Velmar Builders paid Dana Roth 80,000 euros last spring",
        None,
        "supports",
    ),
    (
        "bribe-denied-receiving-from-under-object",
        BRIBE,
        "Dana Roth denied receiving any payments from Velmar Builders.",
        "receiving any payments from Velmar Builders",
        None,
        "refutes",
    ),
    (
        "bribe-first-person",
        BRIBE,
        '"I have never accepted a bribe from Velmar or from anyone else," Roth said.',
        "I have never accepted a bribe from Velmar or from anyone else",
        "Dana Roth",
        "refutes",
    ),
    (
        "bribe-other-giver",
        BRIBE,
        "Investigators said Roth took bribes from Corlin Transport.",
        "Roth took bribes from Corlin Transport",
        None,
        "unrelated",
    ),
    (
        "bribe-firm-rejected-paying",
        BRIBE,
        "Velmar Builders rejected claims that it had paid anyone to win the depot contract.",
        "claims that it had paid anyone to win the depot contract",
        "Velmar Builders",
        "refutes",
    ),
    (
        "bribe-title-description",
        BRIBE,
        "Mayor Dana Roth opened the depot in May. The mayor took money from Velmar, a "
        "councillor said.",
        "The mayor took money from Velmar",
        None,
        "supports",
    ),
    (
        "bribe-hedged-conditional",
        BRIBE,
        "If Roth took money from Velmar Builders, she must resign, the councillor said.",
        "If Roth took money from Velmar Builders, she must resign",
        None,
        "neutral",
    ),
    (
        "conceal-failed-to-report",
        CONCEAL,
        "The regulator said Norvik Pharma had failed to report the side effects of the vaccine.",
        "Norvik Pharma had failed to report the side effects of the vaccine",
        None,
        "supports",
    ),
    (
        "conceal-reported-everything",
        CONCEAL,
        "Norvik Pharma said it had reported every side effect of the vaccine to the regulator.",
        "it had reported every side effect of the vaccine to the regulator",
        "Norvik Pharma",
        "refutes",
    ),
    (
        "conceal-never-hidden",
        CONCEAL,
        "Norvik Pharma has never hidden a single side effect, its chief executive said.",
        "Norvik Pharma has never hidden a single side effect",
        None,
        "refutes",
    ),
    (
        "conceal-phrasal-covered-up",
        CONCEAL,
        "A former employee said Norvik Pharma covered up the side effects for two years.",
        "Norvik Pharma covered up the side effects for two years",
        None,
        "supports",
    ),
    (
        "conceal-admitted-passive",
        CONCEAL,
        "Norvik Pharma admitted that the side effects had been left out of its report.",
        "that the side effects had been left out of its report",
        "Norvik Pharma",
        "supports",
    ),
    (
        "conceal-failed-to-respond-is-refusal",
        CONCEAL,
        "Norvik Pharma failed to respond to a request for comment.",
        "to respond to a request for comment",
        "Norvik Pharma",
        "neutral",
    ),
    (
        "conceal-other-company",
        CONCEAL,
        "Critics said Dravo Labs concealed side effects of its flu vaccine.",
        "Dravo Labs concealed side effects of its flu vaccine",
        None,
        "unrelated",
    ),
    (
        "conceal-called-baseless",
        CONCEAL,
        "Norvik Pharma called the allegations baseless.",
        "the allegations baseless",
        "Norvik Pharma",
        "refutes",
    ),
    (
        "river-never-dumped",
        RIVER,
        "Ostmark Mining said it had never dumped waste in the Tessa river.",
        "it had never dumped waste in the Tessa river",
        "Ostmark Mining",
        "refutes",
    ),
    (
        "river-ministry-found",
        RIVER,
        "The ministry found that Ostmark Mining had polluted the Tessa river.",
        "that Ostmark Mining had polluted the Tessa river",
        None,
        "supports",
    ),
    (
        "river-unclear",
        RIVER,
        "Experts said it was unclear whether Ostmark Mining had polluted the river.",
        "it was unclear whether Ostmark Mining had polluted the river",
        None,
        "neutral",
    ),
    (
        "fix-received-money",
        FIX,
        "Carlo Besson admitted on Monday that he had accepted 9,000 francs before the final.",
        "that he had accepted 9,000 francs before the final",
        "Carlo Besson",
        "supports",
    ),
    (
        "fix-accused",
        FIX,
        "Ardent's coach accused Carlo Besson of fixing the final.",
        "Carlo Besson of fixing the final",
        None,
        "supports",
    ),
    (
        "capital-agent",
        TURKEY,
        "Analysts said Ankara supplied drones to the Kessar militia last year.",
        "Ankara supplied drones to the Kessar militia last year",
        None,
        "supports",
    ),
    (
        "capital-denial",
        TURKEY,
        "Ankara denied supplying drones to the Kessar militia.",
        "supplying drones to the Kessar militia",
        None,
        "refutes",
    ),
    (
        "capital-other-country",
        TURKEY,
        "Analysts said Athens supplied drones to the Kessar militia.",
        "Athens supplied drones to the Kessar militia",
        None,
        "unrelated",
    ),
    (
        "capital-adjective-not-the-country",
        TURKEY,
        "Officials said Kessar fighters were seen with drones near the Turkish border.",
        "Kessar fighters were seen with drones near the Turkish border",
        None,
        "neutral",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.parametrize(
    ("case", "claim", "context", "text", "speaker", "expected"),
    [pytest.param(*row, id=row[0]) for row in CASES],
)
def test_allegation_cases(
    judge, case: str, claim: str, context: str, text: str, speaker: str | None, expected: str
) -> None:
    stance = judge.judge(claim, text, context=context, speaker=speaker, document=context)
    assert stance.label == expected, stance


def test_story_denial_needs_an_article_about_the_claim(judge) -> None:
    context = (
        'Roth\'s spokesman dismissed the report as "a smear campaign by her rivals" on Friday.'
    )
    text = "a smear campaign by her rivals"
    about = f"Mayor Dana Roth and Velmar Builders. {context}"
    assert judge.judge(BRIBE, text, context=context, document=about).label == "refutes"
    assert judge.judge(BRIBE, text, context=context, document=context).label != "supports"


def test_capitals_and_people_are_aliases_but_adjectives_are_not() -> None:
    from claimgraph.stance.roles import canonical_name

    assert canonical_name("Kyiv said") == "ukraine"
    assert canonical_name("the Ukrainians") == "ukraine"
    assert canonical_name("Ukrainian drones") is None
    assert canonical_name("Sofia Marsh") is None  # a first name, not Bulgaria's capital
    assert canonical_name("the Kremlin") == "russia"  # the domain table wins


def test_descriptions_before_names() -> None:
    from claimgraph.stance.describe import describe_text

    table = describe_text(
        "Mayor Dana Roth spoke first. The council's treasurer, Ilya Marsh, said the accounts "
        "were in order. Deputy Mayor Oren Vale disagreed."
    )
    assert table["mayor"] == "dana roth"
    assert table["treasurer"] == "ilya marsh"
    assert table["deputy mayor"] == "oren vale"
    # "mayor" stated for two different people would be ambiguous and dropped
    both = describe_text("Mayor Dana Roth met Mayor Oren Vale.")
    assert "mayor" not in both
