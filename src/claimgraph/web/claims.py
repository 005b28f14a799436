"""Routes of one claim: the claim map page, its JSON and its exports."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from claimgraph.model import Statement
from claimgraph.report.html import context
from claimgraph.report.text import element_id
from claimgraph.report.view import build_view
from claimgraph.web.data import Data
from claimgraph.web.render import (
    MAX_CLAIM_CHARS,
    Pages,
    claim_text,
    doc_href,
    is_htmx,
    viz_data,
)


def claims_router(data: Data, pages: Pages) -> APIRouter:
    """The claim map routes over ``data`` (maps come from the API, cached by ``data``)."""
    router = APIRouter()
    page = pages.page

    def claim_ctx(text: str) -> dict[str, Any]:
        cmap = data.claim_map(text)
        view = build_view(cmap)

        def link(st: Statement) -> str:
            return doc_href(st.doc_id, element_id("a-", st.id), text)

        contexts = {js.statement.id: context(js, link=link) for js in view.statements}
        largest = max([max(r.counts.values()) for r in view.rows] + [1])
        return {
            "cmap": cmap,
            "view": view,
            "contexts": contexts,
            "largest": largest,
            "viz": viz_data(view),
            "claim_text": text,
        }

    @router.get("/claim", response_class=HTMLResponse)
    def claim_page(
        request: Request, text: str = Query("", max_length=MAX_CLAIM_CHARS)
    ) -> HTMLResponse:
        text = claim_text(text)
        ctx = claim_ctx(text) if text else {"claim_text": ""}
        if is_htmx(request) and text:
            return page("_claim_map.html.j2", request, **ctx)
        return page("claim.html.j2", request, **ctx)

    @router.get("/claim.json")
    def claim_json(
        text: str = Query(..., min_length=1, max_length=MAX_CLAIM_CHARS),
    ) -> JSONResponse:
        from claimgraph.link import claim_map_to_dict

        return JSONResponse(claim_map_to_dict(data.claim_map(claim_text(text))))

    @router.get("/export")
    def export(
        text: str = Query(..., min_length=1, max_length=MAX_CLAIM_CHARS),
        format: str = Query("csv", pattern="^(json|csv|gexf|claimreview)$"),  # noqa: A002
    ) -> Response:
        from claimgraph.report import claim_export

        body = claim_export(data.claim_map(claim_text(text)), format)
        media = {"csv": "text/csv", "gexf": "application/xml", "claimreview": "application/ld+json"}
        suffix = {"claimreview": "jsonld"}.get(format, format)
        return Response(
            body,
            media_type=media.get(format, "application/json") + "; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="claim.{suffix}"'},
        )

    return router
