"""The resolve stage: mentions to entities, and claims to facts."""

from backtrace.keys import clean_title, name_key
from backtrace.resolve.facts import ClaimRow, FactRow, reconcile
from backtrace.resolve.films import guess_film
from backtrace.resolve.link import Resolver, value_key

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
