"""pathfig's OCR post-processing gives exactly what rapidocr's gives.

rapidocr stays installed as the supplier of the model files, so its code serves as the
reference here, on the real models' outputs and on hand-made ones.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pathfig.ocr import postprocess
from pathfig.ocr.inputs import (
    REC_BATCH,
    det_input,
    rec_batch,
    rec_width,
    rgb_pixels,
)
from pathfig.ocr.postprocess import ctc_decode, db_boxes, reading_order
from pathfig.ocr.rapid import (
    DET_BOX_THRESH,
    DET_THRESH,
    DET_UNCLIP_RATIO,
    RapidOcrEngine,
    _crop,
)

DET = {"thresh": DET_THRESH, "box_thresh": DET_BOX_THRESH, "unclip_ratio": DET_UNCLIP_RATIO}
REAL_IMAGES = 3


@pytest.fixture(scope="module")
def reference_boxes():
    from rapidocr.ch_ppocr_det.utils import DBPostProcess

    post = DBPostProcess(**DET, use_dilation=True, score_mode="fast")
    return lambda pred, shape: list(post(pred, shape)[0])


@pytest.fixture(scope="module")
def models():
    return RapidOcrEngine()._load()


@pytest.fixture(scope="module")
def pages(shared: Path) -> list[np.ndarray]:
    """A few real figures, one of them also turned as the turned detection sees it, and a
    rendered page."""
    paths = sorted((shared / "bench" / "real" / "images").glob("*.jpg"))[:REAL_IMAGES]
    pages = []
    for path in paths:
        with Image.open(path) as opened:
            pages.append(rgb_pixels(opened.convert("RGB")))
    pages.append(np.ascontiguousarray(np.rot90(pages[0], k=-1)))
    canvas = Image.new("RGB", (640, 400), "white")
    draw = ImageDraw.Draw(canvas)
    for i, text in enumerate(["MAPK1 signalling", "TP53", "PIK3CA → AKT1", "NF-κB"]):
        draw.text((30 + 60 * i, 40 + 80 * i), text, font=ImageFont.load_default(size=14 + 6 * i))
    pages.append(rgb_pixels(canvas))
    return pages


@pytest.fixture(scope="module")
def detections(models, pages) -> list[tuple[np.ndarray, tuple[int, int]]]:
    """The real detector's map for each page, with the page's (height, width)."""
    return [(models._det(det_input(page)), page.shape[:2]) for page in pages]


def _assert_same_quads(ours: list[np.ndarray], theirs: list[np.ndarray]) -> None:
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.dtype == reference.dtype == np.float32
        assert np.array_equal(mine, reference), (mine, reference)


def test_db_boxes_match_rapidocr_on_real_detector_maps(detections, reference_boxes) -> None:
    found = 0
    for pred, shape in detections:
        quads = db_boxes(pred, shape, **DET)
        _assert_same_quads(quads, reference_boxes(pred, shape))
        found += len(quads)
    assert found > 50


def test_db_boxes_match_rapidocr_on_synthetic_maps(reference_boxes) -> None:
    # Blurred blocks of all sizes and scores, some at the map's edges, scaled to odd image sizes.
    rng = np.random.default_rng(7)
    found = 0
    for _ in range(40):
        height, width = rng.integers(2, 24, 2) * 32
        prob = np.zeros((height, width), np.float32)
        for _ in range(rng.integers(0, 25)):
            x, y = rng.integers(-20, width), rng.integers(-10, height)
            w, h = rng.integers(1, 200), rng.integers(1, 30)
            w, h = (h, w) if rng.random() < 0.3 else (w, h)
            prob[max(0, y) : y + h, max(0, x) : x + w] = rng.uniform(0.2, 1)
        prob = cv2.GaussianBlur(prob, (5, 5), rng.uniform(0.5, 3))
        prob += rng.random(prob.shape, dtype=np.float32) * 0.2
        pred = prob[np.newaxis, np.newaxis]
        shape = (int(rng.integers(20, 2000)), int(rng.integers(20, 2000)))
        quads = db_boxes(pred, shape, **DET)
        _assert_same_quads(quads, reference_boxes(pred, shape))
        found += len(quads)
    assert found > 100


def test_box_measures_are_shapelys_to_the_last_bit() -> None:
    # rapidocr's unclip distance is shapely's area / perimeter; pyclipper rounds the grown
    # polygon, so a last-bit difference could move a corner.
    from shapely.geometry import Polygon

    rng = np.random.default_rng(3)
    for i in range(2000):
        points = rng.normal(rng.uniform(0, 1500, 2), rng.uniform(1, 100, 2), (20, 2))
        points = points.astype(np.float32) if i % 2 else points.astype(np.int32)
        box, _ = postprocess._min_area_box(points.reshape(-1, 1, 2))
        polygon = Polygon(box)
        assert postprocess._area(box) == polygon.area
        assert postprocess._perimeter(box) == polygon.length


def _quad(x: float, y: float, width: float = 40, height: float = 12) -> np.ndarray:
    return np.array(
        [[x, y], [x + width, y], [x + width, y + height], [x, y + height]], dtype=np.float32
    )


def test_reading_order_matches_rapidocr(detections) -> None:
    from rapidocr.ch_ppocr_det.main import TextDetector

    for pred, shape in detections:
        quads = np.array(db_boxes(pred, shape, **DET))
        assert np.array_equal(reading_order(quads), TextDetector.sorted_boxes(quads))

    # A table of three rows, each a little uneven (tops within 10 px of the row's highest),
    # given out of order.
    table = {
        "c1": (200, 103),
        "a0": (20, 52),
        "b2": (380, 79),
        "a1": (200, 50),
        "c0": (20, 100),
        "b0": (20, 75),
        "a2": (380, 55),
        "b1": (200, 76),
        "c2": (380, 101),
    }
    names = list(table)
    quads = np.array([_quad(*xy) for xy in table.values()])
    ordered = reading_order(quads)
    assert np.array_equal(ordered, TextDetector.sorted_boxes(quads))
    order = [names[np.flatnonzero((quads == q).all(axis=(1, 2)))[0]] for q in ordered]
    assert order == ["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"]

    # Tops creeping down by less than 10 px each stay one line, read left to right.
    slanted = np.array([_quad(300, 16), _quad(10, 0), _quad(150, 8)])
    assert reading_order(slanted)[:, 0, 0].tolist() == [10, 150, 300]
    assert reading_order(np.zeros((0, 4, 2), np.float32)).shape == (0, 4, 2)


def _line_probs(steps: list[tuple[int, float]], classes: int) -> np.ndarray:
    """Per-step probabilities: the given class at the given probability, the rest shared."""
    probs = np.empty((len(steps), classes), np.float32)
    for t, (label, p) in enumerate(steps):
        probs[t] = (1 - p) / (classes - 1)
        probs[t, label] = p
    return probs


def test_ctc_decode_hand_made_lines() -> None:
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

    characters = ["A", "B", "C"]
    blank, a, b, space = 0, 1, 2, 4
    lines = {
        # Repeats collapse into one character.
        "AB": [(a, 0.9), (a, 0.8), (b, 0.7), (blank, 0.99)],
        # A blank between two equal characters keeps both.
        "AA": [(a, 0.9), (blank, 0.6), (a, 0.7)],
        "A B": [(blank, 0.9), (a, 0.9), (space, 0.8), (b, 0.7)],
        "": [(blank, 0.9), (blank, 0.8), (blank, 0.99)],
    }
    # One batch, the lines padded to the same length with the blank, as the model pads them.
    steps = max(map(len, lines.values()))
    probs = np.stack(
        [
            _line_probs(line + [(blank, 0.95)] * (steps - len(line)), len(characters) + 2)
            for line in lines.values()
        ]
    )
    decoded = ctc_decode(probs, characters)
    assert decoded == CTCLabelDecode(character=list(characters))(probs)[0]
    assert [text for text, _ in decoded] == list(lines)
    assert [score for _, score in decoded] == pytest.approx([0.8, 0.8, 0.8, 0.0])
    assert decoded[-1] == ("", 0.0)
    assert all(isinstance(score, float) for _, score in decoded)


def test_ctc_decode_matches_rapidocr_on_real_recogniser_outputs(models, pages) -> None:
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

    reference = CTCLabelDecode(character=list(models._rec.characters))
    read = 0
    for page in pages:
        crops = [_crop(page, quad) for quad in models.detect(page)][: 3 * REC_BATCH]
        for start in range(0, len(crops), REC_BATCH):
            chunk = crops[start : start + REC_BATCH]
            width = rec_width(max(c.shape[1] / c.shape[0] for c in chunk))
            probs = models._rec(rec_batch(chunk, width))
            lines = ctc_decode(probs, models._rec.characters)
            assert lines == reference(probs)[0]
            read += sum(bool(text) for text, _ in lines)
    assert read > 30


def test_reading_an_image_imports_no_rapidocr_code() -> None:
    code = (
        "import sys; from PIL import Image, ImageDraw, ImageFont;"
        "from pathfig.ocr.rapid import RapidOcrEngine;"
        "image = Image.new('RGB', (300, 60), 'white');"
        "ImageDraw.Draw(image).text((10, 10), 'MAPK1', font=ImageFont.load_default(size=28),"
        " fill='black');"
        "print(*(w.text for w in RapidOcrEngine().read(image)));"
        "print(*(m in sys.modules for m in ('omegaconf', 'rapidocr.ch_ppocr_det', 'rapidocr')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["MAPK1", "False False False"]
