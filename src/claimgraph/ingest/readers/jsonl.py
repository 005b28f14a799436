"""JSON Lines: one article per line with ``text`` and optional title/url/date/outlet/authors.

Read line by line (never whole; ``.jsonl.gz`` decompressed as a stream under the decompression
limit). A bad line yields an ``InputError`` naming the line, and the file goes on.
"""

from __future__ import annotations

import json
from typing import Any

from claimgraph.errors import BinaryInput, EmptyInput, InputError, MalformedInput, TooLarge
from claimgraph.ingest import meta
from claimgraph.ingest.build import build_document, compose
from claimgraph.ingest.decode import max_bytes, open_stream, sniff_binary
from claimgraph.ingest.reader import Reader, ReadResult
from claimgraph.model import Document

TEXT_FIELDS = ("text", "content", "body", "maintext")
DATE_FIELDS = ("date", "published", "published_at", "date_publish")
OUTLET_FIELDS = ("outlet", "source", "site_name", "sitename")
_SKIP_CHUNK = 1 << 20


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _first(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = _string(record.get(name))
        if value:
            return value
    return None


def record_document(record: Any, where: str) -> Document:
    """A document from one decoded JSON record."""
    if not isinstance(record, dict):
        raise MalformedInput(f"expected a JSON object, got {type(record).__name__}", path=where)
    text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), None)
    if text is None:
        raise MalformedInput(f"no text field (one of {', '.join(TEXT_FIELDS)})", path=where)
    if not text.strip():
        raise EmptyInput("the text field is empty", path=where)
    authors_value = record.get("authors", record.get("author"))
    if isinstance(authors_value, str):
        authors = [a.strip() for a in authors_value.split(";") if a.strip()]
    elif isinstance(authors_value, list):
        authors = [a.strip() for a in authors_value if isinstance(a, str) and a.strip()]
    else:
        authors = []
    title = _string(record.get("title"))
    url = _string(record.get("url"))
    language = _string(record.get("language"))
    return build_document(
        compose(title, text) if title else text,
        source_format="jsonl",
        path=where,
        url=url,
        title=" ".join(title.split()) if title else None,
        outlet=_first(record, OUTLET_FIELDS) or meta.outlet_from_url(url),
        published=meta.parse_date(_first(record, DATE_FIELDS)),
        authors=authors,
        language=language[:8] if language else None,
    )


def _parse_line(raw: bytes, where: str) -> ReadResult:
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError) as e:
        yield MalformedInput(f"invalid JSON ({' '.join(str(e).split())[:120]})", path=where)
        return
    try:
        yield record_document(record, where)
    except InputError as e:
        yield e


def read(path: str, settings: dict[str, Any]) -> ReadResult:
    """Documents from a JSONL file, one per non-empty line; bad lines yield errors."""
    limit = max_bytes(settings)
    stream = open_stream(path, settings)
    try:
        first = stream.readline(limit + 1)
        kind = sniff_binary(first[:8192])
        if kind:
            raise BinaryInput(f"not JSON lines: looks like {kind}", path=path)
        number = 0
        seen = False
        while True:
            raw, first = (first, b"") if first else (stream.readline(limit + 1), b"")
            if not raw:
                break
            number += 1
            where = f"{path}#line{number}"
            if len(raw) > limit and not raw.endswith(b"\n"):
                yield TooLarge(
                    f"line is over {limit:,} bytes (setting max_document_bytes)", path=where
                )
                while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                continue
            if not raw.strip():
                continue
            seen = True
            yield from _parse_line(raw, where)
        if not seen:
            raise EmptyInput("file has no JSON lines", path=path)
    finally:
        stream.close()


def parse(data: bytes, path: str, settings: dict[str, Any]) -> ReadResult:
    """Documents from JSONL bytes already in memory."""
    seen = False
    for number, raw in enumerate(data.splitlines(), start=1):
        if raw.strip():
            seen = True
            yield from _parse_line(raw, f"{path}#line{number}")
    if not seen:
        raise EmptyInput("file has no JSON lines", path=path)


READER = Reader(
    name="jsonl",
    extensions=(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"),
    sniff=lambda head: head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"),
    read=read,
    parse=parse,
    streamed=True,
    priority=40,
)
