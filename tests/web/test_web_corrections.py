"""The web app's correction routes: read-only refuses, --writable records (same origin only),
bad input answers 422 and stores nothing. Invented articles."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi.testclient import TestClient

from claimgraph.model import Actor, DocAnalysis, Document, Span, Statement
from claimgraph.store import open_store
from claimgraph.web.app import create_app

BASE = "http://127.0.0.1:8000"
SAME = {"Origin": BASE}


def _store(tmp_path: Path) -> str:
    path = str(tmp_path / "w.db")
    store = open_store(path)
    for text, actor in (
        ("Ivo Brandt said the bay was closed.", "ivo-brandt"),
        ("Tor Aas said the ferry was late.", "tor-aas"),
    ):
        doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), text=text)
        start = text.index("the ")
        st = Statement(
            id=f"{doc.id[:8]}-0",
            doc_id=doc.id,
            kind="indirect",
            content=Span.of(text, start, len(text) - 1),
            speaker=actor,
            actor_id=actor,
        )
        store.put(
            doc,
            DocAnalysis(
                doc_id=doc.id,
                statements=(st,),
                actors=(Actor(actor, actor.replace("-", " ").title(), "person"),),
            ),
        )
    store.close()
    return path


MERGE = {"kind": "actor_merge", "target": "ivo-brandt", "payload": {"merged": "tor-aas"}}


def test_read_only_app_refuses_corrections(tmp_path: Path) -> None:
    with TestClient(create_app(_store(tmp_path)), base_url=BASE) as client:
        assert client.post("/corrections", json=MERGE, headers=SAME).status_code == 403
        assert client.get("/corrections").json() == []


def test_writable_app_records_a_merge_and_refuses_bad_ones(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with TestClient(create_app(db, writable=True), base_url=BASE) as client:
        cross = client.post("/corrections", json=MERGE, headers={"Origin": "http://evil.example"})
        assert cross.status_code == 403
        bad = client.post(
            "/corrections",
            json={**MERGE, "payload": {"merged": "nobody"}},
            headers=SAME,
        )
        assert bad.status_code == 422 and "unknown actor id" in bad.text
        label = client.post(
            "/corrections",
            json={"kind": "stance_set", "target": "x", "payload": {"label": "maybe", "claim": "c"}},
            headers=SAME,
        )
        assert label.status_code == 422 and "unknown stance label" in label.text
        assert client.get("/corrections").json() == []
        made = client.post("/corrections", json={**MERGE, "note": "same"}, headers=SAME)
        assert made.status_code == 201, made.text
        assert made.json()["note"] == "same"
        assert [c["kind"] for c in client.get("/corrections").json()] == ["actor_merge"]
        broken = client.post("/corrections/import", json=[{"kind": "x"}], headers=SAME)
        assert broken.status_code == 422
    store = open_store(db, readonly=True)
    try:
        assert {a.id for a, _ in store.actors()} == {"ivo-brandt"}
    finally:
        store.close()
