"""A synchronous client over an ASGI app in this process (no server, no network), for the
web tests (its own module, so test files import it by a name no other folder's conftest
shares)."""

from __future__ import annotations

import asyncio
from typing import Any


class Client:
    """A synchronous face over httpx's in-process ASGI transport (no server, no network)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        import httpx

        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)
