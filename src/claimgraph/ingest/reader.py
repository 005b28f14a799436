"""What a reader is: the ``Reader`` record and the types of its functions.

Readers import this module; ``claimgraph.ingest.registry`` imports the readers, so the
readers never import the registry that lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from claimgraph.errors import InputError
from claimgraph.model import Document

ReadResult = Iterator[Document | InputError]
ReadFunction = Callable[[str, dict[str, Any]], ReadResult]
ParseFunction = Callable[[bytes, str, dict[str, Any]], ReadResult]


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format."""

    name: str
    """Short name, also stored as ``Document.source_format``."""
    extensions: tuple[str, ...]
    """Lower-case file name endings it claims (".html", ".warc.gz")."""
    sniff: Callable[[bytes], bool]
    """True when the first bytes (decompressed, up to 4 KB) look like this format."""
    read: ReadFunction
    """``read(path, settings)``: documents and per-record errors; raises ``InputError`` for the file."""
    parse: ParseFunction | None = None
    """``parse(data, path, settings)`` for formats read from bytes (used for gzip-wrapped files)."""
    streamed: bool = False
    """True for containers read record by record (no whole-file size limit, per-record limits)."""
    priority: int = 50
    """Sniffing order: lower is tried first."""
