"""Recognition time per figure once the lexicon is loaded, on real OCR words.

Usage:
    pathfig run ../shared/bench/real --db /tmp/real.sqlite -q   # OCR once, words cached
    python benchmarks/recognize_speed.py --db /tmp/real.sqlite

Also reports how long building the lexicon from the installed data and loading the cached
artifact take, each in a fresh cache folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from pathfig import recognize
from pathfig.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store that `pathfig run` filled")
    parser.add_argument("--repeat", type=int, default=5, help="passes over all figures")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as built, tempfile.TemporaryDirectory() as copied:
        started = time.perf_counter()
        recognize.load_lexicon(Path(built))
        build = time.perf_counter() - started
        # Lexicons are memoised per folder: a copy of the artifact elsewhere is a cold load.
        for artifact in Path(built).iterdir():
            shutil.copy(artifact, copied)
        started = time.perf_counter()
        lexicon = recognize.load_lexicon(Path(copied))
        load = time.perf_counter() - started

    store = open_store(args.db, create=False)
    figures = [(f.figid, store.words(f.figid)) for f in store.figures()]
    figures = [(figid, words) for figid, words in figures if words]
    per_figure: list[float] = []
    mentions = 0
    for _ in range(args.repeat):
        for _figid, words in figures:
            started = time.perf_counter()
            found = recognize.recognize(words, lexicon)
            per_figure.append(time.perf_counter() - started)
            mentions += len(found)
    n_words = sum(len(w) for _, w in figures)
    ms = sorted(t * 1000 for t in per_figure)
    print(f"lexicon build: {build:.2f} s; load from cache: {load:.3f} s; {len(lexicon)} keys")
    print(
        f"{len(figures)} figures, {n_words / len(figures):.0f} OCR lines per figure, "
        f"{mentions / args.repeat / len(figures):.1f} mentions per figure"
    )
    print(
        f"recognition per figure: mean {statistics.fmean(ms):.2f} ms, "
        f"p50 {ms[len(ms) // 2]:.2f} ms, p95 {ms[int(len(ms) * 0.95)]:.2f} ms "
        f"({args.repeat} passes; the first pass fills the per-token memo)"
    )


if __name__ == "__main__":
    main()
