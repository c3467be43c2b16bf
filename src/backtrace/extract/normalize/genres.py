"""The film genre vocabulary: words and phrases as Wikipedia-style leads write them."""

from __future__ import annotations

GENRES: frozenset[str] = frozenset({
    # single words
    "action", "adventure", "animated", "animation", "anthology", "biographical", "biopic",
    "comedy", "crime", "detective", "disaster", "docudrama", "documentary", "drama", "dramatic",
    "epic", "erotic", "experimental", "family", "fantasy", "gangster", "heist", "historical",
    "horror", "melodrama", "mockumentary", "musical", "mystery", "noir", "parody", "period",
    "political", "psychological", "romance", "romantic", "satire", "satirical", "slasher",
    "sports", "spy", "superhero", "supernatural", "suspense", "swashbuckler", "teen",
    "thriller", "war", "western", "zombie", "monster", "christmas", "dance",
    "anime", "wuxia", "masala", "dystopian", "post-apocalyptic", "cyberpunk", "slapstick",
    "gothic", "legal", "prison", "survival", "sci-fi", "neo-noir", "coming-of-age",
    "comedy-drama", "computer-animated", "stop-motion", "techno-thriller", "mumblecore",
    "exploitation", "kaiju", "tokusatsu", "giallo", "caper", "buddy",
    # kinds of film that encyclopedias file as genres
    "silent", "short", "independent",
    # phrases
    "science fiction", "romantic comedy", "romantic drama", "black comedy", "dark comedy",
    "psychological thriller", "psychological horror", "erotic thriller", "political thriller",
    "legal drama", "period drama", "costume drama", "martial arts",
    "film noir", "space opera", "road movie", "buddy cop", "sex comedy", "screwball comedy",
    "stoner comedy", "found footage", "body horror", "folk horror",
    "dark fantasy", "urban fantasy", "sword and sorcery", "neo-western", "space western",
    "revisionist western", "concert film",
})
"""Lower-case genre words and phrases; hyphenated forms are listed as they are written.

A phrase is listed only when it names more than its words do ("black comedy"); a lead's
"action crime thriller" is three genres, not one.
"""

MAX_GENRE_WORDS = max(len(g.split()) for g in GENRES)


def is_genre(phrase: str) -> bool:
    """Whether ``phrase`` (any case, any spacing) is a known genre word or phrase."""
    return " ".join(phrase.split()).lower() in GENRES
