"""Second batch of held-back cases, written after the judge was tuned on the table and on
the seed articles, run once to measure how it generalises. New claims and wordings on
purpose: other actors, other predicates.

First run: 11 of 15 passed. Misses: "would neither confirm nor deny" (read as a denial),
"called the reports ... a fabrication" (labelling verb + misparse), the inverted conditional
"Should Russia begin arming ...", and "bought their weapons ... not from Russia" (converse
verb + negated source). Each was then handled by a general rule (lexicons ``inversion_aux``,
``labelling_verbs``, ``converse_verbs``; neither/nor as a refusal), and the cases kept.
"""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

CHINA = "China is supplying weapons to Russia"
IRAN_HOUTHI = "Iran is arming the Houthis"
PAK = "Pakistan supports the Taliban"
ARMS = "Russia is arming the Taliban"

HELDOUT2 = [
    # (claim, context, text, expected label)
    (
        CHINA,
        "Beijing has categorically denied sending any weapons to Moscow.",
        "sending any weapons to Moscow",
        "refutes",
    ),
    (
        CHINA,
        "A NATO official said Chinese rifles have been shipped to Russia through Central Asia.",
        "Chinese rifles have been shipped to Russia through Central Asia",
        "supports",
    ),
    (
        CHINA,
        "China sells weapons to Pakistan, the think tank noted.",
        "China sells weapons to Pakistan",
        "unrelated",
    ),
    (
        IRAN_HOUTHI,
        "The UN panel concluded that Tehran smuggled missiles to the Houthis.",
        "Tehran smuggled missiles to the Houthis",
        "supports",
    ),
    (
        IRAN_HOUTHI,
        "Iran's foreign ministry rejected allegations that it arms the Houthis.",
        "allegations that it arms the Houthis",
        "refutes",
    ),
    (
        IRAN_HOUTHI,
        "It is unclear whether Iran provided the drones to the Houthis.",
        "whether Iran provided the drones to the Houthis",
        "neutral",
    ),
    (
        PAK,
        "Afghan officials have long accused Islamabad of sheltering the Taliban.",
        "Afghan officials have long accused Islamabad of sheltering the Taliban.",
        "supports",
    ),
    (
        PAK,
        "Pakistan's army chief said his country does not support the Taliban in any form.",
        "his country does not support the Taliban in any form",
        "refutes",
    ),
    (
        PAK,
        "The governor said Iran and Pakistan are assisting the Taliban.",
        "Iran and Pakistan are assisting the Taliban",
        "supports",
    ),
    (
        PAK,
        "Washington supports the Afghan government, the envoy said.",
        "Washington supports the Afghan government",
        "unrelated",
    ),
    (
        ARMS,
        "The Kremlin would neither confirm nor deny that it supplies the Taliban with arms.",
        "that it supplies the Taliban with arms",
        "neutral",
    ),
    (
        ARMS,
        "Western diplomats increasingly believe Moscow is arming Taliban commanders in the north.",
        "Moscow is arming Taliban commanders in the north",
        "supports",
    ),
    (
        ARMS,
        "A Russian diplomat called the reports that Moscow arms the Taliban a fabrication.",
        "the reports that Moscow arms the Taliban a fabrication",
        "refutes",
    ),
    (
        ARMS,
        "Should Russia begin arming the Taliban, the balance of power would shift.",
        "Should Russia begin arming the Taliban, the balance of power would shift",
        "neutral",
    ),
    (
        ARMS,
        "The Taliban said they buy their weapons on the black market, not from Russia.",
        "they buy their weapons on the black market, not from Russia",
        "refutes",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.parametrize(("claim", "context", "text", "expected"), HELDOUT2)
def test_heldout2(judge, claim: str, context: str, text: str, expected: str) -> None:
    stance = judge.judge(claim, text, context=context)
    assert stance.label == expected, stance
