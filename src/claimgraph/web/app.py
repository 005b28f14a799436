"""The local web app: search, claim maps, actors and documents over one store.

    from claimgraph.web.app import create_app
    app = create_app("claimgraph.db")            # read-only; writable=True adds /add

It reads the store (and asks the link layer for claim maps); it never recomputes analysis.
All article text is escaped by the templates; SQL goes through the store's parameterised
queries; path parameters are checked against strict patterns and static files come from a
fixed list, so no request can reach a file outside the app's own assets.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import PackageLoader
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph.errors import ClaimgraphError, StoreError
from claimgraph.model import ClaimMap, Document, Statement
from claimgraph.report.html import article, context, discovered_rows, make_env
from claimgraph.report.svg import GRAPH_BOX_W, graph_layout
from claimgraph.report.text import element_id, safe, visible
from claimgraph.report.view import SIDE_COLOURS, SIDE_LABELS, build_view
from claimgraph.web.corrections import add_correction_routes
from claimgraph.web.security import LOOPBACK_NAMES, same_origin, security_middleware

MAX_CLAIM_CHARS = 2_000  # a gate on the raw query; claimgraph.claims decides what a claim is
MAX_QUERY_CHARS = 300
MAX_ADD_BYTES = 2_000_000
DOC_ID = re.compile(r"^[0-9a-f]{8,64}$")
ACTOR_ID = re.compile(r"^[^\x00-\x1f/\\]{1,200}$")
STATIC_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".txt": "text/plain",
    ".json": "application/json",
}


def static_files() -> dict[str, Any]:
    """The only files /static serves: name -> resource, listed once from the package."""
    root = resources.files("claimgraph.web").joinpath("static")
    files: dict[str, Any] = {}
    for entry in root.iterdir():
        if entry.is_file():
            files[entry.name] = entry
        elif entry.name == "vendor":
            for sub in entry.iterdir():
                if sub.is_file():
                    files["vendor/" + sub.name] = sub
    return files


class Data:
    """Store access for request threads (one connection per thread) and a small claim cache."""

    def __init__(
        self,
        db: str,
        *,
        writable: bool,
        mapper: Callable[[Any, str], ClaimMap] | None = None,
        discoverer: Callable[[Any], Iterable[Any]] | None = None,
        refresh_seconds: float = 5.0,
    ) -> None:
        self.db = db
        self.writable = writable
        self._mapper = mapper
        self._discoverer = discoverer
        self._local = threading.local()
        self._stores: list[Any] = []
        self._lock = threading.Lock()
        self._compute = threading.Lock()
        self._maps: OrderedDict[str, ClaimMap] = OrderedDict()
        self._discovered: list[Any] | None = None
        self._actors: dict[str, tuple[Any, int]] | None = None
        self.refresh_seconds = refresh_seconds
        self._checked = 0.0
        self._count = -1
        self.store()  # fail at startup, not on the first request, when the store is missing

    def store(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            from claimgraph.store import open_store

            store = open_store(self.db, readonly=not self.writable)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def claim_map(self, text: str) -> ClaimMap:
        self.refresh()
        key = " ".join(text.split()).casefold()
        with self._lock:
            if key in self._maps:
                self._maps.move_to_end(key)
                return self._maps[key]
        with self._compute:  # one map at a time: judging is CPU-bound and may not be thread-safe
            with self._lock:
                if key in self._maps:
                    return self._maps[key]
            if self._mapper is None:
                from claimgraph.link import claim_map

                self._mapper = claim_map
            cmap = self._mapper(self.store(), text)
        with self._lock:
            self._maps[key] = cmap
            while len(self._maps) > 64:
                self._maps.popitem(last=False)
        return cmap

    def discovered(self) -> list[Any]:
        self.refresh()
        with self._compute:
            return self._discover()

    def _discover(self) -> list[Any]:
        if self._discovered is None:
            if self._discoverer is None:
                from claimgraph.link import discover

                self._discoverer = lambda store: discover(store, top=20)
            self._discovered = list(self._discoverer(self.store()))
        return self._discovered

    def actors(self) -> dict[str, tuple[Any, int]]:
        """Actor id -> (actor, statement count), merged across documents (cached)."""
        self.refresh()
        actors = self._actors
        if actors is None:
            actors = {actor.id: (actor, count) for actor, count in self.store().actors()}
            self._actors = actors
        return actors

    def refresh(self) -> None:
        """Drop the caches when the store's document count changed (``add`` running in another
        process while the app serves); checked at most every ``refresh_seconds``."""
        now = time.monotonic()
        if now - self._checked < self.refresh_seconds:
            return
        self._checked = now
        count = self.store().count()
        if count != self._count:
            self._count = count
            self.forget()

    def forget(self) -> None:
        """Drop cached maps and lists after the store changed."""
        with self._lock:
            self._maps.clear()
            self._discovered = None
            self._actors = None

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                store.close()
            self._stores.clear()


def _snippet(text: str) -> Markup:
    """A search snippet with ``**match**`` markers as escaped text with <mark>s."""
    pieces = text.split("**")
    return Markup("").join(
        Markup("<mark>") + safe(p) + Markup("</mark>") if i % 2 else safe(p)
        for i, p in enumerate(pieces)
    )


def _claim_text(text: str | None) -> str:
    from claimgraph.claims import check_claim

    try:
        return check_claim(text, allow_empty=True)
    except ClaimgraphError as e:
        raise HTTPException(422, e.message) from e


def _viz_data(view: Any) -> dict[str, Any]:
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
    ``discover(store)`` default to ``claimgraph.link``'s functions. Cached claim maps, actors
    and discovered claims are dropped when the store's document count changes (checked at
    most every ``refresh_seconds``), so the app follows an ``add`` running beside it.
    """
    data = Data(
        db,
        writable=writable,
        mapper=claim_map,
        discoverer=discover,
        refresh_seconds=refresh_seconds,
    )
    env = make_env(PackageLoader("claimgraph.web", "templates"))
    files = static_files()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        data.close()

    app = FastAPI(
        title="claimgraph", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.middleware("http")(security_middleware(allowed_hosts))
    app.state.data = data

    def page(name: str, request: Request, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(
            request_path=request.url.path, writable=writable, partial=_is_htmx(request), **ctx
        )
        return HTMLResponse(html, status_code=status)

    def doc_href(doc_id: str, anchor: str | None = None, claim: str | None = None) -> str:
        href = "/doc/" + doc_id
        if claim:
            href += "?claim=" + quote(claim, safe="")
        return href + ("#" + anchor if anchor else "")

    def actor_href(actor_id: str) -> str:
        return "/actor/" + quote(actor_id, safe="")

    env.globals.update(doc_href=doc_href, actor_href=actor_href, quote=lambda s: quote(s, safe=""))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        html = env.get_template("error.html.j2").render(
            status=exc.status_code, message=str(exc.detail), writable=writable, partial=False
        )
        return HTMLResponse(html, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        names = sorted({str(e.get("loc", ("", "?"))[-1]) for e in exc.errors()})
        html = env.get_template("error.html.j2").render(
            status=422, message="invalid " + ", ".join(names), writable=writable, partial=False
        )
        return HTMLResponse(html, status_code=422)

    @app.exception_handler(ClaimgraphError)
    async def _cg_error(request: Request, exc: ClaimgraphError) -> Response:
        html = env.get_template("error.html.j2").render(
            status=500, message=str(exc), writable=writable, partial=False
        )
        return HTMLResponse(html, status_code=500)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        store = data.store()
        return page("index.html.j2", request, documents=store.count(), actors=len(data.actors()))

    @app.get("/discovered", response_class=HTMLResponse)
    def discovered(request: Request) -> HTMLResponse:
        try:
            items = data.discovered()
            problem = None
        except (ImportError, ClaimgraphError) as e:
            items, problem = [], str(e)
        return page(
            "_discovered.html.j2", request, discovered=discovered_rows(items), problem=problem
        )

    @app.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        q: str = Query("", max_length=MAX_QUERY_CHARS),
        limit: int = Query(20, ge=1, le=100),
    ) -> HTMLResponse:
        store = data.store()
        hits = store.search(q, limit=limit) if q.strip() else []
        statements = store.search_statements(q, limit=limit) if q.strip() else []
        rows = [{"doc": h.doc, "snippet": _snippet(h.snippet)} for h in hits]
        return page("search.html.j2", request, q=q, hits=rows, statements=statements)

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
            "viz": _viz_data(view),
            "claim_text": text,
        }

    @app.get("/claim", response_class=HTMLResponse)
    def claim_page(
        request: Request, text: str = Query("", max_length=MAX_CLAIM_CHARS)
    ) -> HTMLResponse:
        text = _claim_text(text)
        ctx = claim_ctx(text) if text else {"claim_text": ""}
        if _is_htmx(request) and text:
            return page("_claim_map.html.j2", request, **ctx)
        return page("claim.html.j2", request, **ctx)

    @app.get("/claim.json")
    def claim_json(
        text: str = Query(..., min_length=1, max_length=MAX_CLAIM_CHARS),
    ) -> JSONResponse:
        from claimgraph.link import claim_map_to_dict

        return JSONResponse(claim_map_to_dict(data.claim_map(_claim_text(text))))

    @app.get("/export")
    def export(
        text: str = Query(..., min_length=1, max_length=MAX_CLAIM_CHARS),
        format: str = Query("csv", pattern="^(json|csv|gexf|claimreview)$"),  # noqa: A002
    ) -> Response:
        from claimgraph.report.exports import export as run_export

        body = run_export(data.claim_map(_claim_text(text)), format)
        media = {"csv": "text/csv", "gexf": "application/xml", "claimreview": "application/ld+json"}
        suffix = {"claimreview": "jsonld"}.get(format, format)
        return Response(
            body,
            media_type=media.get(format, "application/json") + "; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="claim.{suffix}"'},
        )

    @app.get("/actor/{actor_id}", response_class=HTMLResponse)
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
        claim = _claim_text(claim)
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
            excerpt=_excerpt,
        )

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
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
        claim = _claim_text(claim)
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

    @app.post("/add", response_class=HTMLResponse)
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
        doc_id = await run_in_threadpool(_add_text, data, text)  # analysis is slow: off the loop
        data.forget()
        return HTMLResponse("", status_code=303, headers={"Location": doc_href(doc_id)})

    @app.get("/static/{name:path}")
    def static(name: str) -> Response:
        entry = files.get(name)
        if entry is None:
            raise HTTPException(404, "not found")
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        return Response(
            entry.read_bytes(),
            media_type=STATIC_TYPES.get(suffix, "application/octet-stream"),
            headers={"Cache-Control": "public, max-age=3600"},
        )

    @app.get("/assets/report.css")
    def report_css() -> Response:
        css = resources.files("claimgraph.report").joinpath("templates/report.css").read_bytes()
        return Response(
            css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    @app.get("/healthz")
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    add_correction_routes(app, data, writable=writable)
    return app


def _is_htmx(request: Request) -> bool:
    return (
        request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"
    )


def _excerpt(doc: Document, st: Statement) -> Markup:
    """A statement's sentence with its content highlighted (for lists without a claim)."""
    from claimgraph.report.html import statement_marks
    from claimgraph.report.text import highlight

    span = st.sentence or st.content
    return highlight(doc.text, statement_marks(st, side=None), start=span.start, end=span.end)


def _add_text(data: Data, text: str) -> str:
    """Store a pasted article (read as a plain-text file, analysed, stored); its id."""
    import os
    import tempfile

    from claimgraph.analyze import analyze
    from claimgraph.ingest import read_file

    handle, path = tempfile.mkstemp(suffix=".txt")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        results = list(read_file(path))
    finally:
        os.unlink(path)
    docs = [r for r in results if isinstance(r, Document)]
    if not docs:
        problem = next((str(r) for r in results), "nothing readable")
        raise HTTPException(422, visible(problem))
    store = data.store()
    for doc in docs:
        store.put(doc, analyze(doc))
    return docs[0].id
