"""The local web app: search, claim maps, actors and documents over one store.

    from claimgraph.web.app import create_app
    app = create_app("claimgraph.db")            # read-only; writable=True adds /add

It reads the store and asks the API for claim maps (``claimgraph.api.Linker``); it never
recomputes analysis, and a pasted article goes through the ``add`` pipeline. All article text
is escaped by the templates; SQL goes through the store's parameterised queries; path
parameters are checked against strict patterns and static files come from a fixed list, so no
request can reach a file outside the app's own assets. Routes live in their own modules:
``pages`` (store reads), ``claims`` (claim maps, exports), ``adding`` (/add), ``assets``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph.errors import ClaimgraphError
from claimgraph.model import ClaimMap
from claimgraph.web.adding import MAX_ADD_BYTES, adding_router
from claimgraph.web.assets import STATIC_TYPES, assets_router, static_files
from claimgraph.web.claims import claims_router
from claimgraph.web.data import Data
from claimgraph.web.pages import pages_router
from claimgraph.web.render import MAX_CLAIM_CHARS, MAX_QUERY_CHARS, Pages
from claimgraph.web.security import LOOPBACK_NAMES, security_middleware

__all__ = [
    "MAX_ADD_BYTES",
    "MAX_CLAIM_CHARS",
    "MAX_QUERY_CHARS",
    "STATIC_TYPES",
    "Data",
    "create_app",
    "static_files",
]


def create_app(
    db: str,
    *,
    writable: bool = False,
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES,
    claim_map: Callable[[Any, str], ClaimMap] | None = None,
    discover: Callable[[Any], Iterable[Any]] | None = None,
    refresh_seconds: float = 5.0,
) -> FastAPI:
    """The FastAPI app over the store at ``db``; read-only unless ``writable``.

    ``allowed_hosts`` are the Host names the app answers to (loopback by default; ``("*",)``
    when the user deliberately binds another interface). ``claim_map(store, text)`` and
    ``discover(store)`` default to the API's (``claimgraph.api.Linker``). Cached claim maps,
    actors and discovered claims are dropped when the store's document count changes (checked
    at most every ``refresh_seconds``), so the app follows an ``add`` running beside it.
    """
    data = Data(
        db,
        writable=writable,
        mapper=claim_map,
        discoverer=discover,
        refresh_seconds=refresh_seconds,
    )
    pages = Pages(writable=writable)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        data.close()

    app = FastAPI(
        title="claimgraph", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.middleware("http")(security_middleware(allowed_hosts))
    app.state.data = data
    _error_pages(app, pages)
    app.include_router(pages_router(data, pages))
    app.include_router(claims_router(data, pages))
    app.include_router(adding_router(data, writable=writable))
    app.include_router(assets_router())
    return app


def _error_pages(app: FastAPI, pages: Pages) -> None:
    """Errors as the app's own escaped error page."""

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return pages.error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        names = sorted({str(e.get("loc", ("", "?"))[-1]) for e in exc.errors()})
        return pages.error(422, "invalid " + ", ".join(names))

    @app.exception_handler(ClaimgraphError)
    async def _cg_error(request: Request, exc: ClaimgraphError) -> Response:
        return pages.error(500, str(exc))
