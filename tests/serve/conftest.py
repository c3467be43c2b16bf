"""A store built once for the web tests: the sample corpus plus two hostile documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from asgi_client import Client

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"

# Written for these tests: markup that must never run when a page shows the text.
HOSTILE_TEXT = """\
<script>document.title = "owned"; window.__pwned = 1;</script> Late desk jottings

Winter Orchard comes back to two screens <img src="x" onerror="window.__pwned = 2; alert(2)">
on Friday. Tickets: <a href="javascript:window.__pwned = 3">book here</a>, or
<b onmouseover="alert(4)">hover</b> for nothing at all.
Winter Orchard is a 2020 film that <script>alert(5)</script>nobody here has seen twice.
"""

HOSTILE_HTML = """\
<!doctype html><html><head><title>Harbour &lt;script&gt;alert(6)&lt;/script&gt; memo</title>
<script>window.__pwned = 7; document.title = "owned";</script></head>
<body><h1>Harbour memo &lt;img src=x onerror=alert(8)&gt;</h1>
<p>Lanterns Over Kestrel Bay plays the harbour hall again.
<a href="javascript:alert(9)">Seats</a> <img src="x" onerror="window.__pwned = 10">
Shown as text: &lt;script&gt;window.__pwned = 11&lt;/script&gt; and
&lt;a href="javascript:alert(12)"&gt;a link&lt;/a&gt;.</p>
</body></html>
"""

# Written for these tests: a second source that disagrees on a running time.
DISAGREEING_TEXT = """\
= Iron Meridian (film) =

Iron Meridian
- Runtime: 97 minutes

Iron Meridian is a 2017 film. This stub was copied by hand from a festival leaflet.
"""


@dataclass
class Built:
    db: Path
    hostile_txt: Path
    hostile_html: Path

    @staticmethod
    def stored(path: Path) -> str:
        """The path a file of an absolute folder is stored (and shown) under: from the
        folder on, never where it lies on this machine."""
        return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    import backtrace

    root = tmp_path_factory.mktemp("serve")
    hostile = root / "hostile"
    hostile.mkdir()
    txt = hostile / "late-desk.txt"
    txt.write_text(HOSTILE_TEXT, encoding="utf-8")
    html = hostile / "harbour-memo.html"
    html.write_text(HOSTILE_HTML, encoding="utf-8")
    (hostile / "leaflet.txt").write_text(DISAGREEING_TEXT, encoding="utf-8")
    db = root / "t.db"
    with backtrace.open(db) as kb:
        report = kb.ingest([CORPUS, hostile])
        assert not report.failed
    return Built(db, txt, html)


@pytest.fixture(scope="session")
def app(built: Built) -> Any:
    from backtrace.serve import create_app

    application = create_app(str(built.db))
    yield application
    application.state.site.store.close()


@pytest.fixture(scope="session")
def served_kb(built: Built) -> Any:
    import backtrace

    with backtrace.open(built.db) as knowledge_base:
        yield knowledge_base


@pytest.fixture(scope="session")
def client(app: Any) -> Client:
    return Client(app)

