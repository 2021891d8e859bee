from __future__ import annotations

import struct
import zlib

import pytest
from ingest_helpers import image_bytes
from PIL import Image, ImageFile

from pathfig.errors import BadImageError
from pathfig.ingest import decode_image

LIMIT = 60_000_000


def decode(data: bytes, max_pixels: int = LIMIT) -> Image.Image:
    return decode_image(data, source="fig.jpg", max_pixels=max_pixels)


def bad(data: bytes, max_pixels: int = LIMIT) -> BadImageError:
    with pytest.raises(BadImageError) as caught:
        decode(data, max_pixels)
    assert caught.value.source == "fig.jpg"
    assert str(caught.value).startswith("fig.jpg: ")
    return caught.value


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_zero_byte_file() -> None:
    assert "empty file (0 bytes)" in str(bad(b""))


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head></html>",
        b"\xef\xbb\xbf  <html lang=en><body>Service unavailable</body></html>",
        b"\n<HTML><BODY>Error</BODY></HTML>",
    ],
)
def test_html_error_page_saved_as_jpg(body: bytes) -> None:
    assert "looks like an HTML page" in str(bad(body))


def test_json_error_body() -> None:
    assert "looks like JSON" in str(bad(b'{"error": "rate limited", "status": 429}'))


def test_not_an_image() -> None:
    message = str(bad(b"GIF-ish? no: plain bytes \x00\x01\x02 that no decoder knows"))
    assert "not an image" in message


def test_format_pathfig_does_not_read_is_refused() -> None:
    # EPS would make Pillow run Ghostscript on untrusted input.
    assert "not an image" in str(bad(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"))


def test_truncated_jpeg() -> None:
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    whole = image_bytes("JPEG", size=(300, 200), quality=95)
    decode(whole)  # the uncut file is fine
    message = str(bad(whole[: len(whole) // 2]))
    assert "truncated" in message


def test_truncated_png() -> None:
    whole = image_bytes("PNG", size=(300, 200))
    assert "PNG" in str(bad(whole[: len(whole) - 40]))


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [8_000, 10_000, 100_000])
def test_decompression_bomb_header_is_refused_before_decoding(side: int) -> None:
    # A real PNG header claiming side×side pixels with a tiny IDAT: had decoding started, the
    # error would be "truncated". 8000² is under Pillow's own limit, 10000² makes Pillow warn
    # (an error here), 100000² makes it raise.
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + png_chunk(b"IEND", b"")
    )
    assert "too large" in str(bad(data))


def test_pixel_limit_from_settings() -> None:
    data = image_bytes("PNG", size=(200, 100))
    message = str(bad(data, max_pixels=10_000))
    assert "200×100" in message and "10,000" in message
    assert decode(data, max_pixels=20_000).size == (200, 100)


def test_animated_gif_gives_first_frame() -> None:
    import io

    frames = [Image.new("RGB", (10, 10), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    image = decode(buffer.getvalue())
    assert image.mode == "RGB"
    red, _, blue = image.getpixel((5, 5))
    assert red > 200 and blue < 50


def test_cmyk_jpeg_to_rgb() -> None:
    image = decode(image_bytes("JPEG", mode="CMYK"))
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((2, 2))
    assert red > 200 and green < 60 and blue < 60  # CMYK (0,255,255,0) is red


def test_palette_png_to_rgb() -> None:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 10)).convert("P").save(buffer, "PNG")
    image = decode(buffer.getvalue())
    assert image.mode == "RGB" and image.getpixel((1, 1))[1] > 150


def test_alpha_composited_on_white() -> None:
    import io

    buffer = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(buffer, "PNG")  # fully transparent black
    image = decode(buffer.getvalue())
    assert image.mode == "RGB" and image.getpixel((3, 3)) == (255, 255, 255)


def test_transparent_palette_gif_composited_on_white() -> None:
    import io

    picture = Image.new("P", (8, 8), 0)
    picture.putpalette([0, 0, 0] * 256)
    buffer = io.BytesIO()
    picture.save(buffer, "GIF", transparency=0)
    assert decode(buffer.getvalue()).getpixel((0, 0)) == (255, 255, 255)


def test_16_bit_greyscale_is_scaled_not_clipped() -> None:
    import io

    import numpy as np

    values = np.full((4, 4), 32768, dtype=np.uint16)  # mid grey in 16 bits
    buffer = io.BytesIO()
    Image.fromarray(values).save(buffer, "PNG")
    image = decode(buffer.getvalue())
    assert image.mode == "RGB"
    assert 120 <= image.getpixel((0, 0))[0] <= 135  # Pillow's own convert would give 255


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "TIFF", "WEBP"])
def test_good_images_decode_to_rgb(fmt: str) -> None:
    image = decode(image_bytes(fmt, size=(12, 7)))
    assert image.mode == "RGB" and image.size == (12, 7)


@pytest.mark.parametrize(
    ("pil_format", "expected"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"),
     ("TIFF", "image/tiff"), ("WEBP", "image/webp"), ("BMP", "image/bmp")],
)  # fmt: skip
def test_media_type_of_real_image_bytes(pil_format, expected):
    import io

    from PIL import Image

    from pathfig.ingest import media_type

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format=pil_format)
    assert media_type(buffer.getvalue()) == expected
    assert media_type(b"%PDF-1.7") == "application/octet-stream"
