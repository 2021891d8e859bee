"""Pipeline throughput, orchestration overhead and memory on real PMC figures.

    .venv/bin/python benchmarks/pipeline_speed.py [--n 30] [--memory-figures 10000]
        [--memory-only] [--distinct-figures 1000] [--memory-workers 2]

1. The bare OCR engine over N real images (the floor: what OCR alone costs), read one after the
   other (the engine's default: one reading on all cores) and two at once on two threads (as
   `pathfig run` reads in-process on 2 cores), models loaded beforehand.
2. `pathfig run` in-process over the same N images into a fresh store: figures per minute and
   the overhead ratio (pipeline time ÷ bare OCR time; process start-up included).
3. The same with `--workers 2` (a local Dask cluster).
4. Memory: M figures (hard links to the N images under distinct names, so OCR is cached after
   the first N and the run exercises ingest, recognition and the store at scale).
5. With ``--distinct-figures K``: memory while OCR runs on every figure. K distinct images (the
   N images scaled by 0.7 to 1.4, so each has its own content and size) in one `pathfig run`.
Steps 4 and 5 run in-process or, with ``--memory-workers W``, on a local Dask cluster of W
workers. Their RSS is sampled every few seconds, of the run's process and of each of its child
processes (the Dask workers): RSS at each tenth of the run and the peak, of the process and of
its largest child.
Each pipeline run is a separate `pathfig` process so peak RSS is its own.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ocr_memory import memory_mb  # beside this script, which Python runs from its folder

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


@dataclass
class RssSamples:
    """RSS (MB) of a run's process and of its largest child process (a Dask worker), sampled
    every RSS_SAMPLE_SECONDS, and each child's peak (VmHWM) as last seen."""

    process: list[int] = field(default_factory=list)
    largest_child: list[int] = field(default_factory=list)
    child_peaks: dict[int, int] = field(default_factory=dict)

    def sample(self, pid: int) -> None:
        import psutil  # a dependency of dask's distributed

        # Any of these may exit between being listed and being read.
        children = []
        with contextlib.suppress(OSError, RuntimeError, psutil.Error):
            self.process.append(memory_mb("VmRSS", pid))
            children = psutil.Process(pid).children(recursive=True)
        sizes = []
        for child in children:
            with contextlib.suppress(OSError, RuntimeError):
                sizes.append(memory_mb("VmRSS", child.pid))
                self.child_peaks[child.pid] = memory_mb("VmHWM", child.pid)
        if sizes:
            self.largest_child.append(max(sizes))


def pathfig_run(
    folder: Path, db: Path, *extra: str, rss: RssSamples | None = None
) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `pathfig run` process (its Dask workers not included);
    its RSS and its children's sampled into ``rss`` if given."""
    command = [sys.executable, "-c", _MEASURED, "run", str(folder), "--db", str(db), "-q", *extra]
    # stderr goes to a file: a pipe left unread while RSS is sampled could fill and stall it.
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, text=True)
        while True:
            try:
                child.wait(timeout=None if rss is None else RSS_SAMPLE_SECONDS)
                break
            except subprocess.TimeoutExpired:
                rss.sample(child.pid)
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command, stderr=stderr)
    peak_kb = int(stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return seconds, peak_kb / 1024


def tenths(samples: list[int]) -> str:
    """The samples at each tenth of the run."""
    if not samples:
        return "(run shorter than one sample)"
    return " ".join(
        str(samples[min(len(samples) - 1, len(samples) * k // 10)]) for k in range(1, 11)
    )


RSS_SAMPLE_SECONDS = 5.0


# Scales of the distinct variants: each real figure at most len(SCALES) times. The first seven
# are those of the first measurements (docs/benchmarks.md); then every hundredth from 0.7 to 1.4.
_FIRST_SCALES = (0.85, 0.9, 0.95, 1.05, 1.1, 1.15, 1.2)
SCALES = _FIRST_SCALES + tuple(
    scale
    for scale in (round(0.7 + k / 100, 2) for k in range(71))
    if scale != 1.0 and scale not in _FIRST_SCALES
)


def distinct_variants(images: list[Path], count: int, folder: Path) -> None:
    """``count`` (at most len(SCALES) per image) images of distinct content and size: each of
    ``images`` scaled in turn."""
    from PIL import Image

    for i in range(count):
        source = images[i % len(images)]
        scale = SCALES[i // len(images)]
        with Image.open(source) as image:
            size = (round(image.width * scale), round(image.height * scale))
            image.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(
                folder / f"v{i:05d}_{source.stem}.png"
            )


def print_rss(rss: RssSamples, peak: float) -> None:
    print(
        f"| the run's process: RSS at each tenth (MB), peak | {tenths(rss.process)}, "
        f"{peak:.0f} MB |"
    )
    if rss.child_peaks:
        print(
            f"| its largest child process: RSS at each tenth (MB), peak of each child (MB) | "
            f"{tenths(rss.largest_child)}, {' '.join(map(str, sorted(rss.child_peaks.values())))} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--n", type=int, default=30, help="real figures to run")
    parser.add_argument("--memory-figures", type=int, default=10_000, help="step 4 (0: skip it)")
    parser.add_argument(
        "--memory-only", action="store_true", help="only step 4 (memory over many figures)"
    )
    parser.add_argument(
        "--distinct-figures", type=int, default=0, help="step 5: OCR this many distinct images"
    )
    parser.add_argument(
        "--memory-workers",
        type=int,
        default=0,
        help="steps 4 and 5 on a local Dask cluster of this many workers (default: in-process)",
    )
    args = parser.parse_args()
    images = sorted((args.bench / "real" / "images").glob("*.jpg"))[: args.n]
    if args.distinct_figures > len(images) * len(SCALES):
        parser.error(f"--distinct-figures: at most {len(SCALES)} per figure of --n")

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

        workers = ("--workers", str(args.memory_workers)) if args.memory_workers else ()
        if args.memory_figures:
            many = tmp_path / "many"
            many.mkdir()
            for i in range(args.memory_figures):
                image = images[i % len(images)]
                os.link(image, many / f"fig{i:06d}_{image.name}")
            mem_db = tmp_path / "memory.sqlite"
            pathfig_run(folder, mem_db)  # OCR the N distinct images once
            mem_rss = RssSamples()
            mem_seconds, mem_peak = pathfig_run(many, mem_db, *workers, rss=mem_rss)

        if args.distinct_figures:
            distinct = tmp_path / "distinct"
            distinct.mkdir()
            distinct_variants(images, args.distinct_figures, distinct)
            distinct_rss = RssSamples()
            distinct_seconds, distinct_peak = pathfig_run(
                distinct, tmp_path / "distinct.sqlite", *workers, rss=distinct_rss
            )

    n = len(images)
    print(f"| {n} real PMC figures, {os.cpu_count()} CPU cores | value |")
    print("|---|---|")
    where = f"{args.memory_workers} Dask workers" if args.memory_workers else "in-process"
    if args.memory_figures:
        print(
            f"| {args.memory_figures} figures (OCR cached), {where}: time | {mem_seconds:.0f} s |"
        )
        print_rss(mem_rss, mem_peak)
    if args.distinct_figures:
        print(
            f"| {args.distinct_figures} distinct figures, all OCR'd, {where}: time, figures per "
            f"minute | {distinct_seconds:.0f} s, "
            f"{60 * args.distinct_figures / distinct_seconds:.1f} |"
        )
        print_rss(distinct_rss, distinct_peak)
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
