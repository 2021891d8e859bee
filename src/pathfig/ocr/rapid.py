"""The default OCR engine: PaddleOCR PP-OCRv6 models as shipped in the rapidocr wheel.

The detector runs on the page and, when the page has vertical text, on the page turned 90°
clockwise (for thin vertical labels that it only finds lying down), then one batched
recognition call reads every box found. A tall box (vertical text) is recognised turned both
ways, counter-clockwise and clockwise, and the surer reading is kept. This replaces a whole
second detection + recognition pass over the turned page, at 43% of the CPU time for the same
recall proxy (benchmarks/ocr_speed.py). A large page is detected in windows whose maps are
stitched, so that a worker's memory does not grow with the largest page it meets.

rapidocr supplies only the model files: nothing of its code is imported. The runtime
sessions (:mod:`pathfig.ocr.runtimes`: OpenVINO by default, onnxruntime on request), the
models' inputs (:mod:`pathfig.ocr.inputs`: sizes, padding, windows, batches) and the
post-processing (:mod:`pathfig.ocr.postprocess`: DB boxes, CTC decoding) are pathfig's own, so
that nothing here can download a model or spin threads against the rest of the process, and a
process that reads images does not pay for rapidocr's configuration and download layers at
start-up. Sessions are created on first use, so importing :mod:`pathfig.ocr` stays cheap and a
process that never reads an image never loads a runtime.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np
from PIL import Image

from pathfig.errors import PathfigError
from pathfig.ocr import RUNTIMES
from pathfig.ocr.geometry import (
    OVERLAP,
    is_vertical,
    merge_passes,
    overlap,
    quad_to_box,
    unturn_box,
    unturn_quad,
)
from pathfig.ocr.inputs import (
    batches,
    det_input,
    det_padded_shape,
    det_size,
    is_one_window,
    padded_window,
    rec_batch,
    rec_width,
    rgb_pixels,
    windows,
)
from pathfig.records import Box, Word

# Bump when anything here changes what OCR returns for the same image: it is part of
# `version`, the cache key of stored OCR results.
CODE_VERSION = "6"

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"

# Readers sharing an engine read pages larger than this one at a time: a page costs about 11
# bytes a pixel while it is read (the caller's image, OCR's copy, the detector's input; 700 MB
# for 62 MP), and two large pages at once took a two-reader worker past 2 GB. Real figures are
# far smaller; WikiPathways renders reach 62 MP.
LARGE_PAGE_PIXELS = 16_000_000
# rapidocr's DB post-processing defaults (see pathfig.ocr.postprocess.db_boxes).
DET_THRESH = 0.3
DET_BOX_THRESH = 0.5
DET_UNCLIP_RATIO = 1.6

# A box at least this much taller than wide holds vertical text: it is read turned both ways.
TALL = 1.5
# A box taller than wide but less than TALL (a short vertical word, or a few stacked lines) is
# read as it is and turned both ways.
SQUARISH = 1.0
# The detector runs on the turned page only when the upright page shows at least this many
# vertical boxes: figures with thin vertical labels have several, of which the upright detector
# finds some (all gains on 150 real figures came from pages with 6 or more). About 60% of real
# figures have fewer and are spared the second detection.
VERTICAL_BOXES_FOR_TURNED_DETECTION = 3

# OpenVINO is the default: on CPUs with bfloat16 support it computes in bfloat16 and runs the
# same models in 22% (idle machine) to 33% (loaded) less CPU time than onnxruntime, with the
# same recall proxy and crops accuracy (benchmarks/ocr_speed.py, docs/benchmarks.md).
# Readings differ slightly between runtimes, so the runtime is part of the engine's version,
# the cache key.
DEFAULT_RUNTIME = "openvino"

# Lines below this recognition score are dropped. Kept low on purpose: the recogniser applies
# Settings.min_word_confidence, and the store keeps what OCR saw.
MIN_SCORE = 0.3


@dataclass(frozen=True)
class _Candidate:
    box: int  # index of the detector box
    turn: int  # np.rot90 k: 0 as it is, 1 counter-clockwise, -1 clockwise
    image: np.ndarray


class RapidOcrEngine:
    """PP-OCRv6 detection + recognition, vertical text read in both directions."""

    name = "rapidocr"

    def __init__(
        self,
        threads: int = 0,
        *,
        turned_detection: bool = True,
        turned_pass: bool = False,
        readers: int = 1,
        runtime: str = DEFAULT_RUNTIME,
        compiled_cache: Path | None = None,
    ) -> None:
        """``threads``: CPU threads for one reading (0: the runtime decides). ``readers``: how
        many threads of the caller read images at once; each gets its own runtime stream, so
        that the readings run side by side instead of queueing for one.

        ``turned_detection`` (default) also runs the detector on the page turned clockwise, for
        thin vertical labels the upright detector misses (3 of 157 silver words on 20 figures),
        when the upright page has vertical text, and recognises only its vertical boxes.
        ``turned_pass`` is the old method instead: a whole second detection + recognition pass
        on the turned page, merged by :func:`~pathfig.ocr.geometry.merge_passes`; it reads no
        more and costs 2.3x the CPU. ``runtime``: one of :data:`RUNTIMES`.
        ``compiled_cache``: a folder where OpenVINO keeps the models it compiled, so that the
        next process loads them in 0.5 s instead of compiling them again (1 s).
        """
        if runtime not in RUNTIMES:
            raise PathfigError(f"unknown runtime {runtime!r}; available: {', '.join(RUNTIMES)}")
        self.threads = threads
        self.readers = max(1, readers)
        self.turned_detection = turned_detection and not turned_pass
        self.turned_pass = turned_pass
        self.runtime = runtime
        self.compiled_cache = compiled_cache
        flags = (("turned", turned_pass), ("one-det", not turned_detection), (runtime, True))
        options = "".join(f"+{o}" for o, on in flags if on and o != "onnxruntime")
        # The version names what pathfig asks for, not the machine: OpenVINO computes in bf16
        # only where the CPU has it, and a cluster of mixed CPUs must not re-read every figure
        # whenever another machine's worker looks at the cache.
        self.version = (
            f"rapidocr-{package_version('rapidocr')}+pathfig-ocr-{CODE_VERSION}{options}"
            f"+{Path(DET_MODEL).stem},{Path(REC_MODEL).stem}"
        )
        self._lock = threading.Lock()
        self._large_page_lock = threading.Lock()
        self._models: _Models | None = None

    def read(self, image: Image.Image) -> list[Word]:
        """Every text line found in the image, boxes in the image's own pixels."""
        if image.width * image.height > LARGE_PAGE_PIXELS:
            with self._large_page_lock:
                return self._read(image)
        return self._read(image)

    def _read(self, image: Image.Image) -> list[Word]:
        pixels = rgb_pixels(image)
        upright = self._read_pixels(pixels)
        if not self.turned_pass:
            return upright
        turned_pixels = np.ascontiguousarray(np.rot90(pixels, k=-1))
        height = pixels.shape[0]
        turned = [
            Word(w.text, w.confidence, unturn_box(w.box, height), rotation=90)
            for w in self._read_pixels(turned_pixels)
        ]
        return merge_passes(upright, turned)

    def read_line(self, image: Image.Image) -> Word | None:
        """Recognition alone on the whole image, for an image known to hold one line of text."""
        text, score = self._load().recognise([rgb_pixels(image)])[0]
        text = text.strip()
        if not text:
            return None
        width, height = image.size
        return Word(text, score, (0.0, 0.0, float(width), float(height)))

    def _read_pixels(self, pixels: np.ndarray) -> list[Word]:
        models = self._load()
        quads = models.detect(pixels)
        boxes = [quad_to_box(q) for q in quads]
        candidates = [c for i, quad in enumerate(quads) for c in _candidates(pixels, quad, i)]
        if self.turned_detection and _has_vertical_text(boxes):
            # The detector misses some thin vertical labels that it finds on the page turned
            # clockwise, where they lie horizontally. Those boxes are recognised (both ways
            # up) as new words, or as more readings of the vertical 0° box they overlap.
            height = pixels.shape[0]
            for quad in models.detect(pixels, turned=True):
                box = unturn_box(quad_to_box(quad), height)
                if not is_vertical(box):
                    continue
                hits = [i for i, b in enumerate(boxes) if overlap(b, box) > OVERLAP]
                if any(not is_vertical(boxes[i]) for i in hits):
                    continue  # horizontal text there: the 0° reading owns it
                if hits:
                    index = hits[0]
                else:
                    index = len(boxes)
                    boxes.append(box)
                # Text that runs bottom to top is upright in this crop.
                crop = _crop(pixels, unturn_quad(quad, height))
                candidates.append(_Candidate(index, -1, crop))
                candidates.append(_Candidate(index, 1, np.ascontiguousarray(np.rot90(crop, 2))))
        readings = models.recognise([c.image for c in candidates])
        best: dict[int, tuple[float, str, int]] = {}
        for candidate, (text, score) in zip(candidates, readings, strict=True):
            text = text.strip()
            if text and score > best.get(candidate.box, (-1.0, "", 0))[0]:
                best[candidate.box] = (score, text, candidate.turn)
        return [
            # rotation 90: read with the text turned clockwise (text that runs bottom to top).
            Word(text, score, boxes[i], rotation=90 if turn == -1 else 0)
            for i, (score, text, turn) in sorted(best.items())
            if score >= MIN_SCORE
        ]

    def _load(self) -> _Models:
        with self._lock:
            if self._models is None:
                self._models = _Models(
                    self.threads, self.readers, self.runtime, self.compiled_cache
                )
            return self._models


def _has_vertical_text(boxes: list[Box]) -> bool:
    return sum(map(is_vertical, boxes)) >= VERTICAL_BOXES_FOR_TURNED_DETECTION


def _candidates(pixels: np.ndarray, quad: np.ndarray, index: int) -> list[_Candidate]:
    """The box's crop, and its turns when it is tall enough to hold vertical text."""
    crop = _crop(pixels, quad)
    height, width = crop.shape[:2]
    turned = [
        _Candidate(index, turn, np.ascontiguousarray(np.rot90(crop, k=turn))) for turn in (1, -1)
    ]
    if height >= TALL * width:
        return turned
    if height > SQUARISH * width:
        return [_Candidate(index, 0, crop), *turned]
    return [_Candidate(index, 0, crop)]


def _crop(pixels: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The quad cut out and straightened (rapidocr's get_rotate_crop_image, without its turn)."""
    import cv2

    quad = quad.astype(np.float32)
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(
        pixels,
        matrix,
        (width, height),
        borderMode=cv2.BORDER_REPLICATE,
        flags=cv2.INTER_CUBIC,
    )


class _Models:
    """The two runtime sessions, the post-processing, and the batching."""

    def __init__(
        self, threads: int, readers: int, runtime: str, compiled_cache: Path | None
    ) -> None:
        from pathfig.ocr.runtimes import models_folder, open_session, return_large_blocks

        return_large_blocks()
        models = models_folder()
        for model in (DET_MODEL, REC_MODEL):
            if not (models / model).is_file():
                raise PathfigError(
                    f"rapidocr model {model} is missing from {models}; reinstall rapidocr"
                )
        options = {"threads": threads, "readers": readers, "compiled_cache": compiled_cache}
        self._det = open_session(runtime, models / DET_MODEL, **options)
        self._rec = open_session(runtime, models / REC_MODEL, recogniser=True, **options)

    def detect(self, pixels: np.ndarray, *, turned: bool = False) -> list[np.ndarray]:
        """Text quads (4 x 2 float arrays, corners clockwise from top left) in image pixels,
        or, ``turned``, in the pixels of the page turned 90° clockwise."""
        from pathfig.ocr.postprocess import db_boxes, reading_order

        shape = pixels.shape[:2]
        width, height = det_size(*shape)
        if turned:
            shape, (width, height) = shape[::-1], (height, width)
        if is_one_window(height, width):
            padded = det_input(pixels, turned=turned, shape=det_padded_shape(height, width))
            probabilities = self._det(padded)[:, :, :height, :width]
        else:
            probabilities = self._windows(det_input(pixels, turned=turned))
        quads = db_boxes(
            probabilities,
            shape,
            thresh=DET_THRESH,
            box_thresh=DET_BOX_THRESH,
            unclip_ratio=DET_UNCLIP_RATIO,
        )
        if not quads:
            return []
        return list(reading_order(np.array(quads)))

    def _windows(self, page: np.ndarray) -> np.ndarray:
        """The detector's text probability map of a large (1, 3, H, W) input, run window by
        window."""
        _, _, height, width = page.shape
        stitched = np.empty((1, 1, height, width), dtype=np.float32)
        for (top, bottom, left, right), (w_top, w_bottom, w_left, w_right) in windows(
            height, width
        ):
            window = self._detect_window(page[:, :, w_top:w_bottom, w_left:w_right])
            stitched[0, 0, top:bottom, left:right] = window[
                0, 0, top - w_top : bottom - w_top, left - w_left : right - w_left
            ]
        return stitched

    def _detect_window(self, window: np.ndarray) -> np.ndarray:
        """The detector's map of a (1, 3, H, W) window, run padded to its shape bucket."""
        _, _, height, width = window.shape
        return self._det(padded_window(window))[:, :, :height, :width]

    def recognise(self, images: list[np.ndarray]) -> list[tuple[str, float]]:
        """(text, mean character confidence) for each line image, in order."""
        from pathfig.ocr.postprocess import ctc_decode

        results: list[tuple[str, float]] = [("", 0.0)] * len(images)
        ratios = [img.shape[1] / max(1, img.shape[0]) for img in images]
        for chunk in batches(ratios):
            width = rec_width(max(ratios[i] for i in chunk))
            preds = self._rec(rec_batch([images[i] for i in chunk], width))
            for i, line in zip(chunk, ctc_decode(preds, self._rec.characters), strict=True):
                results[i] = line
        return results


__all__ = ["RapidOcrEngine"]
