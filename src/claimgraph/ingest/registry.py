"""Readers register by file type, the way plug-ins do.

A reader has a name, the file name endings it claims, a ``sniff`` test on the first bytes of a
file (for names that say nothing), and a ``read`` function yielding ``Document`` or
``InputError`` items. The built-in readers are registered the same way a third-party one is
(entry point group ``claimgraph.readers``, each entry a ``Reader``).
"""

from __future__ import annotations

import functools

from claimgraph.ingest.reader import ParseFunction, Reader, ReadFunction, ReadResult

__all__ = [
    "ParseFunction",
    "ReadFunction",
    "ReadResult",
    "Reader",
    "known_extensions",
    "reader_for",
    "reader_named",
    "readers",
    "register_reader",
    "unregister_reader",
]

_REGISTRY: dict[str, Reader] = {}


def register_reader(reader: Reader) -> Reader:
    """Add (or replace) a reader; returns it so it can be used as a module-level constant."""
    _REGISTRY[reader.name] = reader
    return reader


def unregister_reader(name: str) -> Reader | None:
    """Remove a reader by name (returns it, or None when there was none)."""
    return _REGISTRY.pop(name, None)


@functools.cache
def _load_builtins() -> None:
    from claimgraph.ingest.readers import feed, html, jsonl, text, warc

    for module in (warc, feed, html, jsonl, text):
        register_reader(module.READER)
    try:
        from importlib.metadata import entry_points

        for entry in entry_points(group="claimgraph.readers"):
            loaded = entry.load()
            if isinstance(loaded, Reader):
                register_reader(loaded)
    except Exception:  # noqa: BLE001 - a broken third-party plug-in must not stop ingestion
        pass


def readers() -> list[Reader]:
    """Every registered reader, in sniffing order."""
    _load_builtins()
    return sorted(_REGISTRY.values(), key=lambda r: (r.priority, r.name))


def reader_named(name: str) -> Reader | None:
    _load_builtins()
    return _REGISTRY.get(name)


def known_extensions() -> set[str]:
    """Every file ending some reader claims (with ".gz" variants)."""
    endings = {ext for reader in readers() for ext in reader.extensions}
    return endings | {ext + ".gz" for ext in endings if not ext.endswith(".gz")}


def reader_for(name: str, head: bytes) -> Reader | None:
    """The reader for a file called ``name`` whose first bytes are ``head``.

    The longest matching ending wins; when none matches, the first reader whose sniff test
    accepts ``head`` is used.
    """
    lowered = name.lower()
    best: tuple[int, Reader] | None = None
    for reader in readers():
        for ext in reader.extensions:
            if lowered.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), reader)
    if best is not None:
        return best[1]
    for reader in readers():
        try:
            if reader.sniff(head):
                return reader
        except Exception:  # noqa: BLE001, S112 - a sniff test that fails simply does not match
            continue
    return None
