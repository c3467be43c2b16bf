"""The table of export formats (``backtrace.export.EXPORTERS``): every row is reachable from
``backtrace export --format``, ``kb.export`` and the web server's ``/film/<id>.<ext>`` (where
its scope allows one film) and writes something for the sample corpus; a row added to the
table is found by the three at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from backtrace.cli import export, main
from backtrace.export import EXPORTERS, Exporter, ExportError, Reader, Scope
from backtrace.export.formats import film_forms

TITLE = "Cinder Road"


def _film(kb: Any) -> dict[str, Any]:
    return kb.find_films(TITLE)[0]


def _choices(name: str) -> list[str]:
    param = next(p for p in export.params if p.name == name)
    return list(param.type.choices)  # type: ignore[attr-defined]


def _cli(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["export", "--db", str(db), *args])


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def test_the_cli_offers_every_format_of_the_table() -> None:
    assert _choices("fmt") == list(EXPORTERS)
    assert _choices("to") == ["md", "html"]
    assert all(e.description and "\n" not in e.description for e in EXPORTERS.values())


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_every_format_from_the_cli_the_api_and_the_web(
    name: str, built: Any, served_kb: Any, client: Any, tmp_path: Path
) -> None:
    exporter = EXPORTERS[name]
    film = _film(served_kb)
    folder = exporter.writes_folder(every=False)
    args = ["--format", name, TITLE, *(["-o", str(tmp_path / "cli")] if folder else [])]
    result = _cli(built.db, *args)
    assert result.exit_code == 0, result.output
    api = served_kb.export(name, TITLE, folder=tmp_path / "api" if folder else None)
    if folder:  # the same files, none empty
        assert isinstance(api, dict) and sum(api.values()) > 0
        cli_files = _files(tmp_path / "cli")
        assert cli_files and all(f.stat().st_size for f in cli_files)
        assert [f.read_bytes() for f in cli_files] == [
            f.read_bytes() for f in _files(tmp_path / "api")]
    else:  # the CLI writes what kb.export gives
        assert isinstance(api, str) and api.strip()
        assert result.stdout == api
    for extension in exporter.extensions:
        response = client.get(f"/film/{film['id']}.{extension}")
        served = film_forms().get(extension)
        if not exporter.one_film:  # a folder is not served; another row may have the name
            assert served is None or served[0] is not exporter
            continue
        assert served == (exporter, extension)
        assert response.status_code == 200, extension
        assert response.headers["content-type"] == exporter.media_type_of(extension)
        options = exporter.form_options(extension)
        assert response.text == served_kb.export(name, TITLE, **options)
        assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_every_format_of_every_film(name: str, served_kb: Any, tmp_path: Path) -> None:
    exporter = EXPORTERS[name]
    out = served_kb.export(name, folder=tmp_path if exporter.writes_folder(every=True) else None)
    if exporter.writes_folder(every=True):
        assert isinstance(out, dict) and sum(out.values()) > 0 and _files(tmp_path)
    else:
        assert isinstance(out, str) and out.strip()


def test_the_film_page_links_every_format_of_one_film(client: Any, served_kb: Any) -> None:
    film = _film(served_kb)["id"]
    page = client.get(f"/film/{film}").text
    for extension in film_forms():
        assert f'href="/film/{film}.{extension}"' in page
    assert f'href="/film/{film}/article"' in page
    assert client.get(f"/film/{film}.nothing").status_code == 404
    assert client.get("/film/999999.md").status_code == 404
    assert client.get(f"/film/{film}.json").headers["content-type"] == "application/json"


def test_the_api_refuses_what_the_table_does_not_hold(served_kb: Any) -> None:
    with pytest.raises(ExportError, match="no export format 'pdf'"):
        served_kb.export("pdf", TITLE)
    with pytest.raises(ExportError, match="takes no option 'qids'"):
        served_kb.export("jsonld", TITLE, qids="qids.csv")
    with pytest.raises(ExportError, match="md or html, not 'pdf'"):
        served_kb.export("article", TITLE, to="pdf")
    assert served_kb.export("article", TITLE, to="html") == served_kb.article(TITLE, to="html")


# -- a row added to the table -------------------------------------------------------------
def render_titles(reader: Reader, film: int | None) -> Iterator[str]:
    """Written for these tests: each film's title, one a line."""
    for film_id in reader.ids(film):
        yield reader.record(film_id).title + "\n"


def render_card(reader: Reader, film: int, to: str = "txt") -> str:
    """Written for these tests: a film's title as text or (``to="htm"``) an HTML heading."""
    title = reader.record(film).title
    return f"<h1>{title}</h1>\n" if to == "htm" else f"{title}\n"


def test_a_row_added_to_the_table_is_found_by_the_cli_the_api_and_the_web(
    monkeypatch: pytest.MonkeyPatch, built: Any, served_kb: Any, client: Any
) -> None:
    row = Exporter("titles", "titles", "text/plain; charset=utf-8", Scope.FILMS,
                   render_titles, "each film's title, one a line")  # fmt: skip
    monkeypatch.setitem(EXPORTERS, "titles", row)
    film = _film(served_kb)
    assert "titles" in _choices("fmt")
    assert "titles" in CliRunner().invoke(main, ["export", "--help"]).output
    one = _cli(built.db, "--format", "titles", TITLE)
    assert one.exit_code == 0 and one.stdout == f"{TITLE}\n"
    every = _cli(built.db, "--format", "titles")
    assert every.stdout.splitlines() == [f["title"] for f in served_kb.films()]
    assert served_kb.export("titles", TITLE) == f"{TITLE}\n"
    response = client.get(f"/film/{film['id']}.titles")
    assert response.status_code == 200 and response.text == f"{TITLE}\n"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert f'href="/film/{film["id"]}.titles"' in client.get(f"/film/{film['id']}?x=1").text


def test_a_row_of_one_film_a_file_with_two_forms(
    monkeypatch: pytest.MonkeyPatch, built: Any, served_kb: Any, client: Any, tmp_path: Path
) -> None:
    row = Exporter("card", "txt", "text/plain; charset=utf-8", Scope.FILM, render_card,
                   "a film's title", forms={"htm": "text/html; charset=utf-8"})  # fmt: skip
    monkeypatch.setitem(EXPORTERS, "card", row)
    film = _film(served_kb)
    assert "htm" in _choices("to")
    one = _cli(built.db, "--format", "card", TITLE, "--to", "htm")
    assert one.exit_code == 0 and one.stdout == f"<h1>{TITLE}</h1>\n"
    every = _cli(built.db, "--format", "card", "-o", str(tmp_path / "cards"))
    assert every.exit_code == 0 and every.stderr == f"wrote {len(served_kb.films())} cards to " \
        f"{tmp_path / 'cards'}/\n"
    assert all(f.suffix == ".txt" for f in _files(tmp_path / "cards"))
    assert served_kb.export("card", folder=tmp_path / "c2", to="htm") == {
        "files": len(served_kb.films())}
    assert {f.suffix for f in _files(tmp_path / "c2")} == {".htm"}
    page = client.get(f"/film/{film['id']}.htm")
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.text == f"<h1>{TITLE}</h1>\n"
    bad = _cli(built.db, "--format", "card", TITLE, "--qids", "q.csv")
    assert bad.exit_code == 2 and "--qids goes with --format wikidata or wikidata-reconcile" \
        in bad.output


def render_bytes(reader: Reader, film: int | None) -> bytes:
    """Written for these tests: bytes that are not text."""
    return bytes([0, 255, 10]) * len(reader.ids(film))


def test_a_row_that_writes_bytes(
    monkeypatch: pytest.MonkeyPatch, built: Any, served_kb: Any, client: Any, tmp_path: Path
) -> None:
    row = Exporter("raw", "bin", "application/octet-stream", Scope.FILMS, render_bytes,
                   "bytes written for these tests")  # fmt: skip
    monkeypatch.setitem(EXPORTERS, "raw", row)
    film = _film(served_kb)
    assert served_kb.export("raw", TITLE) == b"\x00\xff\n"
    assert _cli(built.db, "--format", "raw", TITLE).stdout_bytes == b"\x00\xff\n"
    assert _cli(built.db, "--format", "raw", "-o", str(tmp_path / "raw.bin")).exit_code == 0
    assert (tmp_path / "raw.bin").read_bytes() == b"\x00\xff\n" * len(served_kb.films())
    response = client.get(f"/film/{film['id']}.bin")
    assert response.content == b"\x00\xff\n"
    assert response.headers["content-type"] == "application/octet-stream"


def test_jsonl_is_written_a_film_at_a_time(served_kb: Any) -> None:
    pieces = list(served_kb.export_chunks("jsonl"))
    assert len(pieces) == len(served_kb.films())
    assert "".join(pieces) == served_kb.export("jsonl")
