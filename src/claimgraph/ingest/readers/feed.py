"""RSS and Atom feeds: one document per entry, from its content or from a saved page of its link.

When an entry carries only a teaser, the article page saved next to the feed (same folder or a
subfolder, matched by file name = last segment of the link, or by the page's canonical URL) is
read instead. A feed that cannot be parsed at all is one error for the file; an entry with no
text is one error for that entry.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from claimgraph.errors import EmptyInput, InputError, MalformedInput
from claimgraph.ingest import meta
from claimgraph.ingest.build import build_document, compose
from claimgraph.ingest.decode import decode, read_limited
from claimgraph.ingest.reader import Reader, ReadResult
from claimgraph.model import Document

TEASER_WORDS = 60
_FEED_HEAD = re.compile(
    rb"^\s*(?:\xef\xbb\xbf)?(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)
_PAGE_URL = re.compile(
    r"""<(?:link[^>]*rel=["']canonical["'][^>]*href|meta[^>]*property=["']og:url["'][^>]*content)=["']([^"']+)""",
    re.I,
)
_PAGE_ENDINGS = (".html", ".htm", ".xhtml")


class _SavedPages:
    """HTML files next to a feed, found by link (built on first use)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_name: dict[str, Path] | None = None
        self._by_url: dict[str, Path] = {}

    def _index(self) -> dict[str, Path]:
        if self._by_name is None:
            self._by_name = {}
            files = [p for p in self.folder.glob("*") if p.suffix.lower() in _PAGE_ENDINGS]
            files += [p for p in self.folder.glob("*/*") if p.suffix.lower() in _PAGE_ENDINGS]
            for page in sorted(files)[:5000]:
                self._by_name.setdefault(page.stem.lower(), page)
                try:
                    with page.open("rb") as handle:
                        head = handle.read(65536).decode("utf-8", "replace")
                except OSError:
                    continue
                match = _PAGE_URL.search(head)
                if match:
                    self._by_url.setdefault(_url_key(match.group(1)), page)
        return self._by_name

    def find(self, link: str | None) -> Path | None:
        if not link:
            return None
        by_name = self._index()
        if _url_key(link) in self._by_url:
            return self._by_url[_url_key(link)]
        segment = unquote(urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1])
        stem = os.path.splitext(segment)[0].lower()
        return by_name.get(stem) if stem else None


def _url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').removeprefix('www.')}{parts.path.rstrip('/')}".lower()


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%d", parsed)
    except (TypeError, ValueError):
        return None


def _entry_text(entry: Any) -> str:
    from claimgraph.ingest.readers.html import scan

    values = [c.get("value", "") for c in entry.get("content", []) or [] if isinstance(c, dict)]
    html = max(values, key=len) if values else str(entry.get("summary", "") or "")
    page = scan(html)
    if page.blocks:
        return "\n".join(page.blocks)
    return "\n".join(
        line.strip() for line in re.sub(r"<[^>]+>", " ", html).splitlines() if line.strip()
    )


def _entries(data: bytes, path: str, settings: dict[str, Any]) -> ReadResult:
    import feedparser

    text = decode(data, path=path)
    try:
        parsed = feedparser.parse(text)
    except Exception as e:  # noqa: BLE001 - feedparser's own failures are a malformed feed
        raise MalformedInput(
            f"not a readable RSS/Atom feed ({type(e).__name__}: {e})", path=path
        ) from e
    entries = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise MalformedInput(
                f"malformed RSS/Atom feed ({' '.join(str(reason).split())[:160]})", path=path
            )
        raise EmptyInput("feed has no entries", path=path)
    feed_title = (parsed.get("feed") or {}).get("title")
    pages = _SavedPages(Path(path).parent)
    results: list[Document | InputError] = []
    for index, entry in enumerate(entries):
        where = f"{path}#{index + 1}"
        try:
            results.append(_entry_document(entry, where, feed_title, pages, settings))
        except InputError as e:
            results.append(e)
        except Exception as e:  # noqa: BLE001 - one bad entry must not stop the feed
            results.append(
                MalformedInput(f"could not read the entry ({type(e).__name__}: {e})", path=where)
            )
    if parsed.get("bozo") and not any(isinstance(r, Document) for r in results):
        reason = " ".join(str(parsed.get("bozo_exception")).split())[:160]
        raise MalformedInput(f"malformed RSS/Atom feed, no readable entry ({reason})", path=path)
    yield from results


def _entry_document(
    entry: Any, where: str, feed_title: str | None, pages: _SavedPages, settings: dict[str, Any]
) -> Any:
    from claimgraph.ingest.readers.html import html_document

    link = entry.get("link")
    title = " ".join(str(entry.get("title") or "").split()) or None
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    authors: list[str] = [
        str(a.get("name"))
        for a in entry.get("authors", []) or []
        if isinstance(a, dict) and a.get("name")
    ]
    if not authors and entry.get("author"):
        authors = [str(entry.get("author"))]
    outlet = meta.outlet_from_url(link) or feed_title
    body = _entry_text(entry)
    if len(body.split()) < TEASER_WORDS:
        page = pages.find(link)
        if page is not None:
            html = decode(read_limited(str(page), settings), path=str(page))
            defaults = {
                "title": title,
                "published": published,
                "authors": authors,
                "outlet": outlet,
                "url": link,
            }
            return html_document(
                html, path=str(page), url=link, source_format="feed", defaults=defaults
            )
    if not body.strip():
        raise EmptyInput("feed entry has no text and no saved page for its link", path=where)
    return build_document(
        compose(title, body),
        source_format="feed",
        path=where,
        url=link,
        title=title,
        outlet=outlet,
        published=published,
        authors=authors,
    )


def parse(data: bytes, path: str, settings: dict[str, Any]) -> ReadResult:
    """Documents from the bytes of a feed."""
    yield from _entries(data, path, settings)


def read(path: str, settings: dict[str, Any]) -> ReadResult:
    """Documents from a feed file (gzip-compressed or not)."""
    yield from _entries(read_limited(path, settings), path, settings)


READER = Reader(
    name="feed",
    extensions=(".rss", ".atom", ".feed", ".xml"),
    sniff=lambda head: bool(_FEED_HEAD.match(head)),
    read=read,
    parse=parse,
    priority=20,
)
