"""Helpers for the ingest tests (a plain module: conftest.py names clash across test folders)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"
# The shared data sits beside the project (../shared from the repository root).
SHARED = Path(__file__).resolve().parents[3] / "shared"


def image_bytes(
    fmt: str = "PNG", mode: str = "RGB", size: tuple[int, int] = (8, 6), **save
) -> bytes:
    buffer = io.BytesIO()
    colour = {"RGB": (200, 30, 30), "L": 128, "RGBA": (200, 30, 30, 255), "CMYK": (0, 255, 255, 0)}
    Image.new(mode, size, colour.get(mode, 0)).save(buffer, fmt, **save)
    return buffer.getvalue()


def write_image(path: Path, fmt: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image_bytes(fmt))
    return path
