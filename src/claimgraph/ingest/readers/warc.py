"""WARC archives (``.warc``, ``.warc.gz``): one document per HTML response or resource record.

Read record by record with warcio, never whole. A broken record yields an ``InputError`` and
reading resumes at the next record header; a record whose content passes the document or
decompression limit is refused (a gzip bomb in a record never fills memory).
"""

from __future__ import annotations

from typing import IO, Any

from claimgraph.errors import EmptyInput, InputError, MalformedInput, TooLarge
from claimgraph.ingest.decode import GZIP_MAGIC, decode, max_bytes
from claimgraph.ingest.reader import Reader, ReadResult

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


_HEAD_BYTES = 1 << 18


def _check_start(handle: IO[bytes], position: int, gz: bool) -> tuple[int | None, str | None]:
    """(start of the record at ``position``, None) when one can be parsed there safely.

    Returns (None, None) at the end of the file and (position, reason) when the bytes there
    are not a record whose headers end within the first 256 KB (warcio would otherwise read a
    huge header line with quadratic cost).
    """
    handle.seek(position)
    raw = handle.read(_HEAD_BYTES)
    stripped = raw.lstrip(b"\r\n \t")
    if not stripped:
        return None, None
    start = position + len(raw) - len(stripped)
    if gz:
        if not stripped.startswith(GZIP_MAGIC):
            return position, "no gzip member starts here"
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(stripped, _HEAD_BYTES)
        except zlib.error as e:
            return start, f"corrupt gzip member ({e})"
    else:
        head = stripped
    if not head.startswith((b"WARC/", b"warc/")):
        first = head[:40].decode("ascii", "replace")
        return start, f"no WARC header, first bytes {first!r}"
    end = head.find(b"\r\n\r\n")
    if end < 0 and len(head) >= _HEAD_BYTES:
        return start, "WARC header does not end within 256 KB"
    is_http = b"application/http" in head[: max(end, 0)].lower()
    if is_http and len(head) >= _HEAD_BYTES and head.find(b"\r\n\r\n", end + 4) < 0:
        return start, "HTTP header does not end within 256 KB"
    return start, None


def _skip_record(handle: IO[bytes], start: int, gz: bool) -> int | None:
    """Start of the next valid record after ``start``, found by scanning (never inflating)."""
    candidate = _next_start(handle, start, gz)
    while candidate is not None:
        found, problem = _check_start(handle, candidate, gz)
        if found is None or problem is None:
            return found
        candidate = _next_start(handle, candidate, gz)
    return None


def _records(handle: IO[bytes], path: str, settings: dict[str, Any]) -> ReadResult:
    from warcio.archiveiterator import ArchiveIterator

    gz = handle.read(2) == GZIP_MAGIC
    limit = min(max_bytes(settings), max_bytes(settings, "max_decompressed_bytes"))
    position: int | None = 0
    first = True
    while position is not None:
        start, problem = _check_start(handle, position, gz)
        if start is None:
            return
        if problem is None:
            handle.seek(start)
            iterator = ArchiveIterator(handle, no_record_parse=False, ensure_http_headers=False)
            try:
                record = next(iter(iterator))
            except StopIteration:
                return
            except Exception as e:  # noqa: BLE001 - warcio raises many types for broken records
                problem = _short(e)
        if problem is not None:
            if first:
                raise MalformedInput(f"not a readable WARC file ({problem})", path=path)
            yield MalformedInput(f"broken WARC record at byte {start} ({problem})", path=path)
            position = _next_start(handle, start, gz)
            continue
        first = False
        where = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or f'offset-{start}'}"
        skip = False
        if _is_html(record):
            try:
                data = record.content_stream().read(limit + 1)
            except Exception as e:  # noqa: BLE001 - a corrupt payload is this record's error
                yield MalformedInput(f"unreadable record content ({_short(e)})", path=where)
                skip = True
            else:
                if len(data) > limit:
                    yield TooLarge(
                        f"record content passes {limit:,} bytes (settings max_document_bytes / "
                        "max_decompressed_bytes); refused, possibly a decompression bomb",
                        path=where,
                    )
                    skip = gz  # skip the member by scanning compressed bytes, not inflating it
                else:
                    yield from _document(data, where, record)
        else:
            skip = gz  # a member not read: find the next by scanning, never inflate what we skip
        if skip:
            position = _skip_record(handle, start, gz)
            continue
        try:
            length = int(iterator.get_record_length())
        except Exception as e:  # noqa: BLE001 - the rest of the record is unreadable
            yield MalformedInput(f"broken WARC record at byte {start} ({_short(e)})", path=path)
            position = _next_start(handle, start, gz)
            continue
        position = start + max(length, 1)


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
