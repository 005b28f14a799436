"""Who counts as an actor in a claim map, inferred affiliations and nested attributions."""

from __future__ import annotations

import dataclasses

import pytest
from link_helpers import KeywordJudge, make_doc, make_statement

from claimgraph.analyze.nested import nested_statements, relayed_finding, with_nested
from claimgraph.link import Candidate, build_claim_map
from claimgraph.link.speakers import (
    descriptor,
    expand,
    infer_affiliation,
    is_actor,
    misread_speakers,
)
from claimgraph.model import Span

CLAIM = "Russia is supplying weapons to the Taliban"


def test_named_speaker_is_an_actor() -> None:
    doc = make_doc("Intro line.\nThe envoy Ivan Petrov said Moscow armed the rebels.")
    st = make_statement(
        doc, "The envoy Ivan Petrov said", "Moscow armed the rebels", speaker="Ivan Petrov"
    )
    assert is_actor(st, doc)


def test_unresolved_source_is_named_as_written_unless_it_is_evidence() -> None:
    doc = make_doc("Intro.\nThese three photos show rifles that experts say came from abroad.")
    st = make_statement(doc, "These three photos show", "rifles that experts say came from abroad")
    start = doc.text.index("These")
    st = dataclasses.replace(st, source=Span.of(doc.text, start, start + len("These three photos")))
    assert st.speaker is None and st.actor_id is None
    assert not is_actor(st, doc)
    # an unresolved source that is someone ("one former pilot") stays an actor
    doc2 = make_doc("Intro.\nOne former pilot said the rifles came from abroad.")
    st2 = make_statement(doc2, "One former pilot said", "the rifles came from abroad")
    start2 = doc2.text.index("One")
    st2 = dataclasses.replace(
        st2, source=Span.of(doc2.text, start2, start2 + len("One former pilot"))
    )
    assert is_actor(st2, doc2)
    # no source at all: nobody to list
    assert not is_actor(dataclasses.replace(st2, source=None), doc2)


@pytest.mark.parametrize("pronoun", ["it", "It", "we", "They"])
def test_bare_pronoun_is_not_an_actor(pronoun: str) -> None:
    doc = make_doc(f"Intro.\n{pronoun} said the talks failed.")
    st = make_statement(doc, f"{pronoun} said", "the talks failed", speaker=pronoun)
    assert not is_actor(st, doc)


def test_source_in_the_headline_is_not_an_actor() -> None:
    title = "Officials Say Lisbon Armed the Rebels"
    doc = make_doc(f"{title}\n\nBody text follows here.", title=title)
    doc = dataclasses.replace(doc, title_span=Span.of(doc.text, 0, len(title)))
    st = make_statement(doc, "Officials Say", "Lisbon Armed the Rebels", speaker="Officials")
    assert not is_actor(st, doc)


def test_source_across_a_line_break_is_not_an_actor() -> None:
    doc = make_doc("Rebels in the south\n\nHead of the army refuses to deny the report.")
    st = make_statement(doc, "Head of the army refuses", "to deny the report")
    st = dataclasses.replace(
        st,
        speaker="Rebels in the south\n\nHead of the army",
        actor_id="anon-x-1",
        source=Span.of(doc.text, 0, doc.text.index(" refuses")),
    )
    assert not is_actor(st, doc)


def test_quote_marks_and_blank_line_at_the_edge_of_a_span_do_not_count() -> None:
    doc = make_doc("She wrote: “He lied.”\n\nThe Foreign Office dismissed the claims as false.")
    start = doc.text.index("”")
    st = make_statement(
        doc, "The Foreign Office dismissed", "the claims as false", speaker="Foreign Office"
    )
    st = dataclasses.replace(
        st, source=Span.of(doc.text, start, doc.text.index(" dismissed")), actor_id="fo"
    )
    assert is_actor(st, doc)


def test_line_initial_kicker_is_not_an_actor() -> None:
    doc = make_doc(
        "Story text.\nPortugal: Ten years after the war\nLisbon has denied arming the rebels."
    )
    st = make_statement(
        doc, "Portugal: Ten years after the war\nLisbon has denied", "arming the rebels"
    )
    st = dataclasses.replace(
        st, speaker="Portugal", actor_id="portugal", source=Span.of(doc.text, 12, 20)
    )
    assert not is_actor(st, doc)
    # the same name speaking in a sentence is an actor
    doc2 = make_doc("Story text.\nPortugal said: the rebels got nothing from us.")
    st2 = make_statement(
        doc2, "Portugal said", "the rebels got nothing from us", speaker="Portugal"
    )
    assert is_actor(dataclasses.replace(st2, actor_id="portugal"), doc2)


def test_the_articles_own_outlet_is_not_an_actor() -> None:
    doc = make_doc("The Daily Ledger reported that rifles were seen.", outlet="Daily Ledger")
    st = make_statement(
        doc, "The Daily Ledger reported", "rifles were seen", speaker="The Daily Ledger"
    )
    assert not is_actor(st, doc)
    other = make_doc("The Daily Ledger reported that rifles were seen.", outlet="Evening Post")
    assert is_actor(dataclasses.replace(st, doc_id=other.id), other)


def test_authorial_statement_is_not_an_actor() -> None:
    doc = make_doc("Russia appears to have armed the Taliban.")
    st = make_statement(doc, doc.text, "Russia appears to have armed the Taliban", kind="authorial")
    assert not is_actor(st, doc)


def test_descriptor_before_a_name() -> None:
    text = (
        "Ties are political only. This was stated by the representative of the political "
        "office of the Taliban movement (based in Qatar) Abdul Rahimi in an interview."
    )
    doc = make_doc(text)
    assert descriptor(doc, "Abdul Rahimi") == (
        "the representative of the political office of the Taliban movement"
    )
    assert descriptor(doc, "Nobody Here") is None


def test_affiliation_is_read_only_when_the_judge_knows_the_institution() -> None:
    text = (
        "This was stated by the representative of the Taliban movement Abdul Rahimi. "
        "It was said by the regional trade envoy Mara Olsen."
    )
    doc = make_doc(text)
    rahimi = make_statement(doc, "This was stated", "This was stated", speaker="Abdul Rahimi")
    olsen = make_statement(doc, "It was said", "It was said", speaker="Mara Olsen")
    found = infer_affiliation(doc, rahimi)
    assert found is not None and "Taliban" in found
    assert infer_affiliation(doc, olsen) is None
    kept = dataclasses.replace(rahimi, affiliation="Kabul government")
    assert infer_affiliation(doc, kept) == "Kabul government"


def test_nested_claim_by_an_anonymous_official() -> None:
    text = (
        "The general said he would not dispute claims made to media by an anonymous senior "
        "army official in Lisbon earlier that day that Spain had sent rifles to the rebels, "
        "adding nothing more."
    )
    doc = make_doc(text)
    outer = make_statement(
        doc, text, "he would not dispute claims", speaker="The general", actor_id="general"
    )
    nested = nested_statements(doc, outer)
    assert len(nested) == 1
    st = nested[0]
    assert st.speaker == "anonymous senior army official"
    assert st.anonymous and st.actor_id and st.actor_id.startswith("anon-")
    assert st.content.text.startswith("Spain had sent rifles to the rebels")
    assert st.source is not None and st.source.text == "an anonymous senior army official"
    assert doc.text[st.content.start : st.content.end] == st.content.text


def test_nested_claim_by_a_named_source_is_not_anonymous() -> None:
    text = "She rejected reports by the analyst Jon Berg that Spain had sent rifles north."
    doc = make_doc(text)
    outer = make_statement(doc, text, "reports by the analyst", speaker="She", actor_id="she")
    (st,) = nested_statements(doc, outer)
    assert not st.anonymous and st.actor_id == "analyst-jon-berg"


def test_no_nested_claim_without_a_source() -> None:
    doc = make_doc("He dismissed claims that Spain had sent rifles to the rebels.")
    outer = make_statement(doc, doc.text, "claims that Spain had sent rifles", speaker="He")
    assert nested_statements(doc, outer) == []


def test_analysis_skips_a_nested_claim_already_extracted() -> None:
    text = (
        "The general did not dispute reports by unnamed officials that Spain had sent rifles "
        "to the rebels."
    )
    doc = make_doc(text)
    outer = make_statement(doc, text, "did not dispute reports", speaker="The general")
    found = with_nested(doc, [outer])
    assert len(found) == 2 and found[0] == outer
    existing = make_statement(doc, text, "Spain had sent rifles to the rebels")
    assert with_nested(doc, [outer, existing]) == [outer, existing]


def test_expand_reads_the_stored_nested_statements_of_a_statement() -> None:
    text = (
        "The general did not dispute reports by unnamed officials that Spain had sent rifles "
        "to the rebels.\nA minister denied claims by an unnamed aide that Spain had sold tanks."
    )
    doc = make_doc(text)
    outer = make_statement(doc, text.splitlines()[0], "did not dispute reports")
    other = make_statement(doc, text.splitlines()[1], "denied claims")
    stored = with_nested(doc, [outer, other])
    assert len(stored) == 4
    assert expand(doc, outer) == [outer]  # link finds nothing by itself
    assert expand(doc, outer, stored) == stored[:2]
    assert expand(doc, other, stored) == stored[2:]


def test_map_leaves_non_actors_out_and_adds_nested_speakers() -> None:
    text = (
        "Reports Say Russia Arms the Taliban\n\n"
        "These videos show rifles from Russia in Taliban hands.\n"
        "The commander said he would not dispute claims by an unnamed US official that Russia "
        "had sent weapons to the Taliban.\n"
    )
    title = "Reports Say Russia Arms the Taliban"
    doc = dataclasses.replace(make_doc(text, title=title), title_span=Span.of(text, 0, len(title)))
    headline = make_statement(doc, title, "Russia Arms the Taliban", speaker="Reports")
    headline = dataclasses.replace(headline, actor_id="reports")
    videos = make_statement(doc, "These videos show", "rifles from Russia in Taliban hands")
    commander = make_statement(
        doc,
        "The commander said he would not dispute claims by an unnamed US official that Russia "
        "had sent weapons to the Taliban.",
        "he would not dispute claims",
        speaker="The commander",
        actor_id="commander",
    )
    judge = KeywordJudge(
        [
            (["not dispute"], "supports", True),
            (["russia", "taliban"], "supports", False),
        ]
    )
    cands = [Candidate(s, doc, 1.0) for s in (headline, videos, commander)]
    stored = with_nested(doc, [headline, videos, commander])  # as analysis stores them
    cmap = build_claim_map(CLAIM, cands, judge=judge, doc_statements={doc.id: stored})
    actors = {a.actor.id: a for a in cmap.actors}
    assert "reports" not in actors
    assert not any("videos" in a.actor.name.lower() for a in cmap.actors)
    assert "commander" in actors
    nested = [a for a in cmap.actors if a.actor.anonymous]
    assert len(nested) == 1 and nested[0].stance.label == "supports"
    assert nested[0].actor.name == "unnamed US official"
    # the statements themselves stay in the map
    assert len(cmap.statements) == 4


def test_pronoun_resolved_to_a_kicker_is_not_an_actor() -> None:
    text = (
        "Story text.\nPortugal: Ten years after the war\nLisbon has denied arming the rebels. "
        "It says it keeps ties with rebel leaders."
    )
    doc = make_doc(text)
    kicker = make_statement(
        doc, "Portugal: Ten years after the war\nLisbon has denied", "arming the rebels"
    )
    kicker = dataclasses.replace(
        kicker, speaker="Portugal", actor_id="portugal", source=Span.of(text, 12, 20)
    )
    pronoun = make_statement(doc, "It says", "it keeps ties with rebel leaders")
    pronoun = dataclasses.replace(
        pronoun,
        speaker="Portugal",
        actor_id="portugal",
        source=Span.of(text, text.index("It"), text.index("It") + 2),
    )
    assert misread_speakers(doc, [kicker, pronoun]) == {"portugal"}
    # once the name also speaks in a sentence, its pronouns are trusted
    named = make_statement(doc, "Lisbon has denied", "arming the rebels", speaker="Lisbon")
    named = dataclasses.replace(named, actor_id="portugal")
    assert misread_speakers(doc, [kicker, pronoun, named]) == set()


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Photographs released by the ministry", False),
        ("These two videos", False),
        ("Satellite images", False),
        ("Office of the President", True),
        ("The Records Commissioner Ada Lund", True),
    ],
)
def test_evidence_is_not_an_actor(name: str, actor: bool) -> None:
    doc = make_doc(f"Intro.\n{name} said the rifles came from abroad.")
    st = make_statement(doc, f"{name} said", "the rifles came from abroad", speaker=name)
    assert is_actor(dataclasses.replace(st, actor_id="x"), doc) is actor


def test_headline_without_a_marked_span_is_found_in_the_text() -> None:
    title = "SCANDAL: NOT ONE RIFLE IS MISSING, SAYS ANGRY GENERAL"
    doc = make_doc(f"{title}\n\nThe general said every rifle was counted.", title=title)
    assert doc.title_span is None
    st = make_statement(doc, title, "NOT ONE RIFLE IS MISSING")
    start = title.index("ANGRY")
    st = dataclasses.replace(
        st,
        speaker="ANGRY GENERAL",
        actor_id="angry-general",
        source=Span.of(doc.text, start, start + len("ANGRY GENERAL")),
    )
    assert st.source is not None and st.source.text == "ANGRY GENERAL"
    assert not is_actor(st, doc)


def test_nested_claim_stops_before_the_frames_judgement() -> None:
    text = (
        "The ministry dismissed claims by the army chief that rifles had been sold to the "
        "rebels as completely baseless."
    )
    doc = make_doc(text)
    outer = make_statement(doc, text, "dismissed claims", speaker="The ministry")
    (st,) = nested_statements(doc, outer)
    assert st.content.text == "rifles had been sold to the rebels"
    assert st.sentence == st.content  # judged on its own words, not the outer denial


def test_medium_relaying_a_finding_is_not_the_source() -> None:
    text = (
        "Intro.\nCNN acknowledges that analysts from the Arms Research Group determined that "
        "there was little evidence linking the rifles to Spain."
    )
    doc = make_doc(text)
    st = make_statement(
        doc,
        "CNN acknowledges",
        "that analysts from the Arms Research Group determined that there was little evidence "
        "linking the rifles to Spain",
        speaker="CNN",
        actor_id="cnn",
    )
    finding = relayed_finding(doc, st)
    assert finding is not None
    assert finding.speaker == "analysts from the Arms Research Group"
    assert finding.content.text.startswith("there was little evidence")
    assert not finding.anonymous  # the group is named
    assert not is_actor(st, doc)
    assert any(n.content == finding.content for n in nested_statements(doc, st))
    # a medium reporting on its own account stays an actor
    own = make_doc("Intro.\nCNN reported that rifles from Spain were seen in the north.")
    st2 = make_statement(
        own, "CNN reported", "that rifles from Spain were seen in the north", speaker="CNN"
    )
    assert relayed_finding(own, st2) is None and is_actor(st2, own)
    # someone who is not a medium keeps their statement
    other = dataclasses.replace(st, speaker="The minister", actor_id="minister")
    assert relayed_finding(doc, other) is None


def test_medium_relaying_footage_is_not_an_actor() -> None:
    text = "Intro.\nThe BBC reports: These three videos show rifles with their markings removed."
    doc = make_doc(text)
    st = make_statement(
        doc, "The BBC reports", "These three videos show rifles", speaker="BBC", actor_id="bbc"
    )
    assert not is_actor(st, doc)
    own = make_doc("Intro.\nThe BBC reports: the rebels showed reporters their rifles.")
    st2 = make_statement(
        own, "The BBC reports", "the rebels showed reporters their rifles", speaker="BBC"
    )
    assert is_actor(st2, own)


def test_wire_dateline_is_not_an_actor() -> None:
    text = "Intro.\nOSLO (Northern Wire) - Norway on Monday accused the firm of arming rebels."
    doc = make_doc(text)
    st = make_statement(doc, "OSLO (Northern Wire) - Norway on Monday accused", "arming rebels")
    name = "OSLO (Northern Wire) - Norway"
    st = dataclasses.replace(
        st, speaker=name, actor_id="oslo", source=Span.of(text, 7, 7 + len(name))
    )
    assert st.source is not None and st.source.text == name
    assert not is_actor(st, doc)
    assert is_actor(dataclasses.replace(st, speaker="Norway (the government)"), doc)
