"""The crops benchmark, through :func:`pathfig.ocr.crops.evaluate_crops` (the OCR stage alone)."""

from __future__ import annotations

import csv
from pathlib import Path

from pathfig.ocr import OcrEngine, get_engine
from pathfig.ocr.crops import evaluate_crops as _score_crops

# The row of the study's published_scores.csv to compare with: what PFOCR used.
REFERENCE_MODEL = "google ocr"


def evaluate_crops(directory: Path, engine: OcrEngine | None = None) -> dict:
    """Word accuracy of ``engine`` (default: pathfig's) on one-label crops, with the reference.

    The scoring is ``pathfig.ocr.crops.evaluate_crops``; this adds what the eval report shows.
    """
    directory = Path(directory)
    engine = engine or get_engine()
    result = _score_crops(directory, engine)
    return {
        "benchmark": "crops",
        "directory": str(directory),
        "engine": engine.version,
        **result,
        "errors": [list(e) for e in result["errors"]],
        "reference": _published(directory / "published_scores.csv"),
    }


def _published(path: Path) -> dict | None:
    """Google Cloud Vision's scores as the study reports them, if the file is there."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("model", "").strip().lower() == REFERENCE_MODEL:
                return {
                    "model": "Google Cloud Vision (published)",
                    "word_acc": float(row["word_acc"]),
                    "word_acc_ignore_case": float(row["word_acc_ignore_case"]),
                    "one_minus_ned": float(row["1-N.E.D"]),
                }
    return None
