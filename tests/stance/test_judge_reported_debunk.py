"""A speaker says that claims of X are false, in the shapes the parser gives that sentence:
the report noun read as a verb with the copula under it ("said claims that Moscow arms ...
are false", the predicate the copula's clausal subject) or beside it ("said claims that it
ships tanks ... are false", the copula hung on "said"). The falsity is counted once, so the
text refutes. Invented names and sentences; controls: claims called true, and a plain report
of the claim. (Present-simple "funds"/"ships" after a name is often parsed as a noun, so the
rows use the progressive.)"""

from __future__ import annotations

import pytest

from claimgraph.stance import get_judge

pytestmark = pytest.mark.model

CASES = [
    (
        "copula-under-noun",
        "Ostravia is supplying weapons to the Kell Brigades",
        "Ostravia's foreign ministry said claims that Vessin arms the Kell Brigades are absolutely false.",
        "refutes",
    ),
    (
        "copula-beside-noun",
        "Norland is shipping tanks to the Brisa Guard",
        "Norland's foreign ministry said claims that it ships tanks to the Brisa Guard are absolutely false.",
        "refutes",
    ),
    (
        "subject-noun",
        "Tarvia is funding the Sorn Legion",
        "Claims that Tarvia is funding the Sorn Legion are baseless, the ambassador said.",
        "refutes",
    ),
    (
        "called-true",
        "Norland is shipping tanks to the Brisa Guard",
        "The envoy said claims that Norland is shipping tanks to the Brisa Guard were true.",
        "supports",
    ),
    (
        "plain-report",
        "Norland is shipping tanks to the Brisa Guard",
        "Two ministers said Norland is shipping tanks to the Brisa Guard.",
        "supports",
    ),
]


@pytest.fixture(scope="module")
def judge():
    return get_judge("compositional")


@pytest.mark.parametrize(("case", "claim", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reported_debunk(judge, case: str, claim: str, text: str, expected: str) -> None:
    assert judge.judge(claim, text, context=text, document=text).label == expected, case
