"""Files, folders and globs; reading one path by its suffix; size limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backtrace.errors import ReadError, Skipped
from backtrace.model import Document
from backtrace.read import MAX_BYTES, iter_paths, read_path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {
        "b.txt": "Bee.",
        "a.md": "# A\n\nAy.",
        "sub/c.html": "<p>Sea.</p>",
        "sub/deeper/d.txt": "Dee.",
        "sub/.hidden.txt": "secret",
        ".git/config": "secret",
        "z.jsonl": '{"text": "Zed."}\n{"text": "Zed two."}\n',
    }
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return tmp_path


def names(found: list[Path | ReadError], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() if isinstance(p, Path) else f"error:{p}" for p in found]


def test_folder_is_walked_sorted_without_hidden_entries(tree: Path) -> None:
    assert names(list(iter_paths([str(tree)])), tree) == [
        "a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt", "z.jsonl",
    ]  # fmt: skip


def test_files_globs_and_no_repeats(tree: Path) -> None:
    found = list(iter_paths([str(tree / "b.txt"), str(tree / "sub" / "**" / "*.txt"),
                             str(tree / "b.txt")]))  # fmt: skip
    assert names(found, tree) == ["b.txt", "sub/deeper/d.txt"]


def test_a_hidden_file_named_outright_is_read(tree: Path) -> None:
    assert names(list(iter_paths([str(tree / "sub" / ".hidden.txt")])), tree) == ["sub/.hidden.txt"]


def test_missing_path_and_empty_glob(tree: Path) -> None:
    missing, empty = iter_paths([str(tree / "nope.txt"), str(tree / "*.pdf")])
    assert isinstance(missing, ReadError) and missing.reason == "no such file or folder"
    assert isinstance(empty, ReadError) and empty.reason == "no files match this pattern"


def test_unreadable_folder_is_an_error_and_the_rest_go_on(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_scandir = os.scandir
    locked = str(tree / "sub")

    def scandir(path: str | os.PathLike[str]) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(iter_paths([str(tree)]))
    errors = [p for p in found if isinstance(p, ReadError)]
    assert len(errors) == 1
    assert errors[0].path == locked
    assert errors[0].reason == "cannot read folder: permission denied"
    assert names([p for p in found if isinstance(p, Path)], tree) == ["a.md", "b.txt", "z.jsonl"]


def test_read_path_dispatches_on_suffix(tree: Path) -> None:
    (text,) = read_path(tree / "b.txt")
    (page,) = read_path(tree / "sub" / "c.html")
    (note,) = read_path(str(tree / "a.md"))
    zed, zed_two = read_path(tree / "z.jsonl")
    assert isinstance(text, Document) and text.source_format == "text"
    assert isinstance(page, Document) and page.source_format == "html"
    assert isinstance(note, Document) and note.source_format == "markdown"
    assert isinstance(zed, Document) and zed.path == f"{tree / 'z.jsonl'}#L1"
    assert isinstance(zed_two, Document) and zed_two.text == "Zed two."
    assert text.path == str(tree / "b.txt")


def test_ndjson_and_jsonl_field_names(tmp_path: Path) -> None:
    target = tmp_path / "c.ndjson"
    target.write_text('{"extract": "Quiet.", "name": "Q"}\n', encoding="utf-8")
    (doc,) = read_path(target, text_field="extract", title_field="name")
    assert isinstance(doc, Document) and doc.title == "Q"


def test_bad_file_is_yielded_as_an_error(tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    target.write_bytes(b"")
    (error,) = read_path(target)
    assert isinstance(error, ReadError) and error.reason == "empty file"


def test_over_size_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "big.txt"
    target.write_bytes(b"twenty-five bytes of text")

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    monkeypatch.setattr(Path, "read_bytes", no_open)
    (error,) = read_path(target, max_bytes=10)
    assert isinstance(error, ReadError)
    assert error.reason == "file is 25 bytes, over the 10 bytes limit"


def test_size_message_in_megabytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "huge.txt"
    target.write_bytes(b"x")
    real_stat = Path.stat

    class Big:
        st_size = int(61.2 * 1024 * 1024)

    monkeypatch.setattr(
        Path, "stat", lambda self, **kw: Big() if self == target else real_stat(self)
    )
    (error,) = read_path(target)
    assert str(error) == f"{target}: file is 61.2 MB, over the 50 MB limit"
    assert MAX_BYTES == 50 * 1024 * 1024


def test_a_folder_given_to_read_path_is_an_error(tmp_path: Path) -> None:
    (error,) = read_path(tmp_path)
    assert isinstance(error, ReadError) and error.reason.startswith("cannot read")


def _items(paths: list[str], **kwargs: bool) -> tuple[list[str], list[str]]:
    """(files yielded, notes and errors as "path: reason")."""
    files, notes = [], []
    for item in iter_paths(paths, **kwargs):
        if isinstance(item, ReadError):
            notes.append(str(item))
        else:
            files.append(item.name)
    return files, notes


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the store", encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("A film.", encoding="utf-8")
    (folder / "inner.txt").symlink_to(folder / "a.txt")  # inside: the same file, once
    (folder / "out").symlink_to(outside, target_is_directory=True)
    (folder / "out.txt").symlink_to(outside / "secret.txt")
    files, notes = _items([str(folder)])
    assert files == ["a.txt"]
    assert len(notes) == 2 and all("a link out of the folder, not followed" in n for n in notes)
    assert all(isinstance(i, Skipped) for i in iter_paths([str(folder)])
               if isinstance(i, ReadError))
    files, notes = _items([str(folder)], follow_links=True)
    assert sorted(files) == ["a.txt", "secret.txt"] and notes == []
    files, _ = _items([str(folder / "out.txt")])  # a link named on the command line is read
    assert files == ["out.txt"]


def test_fifos_are_skipped_with_a_note_never_opened(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("A film.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    files, notes = _items([str(folder)])
    assert files == ["a.txt"]
    assert notes == [f"{folder / 'pipe.txt'}: not a regular file (a FIFO, socket or device)"]
    files, notes = _items([str(folder / "pipe.txt")])  # named: skipped too, no hang
    assert files == [] and len(notes) == 1


def test_odd_file_names_are_shown_on_one_line_and_can_be_stored(tmp_path: Path) -> None:
    newline = tmp_path / "two\nlines.txt"
    newline.write_text("A film about a lighthouse keeper.", encoding="utf-8")
    (doc,) = read_path(newline)
    assert isinstance(doc, Document) and "\n" not in doc.path
    assert doc.path.endswith("two\\nlines.txt")
    latin = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    latin.write_text("A film about a cafe.", encoding="utf-8")
    (doc,) = read_path(latin)
    assert isinstance(doc, Document) and doc.path.endswith("caf\\xe9.txt")
    doc.path.encode("utf-8")  # storable: no lone surrogates
    missing = ReadError(str(tmp_path / "gone\nfile.txt"), "no such file or folder")
    assert "\n" not in str(missing)


def test_named_paths_show_no_absolute_path(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An absolute folder's files are named from the folder on; a relative path as given."""
    from backtrace.read import iter_named_paths

    found = [item for item in iter_named_paths([str(tree), str(tree / "nowhere")])]
    names = [item[1] for item in found if isinstance(item, tuple)]
    assert names[:2] == [f"{tree.name}/a.md", f"{tree.name}/b.txt"]
    assert not any(os.path.isabs(n) for n in names)
    (missing,) = [item for item in found if isinstance(item, ReadError)]
    assert missing.path == "nowhere"  # named from the folder the user named on
    globbed = [item[1] for item in iter_named_paths([str(tree / "sub" / "*.html")])
               if isinstance(item, tuple)]
    assert globbed == ["sub/c.html"]
    monkeypatch.chdir(tree.parent)
    relative = [item[1] for item in iter_named_paths([f"{tree.name}/b.txt"])
                if isinstance(item, tuple)]
    assert relative == [f"{tree.name}/b.txt"]
