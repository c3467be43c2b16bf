"""The page templates (Jinja2, autoescaped), kept in Python so every install has them.

Every string a page prints goes through Jinja2's escaping; no template uses ``|safe``, no
page has a script or a ``style`` attribute (the Content-Security-Policy forbids both). The
one ``<script>`` element is the film page's JSON-LD, a data block that never runs, written
with Jinja2's ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``).
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined

from backtrace.serve.present import label

BASE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}backtrace{% endblock %} · backtrace</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="alternate" type="application/json" href="{{ json_url }}">
{% block head %}{% endblock %}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">backtrace</a>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" value="{{ query|default('') }}"
 placeholder="Films, people, documents" aria-label="Search">
<button type="submit">Search</button>
</form>
</header>
<main id="main">
{% block main %}{% endblock %}
</main>
<footer><a href="/films">Films</a> · <a href="/people">People</a> ·
<a href="/conflicts">Conflicts</a> ·
<a href="{{ json_url }}">JSON</a> · <a href="/openapi.json">API</a></footer>
</body>
</html>
"""

# Fragments expanded into the templates where ``[[name ARG]]`` stands, before Jinja2 compiles
# them: inline loops render several times faster than Jinja2 macro calls on big pages.
FRAGMENTS = {
    "quote": """<q>{% for p in ARG %}{% if p.mark %}<mark>{{ p.text }}</mark>
{%- else %}{{ p.text }}{% endif %}{% endfor %}</q>""",
    "sources": """<ul class="sources">{% for item in ARG %}{% set s = item.source %}
<li class="source">[[quote item.quote]]
<a class="where" href="/document/{{ s.document }}#s-{{ s.start }}">
{{- s.path }} [{{ s.start }}:{{ s.end }}]</a>
<span class="kind">{{ s.kind }}</span></li>{% endfor %}</ul>""",
    "count_sources": """{{ ARG|length }} source{{ "" if ARG|length == 1 else "s" }}""",
    "standing": """{% if ARG %} <span class="status status-{{ ARG.key }}">
{#- the word says it, the symbol repeats it for the eye #}
<span aria-hidden="true">{{ ARG.symbol }} </span>{{ ARG.word }}</span>{% endif %}""",
    "proof": """{% if ARG.sources %}<details><summary>[[count_sources ARG.sources]]</summary>
<div class="proof"><span class="reason">{{ ARG.fact.reason }}</span>
[[sources ARG.sources]]</div></details>
{%- else %}<span class="reason">{{ ARG.fact.reason }}</span>{% endif %}""",
    "fact": """<li class="fact fact-{{ ARG.fact.status }}">{% if ARG.entity_id %}
<a class="entity" href="/person/{{ ARG.entity_id }}">{{ ARG.value_text }}</a>
{%- else %}{{ ARG.value_text }}{% endif %}
{%- if ARG.qualifier_text %} <span class="muted">{{ ARG.qualifier_text }}</span>{% endif %}
{{- "" }}[[standing ARG.standing]] [[proof ARG]]</li>""",
    "fact_table": """<table class="facts-table">{% for row in ARG %}
<tr id="p-{{ row.property }}"><th scope="row">{{ row.label }}</th><td><ul class="facts">
{% for fv in row.facts %}[[fact fv]]
{% endfor %}</ul></td></tr>{% endfor %}</table>""",
    "film_link": """{% if ARG %}<a href="/film/{{ ARG.id }}">{{ ARG.title }}
{%- if ARG.year %} ({{ ARG.year }}){% endif %}</a>
{%- else %}<span class="muted">no film</span>{% endif %}""",
}
_FRAGMENT = re.compile(r"\[\[(\w+) ([\w.]+)\]\]")


def expand(template: str) -> str:
    """``[[sources fv.sources]]`` -> the ``sources`` fragment over ``fv.sources``."""
    while True:
        out = _FRAGMENT.sub(lambda m: FRAGMENTS[m[1]].replace("ARG", m[2]), template)
        if out == template:
            return out
        template = out


HOME = """{% extends "base.html" %}{% block title %}Home{% endblock %}
{% block main %}
<h1>backtrace</h1>
<p class="lead">A film database in which every fact traces back to the sentence that states it.</p>
<ul class="counts">{% for name, n in counts.items() %}
{% set link = {"films": "/films", "persons": "/people"}.get(name) %}
<li>{% if link %}<a href="{{ link }}">{% endif %}<strong>{{ "{:,}".format(n) }}</strong>
{{ name.replace("tv_", "TV ") }}{% if link %}</a>{% endif %}</li>{% endfor %}</ul>
<h2>Recently ingested</h2>
<table class="list">
<thead><tr><th>Document</th><th>Kind</th><th>Film</th></tr></thead>
<tbody>
{% for d in recent %}<tr><td><a href="/document/{{ d.id }}">{{ d.title or d.path }}</a></td>
<td>{{ d.kind }}</td><td>[[film_link d.film]]</td></tr>
{% else %}<tr><td colspan="3" class="muted">No documents yet: run
<code>backtrace ingest</code>.</td></tr>{% endfor %}
</tbody>
</table>
{% endblock %}
"""

SEARCH = """{% extends "base.html" %}
{% block title %}Search{% if query %}: {{ query }}{% endif %}{% endblock %}
{% block main %}
<h1>Search</h1>
{% if not query %}<p class="muted">Type a title, a name or words from a document, or ask a
question (<a href="/ask">who directed a film, what films a person made, …</a>).</p>
{% else %}
{% include "answer_card.html" %}
{% if result.fuzzy %}<p class="note">No exact match for “{{ query }}”; closest names:</p>
{% endif %}
{% set shown = [result.group] if result.group else ["films", "people", "documents"] %}
{% if result.group %}<p class="muted">{{ result.group|capitalize }} from number
 {{ result.offset + 1 }}{% if pages.previous %} · <a href="{{ pages.previous }}" rel="prev">
Previous {{ result.group }}</a>{% endif %} · <a href="{{ pages.all }}">All results</a></p>
{% endif %}
{% if "films" in shown %}<section class="found-films"><h2>Films</h2>
{% if result.films %}<ul class="results">{% for f in result.films %}
<li><a href="/film/{{ f.id }}">{{ f.name }}</a>{% if f.year %} ({{ f.year }}){% endif %}
{%- if f.directors %} <span class="context">directed by {{ f.directors|join(", ") }}</span>
{%- endif %}</li>
{% endfor %}</ul>
{% else %}<p class="muted">No films.</p>{% endif %}
{% if pages.films %}<p><a href="{{ pages.films }}" rel="next">More films</a></p>{% endif %}
</section>{% endif %}
{% if "people" in shown %}<section class="found-people"><h2>People</h2>
{% if result.people %}<ul class="results">{% for p in result.people %}
<li><a href="/person/{{ p.id }}">{{ p.name }}</a>
{%- if p.role %} <span class="context">{{ p.role }}</span>
{%- else %} <span class="context">no credits</span>{% endif %}
{%- if p.known_for %}<br><span class="context">known for {% for w in p.known_for %}
{%- if w.type == "film" %}<a href="/film/{{ w.id }}">{{ w.title }}</a>{% else %}{{ w.title }}
{%- endif %}{% if w.year %} ({{ w.year }}){% endif %}{% if not loop.last %}, {% endif %}
{%- endfor %}{% if p.works > p.known_for|length %} and {{ p.works - p.known_for|length }}
 more{% endif %}</span>{% endif %}</li>{% endfor %}</ul>
{% else %}<p class="muted">No people.</p>{% endif %}
{% if pages.people %}<p><a href="{{ pages.people }}" rel="next">More people</a></p>{% endif %}
</section>{% endif %}
{% if "documents" in shown %}<section class="found-documents"><h2>Documents</h2>
{% if result.documents %}<ul class="results">{% for d in result.documents %}
<li><a href="/document/{{ d.id }}">{{ d.title or d.path }}</a>
<span class="kind">{{ d.kind }}</span>{% if d.date %} <span class="muted">{{ d.date }}</span>
{%- endif %}<br><span class="snippet">
{%- for p in d.snippet %}{% if p.match %}<mark>{{ p.text }}</mark>
{%- else %}{{ p.text }}{% endif %}{% endfor %}</span></li>{% endfor %}</ul>
{% else %}<p class="muted">No documents.</p>{% endif %}
{% if pages.documents %}<p><a href="{{ pages.documents }}" rel="next">More documents</a></p>
{% endif %}</section>{% endif %}
{% endif %}
{% endblock %}
"""

# The answer to a question (``ask``): included by the search and ask pages with ``card``
# (serve/answer.py's ``answer_view``; None for no card).
ANSWER_CARD = """{% if card %}<section class="answer-card" aria-label="Answer">
{% if card.headline %}<h2>{% if card.entity_link %}<a href="{{ card.entity_link }}">
{{- card.headline }}</a>{% else %}{{ card.headline }}{% endif %}</h2>{% endif %}
{% if card.answers %}<ol class="answers">{% for a in card.answers %}
<li class="answer{% if a.disputed %} answer-disputed{% endif %}"><strong>
{%- if a.link %}<a href="{{ a.link }}">{{ a.text }}</a>
{%- else %}{{ a.text }}{% endif %}</strong>
{%- if a.film %} <span class="muted">[[film_link a.film]]</span>{% endif %}
{%- if a.disputed %} <span class="status status-conflict">disputed,
{{ "believed" if a.believed else "not believed" }}</span>{% endif %}
[[sources a.sources]]{% if a.more %}<p class="muted">and {{ a.more }} more
source{{ "" if a.more == 1 else "s" }} (<a href="/ask.json?q={{ card.question|urlencode }}">
JSON</a>)</p>{% endif %}</li>
{% endfor %}</ol>
{% else %}<p class="muted">No answer.</p>{% endif %}
{% if card.note %}<p class="note">{{ card.note }}</p>{% endif %}
</section>{% endif %}
"""

ASK = """{% extends "base.html" %}
{% block title %}Ask{% if query %}: {{ query }}{% endif %}{% endblock %}
{% block main %}
<h1>Ask</h1>
<form class="search ask" action="/ask" method="get">
<input type="search" name="q" value="{{ query }}" aria-label="Question"
 placeholder="who directed TITLE?">
<button type="submit">Ask</button>
</form>
{% if not query %}<p class="muted">Ask about a film or a person, for example “who directed
TITLE?”, “what films did NAME star in?”, “how much did TITLE gross?”, “who played CHARACTER in
TITLE?”, “what did critics think of TITLE?”. Every answer quotes the sentence that states
it.</p>{% endif %}
{% include "answer_card.html" %}
{% endblock %}
"""

FILM = """{% extends "base.html" %}{% block title %}{{ film.title }}{% endblock %}
{% block head %}<script type="application/ld+json">{{ jsonld|tojson }}</script>
<link rel="alternate" type="text/html" href="/film/{{ film.id }}/article" title="Article">
{% endblock %}
{% block main %}
<h1>{{ film.title }}{% if film.year %} <span class="year">({{ film.year }})</span>{% endif %}</h1>
{% if view.lead %}<p class="lead summary"><q>{{ view.lead.text }}</q>
<a class="where" href="/document/{{ view.lead.document }}">{{ view.lead.path }}</a></p>
{% endif %}
<p class="muted"><a href="/film/{{ film.id }}/article">Read it as a cited article</a>
{%- if formats %}; export it as {% for f in formats -%}
<a href="{{ f.href }}" title="{{ f.title }}">.{{ f.extension }}</a>
{%- if not loop.last %}, {% endif %}{% endfor %}{% endif %}</p>
{% if not film.facts %}<p class="muted">No facts yet.</p>{% endif %}
{% if view.disputed %}<p class="note">Sources disagree on {% for d in view.disputed %}
<a href="#p-{{ d.property }}">{{ d.label }}</a>{% if not loop.last %}, {% endif %}
{%- endfor %}: each value there is marked believed, disputed or overruled.</p>{% endif %}
{% if view.credits %}<section class="credits" id="credits"><h2>Credits</h2>
[[fact_table view.credits]]</section>{% endif %}
{% if view.cast %}<section class="cast" id="p-cast_member"><h2>Cast</h2>
<table class="list"><thead><tr><th>Actor</th><th>Character</th><th>Description</th>
<th>Sources</th></tr></thead><tbody>
{% for c in view.cast %}<tr><td>{% if c.entity_id %}
<a class="cast-link" href="/person/{{ c.entity_id }}">{{ c.name }}</a>
{%- else %}{{ c.name }}{% endif %}[[standing c.standing]]</td>
<td>{{ c.character or "" }}</td><td>{{ c.description or "" }}</td>
<td>[[proof c]]</td></tr>
{% endfor %}</tbody></table></section>{% endif %}
{% if view.plot %}{% set plot = view.plot %}<section class="plot" id="plot"><h2>Plot</h2>
<blockquote class="passage">{% for para in plot.paragraphs() %}<p>{{ para }}</p>
{% endfor %}</blockquote>
<p class="muted">Quoted from <a class="where" href="/document/{{ plot.document }}">
{{- plot.path }}</a> ({{ plot.kind }})</p></section>{% endif %}
{% if view.timeline or view.release %}<section class="release" id="release">
<h2>Release and money</h2>
{% if view.timeline %}<h3 id="p-publication_date">Release timeline</h3>
<ol class="timeline">{% for r in view.timeline %}<li class="fact fact-{{ r.fact.status }}">
<time datetime="{{ r.date }}">{{ r.date }}</time> {{ r.what }}[[standing r.standing]]
[[proof r]]</li>
{% endfor %}</ol>{% endif %}
{% if view.release %}[[fact_table view.release]]{% endif %}
{% if view.box_office.rows %}{% set bo = view.box_office %}
<svg class="bars" viewBox="0 0 {{ bo.bar_width + 210 }} {{ bo.height }}"
 width="100%" role="img" aria-label="Box office by region">
{% for r in bo.rows %}<g>
<text x="0" y="{{ r.y + 15 }}">{{ r.region }}</text>
<rect x="110" y="{{ r.y + 3 }}" width="{{ r.width }}" height="16"
 class="{{ 'bar-believed' if r.fact.believed else 'bar-disputed' }}"></rect>
<text x="{{ 116 + r.width }}" y="{{ r.y + 15 }}">{{ r.text }}
{%- if not r.fact.believed %} (not believed){% endif %}</text></g>
{% endfor %}</svg>{% endif %}
</section>{% endif %}
{% if view.details %}<section class="details" id="details"><h2>Details</h2>
[[fact_table view.details]]</section>{% endif %}
{% if view.reception %}{% set rc = view.reception %}{% set agg = rc.aggregate %}
<section class="reception" aria-label="Reception"><h2>Reception</h2>
<p class="approval"><strong>{{ rc.approval }}</strong>
{%- if agg.average_score is not none %}; average score {{ agg.average_score }}/100 from
 {{ agg.scored }}{% endif %}
{%- if rc.interval %} <span class="muted">({{ rc.level }}% interval, allowing for the number
 of reviews and how often the reader misreads one)</span>{% endif %}</p>
{% if rc.consensus %}<p class="consensus">{% for p in rc.consensus %}{% if p.cite %}
<a class="cite" href="#cite-{{ p.cite }}">[{{ p.cite }}]</a>{% else %}{{ p.text }}{% endif %}
{%- endfor %}</p>
<ol class="citations">{% for c in rc.citations %}<li id="cite-{{ c.n }}">
<q>{{ c.text }}</q> <a class="where" href="/document/{{ c.document }}">
{%- if c.summary %}critics in general{% else %}review {{ c.review }}{% endif %},
 {{ c.aspect }} ({{ c.polarity }})</a></li>{% endfor %}</ol>{% endif %}
<table class="list reviews"><thead><tr><th>#</th><th>Critic</th><th>Polarity</th>
<th>Score</th><th>Quote</th><th>Aspects</th></tr></thead><tbody>
{% for rv in rc.reviews %}{% set r = rv.review %}
<tr class="review review-{{ r.polarity }}"><td>{{ r.n or "" }}</td>
<td>{% if rv.review.critic_id %}<a href="/person/{{ rv.review.critic_id }}">{{ rv.who }}</a>
{%- else %}{{ rv.who }}{% endif %}{% if rv.outlet %}, <em>{{ rv.outlet }}</em>{% endif %}
{%- if rv.summary %} <span class="muted">(not a review: not counted)</span>
{%- elif not r.counted %} <span class="muted">(counted once)</span>{% endif %}</td>
<td>{{ r.polarity }} <span class="muted">{{ rv.probability }} {{ r.basis }}</span></td>
<td>{{ r.score.text if r.score else "" }}</td>
<td><q>{{ r.quote }}</q> <a class="where" href="/document/{{ r.document }}">{{ r.path }}</a></td>
<td>{% for a in rv.aspects %}<span class="aspect aspect-{{ a.aspect.polarity }}">
{{- a.aspect.polarity }}: {{ a.text }}</span>{% if not loop.last %}; {% endif %}
{% endfor %}</td></tr>
{% endfor %}</tbody></table></section>{% endif %}
{% if view.sources %}<section class="cited" id="sources"><h2>Sources</h2>
<ol class="cited">{% for d in view.sources %}<li><a href="/document/{{ d.document }}">
{{- d.path }}</a> <span class="kind">{{ d.kind }}</span>{% if d.date %} {{ d.date }}{% endif %}
{%- if d.stated %} <span class="muted">(states {{ d.stated }} value
{{- "" if d.stated == 1 else "s" }})</span>{% endif %}</li>
{% endfor %}</ol></section>{% endif %}
{% endblock %}
"""

PERSON = """{% extends "base.html" %}
{% block title %}{{ person.name }}{% endblock %}
{% block main %}
<h1>{{ person.name }}</h1>
<p class="muted">{{ person.type }}{% if view.reviews %}, critic{% endif %}</p>
{% if person.aliases %}<p>Also named: {% for a in person.aliases %}
<span class="alias">{{ a }}</span>{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
{% if person.linked_names %}<h2>Names linked to this person</h2><ul class="linked">
{% for n in person.linked_names %}<li><span class="alias">{{ n.alias }}</span>:
{{ n.reason }}{% if n.sources %} <span class="muted">(as in “{{ n.sources[0].sentence.text }}”,
{{ n.sources[0].path }})</span>{% endif %}</li>{% endfor %}</ul>{% endif %}
<h2>Filmography</h2>
<table class="list"><thead><tr><th>Film</th><th>Role</th><th>Character</th><th>Sources</th>
</tr></thead><tbody>
{% for row in view.filmography %}{% set e = row.entry %}
<tr><td>{% if e.unlinked_mention %}{{ e.unlinked_mention }}
<span class="muted">(unlinked: several works fit)</span>{% else %}[[film_link e.film]]
{%- if e.film and e.film.type and e.film.type != "film" %}
<span class="muted">{{ e.film.type.replace("tv_series", "TV series") }}</span>{% endif %}
{%- endif %}</td><td>{{ row.roles|join(", ") }}</td>
<td>{% for part in row.parts %}<div>{{ part.character or "" }}
{%- if part.description %}<div class="muted">{{ part.description }}</div>{% endif %}</div>
{%- endfor %}</td>
<td><details><summary>[[count_sources row.sources]]</summary>[[sources row.sources]]
</details></td></tr>
{% else %}<tr><td colspan="4" class="muted">No film credits.</td></tr>{% endfor %}
</tbody></table>
{% if view.reviews %}<section class="reviews-written" aria-label="Reviews written">
<h2>Reviews written ({{ view.reviews|length }})</h2>
<table class="list reviews"><thead><tr><th>Film</th><th>Outlet</th><th>Date</th>
<th>Polarity</th><th>Quoted</th></tr></thead><tbody>
{% for rv in view.reviews %}{% set r = rv.review %}
<tr class="review review-{{ r.polarity }}"><td>[[film_link rv.film]]</td>
<td>{% if r.outlet %}<em>{{ r.outlet }}</em>{% endif %}</td><td>{{ r.date or "" }}</td>
<td>{{ r.polarity }} <span class="muted">{{ rv.probability }} {{ r.basis }}</span></td>
<td>{% for q in rv.quotes %}<a class="quote" href="{{ q.href }}">“{{ q.text }}”</a>
{% endfor %}<span class="muted">{{ r.path }}</span></td></tr>
{% endfor %}</tbody></table></section>{% endif %}
{% endblock %}
"""

DOCUMENT = """{% extends "base.html" %}{% block title %}{{ doc.title or doc.path }}{% endblock %}
{% block main %}
<h1>{{ doc.title or doc.path }}</h1>
<dl class="meta"><dt>Path</dt><dd>{{ doc.path }}</dd><dt>Kind</dt><dd>{{ doc.kind }}</dd>
{% if doc.date %}<dt>Date</dt><dd>{{ doc.date }}</dd>{% endif %}
<dt>Film</dt><dd>[[film_link doc.film]]</dd>
<dt>Id</dt><dd><code>{{ doc.id }}</code></dd></dl>
{% if view.reviews %}<section class="reviews" aria-label="Reviews"><h2>Reviews
 ({{ view.reviews|length }})</h2>
<table class="list reviews"><thead><tr><th>Critic</th><th>Polarity</th><th>Score</th>
<th>Aspects</th></tr></thead><tbody>
{% for rv in view.reviews %}{% set r = rv.review %}
<tr class="review review-{{ r.polarity }}"><td>{% if r.critic_id %}<a
 href="/person/{{ r.critic_id }}">{{ rv.who }}</a>{% else %}{{ rv.who }}{% endif %}
{%- if rv.outlet %}, <em>{{ rv.outlet }}</em>{% endif %}</td>
<td>{{ r.polarity }}{% if not rv.summary %} <span class="muted">{{ rv.probability }}
 {{ r.basis }}</span>{% endif %}</td>
<td>{{ r.score.text if r.score else "" }}</td>
<td>{% for a in rv.aspects %}<a class="aspect aspect-{{ a.aspect.polarity }}"
 href="#s-{{ a.aspect.start }}">{{ a.aspect.polarity }}: {{ a.text }}</a>
{%- if not loop.last %}; {% endif %}{% endfor %}</td></tr>
{% endfor %}</tbody></table>
{% if view.reviews[0].link %}<p class="muted">{% if view.reviews[0].linked %}Linked to its film
 by its text: {% else %}Linked to no film: {% endif %}{{ view.reviews[0].link }}</p>{% endif %}
</section>{% endif %}
<h2>Text</h2>
<div class="doctext">{% for p in view.pieces %}{% if p.mark %}<mark
{%- if p.id %} id="{{ p.id }}"{% endif %}>{{ p.text }}</mark>
{%- elif p.id %}<span id="{{ p.id }}"></span>{{ p.text }}
{%- else %}{{ p.text }}{% endif %}{% endfor %}</div>
<h2>Claims ({{ view.claims|length }})</h2>
<table class="list"><thead><tr><th>Property</th><th>Value</th><th>Film</th><th>Span</th></tr>
</thead><tbody>
{% for cv in view.claims %}{% set c = cv.claim %}<tr><td>{{ cv.label }}</td>
<td>{% if c.value_entity_id %}<a href="/person/{{ c.value_entity_id }}">{{ cv.text }}</a>
{%- else %}{{ cv.text }}{% endif %}</td>
<td>[[film_link c.film]]</td>
<td><a href="#s-{{ c.start }}">[{{ c.start }}:{{ c.end }}]</a></td></tr>
{% endfor %}</tbody></table>
{% endblock %}
"""

ERROR = """{% extends "base.html" %}
{% block title %}{{ status }}{% endblock %}
{% block main %}<h1>{{ status }}</h1><p>{{ message }}</p><p><a href="/">Home</a></p>
{% endblock %}
"""

FILMS = """{% extends "base.html" %}{% block title %}Films{% endblock %}
{% block main %}
<h1>Films</h1>
<form class="filters" action="/films" method="get">
<label>Decade <input name="decade" inputmode="numeric" size="5"
 value="{{ shown.decade or '' }}" placeholder="1920"></label>
<label>Year <input name="year" inputmode="numeric" size="5" value="{{ shown.year or '' }}"></label>
<label>Genre <input name="genre" size="10" value="{{ shown.genre or '' }}"></label>
<label>Country <input name="country" size="12" value="{{ shown.country or '' }}"></label>
<label>Language <input name="language" size="10" value="{{ shown.language or '' }}"></label>
<label>Sort <select name="sort"><option value="title"{% if sort == "title" %} selected{% endif %}>
title</option><option value="year"{% if sort == "year" %} selected{% endif %}>year</option>
</select></label>
<button type="submit">Show</button>
</form>
<table class="list"><thead><tr><th>Title</th><th>Year</th><th>Directed by</th></tr></thead>
<tbody>
{% for f in films %}<tr><td><a href="/film/{{ f.id }}">{{ f.title }}</a></td>
<td>{{ f.year or "" }}</td><td>{{ f.directors|join(", ") }}</td></tr>
{% else %}<tr><td colspan="3" class="muted">No films match.</td></tr>{% endfor %}
</tbody></table>
{% if next_url %}<p><a href="{{ next_url }}" rel="next">More films</a></p>{% endif %}
{% endblock %}
"""

PEOPLE = """{% extends "base.html" %}{% block title %}People{% endblock %}
{% block main %}
<h1>People</h1>
<form class="filters" action="/people" method="get">
<label>Credited as <select name="role"><option value="">any role</option>
{% for value, label in roles %}<option value="{{ value }}"
{%- if role == value %} selected{% endif %}>{{ label }}</option>{% endfor %}</select></label>
<button type="submit">Show</button>
</form>
<table class="list"><thead><tr><th>Name</th><th>Works credited</th></tr></thead>
<tbody>
{% for p in people %}<tr><td><a href="/person/{{ p.id }}">{{ p.name }}</a></td>
<td>{{ p.films }}</td></tr>
{% else %}<tr><td colspan="2" class="muted">No one is credited so.</td></tr>{% endfor %}
</tbody></table>
{% if next_url %}<p><a href="{{ next_url }}" rel="next">More people</a></p>{% endif %}
{% endblock %}
"""

CONFLICTS = """{% extends "base.html" %}{% block title %}Conflicts{% endblock %}
{% block main %}
<h1>Conflicts</h1>
<p class="lead">Every property whose sources disagree, each value with whether backtrace
believes it and why. A curator's decision is marked as such.</p>
{% for c in rows %}<section class="conflict">
<h2><a href="/film/{{ c.film.id }}">{{ c.film.title }}</a>{% if c.film.year %}
({{ c.film.year }}){% endif %}: {{ c.label }}</h2>
<ul>{% for v in c.values %}<li><strong>{{ v.text }}</strong>
<span class="mark">[{{ v.mark }}]</span> {{ v.reason }}
<span class="muted">({{ v.sources }} source{{ "" if v.sources == 1 else "s" }})</span></li>
{% endfor %}</ul></section>
{% else %}<p class="muted">No conflicts: the sources agree on everything.</p>{% endfor %}
{% if next_url %}<p><a href="{{ next_url }}" rel="next">More conflicts</a></p>{% endif %}
{% endblock %}
"""

TEMPLATES = {
    "base.html": BASE,
    "home.html": HOME,
    "conflicts.html": CONFLICTS,
    "films.html": FILMS,
    "people.html": PEOPLE,
    "search.html": SEARCH,
    "answer_card.html": ANSWER_CARD,
    "ask.html": ASK,
    "film.html": FILM,
    "person.html": PERSON,
    "document.html": DOCUMENT,
    "error.html": ERROR,
}


def environment() -> Environment:
    env = Environment(
        loader=DictLoader({name: expand(t) for name, t in TEMPLATES.items()}),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    return env


def render(env: Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)
