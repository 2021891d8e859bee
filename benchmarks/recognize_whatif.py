"""Re-recognise stored OCR words with the current recogniser and score them, without OCR.

    .venv/bin/python benchmarks/recognize_whatif.py \
        [--real /tmp/eval-real-v2.sqlite] [--wp /tmp/eval-wp15-v2.sqlite] [--wp-limit N] \
        [--misses real|wp] [--fps real|wp] [--only real|wp]

The stores are ones ``pathfig eval real|wp`` filled (OCR words kept per figure). Organisms are
detected from each figure's caption and titles as the pipeline does; the human IDs recognised
are scored with :mod:`pathfig.evaluate.scoring`: the real set against the gold list (and
PFOCR's silver lists on the same figures), the wp set against WikiPathways' truth.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from pathfig import recognize
from pathfig.errors import NotFoundError
from pathfig.evaluate.real import NON_VERTEBRATE
from pathfig.evaluate.scoring import score_all, summarize
from pathfig.evaluate.tables import read_figids, read_gold, read_silver, read_wp_truth
from pathfig.pipeline.analyse import recognise_figure
from pathfig.settings import get_settings
from pathfig.store import open_store
from pathfig.store.database import TIERS
from pathfig.taxa import HUMAN

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks/gold/real_gold.tsv"
REAL = Path("/work/shared/bench/real")
WP = Path("/work/shared/bench/wp")


def recognise(store, figids, lexicon=None):
    """figid → mentions (all organisms), as the pipeline would make them now; and ms/figure."""
    lexicon = lexicon or recognize.load_lexicon(get_settings().cache_dir)
    out, spent = {}, 0.0
    for figid in figids:
        try:
            figure = store.figure(figid)
        except NotFoundError:  # failed in the run (WP5424 is over the pixel limit at 1.5x)
            out[figid] = []
            continue
        words = store.words(figid)
        start = time.perf_counter()
        _, mentions = recognise_figure(figure, words, lexicon, min_confidence=0.5)
        spent += time.perf_counter() - start
        out[figid] = mentions
    return out, 1000 * spent / max(1, len(figids))


def ids(mentions, tier):
    allowed = TIERS[: TIERS.index(tier) + 1]
    return {
        f: {m.identifier for m in ms if m.organism == HUMAN and m.tier in allowed}
        for f, ms in mentions.items()
    }


def fmt(pooled):
    return " ".join(
        f"{k}={pooled[k]:.3f}" if isinstance(pooled[k], float) else f"{k}={pooled[k]}"
        for k in ("precision", "recall", "f1", "tp", "fp", "found", "units")
    )


def real(path, show_misses=False, show_fps=False):
    store = open_store(path, create=False)
    gold = read_gold(GOLD)
    figids = sorted(gold)
    mentions, ms = recognise(store, figids)
    print(f"real: {len(figids)} gold figures, {ms:.2f} ms/figure recognition")
    subsets = {
        "30": figids,
        "25 vertebrate": [f for f in figids if not f.startswith(NON_VERTEBRATE)],
    }
    for tier in ("synonyms", "all"):
        ours = ids(mentions, tier)
        silver = read_silver(REAL / "pfocr_genes.tsv", tier)
        for name, sub in subsets.items():
            truth = {f: gold[f] for f in sub}
            a = summarize(score_all(truth, ours))["pooled"]
            b = summarize(score_all(truth, silver))["pooled"]
            print(f"  {tier:8} {name:13} pathfig {fmt(a)}")
            print(f"  {'':8} {'':13} pfocr   {fmt(b)}  Δf1={a['f1'] - b['f1']:+.3f}")
    if show_misses or show_fps:
        lexicon = recognize.load_lexicon(get_settings().cache_dir)
        symbol = {}
        for table in lexicon._tables.values():
            symbol.update(dict(table.genes))
        for score in score_all(gold, ids(mentions, "all")):
            if show_misses and score.missed:
                labels = ["/".join(symbol.get(i, i) for i in u[:3]) for u in score.missed]
                print(score.figid, "MISSED", labels)
            if show_fps and score.false_ids:
                why = Counter(
                    f"{m.word!r}->{m.symbol}({m.tier})"
                    for m in mentions[score.figid]
                    if m.identifier in score.false_ids
                )
                print(score.figid, "FP", sorted(why))


def wp(path, show_misses=False, show_fps=False, limit=None):
    store = open_store(path, create=False)
    figids = read_figids(WP / "figures.tsv")[:limit]
    truth = read_wp_truth(WP / "truth.tsv")
    truth = {f: truth.get(f, []) for f in figids}
    mentions, ms = recognise(store, figids)
    print(f"wp: {len(figids)} figures, {ms:.2f} ms/figure recognition")
    for tier in TIERS:
        scores = score_all(truth, ids(mentions, tier))
        print(f"  {tier:8} {fmt(summarize(scores)['pooled'])}")
    if show_fps:
        fps = Counter()
        for score in score_all(truth, ids(mentions, "all")):
            for m in mentions[score.figid]:
                if m.identifier in score.false_ids and m.organism == HUMAN:
                    fps[f"{m.word!r}->{m.symbol}({m.tier})"] += 1
        for item, n in fps.most_common(80):
            print(f"  FP {n:3} {item}")
    if show_misses:
        labels = read_wp_labels(WP / "truth.tsv")
        for score in score_all(truth, ids(mentions, "strict")):
            if score.missed:
                names = [labels.get((score.figid, u[0]), u[0]) for u in score.missed]
                print(score.figid, "MISSED", names)


def read_wp_labels(path):
    """(wpid, NCBI Gene ID) → the label drawn, to show what a miss looked like."""
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["wpid"], i.strip()): row["label"]
            for row in csv.DictReader(handle, delimiter="\t")
            for i in (row.get("ncbigene") or "").replace(",", ";").split(";")
            if i.strip()
        }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", default="/tmp/eval-real-v2.sqlite")
    parser.add_argument("--wp", default="/tmp/eval-wp15-v2.sqlite")
    parser.add_argument("--wp-limit", type=int, help="only the first N wp figures by figid")
    parser.add_argument("--misses", choices=("real", "wp"))
    parser.add_argument("--fps", choices=("real", "wp"))
    parser.add_argument("--only", choices=("real", "wp"))
    args = parser.parse_args()
    if args.only != "wp":
        real(args.real, args.misses == "real", args.fps == "real")
    if args.only != "real":
        wp(args.wp, args.misses == "wp", args.fps == "wp", args.wp_limit)


if __name__ == "__main__":
    main()
