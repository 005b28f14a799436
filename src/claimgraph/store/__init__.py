"""Persistence: documents and analyses in SQLite (embedded default) or PostgreSQL.

from claimgraph.store import open_store
store = open_store("claimgraph.db")          # or "postgresql://user@127.0.0.1:5432/db"
"""

from __future__ import annotations

from claimgraph.store.base import FileRecord, SearchHit, Store

__all__ = ["FileRecord", "SearchHit", "Store", "open_store"]


def open_store(url: str, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at a file path or ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from claimgraph.store.postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    from claimgraph.store.sqlite import SQLiteStore

    return SQLiteStore(url, readonly=readonly)
