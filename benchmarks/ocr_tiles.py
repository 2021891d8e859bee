"""Large pages detected in windows against detected whole: what windows change, and what they save.

    .venv/bin/python benchmarks/ocr_tiles.py [--wp 30] [--real]

The OCR engine detects a page whose detector input is over DET_TILE_SIDE² pixels in windows
(pathfig.ocr.rapid). This reads the same pages both ways, each way in its own process (so its
peak RSS is its own), and reports:

- WikiPathways figures of 1.7-5 megapixels (the first ``--wp`` of ``bench/wp`` by name): the
  share of drawn labels (truth.tsv, compared without case, spaces or punctuation) read as a whole
  line or a whole token;
- with ``--real``, the real PMC figures whose input is windowed (wide ones, upscaled to 960 px
  high): the share of PFOCR's silver gene words read as whole tokens.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from ocr_memory import memory_mb  # beside this script, which Python runs from its folder
from PIL import Image

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def _normal(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def _wp_pages(bench: Path, n: int) -> list[tuple[Path, set[str]]]:
    truth: dict[str, set[str]] = defaultdict(set)
    with (bench / "wp" / "truth.tsv").open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if _normal(row["label"]):
                truth[row["wpid"]].add(_normal(row["label"]))
    pages = []
    for path in sorted((bench / "wp" / "images").glob("*.png")):
        width, height = Image.open(path).size
        if 1.7e6 < width * height < 5e6:
            pages.append((path, truth[path.stem]))
    return pages[:n]


def _real_pages(bench: Path) -> list[tuple[Path, set[str]]]:
    from pathfig.ocr import inputs

    silver: dict[str, set[str]] = defaultdict(set)
    with (bench / "real" / "pfocr_genes.tsv").open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            silver[row["figid"]].add(_normal(row["word"]))
    pages = []
    for path in sorted((bench / "real" / "images").glob("*.jpg")):
        width, height = Image.open(path).size
        input_width, input_height = inputs.det_size(height, width)
        if input_width * input_height > inputs.DET_TILE_SIDE**2:
            pages.append((path, silver[path.stem]))
    return pages


def _measure(mode: str, which: str, bench: Path, n: int) -> None:
    from pathfig.ocr import inputs, rapid

    pages = _wp_pages(bench, n) if which == "wp" else _real_pages(bench)
    if mode == "whole":
        inputs.DET_TILE_SIDE = 1 << 20  # one window: the page as it is
    engine = rapid.RapidOcrEngine()
    found = total = 0
    seconds = 0.0
    for path, expected in pages:
        with Image.open(path) as image:
            rgb = image.convert("RGB")
        start = time.perf_counter()
        words = engine.read(rgb)
        seconds += time.perf_counter() - start
        seen = set()
        for word in words:
            seen.add(_normal(word.text))
            seen.update(_normal(token) for token in re.split(r"[\s,/]+", word.text))
        found += len(expected & seen)
        total += len(expected)
    peak = memory_mb("VmHWM")
    print(
        f"{which:4} {mode:7} {len(pages)} figures: found {found}/{total} = {found / total:.4f}, "
        f"{seconds / len(pages):.2f} s per figure, peak RSS {peak} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--wp", type=int, default=30, help="WikiPathways figures (0: none)")
    parser.add_argument("--real", action="store_true", help="also the windowed real figures")
    parser.add_argument("--measure", nargs=2, metavar=("MODE", "SET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(*args.measure, args.bench, args.wp)
        return
    sets = (["wp"] if args.wp else []) + (["real"] if args.real else [])
    for which in sets:
        for mode in ("whole", "windows"):
            command = [sys.executable, __file__, "--bench", str(args.bench), "--wp", str(args.wp)]
            subprocess.run([*command, "--measure", mode, which], check=True)


if __name__ == "__main__":
    main()
