"""OCR of single-label crops, and the crops benchmark (``bench/crops/real``).

A crop holds one printed label, often only 10-20 px high. The detector is tuned for whole
pages and can miss such text or cut it short, so a crop is upscaled and given a white border
first, and an engine that can read a line without detection (``read_line``) is used when the
detector finds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol, runtime_checkable

from PIL import Image, ImageOps

from pathfig.ocr import OcrEngine
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
    """The text of a one-label crop: detections left to right, or recognition alone."""
    prepared = prepare_crop(image)
    words = engine.read(prepared)
    if words:
        return " ".join(w.text for w in sorted(words, key=lambda w: (w.box[0], w.box[1])))
    if isinstance(engine, LineReader):
        word = engine.read_line(prepared)
        return word.text if word else ""
    return ""


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
