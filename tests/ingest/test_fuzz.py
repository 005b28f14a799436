"""Property tests: any bytes into any reader give Documents or InputErrors, with valid spans.

Readers are called directly (not through ``read_file``'s safety net), so a reader bug fails
here. A longer run: ``CLAIMGRAPH_FUZZ_EXAMPLES=5000 pytest tests/ingest/test_fuzz.py -q``.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import ARTICLE_TEXT, html_page, warc_bytes

from claimgraph.errors import InputError
from claimgraph.ingest import read_file
from claimgraph.ingest.build import build_document
from claimgraph.ingest.identity import document_id
from claimgraph.ingest.registry import reader_named
from claimgraph.model import Document

EXAMPLES = int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SMALL_LIMITS = {"max_document_bytes": 50_000, "max_decompressed_bytes": 50_000}


def check_item(item: object) -> None:
    """A Document with every span inside its text, or an InputError with a message."""
    if isinstance(item, InputError):
        assert str(item) and "unexpected failure" not in str(item)
        return
    assert isinstance(item, Document), item
    size = len(item.text)
    spans = [*item.boilerplate, *item.captions, item.title_span, item.date_span]
    for span in spans:
        if span is not None:
            assert 0 <= span.start <= span.end <= size
            assert item.text[span.start : span.end] == span.text
    for start, end in item.paragraphs:
        assert 0 <= start < end <= size
    assert item.id == document_id(item.masked_text())
    assert len(item.masked_text()) == size


def run_reader(name: str, data: bytes, suffix: str) -> None:
    reader = reader_named(name)
    assert reader is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            for item in reader.read(str(path), dict(SMALL_LIMITS)):
                check_item(item)
        except InputError as e:
            check_item(e)
        try:  # and through the public entry point, whose safety net must not be needed
            for item in read_file(str(path), settings=dict(SMALL_LIMITS)):
                check_item(item)
        except InputError as e:
            check_item(e)


def _mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """Realistic input with bytes flipped, cut or spliced in."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = bytearray(seed)
        for _ in range(draw(st.integers(0, 6))):
            if not data:
                break
            position = draw(st.integers(0, len(data) - 1))
            action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
            if action == "flip":
                data[position] ^= draw(st.integers(1, 255))
            elif action == "cut":
                del data[position : position + draw(st.integers(1, 200))]
            elif action == "insert":
                data[position:position] = draw(st.binary(max_size=40))
            else:
                del data[position:]
        return bytes(data)

    return mutate()


_ANY = st.binary(max_size=3000)
_TEXTY = st.text(max_size=2000).map(lambda t: t.encode("utf-8"))


@FUZZ
@given(st.one_of(_ANY, _TEXTY, _mutations(ARTICLE_TEXT.encode("utf-8"))))
def test_text_reader(data: bytes) -> None:
    run_reader("text", data, ".txt")


@FUZZ
@given(
    st.one_of(
        _ANY,
        _TEXTY.map(lambda t: b"<html><body><p>" + t + b"</p>"),
        _mutations(html_page().encode("utf-8")),
    )
)
def test_html_reader(data: bytes) -> None:
    run_reader("html", data, ".html")


_WARC_SEED, _ = warc_bytes(
    [("https://a.example/1", html_page()), ("https://a.example/2", html_page())], gz=False
)
_WARC_GZ_SEED, _ = warc_bytes([("https://a.example/1", html_page())], gz=True)


@FUZZ
@given(
    st.one_of(
        _ANY.map(lambda b: b"WARC/1.0\r\n" + b), _mutations(_WARC_SEED), _mutations(_WARC_GZ_SEED)
    )
)
def test_warc_reader(data: bytes) -> None:
    run_reader("warc", data, ".warc")


_FEED_SEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title>'
    b"<link>https://a.example/x</link><description>&lt;p&gt;Some words of the entry text."
    b"&lt;/p&gt;</description></item></channel></rss>"
)


@FUZZ
@given(
    st.one_of(
        _ANY, _TEXTY.map(lambda t: b"<rss><channel><item><description>" + t), _mutations(_FEED_SEED)
    )
)
def test_feed_reader(data: bytes) -> None:
    run_reader("feed", data, ".rss")


_JSONL_SEED = (
    b'{"text": "Line one of it.\\n\\nLine two.", "title": "T", "date": "2021-03-04"}\n{"text": 5}\n'
)


@FUZZ
@given(st.one_of(_ANY, _mutations(_JSONL_SEED), _mutations(gzip.compress(_JSONL_SEED))))
def test_jsonl_reader(data: bytes) -> None:
    run_reader("jsonl", data, ".jsonl")


@FUZZ
@given(st.text(max_size=3000))
def test_cleaning_any_text(text: str) -> None:
    try:
        doc = build_document(text, source_format="text")
    except InputError as e:
        check_item(e)
        return
    check_item(doc)


@FUZZ
@given(st.lists(st.sampled_from(ARTICLE_TEXT.split("\n")), max_size=40).map("\n".join))
def test_cleaning_shuffled_lines(text: str) -> None:
    try:
        doc = build_document(text, source_format="text")
    except InputError as e:
        check_item(e)
        return
    check_item(doc)
    for start, end in doc.paragraphs:  # paragraphs never overlap boilerplate
        assert not any(b.start < end and start < b.end for b in doc.boilerplate)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".warc", ".rss", ".jsonl", ".gz", ""])
def test_public_entry_point_on_garbage(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError):
        for item in read_file(str(path)):
            check_item(item)
