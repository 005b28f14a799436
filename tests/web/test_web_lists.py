"""The document and actor lists (/docs, /actors): columns, links, escaping, pagination."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import report_builders as rb
from fastapi.testclient import TestClient
from lxml import html as lhtml

from claimgraph.model import Actor, DocAnalysis
from claimgraph.web.app import create_app
from claimgraph.web.render import LIST_PAGE_SIZE

BASE = "http://127.0.0.1:8000"


@pytest.fixture()
def client(store_db: str, fake_link: dict[str, Any]) -> Iterator[TestClient]:
    app = create_app(store_db, claim_map=fake_link["claim_map"], discover=fake_link["discover"])
    with TestClient(app, base_url=BASE) as c:
        yield c


def dom(text: str) -> lhtml.HtmlElement:
    return lhtml.document_fromstring(text)


def cells(row: lhtml.HtmlElement) -> list[str]:
    return [" ".join(td.text_content().split()) for td in row.cssselect("td")]


def test_docs_lists_every_document_with_its_metadata(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    root = dom(page.text)
    rows = root.cssselect("table.docs tbody tr.doc-row")
    assert len(rows) == 3
    by_title = {cells(r)[0]: cells(r) for r in rows}
    assert by_title["Veloria rejects drone claims"][1:] == ["The Courier", "2026-03-04", "en", "3"]
    assert by_title["Veloria accused of arming Marsh Front rebels"][1:] == [
        "Daily Lantern",
        "2026-03-03",
        "en",
        "3",
    ]
    # newest first
    dates = [cells(r)[2] for r in rows]
    assert dates == sorted(dates, reverse=True)
    # each title links to a document page that exists
    for row in rows:
        href = row.cssselect("td a")[0].get("href")
        assert href == "/doc/" + row.get("data-doc")
        assert client.get(href).status_code == 200
    assert "3 documents" in root.cssselect("#list-count")[0].text_content()


def test_docs_escapes_titles_and_outlets(client: TestClient) -> None:
    text = client.get("/docs").text
    root = dom(text)
    assert not root.xpath("//main//script | //main//b | //*[@onmouseover]")
    hostile = [r for r in root.cssselect("tr.doc-row") if "Evil Outlet" in r.text_content()]
    assert len(hostile) == 1
    assert "<script>window.__pwned=5</script>" in hostile[0].cssselect("td a")[0].text_content()
    assert "&lt;b onmouseover" in text


def test_actors_lists_actors_with_kind_count_and_link(client: TestClient) -> None:
    root = dom(client.get("/actors").text)
    rows = root.cssselect("table.actors tbody tr.actor-row")
    assert len(rows) >= 4
    counts = [int(cells(r)[2]) for r in rows]
    assert counts == sorted(counts, reverse=True), "most statements first"
    evil = root.xpath("//tr[@data-actor='minister-x']")[0]
    assert cells(evil)[1] == "person"
    assert cells(evil)[0].startswith('<img src=x onerror="window.__pwned=8">Minister')
    assert not root.xpath("//main//img")
    for row in rows:
        href = row.cssselect("td a")[0].get("href")
        assert href.startswith("/actor/")
        page = client.get(href)
        assert page.status_code == 200, href


def test_lists_are_linked_from_the_navigation(client: TestClient) -> None:
    for path in ("/", "/docs", "/actors", "/search"):
        nav = dom(client.get(path).text).cssselect("header nav a")
        hrefs = [a.get("href") for a in nav]
        assert "/docs" in hrefs and "/actors" in hrefs, path


GIVEN = ("Alden", "Brisa", "Corwin", "Dalia", "Ewan", "Fenna", "Garrick", "Hilde")
FAMILY = ("Marsh", "Quill", "Rookwood", "Stavely", "Thorne", "Vance", "Wrenfield", "Yarrow")


def test_lists_are_paginated(tmp_path: Path) -> None:
    from claimgraph.store import open_store

    path = str(tmp_path / "many.db")
    store = open_store(path)
    total = LIST_PAGE_SIZE + 7
    for i in range(total):
        name = f"{GIVEN[i % 8]} {FAMILY[i // 8]}"  # 64 distinct invented people
        doc = rb.make_doc(
            f"Invented article number {i}. {name} of Tollbridge said the ferry runs.\n",
            title=f"Ferry report {i:03d}",
            outlet="Harbour Post",
            published=f"2025-01-{1 + i % 28:02d}",
        )
        st = rb.statement(doc, "the ferry runs", speaker=name, actor_id=f"mayor-{i}")
        analysis = DocAnalysis(
            doc_id=doc.id, actors=(Actor(f"mayor-{i}", name, "person"),), statements=(st,)
        )
        store.put(doc, analysis)
    store.close()
    app = create_app(path)
    with TestClient(app, base_url=BASE) as client:
        for list_path, row_css in (("/docs", "tr.doc-row"), ("/actors", "tr.actor-row")):
            first = dom(client.get(list_path).text)
            assert len(first.cssselect(row_css)) == LIST_PAGE_SIZE
            nav = first.cssselect("nav.pager")[0]
            assert nav.get("data-pages") == "2"
            assert nav.cssselect("a[rel=next]")[0].get("href") == list_path + "?page=2"
            second = dom(client.get(list_path, params={"page": 2}).text)
            assert len(second.cssselect(row_css)) == 7
            assert second.cssselect("nav.pager a[rel=prev]")
            seen = {r.get("data-doc") or r.get("data-actor") for r in first.cssselect(row_css)}
            seen |= {r.get("data-doc") or r.get("data-actor") for r in second.cssselect(row_css)}
            assert len(seen) == total, "the two pages together list each row once"
            assert client.get(list_path, params={"page": 3}).status_code == 404
            assert client.get(list_path, params={"page": 0}).status_code == 422
            assert client.get(list_path, params={"page": "x"}).status_code == 422


def test_empty_store_lists_nothing(tmp_path: Path) -> None:
    from claimgraph.store import open_store

    path = str(tmp_path / "empty.db")
    open_store(path).close()
    with TestClient(create_app(path), base_url=BASE) as client:
        docs = dom(client.get("/docs").text)
        assert not docs.cssselect("tr.doc-row")
        assert "no document" in docs.text_content()
        actors = dom(client.get("/actors").text)
        assert not actors.cssselect("tr.actor-row")
