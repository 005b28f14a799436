"""Places of the story and fragments: what may not name a discovered claim.

An invented story: Orvania is said to arm the Varn Front, a militia fighting in Moldova; one
text says "arms to Moldova". Moldova is where the fighting is, and it speaks in the story, but
the corpus names who in Moldova would receive the arms: "Orvania is arming Moldova" is a place
artefact, and the statement saying it is judged toward the Varn Front's proposition instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from link_helpers import make_doc, make_statement

from claimgraph.link import discover_in
from claimgraph.link.clusters import full_proposition, judges_claims, naming_text
from claimgraph.link.propositions import (
    Key,
    located_in,
    normalized_keys,
    parse_statements,
)
from claimgraph.model import Stance, Statement
from claimgraph.stance.base import JudgeBase

pytestmark = pytest.mark.model


class NamesJudge(JudgeBase):
    """Supports when the text names the claim's first and last word (refutes with a
    negation), else unrelated."""

    name = "fake-names.v1"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        words = claim.split()
        lowered = text.lower()
        if words[0].lower() in lowered and words[-1].lower() in lowered:
            label = "refutes" if re.search(r"\b(not|never|no)\b", lowered) else "supports"
            return Stance(label, 0.9, None, False, self.name)  # type: ignore[arg-type]
        return Stance("unrelated", 0.8, None, False, self.name)  # type: ignore[arg-type]

    def judge_many(self, triples: Sequence[tuple[str, str, str | None]], **_: Any) -> list[Stance]:
        return [self.judge(c, t, context=x) for c, t, x in triples]


STORY = [
    (
        "Brask said Orvania is supplying rifles to the Varn Front in Moldova.",
        "Orvania is supplying rifles to the Varn Front in Moldova",
        "Brask",
    ),
    (
        "Halden said Orvania has sent arms to Moldova for months.",
        "Orvania has sent arms to Moldova for months",
        "Halden",
    ),
    (
        "Tesk said that Orvania never armed the Varn Front.",
        "Orvania never armed the Varn Front",
        "Tesk",
    ),
    (
        "Moldova said the Varn Front fighters received Orvanian rifles.",
        "the Varn Front fighters received Orvanian rifles",
        "Moldova",
    ),
    (
        "The Varn Front said that its fighters buy their rifles on the open market.",
        "its fighters buy their rifles on the open market",
        "Varn Front",
    ),
]


def _statements(story: list[tuple[str, str, str]], cue: str = "said") -> list[Statement]:
    out = []
    for sentence, content, speaker in story:
        doc = make_doc(sentence)
        out.append(
            make_statement(
                doc,
                sentence,
                content,
                speaker=speaker,
                actor_id=speaker.lower().replace(" ", "-"),
                cue=cue,
                cue_lemma="say" if cue == "said" else cue,
            )
        )
    return out


def test_actors_are_located_in_the_place_named_with_them() -> None:
    statements = _statements(STORY)
    parses = parse_statements(statements)
    keys, _surfaces, groups = normalized_keys(statements, parses)
    located = located_in(statements, parses, groups)
    assert Key("orvania", "arm", "moldova") in keys[1]  # read as a recipient in the sentence
    assert any("varn" in name for name in located.get("moldova", set())), located


def test_a_place_of_the_story_is_not_armed_when_armed_actors_in_it_are_named() -> None:
    statements = _statements(STORY)
    rng = np.random.default_rng(3)
    vectors = {s.id: rng.normal(size=16) for s in statements}
    found = discover_in(statements, vectors, judge=NamesJudge(), top=10)
    names = [d.claim.text for d in found]
    assert not any(n.endswith("Moldova") for n in names), names
    front = next(d for d in found if "Varn Front" in d.claim.text)
    halden = next(s.id for s in statements if s.speaker == "Halden")
    assert front.claim.text.startswith("Orvania")
    assert halden not in front.statement_ids  # "arms to Moldova" never names the Front


def test_without_armed_actors_in_it_a_country_stays_a_recipient() -> None:
    story = [
        (
            "Halden said Orvania has sent arms to Moldova for months.",
            "Orvania has sent arms to Moldova for months",
            "Halden",
        ),
        (
            "Moldova said that Orvania never sent it any arms.",
            "Orvania never sent it any arms",
            "Moldova",
        ),
        (
            "Brask said Orvania is arming Moldova against its neighbours.",
            "Orvania is arming Moldova against its neighbours",
            "Brask",
        ),
    ]
    statements = _statements(story)
    rng = np.random.default_rng(5)
    vectors = {s.id: rng.normal(size=16) for s in statements}
    found = discover_in(statements, vectors, judge=NamesJudge(), top=10)
    assert any(d.claim.text.endswith("Moldova") for d in found), [d.claim.text for d in found]


@pytest.mark.parametrize(
    ("sentence", "content", "full"),
    [
        (
            "Brask said Orvania is supplying rifles to the Varn Front.",
            "Orvania is supplying rifles to the Varn Front",
            True,
        ),
        ("Brask said the valve log was forged.", "the valve log was forged", True),
        ("Brask said the contracts were at risk.", "the contracts were at risk", True),
        (
            "Brask denied any dealings with the militia fighting in the hills.",
            "any dealings with the militia fighting in the hills",
            False,
        ),
        (
            "Brask said most were still carried out with cheap quadcopters.",
            "most were still carried out with cheap quadcopters",
            False,
        ),
        (
            "Brask accused her of hiding the ledger from the auditors.",
            "her of hiding the ledger from the auditors",
            False,
        ),
        (
            "Brask said any rifles shipped to the Front would breach the embargo.",
            "any rifles shipped to the Front would breach the embargo",
            False,  # a hypothetical: nothing is said to have happened
        ),
        (
            "Brask said the rifles shipped to the Front breached the embargo.",
            "the rifles shipped to the Front breached the embargo",
            True,
        ),
        (
            "Brask told the same hearing that the mill had been deceived by a broker.",
            "the same hearing that the mill had been deceived by a broker",
            False,
        ),
    ],
)
def test_only_whole_propositions_name_a_claim(sentence: str, content: str, full: bool) -> None:
    statement = _statements([(sentence, content, "Brask")], cue=sentence.split()[1])[0]
    assert full_proposition(statement, parse_statements([statement])[0]) is full


@pytest.mark.parametrize(
    ("sentence", "content", "judges"),
    [
        (
            "Brask said the accusations of a sacked driver are not evidence.",
            "the accusations of a sacked driver are not evidence",
            True,
        ),
        (
            "Brask said the council kept to its view that the Orvanian reports were groundless.",
            "the council kept to its view that the Orvanian reports were groundless",
            True,
        ),
        (
            "Brask said the ferry company never filed the safety report.",
            "the ferry company never filed the safety report",
            False,  # a report as the object of a proposition, not a judgement on claims
        ),
        (
            "Brask said the report was published in March.",
            "the report was published in March",
            False,  # said of a report, but not that it is false
        ),
        (
            "Brask said the inquiry had confirmed what the unions had said all along.",
            "the inquiry had confirmed what the unions had said all along",
            True,
        ),
        (
            "Brask said the quarry poisoned the wells near Lenn.",
            "the quarry poisoned the wells near Lenn",
            False,
        ),
    ],
)
def test_a_judgement_on_other_claims_names_no_claim(
    sentence: str, content: str, judges: bool
) -> None:
    statement = _statements([(sentence, content, "Brask")], cue="said")[0]
    assert judges_claims(statement, parse_statements([statement])[0]) is judges


@pytest.mark.parametrize(
    ("sentence", "content", "names"),
    [
        (
            "Brask said the quarry poisoned the wells near Lenn.",
            "the quarry poisoned the wells near Lenn",
            True,
        ),
        ("Brask said the valve log was forged.", "the valve log was forged", True),
        ("Brask said the contracts were at risk.", "the contracts were at risk", True),
        (
            "Brask said the ferry line should have checked its hulls sooner.",
            "the ferry line should have checked its hulls sooner",
            False,  # advice after the fact, not something that happened
        ),
        (
            "Brask said the council would publish the survey next spring.",
            "the council would publish the survey next spring",
            False,  # a plan
        ),
        (
            "Brask said the Lenn quarry remained a valuable employer for the valley.",
            "the Lenn quarry remained a valuable employer for the valley",
            False,  # an evaluation
        ),
        (
            "Brask said the harbour board was aware of the survey.",
            "the harbour board was aware of the survey",
            False,
        ),
        (
            "Brask said a dented hull tells you where the ferry sailed, not who steered it.",
            "a dented hull tells you where the ferry sailed, not who steered it",
            False,  # addressed to the reader
        ),
    ],
)
def test_only_what_happened_names_a_claim(sentence: str, content: str, names: bool) -> None:
    statement = _statements([(sentence, content, "Brask")], cue="said")[0]
    assert (naming_text(statement, parse_statements([statement])[0]) is not None) is names


@pytest.mark.parametrize(
    ("sentence", "content", "speaker", "name"),
    [
        (
            "The Lunmar Port Authority denied that it had paid the harbour inspectors.",
            "that it had paid the harbour inspectors",
            "Lunmar Port Authority",
            "Lunmar Port Authority had paid the harbour inspectors",
        ),
        (
            "Mayor Lida Brenn said she had never met the contractor.",
            "she had never met the contractor",
            "Lida Brenn",
            "Lida Brenn had never met the contractor",
        ),
        (
            # a person's "it" stands for something else: no name
            "Mayor Lida Brenn said it had been paid in March.",
            "it had been paid in March",
            "Lida Brenn",
            None,
        ),
        (
            "The Lunmar Port Authority said it refused.",
            "it refused",
            "Lunmar Port Authority",
            None,  # no proposition: a verb without anything it says
        ),
        (
            "Orvane Shipping said the inspectors were paid by a rival.",
            "the inspectors were paid by a rival",
            "Orvane Shipping",
            "The inspectors were paid by a rival",
        ),
    ],
)
def test_a_pronoun_subject_is_named_by_the_speaker_it_stands_for(
    sentence: str, content: str, speaker: str, name: str | None
) -> None:
    cue = next(w for w in ("denied", "said") if w in sentence)
    statement = _statements([(sentence, content, speaker)], cue=cue)[0]
    assert naming_text(statement, parse_statements([statement])[0]) == name


class VerdictJudge(JudgeBase):
    """Refutes "Orvania is arming ..." with a text calling allegations false; supports it
    with a text naming Orvania arming; else unrelated."""

    name = "fake-verdict.v1"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        low = text.lower()
        if "orvania" in claim.lower() and "allegations" in low and "false" in low:
            return Stance("refutes", 0.8, None, False, self.name)
        if "orvania" in low and "arming" in low and "orvania" in claim.lower():
            return Stance("supports", 0.9, None, False, self.name)
        return Stance("unrelated", 0.8, None, False, self.name)


def test_a_judgement_on_the_allegations_counts_toward_its_documents_proposition() -> None:
    """ "These allegations are false" names no claim and joins no cluster: it is judged
    toward the proposition its document makes, and refutes it there."""
    text = (
        "Brask said Orvania is arming the Varn Front. "
        "The Orvanian ministry said these allegations are false and insulting. "
        "The Varn Front said it buys its rifles on the open market."
    )
    doc = make_doc(text)
    front = make_statement(  # the Front speaks: a party of the story, not a destination
        doc,
        "The Varn Front said it buys its rifles on the open market",
        "it buys its rifles on the open market",
        speaker="Varn Front",
        actor_id="varn-front",
        cue="said",
        cue_lemma="say",
    )
    brask = make_statement(
        doc,
        "Brask said Orvania is arming the Varn Front",
        "Orvania is arming the Varn Front",
        speaker="Brask",
        actor_id="brask",
        cue="said",
        cue_lemma="say",
    )
    ministry = make_statement(
        doc,
        "The Orvanian ministry said these allegations are false and insulting",
        "these allegations are false and insulting",
        speaker="Orvanian ministry",
        actor_id="orvanian-ministry",
        cue="said",
        cue_lemma="say",
    )
    vectors = {brask.id: np.eye(4)[0], ministry.id: np.eye(4)[1], front.id: np.eye(4)[2]}
    found = discover_in(
        [brask, ministry, front], vectors, judge=VerdictJudge(), documents={doc.id: doc}
    )
    arming = next(d for d in found if "arming" in d.claim.text)
    assert (arming.supporters, arming.refuters, arming.contested) == (1, 1, True)
    assert [s.source for s in arming.refuting] == ["orvanian-ministry"]
    assert not any("allegations" in d.claim.text for d in found)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (
            "Orvanian officers had held talks with the Varn Front last year, the first time "
            "the ministry has admitted any dealings with the group",
            "Orvanian officers had held talks with the Varn Front last year",
        ),
        (
            "his tanker took on Lenn crude at sea, in the first admission from inside the company",
            "His tanker took on Lenn crude at sea",
        ),
        (
            "Lenn had suspended talks on a second contract, pending the outcome of the inquiry",
            "Lenn had suspended talks on a second contract",
        ),
        (
            "the quarry poisoned the wells near Lenn, killing two cows",
            "The quarry poisoned the wells near Lenn",
        ),
        (  # a main verb that only frames its complement: the complement is the claim
            "the Gazette can also reveal that the Lenn quarry sold gravel to the council",
            "The Lenn quarry sold gravel to the council",
        ),
        (  # a second clause is a proposition of its own, not an aside
            "the quarry poisoned the wells, and the council knew",
            "The quarry poisoned the wells, and the council knew",
        ),
    ],
)
def test_a_claim_name_leaves_out_the_aside_after_its_main_clause(content: str, name: str) -> None:
    sentence = f"Brask said {content}."
    statement = _statements([(sentence, content, "Brask")], cue="said")[0]
    assert naming_text(statement, parse_statements([statement])[0]) == name
