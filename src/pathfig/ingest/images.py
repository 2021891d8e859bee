"""Decode untrusted image bytes into an RGB picture, or say clearly why they cannot be used."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from pathfig.errors import BadImageError

if TYPE_CHECKING:
    from PIL import Image

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp"})

# Formats pathfig reads. Naming them keeps Pillow away from the rest (EPS would run Ghostscript).
_FORMATS = ("PNG", "JPEG", "GIF", "TIFF", "WEBP", "BMP")


_MEDIA_TYPES = (
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)


def media_type(data: bytes) -> str:
    """The media type the web serves these image bytes with, from their first bytes."""
    for magic, kind in _MEDIA_TYPES:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def is_image_name(name: str) -> bool:
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in IMAGE_SUFFIXES


def _not_an_image(head: bytes) -> str | None:
    """Name what the bytes are when they are text: PFOCR's harvester saved error pages as .jpg."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:256]:
        return "not an image: looks like an HTML page (an error page saved as an image?)"
    if text.startswith((b"{", b"[")):
        return "not an image: looks like JSON (an API error response saved as an image?)"
    if text.startswith(b"<"):
        return "not an image: looks like XML or HTML text"
    return None


def decode_image(data: bytes, *, source: str, max_pixels: int) -> Image.Image:
    """The image as RGB (first frame; alpha composited on white).

    Raises BadImageError for empty, text, unknown, truncated, corrupt or oversized input. The
    size is checked from the header before any pixel is decoded.
    """
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise BadImageError("empty file (0 bytes)", source=source)
    problem = _not_an_image(data[:512])
    if problem:
        raise BadImageError(problem, source=source)
    try:
        image = Image.open(io.BytesIO(data), formats=_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise BadImageError(f"too large to decode safely: {exc}", source=source) from exc
    except UnidentifiedImageError as exc:
        raise BadImageError(
            f"not an image, or not a format pathfig reads (starts with {data[:8]!r})",
            source=source,
        ) from exc
    except Exception as exc:  # a header so broken that the format plugin itself fails
        raise BadImageError(f"corrupt image header: {exc}", source=source) from exc

    width, height = image.size
    if width * height > max_pixels:
        raise BadImageError(
            f"too large: {width}×{height} = {width * height:,} pixels is over the limit of "
            f"{max_pixels:,} (a decompression bomb?)",
            source=source,
        )
    if width == 0 or height == 0:
        raise BadImageError(f"empty image ({width}×{height} pixels)", source=source)
    try:
        image.seek(0)  # an animated GIF or multi-page TIFF: the first frame is the figure
        image.load()
        return as_rgb(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise BadImageError(f"too large to decode safely: {exc}", source=source) from exc
    except OSError as exc:
        # Pillow says "image file is truncated" when data ends early.
        raise BadImageError(
            f"truncated or corrupt {image.format} image: {exc}", source=source
        ) from exc
    except Exception as exc:  # decoders raise many types (SyntaxError, ValueError, struct.error…)
        raise BadImageError(f"corrupt {image.format} image: {exc}", source=source) from exc


def as_rgb(image: Image.Image) -> Image.Image:
    """The image in RGB (itself when it is): transparent areas white, as a browser shows them,
    16-bit and float greyscale scaled to 8 bits."""
    from PIL import Image

    mode = image.mode
    if mode == "RGB":
        return image
    if mode.startswith("I") or mode == "F":
        image = _to_8bit(image)
        mode = image.mode
    if mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _to_8bit(image: Image.Image) -> Image.Image:
    """Scale 16-bit or float greyscale to 8 bits; Pillow's own conversion clips it to white."""
    import numpy as np
    from PIL import Image

    values = np.asarray(image, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    if image.mode.startswith("I;16") or (image.mode == "I" and 255 < high <= 65535 and low >= 0):
        scaled = values / 257.0
    elif high <= 255 and low >= 0:
        scaled = values
    else:
        scaled = (values - low) * (255.0 / (high - low)) if high > low else values * 0
    return Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8))
