"""Ingest: find figures (image folders, PMC JATS articles, PFOCR sites) and decode their images."""

from __future__ import annotations

from pathfig.ingest.discover import discover
from pathfig.ingest.images import as_rgb, decode_image, media_type

__all__ = ["as_rgb", "decode_image", "discover", "media_type"]
