"""Citation chains, original versus echo, the same remark across articles, independence."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from link_helpers import make_doc, make_statement

from claimgraph.link.provenance import (
    canonical_medium,
    citing_media,
    document_relays,
    is_original,
    outlet_name,
    publisher,
    signed_post,
    statement_media,
    via_chain,
)
from claimgraph.link.remarks import independence, link_same_statements
from claimgraph.model import JudgedStatement, Stance, StatementDate

# sentence -> media that relayed what it reports, source-nearest first
CITATION_CASES = [
    (
        "“The rumours have a basis,” Tomas Reyl, an aide to the cabinet, told CNN.",
        ["CNN"],
    ),
    (
        "Quoting Aamaj News, Sputnik Tajikistan reported on Friday that the delegate had agreed.",
        ["Aamaj News", "Sputnik Tajikistan"],
    ),
    (
        "Valdosa seems to have shipped the rifles, photographs obtained by CNN apparently show.",
        ["CNN"],
    ),
    (
        "A researcher at the Harbour Institute wrote last week in a column published by the Diplomat:",
        ["The Diplomat"],
    ),
    (
        "A second visit, per a report by the Sunday Times, took place in 2019.",
        ["The Sunday Times"],
    ),
    (
        "The delegate said so in an interview given on Monday, June 3, to RIA Novosti.",
        ["RIA Novosti"],
    ),
    (
        "In the spring, an unnamed Ossory Front commander told Reuters that the unit had new boats.",
        ["Reuters"],
    ),
    (
        "In a long interview, the state-run Anadolu Agency asked the mayor whether the floods worried her.",
        ["Anadolu Agency"],
    ),
    ("Describing the photographs it obtained, CNN reports:", ["CNN"]),
    ("According to Reuters, the official confirmed the meeting.", ["Reuters"]),
    ("He said the Sunday Times account was accurate.", ["The Sunday Times"]),
    (
        "The expert has said in a series of tweets on Twitter that the rockets were new.",
        ["Twitter"],
    ),
    ("He told the Associated Press that the talks had failed.", ["Associated Press"]),
    ("Citing Interfax, Tolo News reported that the envoy arrived.", ["Interfax", "TOLOnews"]),
    ("The minister told lawmakers in March that support may be flowing.", []),
    ("In January, the general told Pentagon reporters that Valdosa backs the group.", []),
    ("The spokesman said the claims were absolutely false.", []),
    (
        "The New York Times published a story that Valdosa allegedly paid the smugglers.",
        ["The New York Times"],
    ),
    ("the envoy told the BBC that Valdosa will never tolerate this.", ["BBC"]),
    ("the envoy said in comments to Interfax that talks went well.", ["Interfax"]),
    # outlets with no outlet word at the end: a leading "Radio"/"TV", or described as media
    ("A senior official told Radio Karsten that a fine was being considered.", ["Radio Karsten"]),
    ("The mayor said on TV Arvena that the tram would run.", ["TV Arvena"]),
    (
        "Pine Hollow Notes, a local news blog, reported that the plant had closed.",
        ["Pine Hollow Notes"],
    ),
    ("The news website Tarnby Beacon reported that the plant had closed.", ["Tarnby Beacon"]),
    ("Marek Dolan, a former site manager, said the valve had been open.", []),
    ("Engineers at the test site Orvel Ridge told reporters the leak was small.", []),
    ("The chief executive wrote on X that the story was false.", ["Twitter"]),
]


@pytest.mark.parametrize(("sentence", "media"), CITATION_CASES)
def test_citation_table(sentence: str, media: list[str]) -> None:
    assert [m.name for m in citing_media(sentence, 0, len(sentence))] == media


def test_anaphor_refers_to_the_last_named_medium() -> None:
    text = (
        "The spokesman gave an interview to RIA Novosti. "
        "“We inform them,” the agency quoted Mirel as saying. "
        "In a second interview, with Anadolu Agency, the envoy spoke. “We expect that,” he told the Turkish news outlet."
    )
    second = text.index("“We inform")
    last = text.index("“We expect")
    assert [m.name for m in citing_media(text, second, text.index("In a second"))] == [
        "RIA Novosti"
    ]
    assert [m.name for m in citing_media(text, last, len(text))] == ["Anadolu Agency"]


def test_canonical_names() -> None:
    assert canonical_medium("the Sunday Times") == "The Sunday Times"
    assert canonical_medium("AFP") == "Agence France-Presse"
    assert canonical_medium("Aamaj News") == "Aamaj News"


def test_statement_media_reads_the_sentence_not_the_content() -> None:
    text = "Reyl told CNN that Reuters reported nothing new."
    doc = make_doc(text, outlet="Breitbart")
    st = make_statement(doc, text, "Reuters reported nothing new", speaker="Reyl", cue="told")
    assert [m.name for m in statement_media(doc, st)] == ["CNN"]


def test_colon_block_takes_the_medium_of_its_introduction() -> None:
    text = "Describing the photographs it obtained, CNN reports:\n\nThese pictures show river boats that engineers say carry no flags."
    doc = make_doc(text, outlet="Breitbart")
    st = make_statement(doc, text.split("\n\n")[1], text.split("\n\n")[1], kind="authorial")
    media = [m.name for m in statement_media(doc, st)]
    assert media == ["CNN"]
    assert via_chain(st, media, outlet_name(doc)) == ("CNN", "Breitbart")
    assert not is_original(media, "Breitbart")


def test_via_chain_and_original_vs_echo() -> None:
    text = (
        "Quoting Aamaj News, Sputnik Tajikistan recalled that Orlen had said the front was growing."
    )
    doc = make_doc(text, outlet="EurAsian Times")
    st = make_statement(doc, text, "the front was growing", speaker="Orlen", cue="had said")
    media = [m.name for m in statement_media(doc, st)]
    assert via_chain(st, media, outlet_name(doc)) == (
        "Orlen",
        "Aamaj News",
        "Sputnik Tajikistan",
        "EurAsian Times",
    )
    assert not is_original(media, "EurAsian Times")
    assert is_original([], "EurAsian Times")
    assert is_original(["CNN"], "CNN")


def test_attribution_via_comes_first() -> None:
    text = "The spokesman said the talks failed, according to Reuters."
    doc = make_doc(text, outlet="The Independent")
    st = make_statement(doc, text, "the talks failed", speaker="spokesman", cue="said", via="CNN")
    assert [m.name for m in statement_media(doc, st)] == ["CNN", "Reuters"]


def test_wire_dateline_names_the_publisher_of_an_article_without_outlet() -> None:
    text = "ODDVIK, June 2 (Tessaly Press Agency) - The mayor told Tessaly Press Agency that the bridge was safe."
    doc = make_doc(text, path="corpus/wire.txt")
    st = make_statement(doc, text, "the bridge was safe", speaker="mayor", cue="told")
    media = [m.name for m in statement_media(doc, st)]
    assert outlet_name(doc) == publisher(doc) == "Tessaly Press Agency"
    assert is_original(media, outlet_name(doc))
    assert via_chain(st, media, outlet_name(doc)) == ("mayor", "Tessaly Press Agency")


def test_republished_wire_story_is_an_echo_of_the_agency() -> None:
    text = "ODDVIK, June 2 (Tessaly Press Agency) - The mayor said the bridge was safe."
    doc = make_doc(text, outlet="Harbour Daily")
    st = make_statement(doc, text, "the bridge was safe", speaker="mayor", cue="said")
    media = [m.name for m in statement_media(doc, st)]
    assert media == ["Tessaly Press Agency"]
    assert not is_original(media, outlet_name(doc))
    assert via_chain(st, media, outlet_name(doc)) == (
        "mayor",
        "Tessaly Press Agency",
        "Harbour Daily",
    )
    # the agency's own copy is original
    own = make_doc(text, outlet="Tessaly Press Agency")
    assert document_relays(own) == []


def test_republication_notice_names_the_first_publisher() -> None:
    text = (
        "ODDVIK, June 2 (Tessaly Press Agency) - The mayor said the bridge was safe.\n\n"
        "This story was first published by Tessaly Press Agency and is republished with permission."
    )
    doc = make_doc(text, path="corpus/partner.txt")
    st = make_statement(doc, text, "the bridge was safe", speaker="mayor", cue="said")
    assert publisher(doc) is None  # the dateline's agency is not who republished it
    media = [m.name for m in statement_media(doc, st)]
    assert media == ["Tessaly Press Agency"]
    assert via_chain(st, media, outlet_name(doc)) == (
        "mayor",
        "Tessaly Press Agency",
        "partner.txt",
    )
    notice = make_doc(
        "The mayor said so. It originally appeared in the Lorvik Courier.", outlet="Pine Post"
    )
    assert document_relays(notice) == ["Lorvik Courier"]
    weekday = make_doc(
        "The mayor said so. The report was first published on Monday.", outlet="Pine Post"
    )
    assert document_relays(weekday) == []


def test_outlet_name_falls_back_to_the_file() -> None:
    doc = make_doc("text", path="corpus/000_article.txt")
    assert outlet_name(doc) == "000_article.txt"


def test_same_remark_in_two_articles_is_linked() -> None:
    a = make_doc(
        "Brenner said she is not refuting accounts that Valdosa is arming the Ossory Front.",
        outlet="A",
    )
    b = make_doc(
        "Admiral Brenner said she was not refuting accounts Valdosa was arming the Ossory Front units.",
        outlet="B",
    )
    c = make_doc("Halloran said Valdosa may be giving some help to the Ossory Front.", outlet="C")
    sa = make_statement(
        a,
        a.text,
        "she is not refuting accounts that Valdosa is arming the Ossory Front",
        speaker="Marta Brenner",
        actor_id="marta-brenner",
        cue="said",
    )
    sb = make_statement(
        b,
        b.text,
        "she was not refuting accounts Valdosa was arming the Ossory Front units",
        speaker="Marta Brenner",
        actor_id="marta-brenner",
        cue="said",
    )
    sc = make_statement(
        c,
        c.text,
        "Valdosa may be giving some help to the Ossory Front",
        speaker="Joseph Halloran",
        actor_id="ines-halloran",
        cue="said",
    )
    links = link_same_statements([sa, sb, sc])
    assert links[sa.id] == (sb.id,)
    assert links[sb.id] == (sa.id,)
    assert links[sc.id] == ()


def test_same_remark_needs_similar_embeddings_and_shared_words() -> None:
    a = make_doc("Brenner said Valdosa arms the Ossory Front fighters.")
    b = make_doc("Brenner said Valdosa is arming Ossory Front fighters.")
    c = make_doc("Brenner said more troops are needed.")
    sa = make_statement(
        a,
        a.text,
        "Valdosa arms the Ossory Front fighters",
        speaker="Brenner",
        actor_id="n",
        cue="said",
    )
    sb = make_statement(
        b,
        b.text,
        "Valdosa is arming Ossory Front fighters",
        speaker="Brenner",
        actor_id="n",
        cue="said",
    )
    sc = make_statement(
        c, c.text, "more troops are needed", speaker="Brenner", actor_id="n", cue="said"
    )
    vectors = {
        sa.id: np.array([1.0, 0.0]),
        sb.id: np.array([0.2, 0.98]),
        sc.id: np.array([0.99, 0.1]),
    }
    links = link_same_statements([sa, sb, sc], vectors)
    assert links[sa.id] == ()  # same words, distant embeddings
    assert links[sc.id] == ()  # close embeddings, no shared words
    vectors[sb.id] = np.array([0.95, 0.31])
    assert link_same_statements([sa, sb, sc], vectors)[sa.id] == (sb.id,)


def _judged(
    doc_outlet: str,
    speaker: str,
    actor_id: str,
    label: str,
    *,
    anonymous: bool = False,
    via: str | None = None,
    same_as: tuple[str, ...] = (),
) -> JudgedStatement:
    text = f"{speaker} told someone that Valdosa arms the Ossory Front ({doc_outlet})."
    doc = make_doc(text, outlet=doc_outlet)
    st = make_statement(
        doc,
        text,
        "Valdosa arms the Ossory Front",
        speaker=speaker,
        actor_id=actor_id,
        anonymous=anonymous,
        cue="told",
    )
    media = [via] if via else []
    return JudgedStatement(
        st,
        Stance(label, 0.9),
        doc,
        original=is_original(media, doc_outlet),
        via_chain=via_chain(st, media, doc_outlet),
        same_as=same_as,  # type: ignore[arg-type]
    )


def test_independence_counts_distinct_sources_and_notes_fragile_sides() -> None:
    items = [
        _judged("Breitbart", "Reyl", "tomas-reyl", "supports", via="CNN"),
        _judged("Breitbart", "Kasko", "kasko", "supports", via="CNN"),
        _judged("Independent", "Brenner", "marta-brenner", "supports"),
        _judged("Breitbart", "Brenner", "marta-brenner", "supports"),
        _judged(
            "Breitbart",
            "a senior Ossory Front official",
            "doc1:official",
            "refutes",
            anonymous=True,
            via="Reuters",
        ),
        _judged("Times", "Vask", "irena-vask", "neutral", via="TASS"),
        _judged("Post", "Vask", "irena-vask", "neutral", via="TASS"),
    ]
    counts, notes = independence(items)
    assert counts == {"supports": 3, "refutes": 1, "neutral": 1}
    assert "supports" not in notes
    assert notes["refutes"] == [
        "rests on a single anonymous source: a senior Ossory Front official"
    ]
    assert any("one outlet: TASS" in n for n in notes["neutral"])


def test_same_remark_counts_once_even_for_anonymous_sources() -> None:
    first = _judged("A", "an official", "doc-a:official", "supports", anonymous=True)
    second = _judged("B", "an official", "doc-b:official", "supports", anonymous=True)
    first = JudgedStatement(
        first.statement, first.stance, first.document, True, first.via_chain, (second.statement.id,)
    )
    second = JudgedStatement(
        second.statement,
        second.stance,
        second.document,
        True,
        second.via_chain,
        (first.statement.id,),
    )
    counts, notes = independence([first, second])
    assert counts == {"supports": 1}
    assert notes["supports"][0].startswith("rests on a single anonymous source")


def test_same_remark_of_a_speaker_the_store_could_not_merge() -> None:
    """Copies of a wire story: "the company said" in both, each a document-local actor."""
    a = make_doc("Our effluent is treated every day and kills nothing, the company said.")
    b = make_doc(
        "Kellby Post. Our effluent is treated every day and kills nothing, the company said."
    )
    content = "Our effluent is treated every day and kills nothing"
    sa = make_statement(
        a, a.text, content, speaker="company", actor_id=f"company-{a.id[:12]}", cue="said"
    )
    sb = make_statement(
        b, b.text, content, speaker="company", actor_id=f"company-{b.id[:12]}", cue="said"
    )
    c = make_doc("Our effluent is treated every day and kills nothing, the union said.")
    sc = make_statement(
        c, c.text, content, speaker="union", actor_id=f"union-{c.id[:12]}", cue="said"
    )
    links = link_same_statements([sa, sb, sc])
    assert links[sa.id] == (sb.id,)
    assert links[sc.id] == ()
    # two named people who said the same words are still two remarks
    sd = make_statement(a, a.text, content, speaker="Ann Ode", actor_id="ann-ode", cue="said")
    se = make_statement(b, b.text, content, speaker="Bo Lind", actor_id="bo-lind", cue="said")
    assert link_same_statements([sd, se])[sd.id] == ()


def test_embedded_post_signature_gives_the_medium() -> None:
    text = (
        "The spokesman posted a statement:\n"
        "    We never received a single rifle from anyone.\n"
        "— Tomas Brel (@tomasbrel) May 2, 2025\n"
        "The ministry replied within the hour."
    )
    doc = make_doc(text, outlet="Ridge Notes")
    st = make_statement(
        doc,
        "We never received a single rifle from anyone.",
        "We never received a single rifle",
        speaker="Tomas Brel",
        kind="colon_block",
    )
    assert [m.name for m in statement_media(doc, st)] == ["Twitter"]
    assert signed_post(text, text.index("We never"), text.index("—")) == "Twitter"
    other = "Brel said so.\n— Written by Ana Lind for Ridge Notes\n"
    assert signed_post(other, 0, 5) is None
    facebook = "We will appeal.\n— Port Authority of Kell, on Facebook\n"
    assert signed_post(facebook, 0, 5) == "Facebook"


def test_a_mediums_report_of_an_interview_is_the_same_remark() -> None:
    told = make_doc("Vera Lind told the Pine Ledger that the jets had flown with cracked mounts.")
    report = make_doc("The Pine Ledger reported that the jets had flown with cracked mounts.")
    other = make_doc("The Pine Ledger reported that the mayor had resigned over the tram budget.")
    a = make_statement(
        told,
        told.text,
        "the jets had flown with cracked mounts",
        speaker="Vera Lind",
        actor_id="vera-lind",
        cue="told",
        via="The Pine Ledger",
    )
    b = make_statement(
        report,
        report.text,
        "the jets had flown with cracked mounts",
        speaker="The Pine Ledger",
        actor_id="the-pine-ledger",
        cue="reported",
    )
    c = make_statement(
        other,
        other.text,
        "the mayor had resigned over the tram budget",
        speaker="The Pine Ledger",
        actor_id="the-pine-ledger",
        cue="reported",
    )
    links = link_same_statements([a, b, c])
    assert links[a.id] == (b.id,)
    assert links[c.id] == ()
    # without the medium in between, two speakers' words are not one remark
    plain = dataclasses.replace(a, via=None)
    assert link_same_statements([plain, b])[plain.id] == ()


def test_statement_dated_after_the_wire_dateline_is_the_republishers_own() -> None:
    text = (
        "ODDVIK, June 2 (Tessaly Press Agency) - The mayor said the bridge was safe.\n\n"
        "The harbour master said on Wednesday that ferries would run."
    )
    doc = make_doc(text, outlet="Harbour Daily", published="2025-06-04")
    wire = make_statement(doc, "The mayor said the bridge was safe.", "the bridge", cue="said")
    added = make_statement(
        doc,
        "The harbour master said on Wednesday that ferries would run.",
        "ferries would run",
        cue="said",
        date=StatementDate("2025-06-04", "day", False),
    )
    assert [m.name for m in statement_media(doc, wire)] == ["Tessaly Press Agency"]
    assert [m.name for m in statement_media(doc, added)] == []


def test_masthead_line_names_the_publisher_of_a_republished_wire_story() -> None:
    text = (
        "Bridge declared safe\n\nWednesday 4 June 2025\n\nHarbour Daily\n\n"
        "ODDVIK, June 2 (Tessaly Press Agency) - The mayor said the bridge was safe."
    )
    doc = make_doc(text, path="corpus/copy.txt")
    st = make_statement(doc, "The mayor said the bridge was safe.", "the bridge", cue="said")
    assert publisher(doc) == "Harbour Daily"
    assert [m.name for m in statement_media(doc, st)] == ["Tessaly Press Agency"]
    # a title that happens to end with an outlet word is not a masthead
    titled = make_doc("Mill Times\n\nThe mayor said the bridge was safe.", path="corpus/t.txt")
    assert publisher(titled) is None
