"""Attribution round 2: general causes behind speaker and span errors seen on invented
held-out stories. Each case is a new invented text of the same shape as the error (no words
of the stories themselves): pronouns after a subject of the same paragraph, coordinated cue
verbs, datelines, "charged X with Y", unnamed people introduced in passing, "Quoting X, the
paper reported", anonymity clauses, a description named later, "the company" for the last
company that spoke.
"""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.analyze.attribution import extract
from claimgraph.model import Document, Statement

Case = dict[str, Any]

CASES: list[Case] = [
    # 1. "he" after a subject of the previous sentence in the same paragraph, before a person
    #    quoted in the previous paragraph
    {
        "text": (
            "A club spokeswoman, Dana Flint, said the board would meet on Monday.\n\n"
            "Osric himself broke his silence in a video late on Friday. "
            '"I have never sold a match and I never will," he said.'
        ),
        "cue": "said",
        "content": "I have never sold a match",
        "speaker": "Osric",
        "anonymous": False,
    },
    # 2. coordinated cue verbs share the first one's subject
    {
        "text": (
            "At the close of the hearing, Marek acknowledged that his brother's company had "
            "received money from Tolvane but insisted that the payments had never affected "
            "any vote he cast."
        ),
        "cue": "insisted",
        "content": "the payments had never affected any vote",
        "speaker": "Marek",
    },
    # 3. a wire dateline is no part of the content; documents "seen by" a paper: the paper
    {
        "text": (
            "RENDALE (Coastal Mirror) - Auditors have found a transfer of 40,000 crowns to an "
            "account held by the port director, according to bank records seen by the "
            "Coastal Mirror."
        ),
        "cue": "according to",
        "content": "Auditors have found a transfer",
        "content_starts": "Auditors",
        "speaker": "Coastal Mirror",
    },
    {
        "text": (
            "PELLA (Harbour Times) - Investigators have seized the ledgers of the ferry "
            "operator, the port police said on Tuesday."
        ),
        "cue": "said",
        "content": "Investigators have seized the ledgers",
        "content_starts": "Investigators",
    },
    # 4. "charged X with Y": the charge is the content, not the person charged
    {
        "text": (
            "Silva resigned on Monday, hours after prosecutors charged him with taking "
            "kickbacks from Ostra Shipping in exchange for the ferry contract."
        ),
        "cue": "charged",
        "content": "taking kickbacks from Ostra Shipping",
        "source": "prosecutors",
    },
    # 5. an unnamed person introduced in passing is the "she" of the next sentence
    {
        "text": (
            "The newspaper spoke to a former lab technician who worked at the plant for six "
            'years. "We were told to throw the samples away, and the failed batches never '
            'appeared in the reports," she said.'
        ),
        "cue": "said",
        "content": "We were told to throw the samples away",
        "speaker": "former lab technician",
        "anonymous": True,
    },
    # 7. "Quoting X, the paper reported that ...": X speaks, through the paper
    {
        "text": (
            "Quoting the dockworkers' union leader Ilse Marr, the Harbour Gazette reported on "
            "Monday that at least four cranes had stayed in use after the inspection."
        ),
        "cue": "reported",
        "content": "at least four cranes had stayed in use",
        "speaker": "Ilse Marr",
        "via": "Harbour Gazette",
    },
    # 8. ... and anonymous sources quoted by a paper stay anonymous, via the paper
    {
        "text": (
            "Quoting fire service sources, the Courier reported on Friday that investigators "
            "had found the alarm log."
        ),
        "cue": "reported",
        "content": "investigators had found the alarm log",
        "speaker_has": "sources",
        "anonymous": True,
        "via": "Courier",
    },
    # 9. a source who spoke "on condition of anonymity" is anonymous
    {
        "text": (
            "A Tolvane driver, who spoke to the Courier on condition of anonymity for fear of "
            "losing his job, said supervisors had told staff to skip the brake checks."
        ),
        "cue": "said",
        "content": "supervisors had told staff to skip the brake checks",
        "anonymous": True,
    },
    {
        "text": (
            "The inspector, who asked not to be identified, said the report had been "
            "rewritten twice."
        ),
        "cue": "said",
        "content": "the report had been rewritten twice",
        "anonymous": True,
    },
    # 10. a description the text names later is that person, not anonymous
    {
        "text": (
            "A former night nurse at the Elmsford clinic has told the Valley Courier that "
            "doses were skipped.\n\nThe nurse, Pieter Holm, said he raised the matter twice."
        ),
        "cue": "told",
        "content": "doses were skipped",
        "speaker": "Pieter Holm",
        "anonymous": False,
    },
    {
        "text": (
            "MARLOW (Fen Gazette) - A former site engineer at the Corby dam has told the Fen "
            "Gazette that the spillway gauges were switched off.\n\n"
            '"We logged the faults every week," Hanne Solberg said in an interview.'
        ),
        "cue": "told",
        "content": "the spillway gauges were switched off",
        "speaker": "Hanne Solberg",
        "anonymous": False,
    },
    # 11. "the company" stands for the company that last spoke
    {
        "text": (
            'Ostra Shipping rejected the findings on Tuesday. "We followed every rule," the '
            "company said."
        ),
        "cue": "said",
        "content": "We followed every rule",
        "speaker": "Ostra Shipping",
    },
    {
        "text": (
            "The Health Ministry said the recall was voluntary. Corvane Foods declined to "
            'comment. "No batch was released after the test," the ministry said later.'
        ),
        "cue": "said",
        "content": "No batch was released after the test",
        "speaker": "Health Ministry",
    },
    {
        "text": (
            "Brask Chemicals has run the plant on the river since 2019. A spokesman for the "
            "regional water authority said the permit was valid. The company insists that no "
            "waste entered the river."
        ),
        "cue": "insists",
        "content": "no waste entered the river",
        "speaker": "Brask Chemicals",
    },
    # a named person is a person even when the tagger calls the name something else
    {
        "text": "Dravenna's coach, Milo Brant, said his players had been treated unfairly.",
        "cue": "said",
        "content": "his players had been treated unfairly",
        "speaker": "Milo Brant",
    },
]


def _find(text: str, cue: str, content: str) -> tuple[Statement | None, list[Statement]]:
    _, statements = extract(Document(id="r" * 64, text=text))
    for st in statements:
        if st.cue is not None and st.cue.text == cue and content in st.content.text:
            return st, statements
    return None, statements


def _seen(statements: list[Statement]) -> list[tuple[object, ...]]:
    return [
        (s.cue.text if s.cue else None, s.speaker, s.anonymous, s.via, s.content.text)
        for s in statements
    ]


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['cue']}" for i, c in enumerate(CASES)])
def test_round2_table(case: Case) -> None:
    found, statements = _find(case["text"], case["cue"], case["content"])
    seen = _seen(statements)
    assert found is not None, seen
    if "speaker" in case:
        assert found.speaker == case["speaker"], seen
    if "speaker_has" in case:
        assert found.speaker is not None and case["speaker_has"] in found.speaker, seen
    if "anonymous" in case:
        assert found.anonymous is case["anonymous"], seen
    if "via" in case:
        assert found.via == case["via"], seen
    if "source" in case:
        assert found.source is not None and found.source.text == case["source"], seen
    if "content_starts" in case:
        assert found.content.text.startswith(case["content_starts"]), seen


@pytest.mark.model
def test_quoting_is_no_attribution_of_its_own() -> None:
    text = (
        "Citing two people at the ministry, the Daily Lantern reported that the tender had "
        "been cancelled."
    )
    _, statements = extract(Document(id="s" * 64, text=text))
    cues = [s.cue.text for s in statements if s.cue]
    assert "Citing" not in cues, _seen(statements)
    assert "reported" in cues, _seen(statements)


@pytest.mark.model
def test_unnamed_source_is_not_named_by_a_person_named_before() -> None:
    # the person in the next paragraph was introduced earlier: someone else
    text = (
        "Ida Roos, the harbour master, opened the hearing.\n\n"
        "A former crane driver has told the Pella Star that the brakes failed.\n\n"
        '"We warned them in May," Ida Roos said.'
    )
    found, statements = _find(text, "told", "the brakes failed")
    assert found is not None, _seen(statements)
    assert found.anonymous is True, _seen(statements)
    assert found.speaker != "Ida Roos", _seen(statements)


@pytest.mark.model
def test_the_company_is_not_a_medium() -> None:
    text = (
        "The Pella Star reported the leak on Monday. Brask Chemicals denied it. "
        '"Our tanks are sound," the company said.'
    )
    found, statements = _find(text, "said", "Our tanks are sound")
    assert found is not None, _seen(statements)
    assert found.speaker == "Brask Chemicals", _seen(statements)


@pytest.mark.model
def test_he_after_a_group_subject_is_not_the_group() -> None:
    text = (
        "Velder Bank cut its forecast on Monday. "
        '"The cuts were overdue," he said, according to the minister.'
    )
    _, statements = extract(Document(id="u" * 64, text=text))
    for st in statements:
        if st.source is not None and st.source.text == "he":
            assert st.speaker != "Velder Bank", _seen(statements)


# 6. sentences in the writer's own voice
AUTHORIAL_TEXT = (
    "Corvane hid the danger\n\n"
    "Editorial\n\n"
    "Tuesday 4 March 2025\n\n"
    "Corvane Foods hid evidence of salmonella from the inspectors who certified its largest "
    "factory. The company's chief, Ada Brill, said the tests were routine. "
    '"We reported every result," she said. Would anyone believe that now? '
    "We think the board should resign. Consumers deserved better.\n"
)


@pytest.mark.model
def test_authorial_statements_in_the_writers_voice() -> None:
    doc = Document(id="w" * 64, text=AUTHORIAL_TEXT)
    _, statements = extract(doc, authorial=True)
    own = [s.content.text for s in statements if s.kind == "authorial"]
    assert any(t.startswith("Corvane Foods hid evidence of salmonella") for t in own), own
    # attributed, quoted, questions, first person, headline and date lines are not authorial
    for text in own:
        assert "Ada Brill" not in text and "reported every result" not in text, own
        assert not text.endswith("?") and not text.startswith("We think"), own
        assert "Corvane hid the danger" not in text and "2025" not in text, own
    for st in statements:
        if st.kind == "authorial":
            assert st.source is None and st.cue is None and st.speaker is None
            assert doc.text[st.content.start : st.content.end] == st.content.text


@pytest.mark.model
def test_authorial_statements_only_when_asked() -> None:
    _, statements = extract(Document(id="w" * 64, text=AUTHORIAL_TEXT))
    assert all(s.kind != "authorial" for s in statements)


@pytest.mark.model
def test_anonymity_of_someone_else_does_not_hide_the_source() -> None:
    text = "Police said a man who asked not to be named was arrested on Monday."
    found, statements = _find(text, "said", "was arrested on Monday")
    assert found is not None, _seen(statements)
    assert found.speaker == "Police" and found.anonymous is False, _seen(statements)
