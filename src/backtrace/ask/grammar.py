"""The question grammar, kept as data: macros, the table of question forms, and the small
tables that read what fills a slot (a film reference, a person reference, a year, a decade,
a genre, a language). ``matcher.py`` reads the patterns (its docstring gives their syntax).

Each form names what it answers (``kind`` and ``prop``), its patterns, and examples: every
example must parse as its form with the slot values written in it (``{film=Cinder Road}``);
``tests/ask/test_grammar.py`` runs them all. Adding a phrasing is adding a pattern here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backtrace.ask.matcher import Token, word_tokens
from backtrace.extract.normalize.genres import GENRES
from backtrace.extract.normalize.languages import LANGUAGES


@dataclass(frozen=True, slots=True)
class Form:
    """One kind of question: what it asks (``kind``, ``prop``), how it is put, examples."""

    name: str
    kind: str  # film_property | person_films | character_actor | actor_character | reception
    prop: str | None  # the film's property asked; for person_films the role ("any": all)
    patterns: tuple[str, ...]
    examples: tuple[str, ...]


# -- macros: named pieces of patterns ----------------------------------------------------
MACROS: dict[str, str] = {
    # what every question may start or end with
    "lead": "( please | hey | ok | okay | so | well | quick question | question | "
            "(can | could | would) you [please] tell me | tell me | "
            "(do | does) (you | anyone | anybody) know | i (want | wanna | need) to know | "
            "(i'd | i would) like to know | i wonder | i was wondering | remind me | "
            "any idea | any clue ) [, | :]",
    "tail": "( please | , please | again | then | exactly )",
    "be": "( is | was | are | were | 's | has been | have been )",
    "who": "( who [all | exactly] [in the world | on earth] | whom | whos | who's | "
           "which person | what person | which people | what people | which individual )",
    "what": "( what | which | whats )",
    "whats": "( what @be | whats | what is the name of | which @be )",
    "film": "( film | movie | picture | flick | motion picture | feature [film] )",
    "films": "( films | movies | pictures | flicks | motion pictures | features | "
             "film | movie | picture | flick | feature )",
    "the_film": "[the] [@film]",
    "did": "( did | does | do | has | have | had )",
    "of": "( of | for | on | in | to | behind )",
    "name_some": "( name | list | give me | show me | tell me | show | find | can you name | "
                 "could you name | can you list ) [a | an | some | the | all] [of the]",
    "some": "[a | an | some | the | all [of] [the] | any]",
    # a person's films, with what may narrow them: "1990s French comedies", "westerns"
    "films_of": "( [{decade} | {year}] [{language} [- language]] [{genre}] @films | "
                "[{decade} | {year}] [{language} [- language]] {genre} )",
    "when": "( in [the year] {year} | (from | during | of | in) [the] {decade} | "
            "from | of {year} | between {year} and {year} | before {before} | "
            "(after | since) {after} | in {language} )",
}


def _p(*patterns: str) -> tuple[str, ...]:
    return patterns


# -- the question forms --------------------------------------------------------------------
FORMS: tuple[Form, ...] = (
    # ---- a film's property -------------------------------------------------------------
    Form("film_director", "film_property", "director", _p(
        "@who directed|directs|helmed|helms {film}",
        "@who @be [listed | credited] [as] [the] director|directors|helmer of|for|on {film}",
        "@who @be the director|directors (that | who) directed {film}",
        "@who @be {film} directed by",
        "by whom @be {film} directed",
        "{film} @be directed by [@who]",
        "[the] director|directors of|for {film} [@be] [@who]",
        "@whats [the] [name of the] director|directors of|for {film}",
        "@what director|directors|filmmaker|filmmakers directed|made {film}",
        "@who @be the filmmaker|filmmakers behind {film}",
        "@who @be behind the camera (on | for | of) {film}",
        "@who made {film}",
        "[@who @be] {film} 's director|directors",
        "{film} director|directors",
    ), _p(
        "who directed {film=Cinder Road}?",
        "Who is the director of {film=Winter Orchard}",
        "who's the director for {film=the 2017 film Iron Meridian}?",
        "the director of {film=The Salt Ledger} was who?",
        "{film=Night Shift at the Aurora} was directed by who?",
        "who was {film=Cinder Road} directed by?",
        "which person directed {film=The Quiet Cartographer}?",
        "who is listed as director for {film=Winter Orchard}?",
        "who is the director that directed {film=Cinder Road}?",
        "can you tell me who made {film=Iron Meridian}",
        "{film=Cinder Road} director",
        "director of {film=The Salt Ledger}",
        "What's the name of the director of {film=Winter Orchard}?",
    )),
    Form("film_writer", "film_property", "screenwriter", _p(
        "@who wrote|writes|penned|scripted {film}",
        "@who wrote|penned [the] screenplay|script|story|scenario|screenplays|scripts "
        "for|of|to {film}",
        "@what screenwriter|screenwriters|writer|writers|scriptwriter wrote "
        "[the script | the screenplay] [for | of] {film}",
        "@who @be [the] writer|writers|screenwriter|screenwriters|author|authors|scriptwriter|"
        "scriptwriters|scenarist of|for|on|behind {film}",
        "@who @be the creator|creators of the [@film] script|screenplay for|of {film}",
        "@who @be {film} written by",
        "by whom @be {film} written",
        "{film} @be written by [@who]",
        "{film} @be [a | the] @film written by [this | which | what] person|people|writer",
        "@who did the writing|screenplay|script for|on|of {film}",
        "[the] writer|writers|screenwriter|screenwriters|screenplay of|for {film} [@be] [@who]",
        "[@who @be] {film} 's writer|writers|screenwriter|screenwriters",
        "{film} writer|writers|screenwriter|screenwriters",
    ), _p(
        "who wrote {film=Cinder Road}?",
        "who is the writer of {film=the film Winter Orchard}?",
        "which person wrote {film=The Salt Ledger}?",
        "who wrote the screenplay for {film=Iron Meridian}?",
        "which screenwriter wrote the script for {film=Cinder Road}",
        "who was {film=Night Shift at the Aurora} written by?",
        "{film=The Quiet Cartographer} is a film written by this person?",
        "Who's the author of {film=Iron Meridian}",
        "who is the creator of the film script for {film=Winter Orchard}?",
        "who in the world wrote {film=Cinder Road}?",
        "{film=the film Cinder Road} was written by who?",
    )),
    Form("film_producer", "film_property", "producer", _p(
        "@who produced|produces {film}",
        "@who @be [the] producer|producers of|for|on|behind {film}",
        "@who @be {film} produced by",
        "by whom @be {film} produced",
        "{film} @be produced by [@who]",
        "[the] producer|producers of|for {film} [@be] [@who]",
        "[@who @be] {film} 's producer|producers",
        "{film} producer|producers",
    ), _p(
        "who produced {film=Cinder Road}?",
        "who were the producers of {film=Winter Orchard}",
        "{film=The Salt Ledger} was produced by whom?",
        "producers of {film=Iron Meridian}",
    )),
    Form("film_cast", "film_property", "cast_member", _p(
        "@who starred|stars|acted|acts|appeared|appears|played|plays|performed|performs|"
        "featured in {film}",
        "@who @be [starring | featured | acting | appearing | cast] in {film}",
        "@who @be [the] actors|actresses|stars|cast|performers|leads|players|star|lead "
        "of|in|for {film}",
        "@who @be [the] (cast members | lead actors | main actors | leading actors | "
        "main cast | main stars | lead actor | lead actress | leading man | leading lady | "
        "main actor | starring actors) of|in|for {film}",
        "@what actors|actresses|stars|people|performers|cast ([@be] in | starred in | "
        "star in | acted in | act in | appeared in | appear in | played in | @be featured in "
        "| @be cast in) {film}",
        "{film} starred|stars|starring|featured|features|starred [@who | @what actors|"
        "actresses|stars|people|performers]",
        "@whats [the] cast [list] of|for|in {film}",
        "@name_some actors|actresses|stars|cast [members] of|in|from {film}",
        "[the] cast|actors|stars of|in {film}",
        "[@who @be] {film} 's cast|actors|stars|star",
        "{film} cast|actors|stars",
        "@who (plays | played | is | was | stars as | starred as) the (lead | leads | main "
        "character | main characters | lead role | leading role | title role | hero | "
        "heroine) in {film}",
    ), _p(
        "who acted in {film=Cinder Road}?",
        "who are the actors in {film=Winter Orchard}?",
        "who stars in {film=The Salt Ledger}",
        "who acted in {film=the movie Iron Meridian}?",
        "{film=the movie Cinder Road} starred who?",
        "{film=the film Night Shift at the Aurora} starred which actors?",
        "who was in {film=The Quiet Cartographer}?",
        "what is the cast of {film=Cinder Road}",
        "{film=Winter Orchard} cast",
        "list the actors of {film=The Salt Ledger}",
        "Who played in {film=Iron Meridian}?",
        "who plays the lead in {film=Cinder Road}",
    )),
    Form("film_composer", "film_property", "composer", _p(
        "@who composed|scored {film}",
        "@who (composed | wrote | did | made | created | scored | performed) [the] (music | "
        "score | soundtrack | musical score | film score | songs | theme) (for | of | to | "
        "in | on) {film}",
        "@who @be [the] composer|composers of|for|on {film}",
        "@who @be the music|score|soundtrack (of | for) {film} by",
        "[the] composer|music|score|soundtrack of|for|in {film} [@be] [by] [@who]",
        "[@who @be] {film} 's composer|music|score|soundtrack",
        "{film} composer",
    ), _p(
        "who composed the music for {film=Cinder Road}?",
        "who scored {film=Winter Orchard}",
        "who is the composer of {film=The Salt Ledger}?",
        "who did the soundtrack for {film=Iron Meridian}?",
    )),
    Form("film_cinematographer", "film_property", "director_of_photography", _p(
        "@who shot|photographed|lensed|filmed {film}",
        "@who @be [the] cinematographer|cinematographers|dp|dop of|for|on {film}",
        "@who @be [the] (director of photography | camera operator | cameraman) of|for|on "
        "{film}",
        "@who did|handled [the] cinematography|photography|camerawork (for | of | on | in) "
        "{film}",
        "@who did [the] camera work (for | of | on | in) {film}",
        "[the] cinematographer|cinematography of|for|on {film} [@be] [by] [@who]",
        "[@who @be] {film} 's cinematographer|cinematography",
        "{film} cinematographer|cinematography",
    ), _p(
        "who was the cinematographer of {film=Cinder Road}?",
        "who shot {film=Winter Orchard}",
        "who was director of photography on {film=The Salt Ledger}?",
        "who did the cinematography for {film=Iron Meridian}?",
    )),
    Form("film_editor", "film_property", "film_editor", _p(
        "@who edited|cut {film}",
        "@who @be [the] editor|editors of|for|on {film}",
        "@who @be [the] film editor|editors of|for|on {film}",
        "@who did [the] editing (for | of | on) {film}",
        "[the] editor|editors|editing of|for|on {film} [@be] [by] [@who]",
        "[@who @be] {film} 's editor|editors",
        "{film} editor",
    ), _p(
        "who edited {film=Cinder Road}?",
        "who was the film editor of {film=Winter Orchard}?",
        "who did the editing on {film=The Salt Ledger}",
    )),
    Form("film_studio", "film_property", "production_company", _p(
        "@what (studio | studios | company | companies | production company | production "
        "companies | production house | production houses | production studio) (produced | "
        "made | financed | backed | @be behind) {film}",
        "@what @be [the] (studio | studios | production company | production companies | "
        "production house | production houses | production studio | company | companies) "
        "(of | for | behind | that made | that produced) {film}",
        "{film} @be (produced | made | financed) by (@what | which) (studio | studios | "
        "company | companies)",
        "[the] (studio | studios | production company | production companies) of|for|behind "
        "{film}",
        "{film} 's studio|studios",
        "{film} (studio | studios | production company | production companies)",
    ), _p(
        "which studio made {film=Cinder Road}?",
        "what production companies produced {film=Winter Orchard}",
        "what is the studio behind {film=The Salt Ledger}?",
        "{film=Iron Meridian} was made by which company?",
    )),
    Form("film_distributor", "film_property", "distributor", _p(
        "@who distributed|distributes|released {film}",
        "@who @be [the] distributor|distributors of|for {film}",
        "@what (company | companies | studio | studios | distributor | distributors) "
        "(distributed | released | distributes) {film}",
        "@who @be {film} distributed|released by",
        "{film} @be distributed|released by [@who | @what company|studio|distributor]",
        "[the] distributor|distributors of|for {film}",
        "{film} 's distributor",
        "{film} distributor",
    ), _p(
        "who distributed {film=Cinder Road}?",
        "which company released {film=Winter Orchard}",
        "{film=The Salt Ledger} was distributed by whom?",
        "who is the distributor of {film=Iron Meridian}",
    )),
    Form("film_year", "film_property", "year", _p(
        "[in] @what year @be {film} [first] (released | made | filmed | produced | out | "
        "shot | from | premiered | issued | shown)",
        "[in] @what year did {film} [first] (come out | release | premiere | open | debut | "
        "appear | hit theaters | hit theatres | hit cinemas | hit the screens)",
        "@what @be the (release year | year of release | year of production | year) "
        "(of | for) {film}",
        "@what @be {film} 's (release year | year of release | year)",
        "@what year @be {film}",
        "{film} (came out | @be released | @be made | @be produced | premiered) "
        "(in @what | in which | what) year",
        "{film} @be from (@what | which) year",
        "when @be {film} (made | filmed | produced | shot)",
        "how old @be {film}",
        "[the] (year | release year) of {film}",
        "{film} (year | release year)",
    ), _p(
        "what year was {film=Cinder Road} released?",
        "what was the release year of {film=the film Winter Orchard}?",
        "what year was {film=the movie The Salt Ledger} released?",
        "in what year did {film=Iron Meridian} come out?",
        "{film=The Quiet Cartographer} came out in which year?",
        "when was {film=Cinder Road} made",
        "what year is {film=Night Shift at the Aurora} from?",
    )),
    Form("film_release", "film_property", "publication_date", _p(
        "when @be {film} [first | originally] (released | out | premiered | issued | shown | "
        "screened | opened) [in (theaters | theatres | cinemas)]",
        "when did {film} [first] (come out | release | premiere | open | debut | "
        "hit theaters | hit theatres | hit cinemas | hit the screens | get released)",
        "@what @be the (release date | release dates | date of release | premiere date | "
        "premiere | opening date | date) (of | for) {film}",
        "@what @be {film} 's (release date | release dates | premiere date | premiere)",
        "on (what | which) (date | day | dates | days) @be {film} released",
        "[the] (release date | release dates | premiere date | premiere) of|for {film}",
        "{film} (release date | release dates | premiere date | premiere)",
    ), _p(
        "when was {film=Cinder Road} released?",
        "what was the release date of {film=the movie Winter Orchard}?",
        "when did {film=The Salt Ledger} come out?",
        "when was {film=the film Iron Meridian} released?",
        "{film=Cinder Road} release date",
        "on what date was {film=The Quiet Cartographer} released",
    )),
    Form("film_runtime", "film_property", "duration", _p(
        "how long @be {film} [in minutes]",
        "how long does|did {film} (run | last | go on | go for)",
        "@what @be the (running time | runtime | run time | length | duration) (of | for) "
        "{film}",
        "@what @be {film} 's (running time | runtime | run time | length | duration)",
        "how many minutes (@be | does | did) {film} [long | run | last]",
        "[the] (running time | runtime | run time | length) of {film}",
        "{film} (running time | runtime | run time | length)",
    ), _p(
        "how long is {film=Cinder Road}?",
        "what is the running time of {film=Winter Orchard}",
        "how many minutes is {film=The Salt Ledger}?",
        "{film=Iron Meridian} runtime",
    )),
    Form("film_genre", "film_property", "genre", _p(
        "@what (genre | genres | type | kind | sort | category | style) of (@films) @be "
        "{film} [in]",
        "@what (genre | genres | film genre | movie genre | film genres | movie genres) @be "
        "{film} [in | considered | classified as]",
        "@what @be the (genre | genres | film genre | category) (of | for) {film}",
        "@what @be {film} 's (genre | genres)",
        "@what (genre | genres | category) does {film} (fall under | fall into | belong to | "
        "belong in | fit in | fit into)",
        "[the] genre|genres of {film}",
        "{film} genre|genres",
    ), _p(
        "what genre is {film=Cinder Road}?",
        "what is the genre of {film=the film Winter Orchard}?",
        "what type of movie is {film=The Salt Ledger}?",
        "what genre does {film=Iron Meridian} fall under?",
        "what kind of film is {film=The Quiet Cartographer}?",
        "what genre is {film=Night Shift at the Aurora} in?",
        "what is the genre for {film=the movie Cinder Road}",
    )),
    Form("film_language", "film_property", "original_language", _p(
        "@what (language | languages) @be {film} [made | filmed | shot | spoken | recorded | "
        "performed] in",
        "@what @be the [primary | main | original | spoken] (language | languages) "
        "(of | in | for | used in) {film}",
        "@what @be the (language | languages) spoken in {film}",
        "in (what | which) (language | languages) @be {film} [made | filmed | shot | spoken "
        "| recorded]",
        "@what (language | languages) (does | do | did) {film} (use | speak | have)",
        "@what (language | languages) do they speak in {film}",
        "@what @be {film} 's [original] (language | languages)",
        "[the] [original] language|languages of {film}",
        "{film} language|languages",
    ), _p(
        "what language is {film=Cinder Road} in?",
        "what is the primary language in {film=the film Winter Orchard}?",
        "what is the language spoken in {film=The Salt Ledger}?",
        "in which language was {film=Iron Meridian} made?",
    )),
    Form("film_country", "film_property", "country_of_origin", _p(
        "@what (country | countries | nation | nations) @be {film} from",
        "@what (country | countries | nation) (produced | made) {film}",
        "@what (country | countries) @be {film} (made | produced) in",
        "@what @be the (country | countries) [of origin] of|for {film}",
        "@what @be {film} 's (country | countries) [of origin]",
        "where @be {film} from",
        "{film} @be from (@what | which) (country | countries)",
        "[the] country|countries [of origin] of {film}",
        "{film} (country | countries) [of origin]",
    ), _p(
        "what country is {film=Cinder Road} from?",
        "where is {film=Winter Orchard} from",
        "what is the country of origin of {film=The Salt Ledger}?",
    )),
    Form("film_budget", "film_property", "cost", _p(
        "@what @be the budget (of | for) {film}",
        "@what @be {film} 's budget",
        "how (much | big) @be (the budget of | the budget for) {film}",
        "how much @be {film} 's budget",
        "how much (did | does) {film} cost [to make | to produce | to film | to shoot]",
        "how much did it cost to (make | produce | film | shoot) {film}",
        "how much (money | funding) (@be spent on | did they spend on | went into) "
        "[making] {film}",
        "how expensive @be {film} [to make]",
        "@what did {film} cost [to make]",
        "[the] budget (of | for) {film}",
        "{film} budget",
    ), _p(
        "what was the budget of {film=Cinder Road}?",
        "how much did {film=Winter Orchard} cost to make?",
        "how expensive was {film=The Salt Ledger}",
        "{film=Iron Meridian} budget",
    )),
    Form("film_box_office", "film_property", "box_office", _p(
        "how much [money] (did | does) {film} (gross | make | earn | take in | bring in | "
        "collect | pull in | rake in) [at the box office | worldwide | in total | in theaters]",
        "how much [money] (@be | has been) (grossed | made | earned) by {film}",
        "how much @be {film} 's (box office | box - office | gross | takings)",
        "@what @be the (box office | box - office | gross | box office gross | total gross | "
        "worldwide gross | takings | earnings | box office takings | box office earnings | "
        "box office receipts | revenue) (of | for) {film}",
        "@what @be {film} 's (box office | box - office | gross | takings | earnings)",
        "@what did {film} (gross | make | earn | take in)",
        "how (well | much) did {film} do at the box office",
        "how did {film} (do | perform | fare) at the box office",
        "[the] (box office | box - office | gross | takings) of {film}",
        "{film} (box office | box - office | gross)",
    ), _p(
        "how much did {film=Cinder Road} gross?",
        "what was the box office of {film=Winter Orchard}",
        "how much money did {film=The Salt Ledger} make?",
        "how did {film=Iron Meridian} do at the box office?",
        "{film=Cinder Road} box office",
    )),
    Form("film_location", "film_property", "filming_location", _p(
        "where @be {film} (filmed | shot | made | photographed)",
        "where did {film} (film | shoot)",
        "where did they (film | shoot) {film}",
        "@what @be the (filming location | filming locations | location | locations | "
        "shooting location | shooting locations) (of | for) {film}",
        "in (what | which) (place | places | city | cities | country | countries | location "
        "| locations | state | town) @be {film} (filmed | shot)",
        "[the] (filming location | filming locations) of {film}",
        "{film} (filming location | filming locations | locations)",
    ), _p(
        "where was {film=Cinder Road} filmed?",
        "where did they shoot {film=Winter Orchard}?",
        "what are the filming locations of {film=The Salt Ledger}",
    )),
    Form("film_based_on", "film_property", "based_on", _p(
        "@what @be {film} based on",
        "@what @be {film} adapted from",
        "@be {film} based on a (book | novel | true story | play | story | comic | "
        "comic book | short story | real story | video game | game)",
        "@what (book | novel | play | story | work | source | comic | short story | novella) "
        "@be {film} (based on | adapted from)",
        "@what @be the (source | source material | basis | inspiration | source novel | "
        "source work) (of | for) {film}",
        "@what inspired {film}",
        "{film} @be based on (what | @what (book | novel | play | story))",
        "{film} based on",
    ), _p(
        "what is {film=Cinder Road} based on?",
        "is {film=Winter Orchard} based on a book?",
        "what novel is {film=The Salt Ledger} adapted from",
        "what is the source material for {film=Iron Meridian}?",
    )),
    Form("film_narrator", "film_property", "narrator", _p(
        "@who narrated|narrates {film}",
        "@who @be [the] narrator|narrators (of | for | in) {film}",
        "@who did [the] narration (for | of | in | on) {film}",
        "{film} narrator",
    ), _p(
        "who narrated {film=Cinder Road}?",
        "who was the narrator of {film=Winter Orchard}",
    )),
    Form("film_reception", "reception", None, _p(
        "@what did [the] critics|reviewers|people think (of | about) {film}",
        "@what do [the] critics|reviewers|people think (of | about) {film}",
        "@what did|do [the] critics|reviewers|people say (of | about) {film}",
        "how did [the] critics|reviewers (like | rate | receive | review | react to | "
        "respond to | judge) {film}",
        "how @be {film} (received | reviewed | rated) [by critics | by the critics | by "
        "reviewers]",
        "how well @be {film} (received | reviewed)",
        "@what @be the (reception | critical reception | critics' consensus | critical "
        "response | critical reaction | reviews | verdict | critics' verdict | consensus) "
        "(of | for | to) {film}",
        "@what @be {film} 's (reception | critical reception | reviews)",
        "@be {film} (good | any good | well received | well reviewed | worth watching | "
        "worth seeing | liked | praised)",
        "did (critics | reviewers | the critics | people) (like | love | hate | enjoy | praise) "
        "{film}",
        "@be {film} (liked | loved | hated | praised) by (critics | reviewers | the critics)",
        "(reviews | reception | critical reception) (of | for) {film}",
        "{film} (reviews | reception | critics)",
    ), _p(
        "what did critics think of {film=Cinder Road}?",
        "how was {film=Winter Orchard} received?",
        "is {film=The Salt Ledger} any good?",
        "what were the reviews of {film=Iron Meridian}",
        "{film=Cinder Road} reviews",
        "did critics like {film=The Quiet Cartographer}?",
    )),
    Form("critic_review", "reception", "review", _p(
        "@what did|does {critic} (think | say | write) (of | about) {film}",
        "how did {critic} (like | rate | review | judge) {film}",
        "@what @be {critic} 's (review | verdict | opinion | take) (of | on) {film}",
        "did {critic} like|love|hate|enjoy {film}",
    ), _p(
        "what did {critic=Ines Calder} think of {film=Cinder Road}?",
        "what did {critic=the Southwest Chronicle} say about {film=Cinder Road}",
        "did {critic=Lionel Batts} like {film=Cinder Road}?",
    )),
    # ---- characters ---------------------------------------------------------------------
    Form("character_actor", "character_actor", "cast_member", _p(
        "@who (played | plays | portrayed | portrays | voiced | voices | played the role of | "
        "played the part of | plays the role of | plays the part of | was cast as | "
        "is cast as | starred as | stars as | acted as) {character} [in {film}]",
        "@who @be (cast as | playing | the voice of | the actor who played | the actor "
        "playing | the actress who played | the actress playing | the actor that played | "
        "the actress that played) {character} [in {film}]",
        "in {film} [,] @who (played | plays | portrayed | portrays | voiced | voices) "
        "{character}",
        "@who @be {character} in {film}",
        "@what (actor | actress | person) (played | plays | portrayed | portrays | voiced) "
        "{character} [in {film}]",
        "{character} in {film} @be played by [@who]",
        "{character} @be played by [@who] [in {film}]",
    ), _p(
        "who played {character=Silas Dray} in {film=Cinder Road}?",
        "who plays {character=Lo} in {film=Cinder Road}",
        "who was cast as {character=Sergeant Ruth Akers} in {film=Cinder Road}?",
        "in {film=Cinder Road}, who played {character=Inez Calderon}?",
        "which actor played {character=Boone Tolliver}?",
        "{character=Silas Dray} was played by who in {film=Cinder Road}?",
    )),
    Form("actor_character", "actor_character", "cast_member", _p(
        "(@what | @who) (character | role | part) did|does {person} play [in {film}]",
        "@who did|does {person} play [in {film}]",
        "@what (character | role | part) @be {person} [playing] in {film}",
        "@who @be {person} in {film}",
        "@who @be {person} playing in {film}",
        "@what (characters | roles | parts) (did | does | has | have) {person} (play | played)",
        "@what (characters | roles | parts) @be {person} known for",
    ), _p(
        "what character did {person=Elias Kober} play in {film=Cinder Road}?",
        "who did {person=Grace Whitford} play in {film=Cinder Road}",
        "who was {person=Tamsin Rook} in {film=Cinder Road}?",
        "what roles has {person=Grace Whitford} played?",
    )),
    # ---- a person's films ---------------------------------------------------------------
    Form("actor_films", "person_films", "cast_member", _p(
        "@what @films_of @did {person} (star | act | appear | starred | acted | appeared | "
        "perform | performed | play | played | been) in [@when]",
        "@what @films_of @be {person} [cast | featured | starring | acting | appearing] in "
        "[@when]",
        "@what @films_of @be {person} (an actor | an actress | a star | an actor or actress "
        "| a cast member | one of the stars | in the cast | part of the cast) (in | of) [@when]",
        "in (@what | which) @films_of @did {person} (star | act | appear | starred | acted | "
        "appeared) [@when]",
        "@what @did {person} (star | act | appear | starred | acted | appeared | been) in "
        "[@when]",
        "{person} (appears | appeared | acts | acted | stars | starred | plays | played | "
        "features | featured | performed) in (@what | which) @films_of [@when]",
        "{person} @be (in | an actor in | an actress in | a star of) (@what | which) "
        "@films_of [@when]",
        "@what @films_of (star | starred | starring | feature | features | featured | "
        "featuring) {person} [@when]",
        "@what @films_of [@be] (there) (with | starring | featuring) {person} [@when]",
        "@what @be @some @films_of (with | starring | featuring) {person} [@when]",
        "@name_some @films_of (with | starring | featuring) {person} [@when]",
        "@films_of (with | starring | featuring) {person} [@when]",
        "@name_some @films_of {person} (starred | acted | appeared) in [@when]",
    ), _p(
        "what films did {person=Grace Whitford} star in?",
        "{person=Elias Kober} appears in which movies?",
        "what does {person=Grace Whitford} act in?",
        "what movies was {person=Tamsin Rook} an actor in?",
        "what films does {person=Benny Alcott} appear in?",
        "which {genre=thrillers} did {person=Grace Whitford} star in?",
        "what movies did {person=Grace Whitford} act in in {year=2021}?",
        "what films did {person=Grace Whitford} appear in during the {decade=2020s}?",
        "name a film starring {person=Elias Kober}",
        "movies with {person=Grace Whitford}",
        "what {language=English} films has {person=Grace Whitford} been in?",
    )),
    Form("director_films", "person_films", "director", _p(
        "@what @films_of @did {person} (direct | directed | helm | helmed) [@when]",
        "{person} directed (@what | which) @films_of [@when]",
        "@what @be @some @films_of directed by {person} [@when]",
        "@name_some @films_of directed by {person} [@when]",
        "@films_of directed by {person} [@when]",
        "@films_of (by | from) [the director | director | filmmaker] {person} [@when]",
        "@what @films_of @be directed by {person} [@when]",
        "@what @did {person} (direct | directed) [@when]",
        "@what @be {person} the director (of | for | on)",
        "@what @films_of @be {person} the director (of | for | on) [@when]",
        "{person} @be the director (of | for | on) (@what | which) @films_of [@when]",
    ), _p(
        "which films did {person=Marcus Oyelaran} direct?",
        "what is a film directed by {person=Marcus Oyelaran}?",
        "what did {person=Marcus Oyelaran} direct?",
        "{person=Marcus Oyelaran} directed which movies?",
        "what was {person=Marcus Oyelaran} the director of?",
        "{person=Marcus Oyelaran} was the director of which films?",
        "{person=Marcus Oyelaran} was the director on which movies?",
        "which movie was {person=Marcus Oyelaran} the director for?",
        "films by {person=Marcus Oyelaran}",
        "can you name a film directed by {person=Marcus Oyelaran}?",
        "what {genre=thrillers} did {person=Marcus Oyelaran} direct in the {decade=2020s}?",
    )),
    Form("writer_films", "person_films", "screenwriter", _p(
        "@what @films_of @did {person} (write | wrote | written | script | scripted | pen | "
        "penned) [the (story | script | screenplay | screenplays | scripts) for] [@when]",
        "@what @films_of @be {person} (the | a) (writer | screenwriter | scriptwriter | "
        "co-writer) (of | on | for) [@when]",
        "@what @be @some @films_of written by {person} [@when]",
        "@name_some @films_of written by {person} [@when]",
        "@films_of written by {person} [@when]",
        "@what @films_of @be written by {person} [@when]",
        "@what @did {person} (write | written | script | scripted) [@when]",
        "{person} wrote (@what | which) @films_of [@when]",
        "{person} @be the (writer | screenwriter) (of | on | for) (@what | which) @films_of",
    ), _p(
        "which movies was {person=Hollis Greer} the writer of?",
        "what is a movie written by {person=Hollis Greer}?",
        "which film did {person=Hollis Greer} write the story for?",
        "what films was {person=Hollis Greer} a writer on?",
        "what films did {person=Hollis Greer} write?",
    )),
    Form("producer_films", "person_films", "producer", _p(
        "@what @films_of @did {person} (produce | produced) [@when]",
        "@what @films_of @be {person} (the | a) producer (of | on | for) [@when]",
        "@what @be @some @films_of produced by {person} [@when]",
        "@name_some @films_of produced by {person} [@when]",
        "@films_of produced by {person} [@when]",
        "@what @did {person} (produce | produced) [@when]",
        "{person} produced (@what | which) @films_of [@when]",
    ), _p(
        "what films did {person=Leah Brandt} produce?",
        "movies produced by {person=Leah Brandt}",
        "which films was {person=Victor Sandoval} a producer on?",
    )),
    Form("composer_films", "person_films", "composer", _p(
        "@what @films_of @did {person} (score | scored | compose the music for | "
        "write the music for | wrote the music for | composed the music for) [@when]",
        "@what @films_of @be {person} the composer (of | on | for) [@when]",
        "@films_of (scored | with music) by {person} [@when]",
    ), _p(
        "what films did {person=Marguerite Osei} score?",
        "which movies was {person=Marguerite Osei} the composer for?",
    )),
    Form("any_films", "person_films", "any", _p(
        "@what @films_of @did {person} (work on | worked on | make | made | do | done | "
        "been involved in | been part of | been involved with) [@when]",
        "@what @films_of @be {person} (involved in | involved with | part of | associated "
        "with | credited on | credited in | known for) [@when]",
        "@what @be {person} known for",
        "@what (has | did) {person} (done | made | worked on)",
        "[@what @be] {person} 's (films | movies | filmography | credits | works)",
        "{person} (filmography | credits | films | movies)",
        "[the] (filmography | credits) of {person}",
    ), _p(
        "what films has {person=Marcus Oyelaran} worked on?",
        "{person=Grace Whitford} filmography",
        "what is {person=Hollis Greer} known for?",
        "which {decade=2020s} movies was {person=Marcus Oyelaran} involved in?",
        "{person=Grace Whitford} movies",
    )),
)

# -- the film and person slots: how a reference to a film or a person may be written ---------
REF_MACROS: dict[str, str] = {
    "film": MACROS["film"],
    "by_year": "( {year} | the year {year} )",
}


@dataclass(frozen=True, slots=True)
class RefForm:
    """A way of writing a reference ("the 1926 film {title}"); ``patterns`` as in FORMS."""

    name: str
    patterns: tuple[str, ...]
    examples: tuple[str, ...] = ()
    kind: str = "ref"
    prop: str | None = None


FILM_REFS: tuple[RefForm, ...] = (
    RefForm("film_with_year", _p(
        "[the] {year} [{descriptor}] @film {title}",
        "{title} \\( {year} [{descriptor}] [@film] \\)",
        "[the] @film {title} (from | of | made in | released in) [@by_year]",
        "{title} [,] (from | of | made in | released in) @by_year",
        "[the] {year} (version | remake | adaptation) [of] {title}",
        "{title} {year}",
    ), _p(
        "the {year=2021} film {title=Cinder Road}",
        "{title=Cinder Road} ({year=2021})",
        "{title=Cinder Road} ({year=2021} film)",
        "the {year=2021} American thriller film {title=Cinder Road}",
        "{title=Cinder Road} from {year=2021}",
        "the movie {title=Cinder Road} from {year=2021}",
    )),
    RefForm("film_named", _p(
        "[the] [{descriptor}] @film [called | titled | named | entitled] {title}",
        "{title} \\( [{descriptor}] @film \\)",
        "[the] @film [called | titled | named | entitled] {title}",
        "the {title}",
    ), _p(
        "the film {title=Cinder Road}",
        "the movie called {title=Winter Orchard}",
        "{title=Cinder Road} (film)",
    )),
)

PERSON_REFS: tuple[RefForm, ...] = (
    RefForm("person_titled", _p(
        "[the] (actor | actress | director | filmmaker | writer | screenwriter | producer | "
        "composer | star | film director | film producer | cinematographer | editor) "
        "{title}",
        "{title} \\( [the] (actor | actress | director | filmmaker | writer | screenwriter | "
        "producer | composer) \\)",
    ), _p(
        "the actor {title=Grace Whitford}",
        "director {title=Marcus Oyelaran}",
    )),
)

# genres as a question writes them, beyond the extraction vocabulary: plurals, synonyms
GENRE_WORDS: dict[str, str] = {
    "comedies": "comedy", "dramas": "drama", "thrillers": "thriller", "westerns": "western",
    "musicals": "musical", "documentaries": "documentary", "romances": "romance",
    "horrors": "horror", "horror movies": "horror", "mysteries": "mystery",
    "fantasies": "fantasy", "adventures": "adventure", "cartoons": "animated",
    "animations": "animated", "animation": "animated", "sci-fi": "science fiction",
    "sci fi": "science fiction", "scifi": "science fiction",
    "science-fiction": "science fiction", "rom-com": "romantic comedy",
    "rom-coms": "romantic comedy", "romcom": "romantic comedy", "romcoms": "romantic comedy",
    "romantic comedies": "romantic comedy", "biopics": "biographical", "biopic": "biographical",
    "war movies": "war", "war films": "war", "noirs": "noir", "film noirs": "film noir",
    "slashers": "slasher", "epics": "epic", "melodramas": "melodrama", "satires": "satire",
    "crime dramas": "crime", "spy movies": "spy", "silent films": "silent",
    "short films": "short", "shorts": "short", "kids": "family", "children's": "family",
}
# genre values that are kinds of film more than genres: answered after the genres proper
FORMAT_GENRES = frozenset({"silent", "short", "independent", "christmas", "teen"})
# the broad genres film catalogues file every film under (IMDb's top-level list), in the
# words leads use: a film's genre is one of these before a subgenre ("action" before "spy",
# "comedy" before "slasher")
BROAD_GENRES = frozenset({
    "action", "adventure", "animated", "animation", "biographical", "biography", "comedy",
    "crime", "documentary", "drama", "family", "fantasy", "noir", "film noir", "historical",
    "history", "horror", "music", "musical", "mystery", "romance", "romantic",
    "science fiction", "sci-fi", "sport", "sports", "thriller", "war", "western"})

_GENRE_SURFACES: dict[tuple[str, ...], str] = {}
for _g in GENRES:
    _GENRE_SURFACES[word_tokens(_g)] = _g
    if not _g.endswith(("s", "y")):
        _GENRE_SURFACES[word_tokens(_g + "s")] = _g
for _surface, _g in GENRE_WORDS.items():
    _GENRE_SURFACES[word_tokens(_surface)] = _g
_GENRE_LONGEST = max(len(k) for k in _GENRE_SURFACES)
_LANGUAGE_WORDS = {name.lower(): name for name in LANGUAGES}
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}
_YEAR = re.compile(r"(18[89]\d|19\d\d|20[0-4]\d)")
_DECADE = re.compile(r"(1[89]\d0|20[0-4]0)s|(\d0)s")


# -- slot readers: (tokens, position) -> [(end, value)] -------------------------------------
def read_year(toks: Sequence[Token], i: int) -> list[tuple[int, Any]]:
    if _YEAR.fullmatch(toks[i].text):
        return [(i + 1, int(toks[i].text))]
    return []


def _century(two: int) -> int:
    return 1900 + two if two >= 10 else 2000 + two


def read_decade(toks: Sequence[Token], i: int) -> list[tuple[int, Any]]:
    """1990s, '90s, 90s, the nineties -> 1990 (the decade's first year)."""
    j = i + 1 if toks[i].text == "'" and i + 1 < len(toks) else i
    m = _DECADE.fullmatch(toks[j].text)
    if m:
        return [(j + 1, int(m.group(1)[:4]) if m.group(1) else _century(int(m.group(2))))]
    if toks[i].text in _DECADE_WORDS:
        return [(i + 1, _century(_DECADE_WORDS[toks[i].text]))]
    return []


def read_genre(toks: Sequence[Token], i: int) -> list[tuple[int, Any]]:
    out = []
    for n in range(min(_GENRE_LONGEST, len(toks) - i), 0, -1):
        genre = _GENRE_SURFACES.get(tuple(t.text for t in toks[i:i + n]))
        if genre:
            out.append((i + n, genre))
    return out


def read_language(toks: Sequence[Token], i: int) -> list[tuple[int, Any]]:
    name = _LANGUAGE_WORDS.get(toks[i].text)
    return [(i + 1, name)] if name else []


READERS = {
    "year": read_year, "before": read_year, "after": read_year, "decade": read_decade,
    "genre": read_genre, "language": read_language,
}
FREE_SLOTS = frozenset({"film", "person", "character", "title", "descriptor", "critic"})
