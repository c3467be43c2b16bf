"""The resolve stage: mentions to entities, and claims to facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backtrace.keys import clean_title, name_key

if TYPE_CHECKING:
    from backtrace.resolve.facts import ClaimRow, FactRow, reconcile
    from backtrace.resolve.films import guess_film
    from backtrace.resolve.link import Resolver, value_key

# each loads when first asked for: the store imports ``resolve.films`` to read, and needs
# neither the resolver nor the reconciler for that
_LAZY = {"ClaimRow": "facts", "FactRow": "facts", "reconcile": "facts", "guess_film": "films",
         "Resolver": "link", "value_key": "link"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"backtrace.resolve.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'backtrace.resolve' has no attribute {name!r}")


__all__ = [
    "ClaimRow",
    "FactRow",
    "Resolver",
    "clean_title",
    "guess_film",
    "name_key",
    "reconcile",
    "value_key",
]
