"""datasette/metadata.json matches the schema of a store made by open_store, and Datasette
serves the store with it (full-text search on documents and statements)."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

from report_fixtures import REPO

METADATA = REPO / "datasette" / "metadata.json"


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_metadata_references_existing_tables_and_columns(store_db: str) -> None:
    meta = json.loads(METADATA.read_text("utf-8"))
    database = meta["databases"]["claimgraph"]
    conn = sqlite3.connect(store_db)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for name, table in database["tables"].items():
            assert name in tables, f"metadata names a table the store does not have: {name}"
            columns = _columns(conn, name)
            assert set(table.get("columns", {})) <= columns, name
            assert set(table.get("facets", [])) <= columns, name
            if "label_column" in table:
                assert table["label_column"] in columns, name
            if "fts_table" in table:
                assert table["fts_table"] in tables
                assert table["fts_pk"] in columns
        for query in database["queries"].values():
            conn.execute(query["sql"], {"actor_id": "ada-okafor"}).fetchall()
        assert {"documents", "statements", "actors"} <= set(database["tables"])
    finally:
        conn.close()


def test_datasette_opens_the_store_with_search(store_db: str, tmp_path: Path) -> None:
    from datasette.app import Datasette

    db = tmp_path / "claimgraph.db"  # Datasette names the database after the file
    shutil.copy(store_db, db)
    meta = json.loads(METADATA.read_text("utf-8"))

    async def run() -> tuple[dict, dict, dict]:
        ds = Datasette([str(db)], metadata=meta)
        docs = (
            await ds.client.get("/claimgraph/documents.json?_search=drones&_shape=objects")
        ).json()
        sts = (
            await ds.client.get("/claimgraph/statements.json?_search=smugglers&_shape=objects")
        ).json()
        query = await ds.client.get(
            "/claimgraph/statements_by_actor.json?actor_id=velorian-foreign-ministry&_shape=objects"
        )
        return docs, sts, query.json()

    docs, statements, by_actor = asyncio.run(run())
    assert {r["title"] for r in docs["rows"]} == {
        "Veloria accused of arming Marsh Front rebels",
        "Veloria rejects drone claims",
    }
    assert [r["speaker"] for r in statements["rows"]] == ["Priya Raman"]
    assert len(by_actor["rows"]) == 2
