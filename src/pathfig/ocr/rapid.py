"""The default OCR engine: rapidocr (PaddleOCR PP-OCRv6 models as ONNX, shipped in its wheel).

rapidocr and its model sessions are created on first use, so importing :mod:`pathfig.ocr`
stays cheap and a process that never reads an image never loads onnxruntime.
"""

from __future__ import annotations

import threading
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from pathfig.errors import PathfigError
from pathfig.ocr.geometry import merge_passes, quad_to_box, unturn_box
from pathfig.records import Word

# Bump when anything here changes what OCR returns for the same image: it is part of
# `version`, the cache key of stored OCR results.
CODE_VERSION = "1"

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"

# The detector scales an image so that its SHORT side is this long ("min"), never shrinking
# it. Figures are ~720x540 px with 8-10 px labels; upscaling them is what lets the detector
# find small labels. Measured on 60 real figures (0° pass, benchmarks/ocr_speed.py recall
# proxy): no upscaling ("max" 1280) 0.685, 736 (rapidocr's default) 0.762, 960 0.805, at
# about 1.3x the time of 736 for both passes.
DET_LIMIT_SIDE_LEN = 960
DET_LIMIT_TYPE = "min"

# rapidocr drops lines below this recognition score. Kept low on purpose: the recogniser
# applies Settings.min_word_confidence, and the store keeps what OCR saw.
MIN_SCORE = 0.3


class RapidOcrEngine:
    """Two passes of rapidocr (0° and turned 90° clockwise) merged into one list of words."""

    name = "rapidocr"

    def __init__(self, threads: int = 0, *, turned_pass: bool = True) -> None:
        self.threads = threads
        self.turned_pass = turned_pass
        self.version = (
            f"rapidocr-{package_version('rapidocr')}+pathfig-ocr-{CODE_VERSION}"
            f"+{Path(DET_MODEL).stem},{Path(REC_MODEL).stem}"
        )
        self._lock = threading.Lock()
        self._full: Any = None  # det + rec
        self._rec_only: Any = None  # rec on the whole image, for single-word crops

    def read(self, image: Image.Image) -> list[Word]:
        """Every text line found in the image, boxes in the image's own pixels."""
        pixels = _to_bgr(image)
        upright = self._read_pass(pixels)
        if not self.turned_pass:
            return upright
        # Turned clockwise, text that reads bottom-to-top (the usual vertical label) is upright.
        # The 0° pass already reads top-to-bottom text: rapidocr turns tall crops
        # counter-clockwise before recognition, which garbles bottom-to-top text instead.
        # Always run: skipping it when the 0° pass saw no tall box lost real vertical labels
        # in 2 of 20 figures.
        turned_pixels = np.ascontiguousarray(np.rot90(pixels, k=-1))
        height = pixels.shape[0]
        turned = [
            Word(w.text, w.confidence, unturn_box(w.box, height), rotation=90)
            for w in self._read_pass(turned_pixels)
        ]
        return merge_passes(upright, turned)

    def read_line(self, image: Image.Image) -> Word | None:
        """Recognition alone on the whole image, for an image known to hold one line of text."""
        result = self._engine(rec_only=True)(_to_bgr(image))
        text = (result.txts or ("",))[0].strip()
        if not text:
            return None
        width, height = image.size
        return Word(text, float(result.scores[0]), (0.0, 0.0, float(width), float(height)))

    def _read_pass(self, pixels: np.ndarray) -> list[Word]:
        result = self._engine()(pixels)
        if result.txts is None or result.boxes is None:
            return []
        return [
            Word(text.strip(), float(score), quad_to_box(quad))
            for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True)
            if text.strip()
        ]

    def _engine(self, *, rec_only: bool = False) -> Any:
        # Two separate RapidOCR objects rather than per-call use_det=...: rapidocr stores call
        # arguments on the object, which would leak between calls and between threads.
        with self._lock:
            if rec_only and self._rec_only is None:
                self._rec_only = _build(self.threads, use_det=False)
            if not rec_only and self._full is None:
                self._full = _build(self.threads, use_det=True)
        return self._rec_only if rec_only else self._full


def _build(threads: int, *, use_det: bool) -> Any:
    from rapidocr import RapidOCR

    models = Path(__import__("rapidocr").__file__).parent / "models"
    for model in (DET_MODEL, REC_MODEL):
        if not (models / model).is_file():
            # Explicit model paths also stop rapidocr from trying to download anything.
            raise PathfigError(
                f"rapidocr model {model} is missing from {models}; reinstall rapidocr"
            )
    ort_threads = threads if threads > 0 else -1
    params = {
        "Global.log_level": "error",
        "Global.text_score": MIN_SCORE,
        "Global.use_det": use_det,
        # The 0/180° angle classifier is not needed: vertical text is handled by the turned
        # pass. Measured on 60 figures it found no more gene words (0.760 vs 0.762) and cost
        # time on every line.
        "Global.use_cls": False,
        "Det.model_path": str(models / DET_MODEL),
        "Det.limit_side_len": DET_LIMIT_SIDE_LEN,
        "Det.limit_type": DET_LIMIT_TYPE,
        "Rec.model_path": str(models / REC_MODEL),
        "EngineConfig.onnxruntime.intra_op_num_threads": ort_threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": ort_threads,
    }
    return RapidOCR(params=params)


def _to_bgr(image: Image.Image) -> np.ndarray:
    """A contiguous BGR uint8 array (rapidocr takes arrays as OpenCV-ordered BGR)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent areas become white, as they look in a browser, not black.
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    rgb = np.asarray(image.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])
