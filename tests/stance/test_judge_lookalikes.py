"""Look-alike claims and short texts, invented (story "Pelmar", country "Rusk"): another
object or destination is another proposition; headline and tweet denials; reports about
reports; general and specific denials; another time."""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

TANKS = "Rusk is supplying tanks to the Pelmar Front"
WEAPONS = "Rusk is supplying weapons to the Pelmar Front"
DUMP = "Osker Mills dumped chemicals into the Vena river"

OBJECTS = [
    (
        "other-goods",
        TANKS,
        "Rusk is supplying drones to the Pelmar Front, officials said.",
        "unrelated",
    ),
    (
        "same-goods",
        TANKS,
        "Rusk has sent dozens of tanks to the Pelmar Front, a report says.",
        "supports",
    ),
    ("covered", WEAPONS, "Rusk is sending rifles to the Pelmar Front, a colonel said.", "supports"),
    (
        "not-goods",
        WEAPONS,
        "Rusk is supplying fuel to the Pelmar Front, officials said.",
        "unrelated",
    ),
    ("denied-other", TANKS, "Rusk denied supplying drones to the Pelmar Front.", "unrelated"),
    (
        "other-goal",
        DUMP,
        "Osker Mills dumped chemicals into Lake Tarn, inspectors found.",
        "unrelated",
    ),
    (
        "same-goal",
        DUMP,
        "Osker Mills dumped toxic chemicals into the Vena river, inspectors found.",
        "supports",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.parametrize(
    ("case", "claim", "text", "expected"), OBJECTS, ids=[c[0] for c in OBJECTS]
)
def test_another_object_is_another_proposition(
    judge, case: str, claim: str, text: str, expected: str
) -> None:
    assert judge.judge(claim, text).label == expected, case


BOUNTY = "Rusk offered the Pelmar Front bounties for killing Dovan soldiers"
FUNDING = "Rusk is funding the Pelmar Front"

PREDICATES = [
    (
        "bounty-read",
        BOUNTY,
        "Rusk paid the Pelmar Front bounties, a Dovan general said.",
        "supports",
    ),
    (
        "bounty-denied",
        BOUNTY,
        "Rusk denied paying the Pelmar Front bounties for killing Dovan soldiers.",
        "refutes",
    ),
    (
        "bounty-not-funding",
        FUNDING,
        "Rusk denied paying the Pelmar Front bounties for killing Dovan soldiers.",
        "unrelated",
    ),
    (
        "funding-not-bounty",
        BOUNTY,
        "Rusk is funding the Pelmar Front, a Dovan report said.",
        "unrelated",
    ),
]


@pytest.mark.parametrize(
    ("case", "claim", "text", "expected"), PREDICATES, ids=[c[0] for c in PREDICATES]
)
def test_bounties_are_not_funding(judge, case: str, claim: str, text: str, expected: str) -> None:
    assert judge.judge(claim, text).label == expected, case
