"""Documents written for these tests about an invented film, *Harbor of Glass*, each built
to show one class of export defect, and the store they make."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import backtrace

ENCYCLOPEDIA = """\
= Harbor of Glass (film) =

Harbor of Glass
- Director: Wilma Torrance
- Screenplay: Wilma Torrance
- Starring: Ansel Byrne, Coralie Venn, Dario Pask, Mina Osk, Teodor Vale
- Music: Hollis Quarry
- Studio: Saltmarsh Pictures
- Distributor: Kelpie Releasing
- Released: 2015-03-06
- Runtime: 101 minutes
- Country: United States
- Language: English
- Budget: $3 million

Harbor of Glass is a 2015 American drama film directed by Wilma Torrance, starring \
Ansel Byrne and Teodor Vale. It follows a glassblower who keeps a harbor light burning.

==Plot==
A glassblower in a fishing town inherits the harbor light from her uncle. Each night she \
climbs the tower to mend the lamp with glass of her own making. When a trawler goes \
missing in a winter gale, she keeps the lamp lit for three nights until the crew rows home.

==Cast==
- Ansel Byrne as Jonah "Jo" Marsh: the glassblower's brother, a trawlerman.
- Coralie Venn as Edda Marsh: the glassblower.
- Dario Pask as Father Quill
- Mina Osk as the harbormaster
- Teodor Vale as Captain Rusk: the trawler's skipper.

==Release==
Harbor of Glass was released in theaters in the United States on March 6, 2015. \
It was released on DVD on June 2, 2015. The film came to video on demand on \
July 10, 2015. A Blu-ray edition followed on August 1, 2015.

==Reception==
Perrin Lusk of the Tidewater Post gave the film a positive review, stating: "Venn \
makes every breath of the furnace feel like a prayer for the missing men."
"""

NEWS = """\
date 2014-11-20
Kelpie Releasing has picked up Harbor of Glass, a drama from director Wilma Torrance. \
Ansel Byrne and Teodor Vale star as two brothers who have not spoken in years. The film \
was shot in Maine over six weeks.
"""

NEWS_RECORD = {
    "title": "Kelpie sets a March date for Harbor of Glass",
    "date": "2015-01-12",
    "kind": "news",
    "url": "https://example.org/news/harbor-of-glass-date",
    "text": (
        "Kelpie Releasing will open Harbor of Glass in theaters on March 6. The drama, "
        "directed by Wilma Torrance, stars Coralie Venn as a glassblower who tends a "
        "harbor light."
    ),
}

REVIEW_RECORD = {
    "title": "Review: a lighthouse drama that glows",
    "date": "2015-03-07",
    "kind": "review",
    "url": "https://example.org/reviews/harbor-of-glass",
    "text": (
        "Harbor of Glass is a patient, luminous drama. Coralie Venn is superb as the "
        "glassblower, and Teodor Vale gives the skipper a weathered dignity. The last act "
        "drags, but the final image of the lamp in the storm is unforgettable."
    ),
}


def write_corpus(folder: Path) -> Path:
    (folder / "harbor").mkdir(parents=True, exist_ok=True)
    (folder / "harbor" / "encyclopedia.txt").write_text(ENCYCLOPEDIA, encoding="utf-8")
    (folder / "harbor" / "news.txt").write_text(NEWS, encoding="utf-8")
    records = [json.dumps(r) + "\n" for r in (NEWS_RECORD, REVIEW_RECORD)]
    (folder / "records.jsonl").write_text("".join(records), encoding="utf-8")
    return folder


@pytest.fixture(scope="package")
def harbor(tmp_path_factory: pytest.TempPathFactory) -> backtrace.KnowledgeBase:
    """A store of the three documents above, ingested from an absolute folder path."""
    root = tmp_path_factory.mktemp("harbor")
    corpus = write_corpus(root / "corpus")
    kb = backtrace.open(root / "harbor.db")
    report = kb.ingest([corpus.resolve()])
    assert not report.failed
    yield kb
    kb.close()


@pytest.fixture(scope="package")
def harbor_id(harbor: backtrace.KnowledgeBase) -> int:
    return harbor.find_films("Harbor of Glass")[0]["id"]
