"""Questions about films answered from the store, each answer with the sentence that
states it.

    asker = Asker(store)
    result = asker.ask("who directed Cinder Road?")  # a records.Result
    result.answers[0].sources[0].text  # the sentence that states the first answer
    result.to_json()
    # {"question", "interpretation": {"kind", "form", "property", "entity", ...},
    #  "answers": [{"value", "text", "entity", "film", "sources": [...], ...}], "note"}

``grammar.py`` is the table of question forms (patterns and examples, as data),
``matcher.py`` the one matcher that reads it, ``lookup.py`` finds what a question names,
``answers.py`` reads the answers and their sentences, ``engine.py`` puts them together;
``records.py`` holds the typed records they pass, turned into JSON only by ``to_json()``.
"""

from backtrace.ask.engine import MAX_QUESTION, Asker, refuse
from backtrace.ask.text import render_result

__all__ = ["Asker", "MAX_QUESTION", "refuse", "render_result"]
