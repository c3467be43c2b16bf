"""The store's tests run on SQLite and on a real PostgreSQL server (``db_target``, ``kb``)."""

from __future__ import annotations

import pytest

from pgserver import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param
