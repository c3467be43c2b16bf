"""HTTP plumbing: security headers on every response, GET/HEAD only, one error shape."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from jinja2 import Environment
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backtrace.export.article_render import ARTICLE_STYLE

# the one inline stylesheet allowed: the cited article's own (it is also a standalone file)
_ARTICLE_STYLE_HASH = base64.b64encode(hashlib.sha256(ARTICLE_STYLE.encode()).digest()).decode()
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'self' 'sha256-{_ARTICLE_STYLE_HASH}'; "
        "img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
ALLOWED_METHODS = ("GET", "HEAD")


def wants_json(path: str, accept: str = "") -> bool:
    """A ``.json`` URL, or a client that asks for JSON and not HTML."""
    return path.endswith(".json") or ("application/json" in accept and "text/html" not in accept)


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


def error_response(
    env: Environment,
    path: str,
    accept: str,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """The error as JSON (``{"error": {"status", "message"}}``) or as an HTML page."""
    if wants_json(path, accept):
        response: Response = JSONResponse(error_body(status, message), status, headers=headers)
    else:
        html = env.get_template("error.html").render(
            status=status, message=message, json_url="/index.json", query=""
        )
        response = HTMLResponse(html, status, headers=headers)
    return response


def request_error(
    env: Environment,
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response:
    return error_response(
        env, request.url.path, request.headers.get("accept", ""), status, message, headers
    )


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


class Guard:
    """ASGI middleware: refuses every method but GET and HEAD with 405, and sets the
    security headers on every response that passes through it."""

    def __init__(self, app: ASGIApp, env: Environment) -> None:
        self.app = app
        self.env = env

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        if scope["method"] not in ALLOWED_METHODS:
            accept = ""
            for key, value in scope.get("headers", []):
                if key == b"accept":
                    accept = value.decode("latin-1")
            response = error_response(
                self.env,
                scope.get("path", "/"),
                accept,
                405,
                f"method {scope['method']} not allowed: this server is read-only",
                {"Allow": ", ".join(ALLOWED_METHODS)},
            )
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
