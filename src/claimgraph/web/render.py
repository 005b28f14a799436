"""What every route of the web app shares: templates, links, input limits, view helpers."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from claimgraph.model import Document, Statement
from claimgraph.report.html import make_env
from claimgraph.report.svg import GRAPH_BOX_W, graph_layout
from claimgraph.report.text import element_id, safe
from claimgraph.report.view import SIDE_COLOURS, SIDE_LABELS

MAX_CLAIM_CHARS = 2_000  # a gate on the raw query; claimgraph.claims decides what a claim is
MAX_QUERY_CHARS = 300
DOC_ID = re.compile(r"^[0-9a-f]{8,64}$")
ACTOR_ID = re.compile(r"^[^\x00-\x1f/\\]{1,200}$")


class Pages:
    """The app's templates and the page helper the routes call."""

    def __init__(self, *, writable: bool) -> None:
        self.writable = writable
        self.env: Environment = make_env(PackageLoader("claimgraph.web", "templates"))
        self.env.globals.update(
            doc_href=doc_href, actor_href=actor_href, quote=lambda s: quote(s, safe="")
        )

    def page(self, name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(
            request_path=request.url.path, writable=self.writable, partial=is_htmx(request), **ctx
        )
        return HTMLResponse(html, status_code=status)

    def error(self, status: int, message: str) -> HTMLResponse:
        html = self.env.get_template("error.html.j2").render(
            status=status, message=message, writable=self.writable, partial=False
        )
        return HTMLResponse(html, status_code=status)


def doc_href(doc_id: str, anchor: str | None = None, claim: str | None = None) -> str:
    href = "/doc/" + doc_id
    if claim:
        href += "?claim=" + quote(claim, safe="")
    return href + ("#" + anchor if anchor else "")


def actor_href(actor_id: str) -> str:
    return "/actor/" + quote(actor_id, safe="")


def is_htmx(request: Request) -> bool:
    return (
        request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"
    )


def snippet(text: str) -> Markup:
    """A search snippet with ``**match**`` markers as escaped text with <mark>s."""
    pieces = text.split("**")
    return Markup("").join(
        Markup("<mark>") + safe(p) + Markup("</mark>") if i % 2 else safe(p)
        for i, p in enumerate(pieces)
    )


def claim_text(text: str | None) -> str:
    from claimgraph.claims import check_claim
    from claimgraph.errors import ClaimgraphError

    try:
        return check_claim(text, allow_empty=True)
    except ClaimgraphError as e:
        raise HTTPException(422, e.message) from e


def viz_data(view: Any) -> dict[str, Any]:
    """What the app's script needs to draw the timeline and the graph (plain data); node
    positions come from the report's layout, stretched vertically for the larger boxes."""
    layout, _rows = graph_layout(view.graph, width=1000)
    return {
        "points": [
            {
                "date": p.date,
                "side": p.side,
                "label": " ".join(p.label.split()),
                "hedged": p.hedged,
                "inferred": p.inferred,
                "id": element_id("st-", p.statement_id),
            }
            for p in view.points
        ],
        "nodes": [
            {
                "id": n.id,
                "label": " ".join(n.label.split()),
                "kind": n.kind,
                "side": n.side or "",
                "weight": n.weight,
                "x": round(layout[n.id][0] + GRAPH_BOX_W / 2),
                "y": round(layout[n.id][1] * 1.5),
            }
            for n in view.graph.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "original": e.original,
                "weight": e.weight,
                "side": e.sides[0] if len(e.sides) == 1 else "",
            }
            for e in view.graph.edges
        ],
        "colours": SIDE_COLOURS,
        "labels": SIDE_LABELS,
    }


def excerpt(doc: Document, st: Statement) -> Markup:
    """A statement's sentence with its content highlighted (for lists without a claim)."""
    from claimgraph.report.html import statement_marks
    from claimgraph.report.text import highlight

    span = st.sentence or st.content
    return highlight(doc.text, statement_marks(st, side=None), start=span.start, end=span.end)
