"""Resident memory of one OCR engine over many real figures: it must level off, not climb.

    .venv/bin/python benchmarks/ocr_memory.py [--n 150] [--runtime openvino] [--every 10]
        [--readers 1] [--set real|wp]

Reads the first N images of ``bench/real/images`` (all different sizes, so every figure and
every batch of text lines has its own input shape; ``--set wp``: the rendered WikiPathways
figures, up to 10302 x 6050 px) and prints the process's RSS (VmRSS) after every ``--every``
figures, then the peak (VmHWM). Run it once per runtime: each run is its own
process, so the numbers are that engine's alone. ``--readers R`` reads R figures at once on
R threads with one thread each, as ``pathfig run`` does in-process. Images are decoded as
``pathfig run`` decodes them, which refuses pages over ``PATHFIG_MAX_IMAGE_PIXELS`` (60 MP;
``--max-pixels`` to change it here): WP5424, 62 MP, is counted as refused unless it is raised.
"""

from __future__ import annotations

import argparse
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from pathfig import ingest
from pathfig.errors import PathfigError
from pathfig.ocr import RUNTIMES, get_engine
from pathfig.settings import get_settings

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def memory_mb(field: str, pid: int | str = "self") -> int:
    """``field`` of /proc/PID/status (VmRSS, VmHWM) in MB; RuntimeError once the process has
    exited (a zombie's status has no memory fields)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--runtime", choices=RUNTIMES, default="openvino")
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--readers", type=int, default=1, help="figures read at once")
    parser.add_argument("--set", choices=("real", "wp"), default="real", help="which figures")
    parser.add_argument(
        "--max-pixels", type=int, default=get_settings().max_image_pixels, help="larger: refused"
    )
    args = parser.parse_args()

    if args.readers > 1:
        engine = get_engine(runtime=args.runtime, threads=1, readers=args.readers)
    else:
        engine = get_engine(runtime=args.runtime)
    Image.MAX_IMAGE_PIXELS = None  # decode_image applies --max-pixels
    images = sorted((args.bench / args.set / "images").glob("*.[jp][pn]g"))[: args.n]
    refused = []

    def read(path: Path) -> None:
        try:
            image = ingest.decode_image(
                path.read_bytes(), source=str(path), max_pixels=args.max_pixels
            )
        except PathfigError:
            refused.append(path.name)
            return
        engine.read(image)

    trace = []
    with ThreadPoolExecutor(args.readers) as pool:
        for i, _ in enumerate(pool.map(read, images), start=1):
            if i % args.every == 0 or i == len(images):
                trace.append(f"{i}:{memory_mb('VmRSS')}")
    print(
        f"{engine.version}, {len(images)} figures, {args.readers} at once, "
        f"load {os.getloadavg()[0]:.1f}; refused (over {args.max_pixels:,} pixels): "
        f"{', '.join(refused) or 'none'}"
    )
    print("RSS MB after n figures:", " ".join(trace))
    print(f"peak RSS (VmHWM): {memory_mb('VmHWM')} MB")


if __name__ == "__main__":
    main()
