"""Ingestion: paths, folders, globs, WARC, feeds and JSONL into ``Document`` objects.

    from claimgraph.ingest import expand_paths, read_file
    files, errors = expand_paths(["articles/", "crawl/*.warc.gz"])
    for path in files:
        try:
            for item in read_file(path):
                ...  # a Document, or an InputError for one bad record of a container
        except InputError as e:
            ...  # the whole file failed (empty, binary, too large, malformed)

Readers are registered by file type (``claimgraph.ingest.registry``); cleaning marks
boilerplate as spans (``claimgraph.ingest.clean``); ids and near-duplicate keys are in
``claimgraph.ingest.identity``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import BinaryInput, EmptyInput, InputError, MalformedInput, UnsupportedFormat
from claimgraph.model import Document

__all__ = [
    "expand_paths",
    "read_file",
    "read_paths",
]

_GLOB_CHARS = set("*?[")


def _walk(folder: str) -> list[str]:
    from claimgraph.ingest.registry import known_extensions

    endings = tuple(known_extensions())
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            lowered = name.lower()
            if lowered.endswith(endings) or "." not in name:
                found.append(os.path.join(root, name))
    return found


def expand_paths(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Files named by ``paths`` (files, folders searched recursively, glob patterns).

    In folders, files with a known ending (or none) are taken; hidden files are skipped.
    Returns the files in order without repeats, and an error for each path that names nothing.
    """
    files: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        path = os.fspath(path)
        if os.path.isfile(path):
            files.append(path)
        elif os.path.isdir(path):
            found = _walk(path)
            if not found:
                errors.append(EmptyInput("folder has no readable files", path=path))
            files.extend(found)
        elif _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                errors.append(InputError("no files match this pattern", path=path))
            for match in matches:
                files.extend([match] if os.path.isfile(match) else _walk(match))
        else:
            errors.append(InputError("no such file or folder", path=path))
    return list(dict.fromkeys(files)), errors


def read_file(
    path: str, *, settings: dict[str, Any] | None = None
) -> Iterator[Document | InputError]:
    """The documents of one file; containers also yield an ``InputError`` per bad record.

    Raises ``InputError`` (a subclass naming the file and the reason) when the file as a
    whole cannot be read. Unexpected failures of a reader are turned into ``MalformedInput``
    so a batch always continues.
    """
    from claimgraph.ingest import decode
    from claimgraph.ingest.registry import reader_for

    settings = dict(settings or {})
    path = os.fspath(path)
    if os.path.isdir(path):
        raise UnsupportedFormat("is a folder, not a file", path=path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError as e:
        raise InputError("no such file", path=path) from e
    except OSError as e:
        raise MalformedInput(f"cannot read file ({e.strerror or e})", path=path) from e
    if not head:
        raise EmptyInput("file is empty", path=path)
    gz = head.startswith(decode.GZIP_MAGIC)
    name = path.lower()
    reader = reader_for(name, head)
    inner_name = name[:-3] if name.endswith(".gz") else name
    if gz and (reader is None or not reader.streamed):
        inner_head = _gunzip_head(head)
        reader = reader_for(inner_name, inner_head)
    if reader is None:
        kind = decode.sniff_binary(head)
        if kind:
            raise BinaryInput(f"not text: looks like {kind}", path=path)
        raise UnsupportedFormat("no reader for this kind of file", path=path)
    try:
        if gz and not reader.streamed:
            if reader.parse is None:
                raise UnsupportedFormat(
                    f"the {reader.name} reader cannot read gzip files", path=path
                )
            yield from reader.parse(decode.read_limited(path, settings), path, settings)
        else:
            if not reader.streamed:
                decode.check_size(path, settings)
            yield from reader.read(path, settings)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - a reader bug must not stop a batch
        raise MalformedInput(
            f"unexpected failure of the {reader.name} reader ({type(e).__name__}: {e})", path=path
        ) from e


def _gunzip_head(head: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
    except zlib.error:
        return b""


def read_paths(
    paths: list[str], *, settings: dict[str, Any] | None = None, min_docs: int | None = None
) -> tuple[list[Document], list[InputError]]:
    """Every document under ``paths`` with corpus-level boilerplate marked, and every error.

    Convenience for small batches (it holds the documents in memory); the store's pipeline
    streams instead.
    """
    from claimgraph.ingest.clean import corpus_boilerplate
    from claimgraph.ingest.decode import max_bytes

    files, errors = expand_paths(paths)
    docs: list[Document] = []
    for path in files:
        try:
            for item in read_file(path, settings=settings):
                if isinstance(item, InputError):
                    errors.append(item)
                else:
                    docs.append(item)
        except InputError as e:
            errors.append(e)
    if min_docs is None:
        min_docs = max_bytes(settings, "boilerplate_min_docs")
    return corpus_boilerplate(docs, min_docs=min_docs), errors
