"""Cleaning patterns, corpus-level boilerplate, metadata from text, identity and near-duplicates."""

from __future__ import annotations

import dataclasses

import pytest
from ingest_samples import PARAGRAPHS, TITLE, story

from claimgraph.ingest import clean, identity, meta
from claimgraph.ingest.build import build_document, compose
from claimgraph.model import Document

# --- single lines -------------------------------------------------------------------------------
BOILERPLATE_LINES = [
    ("Stay up to date with notifications from The Lantern", "call_to_action"),
    ("Notifications can be managed in browser preferences.", "call_to_action"),
    ("Thank you for registering", "call_to_action"),
    ("Please refresh the page or navigate to another page on the site", "call_to_action"),
    ("Sign up to our free morning newsletter", "newsletter"),
    ("Subscribe now for unlimited access", "newsletter"),
    ("Comments", "comments"),
    ("12 Comments", "comments"),
    ("Leave a Comment", "comments"),
    ("Leave a reply", "comments"),
    ("View all 53 comments", "comments"),
    ("Join our commenting forum", "comments"),
    (
        "Join thought-provoking conversations, follow other readers and see their replies",
        "comments",
    ),
    ("Please let us know if you\u2019re having issues with commenting.", "comments"),
    ("\u2022 youtube", "share"),
    ("Share on Facebook", "share"),
    ("Follow us on Twitter and Instagram", "share"),
    ("We use cookies to give you the best experience on our website.", "cookies"),
    ("Accept all cookies", "cookies"),
    ("Also Read: Council votes to appeal water ruling", "navigation"),
    ("Read more: the full report", "navigation"),
    ("English News", "navigation"),
    ("Advertisement", "navigation"),
    ("Photo of author", "navigation"),
    ("\u00a9 2021 Lantern Media. All rights reserved.", "navigation"),
]

ARTICLE_LINES = [
    *PARAGRAPHS,
    "Comments made by the minister on Monday were widely criticised.",
    "He said the commenting rules of the parliament had changed.",
    "Valdoria has denied giving the rebels any military or financial help.",
    "Share prices fell by 4 per cent after the announcement.",
    "Subscribers to the service complained that the notifications stopped in March.",
    "The old empire fought its own long war in the valley in the 1950s.",
    "By contrast, the rebels said they had bought the rifles abroad.",
    "Stay calm, the governor told residents as the water rose.",
    "Helmand borders Pakistan.",
    "Referring to the footage it obtained, CNN reports:",
]


@pytest.mark.parametrize(("line", "category"), BOILERPLATE_LINES)
def test_boilerplate_line(line: str, category: str) -> None:
    assert clean.boilerplate_category(line) == category


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_line_is_not_boilerplate(line: str) -> None:
    assert clean.boilerplate_category(line) is None
    assert clean.byline_author(line) is None
    assert not clean.is_caption(line)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By admin", "admin"),
        ("By Anna Kowalczyk", "Anna Kowalczyk"),
        ("By Ola Berg and Kim Sato | Lantern", "Ola Berg and Kim Sato"),
        ("Written by Pia Lund, Brisk", "Pia Lund"),
        ("By contrast, the ministry said", None),
        ("By Monday the rebels had left the valley.", None),
    ],
)
def test_byline(line: str, author: str | None) -> None:
    assert clean.byline_author(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "Rebels in the hills above Velt (AFP/Getty Images)",
        "Fighters gather near the river (Image courtesy: Twitter@someone)",
        "Photo: The council chamber in Velt before the vote",
        "Ministers meet in the capital (Reuters)",
    ],
)
def test_caption(line: str) -> None:
    assert clean.is_caption(line)


def test_outlet_named_in_boilerplate() -> None:
    assert clean.outlet_in_line("Stay up to date with notifications from The\u00a0Independent") == (
        "The Independent"
    )
    assert clean.outlet_in_line("Join thought-provoking conversations") is None


def test_donation_block_without_closing_line() -> None:
    text = "\n\n".join(
        [
            TITLE,
            PARAGRAPHS[0],
            "Support our journalism today",
            "Our reporters depend on readers. A small contribution funds a week of reporting.",
            PARAGRAPHS[1],
        ]
    )
    found = clean.find_boilerplate(text)
    for line in ("Support our journalism today", "A small contribution funds"):
        start = text.index(line)
        assert clean.covered(start, start + len(line), found.boilerplate)
    start = text.index(PARAGRAPHS[1])
    assert not clean.covered(start, start + 10, found.boilerplate)


def test_caption_without_credit_next_to_credited_copy() -> None:
    caption = "Council members leave the chamber in Velt after the vote on Thursday"
    text = "\n".join([TITLE, caption, caption + " (AFP/Getty)", PARAGRAPHS[0]])
    found = clean.find_boilerplate(text)
    assert [c.text for c in found.captions] == [caption, caption + " (AFP/Getty)"]


# --- corpus-level boilerplate -----------------------------------------------------------------------
def _doc(index: int, outlet: str | None, extra: list[str]) -> Document:
    title, paragraphs = story(index)
    return build_document(
        "\n\n".join([title, *paragraphs[:1], *extra, *paragraphs[1:]]),
        source_format="text",
        path=f"doc{index}.txt",
        outlet=outlet,
    )


def test_corpus_boilerplate_marks_repeated_lines_of_one_outlet() -> None:
    promo = "Lantern Weekend: the best of the week in one place"
    docs = [_doc(i, "Lantern", [promo]) for i in range(3)] + [_doc(3, "Herald", [promo])]
    marked = clean.corpus_boilerplate(docs, min_docs=3)
    for doc in marked[:3]:
        start = doc.text.index(promo)
        assert clean.covered(start, start + len(promo), doc.boilerplate)
        assert not any(s <= start < e for s, e in doc.paragraphs)
        assert len(doc.paragraphs) == 3
    assert marked[3] == docs[3]  # another outlet: unchanged
    assert [d.id for d in marked] == [d.id for d in docs]  # ids stable


def test_corpus_boilerplate_needs_min_docs_and_known_outlet() -> None:
    promo = "Lantern Weekend: the best of the week in one place"
    docs = [_doc(i, "Lantern", [promo]) for i in range(2)]
    assert clean.corpus_boilerplate(docs, min_docs=3) == docs
    unknown = [_doc(i, None, [promo]) for i in range(4)]
    assert clean.corpus_boilerplate(unknown, min_docs=3) == unknown


# --- metadata ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Tuesday 25 April 2017 10:58 BST", "2017-04-25"),
        ("August 8, 2020", "2020-08-08"),
        ("2021-03-04", "2021-03-04"),
        ("Published: 12 March 2019", "2019-03-12"),
        ("Updated on Jan. 5, 2022 at 3:15 p.m.", "2022-01-05"),
    ],
)
def test_dateline(line: str, iso: str) -> None:
    text = f"{TITLE}\n\n{line}\n\n{PARAGRAPHS[0]}"
    doc = build_document(text, source_format="text")
    assert doc.published == iso
    assert doc.date_span is not None and doc.date_span.text in line
    assert all(doc.text[s:e] != line for s, e in doc.paragraphs)


def test_dates_inside_sentences_are_not_datelines() -> None:
    text = f"{TITLE}\n\nThe council met on August 8, 2020 to discuss the dispute in detail.\n"
    doc = build_document(text, source_format="text")
    assert doc.published is None and doc.date_span is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-03-04T10:00:00Z", "2021-03-04"),
        ("4 March 2021", "2021-03-04"),
        ("2019", "2019"),
        ("", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert meta.parse_date(value) == iso


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.independent.co.uk/news/world/x.html", "The Independent"),
        ("https://edition.cnn.com/2017/x", "CNN"),
        ("https://unknown.example/x", None),
        ("not a url", None),
    ],
)
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert meta.outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (" ".join(PARAGRAPHS), "en"),
        (
            "Das Ministerium hat am Dienstag bestritten, dass es Gewehre an die Rebellen im Norden "
            "geliefert hat. Die Sprecherin sagte, der Bericht sei eine reine Erfindung und es gebe "
            "keine Beweise für die Lieferung, die von der Zeitung behauptet wird.",
            "de",
        ),
        (
            "Le ministère a démenti mardi avoir livré des fusils aux rebelles du nord. La porte-parole "
            "a déclaré que le rapport était une pure invention et que les preuves ne sont pas "
            "sérieuses pour le gouvernement.",
            "fr",
        ),
        (
            "El ministerio negó el martes que hubiera enviado fusiles a los rebeldes del norte. La "
            "portavoz dijo que el informe era una invención y que no hay pruebas de la entrega.",
            "es",
        ),
        (
            "Министерство иностранных дел заявило, что не поставляло оружие повстанцам на севере.",
            "ru",
        ),
    ],
)
def test_language(text: str, language: str) -> None:
    assert meta.detect_language(text) == language


def test_non_english_document_flagged() -> None:
    text = (
        "Ministerium bestreitet Lieferung\n\nDas Ministerium hat am Dienstag bestritten, dass es "
        "Gewehre an die Rebellen im Norden geliefert hat. Die Sprecherin sagte, der Bericht sei "
        "eine reine Erfindung und es gebe keine Beweise für die Lieferung."
    )
    assert build_document(text, source_format="text").language == "de"


# --- identity ------------------------------------------------------------------------------------------
def test_id_ignores_boilerplate_whitespace_and_case() -> None:
    body = "\n\n".join([TITLE, *PARAGRAPHS])
    noisy = "Comments\n\n" + body.replace(". ", ".   ") + "\n\nLeave a Comment\n"
    a = build_document(body, source_format="text")
    b = build_document(noisy, source_format="text")
    c = build_document(body.upper(), source_format="text")
    assert a.id == b.id == c.id
    assert len(a.id) == 64
    d = build_document(body.replace("Tuesday", "Wednesday"), source_format="text")
    assert d.id != a.id


def test_near_duplicates() -> None:
    original = "\n\n".join([TITLE, *PARAGRAPHS])
    syndicated = (
        original.replace("on Tuesday", "on Tuesday afternoon") + "\n\nReporting by agencies."
    )
    other = "\n\n".join([story(0)[0], *story(0)[1]])
    assert identity.similarity(original, syndicated) > 0.8
    assert identity.is_near_duplicate(original, syndicated)
    assert identity.similarity(original, other) < 0.1
    assert not identity.is_near_duplicate(original, other)
    key_a, key_b = identity.near_duplicate_key(original), identity.near_duplicate_key(syndicated)
    key_c = identity.near_duplicate_key(other)
    assert len(key_a) == 16
    assert identity.key_distance(key_a, key_b) <= identity.NEAR_DUPLICATE_DISTANCE
    assert identity.key_distance(key_a, key_c) > identity.NEAR_DUPLICATE_DISTANCE


def test_compose_does_not_repeat_title() -> None:
    assert compose(TITLE, f"{TITLE}\n{PARAGRAPHS[0]}") == f"{TITLE}\n{PARAGRAPHS[0]}"
    assert compose(TITLE, PARAGRAPHS[0]) == f"{TITLE}\n\n{PARAGRAPHS[0]}"
    assert compose(None, PARAGRAPHS[0]) == PARAGRAPHS[0]


def test_metadata_given_wins_over_text() -> None:
    text = f"{TITLE}\n\nAugust 8, 2020\n\nBy Anna Kowalczyk\n\n{PARAGRAPHS[0]}"
    doc = build_document(
        text, source_format="jsonl", published="2020-08-09", authors=["Ola Berg"], outlet="Lantern"
    )
    assert doc.published == "2020-08-09" and doc.date_span is None
    assert doc.authors == ("Ola Berg", "Anna Kowalczyk")
    assert doc.outlet == "Lantern"
    assert dataclasses.replace(doc).id == doc.id


def test_dateline_before_title_is_not_the_title() -> None:
    text = f"August 8, 2020\n\n{TITLE}\n\n{PARAGRAPHS[0]}"
    doc = build_document(text, source_format="text")
    assert doc.title == TITLE and doc.published == "2020-08-08"
    assert [doc.text[s:e] for s, e in doc.paragraphs] == [PARAGRAPHS[0]]


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["By Anna Kowalczyk", "The Velt Courier"], "The Velt Courier"),
        (["VELT (Lantern Wire) - " + PARAGRAPHS[0]], "Lantern Wire"),
        (
            [PARAGRAPHS[0], "\u00a9 2021 Lantern Media Group. All rights reserved."],
            "Lantern Media Group",
        ),
        (
            ["Get the latest headlines first with notifications from The Daily Lantern"],
            "The Daily Lantern",
        ),
        ([PARAGRAPHS[0]], None),
    ],
)
def test_outlet_from_text(lines: list[str], outlet: str | None) -> None:
    text = "\n\n".join([TITLE, *lines, *PARAGRAPHS[1:]])
    doc = build_document(text, source_format="text")
    assert doc.outlet == outlet
    for paragraph in PARAGRAPHS[1:]:
        start = doc.text.index(paragraph)
        assert (start, start + len(paragraph)) in doc.paragraphs


def test_related_block_is_tight() -> None:
    related = ["Related:", "Velt council: what we know so far", "Who are the river farmers?"]
    subheading = "Reaction in the capital"
    text = "\n\n".join([TITLE, PARAGRAPHS[0], "\n".join(related), subheading, PARAGRAPHS[1]])
    doc = build_document(text, source_format="text")
    for line in related:
        start = doc.text.index(line)
        assert clean.covered(start, start + len(line), doc.boilerplate), line
    start = doc.text.index(subheading)
    assert (start, start + len(subheading)) in doc.paragraphs


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        (
            "Protesters gather outside the ministry building in central Velt on a cold mornin g",
            True,
        ),
        ("Fishing boats return to the harbour at Dorn before the storm reached t", True),
        ("The minister said the plan would go ahead, according to a", False),  # "a" is a word
        ("Rebels say they will fight on", False),  # a subtitle without a final stop
        ("Shares fell 3 per cent on Tuesday.", False),
    ],
)
def test_cut_off_lines_are_captions(line: str, cut: bool) -> None:
    found = clean.find_boilerplate("\n".join([TITLE, line, PARAGRAPHS[0]]))
    assert ([c.text for c in found.captions] == [line]) is cut
    assert all(c.text != PARAGRAPHS[0] for c in found.captions)


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        (["Tuesday 4 March 2025", "Kellmar Post"], "Kellmar Post"),
        (["March 4, 2025 10:58 GMT", "Radio Nordvik"], "Radio Nordvik"),
        # a section name under the date is no outlet: it has no medium word
        (["Tuesday 4 March 2025", "World Affairs"], None),
        (
            ["Tuesday 4 March 2025", "BRENHOLT, March 4 (Meridian Wire) - " + PARAGRAPHS[1]],
            "Meridian Wire",
        ),
        (["VELT, 12 May (Luzan Press Agency) - " + PARAGRAPHS[1]], "Luzan Press Agency"),
    ],
)
def test_outlet_from_masthead_under_the_date_or_a_dated_wire_dateline(
    header: list[str], outlet: str | None
) -> None:
    found = clean.find_boilerplate("\n\n".join([TITLE, *header, PARAGRAPHS[0]]))
    assert found.outlet == outlet
