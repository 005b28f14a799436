"""The report and the app on the seed articles, through the real pipeline (add → link →
render), checked and photographed in chromium. Needs ../shared and the models."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import SCREENSHOTS, Page, _free_port, browser  # noqa: F401

from claimgraph.report.view import build_view

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.shared]

CLAIM = "Russia is supplying weapons to the Taliban"


@pytest.fixture(scope="module")
def seeds_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import claimgraph

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with claimgraph.open(db) as cg:
        report = cg.add([str(seeds_dir)])
        assert not report.failures and len(report.stored) == 5, report
    yield db


@pytest.fixture(scope="module")
def seeds_map(seeds_store: str) -> Any:
    from claimgraph.link import claim_map
    from claimgraph.store import open_store

    store = open_store(seeds_store, readonly=True)
    try:
        return claim_map(store, CLAIM)
    finally:
        store.close()


def test_seeds_report(browser: Any, seeds_store: str, seeds_map: Any, tmp_path: Path) -> None:  # noqa: F811
    from claimgraph.report.html import render_report
    from claimgraph.store import open_store

    view = build_view(seeds_map)
    assert view.side_counts["supports"] >= 1 and view.side_counts["refutes"] >= 1, view.side_counts
    store = open_store(seeds_store, readonly=True)
    try:
        html = render_report(seeds_map, store=store)
    finally:
        store.close()
    path = tmp_path / "seeds-report.html"
    path.write_text(html, "utf-8")
    page = Page(browser, width=1100)
    try:
        p = page.page
        p.goto(path.as_uri())
        assert p.locator("h1").inner_text() == CLAIM
        assert p.locator("table.matrix tbody tr").count() == len(view.rows)
        assert p.locator("svg.timeline a path[aria-roledescription=point]").count() == len(
            view.points
        )
        assert p.locator("svg.provenance g.node").count() == len(view.graph.nodes)
        assert p.locator("article.statement").count() == len(view.statements)
        assert p.locator("section#articles article.doc").count() == len(view.documents)
        assert page.errors == [], page.errors
        page.shot("report-seeds")
    finally:
        page.close()


def test_seeds_app(browser: Any, seeds_store: str, seeds_map: Any) -> None:  # noqa: F811
    import uvicorn

    from claimgraph.web.app import create_app

    @functools.cache
    def cached_map(store: Any, claim: str) -> Any:
        from claimgraph.link import claim_map

        return seeds_map if claim == CLAIM else claim_map(store, claim)

    app = create_app(seeds_store, claim_map=cached_map)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    view = build_view(seeds_map)
    page = Page(browser)
    try:
        p = page.page
        p.goto(f"http://127.0.0.1:{port}/claim")
        p.fill("#claim-input", CLAIM)
        p.press("#claim-input", "Enter")
        p.wait_for_selector("#graph-cy[data-rendered]", timeout=30_000)
        assert p.locator("#timeline-plot").get_attribute("data-rendered") == str(len(view.points))
        assert p.locator("#timeline-plot svg path[aria-roledescription=point]").count() == len(
            view.points
        )
        assert p.evaluate("window.claimgraphCy.edges().length") == len(view.graph.edges)
        assert p.locator("#graph-cy").get_attribute("data-rendered") == str(len(view.graph.nodes))
        assert p.locator("table.matrix tbody tr").count() == len(view.rows)
        assert page.errors == [], page.errors
        page.shot("app-seeds-claim")
        p.locator("table.matrix tbody th a").first.click()
        p.wait_for_selector("h1.actor-name")
        page.shot("app-seeds-actor")
    finally:
        page.close()
        server.should_exit = True
        thread.join(10)
