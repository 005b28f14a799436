"""The local web app: pages, security headers, hosts, read-only mode, escaping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import report_builders as rb
from fastapi.testclient import TestClient
from lxml import html as lhtml

from claimgraph.web.app import create_app

BASE = "http://127.0.0.1:8000"


@pytest.fixture()
def client(store_db: str, fake_link: dict[str, Any]) -> Iterator[TestClient]:
    app = create_app(store_db, claim_map=fake_link["claim_map"], discover=fake_link["discover"])
    with TestClient(app, base_url=BASE) as c:
        yield c


def dom(text: str) -> lhtml.HtmlElement:
    return lhtml.document_fromstring(text)


def test_home_and_discovered(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "3 articles" in dom(page.text).text_content()
    part = client.get("/discovered", headers={"HX-Request": "true"})
    root = lhtml.fragment_fromstring(part.text, create_parent="div")
    links = root.cssselect("a.claim-text")
    assert [a.text_content() for a in links] == ["<b>Veloria</b> supplies drones", "Ports closed"]
    assert not root.cssselect("b")


def test_search_finds_documents_and_statements(client: TestClient) -> None:
    root = dom(client.get("/search", params={"q": "drones"}).text)
    hits = root.cssselect("li.search-hit")
    titles = [h.cssselect("a")[0].text_content() for h in root.cssselect("ol.hits li.search-hit")]
    assert set(titles) == {
        "Veloria accused of arming Marsh Front rebels",
        "Veloria rejects drone claims",
    }
    assert root.cssselect(".snippet mark")
    assert len(hits) > 2, "statements mentioning drones are listed too"


def test_claim_page_full_and_htmx_partial(client: TestClient, fake_link: dict[str, Any]) -> None:
    full = client.get("/claim", params={"text": rb.CLAIM})
    root = dom(full.text)
    assert root.cssselect("form.claim-form input")[0].get("value") == rb.CLAIM
    assert len(root.cssselect("table.matrix tbody tr")) == 4
    assert root.cssselect("#timeline-plot")[0].get("data-expected") == "6"
    assert root.cssselect("#graph-cy")[0].get("data-expected") == "7"
    part = client.get("/claim", params={"text": rb.CLAIM}, headers={"HX-Request": "true"})
    assert part.status_code == 200 and "<html" not in part.text
    frag = lhtml.fragment_fromstring(part.text, create_parent="div")
    assert len(frag.cssselect("article.statement")) == 6
    assert fake_link["asked"] == [rb.CLAIM], "the claim map is cached per claim"
    # each statement links to its place in the article page, which exists
    href = frag.cssselect("article.statement blockquote a.content")[0].get("href")
    path, anchor = href.split("#")
    article = dom(client.get(path).text)
    assert article.get_element_by_id(anchor) is not None


def test_claim_json_and_exports(client: TestClient) -> None:
    data = client.get("/claim.json", params={"text": rb.CLAIM}).json()
    assert data["claim"] == rb.CLAIM
    assert len(data["statements"]) == 6
    csv_text = client.get("/export", params={"text": rb.CLAIM, "format": "csv"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert len(csv_text.text.strip().splitlines()) == 7
    assert client.get("/export", params={"text": rb.CLAIM, "format": "pdf"}).status_code == 422


def test_actor_page_with_and_without_claim(client: TestClient) -> None:
    root = dom(client.get("/actor/ada-okafor").text)
    assert root.cssselect("h1")[0].text_content() == "Ada Okafor"
    assert len(root.cssselect("article.statement")) == 2
    judged = dom(client.get("/actor/ada-okafor", params={"claim": rb.CLAIM}).text)
    assert [a.get("data-side") for a in judged.cssselect("article.statement")] == [
        "supports",
        "supports",
    ]
    assert client.get("/actor/nobody").status_code == 404


def test_document_page_highlights_attributions(client: TestClient, cmap: Any) -> None:
    doc = cmap.statements[0].document
    root = dom(client.get(f"/doc/{doc.id}").text)
    assert root.cssselect("h1")[0].text_content() == doc.title
    assert len(root.cssselect(".doc-text .content")) == 3
    assert "Subscribe to our newsletter" not in root.cssselect(".doc-text")[0].text_content()
    by_prefix = client.get(f"/doc/{doc.id[:12]}")
    assert by_prefix.status_code == 200
    assert client.get("/doc/" + "0" * 64).status_code == 404


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/search?q=x", "/static/app.js", "/nope"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert script_src.split() == ["script-src", "'self'"], script_src
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    js = client.get("/static/vendor/cytoscape.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")


def test_pages_have_no_inline_script(client: TestClient) -> None:
    root = dom(client.get("/claim", params={"text": rb.CLAIM}).text)
    for script in root.xpath("//script"):
        assert script.get("src", "").startswith("/static/") and not (script.text or "").strip()
    assert not root.xpath("//@*[starts-with(name(), 'on')]")
    data = json.loads(root.cssselect(".viz-data")[0].get("data-json"))
    assert len(data["points"]) == 6 and len(data["nodes"]) == 7


def test_unknown_hosts_are_refused(store_db: str, fake_link: dict[str, Any]) -> None:
    app = create_app(store_db, claim_map=fake_link["claim_map"])
    with TestClient(app, base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400
    with TestClient(app, base_url="http://localhost:8000") as c:
        assert c.get("/").status_code == 200
    wide = create_app(store_db, claim_map=fake_link["claim_map"], allowed_hosts=("*",))
    with TestClient(wide, base_url="http://192.168.1.5:8000") as c:
        assert c.get("/").status_code == 200


def test_read_only_by_default(client: TestClient, store_db: str) -> None:
    response = client.post("/add", data={"text": "Someone said something."})
    assert response.status_code == 403
    assert "read-only" in response.text
    store = client.app.state.data.store()  # type: ignore[attr-defined]
    assert store.count() == 3
    with pytest.raises(Exception, match="read-only|readonly"):
        store.put(rb.make_doc("A new article."), None)


def test_writable_refuses_cross_site_posts(store_db: str, fake_link: dict[str, Any]) -> None:
    app = create_app(store_db, writable=True, claim_map=fake_link["claim_map"])
    with TestClient(app, base_url=BASE) as c:
        evil = c.post("/add", data={"text": "x said y."}, headers={"Origin": "http://evil.example"})
        assert evil.status_code == 403
        site = c.post("/add", data={"text": "x said y."}, headers={"Sec-Fetch-Site": "cross-site"})
        assert site.status_code == 403


@pytest.mark.model
def test_writable_adds_an_article(store_db: str, fake_link: dict[str, Any]) -> None:
    app = create_app(store_db, writable=True, claim_map=fake_link["claim_map"])
    text = "Harbor officials said on Friday that the port of Ellis will reopen next week."
    with TestClient(app, base_url=BASE) as c:
        response = c.post(
            "/add", data={"text": text}, headers={"Origin": BASE}, follow_redirects=False
        )
        assert response.status_code == 303, response.text
        page = c.get(response.headers["location"])
        assert page.status_code == 200 and "port of Ellis" in page.text
        assert c.app.state.data.store().count() == 4  # type: ignore[attr-defined]


@pytest.mark.model
def test_web_add_goes_through_the_add_pipeline(store_db: str, fake_link: dict[str, Any]) -> None:
    """A pasted article takes the same path as ``claimgraph add``: an almost identical second
    article is linked to the first as a near-duplicate (the pipeline's check, not the route's)."""
    app = create_app(store_db, writable=True, claim_map=fake_link["claim_map"])
    sentences = [
        f"Harbor official number {i} said on Friday that the ferry line {i} will run again."
        for i in range(12)
    ]
    first = "\n\n".join(sentences)
    second = first.replace("ferry line 7", "ferry route 7")
    with TestClient(app, base_url=BASE) as c:
        ids = []
        for text in (first, second):
            response = c.post(
                "/add", data={"text": text}, headers={"Origin": BASE}, follow_redirects=False
            )
            assert response.status_code == 303, response.text
            ids.append(response.headers["location"].removeprefix("/doc/"))
        store = c.app.state.data.store()  # type: ignore[attr-defined]
        assert ids[0] != ids[1]
        assert store.document(ids[1]).near_duplicate_of == ids[0]


def test_hostile_content_is_escaped_everywhere(client: TestClient, hostile: Any) -> None:
    doc = hostile.statements[0].document
    pages = [
        client.get(f"/doc/{doc.id}"),
        client.get("/actor/minister-x"),
        client.get("/claim", params={"text": "the border is closed"}),
        client.get("/search", params={"q": "minister"}),
    ]
    for response in pages:
        assert response.status_code == 200
        root = dom(response.text)
        assert not root.xpath("//img | //textarea | //b | //i | //svg//*[@onload]")
        assert not root.xpath("//@*[starts-with(name(), 'on')]")
        assert not [h for h in root.xpath("//@href") if "javascript" in h.lower()]
        for script in root.xpath("//script"):
            assert script.get("src", "").startswith("/static/") and not (script.text or "").strip()
        assert "\u202e" not in root.text_content()
    assert "<script>window.__pwned=5</script>" in dom(pages[0].text).text_content()


def test_app_serves_while_documents_are_added(store_db: str, fake_link: dict[str, Any]) -> None:
    """A writer adds documents (as ``add`` would, from another connection) while the
    read-only app answers requests: no request fails and the new articles and actors appear."""
    import threading

    from claimgraph.store import open_store

    app = create_app(store_db, claim_map=fake_link["claim_map"], refresh_seconds=0)
    added: list[str] = []

    def write() -> None:
        store = open_store(store_db)
        try:
            for i in range(20):
                text = f"Harbour bulletin {i}\n\nPilot Rui Sander said berth {i} was cleared for tankers."
                doc = rb.make_doc(text, title=f"Harbour bulletin {i}", outlet="Port Wire")
                st = rb.statement(
                    doc,
                    f"berth {i} was cleared for tankers",
                    speaker="Rui Sander",
                    actor_id="rui-sander",
                    cue="said",
                )
                cmap = rb.ClaimMap(rb.Claim("x"), (rb.judged(st, doc, "supports"),), (), ())
                rb.populate(store, cmap)
                added.append(doc.id)
        finally:
            store.close()

    with TestClient(app, base_url=BASE) as c:
        writer = threading.Thread(target=write)
        writer.start()
        statuses = []
        while writer.is_alive() or len(statuses) < 30:
            for path in ("/", "/search?q=tankers", "/actor/ada-okafor", f"/claim?text={rb.CLAIM}"):
                statuses.append(c.get(path).status_code)
        writer.join()
        assert set(statuses) == {200}
        assert len(added) == 20
        hits = dom(c.get("/search", params={"q": "tankers"}).text).cssselect("ol.hits li")
        assert len(hits) == 20
        assert c.get("/actor/rui-sander").status_code == 200
        assert "23 articles" in dom(c.get("/").text).text_content()
