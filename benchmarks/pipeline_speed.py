"""Pipeline throughput, orchestration overhead and memory on real PMC figures.

    .venv/bin/python benchmarks/pipeline_speed.py [--n 30] [--memory-figures 10000]
        [--memory-only]

1. The bare OCR engine over N real images (the floor: what OCR alone costs), read one after the
   other (the engine's default: one reading on all cores) and two at once on two threads (as
   `pathfig run` reads in-process on 2 cores), models loaded beforehand.
2. `pathfig run` in-process over the same N images into a fresh store: figures per minute and
   the overhead ratio (pipeline time ÷ bare OCR time; process start-up included).
3. The same with `--workers 2` (a local Dask cluster).
4. Memory: M figures (hard links to the N images under distinct names, so OCR is cached after
   the first N and the run exercises ingest, recognition and the store at scale) with peak RSS
   of the process.
Each pipeline run is a separate `pathfig` process so peak RSS is its own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def bare_ocr(images: list[Path], readers: int = 1) -> float:
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    from pathfig.ocr import get_engine

    if readers > 1:
        engine = get_engine(threads=max(1, (os.cpu_count() or 1) // readers), readers=readers)
    else:
        engine = get_engine()

    def read(path: Path) -> None:
        with Image.open(path) as image:
            engine.read(image.convert("RGB"))

    read(images[0])  # load the models outside the timing
    started = time.perf_counter()
    with ThreadPoolExecutor(readers) as pool:
        list(pool.map(read, images))
    return time.perf_counter() - started


# Runs `pathfig` in a child that reports its own peak RSS when it exits.
_MEASURED = (
    "import runpy, sys\n"
    "sys.argv = ['pathfig', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('pathfig', run_name='__main__')\n"
    "finally:\n"
    # VmHWM, not getrusage: Linux carries ru_maxrss over from the forking parent across exec.
    "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
    "    print('PEAK_KB', hwm.split()[1], file=sys.stderr)\n"
)


def pathfig_run(folder: Path, db: Path, *extra: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `pathfig run` process (its Dask workers not included)."""
    command = [sys.executable, "-c", _MEASURED, "run", str(folder), "--db", str(db), "-q", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return seconds, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--n", type=int, default=30, help="real figures to run")
    parser.add_argument("--memory-figures", type=int, default=10_000)
    parser.add_argument(
        "--memory-only", action="store_true", help="only step 4 (memory over many figures)"
    )
    args = parser.parse_args()
    images = sorted((args.bench / "real" / "images").glob("*.jpg"))[: args.n]

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        folder = tmp_path / "figures"
        folder.mkdir()
        for image in images:
            os.link(image, folder / image.name)
        # Every run builds its lexicon into this cache once, outside the timings below.
        os.environ["PATHFIG_CACHE_DIR"] = str(tmp_path / "cache")
        warm = tmp_path / "warm"
        warm.mkdir()
        pathfig_run(warm, tmp_path / "warm.sqlite")

        if not args.memory_only:
            ocr_seconds = bare_ocr(images)
            ocr2_seconds = bare_ocr(images, readers=2)
            inproc_seconds, inproc_rss = pathfig_run(folder, tmp_path / "inproc.sqlite")
            dask_seconds, _ = pathfig_run(folder, tmp_path / "dask.sqlite", "--workers", "2")

        many = tmp_path / "many"
        many.mkdir()
        for i in range(args.memory_figures):
            image = images[i % len(images)]
            os.link(image, many / f"fig{i:06d}_{image.name}")
        mem_db = tmp_path / "memory.sqlite"
        pathfig_run(folder, mem_db)  # OCR the N distinct images once
        mem_seconds, mem_rss = pathfig_run(many, mem_db)

    n = len(images)
    print(f"| {n} real PMC figures, {os.cpu_count()} CPU cores | value |")
    print("|---|---|")
    print(
        f"| {args.memory_figures} figures (OCR cached): time, peak RSS | "
        f"{mem_seconds:.0f} s, {mem_rss:.0f} MB |"
    )
    if args.memory_only:
        return
    print(f"| bare OCR engine, one figure at a time, s per figure | {ocr_seconds / n:.2f} |")
    print(f"| bare OCR engine, two figures at once, s per figure | {ocr2_seconds / n:.2f} |")
    print(f"| pathfig run in-process, s per figure | {inproc_seconds / n:.2f} |")
    print(f"| pathfig run in-process, figures per minute | {60 * n / inproc_seconds:.1f} |")
    print(f"| pathfig run --workers 2, figures per minute | {60 * n / dask_seconds:.1f} |")
    for label, seconds in (("one at a time", ocr_seconds), ("two at once", ocr2_seconds)):
        print(f"| overhead: in-process run ÷ bare OCR {label} | {inproc_seconds / seconds:.2f} |")
    print(f"| peak RSS, in-process run of {n} | {inproc_rss:.0f} MB |")


if __name__ == "__main__":
    main()
