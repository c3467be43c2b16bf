"""The normalised keys of names and titles, for the resolve stage (kept in ``backtrace.keys``,
low enough for every stage)."""

from backtrace.keys import clean_title, name_key, title_key

__all__ = ["clean_title", "name_key", "title_key"]
