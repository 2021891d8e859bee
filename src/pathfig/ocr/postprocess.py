"""What the PP-OCR models' outputs mean: text boxes from the detector's probability map, text
from the recogniser's per-step class probabilities.

The algorithms follow PaddleOCR's DB (Differentiable Binarization) post-processing and CTC
greedy decoding as packaged in rapidocr (both Apache-2.0), and give exactly what rapidocr's
``DBPostProcess`` (with ``filter_det_res``), ``TextDetector.sorted_boxes`` and
``CTCLabelDecode`` give (tests/ocr/test_ocr_postprocess.py). They are here because importing
them from rapidocr loads its inference-engine layer, omegaconf and requests: 0.5 to 0.9 s of
start-up for a few dozen lines. pathfig takes only the model files from rapidocr.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import pyclipper

# Regions whose rectangle is thinner than this in the detector's map are noise; once grown by
# the unclip they must be 2 px thicker.
MIN_SIZE = 3
# Boxes whose top-left corners are less than this far apart vertically share a line
# (rapidocr's _BOX_SORT_Y_THRESHOLD).
SAME_LINE = 10


def db_boxes(
    pred: np.ndarray,
    shape: tuple[int, int],
    *,
    thresh: float,
    box_thresh: float,
    unclip_ratio: float,
    dilate: bool = True,
    max_candidates: int = 1000,
) -> list[np.ndarray]:
    """Text quads in the image's pixels, from the detector's map for one image.

    ``pred``: the detector's output, (1, 1, H, W) or (H, W); ``shape``: the image's (height,
    width). Each quad is a float32 4 x 2 array, corners clockwise from the top left; the quads
    come in the order OpenCV finds the regions (see :func:`reading_order`).
    """
    prob = pred.reshape(pred.shape[-2:])
    height, width = shape
    map_height, map_width = prob.shape
    mask = (prob > thresh).astype(np.uint8)
    if dilate:
        # Joins the parts of a thin or small character that the threshold splits.
        mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    quads = []
    for contour in contours[:max_candidates]:
        box, thickness = _min_area_box(contour)
        if thickness < MIN_SIZE or _mean_inside(prob, box) < box_thresh:
            continue
        box, thickness = _min_area_box(_unclip(box, unclip_ratio))
        if thickness < MIN_SIZE + 2:
            continue
        # In float32, as rapidocr scales, so that halves round the same way.
        box[:, 0] = np.clip(np.round(box[:, 0] / map_width * width), 0, width)
        box[:, 1] = np.clip(np.round(box[:, 1] / map_height * height), 0, height)
        quad = _clockwise(box.astype(np.int32))
        quad[:, 0] = np.clip(quad[:, 0], 0, width - 1)
        quad[:, 1] = np.clip(quad[:, 1], 0, height - 1)
        across = int(np.linalg.norm(quad[0] - quad[1]))
        down = int(np.linalg.norm(quad[0] - quad[3]))
        if across > 3 and down > 3:
            quads.append(quad)
    return quads


def reading_order(quads: np.ndarray) -> np.ndarray:
    """The quads (N x 4 x 2) top to bottom, and left to right within a line."""
    if len(quads) == 0:
        return quads
    top = quads[:, 0, 1]
    by_top = np.argsort(top, kind="stable")
    quads, top = quads[by_top], top[by_top]
    # A new line starts wherever the next top-left corner is SAME_LINE or more further down, so
    # a slanted run of boxes each a little lower than the last stays one line.
    line = np.concatenate([[0], np.cumsum(np.diff(top) >= SAME_LINE)])
    return quads[np.lexsort((quads[:, 0, 0], line))]


def ctc_decode(probs: np.ndarray, characters: list[str]) -> list[tuple[str, float]]:
    """(text, confidence) for each line of the recogniser's output (lines x steps x classes).

    Class 0 is the CTC blank, class 1 + i is ``characters[i]`` and the last class a space, as
    the PP-OCR recognisers are trained. The confidence is the mean of the kept steps' top
    probabilities, 0 for an empty line.
    """
    labels = ["", *characters, " "]  # the blank is never kept
    best = probs.argmax(axis=2)
    top = probs.max(axis=2).astype(np.float64)
    # A step adds a character where its class differs from the step before and is not the
    # blank: repeats collapse, and a blank between two equal characters keeps both ("AA").
    kept = np.ones(best.shape, dtype=bool)
    kept[:, 1:] = best[:, 1:] != best[:, :-1]
    kept &= best != 0
    lines = []
    for classes, confidences, keep in zip(best, top, kept, strict=True):
        text = "".join(labels[c] for c in classes[keep].tolist())
        # Rounded per step and again on the mean as rapidocr does: the confidences are part of
        # what OCR returns and stores.
        kept_confidences = np.round(confidences[keep], 5)
        score = float(np.round(kept_confidences.mean(), 5)) if kept_confidences.size else 0.0
        lines.append((text, score))
    return lines


def _min_area_box(points: np.ndarray) -> tuple[np.ndarray, float]:
    """The smallest rectangle around the points (float32 4 x 2, clockwise from the top left)
    and its shorter side."""
    rect = cv2.minAreaRect(points)
    corners = cv2.boxPoints(rect)
    corners = corners[np.argsort(corners[:, 0], kind="stable")]
    # Of the two left corners the higher is the top left, of the two right ones the top right;
    # on a tie the second of each pair, as rapidocr picks.
    top_left, bottom_left = (0, 1) if corners[1, 1] > corners[0, 1] else (1, 0)
    top_right, bottom_right = (2, 3) if corners[3, 1] > corners[2, 1] else (3, 2)
    return corners[[top_left, top_right, bottom_right, bottom_left]], min(rect[1])


def _clockwise(corners: np.ndarray) -> np.ndarray:
    """The corners (4 x 2) as float32, clockwise from the top left: the two leftmost, top
    first, then the two rightmost (imutils' order_points, as rapidocr orders them)."""
    by_x = corners[np.argsort(corners[:, 0])]
    left = by_x[:2][np.argsort(by_x[:2, 1])]
    right = by_x[2:][np.argsort(by_x[2:, 1])]
    return np.array([left[0], right[0], right[1], left[1]], dtype=np.float32)


def _mean_inside(prob: np.ndarray, box: np.ndarray) -> float:
    """The mean probability over the map's pixels inside the quad."""
    height, width = prob.shape
    x0 = np.clip(np.floor(box[:, 0].min()).astype(np.int32), 0, width - 1)
    x1 = np.clip(np.ceil(box[:, 0].max()).astype(np.int32), 0, width - 1)
    y0 = np.clip(np.floor(box[:, 1].min()).astype(np.int32), 0, height - 1)
    y1 = np.clip(np.ceil(box[:, 1].max()).astype(np.int32), 0, height - 1)
    mask = np.zeros((y1 - y0 + 1, x1 - x0 + 1), dtype=np.uint8)
    cv2.fillPoly(mask, (box - (x0, y0)).astype(np.int32)[np.newaxis], 1)
    return cv2.mean(prob[y0 : y1 + 1, x0 : x1 + 1], mask)[0]


def _unclip(box: np.ndarray, ratio: float) -> np.ndarray:
    """The box grown on every side by area * ratio / perimeter, corners rounded: DB's model is
    trained to mark each text region shrunk by that much."""
    offset = pyclipper.PyclipperOffset()
    offset.AddPath(box, pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    grown = offset.Execute(_area(box) * ratio / _perimeter(box))
    return np.array(grown).reshape(-1, 1, 2)


# rapidocr measures the box with shapely. Both measures below add up in the order GEOS does, so
# that the unclip distance is the same to the last bit: a difference there can move a corner of
# the grown polygon by a pixel after pyclipper's rounding. (cv2.contourArea differs in the last
# bit for 0.5% of boxes, cv2.arcLength, which sums in float32, for nearly all.)


def _area(box: np.ndarray) -> float:
    """The area of a quadrilateral (4 x 2), by the shoelace formula with x taken from the first
    corner's, as GEOS computes it."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box.tolist()
    return abs((x1 - x0) * (y0 - y2) + (x2 - x0) * (y1 - y3) + (x3 - x0) * (y2 - y0)) / 2


def _perimeter(box: np.ndarray) -> float:
    corners = box.tolist()
    perimeter = 0.0
    for (xa, ya), (xb, yb) in zip(corners, corners[1:] + corners[:1], strict=True):
        perimeter += math.sqrt((xb - xa) * (xb - xa) + (yb - ya) * (yb - ya))
    return perimeter


__all__ = ["ctc_decode", "db_boxes", "reading_order"]
