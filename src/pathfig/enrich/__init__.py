"""Enrichment: which published pathway figures best match a gene list (one-sided Fisher + BH).

Figure gene sets live in a sparse inverted index (:class:`GeneSetIndex`); one query counts the
overlap with every set in one sparse pass and computes all p-values vectorised in log space.
"""

from __future__ import annotations

from pathfig.enrich.api import COLUMNS, EnrichmentResult, enrich
from pathfig.enrich.gmt import read_gmt
from pathfig.enrich.index import GeneSetIndex, index_from_gmt, index_from_store

__all__ = [
    "COLUMNS",
    "EnrichmentResult",
    "GeneSetIndex",
    "enrich",
    "index_from_gmt",
    "index_from_store",
    "read_gmt",
]
