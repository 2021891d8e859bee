"""Web speed on 100,000 figures: search p50/p95 and figure-page latency, SQLite and PostgreSQL.

Synthetic figures are derived from the shared bench sets: text (title, caption, paper title,
year) from the real PMC figures in ``bench/real/figures.tsv`` and the captioned rows of
``bench/genesets/pfocr_sample3000.csv``, gene lists from ``pfocr_sample3000.csv``, with random
organisms, journals, years, tiers and boxes. Rows go in with executemany in big transactions,
then the search index is rebuilt in one pass. Requests go through Starlette's TestClient, so the
numbers include routing, validation, SQL and JSON/HTML rendering.

    .venv/bin/python benchmarks/web_speed.py                    # 100,000 figures, both stores
    .venv/bin/python benchmarks/web_speed.py --figures 5000 --backends sqlite
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web")]

ORGANISMS = [
    ("Homo sapiens", 60),
    ("Mus musculus", 20),
    ("Rattus norvegicus", 8),
    ("Danio rerio", 4),
    ("Drosophila melanogaster", 4),
    ("Arabidopsis thaliana", 4),
]
JOURNALS = [f"Journal of Pathway Research {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + [
    "Nature Communications",
    "Cell Reports",
    "PLoS One",
    "Frontiers in Immunology",
    "International Journal of Molecular Sciences",
    "Scientific Reports",
    "eLife",
]
TIER_SOURCES = [
    ("strict", "ncbigene_symbol", 70),
    ("synonyms", "ncbigene_synonym", 20),
    ("all", "famplex_relations", 10),
]


def sources() -> tuple[list[dict], list[tuple[list[str], list[str]]]]:
    texts, gene_sets = [], []
    with open(SHARED / "real" / "figures.tsv", encoding="utf-8") as fh:
        texts += [r for r in csv.DictReader(fh, delimiter="\t") if r["caption"]]
    with open(SHARED / "genesets" / "pfocr_sample3000.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["caption"]:
                texts.append(r)
            symbols, ids = r["hgnc_symbols"].split("|"), r["entrez_ids"].split("|")
            if len(symbols) == len(ids) and symbols[0]:
                gene_sets.append((symbols, ids))
    return texts, gene_sets


def synthesize(n: int, seed: int = 7):
    """Papers, figures and mentions rows for ``n`` synthetic figures (3 shared images)."""
    from web_helpers import sample_image

    rng = random.Random(seed)
    texts, gene_sets = sources()
    images = [sample_image(name) for name in ("WP1434", "WP2113", "WP4537")]
    organisms = [o for o, w in ORGANISMS for _ in range(w)]
    tiers = [t for t in TIER_SOURCES for _ in range(t[2])]
    papers, figures, mentions = [], [], []
    for i in range(n):
        t = texts[i % len(texts)]
        other = texts[rng.randrange(len(texts))]
        pmcid = f"PMC{9_000_000 + i // 2}"  # two figures per paper
        image = images[i % 3]
        if i % 2 == 0:
            papers.append(
                {
                    "paper_key": pmcid,
                    "pmcid": pmcid,
                    "papertitle": t["papertitle"] or other["papertitle"] or None,
                    "year": str(rng.randint(1995, 2024)),
                    "journal_title": rng.choice(JOURNALS),
                }
            )
        figid = f"{pmcid}__fig{i}"
        organism = rng.choice(organisms)
        figures.append(
            {
                "figid": figid,
                "paper_key": pmcid,
                "figtitle": t["figtitle"] or None,
                "caption": t["caption"],
                "organisms": json.dumps([organism]),
                "organisms_ner": json.dumps([organism]),
                "filename": f"fig{i}.jpg",
                "number": "F1",
                "image_hash": image.image_hash,
                "automl_pathway": rng.random(),
            }
        )
        symbols, ids = gene_sets[rng.randrange(len(gene_sets))]
        for seq, (symbol, identifier) in enumerate(list(zip(symbols, ids, strict=True))[:40]):
            tier, source, _ = rng.choice(tiers)
            x, y = rng.uniform(0, image.width - 80), rng.uniform(0, image.height - 30)
            mentions.append(
                {
                    "figid": figid,
                    "seq": seq,
                    "entity": "gene",
                    "word": symbol,
                    "match": symbol,
                    "identifier": identifier,
                    "symbol": symbol,
                    "source": source,
                    "tier": tier,
                    "organism": 9606,
                    "confidence": 0.95,
                    "x0": x,
                    "y0": y,
                    "x1": x + 70,
                    "y1": y + 22,
                }
            )
    return images, papers, figures, mentions, gene_sets


def load(db: str, n: int):
    from pathfig.store import open_store, schema
    from pathfig.store import search as store_search

    images, papers, figures, mentions, gene_sets = synthesize(n)
    store = open_store(db)
    started = time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(
            insert(schema.images),
            [
                {
                    "image_hash": im.image_hash,
                    "data": im.data,
                    "media_type": im.media_type,
                    "width": im.width,
                    "height": im.height,
                }
                for im in images
            ],
        )
        for table, rows in (
            (schema.papers, papers),
            (schema.figures, figures),
            (schema.mentions, mentions),
        ):
            for i in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[i : i + 20_000])
        store_search.rebuild_index(conn)
    store_search.analyze(store.engine)
    took = time.perf_counter() - started
    print(
        f"  loaded {len(figures):,} figures, {len(papers):,} papers, "
        f"{len(mentions):,} mentions in {took:.1f} s"
    )
    return store, figures, gene_sets


def workload(figures, gene_sets, count: int, seed: int = 11) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    titled = [f["figtitle"] for f in figures[:5000] if f["figtitle"]]
    words = [w for t in titled for w in t.split() if len(w) > 3 and w.isalpha()]
    organisms = [o for o, _ in ORGANISMS]

    def phrase() -> str:
        return " ".join(rng.sample(rng.choice(titled).split(), k=min(2, len(titled[0].split()))))

    def gene() -> str:
        symbols, ids = rng.choice(gene_sets)
        i = rng.randrange(len(symbols))
        return ids[i] if rng.random() < 0.2 else symbols[i]

    makers = {
        "text": lambda: {"q": rng.choice(words)},
        "text2": lambda: {"q": phrase()},
        "gene": lambda: {"gene": gene()},
        "genes2": lambda: {"gene": f"{gene()},{gene()}"},
        "text+gene": lambda: {"q": rng.choice(words), "gene": gene()},
        "filters": lambda: {
            "q": rng.choice(words),
            "organism": rng.choice(organisms),
            "year_from": rng.randint(1995, 2015),
            "year_to": 2024,
        },
        "gene+filters": lambda: {
            "gene": gene(),
            "organism": "Homo sapiens",
            "tier": "strict",
            "year_from": 2005,
        },
        "page": lambda: {"q": rng.choice(words), "page": rng.randint(2, 5)},
        "browse-organism": lambda: {"organism": rng.choice(organisms)},
    }
    kinds = list(makers)
    return [(k, makers[k]()) for k in (rng.choice(kinds) for _ in range(count))]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client, url: str, params: dict | None = None) -> float:
    started = time.perf_counter()
    response = client.get(url, params=params)
    took = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, params, response.text[:300])
    return took


def _load() -> str:
    """The 1-minute load average: other work on the machine slows every timing."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def bench(db: str, label: str, n: int, queries: int, pages: int) -> dict:
    from starlette.testclient import TestClient

    from pathfig.web import create_app

    print(f"{label}:")
    store, figures, gene_sets = load(db, n)
    store.engine.dispose()
    work = workload(figures, gene_sets, queries)
    rng = random.Random(3)
    # One event loop for all requests, as a server has: outside its context manager,
    # TestClient starts a new loop in a new thread for every request (10-15 ms each here).
    with TestClient(create_app(db)) as client:
        for _, params in work[:30]:  # warm the caches and the connection pool
            measure(client, "/api/search", params)
        load_before = _load()
        by_kind: dict[str, list[float]] = {}
        for kind, params in work:
            by_kind.setdefault(kind, []).append(measure(client, "/api/search", params))
        html = [measure(client, "/search", params) for _, params in work[: queries // 4]]
        figure_ms = [
            measure(client, f"/figures/{rng.choice(figures)['figid']}") for _ in range(pages)
        ]
        api_ms = [
            measure(client, f"/api/figures/{rng.choice(figures)['figid']}") for _ in range(pages)
        ]
    every = [t for ts in by_kind.values() for t in ts]
    print(f"  load average (1 min) while timed: {load_before} -> {_load()}")
    print(f"  {'query kind':<16}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind, ts in by_kind.items():
        print(f"  {kind:<16}{len(ts):>5}{pct(ts, 0.5):>9.1f}{pct(ts, 0.95):>9.1f}{max(ts):>9.1f}")
    rows = [
        ("search API (all)", every),
        ("search page HTML", html),
        ("figure page HTML", figure_ms),
        ("figure API JSON", api_ms),
    ]
    for name, ts in rows:
        print(f"  {name:<16}{len(ts):>5}{pct(ts, 0.5):>9.1f}{pct(ts, 0.95):>9.1f}{max(ts):>9.1f}")
    return {
        "search_p95": pct(every, 0.95),
        "figure_p95": pct(figure_ms, 0.95),
        "search_p50": statistics.median(every),
        "figure_p50": statistics.median(figure_ms),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="pathfig-web-speed-") as tmp:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                results[backend] = bench(
                    str(Path(tmp) / "bench.sqlite"),
                    "SQLite",
                    args.figures,
                    args.queries,
                    args.pages,
                )
            elif backend == "postgresql":
                from postgres_server import PostgresServer

                server = PostgresServer().start()
                try:
                    results[backend] = bench(
                        server.create_database(),
                        "PostgreSQL",
                        args.figures,
                        args.queries,
                        args.pages,
                    )
                finally:
                    server.stop()
    print("\ngoal: search p95 <= 50 ms, figure page p95 <= 100 ms")
    ok = True
    for backend, r in results.items():
        good = r["search_p95"] <= 50 and r["figure_p95"] <= 100
        ok &= good
        print(
            f"  {backend:<11} search p50 {r['search_p50']:.1f} / p95 {r['search_p95']:.1f} ms"
            f"   figure page p50 {r['figure_p50']:.1f} / p95 {r['figure_p95']:.1f} ms"
            f"   {'OK' if good else 'MISSED'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
