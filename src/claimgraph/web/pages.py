"""Routes that read the store: home, discovered claims, search, actor and document pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from claimgraph.errors import ClaimgraphError, StoreError
from claimgraph.model import Document
from claimgraph.report.html import article, discovered_rows
from claimgraph.web.data import Data
from claimgraph.web.render import (
    ACTOR_ID,
    DOC_ID,
    MAX_CLAIM_CHARS,
    MAX_QUERY_CHARS,
    Pages,
    claim_text,
    excerpt,
    snippet,
)


def pages_router(data: Data, pages: Pages) -> APIRouter:
    """The read-only pages over ``data``'s store."""
    router = APIRouter()
    page = pages.page

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        store = data.store()
        return page("index.html.j2", request, documents=store.count(), actors=len(data.actors()))

    @router.get("/discovered", response_class=HTMLResponse)
    def discovered(request: Request) -> HTMLResponse:
        try:
            items = data.discovered()
            problem = None
        except (ImportError, ClaimgraphError) as e:
            items, problem = [], str(e)
        return page(
            "_discovered.html.j2", request, discovered=discovered_rows(items), problem=problem
        )

    @router.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        q: str = Query("", max_length=MAX_QUERY_CHARS),
        limit: int = Query(20, ge=1, le=100),
    ) -> HTMLResponse:
        store = data.store()
        hits = store.search(q, limit=limit) if q.strip() else []
        statements = store.search_statements(q, limit=limit) if q.strip() else []
        rows = [{"doc": h.doc, "snippet": snippet(h.snippet)} for h in hits]
        return page("search.html.j2", request, q=q, hits=rows, statements=statements)

    @router.get("/actor/{actor_id}", response_class=HTMLResponse)
    def actor_page(
        request: Request, actor_id: str, claim: str = Query("", max_length=MAX_CLAIM_CHARS)
    ) -> HTMLResponse:
        if not ACTOR_ID.match(actor_id):
            raise HTTPException(404, "no such actor")
        store = data.store()
        found = data.actors().get(actor_id)
        if found is None:
            raise HTTPException(404, "no such actor")
        actor, count = found
        statements = list(store.statements(actor_id=actor_id))
        docs: dict[str, Document] = {}
        for st in statements:
            if st.doc_id not in docs:
                docs[st.doc_id] = store.document(st.doc_id)
        claim = claim_text(claim)
        stances: dict[str, Any] = {}
        if claim:
            cmap = data.claim_map(claim)
            stances = {js.statement.id: js.stance for js in cmap.statements}
        return page(
            "actor.html.j2",
            request,
            actor=actor,
            count=count,
            statements=statements,
            docs=docs,
            stances=stances,
            claim_text=claim,
            excerpt=excerpt,
        )

    @router.get("/doc/{doc_id}", response_class=HTMLResponse)
    def doc_page(
        request: Request, doc_id: str, claim: str = Query("", max_length=MAX_CLAIM_CHARS)
    ) -> HTMLResponse:
        if not DOC_ID.match(doc_id):
            raise HTTPException(404, "no such document")
        store = data.store()
        try:
            doc = store.document(doc_id)
        except StoreError as e:
            raise HTTPException(404, "no such document") from e
        statements = list(store.statements(doc_id=doc.id))
        claim = claim_text(claim)
        judged = []
        if claim:
            judged = [js for js in data.claim_map(claim).statements if js.document.id == doc.id]
        paras = article(doc, judged, others=statements)
        return page(
            "doc.html.j2",
            request,
            doc=doc,
            paragraphs=paras,
            statements=statements,
            judged=judged,
            claim_text=claim,
        )

    return router
