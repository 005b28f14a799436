"""WARC archives (``.warc``, ``.warc.gz``): one document per HTML response or resource record.

Read record by record with warcio, never whole. A broken record yields an ``InputError`` and
reading resumes at the next record header; a record whose content passes the document or
decompression limit is refused (a gzip bomb in a record never fills memory).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from claimgraph.errors import EmptyInput, InputError, MalformedInput, TooLarge
from claimgraph.ingest.decode import GZIP_MAGIC, decode, max_bytes
from claimgraph.ingest.registry import Reader, ReadResult

_SCAN_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml")


def _next_start(handle: IO[bytes], after: int, gz: bool) -> int | None:
    """Offset of the next record start after ``after`` (a gzip member or a ``WARC/`` line)."""
    marker = GZIP_MAGIC + b"\x08" if gz else b"\nWARC/1."
    skip = 0 if gz else 1
    position = after + 1
    handle.seek(position)
    tail = b""
    while True:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(tail) + found + skip
        tail = data[-(len(marker) - 1) :]
        position += len(chunk)


def _records(handle: IO[bytes], path: str, settings: dict[str, Any]) -> ReadResult:
    from warcio.archiveiterator import ArchiveIterator

    gz = handle.read(2) == GZIP_MAGIC
    handle.seek(0)
    limit = min(max_bytes(settings), max_bytes(settings, "max_decompressed_bytes"))
    base = 0
    count = 0
    while True:
        handle.seek(base)
        iterator = ArchiveIterator(handle, no_record_parse=False, ensure_http_headers=False)
        stream: Iterator[Any] = iter(iterator)
        resume: int | None = None
        while True:
            try:
                record = next(stream)
            except StopIteration:
                return
            except Exception as e:  # noqa: BLE001 - warcio raises many types for broken records
                offset = base + _safe_offset(iterator)
                if count == 0 and offset == 0:
                    raise MalformedInput(
                        f"not a readable WARC file ({_short(e)})", path=path
                    ) from e
                yield MalformedInput(
                    f"broken WARC record at byte {offset} ({_short(e)})", path=path
                )
                resume = _next_start(handle, offset, gz)
                break
            count += 1
            offset = base + _safe_offset(iterator)
            where = (
                f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or f'offset-{offset}'}"
            )
            if not _is_html(record):
                continue
            try:
                data = record.content_stream().read(limit + 1)
            except Exception as e:  # noqa: BLE001 - a corrupt payload is this record's error
                yield MalformedInput(f"unreadable record content ({_short(e)})", path=where)
                if gz:
                    resume = _next_start(handle, offset, gz)
                    break
                continue
            if len(data) > limit:
                yield TooLarge(
                    f"record content passes {limit:,} bytes (settings max_document_bytes / "
                    "max_decompressed_bytes); refused, possibly a decompression bomb",
                    path=where,
                )
                if gz:  # skip the member by scanning compressed bytes, not inflating them
                    resume = _next_start(handle, offset, gz)
                    break
                continue
            yield from _document(data, where, record)
        if resume is None:
            return
        base = resume


def _document(data: bytes, where: str, record: Any) -> ReadResult:
    from claimgraph.ingest.readers.html import html_document

    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        html = decode(data, path=where, declared=_charset(record))
        yield html_document(html, path=where, url=url, source_format="warc")
    except InputError as e:
        yield e
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the archive
        yield MalformedInput(f"could not extract the page ({type(e).__name__}: {e})", path=where)


def _safe_offset(iterator: Any) -> int:
    """Offset of the current record's start (``get_record_offset`` would consume the record)."""
    try:
        return int(getattr(iterator, "offset", 0) or 0)
    except (TypeError, ValueError):
        return 0


def _short(e: BaseException) -> str:
    text = "".join(c if c.isascii() and c.isprintable() else "?" for c in " ".join(str(e).split()))
    return f"{type(e).__name__}: {text[:120]}" if text else type(e).__name__


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
        if value:
            return str(value).lower()
    return str(record.rec_headers.get_header("Content-Type") or "").lower()


def _charset(record: Any) -> str | None:
    value = _content_type(record)
    if "charset=" in value:
        return value.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    return None


def _is_html(record: Any) -> bool:
    if record.rec_type not in ("response", "resource", "conversion"):
        return False
    if record.http_headers is not None and record.http_headers.get_statuscode() not in (
        "200",
        None,
    ):
        return False
    return any(kind in _content_type(record) for kind in _HTML_TYPES)


def read(path: str, settings: dict[str, Any]) -> ReadResult:
    """Documents from the HTML records of a WARC file; broken records yield errors."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally; generator keeps it open
    except OSError as e:
        raise MalformedInput(f"cannot read file ({e.strerror or e})", path=path) from e
    try:
        if not handle.read(1):
            raise EmptyInput("file is empty", path=path)
        handle.seek(0)
        yield from _records(handle, path, settings)
    finally:
        handle.close()


def _sniff(head: bytes) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(GZIP_MAGIC):
        import zlib

        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
        return inner.startswith(b"WARC/")
    return False


READER = Reader(
    name="warc",
    extensions=(".warc", ".warc.gz", ".arc.gz"),
    sniff=_sniff,
    read=read,
    streamed=True,
    priority=10,
)
