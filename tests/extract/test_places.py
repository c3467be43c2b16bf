from __future__ import annotations

import pytest

from backtrace.extract.normalize import (
    DEMONYMS,
    GENRES,
    country_from_demonym,
    is_genre,
    normalize_country,
    split_places,
)


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("American", "United States"), ("British", "United Kingdom"), ("Indian", "India"),
        ("French", "France"), ("German", "Germany"), ("Canadian", "Canada"),
        ("Australian", "Australia"), ("Japanese", "Japan"), ("Chinese", "China"),
        ("Hong Kong", "Hong Kong"), ("South Korean", "South Korea"), ("Italian", "Italy"),
        ("Spanish", "Spain"), ("Mexican", "Mexico"), ("Irish", "Ireland"),
        ("Pakistani", "Pakistan"), ("Nigerian", "Nigeria"), ("Swedish", "Sweden"),
        ("Danish", "Denmark"), ("Norwegian", "Norway"), ("Russian", "Russia"),
        ("Brazilian", "Brazil"), ("Argentine", "Argentina"), ("american", "United States"),
    ],
)
def test_demonyms(word: str, country: str) -> None:
    assert country_from_demonym(word) == country


def test_demonym_table_is_large_and_unknown_words_are_none() -> None:
    assert len(DEMONYMS) >= 60
    assert country_from_demonym("Martian") is None
    assert country_from_demonym("English") is None  # a language far more often


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("USA", "United States"), ("U.S.", "United States"), ("US", "United States"),
        ("United States of America", "United States"), ("United States", "United States"),
        ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("Britain", "United Kingdom"),
        ("india", "India"), ("Trinidad and Tobago", "Trinidad and Tobago"),
    ],
)
def test_normalize_country(name: str, canonical: str) -> None:
    assert normalize_country(name) == canonical


def test_unknown_country_is_none() -> None:
    assert normalize_country("Atlantis") is None


def test_split_places() -> None:
    text = "France and Belgium, Trinidad and Tobago / USA"
    found = split_places(text)
    assert [p for p, _, _ in found] == ["France", "Belgium", "Trinidad and Tobago", "USA"]
    assert all(text[s:e] == p for p, s, e in found)


def test_genre_vocabulary() -> None:
    for genre in ("action", "crime", "thriller", "drama", "comedy", "romantic comedy",
                  "science fiction", "horror", "mystery", "animated", "adventure", "fantasy",
                  "musical", "western", "war", "documentary", "biographical", "sports",
                  "superhero", "psychological thriller", "black comedy"):
        assert genre in GENRES
    assert is_genre("Science  Fiction")
    assert not is_genre("crime thriller")  # two genres, not one
    assert not is_genre("television series")
