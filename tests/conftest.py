from __future__ import annotations

import os
from pathlib import Path

import pytest

from postgres_server import PostgresServer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def lexicon_cache(tmp_path_factory) -> Path:
    """Build the lexicon from the installed data once per test session, as a fresh machine does."""
    path = tmp_path_factory.mktemp("pathfig-cache")
    os.environ["PATHFIG_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared benchmark data beside the project; tests that need it skip without it."""
    if not (SHARED / "bench").is_dir():
        pytest.skip(f"the shared benchmark data is not at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def postgres():
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database of each kind the store supports."""
    if request.param == "sqlite":
        return str(tmp_path / "pathfig.sqlite")
    return request.getfixturevalue("postgres").create_database()
