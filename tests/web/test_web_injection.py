"""Hostile requests: SQL/FTS injection through every query parameter, template injection,
path traversal through every path parameter. Nothing may error, leak or change the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.app import create_app

BASE = "http://127.0.0.1:8000"

INJECTIONS = [
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE documents; --",
    "1; DELETE FROM statements",
    "x' UNION SELECT name, sql FROM sqlite_master --",
    'drones" OR "1',
    "NEAR(drones veloria, 2)",
    "text:drones",
    "*",
    "^drones",
    "AND OR NOT",
    '"unbalanced',
    "(((",
    "drone*",
    "\\x00\x00nul",
    "%00%27",
    "<script>alert(1)</script>",
    "{{ 1234*5678 }}{% raw %}",
    "${1234*5678}",
    "../../../../etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "\u202e\u200b\ufeff",
    "é" * 300,
    "-1",
    "9" * 40,
]

TRAVERSALS = [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/vendor/../../app.py",
    "/static/vendor/..%2f..%2fapp.py",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/..\\..\\app.py",
    "/static/app.js%00.txt",
    "/static/templates/base.html.j2",
    "/static/../templates/base.html.j2",
    "/doc/..%2f..%2f..%2fetc%2fpasswd",
    "/doc/../../etc/passwd",
    "/doc/%2e%2e",
    "/actor/..%2f..%2fetc%2fpasswd",
    "/actor/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/../../etc/passwd",
    "/assets/report.css/../../../etc/passwd",
    "/etc/passwd",
    "/../../etc/passwd",
]


@pytest.fixture()
def client(store_db: str, fake_link: dict[str, Any]) -> Iterator[TestClient]:
    app = create_app(store_db, claim_map=fake_link["claim_map"], discover=fake_link["discover"])
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c


ENDPOINTS = [
    ("/search", "q", {}),
    ("/search", "limit", {"q": "drones"}),
    ("/claim", "text", {}),
    ("/claim.json", "text", {}),
    ("/export", "text", {"format": "csv"}),
    ("/export", "format", {"text": "drones"}),
    ("/actor/ada-okafor", "claim", {}),
    ("/doc/{doc}", "claim", {}),
    ("/", "q", {}),
]


@pytest.mark.parametrize(("path", "param", "extra"), ENDPOINTS)
def test_injection_through_query_parameters(
    client: TestClient, path: str, param: str, extra: dict[str, str], cmap: Any
) -> None:
    doc_id = cmap.statements[0].document.id
    url = path.replace("{doc}", doc_id)
    for value in INJECTIONS:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, params={**extra, param: value}, headers=headers)
            assert response.status_code in (200, 404, 422), (
                url,
                param,
                value,
                response.status_code,
            )
            body = response.text
            assert "<script>alert(1)</script>" not in body
            assert "Traceback" not in body and "sqlite3" not in body.lower()
            assert "7006652" not in body, "template injection evaluated"
    store = client.app.state.data.store()  # type: ignore[attr-defined]
    assert store.count() == 3
    assert len(list(store.statements())) == 8
    assert store.integrity_check() == "ok"


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_path_parameters(client: TestClient, value: str) -> None:
    from urllib.parse import quote

    for prefix in ("/doc/", "/actor/", "/static/"):
        response = client.get(prefix + quote(value, safe=""))
        assert response.status_code in (404, 422), (prefix, value, response.status_code)
        assert "root:" not in response.text


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_returns_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, (path, response.status_code)
    assert "root:" not in response.text and "{%" not in response.text
    assert "import" not in response.text


def test_static_serves_only_listed_assets(client: TestClient) -> None:
    from claimgraph.web.app import static_files

    names = set(static_files())
    assert {
        "app.js",
        "app.css",
        "VERSIONS.json",
        "vendor/htmx.min.js",
        "vendor/vega.min.js",
        "vendor/vega-lite.min.js",
        "vendor/vega-embed.min.js",
    } <= names
    assert all(".." not in n and not n.startswith("/") for n in names)
    for name in names:
        assert client.get("/static/" + name).status_code == 200
