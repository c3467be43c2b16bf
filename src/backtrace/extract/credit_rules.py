"""The credit rules of running prose, as data: one :class:`~backtrace.extract.rules.Rule` per
way a sentence credits someone, each with sentences it must and must not read.

Families, in table order: "<craft> by X" phrases, "the <role> is X" and "<role> X" nouns,
"X <verb>s" (the people before a verb: "A and B produced the film"), cast lists
("co-stars with X", "A and B co-star") and companies ("Coming from X", "on Netflix",
"X would handle distribution"). The lead's "<verb> by X" credits are
:data:`backtrace.extract.roles.LEAD_RULES`; what is not a pattern (a craft pair read in
order, a banner, "Y (X)") is a named function in :mod:`backtrace.extract.prose_credits`.
"""

from __future__ import annotations

import re

from backtrace.extract.prose import (
    SEP_BEFORE,
    backward_list,
    is_person,
    looks_like_organization,
    read_names,
)
from backtrace.extract.rules import READERS, Context, Example, Prop, RoleHit, Rule, guard
from backtrace.vocabulary import ROLE_WORDS

DIRECTOR: Prop = ("director", {})
PRODUCER: Prop = ("producer", {})
EXECUTIVE_PRODUCER: Prop = ("executive_producer", {})
WRITER: Prop = ROLE_WORDS["write"]
SCREENPLAY: Prop = ("screenwriter", {"credit": "screenplay"})
STORY: Prop = ("screenwriter", {"credit": "story"})
COMPOSER: Prop = ("composer", {})
PHOTOGRAPHY: Prop = ("director_of_photography", {})
EDITOR: Prop = ("film_editor", {})
CAST: Prop = ("cast_member", {})
DISTRIBUTOR: Prop = ("distributor", {})
STUDIO: Prop = ("production_company", {})

# "directed by cinematographer X" credits X as director; "announced by producer X" does not
# take the noun's credit away
guard("credit_by", r"\b(?!(?:announced|revealed|confirmed|unveiled|launched|presented"
      r"|introduced|reported|acquired|bought|picked|joined|accompanied)\b)[a-z-]+(?:\s+up)?"
      r"\s+by\s+$", 30)
# "the son of producer X": a relation, not a credit
guard("relation", r"\bof\s+(?:the\s+)?(?:film\s+|famed\s+|veteran\s+)?$", 20)
# "executive producer X", "executive-produced by X": a credit of its own, not producer
guard("executive", r"\bexecutive[\s-]+$", 12, re.IGNORECASE, only_for=("producer",))
# "despite not being produced by X": no credit
guard("negated", r"\bnot\s+(?:(?:being|been|be)\s+)?$", 12, re.IGNORECASE)


# -- "X <verb>s": the subjects before the verb ---------------------------------------------

# the next verb of a series with the same subject: "(X produced)(, wrote the screenplay)"
_CHAINED_VERB = re.compile(
    r"(?:\s+(?:the\s+(?:film|movie|picture|project|screenplay|script|score|music)|it))?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:also\s+)?"
    r"(?P<verb>directed|produced|edited|co-directed|co-produced"
    r"|(?:co-)?wrote(?=\s+the\s+(?:film's\s+)?(?:screenplay|script)\b)"
    r"|composed(?=\s+the\s+(?:film's\s+)?(?:music|score)\b))\b(?!\s+by\b)")
_CHAINED_PROPS = {"directed": DIRECTOR, "produced": PRODUCER, "edited": EDITOR,
                  "wrote": WRITER, "composed": COMPOSER}
# "... was hired to direct", "... is set to produce the film": one subject
_SINGULAR = re.compile(r"\s+(?:also\s+)?(?:was|is|has)\b")
# "X joined the project as producer ... alongside Y": Y shares the credit
_ALONGSIDE = re.compile(r"[^.;]{0,60}?\b(?:alongside|together\s+with|along\s+with)\s+")
_JOINED = re.compile(r"\s+joined\s+$")
_PRONOUN_AND = re.compile(r"\b(?:both\s+)?(?:he|she)\s+and\s+$", re.IGNORECASE)
_RELATIVE = re.compile(r",\s+(?:the\s+latter(?:\s+of\s+whom)?|who)$")


def _subjects(c: Context) -> list[RoleHit]:
    """The people (or companies) before "<verb>s the film", with the verbs chained after
    it: "A and B produced the film", "X produced, wrote the screenplay and stars"."""
    text, start, end, m = c.text, c.start, c.end, c.m
    props = list(c.props)
    pos = m.end()
    while chained := _CHAINED_VERB.match(text, pos, end):
        props.append(_CHAINED_PROPS[chained.group("verb").lower().removeprefix("co-")])
        pos = chained.end()
    names = _names_before_verb(text, start, m)
    companies = any(looks_like_organization(text[s:e]) for s, e in names)
    if names and (more := _ALONGSIDE.match(text, m.end(), end)):
        names += [(n.start, n.end) for n in read_names(text, more.end(), end)]
    hits: list[RoleHit] = []
    for s, e in names:
        if props[0][0] == "producer" and companies:
            # "Graveyard Shift Pictures produced with ...", "A and B Entertainment produced
            # the film": companies, all of the list
            hits.append(RoleHit("production_company", text[s:e], s, e))
        elif is_person(text[s:e]):
            hits += [RoleHit(p, text[s:e], s, e, dict(q)) for p, q in props]
    return hits


def _names_before_verb(text: str, start: int, m: re.Match[str]) -> list[tuple[int, int]]:
    if relative := _RELATIVE.search(text, max(start, m.start() - 24), m.start()):
        # "A and B, the latter of whom also composed the score": B alone
        names = backward_list(text, start, relative.start())[-1:]
    else:
        names = backward_list(text, start, m.start())
    if _SINGULAR.match(m.group(0)):
        names = names[-1:]  # "the characters of A and B, and C was hired to direct"
    if names and (pronoun := _PRONOUN_AND.search(text, max(start, names[0][0] - 16),
                                                 names[0][0])):
        # "directed by A, and both he and B produced the film": A and B
        stop = pronoun.start()
        if sep := SEP_BEFORE.search(text, max(start, stop - 8), stop):
            stop = sep.start()
        names = backward_list(text, start, stop)[-1:] + names
    if names and (joined := _JOINED.search(text, max(start, names[0][0] - 12), names[0][0])):
        # "Lakeshore Entertainment joined Phantom Four to produce the film"
        names = backward_list(text, start, joined.start()) + names
    return names


READERS["subjects"] = _subjects

# what may follow "X directs" for the verb to be the credit: the end of the clause, "the
# film", "it", "from", "and", "with", "alongside", "on", "for"
_VERB_END = (r"(?=\s*(?:[,.;]|$|\s+(?:the\s+(?:film|movie|picture|project)|it|from|and|with"
             r"|alongside|on|for)\b))")
# "A, B and C will produce the film", "are producing the project", "with A and B producing"
_WILL = r"(?:\s+(?:will|would|are|were|is|was|to)\s+(?:(?:also|set\s+to|going\s+to)\s+)?|\s+)"
_THE_FILM = r"(?=\s+the\s+(?:film|movie|picture|project)\b)"
_ROLE = (r"(?P<role>director|co-director|executive\s+producer|producer|co-producer"
         r"|screenwriter|writer|cinematographer|director\s+of\s+photography|editor|composer)\b")


def _ex(text: str, *finds: str) -> tuple[Example, ...]:
    return (Example(text, *finds),)


BY_PHRASES: tuple[Rule, ...] = (
    Rule("directorial-debut-of", r"\b(?:feature\s+)?directorial\s+debut\s+of\s+", (DIRECTOR,),
         examples=_ex("It was the directorial debut of Ines Morrow.", "director=Ines Morrow")),
    Rule("helmed-by", r"\b(?:co-)?helmed\s+by\s+", (DIRECTOR,),
         examples=_ex("The remake was helmed by Ines Morrow.", "director=Ines Morrow"),
         counterexamples=("The boat was helmed by night.",)),
    Rule("penned-by", r"\b(?:penned|scripted)\s+by\s+", (WRITER,),
         examples=_ex("It was scripted by Otto Varga.", "screenwriter=Otto Varga")),
    Rule("screenplay-by", r"\b(?:script|screenplay|teleplay)\s+(?:\w+\s+){0,2}?by\s+",
         (SCREENPLAY,),
         examples=_ex("It features a screenplay by Rhea Dunn.", "screenwriter=Rhea Dunn")),
    Rule("story-by", r"\bstory\s+by\s+", (STORY,),
         examples=_ex("The story by Lio Brandt was adapted.", "screenwriter=Lio Brandt")),
    Rule("co-written-with", r"\b(?:co-wrote|co-written)(?:\s+and\s+co-?(?:produced|directed))?"
         r"\s+(?:it\s+|the\s+(?:original\s+)?(?:film|screenplay|script)\s+)?with\s+"
         r"(?:the\s+writing\s+team\s+of\s+)?|\bthe\s+writing\s+team\s+of\s+", (WRITER,),
         examples=_ex("He co-wrote the screenplay with Mara Olsen.",
                      "screenwriter=Mara Olsen")
         + _ex("It was directed by Ivo Lark, who co-wrote the original screenplay with Bea "
               "Roth and Kai Dorn.", "screenwriter=Bea Roth", "screenwriter=Kai Dorn")
         + _ex("It was directed by Ivo Lark, who co-wrote and co-produced it with Bea Roth.",
               "screenwriter=Bea Roth")),
    Rule("wrote-the-screenplay-with",
         r"\b(?:wrote|written)\s+(?:the\s+(?:film's\s+|film’s\s+)?|its\s+)"
         r"(?:screenplay|script|story)(?:\s+and\s+(?:screenplay|script|story))?,?\s+with\s+",
         (WRITER,),
         examples=_ex("Hale also wrote the film's script with Dana Pike and Ugo Sala.",
                      "screenwriter=Dana Pike", "screenwriter=Ugo Sala")),
    Rule("songs-by", r"\boriginal\s+songs\s+by\s+|\bunderscore\s+by\s+|\bsongs\s+(?:were|are)"
         r"\s+(?:written|composed)\s+by\s+", (COMPOSER,),
         examples=_ex("It has an underscore by Pia Lund.", "composer=Pia Lund")),
    Rule("scored-by", r"\b(?:scored|composed)(?:\s+and\s+(?:conducted|orchestrated|arranged"
         r"|performed))?\s+by\s+(?:(?:two|three|four|the)\s+(?:composers|musicians|duo"
         r"|brothers),?\s+)?", (COMPOSER,),
         examples=_ex("The film was scored by two composers, Ada Ko and Lev Marr.",
                      "composer=Ada Ko", "composer=Lev Marr")),
    Rule("shot-by", r"\b(?:lensed|shot)\s+by\s+", (PHOTOGRAPHY,),
         examples=_ex("It was lensed by Karl Ostby.", "director_of_photography=Karl Ostby")),
    Rule("editing-by", r"\bediting\s+(?:(?:was|is)\s+(?:\w+\s+)?)?by\s+", (EDITOR,),
         examples=_ex("Editing was done by Nell Ames.", "film_editor=Nell Ames")),
    Rule("cinematography-was-by",
         r"\b(?:cinematography|camerawork|photography)\s+(?:was|is)\s+\w+\s+by\s+",
         (PHOTOGRAPHY,),
         examples=_ex("Camerawork was handled by Teo Rask.",
                      "director_of_photography=Teo Rask")),
    Rule("music-was-by",
         r"\b(?:music|score)\s+(?:was|is)\s+(?:provided|written|handled|done)\s+by\s+",
         (COMPOSER,),
         examples=_ex("The score was provided by Juno Hart.", "composer=Juno Hart")),
)

ROLE_NOUNS: tuple[Rule, ...] = (
    Rule("executive-producer-name", r"\bexecutive[\s-]+producers?\s+(?=[A-Z])",
         (EXECUTIVE_PRODUCER,), unless_before=("credit_by", "relation"), keep="person",
         examples=(Example("It was announced by executive producers Bo Lind and Ute Mann.",
                           "executive_producer=Bo Lind", "executive_producer=Ute Mann"),),
         counterexamples=("She is the daughter of executive producer Tim Vasko.",)),
    Rule("the-role-is", r"\b(?:the|its)\s+(?:film's\s+)?(?P<role>director|co-director|producer"
         r"|screenwriter|writer|cinematographer|director\s+of\s+photography|editor|composer)"
         r"\s+(?:is|was)\s+(?=[A-Z])", role_group="role", read="name", keep="person",
         examples=_ex("The film's cinematographer was Ana Ruiz.",
                      "director_of_photography=Ana Ruiz")),
    Rule("role-noun-name", r"\b(?P<noun>cinematographer|director\s+of\s+photography|composer"
         r"|film\s+editor|editor|co-writer|screenwriter|producer|co-producer)\s+(?=[A-Z])",
         role_group="noun", read="name_or_possessor", keep="person", ignore_case=False,
         unless_before=("credit_by", "relation", "executive"),
         examples=(Example("It reunites him with composer Tim Vasko.", "composer=Tim Vasko"),
                   Example("Producer Nina Ford's alma mater hosted it; producer Bo Lind agreed.",
                           "producer=Bo Lind")),
         counterexamples=("She is the daughter of composer Tim Vasko.",
                          "It was directed by cinematographer Tim Vasko.",
                          "It was announced by executive producer Bo Lind.")),
)

SUBJECTS: tuple[Rule, ...] = (
    Rule("served-as", r"\s+(?:(?:has|had|was|is|were|will)\s+(?:also\s+)?(?:been\s+)?"
         r"|(?:also|additionally)\s+)?"
         r"(?:served|serves|serve|acted|acts|hired|signed(?:\s+on)?|came\s+on\s+board"
         r"|brought\s+on|selected|chosen|joined(?:\s+the\s+(?:project|film|production))?)"
         r"\s+as\s+(?:an?\s+)?(?:the\s+(?:film's\s+)?|its\s+)?" + _ROLE,
         role_group="role", read="subjects", ignore_case=False,
         unless_after=r"\s+and\s+(?:the\s+)?(?:cinematographer|director\s+of\s+photography"
         r"|(?:music\s+)?composer|music\s+director|(?:film\s+)?editor|producer|screenwriter"
         r"|writer)\b",
         examples=_ex("Brian Miller served as director.", "director=Brian Miller"),
         counterexamples=("Ed Noor was hired as the editor and the composer.",)),
    Rule("directs", r"\s+(?:also\s+)?(?P<verb>directs|directed|produces|produced|edits|edited"
         r"|scores|scored|co-directed|co-produced)" + _VERB_END, role_group="verb",
         read="subjects", ignore_case=False,
         examples=(Example("Lena Moss directs from her own script.", "director=Lena Moss"),
                   Example("Emmett Rowe produced the film, directed it and wrote the "
                           "screenplay.", "producer=Emmett Rowe", "director=Emmett Rowe",
                           "screenwriter=Emmett Rowe"),
                   Example("Sara Vink edited the film.", "film_editor=Sara Vink"),
                   Example("Ivo Prell scored the film.", "composer=Ivo Prell"))),
    Rule("wrote-the-screenplay", r"\s+(?:also\s+)?(?:wrote|writes|co-wrote|penned)\s+(?:the\s+"
         r"(?:film's\s+)?(?:original\s+)?(?:screenplay|script|film|movie|story)\b"
         r"|(?:and\s+co-?(?:produced|directed)\s+)?it\s+with\b)|\s+co-writing\b", (WRITER,),
         read="subjects", ignore_case=False,
         examples=(Example("Kit Arden and Ros Vale wrote the screenplay.",
                           "screenwriter=Kit Arden", "screenwriter=Ros Vale"),
                   Example("It was directed by Ivo Lark, who co-wrote and co-produced it "
                           "with Bea Roth.", "screenwriter=Ivo Lark"),
                   Example("It was directed by Ivo Lark, who co-wrote the original "
                           "screenplay with Bea Roth.", "screenwriter=Ivo Lark"),
                   Example("It had Milo Strand co-writing with her.",
                           "screenwriter=Milo Strand"))),
    # "X wrote and directed the film", "X co-wrote, directed, and co-produced the film": the
    # verbs after "wrote" are read by ``_subjects`` (``_CHAINED_VERB``)
    Rule("wrote-and-directed", r"\s+(?:also\s+)?(?:co-)?wrote(?=(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
         r"(?:also\s+)?(?:co-)?(?:directed|produced|edited)\b)+(?:\s+(?:the\s+(?:film|movie"
         r"|picture|project)|it)\b|\s*[,.;]|\s*$))", (WRITER,), read="subjects",
         ignore_case=False, counterexamples=("Ada Marsh wrote and produced songs for it.",),
         examples=(Example("Noa Berg wrote and directed the film.", "screenwriter=Noa Berg",
                           "director=Noa Berg"),
                   Example("Noa Berg co-wrote, directed, and co-produced the film.",
                           "screenwriter=Noa Berg", "director=Noa Berg",
                           "producer=Noa Berg"))),
    Rule("helming-the-camera", r"\s+(?:is\s+|was\s+)?(?:helming|helmed|helms|handling|handled"
         r"|handles|wielding|wielded|cranking|cranked)\s+the\s+camera\b", (PHOTOGRAPHY,),
         read="subjects", ignore_case=False,
         examples=_ex("Arun Das is helming the camera.", "director_of_photography=Arun Das")),
    Rule("will-write-and-direct", _WILL + r"(?:write\s+and\s+direct|writing\s+and\s+directing)"
         + _THE_FILM, (DIRECTOR, WRITER), read="subjects", ignore_case=False,
         examples=_ex("Noa Berg will write and direct the film.", "director=Noa Berg",
                      "screenwriter=Noa Berg")),
    Rule("will-direct", _WILL + r"(?P<verb>direct|directing|produce|producing|co-produce"
         r"|co-producing)" + _THE_FILM, role_group="verb", read="subjects", ignore_case=False,
         examples=(Example("Per Holm is set to direct the film.", "director=Per Holm"),
                   Example("Ada Stone, Bo Reyes and Cy Lam will produce the film.",
                           "producer=Ada Stone", "producer=Bo Reyes", "producer=Cy Lam"))),
    Rule("composed-the-score", r"\s+(?:also\s+)?(?:(?:has\s+|had\s+|will\s+)?(?:composed"
         r"|composes|compose)|is\s+composing)\s+the\s+(?:film's\s+)?(?:background\s+"
         r"|original\s+)?(?:music|score|soundtrack)\b", (COMPOSER,), read="subjects",
         ignore_case=False,
         examples=_ex("Vera Quist has composed the music.", "composer=Vera Quist")),
    Rule("returned-to", r"\s+(?:returned|returns|returning|came\s+back|(?:was|were)\s+"
         r"(?:hired|brought\s+on)|signed\s+on)\s+to\s+(?P<verb>compose|score|direct|write"
         r"|produce|edit)\b", role_group="verb", read="subjects", ignore_case=False,
         examples=_ex("Hugo Brandt returned to compose the score.", "composer=Hugo Brandt")),
)

_CAST_TRIGGER = (
    r"\b(?:co-?stars?\s+with|teams|also\s+appearing\s+(?:in\s+the\s+(?:film|movie)\s+)?"
    r"(?:are|is)|the\s+cast\s+(?:also\s+)?include[sd]?|ensemble\s+cast\s+(?:that\s+)?"
    r"(?:with|of|including|includes|as)|(?:features|featuring)\s+the\s+voices?\s+of"
    r"|(?:stars?|starred|starring|appears?|appeared|co-?stars?)\s+(?:alongside|opposite"
    r"|along\s+with)"
    # "Supporting actors include A and B", "with A and B in the leading roles" (below)
    r"|(?:supporting\s+)?(?:actors|players)\s+(?:also\s+)?include[sd]?"
    # "The film's human cast consists of A, B", "a supporting cast played by A, B"
    r"|cast\s+(?:consists\s+of|consisted\s+of|played\s+by))\s+")
# "A, B and C co-star.", "A and B round out the principal cast": the list before
_CAST_AFTER = (
    r"\s+(?:also\s+)?(?:co-?star(?:s|red)?(?=\s*[.,;]|\s+(?:with|as|in|alongside)\b)"
    r"|(?:are|were)\s+(?:also\s+)?featured\s+in\s+(?:\w+\s+)?roles"
    r"|round(?:s|ed)?\s+out\s+the\s+(?:rest\s+of\s+the\s+)?(?:film's\s+|\w+\s+)?cast"
    # "A, B and C reprise their roles (from the first film)": returning cast
    r"|(?:also\s+)?repris(?:e|es|ed)\s+(?:his|her|their)\s+(?:\w+\s+)?roles?"
    # "A and B star in this adventure", "... and C starred in the film"
    r"|star(?:s|red)?\s+in\s+(?:this|the)\s+(?:\w+\s+)?(?:film|movie|picture|feature"
    r"|adventure|comedy|drama|western|thriller)\b"
    r"|(?:are|were|is|was)\s+(?:in\s+)?the\s+(?:leading|lead|main|title)\s+roles?"
    r"|in\s+the\s+(?:leading|lead|main|title)\s+roles?(?=\s*[.,;]|$))")

CAST_LISTS: tuple[Rule, ...] = (
    Rule("cast-includes", _CAST_TRIGGER, (CAST,), read="list_with_notes", keep="person",
         examples=_ex("She co-stars with Rob Hale (Quiz Show) and Una Pratt.",
                      "cast_member=Rob Hale", "cast_member=Una Pratt")),
    Rule("joined-by", r"\b(?:are|is|were|was)\s+(?:also\s+)?joined\s+by\s+", (CAST,),
         read="list_with_notes", keep="person", ignore_case=False,
         only_in=r"\b(?:cast|repris\w*|voices?|characters?)\b",
         examples=_ex("The leads reprise their parts and are joined by Cal Ortiz.",
                      "cast_member=Cal Ortiz"),
         counterexamples=("The band is joined by Cal Ortiz.",)),
    Rule("co-star-after", _CAST_AFTER, (CAST,), read="list_before", keep="person",
         ignore_case=False,
         examples=_ex("Ida Kern, Max Rowe, and Lou Farr, reprise their roles.",
                      "cast_member=Ida Kern", "cast_member=Max Rowe", "cast_member=Lou Farr")),
)

COMPANIES: tuple[Rule, ...] = (
    Rule("coming-from", r"\s*(?:Coming|Arriving)\s+(?:to\s+\w+\s+)?from\s+", (DISTRIBUTOR,),
         read="name", org=True, ignore_case=False, at_start=True,
         examples=_ex("Coming from Northlight Pictures, the film opens soon.",
                      "distributor=Northlight Pictures")),
    # "... hits Blu-ray on February 19 from Lionsgate": the company that releases it
    Rule("release-from", r"\b(?:hits?|arrives?|opens?|released|comes|debuts?)\b[^.;]{0,80}?"
         r"\b(?:\d{1,2}|\d{4}|theaters|theatres|cinemas|Blu-ray|DVD|Digital|VOD|Demand)\s+"
         r"(?:courtesy\s+of|from|via)\s+", (DISTRIBUTOR,), read="name", org=True,
         ignore_case=False, first_only=True,
         examples=_ex("It hits theaters on May 2 from Bluefin Films.",
                      "distributor=Bluefin Films")),
    # "a 1957 adventure film from Walt Disney Productions", "made by Hammer Film Productions":
    # a company (a person after "made by" is not read here); a lead's head ends in "film"
    Rule("film-from", r"\b(?:film|movie|picture|feature)\s+from\s+|\bmade\s+by\s+", (STUDIO,),
         read="name", org=True, keep="organization", ignore_case=False, reach_back=10,
         examples=_ex("It is a comedy film from Quayside Productions.",
                      "production_company=Quayside Productions"),
         counterexamples=("It is a comedy film from Ana Ruiz.",)),
    # "Fernando Lockett's cinematography": a critic names the credit
    Rule("possessed-craft", r"(?:'s|’s)\s+(?:[a-z-]+\s+){0,2}?(?P<craft>cinematography"
         r"|camerawork|camera\s+work|editing|score)\b(?!\s+(?:rooms?|suites?|software"
         r"|process|sessions?))", role_group="craft", read="name_before", keep="full_person",
         ignore_case=False,
         examples=_ex("Ana Ruiz's tense editing keeps it moving.", "film_editor=Ana Ruiz"),
         counterexamples=("Disney's score is fine.",)),
    Rule("handles-distribution", r"\s+(?:will\s+|would\s+)?(?:handle[sd]?|handling)\s+"
         r"(?:the\s+)?(?:film's\s+|its\s+)?(?:\w+\s+)?distribution\b", (DISTRIBUTOR,),
         read="name_before", ignore_case=False,
         examples=_ex("Lionsgate would handle the film's distribution.",
                      "distributor=Lionsgate")),
    Rule("on-a-streamer", r"\b(?:released|premiered|debuted|streaming|launched)\b[^.;]{0,60}?"
         r"\bon\s+(?P<name>Netflix|Amazon\s+Prime\s+Video|Prime\s+Video|Hulu"
         r"|Disney\+\s+Hotstar|Disney\+|Apple\s+TV\+|HBO\s+Max|Max|Peacock|Paramount\+|ZEE5"
         r"|Hotstar|MUBI|Shudder)(?![\w+])", (DISTRIBUTOR,), read="group", ignore_case=False,
         examples=_ex("It was released on June 8 on Netflix.", "distributor=Netflix")),
)

# the table :func:`backtrace.extract.prose_credits.credit_hits` runs over every sentence
CREDIT_RULES: tuple[Rule, ...] = (*BY_PHRASES, *ROLE_NOUNS, *SUBJECTS, *CAST_LISTS,
                                  *COMPANIES)
