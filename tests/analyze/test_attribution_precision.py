"""Attribution precision: general causes of spurious statements and wrong source spans, each
pinned by invented sentences written before the fix.

- A source never contains its own cue: "Farmers who said the harvest failed" names the farmers,
  not the whole noun phrase with its relative clause.
- Light and action verbs with only a noun-phrase object ("took the stage", "launched a bid",
  "released a plan", "made a visit") say nothing; with a clause they still can ("made clear
  that ...").
"""

from __future__ import annotations

from claimgraph.analyze.attribution import extract
from claimgraph.model import Document, Statement


def _statements(text: str) -> list[Statement]:
    _, statements = extract(Document(id="precision-test", text=text))
    return statements


def _by_cue(text: str, cue: str) -> list[Statement]:
    return [
        s for s in _statements(text) if s.cue is not None and text[s.cue.start : s.cue.end] == cue
    ]


def test_source_in_relative_clause_excludes_its_own_cue() -> None:
    text = (
        "Farmers who said the harvest had failed were offered loans by the provincial bank. "
        "The inspectors later visited the valley."
    )
    found = _by_cue(text, "said")
    assert found, "the relative-clause statement is still found"
    st = found[0]
    assert st.source is not None
    source = text[st.source.start : st.source.end]
    assert source == "Farmers"
    assert text[st.content.start : st.content.end].startswith("the harvest had failed")


def test_source_with_who_clause_after_a_name() -> None:
    text = (
        "The mayor thanked Ilsa Varnholt, a retired engineer who warned that the old dam "
        "was cracking, at a ceremony on the square."
    )
    found = _by_cue(text, "warned")
    assert found
    st = found[0]
    assert st.source is not None
    source = text[st.source.start : st.source.end]
    assert "warned" not in source
    assert "engineer" in source


def test_every_source_is_outside_its_cue() -> None:
    text = (
        "Shopkeepers who have complained about the new parking rules say the council ignored "
        "them. A driver who told the hearing that fines had doubled left before the vote."
    )
    for st in _statements(text):
        if st.source is not None and st.cue is not None:
            assert not (st.source.start <= st.cue.start < st.source.end), text[
                st.source.start : st.source.end
            ]


def test_light_verbs_with_a_noun_object_are_no_statement() -> None:
    texts = {
        "took": "After the vote, Senator Orla Bream took the stage to loud applause.",
        "launched": "The regional governor launched a bid for the party leadership in May.",
        "released": "The ministry released a forty-page plan for the northern railway on Friday.",
        "made": "The trade delegation made a two-day visit to the port of Kesh last week.",
    }
    for cue, text in texts.items():
        assert not _by_cue(text, cue), f"{cue!r} in {text!r} is no attribution"


def test_light_verb_with_a_clause_still_attributes() -> None:
    text = "The finance minister made clear that the tax on fuel would not rise this year."
    found = _by_cue(text, "made")
    assert found
    assert "the tax on fuel would not rise" in text[found[0].content.start : found[0].content.end]


def test_speech_verbs_with_a_noun_object_are_kept() -> None:
    text = "The opposition leader denied the allegations in a short statement on Monday."
    found = _by_cue(text, "denied")
    assert found
    assert text[found[0].content.start : found[0].content.end].startswith("the allegations")


def test_clip_own_clause_ends_on_a_root_cue() -> None:
    """A source span that holds its sentence's root cue: the walk up the heads stops at the root
    (token objects of one position are not identical, so identity never ended it: it hung)."""
    from claimgraph.analyze.attr_source import clip_own_clause
    from claimgraph.analyze.attribution import parse

    text = "Governor Talma Reyes said the bridge would reopen in the spring."
    doc = parse(text)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert root.text == "said"
    clipped = clip_own_clause(text, (0, len(text)), root, root.idx)
    assert clipped is not None
    assert text[clipped[0] : clipped[1]] == "Governor Talma Reyes"
