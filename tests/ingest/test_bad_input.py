"""Bad input: each case is one clear error naming the file and the reason, or a correct decode."""

from __future__ import annotations

import gzip
import io
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from ingest_samples import PARAGRAPHS, TITLE, html_page, jsonl_lines, story, warc_bytes

from claimgraph.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedInput,
    TooLarge,
    UnsupportedFormat,
)
from claimgraph.ingest import read_file
from claimgraph.model import Document

MB = 1_000_000
LATIN_TEXT = (
    "Caf\u00e9 owners in Z\u00fcrich protest new rules\n\n"
    "The owners of several caf\u00e9s in Z\u00fcrich said on Monday that the new r\u00e8gles were "
    "na\u00efve and would cost them dearly. \u00abWe will not accept this,\u00bb one owner said.\n"
)


def _items(path: Path, **settings: object) -> list[Document | InputError]:
    return list(read_file(str(path), settings=dict(settings)))


def _error(path: Path, kind: type[InputError], **settings: object) -> InputError:
    with pytest.raises(kind) as caught:
        _items(path, **settings)
    error = caught.value
    assert str(path) in str(error), "the message names the file"
    return error


# --- empty, binary, encodings ----------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in str(_error(path, EmptyInput))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (bytes(range(256)) * 40, "NUL"),
    ],
)
def test_binary(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert reason in str(_error(path, BinaryInput))


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-be", "utf-8-sig"])
def test_encodings_decoded(tmp_path: Path, encoding: str) -> None:
    data = LATIN_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    (doc,) = _items(path)
    assert isinstance(doc, Document)
    assert doc.text == LATIN_TEXT
    assert doc.title == "Caf\u00e9 owners in Z\u00fcrich protest new rules"


def test_cp1252_quotes(tmp_path: Path) -> None:
    text = "\n\n".join([TITLE, *PARAGRAPHS])
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    (doc,) = _items(path)
    assert isinstance(doc, Document) and doc.text == text


def test_bad_utf16_bom(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00")
    assert "utf-16" in str(_error(path, InputError))


# --- HTML: truncated, nested, empty -------------------------------------------------------------
def test_truncated_html_keeps_what_is_there(tmp_path: Path) -> None:
    page = html_page()
    cut = page.index(PARAGRAPHS[2]) + 40
    path = tmp_path / "cut.html"
    path.write_text(page[:cut], encoding="utf-8")
    (doc,) = _items(path)
    assert isinstance(doc, Document)
    assert doc.title == TITLE
    assert PARAGRAPHS[0] in doc.text and PARAGRAPHS[1] in doc.text


def test_html_without_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "head-only.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title></title><script>var x = 1;", encoding="utf-8"
    )
    assert "no article text" in str(_error(path, EmptyInput))


def test_deeply_nested_html(tmp_path: Path) -> None:
    depth = 50_000
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f"<html><head><title>{TITLE}</title></head><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(page, encoding="utf-8")
    started = time.perf_counter()
    (doc,) = _items(path)
    assert time.perf_counter() - started < 30
    assert isinstance(doc, Document)
    assert [doc.text[s:e] for s, e in doc.paragraphs] == PARAGRAPHS


# --- size limits ------------------------------------------------------------------------------
def test_200mb_sparse_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * MB)
    tracemalloc.start()
    try:
        error = _error(path, TooLarge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "200,000,000 bytes" in str(error) and "max_document_bytes" in str(error)
    assert peak < 5 * MB


def test_sparse_warc_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "huge.warc"
    with path.open("wb") as handle:
        handle.truncate(200 * MB)
    tracemalloc.start()
    try:
        error = _error(path, MalformedInput)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "WARC" in str(error)
    assert peak < 20 * MB


def test_setting_lowers_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    assert "1,000" in str(_error(path, TooLarge, max_document_bytes=1000))


def test_jsonl_long_line_refused_rest_read(tmp_path: Path) -> None:
    records: list[object] = [
        {"text": "\n".join(story(i)[1]), "title": story(i)[0]} for i in range(3)
    ]
    records.insert(1, {"text": "word " * 5000, "title": "too long"})
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl_lines(records))
    items = _items(path, max_document_bytes=10_000)
    assert [type(i).__name__ for i in items] == ["Document", "TooLarge", "Document", "Document"]
    assert "big.jsonl#line2" in str(items[1])


def test_containers_larger_than_the_limit_are_streamed(tmp_path: Path) -> None:
    records: list[object] = [
        {"text": "\n".join(story(i)[1]), "title": story(i)[0]} for i in range(120)
    ]
    jsonl = tmp_path / "many.jsonl"
    jsonl.write_bytes(jsonl_lines(records))
    pages = [(f"https://a.example/{i}", html_page(title=story(i)[0])) for i in range(15)]
    warc = tmp_path / "many.warc.gz"
    warc.write_bytes(warc_bytes(pages, gz=True)[0])
    limit = 5_000
    assert jsonl.stat().st_size > 4 * limit and warc.stat().st_size > 2 * limit
    items = _items(jsonl, max_document_bytes=limit)
    assert len(items) == 120 and all(isinstance(i, Document) for i in items)
    items = _items(warc, max_document_bytes=limit)
    assert len(items) == 15 and all(isinstance(i, Document) for i in items)


def test_huge_warc_record_is_streamed_past(tmp_path: Path) -> None:
    """A 300 MB (sparse) video record between two pages: skipped without loading it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "big.warc"
    size = 300 * MB
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for index, url in enumerate(["https://a.example/first", None, "https://a.example/last"]):
            if url is None:
                handle.write(
                    "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://a.example/v\r\n"
                    "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
                    "WARC-Date: 2021-01-01T00:00:00Z\r\nContent-Type: video/mp4\r\n"
                    f"Content-Length: {size}\r\n\r\n".encode()
                )
                handle.truncate(handle.tell() + size)
                handle.seek(0, 2)
                handle.write(b"\r\n\r\n")
                continue
            page = html_page(title=story(index)[0]).encode()
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), http_headers=headers
            )
            writer.write_record(record)
    assert path.stat().st_size > size
    tracemalloc.start()
    try:
        items = _items(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [getattr(i, "title", None) for i in items] == [story(0)[0], story(2)[0]]
    assert peak < 20 * MB


# --- decompression bombs ------------------------------------------------------------------------
def _zeros_gz(path: Path, size: int) -> Path:
    with gzip.open(path, "wb", compresslevel=1) as handle:
        chunk = b"\0" * MB
        for _ in range(size // MB):
            handle.write(chunk)
    return path


def test_gzip_bomb_refused(tmp_path: Path) -> None:
    path = _zeros_gz(tmp_path / "bomb.txt.gz", 120 * MB)
    assert path.stat().st_size < 2 * MB
    tracemalloc.start()
    try:
        error = _error(path, TooLarge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "decompression bomb" in str(error)
    assert peak < 40 * MB


def test_gzip_over_decompression_setting(tmp_path: Path) -> None:
    text = "\n\n".join([TITLE, *PARAGRAPHS] * 400).encode("utf-8")  # compresses < 100x
    path = tmp_path / "long.txt.gz"
    path.write_bytes(gzip.compress(text))
    error = _error(path, TooLarge, max_decompressed_bytes=len(text) // 2)
    assert "max_decompressed_bytes" in str(error)
    (doc,) = _items(path, max_decompressed_bytes=len(text))
    assert isinstance(doc, Document) and doc.title == TITLE


def test_jsonl_gz_bomb_refused(tmp_path: Path) -> None:
    path = _zeros_gz(tmp_path / "bomb.jsonl.gz", 20 * MB)
    items = []
    with pytest.raises(TooLarge) as caught:
        for item in read_file(str(path), settings={"max_decompressed_bytes": 5 * MB}):
            items.append(item)
    assert "decompression bomb" in str(caught.value)


def test_warc_record_bomb_refused_and_next_record_read(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, payload in [
        ("https://a.example/ok-1", html_page(title=story(0)[0], paragraphs=story(0)[1]).encode()),
        ("https://a.example/bomb", b"<html><body><p>" + b" " * (8 * MB) + b"</p></body></html>"),
        ("https://a.example/ok-2", html_page(title=story(1)[0], paragraphs=story(1)[1]).encode()),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
        )
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(buffer.getvalue())
    items = _items(path, max_decompressed_bytes=1 * MB)
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "TooLarge", "Document"]
    assert "decompression bomb" in str(items[1]) and str(path) in str(items[1])


# --- broken containers --------------------------------------------------------------------------
@pytest.mark.parametrize("gz", [True, False])
def test_broken_warc_record(tmp_path: Path, gz: bool) -> None:
    pages = [
        (f"https://lantern.example/{i}", html_page(title=story(i)[0], paragraphs=story(i)[1]))
        for i in range(3)
    ]
    data, offsets = warc_bytes(pages, gz=gz)
    broken = bytearray(data)
    if gz:
        for k in range(offsets[1] + 12, offsets[1] + 60):
            broken[k] ^= 0x55
    else:
        broken[offsets[1] : offsets[1] + 8] = b"WARX/1.0"
    path = tmp_path / ("broken.warc.gz" if gz else "broken.warc")
    path.write_bytes(bytes(broken))
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Document", "MalformedInput", "Document"]
    assert [i.title for i in items if isinstance(i, Document)] == [story(0)[0], story(2)[0]]
    assert str(path) in str(items[1]) and "broken WARC record" in str(items[1])


def test_truncated_warc(tmp_path: Path) -> None:
    pages = [(f"https://lantern.example/{i}", html_page(title=story(i)[0])) for i in range(2)]
    data, offsets = warc_bytes(pages, gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: offsets[1] + 200])
    items = _items(path)
    assert isinstance(items[0], Document) and items[0].title == story(0)[0]
    assert all(isinstance(i, InputError) for i in items[1:])


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive at all\n", encoding="utf-8")
    assert "not a readable WARC" in str(_error(path, MalformedInput))


@pytest.mark.parametrize(
    "content",
    [
        "<?xml version='1.0'?><rss><channel><item><title>Unclosed",
        "<rss version='2.0'><channel><title>x</title><<<>>>&&&",
        "<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'><entry></feed>",
    ],
)
def test_malformed_feed(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.rss"
    path.write_text(content, encoding="utf-8")
    error = _error(path, InputError)
    assert isinstance(error, MalformedInput | EmptyInput)
    assert "feed" in str(error)


def test_folder_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat):
        list(read_file(str(tmp_path)))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(read_file(str(tmp_path / "gone.txt")))
    assert "no such file" in str(caught.value)


def test_unknown_binary_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(os.urandom(2048) + b"\0" * 10)
    _error(path, BinaryInput)
