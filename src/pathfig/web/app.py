"""The FastAPI app: one store, HTML pages, the JSON API, and one way to report errors."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException

from pathfig.errors import PathfigError
from pathfig.store import Store, open_store
from pathfig.store import search as store_search

HERE = Path(__file__).parent
API_PREFIXES = ("/api/", "/openapi.json")
DOCS_ASSETS = "/api/docs/assets"


def build_app(db: str) -> FastAPI:
    from pathfig.web import api, enrichment, pages

    # Swagger UI's script and style come from the fastapi-offline wheel and are served here:
    # FastAPI's own docs page loads them from a CDN, which an offline machine cannot reach.
    app = FastAPIOffline(
        title="pathfig",
        summary="Published pathway figures with the genes, chemicals and diseases they name.",
        version="1",
        docs_url="/api/docs",
        redoc_url=None,
        static_url=DOCS_ASSETS,
        swagger_ui_oauth2_redirect_url="/api/docs/oauth2-redirect",
    )
    app.state.store = open_store(db, create=False)
    app.state.templates = _templates()
    app.state.overview = (0.0, {})
    app.state.enrich_indexes = {}  # (organism, tier) -> enrichment.Indexed
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(enrichment.router)
    app.add_exception_handler(PathfigError, _pathfig_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    return app


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def store(request: Request) -> Store:
    return request.app.state.store


def overview(request: Request) -> dict[str, int]:
    """The home page's counts, recounted at most once a minute."""
    when, counts = request.app.state.overview
    if time.monotonic() - when > 60 or not counts:
        with store(request).engine.connect() as conn:
            counts = store_search.overview(conn)
        request.app.state.overview = (time.monotonic(), counts)
    return counts


def render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code
    )


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIXES)


def error_response(request: Request, status: int, message: str, **extra) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message, "status": status, **extra}, status_code=status)
    titles = {400: "Bad request", 404: "Not found", 422: "Invalid search", 500: "Error"}
    context = {"status": status, "title": titles.get(status, "Error"), "message": message}
    return render(request, "error.html", context, status_code=status)


async def _pathfig_error(request: Request, exc: PathfigError) -> Response:
    return error_response(request, exc.status, str(exc))


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    errors = []
    for err in exc.errors():
        where = ".".join(str(part) for part in err.get("loc", ()) if part not in ("query",))
        given = err.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int) else ""
        errors.append(
            {
                "parameter": where,
                "message": err.get("msg", "invalid"),
                "input": given if isinstance(given, str | int) else None,
            }
        )
        errors[-1]["text"] = f"{where}: {err.get('msg', 'invalid')}{shown}"
    message = "; ".join(e["text"] for e in errors) or "invalid request"
    return error_response(
        request,
        422,
        message,
        errors=[{k: e[k] for k in ("parameter", "message", "input")} for e in errors],
    )


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return error_response(request, exc.status_code, message)
