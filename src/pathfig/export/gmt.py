"""Write figure gene sets as GMT, the layout of PFOCR's published ``*-gmt-<Organism>.gmt``.

One line per figure: ``figid<TAB>figure title<TAB>gene id<TAB>gene id...``. The description
column is the figure title (empty when there is none); tabs and line breaks inside a title
would break the format, so they become spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TextIO

_BREAKS = re.compile(r"[\t\r\n\v\f\x85\u2028\u2029]+")


def gmt_line(figid: str, title: str | None, genes: Sequence[str]) -> str:
    """One GMT line (with its newline) for a figure; genes are written in the order given."""
    clean = _BREAKS.sub(" ", title or "").strip()
    return "\t".join([figid, clean, *genes]) + "\n"


def write_gmt(gene_sets: Iterable[tuple[str, str | None, Sequence[str]]], handle: TextIO) -> int:
    """Write ``(figid, title, gene ids)`` triples to ``handle``; returns the number of lines.

    Figures without genes are skipped: a GMT line with no genes is useless to every reader.
    """
    count = 0
    for figid, title, genes in gene_sets:
        if genes:
            handle.write(gmt_line(figid, title, genes))
            count += 1
    return count
