"""The seed articles: titles, dates, outlets, boilerplate marked, every article paragraph kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.ingest import read_paths
from claimgraph.ingest.clean import covered
from claimgraph.model import Document

pytestmark = pytest.mark.shared

TITLES = {
    "000": "Afghan Government Spokesman: Reports Say Russia Is \u2018Arming the Taliban\u2019",
    "001": "US officials suggest Russia is arming Taliban fighters in Afghanistan",
    "002": "Russia says it hasn\u2019t supplied any weapons to Afghan Resistance fighters battling "
    "Taliban in Panjshir",
    "003": "Taliban spokesman denies military ties with Russia",
    "004": "Afghanistan: Russia Openly Aligns with Taliban, Says U.S. Presence \u2018Disturbing\u2019",
}

# Lines that are boilerplate (each must lie entirely inside a boilerplate span).
BOILERPLATE = {
    "000": ["Please let us know if you're having issues with commenting."],
    "001": [
        "Stay up to date with notifications from The\u00a0Independent",
        "Notifications can be managed in browser preferences.",
        "Comments",
        "Your support helps us to tell the story",
        "At such a critical moment in US history, we need reporters on the ground.",
        "We believe quality journalism should be available to everyone",
        "Your support makes all the difference.",
        "Join our commenting forum",
        "Join thought-provoking conversations, follow other Independent readers",
        "Thank you for registering",
        "Please refresh the page or navigate to another page on the site",
    ],
    "002": [
        "English News",
        "\u2022 youtube",
        "\u2022 facebook",
        "\u2022 twitter",
        "Also Read: Desperate",
    ],
    "003": ["Photo of author", "By admin", "Leave a Comment"],
    "004": ["Please let us know if you're having issues with commenting."],
}

# Article sentences that must be kept: inside a paragraph, not inside boilerplate.
ARTICLE = {
    "000": [
        "Russia appears to have provided their former enemy the Afghan Taliban",
        "The Kremlin claims its relationship with the Taliban is solely intended to promote peace",
        "Referring to the footage it obtained, CNN reports:",
        "Helmand borders Pakistan.",
        "In April, Gen. Nicolson said the U.S. military does not refute reports",
        "However, Benjamin King from the Small Arms Survey conceded",
    ],
    "001": [
        "Head of US coalition forces in the country refuses to refute reports",
        "The leader of US and international forces in Afghanistan has said",
        "Russia has denied providing the Taliban",
        "It says it maintains diplomatic ties with Taliban officials",
        "The US must \u201cconfront\u201d Russia on the issue, Secretary Mattis said.",
        "More than 140 Afghan troops were killed",
        "Mr Mattis said on Monday.",
        "Agencies contributed to this report",
    ],
    "002": [
        "As new clashes between the National Resistance Front of Afghanistan",
        "The Russian Foreign Ministry that it strongly opposes",
        "said Russian MFA spokesperson Maria Zakharova.",
        "A weapons identification expert, who tweets as Calibre Obscura",
        'Another tweet stated that "an external benefactor" may have managed',
        "Last week, the Russian Foreign Ministry had stated clearly",
        "Several videos are also currently going viral on social media",
    ],
    "003": [
        "The Taliban maintain only political contacts with Russia, but no military ties.",
        "Speaking about the weapons the movement has, Shahin noted",
        "the agency quoted Shahin as saying.",
        "In June, The New York Times published an article",
        "At the same time, the adviser to the President of the United States Robert O\u2019Brien",
    ],
    "004": [
        "Russia, which no longer denies its engagement with the Taliban jihadists",
        "The Russian official responded:",
        "Come on! You are not talking to stupid or foolish people.",
        "Russia had long denied news reports highlighting Moscow\u2019s support for the Taliban.",
        "Kabulov declared that the U.S. war in Afghanistan has failed thus far.",
        "Gen. John Nicholson, the top commander of U.S. and NATO troops in Afghanistan",
    ],
}

CAPTIONS = {
    "001": "US Defence Secretary James Mattis (R) and US Army General John Nicholson (L)",
    "002": "Fighters from the National Resistance Front of Afghanistan who are currently locked",
    "004": "Taliban guerrilla fighters hold their weapons at a secret base",  # cut off by the scraper
}


@pytest.fixture(scope="module")
def seed_docs(seeds_dir: Path) -> dict[str, Document]:
    docs, errors = read_paths([str(seeds_dir)])
    assert errors == []
    return {Path(d.path or "").name[:3]: d for d in docs}


def _find(doc: Document, snippet: str) -> tuple[int, int]:
    start = doc.text.find(snippet)
    assert start >= 0, f"{snippet!r} is not in the text of {doc.path}"
    return start, start + len(snippet)


def test_five_documents_with_titles(seed_docs: dict[str, Document]) -> None:
    assert sorted(seed_docs) == sorted(TITLES)
    for key, title in TITLES.items():
        doc = seed_docs[key]
        assert doc.title == title
        assert doc.title_span is not None and doc.title_span.text == title
        assert doc.source_format == "text"
        assert doc.language == "en"
    assert len({d.id for d in seed_docs.values()}) == 5


def test_001_date_and_outlet(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["001"]
    assert doc.published == "2017-04-25"
    assert doc.outlet == "The Independent"
    assert doc.date_span is not None and doc.date_span.text == "Tuesday 25 April 2017 10:58 BST"


def test_003_byline_author(seed_docs: dict[str, Document]) -> None:
    assert seed_docs["003"].authors == ("admin",)


@pytest.mark.parametrize("key", sorted(BOILERPLATE))
def test_boilerplate_marked(seed_docs: dict[str, Document], key: str) -> None:
    doc = seed_docs[key]
    for snippet in BOILERPLATE[key]:
        start, end = _find(doc, snippet)
        assert covered(start, end, doc.boilerplate), f"{snippet!r} not marked in {key}"
        assert not any(s <= start < e for s, e in doc.paragraphs)
    masked = doc.masked_text()
    assert len(masked) == len(doc.text)
    for snippet in BOILERPLATE[key]:
        assert snippet not in masked


@pytest.mark.parametrize("key", sorted(ARTICLE))
def test_article_paragraphs_kept(seed_docs: dict[str, Document], key: str) -> None:
    doc = seed_docs[key]
    for snippet in ARTICLE[key]:
        start, end = _find(doc, snippet)
        assert not covered(start, end, doc.boilerplate), f"{snippet!r} marked as boilerplate"
        assert any(s <= start and end <= e for s, e in doc.paragraphs), (
            f"{snippet!r} not a paragraph"
        )
        assert snippet in doc.masked_text()


def test_every_long_line_is_kept_or_known(seed_docs: dict[str, Document]) -> None:
    """Long lines are article text: none of them is boilerplate except the donation block."""
    for key, doc in seed_docs.items():
        for line in doc.text.splitlines():
            stripped = line.strip()
            if len(stripped) < 200:
                continue
            start, end = _find(doc, stripped)
            if covered(start, end, doc.boilerplate):
                assert key == "001" and ("Independent" in stripped or "donation" in stripped)


@pytest.mark.parametrize("key", sorted(CAPTIONS))
def test_captions_marked_and_kept(seed_docs: dict[str, Document], key: str) -> None:
    doc = seed_docs[key]
    start, _ = _find(doc, CAPTIONS[key])
    assert any(c.start == start for c in doc.captions)
    assert not covered(start, start + 10, doc.boilerplate)
    assert CAPTIONS[key] in doc.masked_text()


def test_spans_are_consistent(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        for span in (*doc.boilerplate, *doc.captions, doc.title_span, doc.date_span):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text
        for start, end in doc.paragraphs:
            assert 0 <= start < end <= len(doc.text)


def test_reading_again_gives_same_ids(seeds_dir: Path, seed_docs: dict[str, Document]) -> None:
    again, _ = read_paths([str(seeds_dir)])
    assert {d.id for d in again} == {d.id for d in seed_docs.values()}
