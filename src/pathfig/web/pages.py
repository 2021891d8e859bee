"""The HTML pages: home, search, figure, browse, and the figure's downloads."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from pathfig.export.jekyll import figure_page, genes_table
from pathfig.store import Store
from pathfig.store import search as store_search
from pathfig.taxa import taxon
from pathfig.web import views
from pathfig.web.app import overview, render, store
from pathfig.web.params import SearchParams

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store)]
FigId = Annotated[str, Path(max_length=300)]


def _filename(figid: str, suffix: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", figid) + suffix


def _download(body: str, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)


@router.get("/")
def home(request: Request, db: StoreDep) -> Response:
    with db.engine.connect() as conn:
        latest = store_search.latest(conn)
    context = {"counts": overview(request), "latest": latest, "params": SearchParams()}
    return render(request, "home.html", context)


@router.get("/search")
def search(request: Request, params: Annotated[SearchParams, Query()], db: StoreDep) -> Response:
    query = params.query()
    result = None
    if not query.empty:
        with db.engine.connect() as conn:
            result = store_search.search(conn, query)
    return render(request, "search.html", {"params": params, "result": result})


@router.get("/browse")
def browse(request: Request, db: StoreDep) -> Response:
    with db.engine.connect() as conn:
        facets = store_search.facets(conn)
    return render(request, "browse.html", {"facets": facets, "params": SearchParams()})


@router.get("/figures/{figid}")
def figure(
    request: Request,
    figid: FigId,
    db: StoreDep,
    highlight: Annotated[str, Query(max_length=1000)] = "",
) -> Response:
    fig = db.figure(figid)
    mentions = db.mentions(figid)
    with db.engine.connect() as conn:
        image = store_search.image_info(conn, figid)
    shown = views.highlight_list(highlight)
    wanted = {s.lower() for s in shown}
    boxes = views.boxes(mentions, image, wanted)
    entities = [e for e in views.ENTITY_LABELS if any(b.mention.entity == e for b in boxes)]
    organisms = sorted({taxon(m.organism).name for m in mentions if m.entity == "gene"})
    context = {
        "figure": fig,
        "image": image,
        "boxes": boxes,
        "entities": entities,
        "labels": views.ENTITY_LABELS,
        "rows": views.entity_rows(mentions, wanted),
        "links": views.links(fig),
        "highlight": shown,
        "gene_organisms": organisms,
        "params": SearchParams(),
    }
    return render(request, "figure.html", context)


@router.get("/figures/{figid}/image")
def image(figid: FigId, db: StoreDep) -> Response:
    stored = db.image(figid)
    headers = {
        "Cache-Control": "public, max-age=86400",
        "ETag": f'"{stored.image_hash}"',
        "X-Content-Type-Options": "nosniff",
    }
    return Response(stored.data, media_type=stored.media_type, headers=headers)


@router.get("/figures/{figid}/genes.tsv")
def genes_tsv(figid: FigId, db: StoreDep) -> Response:
    db.figure(figid)  # a 404 for an unknown figure, not an empty table
    table = genes_table(db.mentions(figid, "gene"))
    return _download(
        table, "text/tab-separated-values; charset=utf-8", _filename(figid, "-genes.tsv")
    )


@router.get("/figures/{figid}/pfocr.md")
def pfocr_md(figid: FigId, db: StoreDep) -> Response:
    page = figure_page(db.figure(figid), db.mentions(figid))
    return _download(page, "text/markdown; charset=utf-8", _filename(figid, ".md"))
