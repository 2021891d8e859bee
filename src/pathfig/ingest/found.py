"""What each source reader yields: a figure with the file it came from, or a failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pathfig.records import Failure, Figure


class Found(NamedTuple):
    figure: Figure
    source: str  # the file the record came from, for messages about duplicates


Item = Found | Failure
Items = Iterator[Item]


def failure(source: Path | str, message: str, figid: str | None = None) -> Failure:
    # One line: some library messages (tarfile's) span several.
    text = " ".join(f"{source}: {message}".split())
    return Failure(source=str(source), stage="ingest", message=text, figid=figid)
