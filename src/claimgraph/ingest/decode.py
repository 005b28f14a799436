"""Bytes in, text out: size limits, decompression limits, binary sniffing and decoding.

Nothing here loads a file whole before checking its size: ``read_limited`` looks at the
file's size first and refuses anything over ``max_document_bytes``; gzip is decompressed in
chunks and refused past ``max_decompressed_bytes`` (a zip bomb never fills memory).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import zlib
from typing import IO, Any

from claimgraph.errors import BinaryInput, EmptyInput, EncodingError, MalformedInput, TooLarge

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
MAX_RATIO = 100
"""gzip output more than this many times its input (past ``RATIO_FLOOR`` bytes) is a bomb."""
RATIO_FLOOR = 10_000_000

# Magic numbers of common binary formats, for a clearer message than "binary".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (also docx/xlsx/epub)"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3", "a SQLite database"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings charset-normalizer may guess for Western text; they are read as cp1252 (a superset
# of latin-1 for printable characters), which is what such files nearly always are.
_WESTERN = {
    "latin_1",
    "iso8859_1",
    "iso8859_15",
    "cp1252",
    "windows-1252",
    "ascii",
    "mac_roman",
    "cp850",
    "cp437",
    "iso8859_9",
    "cp1254",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I
)


def max_bytes(settings: dict[str, Any] | None, name: str = "max_document_bytes") -> int:
    """The limit ``name`` from ``settings`` (or its built-in default)."""
    from claimgraph import settings as settings_mod

    value = (settings or {}).get(name)
    if value is None:
        value = settings_mod.defaults()[name]
    return int(value)


def check_size(path: str, settings: dict[str, Any] | None) -> int:
    """The file's size in bytes; raises ``TooLarge`` (without reading it) over the limit."""
    try:
        size = os.stat(path).st_size
    except OSError as e:
        raise MalformedInput(f"cannot read file ({e.strerror or e})", path=path) from e
    limit = max_bytes(settings)
    if size > limit:
        raise TooLarge(
            f"file is {size:,} bytes, over the limit of {limit:,} (setting max_document_bytes)",
            path=path,
        )
    return size


def read_limited(path: str, settings: dict[str, Any] | None) -> bytes:
    """The bytes of ``path`` (gunzipped if gzip), refused over the size or decompression limit."""
    check_size(path, settings)
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            if head == GZIP_MAGIC:
                return gunzip_limited(
                    handle, path=path, limit=max_bytes(settings, "max_decompressed_bytes")
                )
            data = handle.read(max_bytes(settings) + 1)
    except OSError as e:
        raise MalformedInput(f"cannot read file ({e.strerror or e})", path=path) from e
    if len(data) > max_bytes(settings):  # the file grew while we read it
        raise TooLarge("file is over the limit of max_document_bytes", path=path)
    return data


def gunzip_limited(handle: IO[bytes], *, path: str, limit: int) -> bytes:
    """Decompress a gzip stream in chunks; ``TooLarge`` as soon as the output passes ``limit``
    or expands more than ``MAX_RATIO`` times the compressed bytes read (past ``RATIO_FLOOR``)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = False  # a member has started and not yet ended
    consumed = 0
    try:
        while chunk := handle.read(_CHUNK):
            consumed += len(chunk)
            data = chunk
            while data:
                pending = True
                out += decompressor.decompress(data, min(_CHUNK * 16, limit + 1 - len(out)))
                if len(out) > limit:
                    raise TooLarge(
                        f"gzip content expands past {limit:,} bytes (setting "
                        "max_decompressed_bytes); refused as a possible decompression bomb",
                        path=path,
                    )
                if len(out) > RATIO_FLOOR and len(out) > MAX_RATIO * consumed:
                    raise TooLarge(
                        f"gzip content expands more than {MAX_RATIO} times ({len(out):,} bytes from "
                        f"{consumed:,}); refused as a possible decompression bomb",
                        path=path,
                    )
                if decompressor.eof:  # a further gzip member may follow
                    data = decompressor.unused_data
                    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    pending = False
                else:
                    data = decompressor.unconsumed_tail
    except zlib.error as e:
        raise MalformedInput(f"corrupt gzip data ({e})", path=path) from e
    if pending:
        raise MalformedInput("truncated gzip data (the stream ends early)", path=path)
    return bytes(out)


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary format ``data`` looks like, or None when it may be text."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    sample = data[:8192]
    if not sample:
        return None
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls / len(sample) > 0.05:
        return "binary data (control characters)"
    return None


def decode(data: bytes, *, path: str, declared: str | None = None) -> str:
    """Decode ``data``: BOM, then UTF-8, then the declared charset, then a detected one.

    Raises ``EmptyInput``, ``BinaryInput`` or ``EncodingError`` with the file in the message.
    """
    if not data.strip():
        raise EmptyInput("file is empty", path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise EncodingError(
                    f"has a {encoding} byte-order mark but is not {encoding} ({e.reason})",
                    path=path,
                ) from e
            return _check_text(text, path)
    kind = sniff_binary(data)
    if kind:
        raise BinaryInput(f"not text: looks like {kind}", path=path)
    try:
        return _check_text(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data, path)
    if mostly is not None:
        return _check_text(mostly, path)
    if declared is None:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "replace") if match else None
    if declared:
        try:
            encoding = codecs.lookup(declared).name
            if encoding not in ("utf-8", "utf-16", "utf-32"):
                return _check_text(data.decode(_western(encoding)), path)
        except (LookupError, UnicodeDecodeError):
            pass
    return _check_text(_detect(data, path), path)


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mostly_utf8(data: bytes, path: str) -> str | None:
    """UTF-8 text with a few bad bytes, decoded with each replaced by U+FFFD and a warning
    naming its byte offset; None when the bytes look like another charset (more invalid
    sequences than valid multi-byte UTF-8 ones)."""
    bad: list[int] = []
    position = 0
    while True:
        try:
            data[position:].decode("utf-8")
            break
        except UnicodeDecodeError as e:
            bad.append(position + e.start)
            position += e.end
            if len(bad) > 100:
                return None
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not bad or len(bad) >= valid:
        return None
    shown = ", ".join(f"0x{data[o]:02x} at byte {o}" for o in bad[:5])
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    logging.getLogger("claimgraph.ingest").warning(
        "%s: invalid UTF-8 (%s%s) replaced with U+FFFD", path, shown, more
    )
    return data.decode("utf-8", errors="replace")


def _western(encoding: str) -> str:
    return "cp1252" if encoding in _WESTERN else encoding


def _detect(data: bytes, path: str) -> str:
    """Decode non-UTF-8 bytes; Western (cp1252) wins ties, as charset-normalizer often offers
    cp1250 or cp1257 for latin-1 text with the same (zero) chaos."""
    encodings: list[str] = []
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:200_000]))
    except Exception:  # noqa: BLE001 - a detector failure falls back to cp1252 below
        matches = []
    if matches:
        best = min(match.chaos for match in matches)
        western = [m for m in matches if m.encoding in _WESTERN and m.chaos <= best + 0.01]
        encodings.append("cp1252" if western else _western(matches[0].encoding))
    encodings += ["cp1252", "latin-1"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise EncodingError(
        "could not decode the text in any known encoding", path=path
    )  # pragma: no cover


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise EmptyInput("file has no text", path=path)
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\x1b")
    if "\x00" in sample or controls / max(1, len(sample)) > 0.05:
        raise BinaryInput("not text: decodes to control characters", path=path)
    return text


class LimitedGzip:
    """A gzip stream whose total output is capped (``TooLarge`` past ``limit`` bytes)."""

    def __init__(self, raw: IO[bytes], *, path: str, limit: int) -> None:
        import gzip

        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._path = path
        self._limit = limit
        self.total = 0

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self._limit:
            raise TooLarge(
                f"gzip content expands past {self._limit:,} bytes (setting max_decompressed_bytes); "
                "refused as a possible decompression bomb",
                path=self._path,
            )
        return data

    def _guard(self, call: Any, size: int) -> bytes:
        import gzip

        try:
            return self._count(call(size))
        except (OSError, EOFError, zlib.error) as e:
            if isinstance(e, gzip.BadGzipFile | EOFError | zlib.error):
                raise MalformedInput(
                    f"corrupt or truncated gzip data ({e})", path=self._path
                ) from e
            raise

    def read(self, size: int = -1) -> bytes:
        return self._guard(self._gzip.read, size if size >= 0 else self._limit + 1)

    def readline(self, size: int = -1) -> bytes:
        return self._guard(self._gzip.readline, size if size >= 0 else self._limit + 1)

    def close(self) -> None:
        self._gzip.close()


def open_stream(path: str, settings: dict[str, Any] | None) -> Any:
    """A binary stream of the file's content (gunzipped under the decompression limit)."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    except OSError as e:
        raise MalformedInput(f"cannot read file ({e.strerror or e})", path=path) from e
    if raw.read(2) == GZIP_MAGIC:
        raw.seek(0)
        return LimitedGzip(raw, path=path, limit=max_bytes(settings, "max_decompressed_bytes"))
    raw.seek(0)
    return raw
