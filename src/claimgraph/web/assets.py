"""Routes of the app's own files: /static (a fixed list from the package), the report's
stylesheet and the health check. No request reaches a file outside these assets."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import PlainTextResponse, Response

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


def assets_router() -> APIRouter:
    router = APIRouter()
    files = static_files()

    @router.get("/static/{name:path}")
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

    @router.get("/assets/report.css")
    def report_css() -> Response:
        css = resources.files("claimgraph.report").joinpath("templates/report.css").read_bytes()
        return Response(
            css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    @router.get("/healthz")
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    return router
