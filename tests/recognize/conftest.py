"""The real lexicon, built once per test session into a temporary cache folder."""

from __future__ import annotations

import pytest

from pathfig.recognize import Lexicon, load_lexicon


@pytest.fixture(scope="session")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    return load_lexicon(tmp_path_factory.mktemp("lexicon-cache"))
