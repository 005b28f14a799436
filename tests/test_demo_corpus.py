"""The demo corpus (demo/) and its answer key (demo/expected.json) agree with each other.

Other teams use demo/expected.json as ground truth, so every fact in it must be checkable
against the files: quotes occur verbatim in the article they are listed under, metadata
matches what the file itself states, and the corpus has the variety the README promises.
No model is loaded; the readers here are deliberately independent of claimgraph.ingest.
"""

from __future__ import annotations

import html
import json
import re
import typing
import xml.etree.ElementTree as ET
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from claimgraph.model import StanceLabel, StatementKind

DEMO = Path(__file__).resolve().parent.parent / "demo"
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = set(typing.get_args(StatementKind))
STANCES = set(typing.get_args(StanceLabel))


def _load_expected() -> dict[str, Any]:
    with (DEMO / "expected.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


EXPECTED = _load_expected()
ARTICLES: list[dict[str, Any]] = EXPECTED["articles"]


ACTOR_NAMES: dict[str, list[str]] = {
    a["name"]: [a["name"], *a["aliases"]] for a in EXPECTED["actors"]
}


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").lower()


def _article_id(article: dict[str, Any]) -> str:
    return f"{article['file']}#{article['record']}" if article["record"] else article["file"]


class _MetaParser(HTMLParser):
    """Collects <meta> tags (property/name -> list of contents)."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        attributes = dict(attrs)
        key = attributes.get("property") or attributes.get("name")
        content = attributes.get("content")
        if key and content is not None:
            self.meta.setdefault(key, []).append(content)


def _html_meta(raw: str) -> dict[str, list[str]]:
    parser = _MetaParser()
    parser.feed(raw)
    return parser.meta


def _feed_item(path: Path, link: str) -> tuple[ET.Element, ET.Element]:
    channel = ET.parse(path).getroot().find("channel")
    assert channel is not None, f"{path.name}: no <channel>"
    for item in channel.findall("item"):
        if item.findtext("link") == link:
            return channel, item
    raise AssertionError(f"{path.name}: no <item> with link {link}")


def _jsonl_record(path: Path, url: str) -> dict[str, Any]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record: dict[str, Any] = json.loads(line)
            if record.get("url") == url:
                return record
    raise AssertionError(f"{path.name}: no record with url {url}")


def _article_text(article: dict[str, Any]) -> str:
    """The text of one article as a reader would see it (markup left in for HTML/feeds)."""
    path = DEMO / article["file"]
    fmt = article["format"]
    if fmt == "text":
        return path.read_text(encoding="utf-8")
    if fmt == "html":
        return html.unescape(path.read_text(encoding="utf-8"))
    if fmt == "feed":
        _, item = _feed_item(path, article["record"])
        return html.unescape(
            (item.findtext("title") or "") + "\n" + (item.findtext(CONTENT_NS) or "")
        )
    if fmt == "jsonl":
        record = _jsonl_record(path, article["record"])
        return f"{record['title']}\n\n{record['text']}"
    raise AssertionError(f"unknown format {fmt!r}")


# --- the corpus as a whole -------------------------------------------------------------------


def test_corpus_shape() -> None:
    assert 13 <= len(ARTICLES) <= 15
    assert len({a["outlet"] for a in ARTICLES}) >= 5
    formats = [a["format"] for a in ARTICLES]
    assert len({a["file"] for a in ARTICLES if a["format"] == "html"}) >= 4
    assert (
        formats.count("feed") == 2
        and len({a["file"] for a in ARTICLES if a["format"] == "feed"}) == 1
    )
    assert (
        formats.count("jsonl") == 2
        and len({a["file"] for a in ARTICLES if a["format"] == "jsonl"}) == 1
    )
    assert formats.count("text") >= 5
    assert len({_article_id(a) for a in ARTICLES}) == len(ARTICLES)


def test_every_listed_file_exists_and_every_file_is_listed() -> None:
    listed = {a["file"] for a in ARTICLES}
    for name in listed:
        assert (DEMO / name).is_file(), f"expected.json lists missing file {name}"
    present = {p.name for p in DEMO.iterdir() if p.is_file()} - {"README.md", "expected.json"}
    assert present == listed, f"unlisted files: {present - listed}; missing: {listed - present}"


def test_dates_are_iso_and_span_months_of_2025() -> None:
    days = []
    for article in ARTICLES:
        value = article["published"]
        assert ISO_DATE.match(value), f"{_article_id(article)}: published {value!r} is not ISO"
        days.append(date.fromisoformat(value))
    assert all(day.year == 2025 for day in days)
    assert (max(days) - min(days)).days >= 150


def test_files_hold_no_machine_paths() -> None:
    for path in DEMO.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(/work/|/home/|/tmp/|[A-Z]:\\\\)", text), path.name


def test_readme_describes_every_file() -> None:
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    for name in {a["file"] for a in ARTICLES}:
        assert name in readme, f"demo/README.md does not mention {name}"
    assert EXPECTED["main_claim"] in readme


# --- metadata of each article agrees with its file ------------------------------------------


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["format"] == "text"], ids=_article_id)
def test_text_article_metadata(article: dict[str, Any]) -> None:
    text = (DEMO / article["file"]).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    assert article["title"] in lines
    assert article["outlet"] in text
    dateline = article["dateline"]
    assert dateline in lines
    weekday, day, month, year = dateline.split()[:4]
    parsed = datetime.strptime(f"{weekday} {day} {month} {year}", "%A %d %B %Y").date()
    assert parsed.isoformat() == article["published"]
    assert parsed.strftime("%A") == weekday, f"{dateline}: wrong weekday"
    byline = next(line for line in lines if line.startswith("By "))
    assert byline == "By " + " and ".join(article["authors"])


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["format"] == "html"], ids=_article_id)
def test_html_article_metadata(article: dict[str, Any]) -> None:
    raw = (DEMO / article["file"]).read_text(encoding="utf-8")
    meta = _html_meta(raw)
    assert meta["og:title"] == [article["title"]]
    assert meta["og:site_name"] == [article["outlet"]]
    assert meta["article:published_time"][0][:10] == article["published"]
    assert meta["author"] == article["authors"]
    for block in ("<nav", "<header", "<article", "<footer", "cookie", "Leave a", "Related:"):
        assert block in raw, f"{article['file']}: no {block!r} block"


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["format"] == "feed"], ids=_article_id)
def test_feed_entry_metadata(article: dict[str, Any]) -> None:
    channel, item = _feed_item(DEMO / article["file"], article["record"])
    assert channel.findtext("title") == article["outlet"]
    assert item.findtext("title") == article["title"]
    published = parsedate_to_datetime(item.findtext("pubDate") or "")
    assert published.date().isoformat() == article["published"]
    assert [c.text for c in item.findall(DC_CREATOR)] == article["authors"]
    assert len((item.findtext(CONTENT_NS) or "").split()) > 200, "entries carry full content"


@pytest.mark.parametrize(
    "article", [a for a in ARTICLES if a["format"] == "jsonl"], ids=_article_id
)
def test_jsonl_record_metadata(article: dict[str, Any]) -> None:
    record = _jsonl_record(DEMO / article["file"], article["record"])
    assert set(record) == {"title", "text", "url", "date", "outlet", "authors"}
    assert record["title"] == article["title"]
    assert record["outlet"] == article["outlet"]
    assert record["date"][:10] == article["published"]
    assert record["authors"] == article["authors"]


# --- statements ------------------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=_article_id)
def test_statements_occur_in_their_article(article: dict[str, Any]) -> None:
    text = _article_text(article)
    assert article["statements"], f"{_article_id(article)} lists no statements"
    for statement in article["statements"]:
        for key in ("quote", "quote_continued", "speaker_as_written", "source_as_written"):
            snippet = statement.get(key)
            if snippet is not None:
                assert snippet in text, f"{_article_id(article)}: {key} {snippet!r} not in the text"
        via = statement["via"]
        if via is not None:
            assert via == "X" or via.lower() in text.lower(), (
                f"via {via!r} not in {article['file']}"
            )
        if statement["anonymous"]:
            continue
        names = ACTOR_NAMES.get(statement["speaker"], [statement["speaker"].split()[-1]])
        assert any(_norm(n) in _norm(text) for n in names), f"{statement['speaker']} not named"


@pytest.mark.parametrize("article", ARTICLES, ids=_article_id)
def test_statement_fields_are_valid(article: dict[str, Any]) -> None:
    published = {a["file"]: a["published"] for a in ARTICLES}
    for statement in article["statements"]:
        assert statement["kind"] in KINDS
        assert statement["stance"] in STANCES
        assert isinstance(statement["anonymous"], bool) and isinstance(statement["hedged"], bool)
        assert statement["anonymous"] == statement["speaker"].startswith("anonymous")
        echo = statement.get("echo_of")
        if echo is not None:
            assert echo in published, f"echo_of {echo} is not a listed file"
            assert published[echo] < article["published"], "an echo comes after its original"


def test_answer_key_covers_the_phenomena() -> None:
    statements = [s for a in ARTICLES for s in a["statements"]]
    stances = {s["stance"] for s in statements}
    assert stances == STANCES
    kinds = {s["kind"] for s in statements}
    assert kinds >= {
        "direct",
        "indirect",
        "mixed",
        "according_to",
        "colon_block",
        "written",
        "refusal",
    }
    assert any(s["hedged"] and s["stance"] == "supports" for s in statements)
    assert any(s["anonymous"] for s in statements)
    assert any(s.get("echo_of") for s in statements)
    assert any("speaker_as_written" in s for s in statements), "a misspelled name"
    assert any("quote_continued" in s for s in statements), "a quote split across paragraphs"
    assert sum(1 for s in statements if s["via"] not in (None, "X")) >= 3


def test_claim_propositions_and_actors() -> None:
    assert EXPECTED["main_claim"].strip()
    propositions = EXPECTED["propositions"]
    assert 3 <= len(propositions) <= 5
    assert propositions[0]["text"] and all(p["text"] for p in propositions)
    actors = EXPECTED["actors"]
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids)) and all(SLUG.match(i) for i in ids)
    speakers = {s["speaker"] for a in ARTICLES for s in a["statements"]}
    corpus = "\n".join(_article_text(a) for a in ARTICLES)
    for actor in actors:
        # the canonical name may be normalised ("Valdorian Foreign Ministry"); aliases are as written
        for alias in actor["aliases"]:
            assert _norm(alias) in _norm(corpus), (
                f"alias {alias!r} of {actor['name']} never appears"
            )
    named_people = {a["name"] for a in actors if a["kind"] == "person"}
    assert named_people <= speakers, f"people with no statement: {named_people - speakers}"


def test_stance_change_is_dated_in_order() -> None:
    rows = EXPECTED["valdoria_stance_over_time"]
    files = {a["file"] for a in ARTICLES}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert all(r["file"] in files for r in rows)
    first, last = rows[0], rows[-1]
    first_article = next(a for a in ARTICLES if a["file"] == first["file"])
    last_article = next(a for a in ARTICLES if a["file"] == last["file"])
    vireo_first = [
        s["stance"] for s in first_article["statements"] if s["speaker"] == "Tomas Vireo"
    ]
    vireo_last = [s["stance"] for s in last_article["statements"] if s["speaker"] == "Tomas Vireo"]
    assert "refutes" in vireo_first and "supports" in vireo_last
