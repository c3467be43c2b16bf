"""End to end: an invented encyclopedia entry in the seeds' format -> the full claim set."""

from __future__ import annotations

from collections.abc import Callable

from backtrace.extract import extract
from backtrace.model import Document

TEXT = """= Harbor of Glass (2016 film) =

Harbor of Glass
- Directed by: Ines Valcourt
- Produced by: Ruth Amadi, p.g.a.; Colm Pryor and Lena Sato
- Screenplay by: Tobias Wren
- Story by: Ines Valcourt, Tobias Wren
- Based on: The Salt Ledger by Agnes Thorne
- Starring: Mara Okafor, Delphine Roussel, Jonah Pike, Teo Marchetti
- Narrated by: Vera Lindqvist
- Music by: Anselm Kray
- Cinematography: Paulo Mendes-Rey
- Edited by: Hana Ibsen, A.C.E.
- Production companies: Gullwing Pictures, North/West Lantern Films, Tidewater Media LLC
- Distributed by: Palisade Pictures
- Release dates: September 9, 2016 (Halifax), 14 October 2016 (United States)
- Running time: 1 hour 52 minutes
- Country: Canada, USA
- Language: English, French
- Budget: €8.5 million
- Box office: $31.4 million
- Trivia: none

Harbor of Glass is a 2016 Canadian-American mystery drama film directed by Ines Valcourt, \
written by Tobias Wren, and starring Mara Okafor, Delphine Roussel and Jonah Pike. It is based \
on the novel The Salt Ledger by Agnes Thorne. The film premiered at a harbour festival on \
September 9, 2016, and was released by Palisade Pictures.

==Plot==
A ferry pilot who lost her hearing in a storm returns to the fishing town where her brother \
vanished. Her landlord keeps a poster of an old crime film directed by Felix Ambrose above the \
stove.

==Cast==
- Mara Okafor as Captain Wren "Wrenny" Doyle: a ferry pilot who has lost her hearing
- Delphine Roussel as Odile Marchand, the harbourmaster
- Jonah Pike as Tom Doyle (voice)
- Teo Marchetti as Young Tom and Father Ames
- Priya Natarajan
- Our thanks go to everyone who worked as extras

==Legacy==
The Salt Ledger is a 1998 British thriller film directed by Hugo Brandt and starring Ian Cole.
"""

EXPECTED = [
    ('infobox', 'director', 'Ines Valcourt', {}, 'Ines Valcourt', None),
    ('infobox', 'producer', 'Ruth Amadi', {}, 'Ruth Amadi', None),
    ('infobox', 'producer', 'Colm Pryor', {}, 'Colm Pryor', None),
    ('infobox', 'producer', 'Lena Sato', {}, 'Lena Sato', None),
    ('infobox', 'screenwriter', 'Tobias Wren', {'credit': 'screenplay'}, 'Tobias Wren', None),
    ('infobox', 'screenwriter', 'Ines Valcourt', {'credit': 'story'}, 'Ines Valcourt', None),
    ('infobox', 'screenwriter', 'Tobias Wren', {'credit': 'story'}, 'Tobias Wren', None),
    ('infobox', 'based_on', 'The Salt Ledger by Agnes Thorne', {},
     'The Salt Ledger by Agnes Thorne', None),
    ('infobox', 'cast_member', 'Mara Okafor', {}, 'Mara Okafor', None),
    ('infobox', 'cast_member', 'Delphine Roussel', {}, 'Delphine Roussel', None),
    ('infobox', 'cast_member', 'Jonah Pike', {}, 'Jonah Pike', None),
    ('infobox', 'cast_member', 'Teo Marchetti', {}, 'Teo Marchetti', None),
    ('infobox', 'narrator', 'Vera Lindqvist', {}, 'Vera Lindqvist', None),
    ('infobox', 'composer', 'Anselm Kray', {}, 'Anselm Kray', None),
    ('infobox', 'director_of_photography', 'Paulo Mendes-Rey', {}, 'Paulo Mendes-Rey', None),
    ('infobox', 'film_editor', 'Hana Ibsen', {}, 'Hana Ibsen', None),
    ('infobox', 'production_company', 'Gullwing Pictures', {}, 'Gullwing Pictures', None),
    ('infobox', 'production_company', 'North/West Lantern Films', {},
     'North/West Lantern Films', None),
    ('infobox', 'production_company', 'Tidewater Media LLC', {}, 'Tidewater Media LLC', None),
    ('infobox', 'distributor', 'Palisade Pictures', {}, 'Palisade Pictures', None),
    ('infobox', 'publication_date', '2016-09-09', {'region': 'Halifax'}, 'September 9, 2016', None),
    ('infobox', 'publication_date', '2016-10-14',
     {'region': 'United States'},
     '14 October 2016', None),
    ('infobox', 'duration', 112, {}, '1 hour 52 minutes', None),
    ('infobox', 'country_of_origin', 'Canada', {}, 'Canada', None),
    ('infobox', 'country_of_origin', 'United States', {}, 'USA', None),
    ('infobox', 'original_language', 'English', {}, 'English', None),
    ('infobox', 'original_language', 'French', {}, 'French', None),
    ('infobox', 'cost', {'amount': 8500000, 'currency': 'EUR'}, {}, '€8.5 million', None),
    ('infobox', 'box_office', {'amount': 31400000, 'currency': 'USD'},
     {'region': 'worldwide'},
     '$31.4 million', None),
    ('cast_list', 'cast_member', 'Mara Okafor',
     {'character': 'Captain Wren "Wrenny" Doyle',
      'description': 'a ferry pilot who has lost her hearing'},
     'Mara Okafor as Captain Wren "Wrenny" Doyle', None),
    ('cast_list', 'cast_member', 'Delphine Roussel',
     {'character': 'Odile Marchand', 'description': 'the harbourmaster'},
     'Delphine Roussel as Odile Marchand', None),
    ('cast_list', 'cast_member', 'Jonah Pike',
     {'character': 'Tom Doyle', 'note': 'voice'},
     'Jonah Pike as Tom Doyle (voice)', None),
    ('cast_list', 'cast_member', 'Teo Marchetti',
     {'character': 'Young Tom and Father Ames'},
     'Teo Marchetti as Young Tom and Father Ames', None),
    ('lead_sentence', 'year', 2016, {}, '2016', None),
    ('lead_sentence', 'country_of_origin', 'Canada', {}, 'Canadian', None),
    ('lead_sentence', 'country_of_origin', 'United States', {}, 'American', None),
    ('lead_sentence', 'genre', 'mystery', {}, 'mystery', None),
    ('lead_sentence', 'genre', 'drama', {}, 'drama', None),
    ('lead_sentence', 'director', 'Ines Valcourt', {}, 'Ines Valcourt', None),
    ('lead_sentence', 'screenwriter', 'Tobias Wren', {'credit': 'writer'}, 'Tobias Wren', None),
    ('lead_sentence', 'cast_member', 'Mara Okafor', {}, 'Mara Okafor', None),
    ('lead_sentence', 'cast_member', 'Delphine Roussel', {}, 'Delphine Roussel', None),
    ('lead_sentence', 'cast_member', 'Jonah Pike', {}, 'Jonah Pike', None),
    ('lead_sentence', 'based_on', 'the novel The Salt Ledger by Agnes Thorne', {},
     'the novel The Salt Ledger by Agnes Thorne', None),
    ('lead_sentence', 'distributor', 'Palisade Pictures', {}, 'Palisade Pictures', None),
    ('lead_sentence', 'publication_date', '2016-09-09',
     {'kind': 'premiere'},
     'September 9, 2016', None),
    ('lead_sentence', 'year', 1998, {}, '1998', 'The Salt Ledger'),
    ('lead_sentence', 'country_of_origin', 'United Kingdom', {}, 'British', 'The Salt Ledger'),
    ('lead_sentence', 'genre', 'thriller', {}, 'thriller', 'The Salt Ledger'),
    ('lead_sentence', 'director', 'Hugo Brandt', {}, 'Hugo Brandt', 'The Salt Ledger'),
    ('lead_sentence', 'cast_member', 'Ian Cole', {}, 'Ian Cole', 'The Salt Ledger'),
]


def test_full_claim_set(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(TEXT)
    extraction = extract(doc)
    got = [(c.extractor, c.property, c.value, c.qualifiers, c.span.text, c.subject)
           for c in extraction.claims]
    assert got == EXPECTED
    assert (extraction.film_title, extraction.film_year) == ("Harbor of Glass", 2016)
    for c in extraction.claims:
        assert c.span.text == doc.text[c.span.start:c.span.end]
        assert c.confidence == (0.95 if c.extractor in ("infobox", "cast_list") else
                                0.9 if c.property in ("year", "country_of_origin", "genre")
                                else 0.85)


def test_what_must_not_be_claimed(make_doc: Callable[..., Document]) -> None:
    extraction = extract(make_doc(TEXT))
    values = {c.value for c in extraction.claims if isinstance(c.value, str)}
    assert "Felix Ambrose" not in values  # another film's director, in the plot
    assert "Priya Natarajan" not in values  # a cast line without "as"
    assert not any("none" in str(c.value) for c in extraction.claims)  # "- Trivia: none"
    about_other = {c.subject for c in extraction.claims if c.subject is not None}
    assert about_other == {"The Salt Ledger"}
