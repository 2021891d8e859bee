"""Enrichment speed at PFOCR scale, against gseapy on the same sets and queries.

Builds --sets synthetic gene sets (default 100,000) shaped like real PFOCR human figures: set
sizes are sampled from ``bench/genesets/pfocr_sample3000.csv`` and genes drawn (without
replacement within a set) from the union of its Entrez IDs with each gene's real frequency
across those 3,000 figures. Queries of 50-500 genes are a real figure's genes topped up with
frequency-weighted random genes. Prints pathfig's per-query latency (``enrich`` plus the
top-100 rows as records), gseapy's ``enrich`` on a few of the same queries (gene_sets dict,
background = the universe size, so both test the same 2x2 tables), the speed ratio and the
top-100 agreement (same sets; Spearman on the shared ones; largest relative p difference).

    .venv/bin/python benchmarks/enrich_speed.py [--sets 100000] [--queries 50] [--gseapy 3]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

import numpy as np

from pathfig.enrich import GeneSetIndex, enrich

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def load_pfocr(path: Path) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """The real sets, the distinct genes and how many real sets each gene is in."""
    import pandas as pd

    table = pd.read_csv(path, dtype=str)
    sets = [[g for g in ids.split("|") if g] for ids in table["entrez_ids"].fillna("")]
    sets = [s for s in sets if s]
    genes, counts = np.unique(np.concatenate(sets), return_counts=True)
    return sets, genes, counts


def synthetic_sets(n_sets: int, sizes: np.ndarray, weights: np.ndarray, rng) -> list[np.ndarray]:
    """Gene-index arrays for ``n_sets`` sets: sizes resampled, genes weighted, no repeats."""
    target = rng.choice(sizes, n_sets)
    draws = 2 * target + 10  # oversample, drop repeats, keep the first `target` distinct
    owner = np.repeat(np.arange(n_sets), draws)
    gene = np.searchsorted(np.cumsum(weights) / weights.sum(), rng.random(owner.size))
    gene = np.minimum(gene, weights.size - 1)
    position = np.arange(owner.size)
    order = np.lexsort((position, gene, owner))
    first = np.ones(order.size, dtype=bool)
    first[1:] = (owner[order][1:] != owner[order][:-1]) | (gene[order][1:] != gene[order][:-1])
    kept = np.sort(order[first])  # back to draw order within each set
    owner, gene = owner[kept], gene[kept]
    starts = np.searchsorted(owner, np.arange(n_sets))
    rank = np.arange(owner.size) - starts[owner]
    keep = rank < target[owner]
    return np.split(gene[keep], np.searchsorted(owner[keep], np.arange(1, n_sets)))


def make_queries(n: int, real: list[list[str]], genes: np.ndarray, weights, rng) -> list[list[str]]:
    queries = []
    p = weights / weights.sum()
    for _ in range(n):
        size = int(rng.integers(50, 501))
        seed = real[int(rng.integers(len(real)))][:size]
        extra = rng.choice(genes, size=3 * size, p=p)
        query = list(dict.fromkeys([*seed, *extra]))[:size]
        queries.append(query)
    return queries


def agreement(ours: list[str], theirs: list[str]) -> tuple[float, float]:
    from scipy.stats import spearmanr

    shared = [f for f in ours if f in set(theirs)]
    rank_theirs = {f: i for i, f in enumerate(theirs)}
    if len(shared) < 2:
        return len(shared) / max(len(ours), 1), float("nan")
    rho = spearmanr(range(len(shared)), [rank_theirs[f] for f in shared]).statistic
    return len(shared) / len(ours), float(rho)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--gseapy", type=int, default=3, help="queries also run with gseapy")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    real, genes, counts = load_pfocr(args.bench / "genesets" / "pfocr_sample3000.csv")
    sizes = np.array([len(s) for s in real])
    weights = counts.astype(np.float64)
    t0 = time.perf_counter()
    members = synthetic_sets(args.sets, sizes, weights, rng)
    sets = [(f"SYN{i:06d}", None, genes[m].tolist()) for i, m in enumerate(members)]
    t1 = time.perf_counter()
    index = GeneSetIndex.from_sets(sets)
    t2 = time.perf_counter()
    print(f"{len(sets)} sets ({sum(len(s[2]) for s in sets)} memberships, "
          f"median size {int(np.median([len(s[2]) for s in sets]))}), universe {index.universe}: "
          f"generated in {t1 - t0:.1f} s, indexed in {t2 - t1:.1f} s")  # fmt: skip

    in_index = np.array([index.row(g) is not None for g in genes])
    queries = make_queries(args.queries, real, genes[in_index], weights[in_index], rng)
    enrich(queries[0], index).head(100).to_records()  # warm-up: imports, caches
    latencies, cpu, results = [], [], []
    for query in queries:
        start, start_cpu = time.perf_counter(), time.thread_time()
        result = enrich(query, index)
        records = result.head(100).to_records()
        latencies.append(time.perf_counter() - start)
        # CPU time of this thread too: on a shared, loaded machine wall time mostly measures
        # waiting for a core.
        cpu.append(time.thread_time() - start_cpu)
        results.append((result, records))
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"pathfig: {len(ms)} queries of {min(map(len, queries))}-{max(map(len, queries))} genes")

    rows = []
    if args.gseapy:
        import gseapy

        logging.getLogger("gseapy").setLevel(logging.ERROR)
        library = {figid: members for figid, _t, members in sets}
        g_times, g_cpu, overlaps, rhos, p_diffs = [], [], [], [], []
        for query, (result, records) in zip(queries[: args.gseapy], results, strict=False):
            start, start_cpu = time.perf_counter(), time.thread_time()
            frame = gseapy.enrich(gene_list=query, gene_sets=library, background=index.universe,
                                  outdir=None, no_plot=True).res2d  # fmt: skip
            g_times.append(time.perf_counter() - start)
            g_cpu.append(time.thread_time() - start_cpu)
            frame = frame.sort_values(["P-value", "Term"], kind="stable")
            theirs = frame["Term"].tolist()
            ours = [r["figid"] for r in records]
            share, rho = agreement(ours, theirs[:100])
            overlaps.append(share)
            rhos.append(rho)
            p_theirs = dict(zip(frame["Term"], frame["P-value"], strict=True))
            p_ours = dict(zip(result.figids, result.p_value.tolist(), strict=True))
            assert set(p_ours) == set(p_theirs), "different sets with an overlap"
            p_diffs.append(max(abs(p_ours[f] - p) / p for f, p in p_theirs.items() if p > 0))
        g_med = statistics.median(g_times) * 1000
        g_cpu_med = statistics.median(g_cpu) * 1000
        ours_med_same = statistics.median(x * 1000 for x in latencies[: args.gseapy])
        ours_cpu_same = statistics.median(x * 1000 for x in cpu[: args.gseapy])
        rows = [
            (
                "gseapy.enrich median per query, wall / CPU",
                f"{g_med:,.0f} ms / {g_cpu_med:,.0f} ms ({len(g_times)} queries)",
            ),
            (
                "pathfig median on the same queries, wall / CPU",
                f"{ours_med_same:.2f} ms / {ours_cpu_same:.2f} ms",
            ),
            (
                "speed ratio gseapy / pathfig (wall; CPU)",
                f"{g_med / ours_med_same:,.0f}x; {g_cpu_med / ours_cpu_same:,.0f}x",
            ),
            ("top-100 sets in common (min over queries)", f"{min(overlaps):.0%}"),
            ("Spearman on shared top-100 (min)", f"{min(rhos):.4f}"),
            ("max relative p-value difference, all sets", f"{max(p_diffs):.1e}"),
        ]

    print()
    print(f"| {args.sets:,} gene sets, universe {index.universe:,} genes | value |")
    print("|---|---|")
    print(f"| pathfig median per query ({len(ms)} queries) | {statistics.median(ms):.2f} ms |")
    print(f"| pathfig p95 per query | {p95:.2f} ms |")
    cpu_ms = sorted(x * 1000 for x in cpu)
    print(
        f"| pathfig median / p95 CPU time per query | {statistics.median(cpu_ms):.2f} ms / "
        f"{cpu_ms[min(len(cpu_ms) - 1, round(0.95 * (len(cpu_ms) - 1)))]:.2f} ms |"
    )
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
