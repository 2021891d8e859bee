"""The real lexicon, built once per test session into a temporary cache folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfig.recognize import Lexicon, load_lexicon


@pytest.fixture(scope="session")
def lexicon_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lexicon-cache")
    load_lexicon(folder)
    return folder


@pytest.fixture(scope="session")
def lexicon(lexicon_dir: Path) -> Lexicon:
    return load_lexicon(lexicon_dir)


@pytest.fixture
def fresh_cache(lexicon_dir: Path, tmp_path: Path) -> Path:
    """A cache folder of its own that already holds the human artifact (no rebuild)."""
    folder = tmp_path / "cache"
    folder.mkdir()
    for artifact in lexicon_dir.glob("genes-*.pickle"):
        shutil.copy(artifact, folder)
    return folder
