"""stance.objects: another object is another proposition, but one object named two ways is
the same object (invented sentences)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model


def _root(text: str) -> Any:
    from claimgraph.nlp.parse import load_nlp

    doc = load_nlp()(text)
    return next(t for t in doc if t.dep_ == "ROOT")


@pytest.mark.parametrize(
    ("claim", "statement", "conflict"),
    [
        # the inner noun of "cases of kidney damage" is the object too
        ("Orvel Labs concealed cases of kidney damage.", "Orvel Labs hid kidney failures.", False),
        # damage, harm and injury name one object
        (
            "Orvel Labs concealed cases of kidney damage.",
            "Orvel Labs hid the kidney injuries.",
            False,
        ),
        ("Orvel Labs concealed the harm.", "Orvel Labs concealed the injuries.", False),
        # a general object ("a single incident") covers the specific one
        ("Orvel Labs concealed cases of kidney damage.", "Orvel Labs hid every incident.", False),
        # distinct goods stay apart
        ("Varsk supplied drones to the rebels.", "Varsk supplied tanks to the rebels.", True),
        ("Varsk supplied fuel to the rebels.", "Varsk supplied rifles to the rebels.", True),
    ],
)
def test_object_conflict(claim: str, statement: str, conflict: bool) -> None:
    from claimgraph.stance.objects import conflict as objects_conflict

    assert objects_conflict(_root(claim), _root(statement)) is conflict
