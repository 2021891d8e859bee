"""Enrichment in the web app: the Enrich page and ``POST /api/enrich``.

The gene-set index of a store is built once per (organism, tier) and kept for a few minutes,
so a query costs the enrichment itself, not a scan of every mention.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from pathfig.enrich import GeneSetIndex, enrich, index_from_store
from pathfig.errors import BadInputError
from pathfig.store import Store
from pathfig.web.app import render, store
from pathfig.web.params import SearchParams

router = APIRouter()
StoreDep = Annotated[Store, Depends(store)]
Tier = Literal["strict", "synonyms", "all"]
INDEX_SECONDS = 300
_SEPARATORS = re.compile(r"[\s,;]+")


class EnrichRequest(BaseModel):
    genes: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=1, max_length=20_000, description="Gene symbols or NCBI Gene IDs."
    )
    organism: int = Field(9606, description="NCBI taxon id of the figures' genes.")
    tier: Tier = Field("all", description="strict ⊂ synonyms ⊂ all (family expansion).")
    universe: int | None = Field(None, ge=1, description="Genes in the universe; default: all.")
    min_size: int = Field(3, ge=1, description="Smallest figure gene set tested.")
    max_size: int | None = Field(None, ge=1, description="Largest figure gene set tested.")
    fdr: float = Field(1.0, gt=0, le=1, description="Report sets with FDR at most this.")
    limit: int = Field(50, ge=1, le=1000, description="Rows to return.")


class Indexed:
    """A store's index for one (organism, tier) and each gene ID's usual symbol."""

    def __init__(self, db: Store, organism: int, tier: str) -> None:
        self.index: GeneSetIndex = index_from_store(db, organism, tier)
        votes: Counter[tuple[str, str]] = Counter()
        for symbol, identifier, count in db.gene_symbols(organism, tier):
            votes[(identifier, symbol)] += count
        self.symbol: dict[str, str] = {}
        for (identifier, symbol), _ in votes.most_common():
            self.symbol.setdefault(identifier, symbol)
        self.built = time.monotonic()


def indexed(request: Request, organism: int, tier: str) -> Indexed:
    cache: dict[tuple[int, str], Indexed] = request.app.state.enrich_indexes
    entry = cache.get((organism, tier))
    if entry is None or time.monotonic() - entry.built > INDEX_SECONDS:
        entry = cache[(organism, tier)] = Indexed(store(request), organism, tier)
    return entry


def run_enrichment(request: Request, query: EnrichRequest) -> dict:
    entry = indexed(request, query.organism, query.tier)
    if not entry.index.set_ids:
        raise BadInputError(
            f"no figure has genes of organism {query.organism} at tier {query.tier!r}"
        )
    result = enrich(
        query.genes,
        entry.index,
        universe=query.universe,
        min_size=query.min_size,
        max_size=query.max_size,
        fdr=query.fdr,
    )
    rows = result.head(query.limit).to_records()
    for row in rows:
        row["symbols"] = [entry.symbol.get(g, g) for g in row["genes"]]
    return {
        "query_size": result.query_size,
        "universe": result.universe,
        "sets_tested": result.n_tested,
        "unknown": result.unknown,
        "results": rows,
    }


@router.post("/api/enrich", tags=["api"])
def enrich_api(request: Request, query: EnrichRequest) -> dict:
    """Figures ranked by over-representation of the genes (one-sided Fisher, BH FDR).

    Each result lists the overlapping NCBI Gene IDs (`genes`) and their symbols (`symbols`);
    open `/figures/{figid}?highlight=SYMBOL,…` to see them on the image.
    """
    return run_enrichment(request, query)


@router.get("/enrich", include_in_schema=False)
def enrich_page(
    request: Request,
    genes: Annotated[str, Query(max_length=200_000)] = "",
    organism: int = 9606,
    tier: Tier = "all",
    min_size: Annotated[int, Query(ge=1)] = 3,
) -> Response:
    listed = [g for g in _SEPARATORS.split(genes) if g]
    context: dict = {"genes": genes, "organism": organism, "tier": tier, "min_size": min_size,
                     "params": SearchParams(), "outcome": None}  # fmt: skip
    if listed:
        query = EnrichRequest(genes=listed, organism=organism, tier=tier, min_size=min_size)
        context["outcome"] = run_enrichment(request, query)
    return render(request, "enrich.html", context)
