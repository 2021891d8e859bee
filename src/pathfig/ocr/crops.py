"""OCR of single-label crops, and the crops benchmark (``bench/crops/real``).

A crop holds one printed label, often only 10-20 px high. Recognition alone on the whole crop
reads a one-line label best (0.79 word accuracy on bench/crops/real, against 0.75 for detection
on an upscaled crop); the detector is still run, on an upscaled crop with a white border, to
tell labels of two or more stacked lines, and tall crops are also read turned both ways.
Together: 0.863 with OCR v3 (docs/benchmarks.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol, runtime_checkable

from PIL import Image, ImageOps

from pathfig.ocr import OcrEngine
from pathfig.ocr.geometry import is_vertical
from pathfig.records import Word

# Crops lower than this are upscaled to it: the recogniser works on 48 px high lines and the
# detector finds little under ~20 px.
MIN_HEIGHT = 48
# White border around the crop, as a fraction of its (upscaled) height: the detector needs
# background around text to find its edges.
BORDER = 0.5


@runtime_checkable
class LineReader(Protocol):
    def read_line(self, image: Image.Image) -> Word | None: ...


def prepare_crop(image: Image.Image) -> Image.Image:
    """Upscale a small crop and surround it with a white border."""
    image = image.convert("RGB")
    if image.height < MIN_HEIGHT:
        scale = MIN_HEIGHT / image.height
        size = (max(1, round(image.width * scale)), MIN_HEIGHT)
        image = image.resize(size, Image.Resampling.BICUBIC)
    border = max(8, round(image.height * BORDER))
    return ImageOps.expand(image, border=border, fill="white")


def read_crop(image: Image.Image, engine: OcrEngine) -> str:
    """The text of a one-label crop.

    With an engine that can read a line without detection (``read_line``): a label the detector
    finds as two or more lines, one above the other, is the detected lines top to bottom;
    otherwise the whole crop is read as one line, as it is (no upscaling: the recogniser scales
    it to its own height) and, for a crop taller than wide, also turned each way, keeping the
    surest reading. Other engines: the detections, left to right.
    """
    image = image.convert("RGB")
    words = engine.read(prepare_crop(image))
    if not isinstance(engine, LineReader):
        return " ".join(w.text for w in sorted(words, key=lambda w: (w.box[0], w.box[1])))
    lines = stacked_lines(words)
    if len(lines) >= 2:
        return " ".join(" ".join(w.text for w in line) for line in lines)
    candidates = [image]
    if image.height > image.width:
        candidates += [image.transpose(Image.Transpose.ROTATE_270), image.rotate(90, expand=True)]
    readings = [w for w in (engine.read_line(c) for c in candidates) if w is not None]
    if readings:
        return max(readings, key=lambda w: w.confidence).text
    return " ".join(w.text for w in words)


def stacked_lines(words: list[Word]) -> list[list[Word]]:
    """Horizontal words grouped into lines, top to bottom, each left to right.

    Words overlap a line when their vertical extents overlap by half the lower one's height.
    Any vertical word (taller than wide) means the crop is not horizontal lines: no lines.
    """
    if any(is_vertical(w.box) for w in words):
        return []
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        y0, y1 = word.box[1], word.box[3]
        for line in lines:
            ly0, ly1 = min(w.box[1] for w in line), max(w.box[3] for w in line)
            if min(y1, ly1) - max(y0, ly0) >= 0.5 * min(y1 - y0, ly1 - ly0):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(predicted: str, truth: str) -> float:
    """1 - edit distance normalised by the longer string's length (1.0 for two empty strings)."""
    longest = max(len(predicted), len(truth))
    return 1.0 - levenshtein(predicted, truth) / longest if longest else 1.0


def evaluate_crops(directory: Path, engine: OcrEngine) -> dict:
    """Score ``engine`` on a crops directory (``images/*.jpg`` and ``labels.jsonl``).

    Returns ``n``, ``word_acc`` (exact match), ``word_acc_ignore_case``, ``one_minus_ned``
    (mean 1 - normalised edit distance) and ``errors``: (filename, truth, predicted) for
    every crop not read exactly.
    """
    exact = caseless = 0
    similarities: list[float] = []
    errors: list[tuple[str, str, str]] = []
    with (directory / "labels.jsonl").open(encoding="utf-8") as handle:
        labels = [json.loads(line) for line in handle if line.strip()]
    for label in labels:
        truth = label["text"].strip()
        with Image.open(directory / "images" / label["filename"]) as image:
            predicted = read_crop(image, engine).strip()
        exact += predicted == truth
        caseless += predicted.casefold() == truth.casefold()
        similarities.append(similarity(predicted, truth))
        if predicted != truth:
            errors.append((label["filename"], truth, predicted))
    n = len(labels)
    return {
        "n": n,
        "word_acc": exact / n if n else 0.0,
        "word_acc_ignore_case": caseless / n if n else 0.0,
        "one_minus_ned": sum(similarities) / n if n else 0.0,
        "errors": errors,
    }
