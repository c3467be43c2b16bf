"""The web application: read-only pages over a store, each with a ``.json`` twin.

``create_app("films.db")`` gives a Starlette app; ``backtrace serve`` runs it with uvicorn.
Each view loads its data once and :func:`respond` renders it as HTML or, for a URL ending in
``.json``, returns the same data as JSON.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio
import anyio.to_thread
from jinja2 import Environment
from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from backtrace.ask import MAX_QUESTION, Asker
from backtrace.ask.records import Interpretation, Result
from backtrace.export import EXPORTERS, Exporter, Reader, film_jsonld
from backtrace.export.formats import film_forms
from backtrace.export.reception_text import export_reception
from backtrace.model import PROPERTIES
from backtrace.serve import present
from backtrace.serve.answer import answer_view
from backtrace.serve.assets import STYLE_CSS, STYLE_ETAG
from backtrace.serve.cache import MAX_ENTRIES, DataVersion, ResponseCache, Version, sqlite_path
from backtrace.serve.finder import GROUPS, Finder
from backtrace.serve.http import Guard, add_security_headers, request_error
from backtrace.serve.openapi import spec
from backtrace.serve.templates import environment
from backtrace.store import Store, queries
from backtrace.store import pages as data
from backtrace.store.browse import ROLES, SORTS, FilmFilter, browse_films, browse_people
from backtrace.store.lead import film_lead, film_plot
from backtrace.store.records import FilmRecord

log = logging.getLogger(__name__)
CONFLICT_PAGE = 50  # films a page of /conflicts shows
MAX_QUERY = 200  # characters of a search query that are used
RENDER_THREADS = 2  # pages rendered at once (the others queue)
SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while others wait (Python: 0.005)
View = Callable[[Request], Response]  # a page: reads the store and renders, synchronously
Endpoint = Callable[[Request], Awaitable[Response]]


class Site:
    """What the views share: the store, the templates and the search."""

    def __init__(self, db: str | Path, cache_size: int = MAX_ENTRIES) -> None:
        self.store = Store(db, read_only=True)  # the server never writes
        self.env: Environment = environment()
        self.data_version = DataVersion(sqlite_path(self.store.url))
        self.finder = Finder(self.store, self.data_version)
        self.asker = Asker(self.store)
        self.cache = ResponseCache(
            self.store.url, max_entries=cache_size, data_version=self.data_version
        )
        self.render_threads = anyio.CapacityLimiter(RENDER_THREADS)
        self.rendering: dict[str, anyio.Event] = {}  # the misses being rendered, by key
        self._counts: tuple[Version, dict[str, int]] | None = None

    def cached(self, view: View) -> Endpoint:
        """``view`` behind the response cache (200s only; keyed by path and query).

        A hit is answered on the event loop; a miss runs ``view`` (SQLite queries and
        rendering) in one of ``RENDER_THREADS`` worker threads, so it does not hold up the
        hits meanwhile, and misses beyond those wait their turn rather than all slowing
        down together (under the GIL, more threads would share one core). A miss for a
        page already being rendered waits for that rendering and is answered from the
        cache, rather than taking a thread to render the same page again."""

        async def endpoint(request: Request) -> Response:
            if not self.cache.enabled:
                return await self.render(view, request)
            key = f"{request.url.path}?{request.url.query}"
            version = self.cache.version()  # before reading: a write meanwhile invalidates
            hit = self.cache.get(key, version)
            if hit is None and (busy := self.rendering.get(key)) is not None:
                await busy.wait()
                hit = self.cache.get(key, version)  # None: not a 200, or a write meanwhile
            if hit is not None:
                return Response(hit[0], media_type=hit[1])
            return await self.render_miss(view, request, key, version)

        return endpoint

    async def render_miss(self, view: View, request: Request, key: str,
                          version: Version | None) -> Response:
        """Render a page the cache lacks and keep it, telling those waiting for the same
        page when it is there."""
        done = self.rendering[key] = anyio.Event()
        try:
            response = await self.render(view, request)
            if response.status_code == 200 and response.media_type:
                self.cache.put(key, version, bytes(response.body), response.media_type)
        finally:
            if self.rendering.get(key) is done:
                del self.rendering[key]
            done.set()
        return response

    async def render(self, view: View, request: Request) -> Response:
        return await anyio.to_thread.run_sync(view, request, limiter=self.render_threads)

    def respond(self, request: Request, template: str, payload: Any, **context: Any) -> Response:
        """``payload`` as JSON for a ``.json`` URL, else the template with ``context``."""
        if _is_json(request):
            return JSONResponse(payload)
        return self.page(request, template, **context)

    def page(self, request: Request, template: str, **context: Any) -> HTMLResponse:
        """The template with ``context``, linking the page's ``.json`` twin."""
        path = request.url.path
        json_url = "/index.json" if path == "/" else f"{path}.json"
        if request.url.query:
            json_url += f"?{request.url.query}"
        html = self.env.get_template(template).render(json_url=json_url, **context)
        return HTMLResponse(html)

    # -- views --------------------------------------------------------------------------
    def counts(self, conn: Any) -> dict[str, int]:
        """``queries.counts``, counted once per version of the database (a count of a
        million films' claims reads a whole index: 0.35 s), not on every home page."""
        version = self.data_version.version()  # before counting: a commit meanwhile recounts
        kept = self._counts
        if kept is not None and version is not None and kept[0] == version:
            return dict(kept[1])
        counts = queries.counts(conn)
        if version is not None:
            self._counts = (version, dict(counts))
        return counts

    def home(self, request: Request) -> Response:
        with self.store.read() as conn:
            counts = self.counts(conn)
            recent = data.recent_documents(conn)
        payload = {"counts": counts, "recent_documents": [d.to_json() for d in recent]}
        return self.respond(request, "home.html", payload, counts=counts, recent=recent)

    def search(self, request: Request) -> Response:
        """Films, people and documents matching ``?q=``, a page of each group; ``&group=
        films|people|documents&offset=20`` pages through one group (``next`` links the
        following page of each group that has one)."""
        q = request.query_params
        query = q.get("q", "")[:MAX_QUERY].strip()
        result = self.finder.search(query, q.get("group"),
                                    _number(q.get("offset"), 4) or 0).to_json()
        # a query that reads as a question is answered too (an answer card above the hits)
        answer = self.asker.ask(query) if query and not result["group"] else None
        if answer is None or not answer.interpretation.kind:
            answer = None
        else:
            result["answer"] = answer.to_json()
        card = answer_view(answer)
        result["next"] = search_pages(result, "/search.json")
        return self.respond(request, "search.html", result, query=query, result=result,
                            card=card, pages=search_pages(result, "/search"))

    def ask(self, request: Request) -> Response:
        """A question answered from the store (``backtrace ask``), each answer with the
        sentences that state it."""
        query = request.query_params.get("q", "")[:MAX_QUESTION].strip()
        result = self.asker.ask(query) if query else Result(
            "", Interpretation(), note="ask a question with ?q=, e.g. ?q=who+directed+TITLE")
        card = answer_view(result) if query else None
        return self.respond(request, "ask.html", result.to_json(), query=query, card=card)

    def films(self, request: Request) -> Response:
        """The films, a page at a time: ``?decade=1920&genre=comedy&country=France&
        language=French&year=1925&sort=title|year&after=<the last film id of the page
        before>``."""
        q = request.query_params
        wanted = FilmFilter(year=_number(q.get("year"), 4), decade=_number(q.get("decade"), 4),
                            genre=_words(q.get("genre")), country=_words(q.get("country")),
                            language=_words(q.get("language")))
        sort = q.get("sort") if q.get("sort") in SORTS else "title"
        with self.store.read() as conn:
            films, last = browse_films(conn, wanted, sort=sort, after=_number(q.get("after"), 18))
        more = {**wanted.query(), "sort": sort, "after": last} if last else None
        payload = {"filter": wanted.query(), "sort": sort, "films": films,
                   "next": f"/films.json?{urlencode(more)}" if more else None}
        return self.respond(request, "films.html", payload, films=films, shown=wanted,
                            sort=sort, next_url=f"/films?{urlencode(more)}" if more else None)

    def people(self, request: Request) -> Response:
        """The people credited on some work, a page at a time: ``?role=director&after=<the
        last person id of the page before>``, each with how many works credit them."""
        role = request.query_params.get("role")
        role = role if role in ROLES else None
        with self.store.read() as conn:
            people, last = browse_people(conn, role,
                                         after=_number(request.query_params.get("after"), 18))
        more = {**({"role": role} if role else {}), "after": last} if last else None
        payload = {"role": role, "people": people,
                   "next": f"/people.json?{urlencode(more)}" if more else None}
        roles = [(r, PROPERTIES[r].label) for r in ROLES]
        return self.respond(request, "people.html", payload, people=people, role=role,
                            roles=roles,
                            next_url=f"/people?{urlencode(more)}" if more else None)

    def conflicts(self, request: Request) -> Response:
        """Every disputed property across the store, a page of films at a time (keyset
        paging: ``?after=<the last film id of the page before>``), each value with whether
        it is believed and why, linked to its film."""
        after_id = _number(request.query_params.get("after"), 18) or 0
        with self.store.read() as conn:
            found = queries.conflicts(conn, after=after_id, films=CONFLICT_PAGE,
                                      sentences=_is_json(request))  # the page counts them
        films = {c.film.id for c in found}
        last = max(films) if len(films) == CONFLICT_PAGE else None
        if _is_json(request):  # the records as JSON for the .json twin only
            return JSONResponse({"conflicts": [c.to_json() for c in found],
                                 "next": f"/conflicts.json?after={last}" if last else None})
        return self.page(request, "conflicts.html",
                         rows=[present.conflict_view(c) for c in found],
                         next_url=f"/conflicts?after={last}" if last else None)

    @staticmethod
    def _check_film(conn: Any, film_id: int) -> None:
        """A 404 when ``film_id`` is not a film."""
        who = data.entity(conn, film_id)
        if who is None or who.type != "film":
            raise HTTPException(404, f"no film with id {film_id}")

    @classmethod
    def _film_record(cls, conn: Any, film_id: int) -> FilmRecord:
        """The film's record with sentences, or a 404 when ``film_id`` is not a film."""
        cls._check_film(conn, film_id)
        return queries.film_record(conn, film_id, sentences=True)

    def film(self, request: Request) -> Response:
        film_id = request.path_params["film_id"]
        with self.store.read() as conn:
            record = self._film_record(conn, film_id)
            if _is_json(request):
                return JSONResponse(record.to_json())
            links = data.film_value_links(conn, film_id)
            lead, plot = film_lead(conn, film_id), film_plot(conn, film_id)
        jsonld = film_jsonld(record, export_reception(record.reception))
        return self.page(
            request,
            "film.html",
            film=record,
            view=present.film_view(record, links, lead, plot),
            jsonld=jsonld,
            formats=format_links(film_id),
        )

    def exported(self, request: Request) -> Response:
        """The film in an export format, by the extension of the URL (``/film/3.jsonld``,
        ``/film/3.md``, ``/film/3.html``, ...): every form of every row of
        ``backtrace.export.EXPORTERS`` that writes one film as one document."""
        extension = request.path_params["ext"]
        found = film_forms().get(extension)
        if found is None:
            raise HTTPException(404, f"no export format .{extension} of a film")
        exporter, form = found
        return self._export(request.path_params["film_id"], exporter, form)

    def article(self, request: Request) -> Response:
        """The film as a cited encyclopedia-style article (``backtrace export --format
        article --to html``), written from the stored facts."""
        return self._export(request.path_params["film_id"], EXPORTERS["article"], "html")

    def _export(self, film_id: int, exporter: Exporter, extension: str) -> Response:
        with self.store.read() as conn:
            self._check_film(conn, film_id)
        body = exporter.run(Reader(self.store), film_id, **exporter.form_options(extension))
        assert not isinstance(body, dict)
        return Response(body, media_type=exporter.media_type_of(extension))

    def person(self, request: Request) -> Response:
        person_id = request.path_params["person_id"]
        with self.store.read() as conn:
            record = data.person_record(conn, person_id)
        if record is None:
            raise HTTPException(404, f"no person with id {person_id}")
        if _is_json(request):
            return JSONResponse(record.to_json())
        return self.page(request, "person.html", person=record,
                         view=present.person_view(record))

    def document(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        with self.store.read() as conn:
            record = data.document_record(conn, doc_id)
        if record is None:
            raise HTTPException(404, f"no document with id {doc_id}")
        if _is_json(request):
            return JSONResponse(record.to_json())
        return self.page(request, "document.html", doc=record,
                         view=present.document_view(record))

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(spec())

    async def stylesheet(self, request: Request) -> Response:
        if request.headers.get("if-none-match") == STYLE_ETAG:
            return Response(status_code=304, headers={"ETag": STYLE_ETAG})
        return Response(
            STYLE_CSS,
            media_type="text/css; charset=utf-8",
            headers={"ETag": STYLE_ETAG, "Cache-Control": "public, max-age=3600"},
        )

    # -- errors -------------------------------------------------------------------------
    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = (
            exc.detail
            if exc.status_code != 404 or exc.detail != "Not Found"
            else (f"nothing at {request.url.path}")
        )
        return request_error(self.env, request, exc.status_code, message, exc.headers)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        return add_security_headers(request_error(self.env, request, 500, "internal error"))

    def routes(self) -> list[Route]:
        pages: list[tuple[str, str, View]] = [
            ("/", "/index.json", self.home),
            ("/search", "/search.json", self.search),
            ("/ask", "/ask.json", self.ask),
            ("/conflicts", "/conflicts.json", self.conflicts),
            ("/films", "/films.json", self.films),
            ("/people", "/people.json", self.people),
            ("/film/{film_id:rowid}", "/film/{film_id:rowid}.json", self.film),
            ("/person/{person_id:rowid}", "/person/{person_id:rowid}.json", self.person),
            ("/document/{doc_id:str}", "/document/{doc_id:str}.json", self.document),
        ]
        routes = []
        for html_path, json_path, view in pages:
            endpoint = self.cached(view)
            # the .json route first: "{doc_id:str}" would also match "abc.json"
            routes.append(Route(json_path, endpoint, methods=["GET"]))
            routes.append(Route(html_path, endpoint, methods=["GET"]))
        routes.append(Route("/film/{film_id:rowid}/article", self.cached(self.article)))
        # after /film/{id}.json: any other extension is an export format (or a 404)
        routes.append(Route("/film/{film_id:rowid}.{ext:str}", self.cached(self.exported),
                            methods=["GET"]))  # fmt: skip
        routes.append(Route("/openapi.json", self.openapi, methods=["GET"]))
        routes.append(Route("/static/style.css", self.stylesheet, methods=["GET"]))
        routes.append(Route("/{path:path}/", without_slash, methods=["GET"]))
        return routes


class RowId(Convertor[int]):
    """A row id in a path: 1 to 18 digits (SQLite's INTEGER holds 63 bits), so a longer
    number is no page (a 404), never a 500."""

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(int(value))


register_url_convertor("rowid", RowId())


async def without_slash(request: Request) -> Response:
    """``/film/31/`` -> ``/film/31``: a redirect to a path on this server, never to the
    host the request named (Starlette's own redirect builds it from the Host header)."""
    path = "/" + request.path_params["path"].strip("/")
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(path + query, status_code=308)


def _number(text: str | None, digits: int) -> int | None:
    """A query parameter as a number of at most ``digits`` digits, else None."""
    return int(text) if text and text.isdigit() and len(text) <= digits else None


def _words(text: str | None) -> str | None:
    """A query parameter naming a genre, country or language (at most 60 characters)."""
    text = (text or "").strip()
    return text[:60] or None


def settle() -> None:
    """Once the server is up: move what start-up built (templates, the search's name list)
    out of the garbage collector's sight, so collections only walk what requests make, and
    let a worker thread hold the GIL for 1 ms at a time rather than 5 before the event loop
    gets a turn to answer a cached page."""
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)


def search_pages(result: dict[str, Any], path: str) -> dict[str, Any]:
    """The links of a search page at ``path``: the next page of each group that has one
    (by group name), and, paging through one group, the ``previous`` page and ``all``
    (the first page of every group)."""
    query, group, offset, limit = (result[k] for k in ("query", "group", "offset", "limit"))

    def url(name: str | None, start: int) -> str:
        params = {"q": query, **({"group": name, "offset": start} if name else {})}
        return f"{path}?{urlencode(params)}"

    after = offset + limit if group else limit
    links: dict[str, Any] = {name: url(name, after) if result["more"][name] else None
                             for name in GROUPS}
    if group:
        links["previous"] = url(group, max(0, offset - limit)) if offset else None
        links["all"] = url(None, 0)
    return links


def format_links(film_id: int) -> list[dict[str, str]]:
    """The film's export formats as the film page links them: ``href``, the ``extension``
    and a ``title`` naming the format."""
    return [
        {"href": f"/film/{film_id}.{ext}", "extension": ext,
         "title": f"{exporter.name}: {exporter.description}"}
        for ext, (exporter, _) in film_forms().items()
    ]  # fmt: skip


def _is_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def create_app(db: str | Path, *, cache_size: int = MAX_ENTRIES) -> Starlette:
    """The app over the store at ``db`` (a path or URL), opened read-only.

    ``cache_size`` rendered responses are kept until the database changes (0: none)."""
    site = Site(db, cache_size)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        settle()
        yield
        site.cache.close()
        site.store.close()

    app = Starlette(
        routes=site.routes(),
        middleware=[Middleware(Guard, env=site.env)],
        exception_handlers={HTTPException: site.http_error, 500: site.server_error},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False  # without_slash redirects, to this server only
    app.state.site = site
    return app


def from_env() -> Starlette:
    """``create_app($BACKTRACE_DB, cache_size=$BACKTRACE_CACHE)``: the factory that
    uvicorn's worker processes import."""
    from backtrace.api import default_db

    cache_size = int(os.environ.get("BACKTRACE_CACHE") or MAX_ENTRIES)
    return create_app(os.environ.get("BACKTRACE_DB") or default_db(), cache_size=cache_size)
