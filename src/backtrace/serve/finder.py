"""Search for the web pages: the full-text index first, then typo-tolerant names (rapidfuzz
over names read once on SQLite; PostgreSQL's trigram index, ``pg_trgm``, there).

The server never writes to the store: the FTS index is brought up to date by the writers
(every ingest ends with it; ``backtrace check --repair`` too). The fuzzy name list is
reloaded when the index changed: looked at on start-up, and at most every ``CHECK_EVERY``
seconds while searches come in (so a server left running sees new ingests). With a
:class:`~backtrace.serve.cache.DataVersion` the periodic check only reads the index's
signature when something was committed since the last check. A stale index (a store written
by an older backtrace) is searched as it is, with a warning in the log.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from jellyfish import metaphone
from rapidfuzz import fuzz, process, utils
from sqlalchemy.exc import SQLAlchemyError

from backtrace.model import EntityType
from backtrace.serve.cache import DataVersion, Version
from backtrace.store import Store
from backtrace.store import search as fts
from backtrace.store.hits import DocumentHit, EntityHit, add_context

log = logging.getLogger(__name__)

CHECK_EVERY = 30.0  # seconds between staleness checks
FUZZY_CUTOFF = 80.0
MIN_WORD = 3  # letters a query needs before it is matched loosely
WORD_CUTOFF = 60.0  # how near a query word and a name word must be to count at all
WORD_LIMIT = 50  # name words kept per query word
NEAR_LIMIT = 2000  # names compared whole with a query (the nearest by their words)
STOPWORDS = frozenset({"the", "and", "for", "not"})
SOUNDS_ALIKE = 85.0  # the closeness of a word that sounds like the query's
LIMIT = 20  # hits of each group a page shows
MAX_OFFSET = 1000  # the deepest page of a group starts here
NAME_TYPES = (EntityType.FILM, EntityType.PERSON)
GROUPS = ("films", "people", "documents")  # the groups of hits, in the order a page shows them
_GROUP_TYPES = {"films": EntityType.FILM, "people": EntityType.PERSON}


@dataclass(slots=True)
class SearchPage:
    """A page of hits (:meth:`Finder.search`); ``to_json`` is what the JSON API shows."""

    query: str
    group: str | None
    offset: int
    limit: int
    films: list[EntityHit] = field(default_factory=list)
    people: list[EntityHit] = field(default_factory=list)
    documents: list[DocumentHit] = field(default_factory=list)
    fuzzy: bool = False
    more: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(GROUPS, False))

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "films": [f.to_json() for f in self.films],
                "people": [p.to_json() for p in self.people],
                "documents": [d.to_json() for d in self.documents], "fuzzy": self.fuzzy,
                "group": self.group, "offset": self.offset, "limit": self.limit,
                "more": dict(self.more)}


class Finder:
    def __init__(self, store: Store, data_version: DataVersion | None = None) -> None:
        self.store = store
        self.data_version = data_version
        self._lock = threading.Lock()
        self._checked = 0.0
        self._seen: Version | None = None
        self._indexed: str | None = None  # the index signature the name list was loaded at
        self._warned = False
        self._names: list[tuple[int, str, str, int | None]] = []
        self._choices: list[str] = []
        self._weights: list[int] = []  # how much the store says of each name's entity
        self._word_names: dict[str, np.ndarray] = {}  # a word of names -> those names
        self._words: list[str] = []
        self._by_letter: dict[tuple[str, str], list[str]] = {}  # ("1", "s"): words of "s..."
        self._sounds: dict[str, list[str]] = {}  # a Metaphone key -> the words with it
        self._fts = False
        self._trigrams = False  # the database finds misspelt names itself (PostgreSQL)
        self.refresh(force_names=True)

    def refresh(self, force_names: bool = False) -> None:
        """Reload the fuzzy name list when the writers rebuilt the FTS index (reading only)."""
        with self._lock:
            self._checked = time.monotonic()
            # read before the check: a commit while it runs is seen by the next one
            self._seen = self.data_version.version() if self.data_version else None
            indexed = self._indexed
            try:
                with self.store.read() as conn:
                    self._fts = fts.indexed(conn)
                    self._trigrams = conn.dialect.name == "postgresql"
                    if self._fts:
                        indexed = fts.stored_signature(conn)
                        if not self._warned and fts.is_stale(conn):
                            self._warned = True
                            log.warning("the search index is behind the store: run "
                                        "`backtrace check --repair` to rebuild it")
            except SQLAlchemyError as exc:  # search what can be searched
                log.warning("search index not read: %s", exc)
            if indexed != self._indexed or force_names:
                self._indexed = indexed
                self._load_names()

    def _load_names(self) -> None:
        if self._trigrams:
            return
        with self.store.read() as conn:
            self._names = fts.entity_names(conn, NAME_TYPES)
            weights = fts.entity_weights(conn)
        self._weights = [weights.get(ident, 0) for ident, _t, _n, _y in self._names]
        self._choices = [utils.default_process(name) for _id, _type, name, _year in self._names]
        words: dict[str, list[int]] = {}
        for index, choice in enumerate(self._choices):
            for word in set(choice.split()):
                if len(word) >= MIN_WORD:
                    words.setdefault(word, []).append(index)
        self._word_names = {word: np.array(ids, dtype=np.int64) for word, ids in words.items()}
        self._words = list(words)
        by_letter: dict[tuple[str, str], list[str]] = {}
        for word in self._words:  # words by their first letter, and by their second
            by_letter.setdefault(("1", word[0]), []).append(word)
            by_letter.setdefault(("2", word[1]), []).append(word)
        self._by_letter = by_letter
        sounds: dict[str, list[str]] = {}
        for word in self._words:
            sounds.setdefault(metaphone(word), []).append(word)
        self._sounds = sounds

    def maybe_refresh(self) -> None:
        if time.monotonic() - self._checked <= CHECK_EVERY:
            return
        unchanged = self.data_version is not None and self._seen is not None
        if unchanged and self.data_version.version() == self._seen:  # no commit since
            self._checked = time.monotonic()
            return
        self.refresh()

    def fuzzy(self, query: str, limit: int = LIMIT) -> list[EntityHit]:
        """Films and people whose name is close to ``query`` (misspellings), best first:
        the whole name ("Sylvester Stalone"), or word by word, each word of the query
        near a word of the name ("stalone", "birth of a nashun"). A query of fewer than
        three letters, or of punctuation and operators, finds nothing."""
        wanted = utils.default_process(query)
        if sum(c.isalpha() for c in wanted) < MIN_WORD:
            return []
        if self._trigrams:
            with self.store.read() as conn:
                return fts.similar_names(conn, wanted, NAME_TYPES, limit) or []
        by_words, near = self._by_words(wanted)
        # the whole name, compared only with the names nearest the query by their words
        # (not with every name: the cost stays that of the words' index)
        scores = {i: s for _c, s, i in process.extract(
            wanted, {i: self._choices[i] for i in near}, scorer=fuzz.token_sort_ratio,
            processor=None, score_cutoff=FUZZY_CUTOFF, limit=None)}
        for index, score in by_words.items():
            scores[index] = max(score, scores.get(index, 0.0))
        best = sorted(scores, key=lambda i: (-round(scores[i]), -self._weights[i], i))[:limit]
        out = []
        for index in best:
            ident, etype, name, year = self._names[index]
            out.append(EntityHit(ident, etype, name, year, scores[index]))
        return out

    def _by_words(self, wanted: str) -> tuple[dict[int, float], list[int]]:
        """Names scored word by word: the mean, over the query's words (not "the", "of",
        ...), of each one's closeness to the nearest word of the name; those at
        :data:`FUZZY_CUTOFF` or over; and the :data:`NEAR_LIMIT` names nearest the query
        this way. Only the names with a word near one of the query's are read (arrays of
        them, not of every name)."""
        terms = [w for w in wanted.split() if len(w) >= MIN_WORD and w not in STOPWORDS]
        found, scored = [], []
        for term in terms:
            near = self._near_words(term)
            words = sorted(near, key=lambda w: -near[w])  # the nearer words first
            if not words:
                continue
            names = np.concatenate([self._word_names[w] for w in words])
            score = np.repeat([near[w] for w in words], [len(self._word_names[w]) for w in words])
            names, first = np.unique(names, return_index=True)  # each name's nearest word
            found.append(names)
            scored.append(score[first])
        if not found:
            return {}, []
        names, where = np.unique(np.concatenate(found), return_inverse=True)
        total = np.bincount(where, weights=np.concatenate(scored)) / len(terms)
        close = total >= FUZZY_CUTOFF
        nearest = (np.argpartition(-total, NEAR_LIMIT)[:NEAR_LIMIT]
                   if len(total) > NEAR_LIMIT else np.arange(len(total)))
        return ({int(i): float(t) for i, t in zip(names[close], total[close], strict=True)},
                names[nearest].tolist())

    def _near_words(self, term: str) -> dict[str, float]:
        """Words of names near ``term``: spelt nearly alike ("stalone" / "stallone"), or
        sounding alike by Metaphone ("nashun" / "nation"), which counts as
        :data:`SOUNDS_ALIKE`."""
        spelt = [hit for bucket in self._buckets(term) for hit in process.extract(
            term, bucket, scorer=fuzz.ratio, processor=None, limit=WORD_LIMIT,
            score_cutoff=WORD_CUTOFF)]
        near = {word: score for word, score, _ in sorted(spelt, key=lambda h: -h[1])[:WORD_LIMIT]}
        for word in self._sounds.get(metaphone(term), ()) if len(term) > MIN_WORD else ():
            near[word] = max(near.get(word, 0.0), SOUNDS_ALIKE)
        return near

    def _buckets(self, term: str) -> list[list[str]]:
        """The words of names a misspelt ``term`` is compared with: those that begin with
        its first letter or have its second letter second (a letter changed, dropped or
        swapped further on; the first one changed), and those whose second letter is its
        first or whose first is its second (a first letter dropped or added). A word
        that keeps neither letter in place is found only by its sound. A twentieth or so
        of the words each, instead of all of them."""
        first, second = term[0], term[1] if len(term) > 1 else ""
        keys = {("1", first), ("2", second), ("2", first), ("1", second)}
        return [self._by_letter[k] for k in sorted(keys) if k in self._by_letter]

    def search(self, query: str, group: str | None = None, offset: int = 0) -> SearchPage:
        """A page of hits for a query string: ``limit`` (:data:`LIMIT`) hits of each group
        (of ``group`` alone, one of :data:`GROUPS`, when given) from ``offset``; ``more``
        says which groups have hits after the page. Each film hit has its ``directors``,
        each person hit the works they are best known for and their main role
        (:func:`~backtrace.store.hits.add_context`)."""
        group = group if group in GROUPS else None
        offset = max(0, min(offset, MAX_OFFSET))
        page = SearchPage(query, group, offset, LIMIT)
        if not fts.terms(query):
            return page
        self.maybe_refresh()
        wanted = (group,) if group else GROUPS
        upto = offset + LIMIT + 1  # one more than the page: whether there is a next one
        found: dict[str, list[Any]] = {name: [] for name in GROUPS}
        with self.store.read() as conn:
            if self._fts:
                for name in wanted:
                    found[name] = (fts.search_documents(conn, query, upto)
                                   if name == "documents" else fts.search_entities(
                                       conn, query, (_GROUP_TYPES[name],), upto))
            if not found["films"] and not found["people"] and wanted != ("documents",):
                close = self.fuzzy(query, upto)
                for name in set(wanted) - {"documents"}:
                    found[name] = [c for c in close if c.type == _GROUP_TYPES[name]]
                page.fuzzy = bool(found["films"] or found["people"])
            page.films = found["films"][offset:offset + LIMIT]
            page.people = found["people"][offset:offset + LIMIT]
            page.documents = found["documents"][offset:offset + LIMIT]
            for name in GROUPS:
                page.more[name] = len(found[name]) > offset + LIMIT
            add_context(conn, page.films, page.people)
        return page
