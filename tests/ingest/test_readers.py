"""Every reader on articles written for these tests, plus the registry and path expansion."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_samples import (
    ARTICLE_TEXT,
    PARAGRAPHS,
    TITLE,
    html_page,
    jsonl_lines,
    rss_feed,
    story,
    warc_bytes,
)

from claimgraph.errors import InputError
from claimgraph.ingest import expand_paths, read_file, read_paths
from claimgraph.ingest.clean import covered
from claimgraph.ingest.registry import (
    Reader,
    reader_for,
    readers,
    register_reader,
    unregister_reader,
)
from claimgraph.model import Document


def _docs(path: Path) -> list[Document | InputError]:
    return list(read_file(str(path)))


def _only_doc(path: Path) -> Document:
    items = _docs(path)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def _paragraph_texts(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.paragraphs]


# --- plain text ---------------------------------------------------------------------------------
def test_text_reader(tmp_path: Path) -> None:
    path = tmp_path / "lantern.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    doc = _only_doc(path)
    assert doc.text == ARTICLE_TEXT  # verbatim
    assert doc.title == TITLE
    assert doc.published == "2021-05-03"
    assert doc.authors == ("Anna Kowalczyk",)
    assert doc.outlet == "The Lantern"
    assert doc.source_format == "text"
    assert _paragraph_texts(doc) == PARAGRAPHS
    assert [c.text for c in doc.captions] == ["Rebels in the hills above Velt (AFP/Getty Images)"]
    for line in ("Comments", "Leave a Comment", "\u2022 facebook", "Sign up to our free morning"):
        start = doc.text.index(line)
        assert covered(start, start + len(line), doc.boilerplate), line
    for line in ("Your support helps us", "Every contribution funds", "makes all the difference"):
        start = doc.text.index(line)
        assert covered(start, start + len(line), doc.boilerplate), line


def test_text_without_boilerplate_keeps_every_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("\n".join([TITLE, *PARAGRAPHS]) + "\n", encoding="utf-8")
    doc = _only_doc(path)
    assert doc.boilerplate == ()
    assert doc.title == TITLE and _paragraph_texts(doc) == PARAGRAPHS


def test_crlf_text_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\r\n".join([TITLE, "", *PARAGRAPHS]).encode("utf-8"))
    doc = _only_doc(path)
    assert doc.title == TITLE
    assert _paragraph_texts(doc) == PARAGRAPHS


# --- HTML ---------------------------------------------------------------------------------------
def test_html_reader(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    doc = _only_doc(path)
    assert doc.title == TITLE
    assert doc.title_span is not None and doc.title_span.text == TITLE
    assert doc.outlet == "The Daily Lantern"
    assert doc.published == "2021-05-03"
    assert doc.authors == ("Anna Kowalczyk",)
    assert doc.url == "https://www.dailylantern.example/world/marovia-denies-rifles"
    assert doc.source_format == "html"
    assert _paragraph_texts(doc) == PARAGRAPHS
    assert "Copyright" not in doc.text and "Home" not in doc.text


def test_html_title_prefers_og_title(tmp_path: Path) -> None:
    page = html_page().replace(f"<h1>{TITLE}</h1>", "<h1>Another heading</h1>")
    path = tmp_path / "og.htm"
    path.write_text(page, encoding="utf-8")
    assert _only_doc(path).title == TITLE


def test_html_outlet_from_url_table(tmp_path: Path) -> None:
    path = tmp_path / "indy.html"
    path.write_text(
        html_page(site="indy100", url="https://www.independent.co.uk/news/world/x.html"),
        encoding="utf-8",
    )
    assert _only_doc(path).outlet == "The Independent"


def test_html_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved_page"
    path.write_text(html_page(), encoding="utf-8")
    doc = _only_doc(path)
    assert doc.source_format == "html" and doc.title == TITLE


def test_html_declared_charset(tmp_path: Path) -> None:
    paragraphs = [p.replace("Marovia", "Marovi\u00e4") for p in PARAGRAPHS]
    page = html_page(paragraphs=paragraphs, charset="windows-1252")
    path = tmp_path / "cp1252.html"
    path.write_bytes(page.encode("cp1252"))
    doc = _only_doc(path)
    assert "Marovi\u00e4 on Tuesday" in doc.text
    assert "\u201cWe have never supplied" in doc.text


# --- WARC ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("gz", [True, False])
def test_warc_reader(tmp_path: Path, gz: bool) -> None:
    pages = [
        (f"https://lantern.example/world/{i}", html_page(title=story(i)[0], paragraphs=story(i)[1]))
        for i in range(3)
    ]
    data, _ = warc_bytes(pages, gz=gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    docs = _docs(path)
    assert all(isinstance(d, Document) for d in docs)
    assert [d.title for d in docs if isinstance(d, Document)] == [story(i)[0] for i in range(3)]
    first = docs[0]
    assert isinstance(first, Document)
    assert first.source_format == "warc"
    assert first.url == "https://lantern.example/world/0"
    assert first.path is not None and first.path.startswith(str(path) + "#")
    assert _paragraph_texts(first) == story(0)[1]


# --- feeds --------------------------------------------------------------------------------------
def test_feed_entries_with_content_and_saved_pages(tmp_path: Path) -> None:
    items = [
        {
            "title": story(0)[0],
            "link": "https://lantern.example/world/story-0",
            "content": "".join(f"<p>{p}</p>" for p in story(0)[1]),
        },
        {
            "title": story(1)[0],
            "link": "https://lantern.example/world/story-1.html",
            "summary": "A teaser.",
        },
    ]
    (tmp_path / "feed.rss").write_text(rss_feed(items), encoding="utf-8")
    saved = tmp_path / "pages"
    saved.mkdir()
    long_story = story(1)[1] + [
        f"Further detail number {n} was reported by the council." for n in range(20)
    ]
    (saved / "story-1.html").write_text(
        html_page(title=story(1)[0], paragraphs=long_story), encoding="utf-8"
    )
    docs = _docs(tmp_path / "feed.rss")
    assert len(docs) == 2 and all(isinstance(d, Document) for d in docs), docs
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == story(0)[0]
    assert _paragraph_texts(first) == story(0)[1]
    assert first.published == "2021-05-04"
    assert first.authors == ("World Desk",)
    assert first.outlet == "Lantern World"
    assert first.source_format == "feed"
    assert second.path == str(saved / "story-1.html")
    assert "Further detail number 19" in second.text
    assert second.url == "https://lantern.example/world/story-1.html"


def test_feed_entry_without_text_is_an_error(tmp_path: Path) -> None:
    items = [{"title": "", "link": "https://lantern.example/nothing-saved", "summary": ""}]
    (tmp_path / "empty.xml").write_text(rss_feed(items), encoding="utf-8")
    docs = _docs(tmp_path / "empty.xml")
    assert len(docs) == 1 and isinstance(docs[0], InputError)
    assert "empty.xml#1" in str(docs[0])


def test_atom_feed(tmp_path: Path) -> None:
    title, paragraphs = story(3)
    body = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paragraphs)
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Brisk Herald</title>
<entry><title>{title}</title><link href="https://herald.example/a"/>
<updated>2022-01-09T10:00:00Z</updated><author><name>Pia Lund</name></author>
<content type="html">{body}</content></entry></feed>"""
    path = tmp_path / "herald.atom"
    path.write_text(atom, encoding="utf-8")
    doc = _only_doc(path)
    assert doc.title == title and doc.published == "2022-01-09" and doc.authors == ("Pia Lund",)
    assert _paragraph_texts(doc) == paragraphs


# --- JSONL --------------------------------------------------------------------------------------
def test_jsonl_reader(tmp_path: Path) -> None:
    title, paragraphs = story(2)
    records: list[object] = [
        {
            "text": "\n\n".join(paragraphs),
            "title": title,
            "url": "https://www.independent.co.uk/news/x",
            "date": "August 8, 2020",
            "authors": ["Ola Berg", "Kim Sato"],
        },
        {
            "text": "\n".join(story(4)[1]),
            "title": story(4)[0],
            "outlet": "Tavo Times",
            "date": "2021-03-04",
        },
        {"title": "no text here"},
        ["not", "an", "object"],
    ]
    path = tmp_path / "articles.jsonl"
    path.write_bytes(jsonl_lines(records) + b"\n{broken json\n")
    items = _docs(path)
    assert len(items) == 5
    first, second, *errors = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == title and first.text.startswith(title + "\n\n")
    assert first.outlet == "The Independent" and first.published == "2020-08-08"
    assert first.authors == ("Ola Berg", "Kim Sato") and first.source_format == "jsonl"
    assert _paragraph_texts(first) == paragraphs
    assert second.outlet == "Tavo Times" and second.published == "2021-03-04"
    assert all(isinstance(e, InputError) for e in errors)
    assert [str(e).split(": ", 1)[0].rsplit("#", 1)[1] for e in errors] == [
        "line3",
        "line4",
        "line6",
    ]


def test_jsonl_gz_is_streamed(tmp_path: Path) -> None:
    records: list[object] = [
        {"text": "\n".join(story(i)[1]), "title": story(i)[0]} for i in range(5)
    ]
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl_lines(records)))
    docs = _docs(path)
    assert [d.title for d in docs if isinstance(d, Document)] == [story(i)[0] for i in range(5)]


def test_gzip_wrapped_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE_TEXT.encode("utf-8")))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(html_page().encode("utf-8")))
    assert _only_doc(tmp_path / "a.txt.gz").text == ARTICLE_TEXT
    assert _only_doc(tmp_path / "b.html.gz").source_format == "html"


# --- registry and paths ---------------------------------------------------------------------------
def test_registry_by_extension_and_sniffing() -> None:
    names = {r.name for r in readers()}
    assert {"text", "html", "warc", "feed", "jsonl"} <= names
    assert reader_for("x.warc.gz", b"") is not None and reader_for("x.warc.gz", b"").name == "warc"
    assert reader_for("x.jsonl", b"").name == "jsonl"  # type: ignore[union-attr]
    assert reader_for("noext", b"WARC/1.0\r\n").name == "warc"  # type: ignore[union-attr]
    assert reader_for("noext", b'<?xml version="1.0"?><rss>').name == "feed"  # type: ignore[union-attr]
    assert reader_for("noext", b"<!DOCTYPE html><html>").name == "html"  # type: ignore[union-attr]
    assert reader_for("noext", b'{"text": "x"}').name == "jsonl"  # type: ignore[union-attr]
    assert reader_for("noext", b"Just some words.").name == "text"  # type: ignore[union-attr]
    assert reader_for("noext", b"\x00\x01\x02\x03") is None


def test_register_a_plugin_reader(tmp_path: Path) -> None:
    from claimgraph.ingest.build import build_document

    def read(path: str, settings: dict[str, object]):  # type: ignore[no-untyped-def]
        text = Path(path).read_text(encoding="utf-8").upper()
        yield build_document(text, source_format="shout", path=path)

    register_reader(
        Reader(name="shout", extensions=(".shout",), sniff=lambda head: False, read=read)
    )
    path = tmp_path / "a.shout"
    path.write_text("quiet title\n\nquiet words here", encoding="utf-8")
    try:
        doc = _only_doc(path)
    finally:
        unregister_reader("shout")
    assert doc.source_format == "shout" and doc.title == "QUIET TITLE"
    assert reader_for("b.shout", b"").name == "text"  # type: ignore[union-attr]


def test_expand_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text(html_page(), encoding="utf-8")
    (sub / "image.png").write_bytes(b"\x89PNG....")
    (sub / ".hidden.txt").write_text("x", encoding="utf-8")
    files, errors = expand_paths(
        [str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "missing.txt")]
    )
    assert files == [str(tmp_path / "a.txt"), str(sub / "b.html")]
    assert len(errors) == 1 and "missing.txt" in str(errors[0])
    files, errors = expand_paths([str(tmp_path / "**" / "*.html")])
    assert files == [str(sub / "b.html")] and errors == []
    _, errors = expand_paths([str(tmp_path / "nothing-*.txt")])
    assert len(errors) == 1 and "no files match" in str(errors[0])


def test_read_paths_collects_documents_and_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    docs, errors = read_paths([str(tmp_path)])
    assert [d.title for d in docs] == [TITLE]
    assert len(errors) == 1 and "empty.txt" in str(errors[0]) and "empty" in str(errors[0])
