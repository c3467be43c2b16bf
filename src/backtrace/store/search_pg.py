"""Full-text search on PostgreSQL: its own text search where SQLite has FTS5.

Two tables, created by the migration ``0008_postgres_search``, each a ``tsvector`` with a
GIN index, kept current by the writers as the FTS5 tables are (``0011_incremental_search``:
a trigger indexes a document as it is stored, and notes in ``search_dirty`` the entities
whose name or aliases changed, for :func:`refresh_changed`); :func:`refresh` rebuilds them:

- ``search_entities``: one row per entity, ``id`` = the entity id, its name (weight A)
  and every alias (weight B);
- ``search_documents``: one row per document, its title (A) and text (B).

Words are read with the ``simple`` configuration (no stemming, as FTS5's ``unicode61``)
and without accents (``unaccent``, as ``remove_diacritics``). Misspelt names are found by
trigrams (``pg_trgm``, a GIN index on the lower-cased names), where SQLite's store has
them compared in Python. The query is a ``tsquery`` of quoted words (the last one a
prefix), built from the words of the user's input: no user syntax reaches it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from backtrace.store.hits import EntityHit

# Static DDL with no user input. pg_trgm and unaccent are trusted extensions (PostgreSQL
# 13 and later): the owner of a database may create them there.
CREATE_STATEMENTS = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_entities (id INTEGER PRIMARY KEY, words TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_entities_words ON search_entities USING GIN (words)",
    "CREATE TABLE IF NOT EXISTS search_documents"
    " (id VARCHAR(32) PRIMARY KEY, words TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_words ON search_documents USING GIN (words)",
    "CREATE INDEX IF NOT EXISTS ix_entities_name_trgm ON entities"
    " USING GIN (lower(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS ix_documents_seq ON documents (seq)",
)

# A document's text is indexed up to here: a tsvector holds at most 1 MB.
MAX_INDEXED = 200_000
# Relative weights of a name and its aliases, of a title and its text (FTS5's bm25 weighs
# them 10 : 3 and 5 : 1); the order is {D, C, B, A}.
ENTITY_WEIGHTS = "{0, 0, 0.3, 1.0}"
DOCUMENT_WEIGHTS = "{0, 0, 0.2, 1.0}"
SNIPPET_WORDS = 16
TRIGRAM_CUTOFF = 0.45  # how alike (0 to 1) a misspelt query and a name must be


_DOCUMENT_WORDS = ("setweight(to_tsvector('simple', unaccent(coalesce({row}.title, ''))), 'A') ||"
                   " setweight(to_tsvector('simple', unaccent(left({row}.text, {most}))), 'B')")
_ENTITY_WORDS = ("setweight(to_tsvector('simple', unaccent(e.name)), 'A') ||"
                 " setweight(to_tsvector('simple', unaccent(coalesce((SELECT string_agg(a.alias,"
                 " ' ' ORDER BY a.alias) FROM aliases a WHERE a.entity_id = e.id), ''))), 'B')")
# The writers' triggers (0011_incremental_search); static DDL with no user input.
INCREMENTAL_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS search_dirty (entity_id INTEGER PRIMARY KEY)",
    "CREATE OR REPLACE FUNCTION backtrace_search_entity() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " IF TG_OP <> 'INSERT' THEN INSERT INTO search_dirty VALUES (OLD.id)"
    " ON CONFLICT DO NOTHING; END IF;"
    " IF TG_OP <> 'DELETE' THEN INSERT INTO search_dirty VALUES (NEW.id)"
    " ON CONFLICT DO NOTHING; END IF;"
    " RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION backtrace_search_alias() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " IF TG_OP <> 'INSERT' THEN INSERT INTO search_dirty VALUES (OLD.entity_id)"
    " ON CONFLICT DO NOTHING; END IF;"
    " IF TG_OP <> 'DELETE' THEN INSERT INTO search_dirty VALUES (NEW.entity_id)"
    " ON CONFLICT DO NOTHING; END IF;"
    " RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION backtrace_search_document() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " IF TG_OP <> 'INSERT' THEN DELETE FROM search_documents WHERE id = OLD.id; END IF;"
    " IF TG_OP <> 'DELETE' THEN INSERT INTO search_documents (id, words) VALUES (NEW.id, "
    + _DOCUMENT_WORDS.format(row="NEW", most=MAX_INDEXED) + "); END IF;"
    " RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS search_entity ON entities",
    "CREATE TRIGGER search_entity AFTER INSERT OR DELETE OR UPDATE OF name ON entities"
    " FOR EACH ROW EXECUTE FUNCTION backtrace_search_entity()",
    "DROP TRIGGER IF EXISTS search_alias ON aliases",
    "CREATE TRIGGER search_alias AFTER INSERT OR DELETE OR UPDATE ON aliases"
    " FOR EACH ROW EXECUTE FUNCTION backtrace_search_alias()",
    "DROP TRIGGER IF EXISTS search_document ON documents",
    "CREATE TRIGGER search_document AFTER INSERT OR DELETE OR UPDATE OF title, text ON documents"
    " FOR EACH ROW EXECUTE FUNCTION backtrace_search_document()",
)


def make_incremental(conn: Connection) -> None:
    for statement in INCREMENTAL_STATEMENTS:
        conn.execute(text(statement))


def create_tables(conn: Connection) -> None:
    for statement in CREATE_STATEMENTS:
        conn.execute(text(statement))


def available(conn: Connection) -> bool:
    return bool(conn.execute(text("SELECT to_regclass('search_entities') IS NOT NULL")).scalar())


def refresh(conn: Connection) -> None:
    """Rebuild both tables from entities, aliases and documents."""
    conn.execute(text("DELETE FROM search_documents"))
    conn.execute(text("INSERT INTO search_documents (id, words) SELECT d.id, "
                      + _DOCUMENT_WORDS.format(row="d", most=":most") + " FROM documents d"),
                 {"most": MAX_INDEXED})
    conn.execute(text("DELETE FROM search_entities"))
    conn.execute(text(f"INSERT INTO search_entities (id, words) SELECT e.id, {_ENTITY_WORDS}"
                      " FROM entities e"))


def refresh_changed(conn: Connection) -> None:
    """Index again the entities noted in ``search_dirty`` (the caller empties it)."""
    changed = "(SELECT entity_id FROM search_dirty)"
    conn.execute(text(f"DELETE FROM search_entities WHERE id IN {changed}"))
    conn.execute(text(f"INSERT INTO search_entities (id, words) SELECT e.id, {_ENTITY_WORDS}"
                      f" FROM entities e WHERE e.id IN {changed}"))


def tsquery(words: list[str], prefix: bool) -> str:
    """``["grace", "whit"]`` -> ``'grace' & 'whit':*`` (words are ``\\w+``: no quote)."""
    quoted = [f"'{w}'" for w in words]
    if prefix:
        quoted[-1] += ":*"
    return " & ".join(quoted)


def search_entities(
    conn: Connection, query: str, types: tuple[str, ...], limit: int
) -> list[EntityHit]:
    rows = conn.execute(
        text(
            "SELECT e.id, e.type, e.name, e.year, -ts_rank(CAST(:weights AS real[]), s.words, q)"
            " AS score FROM search_entities s JOIN entities e ON e.id = s.id,"
            " to_tsquery('simple', unaccent(:q)) q"
            " WHERE s.words @@ q AND e.type = ANY(:types) ORDER BY score, e.id LIMIT :limit"
        ),
        {"q": query, "types": list(types), "limit": limit, "weights": ENTITY_WEIGHTS},
    )
    return [EntityHit(r.id, r.type, r.name, r.year or None, r.score) for r in rows]


def search_documents(
    conn: Connection, query: str, limit: int, marks: tuple[str, str]
) -> list[Any]:
    """Rows of the best documents with a ``snip`` (the words around a match, each match
    between ``marks``) and a ``score`` (lower is better, as bm25's)."""
    options = (f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords={SNIPPET_WORDS},"
               " MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…")
    return conn.execute(
        text(
            "WITH q AS (SELECT to_tsquery('simple', unaccent(:q)) AS q),"
            " hits AS (SELECT s.id, ts_rank(CAST(:weights AS real[]), s.words, q.q) AS rank"
            " FROM search_documents s, q WHERE s.words @@ q.q ORDER BY rank DESC, s.id"
            " LIMIT :limit)"
            " SELECT d.id, d.path, d.kind, d.title, d.date, d.film_id,"
            " ts_headline('simple', d.text, q.q, :options) AS snip, -h.rank AS score"
            " FROM hits h JOIN documents d ON d.id = h.id, q ORDER BY h.rank DESC, d.id"
        ),
        {"q": query, "limit": limit, "weights": DOCUMENT_WEIGHTS, "options": options},
    ).all()


def similar_names(
    conn: Connection, query: str, types: tuple[str, ...], limit: int
) -> list[EntityHit]:
    """Entities of ``types`` whose name is spelt nearly as ``query`` is, whole or word by
    word (``pg_trgm``'s similarity and word similarity), best first; score 0 to 100."""
    rows = conn.execute(
        text(
            "SELECT id, type, name, year, greatest(similarity(lower(name), :q),"
            " word_similarity(:q, lower(name))) AS score FROM entities"
            " WHERE type = ANY(:types) AND (lower(name) % :q OR :q <% lower(name))"
            " ORDER BY score DESC, id LIMIT :limit"
        ),
        {"q": query.lower(), "types": list(types), "limit": limit * 4},
    ).all()
    return [EntityHit(r.id, r.type, r.name, r.year or None, round(r.score * 100, 1))
            for r in rows if r.score >= TRIGRAM_CUTOFF][:limit]
