"""The one-round-trip lookups the linking process of ``ingest --dask`` leans on
(``EntityIndex.find_or_create``, ``find_works_or_create``: one statement on PostgreSQL)
give what a lookup then a creation gives, on SQLite and PostgreSQL: the entity found
(the first of its key; for a person known only as another's name, the one it went to),
else a new one, whose id is the next one either way."""

from __future__ import annotations

import pytest

import backtrace
from backtrace.model import EntityType
from pgserver import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def test_find_or_create_is_a_lookup_then_a_creation(kb: backtrace.KnowledgeBase) -> None:
    with kb.store.transaction() as w:
        first = w.create_entity(EntityType.PERSON, "Odile Marsh", "odile marsh", 0)
        w.create_entity(EntityType.PERSON, "Odile Marsh", "odile marsh", 1950)  # a second
        merged = w.create_entity(EntityType.PERSON, "Pell Anders", "pell anders", 0)
        w.add_alias(merged, "Pel Anders", "pel anders", "alias")  # her name, merged in
        for twice in ("Tam Roe", "Tamm Roe"):
            w.add_alias(w.create_entity(EntityType.PERSON, twice, twice.lower(), 0),
                        "T. Roe", "t roe", "alias")  # one name of two people: neither
        w.flush_alias_spans()
        assert w.find_or_create(EntityType.PERSON, "Odile Marsh", "odile marsh") == first
        assert w.find_or_create(EntityType.PERSON, "Pel Anders", "pel anders") == merged
        made = w.find_or_create(EntityType.PERSON, "T. Roe", "t roe")
        assert made == merged + 3 and w.find_entities(EntityType.PERSON, "t roe") == [(made, 0)]
        company = w.find_or_create(EntityType.ORGANIZATION, "Pel Anders", "pel anders")
        assert company == made + 1  # another type: another entity
        assert w.find_or_create(EntityType.ORGANIZATION, "Pel Anders", "pel anders") == company


def test_find_works_or_create_is_a_lookup_then_a_creation(kb: backtrace.KnowledgeBase
                                                          ) -> None:
    with kb.store.transaction() as w:
        carmine = w.create_entity(EntityType.FILM, "Carmine", "carmine", 1915)
        second = w.create_entity(EntityType.FILM, "Carmine", "carmine #2", 1915)
        w.create_entity(EntityType.FILM, "Carmine Road", "carmine road", 1990)  # not a sense
        found, made = w.find_works_or_create(EntityType.FILM, "carmine", "Carmine", 1932)
        assert made is None and found == w.find_works(EntityType.FILM, "carmine")
        assert [work.id for work in found] == [carmine, second]
        found, made = w.find_works_or_create(EntityType.FILM, "carm", "Carm", 2001)
        assert found == [] and made == second + 2
        assert w.find_works(EntityType.FILM, "carm") == [(made, 2001, "carm")]
        found, made = w.find_works_or_create(EntityType.TV_SERIES, "carmine", "Carmine", 0)
        assert found == [] and made == second + 3  # a series is not one of the films
