"""The models' inputs: the page's pixels, the detector's input size, padding and windows, and
the recogniser's batches of lines, each normalised as the PP-OCR models expect.

Plain functions of arrays and sizes, without a runtime, so that what the models are given can be
tested and benchmarked on its own.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from pathfig.ocr.geometry import Tile, tiles

# The detector scales an image so that its SHORT side is this long, never shrinking it.
# Figures are ~720x540 px with 8-10 px labels; upscaling them is what lets the detector find
# small labels. Measured on 60 real figures (benchmarks/ocr_speed.py recall proxy): no
# upscaling 0.685, 736 (rapidocr's default) 0.762, 960 0.805.
DET_LIMIT_SIDE_LEN = 960
# ... but never past this long side, so that a very wide or very large image stays affordable.
DET_MAX_SIDE_LEN = 2880
# A page whose detector input is larger than DET_TILE_SIDE squared is detected in windows at
# most DET_TILE_SIDE long, each seeing DET_TILE_MARGIN px of its neighbours, and their maps
# are stitched before the boxes are drawn. The runtime holds buffers for the largest input it
# has seen (~300 MB per megapixel for the detector), so whole large pages would keep a
# worker's memory at gigabytes; a typical 720x540 figure (1280x960 input) is one window.
DET_TILE_SIDE = 1280
DET_TILE_MARGIN = 64
# Each detector input is padded with white up to sides that are multiples of DET_SHAPE_STEP
# (or exactly DET_LIMIT_SIDE_LEN, the short side of most figures), so that a few shapes recur.
# OpenVINO prepares its kernels for each new input shape, which costs about twice the inference
# itself on this project's CPUs; a shape seen by the call before costs nothing more. (OpenVINO's
# cache of shapes stays off: it grew a worker by 0.2-0.5 GB over 150 figures, still growing.)
# Measured on 150 real figures (docs/benchmarks.md): 47 detector shapes became 13, detection
# 0.25 -> 0.18 s per figure. Padding never takes an input past DET_MAX_PADDED_PIXELS, which
# bounds the runtime's buffers as DET_TILE_SIDE does.
DET_SHAPE_STEP = 256
DET_MAX_PADDED_PIXELS = 1_800_000
# Only pages magnified at most this much are cut into windows (13 px text becomes 65 px, about
# the margin); a small banner magnified more is detected whole, scaled to one window's area.
DET_TILE_MAX_SCALE = 5.0
# The recogniser reads lines scaled to this height, at least this wide, in batches of this
# many lines sorted by aspect ratio (so a batch pads little). Most labels are short words: a
# minimum width of 192 instead of rapidocr's 320 pads them less, and read more crops right
# (bench/crops/real word accuracy 0.865 against 0.851) with the same recall proxy.
REC_HEIGHT = 48
REC_MIN_WIDTH = 192
REC_BATCH = 8
# ... and no more columns than this in one batch: the runtime keeps buffers for the largest
# batch it has run (~14 MB per 1,000 columns), and a figure's long title lines would otherwise
# make batches of 8 lines thousands of pixels wide. Lines up to 1,280 px at REC_HEIGHT (all
# but a few in real figures) still go 8 at a time.
REC_BATCH_COLUMNS = 8 * 1280
# A batch's width is rounded up to a multiple of this, for the same reason as DET_SHAPE_STEP:
# 258 batch shapes on 150 figures became 72, recognition 0.23 -> 0.17 s per figure. Coarser
# steps pad more than they save (128: 22% more columns, slower).
REC_WIDTH_STEP = 64


def batches(ratios: list[float]) -> list[list[int]]:
    """Line indices in batches of similar aspect ratio (widths padded to the widest), at most
    REC_BATCH lines and REC_BATCH_COLUMNS columns of input each."""
    batches: list[list[int]] = []
    for i in np.argsort(ratios, kind="stable").tolist():
        # Ascending ratios: the line being added is the batch's widest.
        width = rec_width(ratios[i])
        batch = batches[-1] if batches else []
        if not batch or len(batch) == REC_BATCH or (len(batch) + 1) * width > REC_BATCH_COLUMNS:
            batches.append([i])
        else:
            batch.append(i)
    return batches


def rec_width(ratio: float) -> int:
    """Input columns of a batch whose widest line has this aspect ratio."""
    return _round_up(max(REC_MIN_WIDTH, int(REC_HEIGHT * ratio)), REC_WIDTH_STEP)


def _round_up(length: int, step: int) -> int:
    return -(-length // step) * step


def det_padded_shape(height: int, width: int) -> tuple[int, int]:
    """(height, width) that a detector input of this size is padded to."""

    def bucket(side: int) -> int:
        if side <= DET_LIMIT_SIDE_LEN < _round_up(side, DET_SHAPE_STEP):
            return DET_LIMIT_SIDE_LEN
        return _round_up(side, DET_SHAPE_STEP)

    padded = bucket(height), bucket(width)
    return padded if padded[0] * padded[1] <= DET_MAX_PADDED_PIXELS else (height, width)


def det_size(height: int, width: int) -> tuple[int, int]:
    """(width, height) of the detector's input for a page of this size: sides multiples of 32."""
    scale = max(1.0, DET_LIMIT_SIDE_LEN / min(height, width))
    scale = min(scale, DET_MAX_SIDE_LEN / max(height, width))
    snap = round
    if scale > DET_TILE_MAX_SCALE and height * width * scale**2 > DET_TILE_SIDE**2:
        # Text magnified this much would not fit in a window's margin: the page shrinks to
        # one window (sides rounded down, so that it stays one).
        scale = max(DET_TILE_MAX_SCALE, DET_TILE_SIDE / math.sqrt(height * width))
        snap = math.floor
    return (max(32, snap(width * scale / 32) * 32), max(32, snap(height * scale / 32) * 32))


def det_input(
    pixels: np.ndarray, *, turned: bool = False, shape: tuple[int, int] | None = None
) -> np.ndarray:
    """The page scaled for the detector, normalised to [-1, 1], as a BGR batch of one;
    ``turned`` 90° clockwise, padded with white to ``shape`` if given."""
    import cv2

    resized = cv2.resize(pixels, det_size(*pixels.shape[:2]))
    if turned:
        # The scaled page is turned rather than the page, whose copy would be 3 bytes a pixel
        # (180 MB for a 60-megapixel page). det_size is symmetric, and this is the turned
        # page's input to within the resizer's rounding (1 of 255 in 2-5% of values).
        resized = np.rot90(resized, k=-1)
    return _normalised_bgr(resized, shape)[np.newaxis]


def rec_batch(lines: list[np.ndarray], width: int) -> np.ndarray:
    """The recogniser's (N, 3, REC_HEIGHT, width) input: each line scaled to REC_HEIGHT,
    normalised to [-1, 1] and padded with 0 on the right."""
    import cv2

    batch = np.zeros((len(lines), 3, REC_HEIGHT, width), dtype=np.float32)
    for row, line in enumerate(lines):
        height, own_width = line.shape[:2]
        resized_width = min(width, math.ceil(REC_HEIGHT * own_width / max(1, height)))
        resized = cv2.resize(line, (max(1, resized_width), REC_HEIGHT))
        batch[row, :, :, : resized.shape[1]] = _normalised_bgr(resized)
    return batch


# A white pixel, normalised.
WHITE = 1.0


def _normalised_bgr(rgb: np.ndarray, shape: tuple[int, int] | None = None) -> np.ndarray:
    """(x / 255 - 0.5) / 0.5 in float32, channels first in the models' (OpenCV's) BGR order,
    padded with white on the right and below to ``shape`` if given.

    The page stays RGB until here: channels are swapped on the models' small inputs instead of
    on a copy of the whole page.
    """
    height, width = rgb.shape[:2]
    # One contiguous array, computed in place: the runtimes take it as it is, without a copy.
    normalised = np.empty((3, *(shape or (height, width))), dtype=np.float32)
    inside = normalised[:, :height, :width]
    for channel in range(3):
        inside[channel] = rgb[:, :, 2 - channel]
    inside *= 2 / 255
    inside -= 1
    whiten_margins(normalised, height, width)
    return normalised


def whiten_margins(padded: np.ndarray, height: int, width: int) -> None:
    """Paint white what lies below ``height`` and right of ``width`` (the last two axes)."""
    padded[..., height:, :] = WHITE
    padded[..., :height, width:] = WHITE


# The page's pixels are taken from Pillow this many at a time (see rgb_pixels).
BAND_PIXELS = 1 << 20


def rgb_pixels(image: Image.Image) -> np.ndarray:
    """An RGB uint8 array: the one copy of the page's pixels that OCR makes. Any mode is
    turned to RGB as ingest turns it (transparent areas white)."""
    from pathfig.ingest import as_rgb

    rgb = as_rgb(image)
    width, height = rgb.size
    # Pillow hands its pixels to numpy through a bytes object that it builds from chunks: the
    # page held twice over on top of its own copy. Band by band, the transient is one band.
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    rows = max(1, BAND_PIXELS // width)
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        pixels[top:bottom] = np.asarray(rgb.crop((0, top, width, bottom)))
    return pixels


def is_one_window(height: int, width: int) -> bool:
    """Whether a detector input of this size is detected whole rather than in windows."""
    return height * width <= DET_TILE_SIDE**2


def windows(height: int, width: int) -> list[Tile]:
    """The windows that a detector input too large for one is detected in."""
    return tiles(height, width, side=DET_TILE_SIDE, margin=DET_TILE_MARGIN)


def padded_window(window: np.ndarray) -> np.ndarray:
    """A (1, 3, H, W) window of the detector's input, padded with white to its shape bucket."""
    _, _, height, width = window.shape
    padded = np.empty((1, 3, *det_padded_shape(height, width)), dtype=np.float32)
    padded[:, :, :height, :width] = window
    whiten_margins(padded, height, width)
    return padded
