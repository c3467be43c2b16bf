"""``backtrace serve``: a read-only web UI and JSON API over a store (Starlette + Jinja2)."""

from backtrace.serve.app import create_app

__all__ = ["create_app"]
