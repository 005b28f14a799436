"""Hardening of the local web app: security headers, allowed hosts, same-origin writes.

The app is meant for one journalist's machine: it binds 127.0.0.1 by default, answers only
to loopback host names (a DNS-rebinding page cannot reach it), sends a Content-Security-Policy
that allows scripts from the app only, and refuses cross-site writes.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""Scripts only from /static (no inline script, no eval); inline styles are allowed because
the vendored charting libraries set them (styles cannot run code)."""

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cache-Control": "no-store",
}

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_HOST_PORT = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$")


def host_allowed(header: str, allowed: tuple[str, ...]) -> bool:
    """Whether a ``Host`` header names one of ``allowed`` (``*`` allows any well-formed host)."""
    m = _HOST_PORT.match(header or "")
    if not m:
        return False
    if "*" in allowed:
        return True
    return m.group(1).lower() in allowed


def same_origin(request: Request) -> bool:
    """A write must come from our own pages: same-origin fetch metadata, or a matching Origin."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        return origin in (f"http://{host}", f"https://{host}")
    return request.headers.get("hx-request") == "true"


def security_middleware(
    allowed_hosts: tuple[str, ...],
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """HTTP middleware: refuse unknown hosts, add the security headers to every response."""

    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if not host_allowed(request.headers.get("host", ""), allowed_hosts):
            response: Response = PlainTextResponse("unknown host", status_code=400)
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return middleware
