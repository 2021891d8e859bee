"""The JSON API under /api (OpenAPI at /openapi.json)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from pathfig.store import Store
from pathfig.store import search as store_search
from pathfig.web import views
from pathfig.web.app import store
from pathfig.web.params import SearchParams

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(store)]
FigId = Annotated[
    str, Path(max_length=300, description="PFOCR figid, e.g. PMC7757046__ijbsv17p0204g001")
]
Tier = Literal["strict", "synonyms", "all"]


def _result_json(result: store_search.SearchResult) -> dict:
    q = result.query
    return {
        # Counting stops past TOTAL_CAP matches: then total is TOTAL_CAP and total_capped true.
        "total": result.total,
        "total_capped": result.capped,
        "page": q.page,
        "per_page": q.per_page,
        "pages": result.pages,
        "results": [views.hit_json(h) for h in result.hits],
    }


@router.get("/figures/{figid}", summary="A figure with its metadata, genes and mention boxes")
def figure(figid: FigId, db: StoreDep) -> dict:
    fig = db.figure(figid)
    with db.engine.connect() as conn:
        image = store_search.image_info(conn, figid)
    return views.figure_json(fig, db.mentions(figid), image)


@router.get("/figures/{figid}/biothings", summary="The figure as a PFOCR BioThings document")
def biothings(figid: FigId, db: StoreDep, tier: Tier = "all") -> dict:
    return views.biothings(db.figure(figid), db.mentions(figid), tier)


@router.get("/search", summary="Search figures by text, genes, organism, year and tier")
def search(params: Annotated[SearchParams, Query()], db: StoreDep) -> dict:
    with db.engine.connect() as conn:
        result = store_search.search(conn, params.query())
    return {"query": params.model_dump()} | _result_json(result)


@router.get("/genes/{gene}/figures", summary="Figures that name a gene (symbol or NCBI Gene ID)")
def gene_figures(
    gene: Annotated[str, Path(max_length=100, pattern=r"^[\w.\-@/]+$")],
    db: StoreDep,
    tier: Tier = "all",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> dict:
    query = store_search.SearchQuery(genes=(gene,), tier=tier, page=page, per_page=50)
    with db.engine.connect() as conn:
        result = store_search.search(conn, query)
    return {"gene": gene, "tier": tier} | _result_json(result)
