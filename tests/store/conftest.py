"""Store fixtures: every store test runs against SQLite and, marked ``postgres``, PostgreSQL.

The PostgreSQL server is the one ``scripts/pg-start`` starts; its URL comes from
``CLAIMGRAPH_TEST_PG_URL``. When it is not set, the postgres tests fail (they are never
skipped silently): run ``scripts/pg-start DIR`` and export the URL it prints.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def pg_url() -> str:
    url = os.environ.get("CLAIMGRAPH_TEST_PG_URL")
    if not url:
        pytest.fail(
            "postgres tests need CLAIMGRAPH_TEST_PG_URL: start a server with scripts/pg-start DIR "
            "and export the URL it prints (scripts/run-tests does this)",
            pytrace=False,
        )
    return url


@pytest.fixture()
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server, dropped afterwards."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    admin = pg_url()
    name = f"cg_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    try:
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store of each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture()
def store(store_url: str) -> Iterator[object]:
    from claimgraph.store import open_store

    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()
