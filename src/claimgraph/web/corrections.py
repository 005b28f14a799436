"""The web app's correction routes (``claimgraph.store.corrections``): a router included
by ``create_app`` with one line.

``GET /corrections`` lists every correction (JSON). When the app is started with
``--writable``, ``POST /corrections`` records one (a JSON body ``{"kind", "target",
"payload", "note", "author"}``: actor_merge, actor_split, actor_rename, stance_set) and
``POST /corrections/import`` stores a shared file's list; both refuse cross-site requests,
and invalid input answers 422 with the reason, storing nothing.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from claimgraph.errors import InputError
from claimgraph.store.corrections import import_corrections, record
from claimgraph.web.security import same_origin

MAX_BODY_BYTES = 1_000_000


async def _json_body(request: Request, *, writable: bool) -> Any:
    if not writable:
        raise HTTPException(403, "this app is read-only (start it with --writable to correct)")
    if not same_origin(request):
        raise HTTPException(403, "cross-site request refused")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise HTTPException(413, "request too large")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise HTTPException(422, f"not JSON: {e}") from e


def corrections_router(data: Any, *, writable: bool) -> APIRouter:
    """The correction routes; ``data`` gives the store (``data.store()``) and drops cached
    maps after a change (``data.forget()``)."""
    app = APIRouter()

    @app.get("/corrections")
    def corrections_list() -> JSONResponse:
        return JSONResponse([c.to_dict() for c in data.store().corrections()])

    @app.post("/corrections")
    async def corrections_add(request: Request) -> JSONResponse:
        body = await _json_body(request, writable=writable)
        if not isinstance(body, dict):
            raise HTTPException(422, "a correction must be a JSON object")

        payload = body.get("payload")

        def save() -> Any:
            return record(
                data.store(),
                str(body.get("kind", "")),
                str(body.get("target", "")),
                payload if isinstance(payload, dict) else {},
                author=str(body.get("author") or "web"),
                note=str(body.get("note") or ""),
            )

        try:
            correction = await run_in_threadpool(save)
        except InputError as e:
            raise HTTPException(422, e.message) from e
        data.forget()
        return JSONResponse(correction.to_dict(), status_code=201)

    @app.post("/corrections/import")
    async def corrections_import(request: Request) -> JSONResponse:
        body = await _json_body(request, writable=writable)
        try:
            added = await run_in_threadpool(
                import_corrections, data.store(), body, where="uploaded corrections"
            )
        except InputError as e:
            raise HTTPException(422, e.message) from e
        data.forget()
        return JSONResponse({"imported": [c.id for c in added]})

    return app
