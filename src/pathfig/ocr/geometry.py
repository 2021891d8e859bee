"""Box arithmetic for OCR: quads to boxes, undoing the 90° turn (of boxes and of quads),
merging two passes, and the tiles a large page is detected in.

Pure functions on plain tuples and arrays, so the merge rule is testable without running an OCR
model.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

import numpy as np

from pathfig.records import Box, Word

# Two boxes are "the same text" when their intersection covers this much of the smaller one.
# Intersection over the smaller area (not IoU) so that a line read whole by one pass and a
# fragment of it read by the other still count as overlapping.
OVERLAP = 0.3


def quad_to_box(quad: Iterable[Sequence[float]]) -> Box:
    """The axis-aligned box around a detector quad (four x, y corners)."""
    xs, ys = zip(*((float(p[0]), float(p[1])) for p in quad), strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def unturn_box(box: Box, original_height: float) -> Box:
    """Map a box from the image turned 90° clockwise back to the original image.

    Turning clockwise sends original (x, y) to (H - y, x), where H is the original height;
    the inverse is x = y', y = H - x'.
    """
    x0, y0, x1, y1 = box
    return (y0, original_height - x1, y1, original_height - x0)


def unturn_quad(quad: np.ndarray, original_height: int) -> np.ndarray:
    """Map a quad's corners from the image turned 90° clockwise back to the original image.

    Unlike :func:`unturn_box`, whose edges lie between pixels, these are points to sample at,
    on pixel centres: turning clockwise puts pixel (x, y) at (H - 1 - y, x), so the original
    cropped by the mapped quad is the turned image cropped by the quad.
    """
    return np.stack([quad[:, 1], original_height - 1 - quad[:, 0]], axis=1)


def overlap(a: Box, b: Box) -> float:
    """Intersection area as a fraction of the smaller box's area (0 when either is empty)."""
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    smaller = min(_area(a), _area(b))
    return iw * ih / smaller if smaller > 0 else 0.0


def is_vertical(box: Box) -> bool:
    return box[3] - box[1] > box[2] - box[0]


def merge_passes(upright: list[Word], turned: list[Word]) -> list[Word]:
    """Combine the 0° pass with the 90° pass (boxes already in original coordinates).

    The turned pass exists to read vertical labels, so only its vertical boxes are considered.
    Where it overlaps nothing from the 0° pass it is added. Where it overlaps only vertical
    0° words (vertical text that the 0° pass also read, often garbled because rapidocr turns
    tall crops one fixed way), the reading with the higher confidence wins. Any overlap with
    a horizontal 0° word means the 0° pass wins: horizontal text is what it reads best.
    """
    kept = list(upright)
    for word in turned:
        if not is_vertical(word.box):
            continue
        hits = [w for w in kept if overlap(w.box, word.box) > OVERLAP]
        if any(not is_vertical(w.box) for w in hits):
            continue
        if all(word.confidence > w.confidence for w in hits):
            beaten = {id(w) for w in hits}
            kept = [w for w in kept if id(w) not in beaten]
            kept.append(word)
    return kept


class Tile(NamedTuple):
    """One piece of a page: ``core`` is the part it answers for, ``window`` the part it sees
    (the core plus a margin of context, inside the page). Both are (top, bottom, left, right),
    end-exclusive."""

    core: tuple[int, int, int, int]
    window: tuple[int, int, int, int]


def tiles(height: int, width: int, *, side: int, margin: int, step: int = 32) -> list[Tile]:
    """Windows at most ``side`` long that cover a ``height`` x ``width`` page, their cores
    tiling it without overlap, each core seen with ``margin`` of context where the page has it.

    Every boundary is a multiple of ``step`` when the page sides and ``margin`` are, so that
    each window is a valid detector input.
    """
    if side <= 2 * margin:
        raise ValueError(f"tile side {side} leaves no core inside margins of {margin}")
    rows = _spans(height, side, margin, step)
    cols = _spans(width, side, margin, step)
    return [
        Tile((top, bottom, left, right), (w_top, w_bottom, w_left, w_right))
        for top, bottom, w_top, w_bottom in rows
        for left, right, w_left, w_right in cols
    ]


def _spans(length: int, side: int, margin: int, step: int) -> list[tuple[int, int, int, int]]:
    """(start, end, window start, window end) of each piece along one axis."""
    if length <= side:
        return [(0, length, 0, length)]
    count = math.ceil((length - 2 * margin) / (side - 2 * margin))
    # Cuts rounded down to ``step`` can push a window past ``side``: then one piece more.
    while True:
        cuts = [0] + [length * i // count // step * step for i in range(1, count)] + [length]
        windows = [(max(0, a - margin), min(length, b + margin)) for a, b in pairwise(cuts)]
        if all(end - start <= side for start, end in windows):
            break
        count += 1
    return [(a, b, wa, wb) for (a, b), (wa, wb) in zip(pairwise(cuts), windows, strict=True)]


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
