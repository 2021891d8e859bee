"""The web app and JSON API: search figures, see each recognised gene on the image.

``create_app(db)`` builds the FastAPI app for a store; FastAPI and Jinja2 are imported only then,
so importing :mod:`pathfig.web` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db: str) -> FastAPI:
    """The app for the store at ``db`` (a SQLite file path or a PostgreSQL URL)."""
    from pathfig.web.app import build_app

    return build_app(db)


__all__ = ["create_app"]
