"""Attribution patterns added for recall on unseen news (session 2): prepositional content,
stray that-clauses, "as X reported", a bare "X said." after its quote, noun cues, "in his
view" frames, transcript speaker tags, and sources that are no actors. Texts are invented.
"""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.analyze.attr_content import _content_preps
from claimgraph.analyze.attr_nouns import noun_cues
from claimgraph.analyze.attribution import extract, speaker_label
from claimgraph.model import Document, Span, Statement

Case = dict[str, Any]

CASES: list[Case] = [
    # --- a prepositional argument carries the content
    {
        "text": "Governor Alma Reyes talked about the drought at length on Monday.",
        "cue": "talked",
        "content": "the drought",
        "speaker": "Alma Reyes",
    },
    {
        "text": "The farmers' union called for an inquiry into the water contracts.",
        "cue": "called",
        "content": "an inquiry into the water contracts",
        "source": "The farmers' union",
    },
    {
        "text": "Minister Ivo Brandt pointed to the falling price of grain.",
        "cue": "pointed",
        "content": "the falling price of grain",
        "speaker": "Ivo Brandt",
    },
    {
        "text": "Senator Ruth Amari railed against the new tariff in the chamber.",
        "cue": "railed",
        "content": "the new tariff",
        "speaker": "Ruth Amari",
    },
    {
        "text": "Councillor Ben Osei spoke about the flooding of the old harbour.",
        "cue": "spoke",
        "content": "the flooding of the old harbour",
        "speaker": "Ben Osei",
    },
    # --- a that-clause the parser hung inside the cue's own phrase
    {
        "text": (
            "Mayor Petra Lind said in a statement released on Tuesday that the ferry "
            "service would resume in June."
        ),
        "cue": "said",
        "content": "the ferry service would resume in June",
        "speaker": "Petra Lind",
    },
    # --- "as X reported": the clause the "as" phrase stands in
    {
        "text": "The mill will close in March, as the Valley Courier reported on Friday.",
        "cue": "reported",
        "content": "The mill will close in March",
        "source": "the Valley Courier",
    },
    # --- "told" + whom it was told to: the addressee is not the content
    {
        "text": "“The port is closed,” Ortiz told the Daily Courier.",
        "cue": "told",
        "content": "The port is closed",
        "speaker": "Ortiz",
    },
    {
        "text": "“We are open until May,” the manager told customers on Friday.",
        "cue": "told",
        "content": "We are open until May",
        "source": "the manager",
    },
    # --- a plain "PLACE —" dateline is not the source; "U.S.-backed" is no dateline
    {
        "text": "LUZAN — The harbour ministry denied the report on Monday.",
        "cue": "denied",
        "content": "the report",
        "source": "The harbour ministry",
    },
    {
        "text": "U.S.-backed militias said the bridge had been destroyed.",
        "cue": "said",
        "content": "the bridge had been destroyed",
        "source": "U.S.-backed militias",
    },
    # --- a clause of someone else before the speaker is not part of the content
    {
        "text": (
            "Voters in the north were split: 40% describe the count as rigged; 35% say it was fair."
        ),
        "cue": "say",
        "content": "it was fair",
        "source": "35%",
    },
    # --- noun cues with a stated source
    {
        "text": "Senator Lena Ortiz has long rejected the minister's claim that the port was sold.",
        "cue": "claim",
        "content": "the port was sold",
        "source": "the minister",
    },
    {
        "text": "Residents welcomed the council's decision to reopen the library.",
        "cue": "decision",
        "content": "to reopen the library",
        "source": "the council",
    },
    # --- "in his view": the clause the frame holds is the possessor's
    {
        "text": "In Ortiz's view, the port deal was a mistake.",
        "cue": "In Ortiz's view",
        "content": "the port deal was a mistake",
        "source": "Ortiz",
    },
]


def _find(text: str, cue: str, content: str) -> tuple[Statement | None, list[Statement]]:
    _, statements = extract(Document(id="p" * 64, text=text))
    for st in statements:
        if st.cue is not None and st.cue.text == cue and content in st.content.text:
            return st, statements
    return None, statements


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['cue']}" for i, c in enumerate(CASES)])
def test_pattern_table(case: Case) -> None:
    found, statements = _find(case["text"], case["cue"], case["content"])
    seen = [(s.cue.text if s.cue else None, s.source, s.content.text) for s in statements]
    assert found is not None, seen
    assert len(found.content.text) <= len(case["content"]) + 12, found.content.text
    if "speaker" in case:
        assert found.speaker == case["speaker"], seen
    if "source" in case:
        assert found.source is not None and found.source.text == case["source"], seen


NO_ATTRIBUTION = [
    # a bare noun with no stated source is no attribution
    ("The claim that the port was sold has never been proven.", "claim"),
    # a time phrase after a cue is not what was said
    ("The minister spoke for an hour on Monday.", "spoke"),
    # "in" a place is no frame
    ("In the capital, the protests went on for a week.", "In"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,cue", NO_ATTRIBUTION, ids=range(len(NO_ATTRIBUTION)))
def test_no_attribution(text: str, cue: str) -> None:
    _, statements = extract(Document(id="q" * 64, text=text))
    assert not [s for s in statements if s.cue is not None and s.cue.text.startswith(cue)], [
        (s.cue.text if s.cue else None, s.content.text) for s in statements
    ]


@pytest.mark.model
def test_bare_said_after_its_quote() -> None:
    text = (
        "The council met on Monday.\n"
        "“We will not sell the harbour. Not this year, not ever.” Okafor said.\n"
    )
    found, statements = _find(text, "said", "Not this year, not ever")
    assert found is not None, [(s.cue, s.content.text) for s in statements]
    assert found.kind == "direct"
    assert found.source is not None and found.source.text == "Okafor"


@pytest.mark.model
def test_transcript_speaker_tags() -> None:
    text = (
        "The interview was recorded in Luzan.\n\n"
        "Q: Did the ministry sell the harbour?\n\n"
        "A: We never sold it and we never will sell it.\n\n"
        "Q: Who signed the contract in March?\n\n"
        "A: Nobody at the ministry signed anything.\n\n"
        "Update: This article was corrected on May 4.\n"
    )
    _, statements = extract(Document(id="t" * 64, text=text))
    tagged = {(s.source.text if s.source else None, s.content.text) for s in statements}
    assert ("A", "We never sold it and we never will sell it.") in tagged, tagged
    assert ("Q", "Did the ministry sell the harbour?") in tagged, tagged
    assert not any(src == "Update" for src, _ in tagged), tagged


@pytest.mark.model
def test_non_actor_sources_have_no_speaker() -> None:
    """As in the store (``actor_names.normalize_actor``): the statement keeps its kind and its
    source as written, with no speaker and no actor; a person in the same text is kept."""
    text = (
        "These two videos show that the drones were built in Valdoria.\n"
        "Reports said the factory had closed in May.\n"
        "Defence minister Ilse Varga said the factory was still open.\n"
    )
    actors, statements = extract(Document(id="v" * 64, text=text))
    by_source = {s.source.text: s for s in statements if s.source is not None}
    for name in ("These two videos", "Reports"):
        st = by_source[name]
        assert st.speaker is None and st.actor_id is None, st
        assert st.kind == "indirect"
        assert speaker_label(st) is None
    assert "Ilse Varga" in {a.name for a in actors}
    assert not {"These two videos", "Reports"} & {a.name for a in actors}
    varga = next(s for s in statements if s.speaker == "Ilse Varga")
    assert speaker_label(varga) == "Ilse Varga"


def test_speaker_label_falls_back_to_the_source_as_written() -> None:
    text = "He said the bridge was safe."
    st = Statement(
        id="s",
        doc_id="d",
        kind="indirect",
        content=Span.of(text, 8, 27),
        source=Span.of(text, 0, 2),
    )
    assert speaker_label(st) == "He"
    assert speaker_label(Statement(id="s", doc_id="d", kind="indirect", content=st.content)) is None


def test_lexicons_load() -> None:
    general, pairs = _content_preps()
    assert {"about", "for", "against"} <= general and ("point", "to") in pairs
    assert "on" not in general  # "said on Monday": a time, not content
    cues = noun_cues()
    assert cues["claim"] == frozenset({"that"}) and "to" in cues["decision"]
