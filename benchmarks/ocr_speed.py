"""OCR (+ recognition) speed and a recall proxy on real PMC figures.

Runs the rapidocr engine over the first N images of ``bench/real/images`` and prints wall
seconds per figure (mean, p50, p95), CPU seconds per figure, and the load average, for settings
timed alternately on each image: the default (OpenVINO; the page's detection, the turned page's
detection on pages with vertical text, one batched recognition), the same on onnxruntime, the
single detection pass alone, and the old two full passes (0° and turned 90°). For the default
it also times gene recognition of the words read (lexicon loaded beforehand), the issue's
"OCR + recognition". The recall proxy is the fraction of PFOCR's silver gene words
(``pfocr_genes.tsv``, column ``word``) that appear in the OCR text: case-insensitive, as a whole
token (not preceded or followed by a letter or digit).

``--processes P`` also measures throughput the way ``pathfig run --workers P`` runs OCR: P
processes, each with a one-thread default engine and the lexicon loaded, read the figures (and
recognise their genes) as fast as they can; it reports wall seconds per figure over all of them.

    .venv/bin/python benchmarks/ocr_speed.py [--n 20] [--threads 0] [--bench ../shared/bench]
        [--only default onnxruntime] [--processes 2]
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image

from pathfig import recognize
from pathfig.ocr.rapid import RapidOcrEngine
from pathfig.records import Word
from pathfig.settings import get_settings

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


def timed_read(engine: RapidOcrEngine, image: Image.Image) -> tuple[float, float, list[Word]]:
    start, cpu = time.perf_counter(), time.process_time()
    words = engine.read(image)
    return time.perf_counter() - start, time.process_time() - cpu, words


def summary(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"mean {statistics.mean(ordered):.2f} s  p50 {statistics.median(ordered):.2f} s  "
        f"p95 {p95:.2f} s"
    )


_worker: tuple[RapidOcrEngine, recognize.Lexicon] | None = None


def _load_worker(ready: multiprocessing.synchronize.Barrier) -> None:
    global _worker
    engine = RapidOcrEngine(threads=1)
    engine.read(Image.new("RGB", (64, 32), "white"))
    _worker = (engine, recognize.load_lexicon(get_settings().cache_dir))
    ready.wait()  # no figure is read before every worker has loaded its models


def _read_and_recognise(path: Path) -> int:
    assert _worker is not None
    engine, lexicon = _worker
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    return len(recognize.recognize(engine.read(image), lexicon))


def throughput(images: list[Path], processes: int) -> float:
    """Wall seconds per figure with ``processes`` one-thread engines reading side by side."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(processes)
    with context.Pool(processes, initializer=_load_worker, initargs=(ready,)) as pool:
        pool.map(abs, range(processes))  # returns once the barrier has let the workers go
        start = time.perf_counter()
        pool.map(_read_and_recognise, images, chunksize=1)
        return (time.perf_counter() - start) / len(images)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="number of figures (default 20)")
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime threads (0: auto)")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument(
        "--only",
        nargs="*",
        help="settings to run: default, onnxruntime, 'one det pass', 'two passes'",
    )
    parser.add_argument(
        "--processes", type=int, default=0, help="also measure throughput with this many processes"
    )
    args = parser.parse_args()

    images = sorted((args.bench / "real" / "images").glob("*.jpg"))[: args.n]
    silver = silver_words(args.bench / "real" / "pfocr_genes.tsv")
    engines = {
        "default": RapidOcrEngine(args.threads),
        "onnxruntime": RapidOcrEngine(args.threads, runtime="onnxruntime"),
        "one det pass": RapidOcrEngine(args.threads, turned_detection=False),
        "two passes": RapidOcrEngine(args.threads, turned_pass=True),
    }
    if args.only:
        engines = {k: v for k, v in engines.items() if k in args.only}
    # Load the models before timing: the first call pays for creating the sessions.
    warm = Image.new("RGB", (64, 32), "white")
    for engine in engines.values():
        engine.read(warm)

    lexicon = recognize.load_lexicon(get_settings().cache_dir)
    times: dict[str, list[float]] = {label: [] for label in engines}
    with_recognition: list[float] = []
    cpu: dict[str, float] = dict.fromkeys(engines, 0.0)
    hits = dict.fromkeys(engines, 0)
    total = 0
    load_before = os.getloadavg()
    for path in images:
        with Image.open(path) as opened:
            image = opened.convert("RGB")
        wanted = silver.get(path.stem, set())
        total += len(wanted)
        for label, engine in engines.items():  # alternately, so load changes hit all alike
            seconds, cpu_seconds, words = timed_read(engine, image)
            times[label].append(seconds)
            if label == "default":
                start = time.perf_counter()
                recognize.recognize(words, lexicon)
                with_recognition.append(seconds + time.perf_counter() - start)
            cpu[label] += cpu_seconds
            text = "\n".join(w.text.lower() for w in words)
            hits[label] += sum(found(word, text) for word in wanted)
    load_after = os.getloadavg()
    engine_versions = {label: engine.version for label, engine in engines.items()}

    print(
        f"{len(images)} figures, {total} PFOCR silver words, threads={args.threads or 'auto'}, "
        f"load average {load_before[0]:.1f} -> {load_after[0]:.1f} on {os.cpu_count()} CPUs"
    )
    for label in times:
        recall = hits[label] / total if total else float("nan")
        print(
            f"{label:13s} wall {summary(times[label])}  cpu {cpu[label] / len(images):.2f} s  "
            f"silver words found {recall:.3f}  ({engine_versions[label]})"
        )
    if with_recognition:
        print(f"default OCR + gene recognition: wall {summary(with_recognition)}")
    if args.processes:
        load_before = os.getloadavg()
        seconds = throughput(images, args.processes)
        print(
            f"throughput, {args.processes} processes x 1 thread, OCR + gene recognition: "
            f"{seconds:.3f} s per figure ({60 / seconds:.0f} figures per minute), load average "
            f"{load_before[0]:.1f} -> {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
