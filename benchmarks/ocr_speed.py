"""OCR speed and a recall proxy on real PMC figures.

Runs the rapidocr engine over the first N images of ``bench/real/images`` and prints seconds
per figure (mean, p50, p95) for the 0° pass alone and for both passes, and the fraction of
PFOCR's silver gene words (``pfocr_genes.tsv``, column ``word``) that appear in pathfig's OCR
text: case-insensitive, as a whole token (not preceded or followed by a letter or digit).

    .venv/bin/python benchmarks/ocr_speed.py [--n 20] [--threads 0] [--bench ../shared/bench]
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image

from pathfig.ocr.rapid import RapidOcrEngine
from pathfig.records import Word

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def silver_words(path: Path) -> dict[str, set[str]]:
    words: dict[str, set[str]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["word"].strip():
                words[row["figid"]].add(row["word"].strip().lower())
    return words


def found(word: str, text: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


def timed_read(engine: RapidOcrEngine, image: Image.Image) -> tuple[float, list[Word]]:
    start = time.perf_counter()
    words = engine.read(image)
    return time.perf_counter() - start, words


def summary(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"mean {statistics.mean(ordered):.2f} s  p50 {statistics.median(ordered):.2f} s  "
        f"p95 {p95:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="number of figures (default 20)")
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime threads (0: auto)")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    args = parser.parse_args()

    images = sorted((args.bench / "real" / "images").glob("*.jpg"))[: args.n]
    silver = silver_words(args.bench / "real" / "pfocr_genes.tsv")
    upright = RapidOcrEngine(args.threads, turned_pass=False)
    both = RapidOcrEngine(args.threads, turned_pass=True)
    # Load the models before timing: the first call pays for creating the sessions.
    warm = Image.new("RGB", (64, 32), "white")
    upright.read(warm)
    both.read(warm)

    times: dict[str, list[float]] = {"0° pass": [], "both passes": []}
    hits = {"0° pass": 0, "both passes": 0}
    total = 0
    for path in images:
        with Image.open(path) as opened:
            image = opened.convert("RGB")
        wanted = silver.get(path.stem, set())
        total += len(wanted)
        for label, engine in (("0° pass", upright), ("both passes", both)):
            seconds, words = timed_read(engine, image)
            times[label].append(seconds)
            text = "\n".join(w.text.lower() for w in words)
            hits[label] += sum(found(word, text) for word in wanted)

    print(
        f"{len(images)} figures, {total} PFOCR silver gene words, threads={args.threads or 'auto'}"
    )
    for label in times:
        recall = hits[label] / total if total else float("nan")
        print(f"{label:12s} {summary(times[label])}  silver words found {recall:.3f}")


if __name__ == "__main__":
    main()
