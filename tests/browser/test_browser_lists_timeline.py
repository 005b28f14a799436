"""The document and actor lists and the timeline in a real browser: the timeline's marks
stay inside their side's band in the report (SVG from vl-convert) and in the app (the same
Vega-Lite spec through vega-embed), also on a crowded day. Screenshots go to
artifacts/screenshots/."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import report_builders as rb
import test_browser
from test_browser import SCREENSHOTS, Page, _free_port

from claimgraph.model import Claim, ClaimMap
from claimgraph.report.html import render_report
from claimgraph.report.view import SIDE_COLOURS, SIDE_LABELS

pytestmark = pytest.mark.browser

# the browser, page and live app fixtures of test_browser
browser = test_browser.browser
page = test_browser.page
live_app = test_browser.live_app

CROWD = 12


def crowded_cmap() -> ClaimMap:
    """An invented article where twelve council members back the claim on the same day,
    two officials deny it and one paper reports it: a crowded day on the timeline."""
    lines = [f"Council member {i} said the ferry runs at night number {i}." for i in range(CROWD)]
    lines += [
        "The port chief denied the ferry runs at night at all.",
        "The harbour master rejected the ferry runs at night as a rumour.",
        "The Tollbridge Gazette reported the ferry runs at night since May.",
    ]
    text = "\n\n".join(lines) + "\n"
    doc = rb.make_doc(
        text, title="Night ferry dispute", outlet="Harbour Post", published="2025-06-09"
    )
    judged = [
        rb.judged(
            rb.statement(
                doc,
                f"the ferry runs at night number {i}",
                speaker=f"Council member {i}",
                actor_id=f"council-{i}",
                cue="said",
            ),
            doc,
            "supports",
        )
        for i in range(CROWD)
    ]
    judged.append(
        rb.judged(
            rb.statement(
                doc,
                "the ferry runs at night at all",
                speaker="Port chief",
                actor_id="port-chief",
                date="2025-06-03",
            ),
            doc,
            "refutes",
        )
    )
    judged.append(
        rb.judged(
            rb.statement(
                doc,
                "the ferry runs at night as a rumour",
                speaker="Harbour master",
                actor_id="harbour-master",
                date="2025-06-03",
            ),
            doc,
            "refutes",
            hedged=True,
        )
    )
    judged.append(
        rb.judged(
            rb.statement(
                doc,
                "the ferry runs at night since May",
                speaker="Tollbridge Gazette",
                actor_id="gazette",
                date="2025-06-20",
            ),
            doc,
            "neutral",
        )
    )
    return ClaimMap(
        claim=Claim("The night ferry runs", id="ferry"),
        statements=tuple(judged),
        actors=(),
        documents=(),
    )


GEOMETRY = """(sel) => {
  const svg = document.querySelector(sel);
  const box = (e) => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const texts = [...svg.querySelectorAll('.role-axis-label text')]
    .filter((t) => getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0');
  return {
    labels: texts.map((t) => ({text: t.textContent, ...box(t)})),
    marks: [...svg.querySelectorAll('path[aria-roledescription=point]')]
      .map((p) => ({stroke: p.getAttribute('stroke'), ...box(p)})),
  };
}"""


def check_bands(geometry: dict[str, Any], expected: int) -> None:
    """Each mark lies within its side's band (half way to the neighbouring side label), right
    of the side labels and above the date labels."""
    side_of = {v: k for k, v in SIDE_LABELS.items()}
    lanes = {side_of[g["text"]]: g for g in geometry["labels"] if g["text"] in side_of}
    dates = [g for g in geometry["labels"] if g["text"] not in side_of]
    assert set(lanes) == set(SIDE_LABELS) and dates
    centres = {s: (g["top"] + g["bottom"]) / 2 for s, g in lanes.items()}
    half = min(abs(a - b) for a in centres.values() for b in centres.values() if a != b) / 2
    labels_right = max(g["right"] for g in lanes.values())
    dates_top = min(g["top"] for g in dates)
    colour_side = {v.lower(): k for k, v in SIDE_COLOURS.items()}
    marks = geometry["marks"]
    assert len(marks) == expected
    for m in marks:
        side = colour_side[m["stroke"].lower()]
        assert m["top"] >= centres[side] - half and m["bottom"] <= centres[side] + half, m
        assert m["left"] > labels_right, ("mark over the side labels", m)
        assert m["bottom"] < dates_top, ("mark over the date labels", m)


def chart_shot(page: Page, selector: str, name: str) -> Path:
    """A screenshot of one element (the chart alone, to look at closely)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.page.locator(selector).screenshot(path=str(path))
    assert path.stat().st_size > 5_000
    return path


@pytest.fixture()
def crowded_app(store_db: str) -> Iterator[str]:
    import uvicorn

    from claimgraph.web.app import create_app

    cmap = crowded_cmap()
    app = create_app(store_db, claim_map=lambda store, text: cmap, discover=lambda store: [])
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


def test_report_timeline_marks_stay_in_their_bands(page: Page, tmp_path: Path) -> None:
    for name, cmap, expected in (
        ("report-timeline", rb.sample_cmap(), 6),
        ("report-timeline-crowded", crowded_cmap(), CROWD + 3),
    ):
        path = tmp_path / f"{name}.html"
        path.write_text(render_report(cmap), "utf-8")
        page.page.goto(path.as_uri())
        check_bands(page.page.evaluate(GEOMETRY, "svg.timeline"), expected)
        page.shot(name)
        chart_shot(page, "#timeline", name + "-chart")
    assert page.errors == [], page.errors
    assert all(u.startswith("file://") for u in page.requests)


def test_app_timeline_marks_stay_in_their_bands(page: Page, crowded_app: str) -> None:
    p = page.page
    p.goto(crowded_app + "/claim?text=The+night+ferry+runs")
    p.wait_for_selector("#timeline-plot[data-rendered]", timeout=15_000)
    assert p.locator("#timeline-plot").get_attribute("data-error") is None
    assert p.locator("#timeline-plot").get_attribute("data-rendered") == str(CROWD + 3)
    check_bands(p.evaluate(GEOMETRY, "#timeline-plot svg"), CROWD + 3)
    page.shot("app-timeline-crowded")
    chart_shot(page, "#timeline-plot", "app-timeline-crowded-chart")
    # a mark leads to its statement card
    p.locator("#timeline-plot svg path[aria-roledescription=point]").first.click()
    anchor = p.evaluate("location.hash")
    assert anchor.startswith("#st-") and p.locator(anchor).count() == 1
    assert page.errors == [], page.errors
    assert all(u.startswith(crowded_app) for u in page.requests), "only our own origin"


def test_app_document_and_actor_lists(page: Page, live_app: str) -> None:
    p = page.page
    p.goto(live_app + "/")
    p.click("header nav a[href='/docs']")
    p.wait_for_selector("table.docs")
    assert p.locator("table.docs tr.doc-row").count() == 3
    assert page.pwned() is None
    assert p.locator("main b, main script, main img").count() == 0
    assert "Evil Outlet" in p.locator("table.docs").inner_text()
    page.shot("app-docs")
    p.locator("tr.doc-row a", has_text="Veloria rejects drone claims").click()
    p.wait_for_selector(".doc-text")
    assert "/doc/" in p.url
    p.click("header nav a[href='/actors']")
    p.wait_for_selector("table.actors")
    rows = p.locator("table.actors tr.actor-row")
    assert rows.count() >= 4
    assert p.locator("main img").count() == 0 and page.pwned() is None
    page.shot("app-actors")
    rows.first.locator("a").click()
    p.wait_for_selector("h1.actor-name")
    assert p.locator("article.statement").count() >= 1
    assert page.errors == [], page.errors
