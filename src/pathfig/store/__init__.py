"""The store: SQLAlchemy Core over SQLite (a file, the default) or PostgreSQL (a URL)."""

from pathfig.store.database import TIERS, FigureState, Store, StoredImage, database_url, open_store

__all__ = ["TIERS", "FigureState", "Store", "StoredImage", "database_url", "open_store"]
