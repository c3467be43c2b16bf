"""The ``read`` stage: bytes to :class:`~backtrace.model.Document`.

    read_bytes(data, path)      one file's bytes -> one Document (text, HTML or Markdown)
    read_jsonl(data, path)      a JSON Lines corpus -> a Document or a ReadError per line
    iter_paths(paths)           files, folders and globs -> file paths (or ReadErrors)
    iter_named_paths(paths)     the same, each with the name it is stored and shown under
    read_path(path)             one file -> Documents (or ReadErrors), by its suffix

Every Document's text is in one set of conventions, whatever its source format, so that
extraction reads them all alike:

* the text is stored exactly as decoded (line ends made ``\\n``) for text files and JSONL
  records; HTML and Markdown are rendered to text first, and offsets point into that text;
* a first line ``= Title =`` is the title, ``==H==`` a level-1 section, ``===H===`` level 2;
* ``- Key: Value`` lines right after the title (or after a bare line repeating it) form the
  ``Infobox`` section, level 1, from the start of its first line to the end of its last;
* ``- item`` lines are list items; paragraphs are separated by blank lines;
* sentences cover every non-blank character: each heading, infobox line and list item is a
  sentence (or several) of its own, and a leading date marker or byline is kept apart.
"""

from __future__ import annotations

from backtrace.read.decode import decode
from backtrace.read.files import FORMATS, content_id, detect_format, read_bytes
from backtrace.read.jsonl import JsonlFields, read_jsonl
from backtrace.read.kind import detect_kind, score_kinds
from backtrace.read.paths import MAX_BYTES, iter_named_paths, iter_paths, read_path
from backtrace.read.sentences import split_sentences

__all__ = [
    "FORMATS",
    "JsonlFields",
    "MAX_BYTES",
    "content_id",
    "decode",
    "detect_format",
    "detect_kind",
    "iter_named_paths",
    "iter_paths",
    "read_bytes",
    "read_jsonl",
    "read_path",
    "score_kinds",
    "split_sentences",
]
