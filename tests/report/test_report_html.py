"""The self-contained HTML report: content, counts, CSP, and hostile text rendered as text."""

from __future__ import annotations

import base64
import hashlib
import re

import report_builders as rb
from lxml import html as lhtml

from claimgraph.model import ClaimMap
from claimgraph.report.html import render_report
from claimgraph.report.view import SIDE_COLOURS, build_view


def parse(page: str) -> lhtml.HtmlElement:
    return lhtml.document_fromstring(page)


def test_report_shows_claim_matrix_timeline_graph(cmap: ClaimMap) -> None:
    page = render_report(cmap, discovered=[rb.Discovered("Drones were seen", 2, 1)])
    root = parse(page)
    assert root.xpath("string(//h1)") == rb.CLAIM
    # summary cards: 3 supports, 2 refutes, 1 neutral
    cards = {c.get("data-side"): int(c.get("data-count")) for c in root.cssselect(".summary .card")}
    assert cards == {"supports": 3, "refutes": 2, "neutral": 1}
    # matrix: one row per actor, counts per side, hedged marked
    rows = {r.get("data-actor"): r for r in root.cssselect("table.matrix tbody tr")}
    assert set(rows) == {
        "ada-okafor",
        "velorian-foreign-ministry",
        "priya-raman",
        "speaker:senior commander",
    }
    okafor = {
        c.get("data-side"): int(c.get("data-count"))
        for c in rows["ada-okafor"].cssselect("td.cell")
    }
    assert okafor == {"supports": 2, "refutes": 0, "neutral": 0}
    raman = rows["priya-raman"].cssselect("td.cell[data-side=neutral] svg.bubble")[0]
    assert raman.get("data-hedged") == "1"
    # the first row is the actor with the most statements
    assert root.cssselect("table.matrix tbody tr")[0].get("data-actor") in (
        "ada-okafor",
        "velorian-foreign-ministry",
    )
    # timeline: every statement dated (own date or publication date)
    # (rendered from its Vega-Lite spec: each mark links to its statement card)
    timeline = root.cssselect("svg.timeline")[0]
    assert timeline.get("data-points") == "6"
    marks = timeline.cssselect("a > path[aria-roledescription=point]")
    assert len(marks) == 6
    refutes = [m for m in marks if m.get("stroke") == SIDE_COLOURS["refutes"]]
    assert len(refutes) == 2
    cards = {c.get("id") for c in root.cssselect("article.statement")}
    assert {m.getparent().get("xlink:href")[1:] for m in marks} <= cards
    # provenance: 4 speakers, 1 medium (Harbor Radio), 2 outlets; the echo edge is dashed
    graph = root.cssselect("svg.provenance")[0]
    assert len(graph.cssselect("g.node.actor")) == 4
    assert len(graph.cssselect("g.node.medium")) == 1
    assert len(graph.cssselect("g.node.outlet")) == 2
    assert graph.cssselect("path.edge.echo"), "the echoed Okafor quote should draw a dashed edge"
    # statements in context, each linking to its highlighted place in the article
    cards = root.cssselect("article.statement")
    assert len(cards) == 6
    for card in cards:
        target = card.cssselect("blockquote a.content")[0].get("href")
        assert root.get_element_by_id(target[1:]) is not None
    # discovered claims and the independence notes
    assert "Drones were seen" in root.xpath("string(//section[@id='discovered'])")
    assert "rests on one institution" in root.xpath("string(//section[@id='overview'])")


def test_report_is_self_contained_with_strict_csp(cmap: ClaimMap) -> None:
    page = render_report(cmap)
    root = parse(page)
    assert not root.xpath("//script"), "the report needs no script"
    assert not root.xpath("//link[@rel='stylesheet']") and not root.xpath("//img")
    assert not re.search(
        r"""(src|href)=["']?(https?:)?//""", page.replace('href="https://lantern.example', "")
    )
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "script-src" not in csp
    style = root.xpath("//style")[0].text
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp, "the CSP must allow exactly the inline stylesheet"
    assert not root.xpath("//*[@style]"), "style attributes would be blocked by the CSP"


def test_report_article_view_excludes_boilerplate_and_highlights(cmap: ClaimMap) -> None:
    root = parse(render_report(cmap))
    articles = root.cssselect("section#articles article.doc")
    assert len(articles) == 2
    first = articles[0].cssselect(".doc-text")[0].text_content()
    assert "Subscribe to our newsletter" not in first
    assert "We have recovered Velorian drones" in first
    own = [a.cssselect(".doc-stance .badge")[0].get("class") for a in articles]
    assert own == ["badge side-supports", "badge side-refutes"]
    marks = articles[0].cssselect(".doc-text .content")
    assert {m.get("class").split()[1] for m in marks} == {"side-supports", "side-refutes"}


def test_report_with_store_highlights_other_attributions(cmap: ClaimMap, store_db: str) -> None:
    from dataclasses import replace

    from claimgraph.store import open_store

    # the map leaves out the ministry's denial in the first article: with the store, the
    # article view still marks it, as an attribution outside the map
    left_out = cmap.statements[2]
    smaller = replace(cmap, statements=tuple(js for js in cmap.statements if js is not left_out))
    store = open_store(store_db, readonly=True)
    try:
        with_store = parse(render_report(smaller, store=store))
    finally:
        store.close()
    without = parse(render_report(smaller))
    first = with_store.cssselect("section#articles article.doc")[0]
    others = first.cssselect(".doc-text .content.other")
    assert [o.text_content() for o in others] == [left_out.statement.content.text]
    assert not without.cssselect("section#articles .content.other")


def test_empty_claim_map_renders() -> None:
    empty = ClaimMap(claim=rb.Claim("Nothing says this"), statements=(), actors=(), documents=())
    root = parse(render_report(empty))
    assert root.cssselect(".timeline")[0].get("data-points") == "0"
    assert "No dated statements" in root.cssselect(".timeline")[0].text_content()
    assert "No statement in the store" in root.text_content()


def test_hostile_text_renders_as_text(hostile: ClaimMap) -> None:
    page = render_report(hostile)
    root = parse(page)
    assert not root.xpath("//script"), "no script element may come from article text"
    assert not root.xpath("//img | //svg//*[@onload] | //textarea | //b | //i")
    assert not root.xpath("//@*[starts-with(name(), 'on')]"), "no event handler attribute"
    assert not [h for h in root.xpath("//@href") if "javascript" in h.lower()]
    text = root.text_content()
    assert "<script>window.__pwned=10</script>" in text  # the claim, shown literally
    assert '<img src=x onerror="window.__pwned=8">Minister' in text
    assert "<b onmouseover=window.__pwned=6>Evil Outlet</b>" in text
    assert "javascript:window.__pwned=7" in text  # the URL, shown but not linked
    assert "\u202e" not in text and "\u200b" not in text
    assert "\u27e6U+202E\u27e7" in text
    assert "</textarea>" in text


def test_view_counts_are_from_the_map(cmap: ClaimMap) -> None:
    view = build_view(cmap)
    assert view.side_counts == {"supports": 3, "refutes": 2, "neutral": 1}
    assert view.hedged_counts == {"supports": 0, "refutes": 0, "neutral": 1}
    assert [d.outlet for d in view.documents] == ["Daily Lantern", "The Courier"]
    echo = [e for e in view.graph.edges if not e.original]
    assert [(e.source, e.target) for e in echo] == [("medium:harbor radio", "outlet:the courier")]
