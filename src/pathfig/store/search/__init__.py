"""Figure search: full text, genes, organism, year and tier, the same on SQLite and PostgreSQL.

The index (:mod:`.tables`, kept by :mod:`.index`) lives beside the store's tables; its full-text
part is an FTS5 table on SQLite (:mod:`.sqlite`) and weighted ``tsvector`` columns with a GIN
index on PostgreSQL (:mod:`.postgres`). :mod:`.plan` runs a query the same way on both, and
:mod:`.cards` turns the figids it finds into result cards.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from pathfig.store.search import plan
from pathfig.store.search.cards import describe, facets, image_info, latest, overview
from pathfig.store.search.index import analyze, ensure_index, index_paper, rebuild_index
from pathfig.store.search.records import (
    MAX_GENES,
    MAX_TERMS,
    TIERS,
    GeneHit,
    Hit,
    ImageInfo,
    SearchQuery,
    SearchResult,
    parse_genes,
    quoted_terms,
    terms,
)
from pathfig.store.search.tables import SEARCH_VERSION, search_docs, search_genes, search_organisms

# Totals above this show as "10,000+": counting every match of a broad word costs more than the
# page itself. Read at each search, so a test can lower it.
TOTAL_CAP = 10_000


def search(conn: Connection, query: SearchQuery) -> SearchResult:
    """One page of figures matching every part of ``query``, best first, and the total (exact
    up to ``TOTAL_CAP``; past it the result says ``capped`` and the pages stop there)."""
    return plan.search(conn, query, TOTAL_CAP)


__all__ = [
    "MAX_GENES",
    "MAX_TERMS",
    "SEARCH_VERSION",
    "TIERS",
    "TOTAL_CAP",
    "GeneHit",
    "Hit",
    "ImageInfo",
    "SearchQuery",
    "SearchResult",
    "analyze",
    "describe",
    "ensure_index",
    "facets",
    "image_info",
    "index_paper",
    "latest",
    "overview",
    "parse_genes",
    "quoted_terms",
    "rebuild_index",
    "search",
    "search_docs",
    "search_genes",
    "search_organisms",
    "terms",
]
