"""Generic descriptions and bracketed insertions resolved before roles are compared (issue 16,
item 3): "the insurgents" in a document about one armed group is that group, "they [Ostria]"
and "arming them [the Red Ash Brigades]" read as the bracketed name. Invented stories."""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge
from claimgraph.stance.describe import DOCUMENT_ACTOR, describe_text, document_actor

pytestmark = pytest.mark.model

BRIGADES = (
    "The Red Ash Brigades seized the grain depot at Velm on Friday. Red Ash Brigades gunmen "
    "set up checkpoints on the coast road. Farmers said the Red Ash Brigades had taken their "
    "tractors. The harbour stayed closed. Ferries were sent to Osk instead. "
    "Two Lerian officers said Ostria is arming the insurgents."
)
GUARD = (
    "The Tamsk Home Guard has held the hill towns since spring. Home Guard commanders say they "
    "are short of shells. The Red Ash Brigades shelled the towns again overnight. Aid workers "
    "counted forty wounded. Schools have been closed since May. "
    "A Lerian diplomat said Ostria is quietly arming the militia."
)
TWO_SIDES = (
    "The Red Ash Brigades and the Tamsk Home Guard fought for the bridge. The Tamsk Home Guard "
    "lost it on Monday; the Red Ash Brigades lost it again on Tuesday. "
    "An officer said Ostria is arming the militants."
)
ASH = "Ostria is supplying weapons to the Red Ash Brigades"
GUARD_CLAIM = "Ostria is supplying weapons to the Tamsk Home Guard fighting the Red Ash Brigades"


def _judge(claim: str, text: str, document: str | None = None) -> str:
    context = document if document and text in document else None
    judge = get_judge("compositional")
    return judge.judge_many([(claim, text, context)], documents=[document])[0].label


def test_document_actor_is_the_group_named_most() -> None:
    assert document_actor(BRIGADES) == "red ash brigades"
    assert document_actor(GUARD) == "tamsk home guard"  # "Home Guard" counted under its full name
    assert describe_text(BRIGADES)[DOCUMENT_ACTOR] == "red ash brigades"


def test_no_document_actor_when_two_groups_are_named_alike_or_once() -> None:
    assert document_actor(TWO_SIDES) is None
    assert document_actor("Ostria is arming the Red Ash Brigades, an officer said.") is None
    # a country is never the armed group a document is about
    assert document_actor("Ostria said Ostria would act. Ostria's army moved.") is None


def test_generic_recipient_resolves_to_the_documents_group() -> None:
    text = "Two Lerian officers said Ostria is arming the insurgents."
    assert _judge(ASH, text, BRIGADES) == "supports"
    assert _judge(GUARD_CLAIM, text, BRIGADES) == "unrelated"
    text = "A Lerian diplomat said Ostria is quietly arming the militia."
    assert _judge(GUARD_CLAIM, text, GUARD) == "supports"
    assert _judge(ASH, text, GUARD) == "unrelated"


def test_known_group_from_the_alias_table() -> None:
    document = (
        "The Taliban took the pass on Monday. Taliban commanders met traders at the market. "
        "Taliban envoys visited the governor. The roads were quiet. Prices rose. "
        "Officials said Russia is arming the insurgents."
    )
    text = "Officials said Russia is arming the insurgents."
    assert _judge("Russia is arming the Taliban", text, document) == "supports"
    nrf = "Russia supplied weapons to the National Resistance Front fighting the Taliban"
    assert _judge(nrf, text, document) == "unrelated"


def test_without_a_document_actor_a_generic_recipient_is_not_a_mismatch() -> None:
    text = "An officer said Ostria is arming the militants."
    assert _judge(ASH, text, TWO_SIDES) != "unrelated"


def test_bracketed_insertions_name_the_roles() -> None:
    text = "A border officer said they [Ostria] had been sending rifles to [the Red Ash Brigades] for months."
    assert _judge(ASH, text) == "supports"
    assert _judge(GUARD_CLAIM, text) == "unrelated"
    text = "The officer said Ostria was arming them [the Red Ash Brigades]."
    assert _judge(ASH, text) == "supports"
    assert _judge(GUARD_CLAIM, text) == "unrelated"
    assert _judge(ASH, "[Ostria] is arming the Red Ash Brigades, the officer said.") == "supports"


def test_kremlin_and_moscow_are_the_country() -> None:
    claim = "Russia is arming the Taliban"
    assert _judge(claim, "He said the Kremlin is arming them [the Taliban].") == "supports"
    assert _judge(claim, "Moscow is arming the Taliban, a general said.") == "supports"


def test_a_measure_noun_is_not_a_recipient() -> None:
    # "some sort of support": "sort" is no generic recipient matching any party
    text = (
        "I think it is fair to assume they [Ostria] may be providing some sort of support "
        "to [the Red Ash Brigades] in terms of weapons."
    )
    assert _judge(GUARD_CLAIM, text) == "unrelated"
