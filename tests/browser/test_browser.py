"""The report and the app in a real browser (Debian chromium driven by Playwright).

Screenshots are saved under artifacts/screenshots/ (CI keeps them as artifacts).
Missing chromium fails these tests: they never skip.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import report_builders as rb
from report_fixtures import REPO

from claimgraph.model import ClaimMap
from claimgraph.report.html import render_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A page that records console errors and page errors (CSP violations show up there)."""

    def __init__(self, browser: Any, width: int = 1180) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        return path

    def pwned(self) -> Any:
        return self.page.evaluate("window.__pwned")

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Page]:
    p = Page(browser)
    yield p
    p.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def live_app(store_db: str, fake_link: dict[str, Any]) -> Iterator[str]:
    """The app served by uvicorn in a thread on 127.0.0.1 and a free port."""
    import uvicorn

    from claimgraph.web.app import create_app

    app = create_app(store_db, claim_map=fake_link["claim_map"], discover=fake_link["discover"])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _write(tmp_path: Path, cmap: ClaimMap, name: str) -> str:
    path = tmp_path / name
    path.write_text(render_report(cmap, discovered=[rb.Discovered("Ports closed", 1, 1)]), "utf-8")
    return path.as_uri()


def test_report_renders_matrix_timeline_graph(page: Page, tmp_path: Path) -> None:
    page.page.goto(_write(tmp_path, rb.sample_cmap(), "report.html"))
    p = page.page
    assert p.locator("h1").inner_text() == rb.CLAIM
    assert p.locator("table.matrix tbody tr").count() == 4
    assert p.locator("svg.timeline a path[aria-roledescription=point]").count() == 6
    assert p.locator("svg.provenance g.node").count() == 7
    # the charts are actually laid out (visible, non-zero size)
    box = p.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 150
    # following a statement's highlight lands on the article view
    p.locator("article.statement blockquote a.content").first.click()
    assert p.evaluate("location.hash").startswith("#a-")
    assert page.errors == [], page.errors
    assert all(u.startswith("file://") for u in page.requests), (
        "the report must not touch the network"
    )
    page.shot("report")


def test_report_hostile_content_does_not_execute(page: Page, tmp_path: Path) -> None:
    page.page.goto(_write(tmp_path, rb.hostile_cmap(), "hostile.html"))
    p = page.page
    p.wait_for_timeout(300)
    assert page.pwned() is None
    assert p.locator("script, img, textarea, iframe").count() == 0
    assert "<script>window.__pwned=10</script>" in p.locator("h1").inner_text()
    page.shot("report-hostile")


def test_app_type_a_claim_and_see_its_map(page: Page, live_app: str) -> None:
    p = page.page
    p.goto(live_app + "/claim")
    p.fill("#claim-input", rb.CLAIM)
    p.press("#claim-input", "Enter")
    p.wait_for_selector("#timeline-plot[data-rendered]", timeout=15_000)
    p.wait_for_selector("#graph-cy[data-rendered]", timeout=15_000)
    assert p.locator("#timeline-plot").get_attribute("data-rendered") == "6"
    assert p.locator("#timeline-plot").get_attribute("data-error") is None
    assert p.locator("#timeline-plot svg path[aria-roledescription=point]").count() == 6
    assert p.locator("#graph-cy").get_attribute("data-rendered") == "7"
    assert p.evaluate("window.claimgraphCy.edges().length") == 7
    assert p.locator("table.matrix tbody tr").count() == 4
    assert p.locator("article.statement").count() == 6
    assert "text=" in p.url, "the claim is in the address bar (htmx push)"
    assert page.errors == [], page.errors
    assert all(u.startswith(live_app) for u in page.requests), "only our own origin is contacted"
    page.shot("app-claim")


def test_app_home_search_actor_document(page: Page, live_app: str) -> None:
    p = page.page
    p.goto(live_app + "/")
    p.wait_for_selector("#discovered a.claim-text", timeout=10_000)
    assert p.locator("#discovered a.claim-text").count() == 2
    page.shot("app-home")
    p.fill("#search-input", "drones")
    p.press("#search-input", "Enter")
    p.wait_for_selector("ol.hits")
    assert p.locator("ol.hits li.search-hit").count() == 2
    page.shot("app-search")
    p.goto(live_app + "/actor/velorian-foreign-ministry?claim=" + rb.CLAIM.replace(" ", "+"))
    assert p.locator("article.statement[data-side=refutes]").count() == 2
    page.shot("app-actor")
    p.locator("article.statement footer a").first.click()
    p.wait_for_selector(".doc-text")
    assert p.locator(".doc-text .content").count() >= 2
    page.shot("app-document")
    assert page.errors == [], page.errors


def test_app_hostile_content_does_not_execute(page: Page, live_app: str) -> None:
    p = page.page
    doc = rb.hostile_cmap().statements[0].document
    for path in (
        f"/doc/{doc.id}",
        "/actor/minister-x",
        "/claim?text=the+border+is+closed",
        "/search?q=minister",
    ):
        p.goto(live_app + path)
        p.wait_for_timeout(400)
        assert page.pwned() is None, path
        assert p.locator("img, textarea, iframe, b, i").count() == 0, path
        assert p.locator("script:not([src])").count() == 0, path
    p.goto(live_app + "/claim")
    p.fill("#claim-input", "<img src=x onerror=window.__pwned=99> the border is closed")
    p.press("#claim-input", "Enter")
    p.wait_for_selector("#graph-cy[data-rendered]", timeout=15_000)
    assert page.pwned() is None
    assert p.locator("img").count() == 0
    page.shot("app-hostile")
    p.goto(live_app + f"/doc/{doc.id}")
    page.shot("app-hostile-document")
