"""Third batch of held-back cases: written at once, run only at the very end and NOT tuned on.

End-of-work run: 18 of 20 passed. The two misses are kept as strict ``xfail`` with their
reason, so the file keeps its value as an honest check (a fix turns them into XPASS
failures, to be promoted). Caveat: after this batch was written, and before it was run,
two phenomena it contains were handled because the demo corpus needed them ("weapons were
reaching X" arrival verbs, "could not confirm" as unproven), so those rows are less blind.
"""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

ARMS = "Russia is arming the Taliban"
CONTACT = "Russia maintains contacts with the Taliban"
NK = "North Korea is sending artillery shells to Russia"
FUND = "Qatar is funding Hamas"

HELDOUT3 = [
    # (case, claim, context, text, expected label)
    (
        "flatly-denies",
        ARMS,
        "The Russian embassy flatly denies that Moscow equips Taliban fighters.",
        "that Moscow equips Taliban fighters",
        "refutes",
    ),
    (
        "officials-told",
        ARMS,
        "Two Afghan intelligence officials told the newspaper that Russian weapons were reaching the Taliban in Kunduz.",
        "that Russian weapons were reaching the Taliban in Kunduz",
        "supports",
    ),
    (
        "cannot-confirm",
        ARMS,
        "The Pentagon said it could not confirm that Russia was arming the Taliban.",
        "it could not confirm that Russia was arming the Taliban",
        "neutral",
    ),
    (
        "insisted-never",
        ARMS,
        "Lavrov insisted that Russia had never handed a single rifle to the Taliban.",
        "that Russia had never handed a single rifle to the Taliban",
        "refutes",
    ),
    (
        "likely",
        ARMS,
        "It is likely that the Kremlin is supplying the Taliban with small arms, the analyst wrote.",
        "It is likely that the Kremlin is supplying the Taliban with small arms",
        "supports",
    ),
    (
        "investigating",
        ARMS,
        "NATO is investigating whether Russian arms are flowing to the Taliban.",
        "whether Russian arms are flowing to the Taliban",
        "neutral",
    ),
    (
        "wrong-recipient-kurds",
        ARMS,
        "Russia has armed Kurdish militias in Syria, the report said.",
        "Russia has armed Kurdish militias in Syria",
        "unrelated",
    ),
    (
        "wrong-agent-china",
        ARMS,
        "China is quietly arming the Taliban, a senator claimed.",
        "China is quietly arming the Taliban",
        "unrelated",
    ),
    (
        "contact-admit",
        CONTACT,
        "Moscow acknowledged it has held talks with Taliban representatives.",
        "it has held talks with Taliban representatives",
        "supports",
    ),
    (
        "contact-deny",
        CONTACT,
        "The Russian envoy denied having any contacts with the Taliban leadership.",
        "having any contacts with the Taliban leadership",
        "refutes",
    ),
    (
        "contact-wrong-party",
        CONTACT,
        "Russia maintains contacts with the Afghan government, the ministry said.",
        "Russia maintains contacts with the Afghan government",
        "unrelated",
    ),
    (
        "nk-shipped",
        NK,
        "South Korean intelligence says Pyongyang has shipped millions of artillery shells to Russia.",
        "Pyongyang has shipped millions of artillery shells to Russia",
        "supports",
    ),
    (
        "nk-deny",
        NK,
        "North Korea dismissed the reports of arms deliveries to Moscow as absurd.",
        "the reports of arms deliveries to Moscow as absurd",
        "refutes",
    ),
    (
        "nk-question",
        NK,
        "Is North Korea sending shells to Russia?",
        "Is North Korea sending shells to Russia?",
        "neutral",
    ),
    (
        "fund-finances",
        FUND,
        "Israeli officials say Doha finances Hamas through charities.",
        "Doha finances Hamas through charities",
        "supports",
    ),
    (
        "fund-denies",
        FUND,
        "Qatar has rejected claims that it bankrolls Hamas.",
        "claims that it bankrolls Hamas",
        "refutes",
    ),
    (
        "fund-wrong-agent",
        FUND,
        "Iran funds Hamas, according to the State Department.",
        "Iran funds Hamas",
        "unrelated",
    ),
    (
        "fund-conditional",
        FUND,
        "If Qatar were funding Hamas, it would face sanctions, the lawmaker said.",
        "If Qatar were funding Hamas, it would face sanctions",
        "neutral",
    ),
    (
        "passive-hedged",
        ARMS,
        "The Taliban may have been supplied with Russian sniper rifles, the report suggested.",
        "The Taliban may have been supplied with Russian sniper rifles",
        "supports",
    ),
    (
        "refuses-deny",
        ARMS,
        "The Kremlin has refused to deny that it gives weapons to the Taliban.",
        "that it gives weapons to the Taliban",
        "supports",
    ),
]

XFAIL: dict[str, str] = {
    "wrong-recipient-kurds": (
        "parser error: 'has armed Kurdish militias' parses 'armed' as an adjective, so the "
        "predicate has no roles and the judge abstains (neutral) instead of 'unrelated'"
    ),
}
"""Case id -> why the judge misses it (from the one end-of-work run)."""


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


PARAMS = [
    pytest.param(
        *row,
        id=row[0],
        marks=[pytest.mark.xfail(reason=XFAIL[row[0]], strict=True)] if row[0] in XFAIL else [],
    )
    for row in HELDOUT3
]


@pytest.mark.parametrize(("case", "claim", "context", "text", "expected"), PARAMS)
def test_heldout3(judge, case: str, claim: str, context: str, text: str, expected: str) -> None:
    stance = judge.judge(claim, text, context=context)
    assert stance.label == expected, stance
