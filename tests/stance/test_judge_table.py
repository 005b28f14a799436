"""The default judge on a table of hand-written claim/statement pairs covering the hard cases.

Each row: (case id, claim, context sentence, content span, expected label, expected hedged).
``hedged`` None means "not checked". Sentences are our own, modelled on how news reports
a disputed story (cue polarity, negated cues, refusals, hedges, conditionals, questions,
wrong target, wrong agent, general denials, synonyms, passive voice, reported speech).
"""

from __future__ import annotations

import pytest

from claimgraph.model import Stance
from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

ARMS = "Russia is arming the Taliban"
SUPPLY = "Russia is supplying weapons to the Taliban"
CONTACT = "Russia keeps contact with the Taliban"
BOUNTY = "Russia offered bounties for killing US soldiers"
FUNDS = "Iran is funding the Houthis"
# invented parties (no alias tables name them)
V_ARMS = "Valdosa is arming the Kell Brigades"
V_SUPPLY = "Valdosa is supplying weapons to the Kell Brigades"
V_CONTACT = "Valdosa keeps contact with the Kell Brigades"

S, R, N, U = "supports", "refutes", "neutral", "unrelated"

TABLE: list[tuple[str, str, str, str, str, bool | None]] = [
    # --- cue polarity ---------------------------------------------------------------
    (
        "deny-aid",
        V_ARMS,
        "Valdosa has denied giving the Kell Brigades any money or equipment.",
        "giving the Kell Brigades any money or equipment",
        R,
        False,
    ),
    (
        "deny-aid-supply",
        SUPPLY,
        "Moscow denied giving the Taliban any kind of help.",
        "giving the Taliban any kind of help",
        R,
        False,
    ),
    (
        "reject-such",
        ARMS,
        "We do not discuss military matters, and we categorically reject such considerations.",
        "such considerations",
        R,
        None,
    ),
    (
        "dismiss-false",
        V_ARMS,
        "The ministry last year dismissed claims that Valdosa is arming the Kell Brigades as utterly false.",
        "claims that Valdosa is arming the Kell Brigades as utterly false",
        R,
        None,
    ),
    (
        "false-subject",
        ARMS,
        "Reports that Moscow is arming the Taliban are baseless, the envoy said.",
        "Reports that Moscow is arming the Taliban are baseless",
        R,
        None,
    ),
    (
        "accuse",
        V_ARMS,
        "Ostland has often accused Valdosa of arming the Kell Brigades.",
        "Ostland has often accused Valdosa of arming the Kell Brigades.",
        S,
        None,
    ),
    (
        "say-direct",
        SUPPLY,
        '"The Russians are sending guns to the Taliban," the commander said.',
        "The Russians are sending guns to the Taliban",
        S,
        False,
    ),
    (
        "claim-indirect",
        ARMS,
        "A provincial police chief claimed that Moscow arms the Taliban.",
        "that Moscow arms the Taliban",
        S,
        False,
    ),
    (
        "slam",
        ARMS,
        "The Kremlin slammed reports that it is arming Taliban fighters.",
        "reports that it is arming Taliban fighters",
        R,
        None,
    ),
    (
        "rule-out",
        ARMS,
        "The ministry ruled out that Russian weapons had been given to the Taliban.",
        "that Russian weapons had been given to the Taliban",
        R,
        None,
    ),
    (
        "confirm",
        SUPPLY,
        "An intelligence official confirmed that Russia supplied rifles to the Taliban.",
        "that Russia supplied rifles to the Taliban",
        S,
        False,
    ),
    # --- negated cues ---------------------------------------------------------------
    (
        "not-refute",
        V_ARMS,
        "In May, the admiral said the coast guard does not refute reports that Valdosa is arming the Kell Brigades.",
        "the coast guard does not refute reports that Valdosa is arming the Kell Brigades",
        S,
        True,
    ),
    (
        "not-refuting",
        V_SUPPLY,
        "The colonel said that she is not refuting reports that Valdosa is sending weapons to the Kell Brigades.",
        "she is not refuting reports that Valdosa is sending weapons to the Kell Brigades",
        S,
        True,
    ),
    (
        "would-not-dispute",
        V_ARMS,
        "She said she would not dispute claims that Valdosa had stepped up its arming of the Kell Brigades.",
        "claims that Valdosa had stepped up its arming of the Kell Brigades",
        S,
        True,
    ),
    (
        "refuses-to-refute",
        ARMS,
        "The general refuses to refute reports that Moscow is arming the Taliban.",
        "reports that Moscow is arming the Taliban",
        S,
        True,
    ),
    (
        "no-longer-denies",
        CONTACT,
        "Russia no longer denies that it keeps contact with the Taliban.",
        "that it keeps contact with the Taliban",
        S,
        None,
    ),
    (
        "never-denied",
        ARMS,
        "Moscow has never denied arming the Taliban, the analyst said.",
        "Moscow has never denied arming the Taliban",
        S,
        None,
    ),
    # --- refusals -------------------------------------------------------------------
    (
        "refused-comment",
        V_ARMS,
        "Valdosa's interior ministry refused to comment on the latest accusations.",
        "on the latest accusations",
        N,
        None,
    ),
    (
        "declined-comment",
        SUPPLY,
        "A Kremlin spokesman declined to comment on the reports.",
        "on the reports",
        N,
        None,
    ),
    (
        "refused-confirm",
        ARMS,
        "The defence ministry refused to confirm that Russia arms the Taliban.",
        "that Russia arms the Taliban",
        N,
        None,
    ),
    (
        "declined-discuss",
        ARMS,
        "Officials in Moscow declined to discuss whether weapons were sent to the Taliban.",
        "whether weapons were sent to the Taliban",
        N,
        None,
    ),
    # --- hedges ---------------------------------------------------------------------
    (
        "may-be-providing",
        V_ARMS,
        '"It seems reasonable to think they [Valdosa] may be giving some kind of help to [the Kell Brigades] with rifles," the admiral said.',
        "It seems reasonable to think they [Valdosa] may be giving some kind of help to [the Kell Brigades] with rifles",
        S,
        True,
    ),
    (
        "suggest",
        V_ARMS,
        "Coastal officials suggest Valdosa is arming the Kell Brigades in the north.",
        "Valdosa is arming the Kell Brigades in the north",
        S,
        True,
    ),
    (
        "reportedly",
        SUPPLY,
        "Russia has reportedly delivered machine guns to the Taliban.",
        "Russia has reportedly delivered machine guns to the Taliban.",
        S,
        True,
    ),
    (
        "might",
        ARMS,
        "The senator said Moscow might be arming the Taliban.",
        "Moscow might be arming the Taliban",
        S,
        True,
    ),
    (
        "believe",
        SUPPLY,
        "Afghan officials believe the Kremlin is sending weapons to the Taliban.",
        "the Kremlin is sending weapons to the Taliban",
        S,
        True,
    ),
    (
        "could-be-hedge",
        ARMS,
        "Analysts say Russia could be quietly arming the Taliban.",
        "Russia could be quietly arming the Taliban",
        S,
        True,
    ),
    # --- conditionals and hypotheticals --------------------------------------------
    (
        "would-be-violation",
        V_ARMS,
        '"Any rifles being smuggled here would break the arms embargo," the official said.',
        "Any rifles being smuggled here would break the arms embargo",
        N,
        None,
    ),
    (
        "if-confirmed",
        ARMS,
        "If this information is confirmed, it would be a grave violation, the spokesman said.",
        "If this information is confirmed, it would be a grave violation",
        N,
        None,
    ),
    (
        "if-russia",
        ARMS,
        "The diplomat said that if Russia is arming the Taliban, it would be a serious mistake.",
        "if Russia is arming the Taliban, it would be a serious mistake",
        N,
        None,
    ),
    (
        "unless",
        SUPPLY,
        "The talks will collapse unless Russia supplies weapons to the Taliban, he warned.",
        "The talks will collapse unless Russia supplies weapons to the Taliban",
        N,
        None,
    ),
    (
        "any-arms-would",
        SUPPLY,
        "Any arms given to the Taliban by Russia would breach the embargo, a lawyer said.",
        "Any arms given to the Taliban by Russia would breach the embargo",
        N,
        None,
    ),
    # --- questions ------------------------------------------------------------------
    (
        "question-direct",
        ARMS,
        "Is Russia arming the Taliban?",
        "Is Russia arming the Taliban?",
        N,
        None,
    ),
    (
        "asked-whether",
        ARMS,
        "Reporters asked whether Moscow is arming the Taliban.",
        "whether Moscow is arming the Taliban",
        N,
        None,
    ),
    (
        "question-why",
        SUPPLY,
        "Why would Russia send weapons to the Taliban?",
        "Why would Russia send weapons to the Taliban?",
        N,
        None,
    ),
    # --- reported for the writer ----------------------------------------------------
    (
        "reports-say",
        V_ARMS,
        "Reports say Valdosa is arming the Kell Brigades.",
        "Reports say Valdosa is arming the Kell Brigades.",
        N,
        None,
    ),
    (
        "media-reported",
        SUPPLY,
        "Media reports said Moscow had shipped rifles to the Taliban.",
        "Media reports said Moscow had shipped rifles to the Taliban.",
        N,
        None,
    ),
    # --- wrong target ---------------------------------------------------------------
    (
        "nrf",
        ARMS,
        "A weapons expert said Russia has armed the NRF in Panjshir.",
        "Russia has armed the NRF in Panjshir",
        U,
        None,
    ),
    (
        "resistance",
        V_SUPPLY,
        "Valdosa says it hasn't sent any weapons to the militias fighting the Kell Brigades in the hills.",
        "it hasn't sent any weapons to the militias fighting the Kell Brigades in the hills",
        U,
        None,
    ),
    (
        "afghan-army",
        SUPPLY,
        "Russia supplied helicopters to the Afghan army, the ministry said.",
        "Russia supplied helicopters to the Afghan army",
        U,
        None,
    ),
    (
        "anti-taliban",
        ARMS,
        "New Russian hardware was given to anti-Taliban fighters, the blogger said.",
        "New Russian hardware was given to anti-Taliban fighters",
        U,
        None,
    ),
    # --- wrong agent ----------------------------------------------------------------
    (
        "iran-pakistan",
        V_ARMS,
        "The mayor said Tarsin and Belmark are helping the Kell Brigades.",
        "Tarsin and Belmark are helping the Kell Brigades",
        U,
        None,
    ),
    (
        "iran-rockets",
        V_ARMS,
        "He added that the Tarsin republic has even handed mortars to the armed group.",
        "the Tarsin republic has even handed mortars to the armed group",
        U,
        None,
    ),
    (
        "pakistan-backs",
        SUPPLY,
        "Pakistan backs the Taliban, an Afghan minister said.",
        "Pakistan backs the Taliban",
        U,
        None,
    ),
    (
        "cia",
        V_ARMS,
        "The Ostland secret service gave guns to rebels fighting Belmark troops in the 1990s.",
        "The Ostland secret service gave guns to rebels fighting Belmark troops in the 1990s.",
        U,
        None,
    ),
    (
        "iran-denies",
        ARMS,
        "Tehran denied that it sends weapons to the Taliban.",
        "that it sends weapons to the Taliban",
        U,
        None,
    ),
    # --- general denials ------------------------------------------------------------
    (
        "warring-parties",
        V_ARMS,
        '"Valdosa has not taken part in any way and will not take part in arming the sides of the Lunmari conflict," said the spokeswoman.',
        "Valdosa has not taken part in any way and will not take part in arming the sides of the Lunmari conflict",
        R,
        None,
    ),
    (
        "no-weapons-anyone",
        SUPPLY,
        "Moscow said it has never supplied weapons to anyone in Afghanistan.",
        "it has never supplied weapons to anyone in Afghanistan",
        R,
        None,
    ),
    (
        "deny-support-general",
        V_ARMS,
        "Valdosa had long denied press accounts of its support for the Kell Brigades.",
        "press accounts of its support for the Kell Brigades",
        R,
        None,
    ),
    (
        "no-arms-insurgents",
        ARMS,
        "The ambassador said Russia gives no arms to insurgents.",
        "Russia gives no arms to insurgents",
        R,
        None,
    ),
    # --- synonyms -------------------------------------------------------------------
    (
        "moscow-providing-arms",
        V_ARMS,
        "Tuesday's remarks suggest that Valdosa is handing arms to the Kell Brigades.",
        "that Valdosa is handing arms to the Kell Brigades",
        S,
        True,
    ),
    (
        "kremlin-funnel",
        ARMS,
        "The Kremlin is funnelling weapons to the Taliban, the commander said.",
        "The Kremlin is funnelling weapons to the Taliban",
        S,
        False,
    ),
    (
        "russians-gave-via-iran",
        V_ARMS,
        "The deputy commander told Channel Nine the Valdosans gave the Kell Brigades the rifles via Tarsin.",
        "the Valdosans gave the Kell Brigades the rifles via Tarsin",
        S,
        False,
    ),
    (
        "all-backing",
        V_ARMS,
        "The mayor said Valdosa, Tarsin, and Belmark are all backing the Kell Brigades.",
        "Valdosa, Tarsin, and Belmark are all backing the Kell Brigades",
        S,
        None,
    ),
    (
        "propped-up",
        V_ARMS,
        "Valdosa has propped up the Kell Brigades with rifles, rebel sources say.",
        "Valdosa has propped up the Kell Brigades with rifles",
        S,
        None,
    ),
    (
        "stepped-up-assistance",
        V_ARMS,
        "An aide said Valdosa had stepped up its help to the rebels, handing mortars to fighters in Corran.",
        "Valdosa had stepped up its help to the rebels, handing mortars to fighters in Corran",
        S,
        None,
    ),
    (
        "contact-maintain",
        V_CONTACT,
        "The Valdosans have said that they remain in contact with the Kell Brigades.",
        "they remain in contact with the Kell Brigades",
        S,
        None,
    ),
    (
        "contact-symmetric",
        V_CONTACT,
        "The Kell Brigades commander said the group has kept close contacts with Valdosa since 2011.",
        "the group has kept close contacts with Valdosa since 2011",
        S,
        None,
    ),
    (
        "bounty",
        BOUNTY,
        "Intelligence officials said Russia paid bounties to militants for killing American soldiers.",
        "Russia paid bounties to militants for killing American soldiers",
        S,
        None,
    ),
    (
        "bounty-deny",
        BOUNTY,
        "The Kremlin denied offering bounties to the militants.",
        "offering bounties to the militants",
        R,
        None,
    ),
    (
        "funds",
        FUNDS,
        "A UN panel found that Tehran finances the Houthis.",
        "that Tehran finances the Houthis",
        S,
        None,
    ),
    (
        "funds-wrong-agent",
        FUNDS,
        "A UN panel found that Riyadh finances the Houthis.",
        "that Riyadh finances the Houthis",
        U,
        None,
    ),
    # --- passive voice ---------------------------------------------------------------
    (
        "passive",
        ARMS,
        "Weapons were supplied by Russia to the Taliban, a commander said.",
        "Weapons were supplied by Russia to the Taliban",
        S,
        False,
    ),
    (
        "passive-recipient",
        ARMS,
        "The Taliban have been armed by the Kremlin, the report concluded.",
        "The Taliban have been armed by the Kremlin",
        S,
        None,
    ),
    (
        "passive-denied",
        SUPPLY,
        "The envoy denied that any weapons were delivered to the Taliban by Russia.",
        "that any weapons were delivered to the Taliban by Russia",
        R,
        None,
    ),
    (
        "passive-wrong-agent",
        ARMS,
        "Rockets were given to the Taliban by Iran, the governor said.",
        "Rockets were given to the Taliban by Iran",
        U,
        None,
    ),
    # --- reported speech --------------------------------------------------------------
    (
        "told-that",
        ARMS,
        "A Taliban commander told reporters that Moscow gives them weapons.",
        "that Moscow gives them weapons",
        S,
        None,
    ),
    (
        "according-to",
        SUPPLY,
        "According to an Afghan official, Russia delivers weapons to the Taliban through Tajikistan.",
        "Russia delivers weapons to the Taliban through Tajikistan",
        S,
        None,
    ),
    (
        "colon-deny",
        ARMS,
        "Zakharova responded: Russia does not arm the Taliban.",
        "Russia does not arm the Taliban",
        R,
        None,
    ),
    # --- found on real articles: generic subjects, mentions, evidence, appositions ---------
    (
        "anyone-who",
        ARMS,
        '"Anyone who arms these fighters is no friend of peace," the general said.',
        "Anyone who arms these fighters is no friend of peace",
        N,
        None,
    ),
    (
        "nominal-mention",
        SUPPLY,
        "The minister said the supply of weapons to the warring sides will not bring peace.",
        "the supply of weapons to the warring sides will not bring peace",
        N,
        None,
    ),
    (
        "little-evidence",
        SUPPLY,
        "Investigators acknowledged there was little evidence linking the rifles to Russia.",
        "there was little evidence linking the rifles to Russia",
        R,
        True,
    ),
    (
        "military-ties-deny",
        ARMS,
        "A Taliban spokesman denied any military ties with Moscow.",
        "any military ties with Moscow",
        R,
        None,
    ),
    (
        "appos-recipient",
        ARMS,
        "Russia appears to have provided its old adversary, the Taliban, with new rifles.",
        "Russia appears to have provided its old adversary, the Taliban, with new rifles.",
        S,
        True,
    ),
    (
        "them-antecedent-wrong-target",
        "Russia is arming the NRF",
        "The Russians gave the Taliban rifles to help them fight the Islamic State, the commander said.",
        "The Russians gave the Taliban rifles to help them fight the Islamic State",
        U,
        None,
    ),
    (
        "unrelated-topic",
        ARMS,
        "The minister said the harvest in Helmand was poor this year.",
        "the harvest in Helmand was poor this year",
        U,
        None,
    ),
    (
        "unrelated-us",
        ARMS,
        "The US military presence in Afghanistan is disturbing, the envoy said.",
        "The US military presence in Afghanistan is disturbing",
        U,
        None,
    ),
    # --- alignment: taking a side is broader support, not arming -----------------------
    (
        "aligns-with",
        ARMS,
        "Analysts say Moscow now openly aligns with the Taliban.",
        "Moscow now openly aligns with the Taliban",
        S,
        None,
    ),
    (
        "sided-with-other",
        ARMS,
        "The envoy said Tehran had sided with the Taliban.",
        "Tehran had sided with the Taliban",
        U,
        None,
    ),
    (
        "not-side-with",
        ARMS,
        "The Kremlin said Russia does not side with the Taliban.",
        "Russia does not side with the Taliban",
        R,
        None,
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


def test_table_is_large_and_covers_every_label() -> None:
    assert len(TABLE) >= 60
    assert {row[4] for row in TABLE} == {S, R, N, U}
    assert len({row[0] for row in TABLE}) == len(TABLE)


# Rows rewritten with invented parties (issue 15) whose expected result no longer holds: known
# gaps, kept visible rather than weakened.
INVENTED_GAPS = {
    "would-be-violation": "rifles 'smuggled' are not read as arming (the seed-like row said "
    "'weapons being funnelled'): judged unrelated, not neutral",
    "resistance": "'militias fighting the Kell Brigades' is not seen as another recipient (the "
    "rule knew 'resistance fighters battling the Taliban'): judged refutes, not unrelated",
    "cia": "another agent arming 'rebels fighting Belmark troops' is judged neutral, not "
    "unrelated (the seed-like row named the CIA and Soviet troops)",
}


@pytest.mark.parametrize(
    ("case", "claim", "context", "text", "expected", "hedged"),
    [
        pytest.param(
            *row,
            id=row[0],
            marks=(
                [pytest.mark.xfail(strict=True, reason=INVENTED_GAPS[row[0]])]
                if row[0] in INVENTED_GAPS
                else []
            ),
        )
        for row in TABLE
    ],
)
def test_stance_table(
    judge, case: str, claim: str, context: str, text: str, expected: str, hedged: bool | None
) -> None:
    assert text in context, "the content must be a span of its sentence"
    stance = judge.judge(claim, text, context=context)
    assert isinstance(stance, Stance)
    assert stance.label == expected, (case, stance)
    if hedged is not None:
        assert stance.hedged is hedged, (case, stance)
    assert 0.0 <= stance.confidence <= 1.0
    assert stance.evidence is not None and stance.evidence.text in context


def test_hedged_support_has_lower_confidence(judge) -> None:
    plain = judge.judge(
        ARMS, "Moscow is arming the Taliban", context="He said Moscow is arming the Taliban."
    )
    hedged = judge.judge(
        ARMS,
        "Moscow may be arming the Taliban",
        context="He said Moscow may be arming the Taliban.",
    )
    assert plain.label == hedged.label == S
    assert hedged.hedged and not plain.hedged
    assert hedged.confidence < plain.confidence


def test_broader_predicate_supports_more_weakly(judge) -> None:
    arming = judge.judge(ARMS, "Russia is arming the Taliban")
    backing = judge.judge(ARMS, "Russia is backing the Taliban")
    assert arming.label == backing.label == S
    assert backing.confidence < arming.confidence


def test_judge_many_matches_judge(judge) -> None:
    rows = TABLE[:6]
    many = judge.judge_many([(claim, text, context) for _, claim, context, text, _, _ in rows])
    assert [s.label for s in many] == [row[4] for row in rows]


def test_whole_article_text_uses_most_decided_sentence(judge) -> None:
    article = (
        "The harvest was poor this year. Officials met in Kabul on Monday. "
        "The Kremlin denied that it sends weapons to the Taliban. The talks resume next week."
    )
    stance = judge.judge(ARMS, article)
    assert stance.label == R
    assert stance.evidence is not None and "denied" in stance.evidence.text


def test_speaker_hint_resolves_pronoun_subjects(judge) -> None:
    context = "It says it keeps channels open with the Taliban."
    text = "it keeps channels open with the Taliban"
    assert judge.judge(CONTACT, text, context=context, speaker="Russia").label == S
    # without knowing who "It" is, the judge does not guess
    assert judge.judge(CONTACT, text, context=context).label != S


@pytest.mark.xfail(
    strict=True,
    reason="invented wording and party (issue 15): 'arms deals' / 'such stories' are not read "
    "as a denial of arming, and an affiliation no alias table names is not a claim party",
)
def test_spokesmans_we_resolves_through_the_affiliation(judge) -> None:
    context = "We are not discussing arms deals, and we flatly reject such stories."
    text = context
    # the group's spokesman speaks for the group: "we" is the Kell Brigades, a party to the claim
    got = judge.judge(
        V_SUPPLY, text, context=context, speaker="Eamon Tasker", affiliation="Kell Brigades"
    )
    assert got.label == R
    # without knowing whom "we" stands for, the judge does not take a side
    assert judge.judge(V_SUPPLY, text, context=context, speaker="Eamon Tasker").label != R


def test_judge_statements_maps_evidence_into_the_document(judge) -> None:
    from claimgraph.link.claimmap import judge_statements
    from claimgraph.model import Span, Statement

    text = (
        "Talks resumed on Monday. Moscow denied that it sends weapons to the Taliban. More follows."
    )
    start = text.index("that it sends")
    end = text.index(".", start)
    sentence_start = text.index("Moscow")
    statement = Statement(
        id="s1",
        doc_id="d1",
        kind="indirect",
        content=Span.of(text, start, end),
        sentence=Span.of(text, sentence_start, end + 1),
        speaker="Moscow",
    )
    (stance,) = judge_statements(judge, ARMS, [statement], texts={"d1": text})
    assert stance.label == R
    assert stance.evidence is not None
    assert text[stance.evidence.start : stance.evidence.end] == stance.evidence.text
    assert stance.evidence.start == start
