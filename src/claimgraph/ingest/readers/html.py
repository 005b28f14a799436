"""HTML pages: trafilatura for the article text, page metadata for title, date, authors, outlet.

A single event-driven pass (``html.parser``, no recursion, so deeply nested pages are safe)
collects og:title, the first h1, og:site_name, canonical URL, dates, authors and figure
captions, and keeps the text of block elements as a fallback when trafilatura extracts nothing
(truncated or pathological pages still give what is there).
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any

from claimgraph.errors import EmptyInput, InputError, MalformedInput
from claimgraph.ingest import meta
from claimgraph.ingest.build import build_document, compose
from claimgraph.ingest.decode import decode, read_limited
from claimgraph.ingest.reader import Reader, ReadResult
from claimgraph.model import Document

_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "pre",
    "td",
    "dd",
}
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_HTML_HEAD = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b",
    re.I | re.S,
)


class _PageScan(HTMLParser):
    """Metadata and block texts of a page, in one pass without recursion."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.h1: str | None = None
        self.title_tag: str | None = None
        self.canonical: str | None = None
        self.captions: list[str] = []
        self.blocks: list[str] = []
        self._skip_depth = 0
        self._block: list[str] | None = None
        self._block_tag: str | None = None
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (
                values.get("property") or values.get("name") or values.get("itemprop") or ""
            ).lower()
            if key and "content" in values and key not in self.meta:
                self.meta[key] = values["content"].strip()
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower():
            self.canonical = self.canonical or values.get("href")
            return
        if tag in _VOID:
            return
        if tag in _SKIP:
            self._skip_depth += 1
            return
        if tag == "title":
            self._in_title = True
        if tag in _BLOCKS and self._skip_depth == 0:
            self._flush()
            self._block, self._block_tag = [], tag
        elif tag == "br" and self._block is not None:
            self._block.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "title":
            self._in_title = False
            self.title_tag = self.title_tag or " ".join("".join(self._title).split()) or None
        elif tag == self._block_tag:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self._block is not None and self._skip_depth == 0:
            self._block.append(data)

    def _flush(self) -> None:
        if self._block is None:
            return
        text = " ".join("".join(self._block).split())
        if text:
            self.blocks.append(text)
            if self._block_tag == "h1" and self.h1 is None:
                self.h1 = text
            if self._block_tag == "figcaption":
                self.captions.append(text)
        self._block, self._block_tag = None, None

    def close(self) -> None:
        super().close()
        self._flush()


def scan(html: str) -> _PageScan:
    """Scan a page for metadata and block texts (never raises on odd markup)."""
    page = _PageScan()
    try:
        page.feed(html)
        page.close()
    except Exception:  # noqa: BLE001 - html.parser gives up on some garbage; keep what it saw
        page._flush()
    return page


def _trafilatura(html: str, url: str | None) -> Any:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=True,
            include_comments=False,
            with_metadata=True,
        )
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as e:
        logging.getLogger(__name__).debug("trafilatura failed: %s", e)
        return None


def html_document(
    html: str,
    *,
    path: str,
    url: str | None = None,
    source_format: str = "html",
    defaults: dict[str, Any] | None = None,
) -> Document:
    """A document from the text of an HTML page (``defaults`` fill metadata the page lacks)."""
    defaults = defaults or {}
    page = scan(html)
    result = _trafilatura(html, url)
    body = (getattr(result, "text", None) or "").strip()
    if len(body.split()) < 3 and page.blocks:
        body = "\n".join(page.blocks)
    if not body.strip():
        raise EmptyInput("no article text could be extracted from the HTML", path=path)
    url = (
        url
        or page.meta.get("og:url")
        or page.canonical
        or getattr(result, "url", None)
        or defaults.get("url")
    )
    title = (
        page.meta.get("og:title")
        or page.h1
        or getattr(result, "title", None)
        or page.title_tag
        or defaults.get("title")
    )
    title = " ".join(title.split()) if title else None
    published = meta.parse_date(getattr(result, "date", None)) or meta.parse_date(
        page.meta.get("article:published_time")
        or page.meta.get("datepublished")
        or page.meta.get("date")
    )
    if published is None:
        published = _htmldate(html) or meta.parse_date(defaults.get("published"))
    authors = _authors(getattr(result, "author", None) or page.meta.get("author") or "")
    if not authors and defaults.get("authors"):
        authors = list(defaults["authors"])
    outlet = (
        meta.outlet_from_url(url)
        or page.meta.get("og:site_name")
        or getattr(result, "sitename", None)
        or defaults.get("outlet")
        or meta.url_host(url)
    )
    text = compose(title, body)
    return build_document(
        text,
        source_format=source_format,
        path=path,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        authors=authors,
        caption_lines=page.captions,
    )


def _htmldate(html: str) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate failing means the date is unknown, not an error
        return None
    return meta.parse_date(found) if found else None


def _authors(value: str) -> list[str]:
    parts = re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", value)
    return [p.strip() for p in parts if p.strip() and len(p) < 80]


def parse(data: bytes, path: str, settings: dict[str, Any]) -> ReadResult:
    """One document from the bytes of an HTML file."""
    html = decode(data, path=path)
    try:
        yield html_document(html, path=path)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - any extractor failure is this file's error
        raise MalformedInput(
            f"could not extract the HTML ({type(e).__name__}: {e})", path=path
        ) from e


def read(path: str, settings: dict[str, Any]) -> ReadResult:
    """One document from an HTML file (gzip-compressed or not)."""
    yield from parse(read_limited(path, settings), path, settings)


READER = Reader(
    name="html",
    extensions=(".html", ".htm", ".xhtml", ".shtml"),
    sniff=lambda head: bool(_HTML_HEAD.match(head)),
    read=read,
    parse=parse,
    priority=30,
)
