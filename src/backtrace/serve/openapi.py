"""A hand-written OpenAPI 3.1 description of the JSON endpoints (served at /openapi.json)."""

from __future__ import annotations

from typing import Any

import backtrace


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


NOT_FOUND = {"404": {"$ref": "#/components/responses/NotFound"}}

FILM_REF = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "year": {"type": ["integer", "null"]},
    },
}

SOURCE = {
    "type": "object",
    "required": ["document", "path", "start", "end", "text"],
    "properties": {
        "document": {"type": "string", "description": "document id (content hash)"},
        "path": {"type": "string"},
        "kind": {"type": "string", "enum": ["news", "encyclopedia", "review", "other"]},
        "date": {"type": ["string", "null"]},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "text": {"type": "string", "description": "exactly document.text[start:end]"},
        "sentence": {
            "type": "object",
            "properties": {
                "start": {"type": "integer"},
                "end": {"type": "integer"},
                "text": {"type": "string"},
            },
        },
    },
}

FACT = {
    "type": "object",
    "properties": {
        "value": {"description": "a name, an ISO date, minutes, or {amount, currency}"},
        "qualifiers": {"type": "object"},
        "status": {"type": "string", "enum": ["agreed", "conflict", "overridden"]},
        "believed": {"type": "boolean"},
        "confidence": {"type": "number"},
        "reason": {"type": "string"},
        "sources": {"type": "array", "items": _ref("Source")},
    },
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
            }
        },
    },
    "FilmRef": FILM_REF,
    "Source": SOURCE,
    "Fact": FACT,
    "Film": {
        "type": "object",
        "description": "The film record of docs/json-shape.md, with sentences.",
        "required": ["id", "title", "year", "facts"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "facts": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": _ref("Fact")},
            },
            "reception": {
                "type": "object",
                "description": "Critics' reviews and their aggregate (docs/json-shape.md).",
                "required": ["reviews", "aggregate"],
                "properties": {
                    "reviews": {"type": "array", "items": {"type": "object"}},
                    "aggregate": {"type": "object"},
                },
            },
        },
    },
    "Person": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "type": {"type": "string", "enum": ["person", "organization", "place"]},
            "name": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "filmography": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "film": _ref("FilmRef"),
                        "property": {"type": "string"},
                        "role": {"type": "string"},
                        "character": {"type": ["string", "null"]},
                        "description": {"type": ["string", "null"]},
                        "value": {},
                        "sources": {"type": "array", "items": _ref("Source")},
                    },
                },
            },
            "reviews_written": {  # a review (json-shape.md) with the film it is of
                "type": "array",
                "items": {"type": "object", "properties": {
                    "film": _ref("FilmRef"),
                    "critic": {"type": ["string", "null"]},
                    "outlet": {"type": ["string", "null"]},
                    "polarity": {"type": "string"},
                    "spans": {"type": "array", "items": {"type": "object"}},
                }},
            },
        },
    },
    "Document": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "path": {"type": "string"},
            "kind": {"type": "string"},
            "title": {"type": ["string", "null"]},
            "date": {"type": ["string", "null"]},
            "seq": {"type": "integer"},
            "film": _ref("FilmRef"),
            "text": {"type": "string"},
            "reviews": {
                "type": "array",
                "items": {"type": "object"},
                "description": "the reviews read from the document: polarity, probability, "
                "basis, aspects, spans; link: how a review document's film was found",
            },
            "claims": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "property": {"type": "string"},
                        "value": {},
                        "qualifiers": {"type": "object"},
                        "film": _ref("FilmRef"),
                        "value_entity_id": {"type": ["integer", "null"]},
                        "extractor": {"type": "string"},
                        "confidence": {"type": "number"},
                        "start": {"type": "integer"},
                        "end": {"type": "integer"},
                        "text": {"type": "string"},
                    },
                },
            },
        },
    },
    "Films": {
        "type": "object",
        "required": ["filter", "sort", "films", "next"],
        "properties": {
            "filter": {"type": "object"},
            "sort": {"enum": ["title", "year"]},
            "films": {"type": "array", "items": {
                "type": "object", "required": ["id", "title", "year", "directors"]}},
            "next": {"type": ["string", "null"]},
        },
    },
    "People": {
        "type": "object",
        "required": ["role", "people", "next"],
        "properties": {
            "role": {"type": ["string", "null"]},
            "people": {"type": "array", "items": {
                "type": "object", "required": ["id", "name", "films"]}},
            "next": {"type": ["string", "null"]},
        },
    },
    "Conflicts": {
        "type": "object",
        "required": ["conflicts", "next"],
        "properties": {
            "conflicts": {"type": "array", "items": {
                "type": "object",
                "required": ["film", "property", "status", "believed", "values"],
                "description": "values: the disputed facts, shaped as a film record's facts",
            }},
            "next": {"type": ["string", "null"]},
        },
    },
    "Home": {
        "type": "object",
        "properties": {
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "recent_documents": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Answer": {
        "type": "object",
        "required": ["question", "interpretation", "answers", "note"],
        "properties": {
            "question": {"type": "string"},
            "interpretation": {
                "type": "object",
                "description": "kind (film_property, person_films, character_actor, "
                "actor_character, reception; null when not understood), form, property, "
                "entity, filters, candidates",
            },
            "answers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["value", "entity", "sources"],
                    "properties": {
                        "value": {},
                        "text": {"type": "string"},
                        "entity": {"type": ["object", "null"]},
                        "film": _ref("FilmRef"),
                        "status": {"type": "string"},
                        "believed": {"type": "boolean"},
                        "disputed": {"type": "boolean"},
                        "sources": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["document", "path", "start", "end", "text"],
                                "description": "text: the sentence (document.text[start:end]) "
                                "holding span, the claim's own words",
                            },
                        },
                    },
                },
            },
            "note": {"type": ["string", "null"]},
        },
    },
    "SearchResult": {
        "type": "object",
        "properties": {
            "answer": {"description": "the query answered as a question, when it reads as one"},
            "query": {"type": "string"},
            "fuzzy": {"type": "boolean", "description": "names found by spelling similarity"},
            "films": {"type": "array", "items": {"type": "object"},
                      "description": "each with its year and believed directors"},
            "people": {"type": "array", "items": {"type": "object"},
                       "description": "each with the works they are best known for "
                                      "(known_for), their main role and how many works "
                                      "credit them"},
            "documents": {"type": "array", "items": {"type": "object"}},
            "group": {"type": ["string", "null"], "enum": ["films", "people", "documents",
                                                          None]},
            "offset": {"type": "integer"},
            "limit": {"type": "integer", "description": "hits of each group a page holds"},
            "more": {"type": "object", "description": "group -> whether hits follow"},
            "next": {"type": "object", "description": "group -> the URL of its next page "
                     "(null on its last); paging one group, also previous and all"},
        },
    },
}


def _get(
    summary: str, schema: str, params: list[dict[str, Any]] | None = None, missing: bool = True
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": _json(_ref(schema), "OK")} | (NOT_FOUND if missing else {}),
    }
    if params:
        op["parameters"] = params
    return {"get": op}


def _path_param(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _export_op() -> dict[str, Any]:
    """``/film/{id}.{ext}``: a film in each export format of the exporters table."""
    from backtrace.export.formats import film_forms

    forms = film_forms()
    content = {exporter.media_type_of(ext): {"schema": {"type": "string"}}
               for ext, (exporter, _) in sorted(forms.items())}
    return {"get": {
        "summary": "A film in an export format, by extension: "
                   + ", ".join(f".{ext} ({exporter.name})"
                               for ext, (exporter, _) in sorted(forms.items())),
        "parameters": [_path_param("id", {"type": "integer"}),
                       _path_param("ext", {"type": "string", "enum": sorted(forms)})],
        "responses": {"200": {"description": "OK", "content": content}} | NOT_FOUND,
    }}


def _query(name: str, kind: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": {"type": kind}}


_FILM_LIST_PARAMS = [_query(n, t) for n, t in (
    ("decade", "integer"), ("year", "integer"), ("genre", "string"), ("country", "string"),
    ("language", "string"), ("sort", "string"), ("after", "integer"))]


def _list_paths() -> dict[str, Any]:
    """The paged lists: films, people, conflicts."""
    return {
        "/films.json": _get(
            "The films, 50 a page, filtered and sorted (keyset paging: next is the URL of "
            "the page after, or null)",
            "Films",
            _FILM_LIST_PARAMS,
            missing=False,
        ),
        "/people.json": _get(
            "The people credited on some work (in a role), 50 a page by name, each with "
            "how many works credit them (keyset paging: next, or null)",
            "People",
            [_query("role", "string"), _query("after", "integer")],
            missing=False,
        ),
        "/conflicts.json": _get(
            "Every disputed property across the store, 50 films a page (keyset paging: "
            "next is the URL of the page after, or null)",
            "Conflicts",
            [_query("after", "integer")],
            missing=False,
        ),
    }


def spec() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "backtrace",
            "version": backtrace.__version__,
            "description": "Read-only JSON twins of the web pages: every fact with its sources. "
            "Each path below without .json is the same data as HTML.",
        },
        "paths": {
            "/index.json": _get("Counts and recently ingested documents", "Home", missing=False),
            "/search.json": _get(
                "Films, people and documents matching a query (prefix; typo-tolerant names)",
                "SearchResult",
                [{"name": "q", "in": "query", "required": False, "schema": {"type": "string"}},
                 {"name": "group", "in": "query", "required": False,
                  "schema": {"type": "string", "enum": ["films", "people", "documents"]}},
                 {"name": "offset", "in": "query", "required": False,
                  "schema": {"type": "integer", "minimum": 0}}],
                missing=False,
            ),
            "/ask.json": _get(
                "A question about films answered from the store, each answer with the "
                "sentences that state it (no answers and a note when it cannot be)",
                "Answer",
                [{"name": "q", "in": "query", "required": False, "schema": {"type": "string"}}],
                missing=False,
            ),
            **_list_paths(),
            "/film/{id}.json": _get(
                "A film record", "Film", [_path_param("id", {"type": "integer"})]
            ),
            "/film/{id}.{ext}": _export_op(),
            "/person/{id}.json": _get(
                "A person (or organisation) with aliases, filmography and reviews written",
                "Person",
                [_path_param("id", {"type": "integer"})],
            ),
            "/document/{id}.json": _get(
                "A document's text and claims", "Document", [_path_param("id", {"type": "string"})]
            ),
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": {"NotFound": _json(_ref("Error"), "No such resource")},
        },
    }
