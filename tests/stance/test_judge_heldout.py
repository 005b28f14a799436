"""Held-back cases: written before tuning the judge on test_judge_table.py, run to see if it generalises.

First run: 14 of 16 passed (both misses in the contact class: "keeps channels of
communication open with", and a denied meeting whose other party is the speaker). The judge
was then fixed in general ways (symmetric relations compare party sets; the speaker is a
party of a denied contact; "of" after a theme noun is not a recipient), and the cases kept.
"""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

ARMS = "Russia is arming the Taliban"
CONTACT = "Russia maintains contacts with the Taliban"
IRAN = "Iran is supplying rockets to the Taliban"

HELDOUT = [
    # (claim, context, text, expected label)
    (
        ARMS,
        "Kremlin officials flatly rejected accusations that Moscow ships guns to the Taliban.",
        "accusations that Moscow ships guns to the Taliban",
        "refutes",
    ),
    (
        ARMS,
        "A border commander insisted that Russian rifles are reaching Taliban units every month.",
        "Russian rifles are reaching Taliban units every month",
        "supports",
    ),
    (
        ARMS,
        "The spokesman declined to discuss the reports, a ministry aide said.",
        "the reports",
        "neutral",
    ),
    (
        ARMS,
        "Analysts speculate that Moscow might be quietly equipping the Taliban.",
        "Moscow might be quietly equipping the Taliban",
        "supports",
    ),
    (
        ARMS,
        "The envoy said Russia would never send weapons to the Taliban.",
        "Russia would never send weapons to the Taliban",
        "refutes",
    ),
    (
        ARMS,
        "Officials asked whether the Kremlin had delivered ammunition to the insurgents.",
        "whether the Kremlin had delivered ammunition to the insurgents",
        "neutral",
    ),
    (
        ARMS,
        "Pakistan supplies the Taliban with guns, the governor alleged.",
        "Pakistan supplies the Taliban with guns",
        "unrelated",
    ),
    (
        ARMS,
        "A researcher said Russia has delivered helicopters to the Afghan army.",
        "Russia has delivered helicopters to the Afghan army",
        "unrelated",
    ),
    (
        ARMS,
        "Russia does not provide any weapons to anyone in Afghanistan, the ambassador said.",
        "Russia does not provide any weapons to anyone in Afghanistan",
        "refutes",
    ),
    (
        ARMS,
        "The Taliban were armed by Moscow, according to an intelligence assessment.",
        "The Taliban were armed by Moscow",
        "supports",
    ),
    (
        ARMS,
        "The weather in Kabul was cold on Tuesday, the agency said.",
        "The weather in Kabul was cold on Tuesday",
        "unrelated",
    ),
    (
        ARMS,
        "A senator said he would not rule out that Russia is arming the Taliban.",
        "that Russia is arming the Taliban",
        "supports",
    ),
    (
        CONTACT,
        "The Kremlin admitted it keeps channels of communication open with the Taliban.",
        "it keeps channels of communication open with the Taliban",
        "supports",
    ),
    (
        CONTACT,
        "The Taliban denied that any meeting with Russian officials took place.",
        "that any meeting with Russian officials took place",
        "refutes",
    ),
    (
        IRAN,
        "The governor said Tehran has given rockets to the Taliban.",
        "Tehran has given rockets to the Taliban",
        "supports",
    ),
    (
        IRAN,
        "The governor said Russia has given rockets to the Taliban.",
        "Russia has given rockets to the Taliban",
        "unrelated",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.parametrize(("claim", "context", "text", "expected"), HELDOUT)
def test_heldout(judge, claim: str, context: str, text: str, expected: str) -> None:
    stance = judge.judge(claim, text, context=context)
    assert stance.label == expected, stance
