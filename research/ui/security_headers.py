"""Security headers on every HTTP response of the app: pages, static files, health and /auth.

The Content-Security-Policy is what Streamlit's own frontend tolerates: its scripts come from
this origin (plus the one inline script of its index.html, allowed by hash), it compiles
WebAssembly (never JavaScript from strings), custom components' scripts are loaded as blob:
URLs made by that same code, its styles are injected inline, its websocket
goes to this origin. Images only from here, so a Markdown image
pointing elsewhere is never fetched by a reader's browser. deploy/nginx.conf sets the same.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import streamlit
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

INDEX_HTML = Path(streamlit.__file__).parent / "static" / "index.html"


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and not dict(attrs).get("src")
        if self._inside:
            self.bodies.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.bodies[-1] += data


def inline_script_hashes(index_html: Path = INDEX_HTML) -> list[str]:
    parser = _InlineScripts()
    parser.feed(index_html.read_text(encoding="utf-8"))
    digests = (hashlib.sha256(body.encode()).digest() for body in parser.bodies)
    return [f"'sha256-{base64.b64encode(d).decode()}'" for d in digests]


@cache
def content_security_policy() -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "blob:", "'wasm-unsafe-eval'", *inline_script_hashes()]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "frame-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }


class SecurityHeaders:
    """Pure ASGI middleware (not BaseHTTPMiddleware): leaves websockets and streamed bodies alone."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = security_headers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_secured)
