"""Exports in the formats people already use: PFOCR's Jekyll site files (and, later, GMT)."""

from __future__ import annotations

from pathlib import Path

from pathfig.export.jekyll import SiteExport, figure_page, genes_table, write_site
from pathfig.store import Store


def export_jekyll(store: Store, outdir: Path) -> SiteExport:
    """Write ``_figures/*.md`` and ``_data/*-genes.tsv`` for every figure in ``store``."""
    return write_site(((f, store.mentions(f.figid)) for f in store.figures()), outdir)


__all__ = ["SiteExport", "export_jekyll", "figure_page", "genes_table", "write_site"]
