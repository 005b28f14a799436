"""The /add route of a writable app: a pasted article goes through the same ``add`` pipeline
as ``claimgraph add`` (readers, corpus boilerplate, near-duplicate links, analysis), called
through the API."""

from __future__ import annotations

import os
import tempfile

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from claimgraph.model import Document
from claimgraph.report.text import visible
from claimgraph.web.data import Data
from claimgraph.web.render import doc_href
from claimgraph.web.security import same_origin

MAX_ADD_BYTES = 2_000_000


def adding_router(data: Data, *, writable: bool) -> APIRouter:
    router = APIRouter()

    @router.post("/add", response_class=HTMLResponse)
    async def add(request: Request) -> Response:
        if not writable:
            raise HTTPException(
                403, "this app is read-only (start it with --writable to add articles)"
            )
        if not same_origin(request):
            raise HTTPException(403, "cross-site request refused")
        body = await request.body()
        if len(body) > MAX_ADD_BYTES:
            raise HTTPException(413, "article too large")
        from urllib.parse import parse_qs

        fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=10)
        text = (fields.get("text") or [""])[0]
        if not text.strip():
            raise HTTPException(422, "empty article")
        doc_id = await run_in_threadpool(add_text, data, text)  # analysis is slow: off the loop
        data.forget()
        return HTMLResponse("", status_code=303, headers={"Location": doc_href(doc_id)})

    return router


def add_text(data: Data, text: str) -> str:
    """Store a pasted article (a plain-text file through the ``add`` pipeline); its id."""
    from claimgraph.api import add_to_store
    from claimgraph.ingest import read_file

    handle, path = tempfile.mkstemp(suffix=".txt")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        results = list(read_file(path))
        docs = [r for r in results if isinstance(r, Document)]
        if not docs:
            problem = next((str(r) for r in results), "nothing readable")
            raise HTTPException(422, visible(problem))
        report = add_to_store(data.store(), [path], settings=data.settings(), engine="inline")
    finally:
        os.unlink(path)
    if report.failures:
        raise HTTPException(422, visible(report.failures[0].message))
    return str(report.stored[0] if report.stored else docs[0].id)
