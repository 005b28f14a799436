"""Plain text: the file's text verbatim as decoded; the first non-boilerplate line is the title."""

from __future__ import annotations

from typing import Any

from claimgraph.ingest.build import build_document
from claimgraph.ingest.decode import decode, read_limited, sniff_binary
from claimgraph.ingest.reader import Reader, ReadResult


def parse(data: bytes, path: str, settings: dict[str, Any]) -> ReadResult:
    """One document from the bytes of a text file."""
    yield build_document(decode(data, path=path), source_format="text", path=path)


def read(path: str, settings: dict[str, Any]) -> ReadResult:
    """One document from a text file (gzip-compressed or not)."""
    yield from parse(read_limited(path, settings), path, settings)


READER = Reader(
    name="text",
    extensions=(".txt", ".text"),
    sniff=lambda head: sniff_binary(head) is None,
    read=read,
    parse=parse,
    priority=90,
)
