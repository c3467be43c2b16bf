"""Full-text search over films, people and documents (SQLite FTS5; PostgreSQL's own text
search on PostgreSQL, in :mod:`backtrace.store.search_pg`, behind the same functions).

FTS5 tables, created by the migration ``0002_search``:

- ``search_entities``: one row per entity, ``rowid`` = the entity id, columns ``name`` and
  ``aliases`` (every alias of the entity, space separated); it keeps its own copy of them
  (it was contentless before ``0011``), so a row is replaced by its rowid. Since
  ``0014_search_films`` films have a table of their own, ``search_films``, of the same
  shape: a query for films never reads a person's row, nor one for people a film's (a
  common word's first matches in the index's order could all be of the other kind);
- ``search_documents``: external content over ``documents`` (``title``, ``text``), so the
  text is not stored twice and ``snippet()`` reads it from ``documents``.

The writers keep it current (migration ``0011_incremental_search``): triggers index a
document as it is stored (SQLite's recipe for external-content tables), and note in
``search_dirty`` every entity whose name or aliases changed, which :func:`ensure_fresh`
(the end of every ingest) indexes again, and only those. So an ingest costs the index what
it added, not the size of the store. :func:`refresh_search` still rebuilds the whole index
(``backtrace check --repair``). :func:`is_stale` says whether entities wait to be indexed,
or a signature of the tables differs from the one stored in ``search_meta`` when the index
last caught up. User input never reaches MATCH as syntax: :func:`match_expression` turns it
into quoted terms (the last one a prefix).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, func, select, text

from backtrace.keys import name_key, title_key
from backtrace.store import search_pg
from backtrace.store.hits import DocumentHit, EntityHit, SnippetPiece
from backtrace.store.schema import claims, entities

SIGNATURE_KEY = "signature"
MAX_TERMS = 12
MIN_PREFIX = 3  # shorter words match whole words only
RANK_CAP = 2000  # matches ranked by bm25 at most; past it the index's order, bounded
PREFIXES = "3 4 5 6"  # prefix lengths the FTS5 tables index (0012_search_prefixes)
_WORD = re.compile(r"\w+", re.UNICODE)
TOKENIZER = "unicode61 remove_diacritics 2"

# Run by the migration (SQLite only); static DDL with no user input.
CREATE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_entities USING fts5("
    f"name, aliases, content='', tokenize='{TOKENIZER}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5("
    f"title, text, content='documents', content_rowid='rowid', tokenize='{TOKENIZER}')",
    "CREATE INDEX IF NOT EXISTS ix_documents_seq ON documents (seq)",
)


# The writers' triggers (migration 0011, SQLite): name, event, body. Static DDL with no
# user input; a body names only the row it fires for.
_DIRTY = "INSERT OR IGNORE INTO search_dirty (entity_id) VALUES"
_DOC_OUT = ("INSERT INTO search_documents (search_documents, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text);")
_DOC_IN = ("INSERT INTO search_documents (rowid, title, text) "
           "VALUES (new.rowid, new.title, new.text);")
TRIGGERS = (
    ("search_entity_in", "AFTER INSERT ON entities", f"{_DIRTY} (new.id);"),
    ("search_entity_named", "AFTER UPDATE OF name, type ON entities", f"{_DIRTY} (new.id);"),
    ("search_entity_out", "AFTER DELETE ON entities", f"{_DIRTY} (old.id);"),
    ("search_alias_in", "AFTER INSERT ON aliases", f"{_DIRTY} (new.entity_id);"),
    ("search_alias_out", "AFTER DELETE ON aliases", f"{_DIRTY} (old.entity_id);"),
    ("search_alias_changed", "AFTER UPDATE ON aliases",
     f"{_DIRTY} (old.entity_id); {_DIRTY} (new.entity_id);"),
    ("search_document_in", "AFTER INSERT ON documents", _DOC_IN),
    ("search_document_out", "AFTER DELETE ON documents", _DOC_OUT),
    ("search_document_changed", "AFTER UPDATE OF title, text ON documents", _DOC_OUT + _DOC_IN),
)
INCREMENTAL_STATEMENTS = (
    "DROP TABLE IF EXISTS search_entities",
    f"CREATE VIRTUAL TABLE search_entities USING fts5(name, aliases, tokenize='{TOKENIZER}')",
    "CREATE TABLE IF NOT EXISTS search_dirty (entity_id INTEGER PRIMARY KEY)",
    *(f"CREATE TRIGGER IF NOT EXISTS {name} {event} BEGIN {body} END"
      for name, event, body in TRIGGERS),
)


# The migration 0012_search_prefixes (SQLite): both tables again, with a prefix index
# (``PREFIXES``), so that a prefix query reads its own list, in the index's order and only
# as far as it needs, instead of merging the lists of every word it begins (all the
# matches, before the first one is known). Static DDL with no user input.
PREFIX_STATEMENTS = (
    "DROP TABLE IF EXISTS search_entities",
    f"CREATE VIRTUAL TABLE search_entities USING fts5(name, aliases, tokenize='{TOKENIZER}',"
    f" prefix='{PREFIXES}')",
    "DROP TABLE IF EXISTS search_documents",
    "CREATE VIRTUAL TABLE search_documents USING fts5(title, text, content='documents',"
    f" content_rowid='rowid', tokenize='{TOKENIZER}', prefix='{PREFIXES}')",
)


# The migration 0014_search_films (SQLite): the films' own table, the others' emptied of them
# (both filled again), and the trigger that notes a renamed entity noting a retyped one too.
# Static DDL with no user input.
FILM_STATEMENTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_films USING fts5(name, aliases,"
    f" tokenize='{TOKENIZER}', prefix='{PREFIXES}')",
    "DROP TRIGGER IF EXISTS search_entity_named",
    "CREATE TRIGGER search_entity_named {} BEGIN {} END".format(*TRIGGERS[1][1:]),
)
FILMS, OTHERS = "search_films", "search_entities"  # the entities' tables, by type


def create_search_tables(conn: Connection) -> None:
    """The migration step: the FTS5 tables and their meta table (SQLite only)."""
    if conn.dialect.name != "sqlite":
        return
    for statement in CREATE_STATEMENTS:
        conn.execute(text(statement))


def create_postgres_search(conn: Connection) -> None:
    """The migration step: PostgreSQL's search tables (nothing to do on SQLite)."""
    if conn.dialect.name == "postgresql":
        search_pg.create_tables(conn)


def make_incremental(conn: Connection) -> None:
    """The migration step ``0011_incremental_search``: the writers' triggers (on either
    database), and the index rebuilt once with them."""
    if conn.dialect.name == "postgresql":
        search_pg.make_incremental(conn)
    elif available(conn):
        for statement in INCREMENTAL_STATEMENTS:
            conn.execute(text(statement))
    else:
        return
    refresh_search(conn)


def index_prefixes(conn: Connection) -> None:
    """The migration step ``0012_search_prefixes``: the FTS5 tables made again with a
    prefix index, and rebuilt (SQLite; PostgreSQL's GIN index needs none)."""
    if not available(conn):
        return
    for statement in PREFIX_STATEMENTS:
        conn.execute(text(statement))
    refresh_search(conn)


def index_films(conn: Connection) -> None:
    """The migration step ``0014_search_films``: films indexed in a table of their own
    (SQLite; PostgreSQL filters its GIN matches by type)."""
    if not available(conn):
        return
    for statement in FILM_STATEMENTS:
        conn.execute(text(statement))
    _index_entities(conn)
    _caught_up(conn)


def indexed(conn: Connection) -> bool:
    """Whether this database has a search index: FTS5 tables, or PostgreSQL's."""
    if conn.dialect.name == "postgresql":
        return search_pg.available(conn)
    return available(conn)


def available(conn: Connection) -> bool:
    """Whether this database has the FTS5 tables (SQLite with the migration applied): what
    a raw ``MATCH`` query needs. :func:`indexed` says whether it has any index."""
    if conn.dialect.name != "sqlite":
        return False
    row = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_entities'")
    ).first()
    return row is not None


def signature(conn: Connection) -> str:
    """A cheap summary of what the index is built from; it changes whenever they do."""
    row = conn.execute(
        text(
            "SELECT (SELECT count(*) FROM documents),"
            " (SELECT coalesce(max(seq), 0) FROM documents), (SELECT count(*) FROM entities),"
            " (SELECT coalesce(max(id), 0) FROM entities),"
            " (SELECT count(*) FROM aliases)"
        )
    ).one()
    return ":".join(str(v) for v in row)


def stored_signature(conn: Connection) -> str | None:
    return conn.execute(
        text("SELECT value FROM search_meta WHERE key = :key"), {"key": SIGNATURE_KEY}
    ).scalar()


def is_stale(conn: Connection) -> bool:
    """Whether entities wait to be indexed, or the tables changed since the index last
    caught up (a store written behind its back)."""
    return _waiting(conn) or stored_signature(conn) != signature(conn)


def _waiting(conn: Connection) -> bool:
    return conn.execute(text("SELECT 1 FROM search_dirty LIMIT 1")).first() is not None


def refresh_search(conn: Connection) -> str:
    """Rebuild both indexes from entities, aliases and documents; return the new signature.

    Call inside a transaction (``engine.begin()``)."""
    if conn.dialect.name == "postgresql":
        search_pg.refresh(conn)
    else:
        _refresh_fts5(conn)
    conn.execute(text("DELETE FROM search_dirty"))
    return _caught_up(conn)


def _caught_up(conn: Connection) -> str:
    """Store the signature of what the index now reflects; return it."""
    sig = signature(conn)
    conn.execute(
        text(
            "INSERT INTO search_meta (key, value) VALUES (:key, :value) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"key": SIGNATURE_KEY, "value": sig},
    )
    return sig


def _refresh_fts5(conn: Connection) -> None:
    conn.execute(text("INSERT INTO search_documents(search_documents) VALUES ('rebuild')"))
    _index_entities(conn)


def _index_entities(conn: Connection, changed: str = "") -> None:
    """Index the entities again (those whose ids ``changed``, a subquery, when given): each
    one's row, in the films' table or the others' (every entity in the others' on a store
    that has not had ``0014`` yet: a store migrating through ``0011`` and ``0012``)."""
    films = _has_films(conn)
    for table, where in ((FILMS, "e.type = 'film'"), (OTHERS, "e.type <> 'film'")):
        if table == FILMS and not films:
            continue
        mine = f"rowid IN {changed}" if changed else "1"
        conn.execute(text(f"DELETE FROM {table} WHERE {mine}"))
        which = " AND ".join(c for c in (where if films else "",
                                          f"e.id IN {changed}" if changed else "") if c)
        conn.execute(text(f"INSERT INTO {table} (rowid, name, aliases) {_ENTITY_ROWS}"
                          + (f" WHERE {which}" if which else "")))


def _has_films(conn: Connection) -> bool:
    return conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                             f"AND name = '{FILMS}'")).first() is not None


# an entity's row of the index: its name, and its aliases in one column
_ENTITY_ROWS = ("SELECT e.id, e.name, coalesce((SELECT group_concat(a.alias, ' ') FROM aliases a"
                " WHERE a.entity_id = e.id), '') FROM entities e")


def _refresh_changed(conn: Connection) -> None:
    """Index again the entities the triggers noted, and only them."""
    if conn.dialect.name == "postgresql":
        search_pg.refresh_changed(conn)
    else:
        _index_entities(conn, "(SELECT entity_id FROM search_dirty)")
    conn.execute(text("DELETE FROM search_dirty"))


def ensure_fresh(conn: Connection) -> bool:
    """Bring the index up to date with what the writers noted (the entities that changed;
    documents are indexed as they are stored); return whether anything had changed."""
    if not indexed(conn):
        return False
    waiting = _waiting(conn)
    if waiting:
        _refresh_changed(conn)
    if waiting or stored_signature(conn) != signature(conn):
        _caught_up(conn)
        return True
    return False


def terms(query: str) -> list[str]:
    """The words of a query, lower-cased, at most ``MAX_TERMS``."""
    return [w.lower() for w in _WORD.findall(query)][:MAX_TERMS]


def match_expression(query: str) -> str | None:
    """User input as an FTS5 expression of quoted terms (``"grace" "whit"*``).

    Every word matches whole words, except the last (the one still being typed), which
    also matches as a prefix when it has at least ``MIN_PREFIX`` characters. A prefix on
    every word, or a one- or two-letter one, matches most documents ("a"*, "the"*), and
    ranking them all costs hundreds of milliseconds for nothing. Only word characters
    survive, each inside double quotes, so no user syntax (``NEAR``, ``:``, ``^``,
    unbalanced quotes) reaches FTS5. None when the query has no words."""
    words = terms(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if len(words[-1]) >= MIN_PREFIX:
        quoted[-1] += "*"
    return " ".join(quoted)


# Words nearly every document holds: the documents' search leaves them out of a query that
# has other words ("A Belvedere" reads as "belvedere"): at a million documents, intersecting
# their lists cost about 20 ms a query, and they narrow nothing.
COMMON_WORDS = frozenset({"a", "an", "the", "of", "on", "in", "and", "to", "at", "by", "for",
                          "with", "is", "it", "as", "from"})


def document_expression(query: str) -> str | None:
    """:func:`match_expression` for the documents' text, its :data:`COMMON_WORDS` left
    out when other words remain (the last word a prefix only if it is kept).

        document_expression("A Belvedere")  # '"belvedere"*'
        document_expression("Captain On")   # '"captain"'
        document_expression("The")          # '"the"*'
    """
    words = terms(query)
    keep = [i for i, w in enumerate(words) if w not in COMMON_WORDS] or range(len(words))
    last = len(words) - 1
    quoted = [f'"{words[i]}"' + ("*" if i == last and len(words[i]) >= MIN_PREFIX else "")
              for i in keep]
    return " ".join(quoted) or None


def search_entities(
    conn: Connection, query: str, types: tuple[str, ...], limit: int = 20
) -> list[EntityHit]:
    """Entities of ``types`` whose name or an alias matches every word (as a prefix), best
    first: bm25 (the name weighs more than the aliases) when at most :data:`RANK_CAP`
    entities of the table of their kind (films, or the others) match, else
    :func:`_entities_by_name` (the cost of bm25 grows with the matches: a common word
    would be scored on every entity holding it)."""
    expr = match_expression(query)
    if expr is None or not types:
        return []
    if conn.dialect.name == "postgresql":
        words = terms(query)
        return search_pg.search_entities(
            conn, search_pg.tsquery(words, len(words[-1]) >= MIN_PREFIX), types, limit)
    hits: list[EntityHit] = []
    for table, kinds in _tables(types):
        if _matches(conn, table, expr) >= RANK_CAP:
            hits += _entities_by_name(conn, table, query, expr, kinds, limit)
        else:
            hits += _ranked_entities(conn, table, expr, kinds, limit)
    if len(types) > 1:
        hits.sort(key=lambda h: (h.score, h.id))
    return hits[:limit]


def _tables(types: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The index tables holding entities of ``types``, each with the types it holds (a store
    is searched once migrated: it has the films' table)."""
    others = tuple(t for t in types if t != "film")
    return ([(FILMS, ("film",))] if "film" in types else []) + ([(OTHERS, others)] if others
                                                                 else [])


def _ranked_entities(conn: Connection, table: str, expr: str, types: tuple[str, ...],
                     limit: int) -> list[EntityHit]:
    """The best ``limit`` entities of ``types`` matching ``expr`` in ``table`` by bm25 (the
    name weighing more than the aliases)."""
    placeholders, params = _types(types)
    params.update(q=expr, limit=limit)
    rows = conn.execute(
        text(
            f"SELECT e.id, e.type, e.name, e.year, bm25({table}, 10.0, 3.0) AS score "
            f"FROM {table} JOIN entities e ON e.id = {table}.rowid "
            f"WHERE {table} MATCH :q AND e.type IN ({placeholders}) "
            "ORDER BY score, e.id LIMIT :limit"
        ),
        params,
    )
    return [EntityHit(r.id, r.type, r.name, r.year or None, r.score) for r in rows]


def _types(types: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """``:t0, :t1`` and their parameters."""
    return (", ".join(f":t{i}" for i in range(len(types))),
            {f"t{i}": t for i, t in enumerate(types)})


def _matches(conn: Connection, table: str, expr: str) -> int:
    """How many rows of ``table`` (an FTS5 table) match ``expr``, counted up to
    :data:`RANK_CAP`: read in the index's order, and no further (a prefix of three to six
    letters reads its own list of the prefix index, ``0012_search_prefixes``)."""
    return int(conn.execute(
        text(f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH :q "
             "LIMIT :cap)"), {"q": expr, "cap": RANK_CAP}).scalar() or 0)


def _entities_by_name(conn: Connection, table: str, query: str, expr: str,
                      types: tuple[str, ...], limit: int) -> list[EntityHit]:
    """Best first among too many matches to rank them all: the entities named exactly so
    (by their key), then those whose name matches, then those an alias matches; each of
    the last two among the first :data:`RANK_CAP` matches of ``table`` in the index's
    order (by id),
    the names of fewer words first (as bm25 would rank them), then by id. ``score`` is the
    hit's place (lower is better, as bm25's)."""
    placeholders, params = _types(types)
    exact = conn.execute(
        select(entities.c.id, entities.c.type, entities.c.name, entities.c.year)
        .where(entities.c.type.in_(types),
               entities.c.key.in_({title_key(query), name_key(query)}))
        .order_by(entities.c.id).limit(limit)
    ).all()
    hits = [EntityHit(r.id, r.type, r.name, r.year or None, 0.0) for r in exact]
    seen = {r.id for r in exact}
    for matched in (f"name : ({expr})", expr):
        if len(hits) >= limit:
            break
        rows = conn.execute(
            text(
                f"SELECT e.id, e.type, e.name, e.year FROM (SELECT rowid FROM {table}"
                f" WHERE {table} MATCH :q LIMIT :cap) s JOIN entities e ON e.id = s.rowid"
                f" WHERE e.type IN ({placeholders})"
                " ORDER BY length(e.name) - length(replace(e.name, ' ', '')), e.id LIMIT :limit"
            ),
            {**params, "q": matched, "cap": RANK_CAP, "limit": limit + len(seen)},
        )
        for r in rows:
            if r.id not in seen:
                seen.add(r.id)
                hits.append(EntityHit(r.id, r.type, r.name, r.year or None, float(len(hits))))
    return hits[:limit]


def entity_names(
    conn: Connection, types: tuple[str, ...]
) -> list[tuple[int, str, str, int | None]]:
    """(id, type, name, year or None) of every entity of ``types``, by id: the names a
    typo-tolerant search compares a query with when the index finds nothing."""
    rows = conn.execute(
        select(entities.c.id, entities.c.type, entities.c.name, entities.c.year)
        .where(entities.c.type.in_(types))
        .order_by(entities.c.id)
    ).all()
    return [(r.id, r.type, r.name, r.year or None) for r in rows]


def entity_weights(conn: Connection) -> dict[int, int]:
    """How much the store says of each entity: the claims naming it as a value (a
    person's credits) plus those about it (a film's facts); the better known first when a
    typo-tolerant search finds several names equally close."""
    weights: dict[int, int] = {}
    for column in (claims.c.value_entity_id, claims.c.subject_id):
        for ident, n in conn.execute(select(column, func.count()).where(column.is_not(None))
                                     .group_by(column)):
            weights[ident] = weights.get(ident, 0) + n
    return weights


SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


def search_documents(conn: Connection, query: str, limit: int = 20) -> list[DocumentHit]:
    """Documents whose title or text matches every word (as a prefix), best first (bm25,
    the title weighing more than the text) when at most :data:`RANK_CAP` match, else the
    newest first (``score`` None: too many to rank), each with a snippet. Words nearly
    every document holds are left out when the query has others
    (:func:`document_expression`)."""
    expr = document_expression(query)
    if expr is None:
        return []
    if conn.dialect.name == "postgresql":
        words = terms(query)
        rows = search_pg.search_documents(
            conn, search_pg.tsquery(words, len(words[-1]) >= MIN_PREFIX), limit,
            (SNIPPET_OPEN, SNIPPET_CLOSE))
    else:
        rows = _fts5_documents(conn, expr, limit,
                               ranked=_matches(conn, "search_documents", expr) < RANK_CAP)
    return [DocumentHit(r.id, r.path, r.kind, r.title, r.date, r.film_id,
                        split_snippet(r.snip or ""), r.score) for r in rows]


def _fts5_documents(conn: Connection, expr: str, limit: int, ranked: bool) -> list[Any]:
    """The best ``limit`` documents by bm25 when ``ranked``, else the newest (the index
    read backwards, as far as ``limit``: no score)."""
    score, order = (("bm25(search_documents, 5.0, 1.0)", "score") if ranked
                    else ("NULL", "search_documents.rowid DESC"))
    return conn.execute(
        text(
            "SELECT d.id, d.path, d.kind, d.title, d.date, d.film_id,"
            " snippet(search_documents, 1, :open, :close, '…', 16) AS snip,"
            f" {score} AS score "
            "FROM search_documents JOIN documents d ON d.rowid = search_documents.rowid "
            f"WHERE search_documents MATCH :q ORDER BY {order} LIMIT :limit"
        ),
        {"q": expr, "limit": limit, "open": SNIPPET_OPEN, "close": SNIPPET_CLOSE},
    ).all()


def similar_names(
    conn: Connection, query: str, types: tuple[str, ...], limit: int = 20
) -> list[EntityHit] | None:
    """Entities of ``types`` whose name is spelt nearly as ``query`` (misspellings), found
    by the database (PostgreSQL's trigrams), best first; None where the database has no
    such index (SQLite: the caller compares :func:`entity_names` itself)."""
    if conn.dialect.name != "postgresql" or not terms(query):
        return None
    return search_pg.similar_names(conn, query, types, limit)


def split_snippet(snip: str) -> list[SnippetPiece]:
    """``"a \\x02b\\x03 c"`` -> ``[SnippetPiece("a ", False), SnippetPiece("b", True), ...]``."""
    return [SnippetPiece(part, i % 2 == 1)
            for i, part in enumerate(re.split(f"[{SNIPPET_OPEN}{SNIPPET_CLOSE}]", snip)) if part]
