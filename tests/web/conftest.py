"""Stores with real-looking figures for the web tests, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_helpers import build

from pathfig.web import create_app


@pytest.fixture
def client(db_url) -> TestClient:
    with TestClient(create_app(build(db_url, extra=25))) as c:
        yield c
