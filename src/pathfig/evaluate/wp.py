"""The WikiPathways benchmark: rendered pathways whose drawn genes are known exactly."""

from __future__ import annotations

from pathlib import Path

from pathfig.evaluate.run import OnResult, non_human_figures, predicted_ids, run_benchmark
from pathfig.evaluate.scoring import score_all, summarize
from pathfig.evaluate.tables import read_figids, read_wp_truth
from pathfig.store import Store
from pathfig.store.database import TIERS

# PFOCR's own evaluation (bench README): 421 WikiPathways human pathway images, Google Cloud
# Vision OCR and its 2018 lexicon. Not the same 200 pathways, so a guide, not a paired test.
PFOCR_REFERENCE = {
    "PFOCR strict (421 WP)": {
        "pooled_precision": 0.76,
        "pooled_recall": 0.70,
        "median_precision": 0.875,
        "median_recall": 0.85,
    },
    "PFOCR lenient (family hits correct)": {
        "pooled_precision": None,
        "pooled_recall": None,
        "median_precision": 0.97,
        "median_recall": 0.88,
    },
}


def evaluate_wp(
    directory: Path, store: Store, *, limit: int | None = None, on_result: OnResult | None = None
) -> dict:
    """Run the pipeline over the wp set (``images/``, ``figures.tsv``) and score it per tier.

    Truth per figure: the distinct NCBI Gene IDs of its gene-like nodes in ``truth.tsv``;
    predicted: the figure's human NCBI Gene IDs. ``limit`` keeps the first figures by figid.
    A figure with no gene node still counts: whatever it predicts is a false positive.
    """
    directory = Path(directory)
    figids = read_figids(directory / "figures.tsv")[:limit]
    run = run_benchmark(directory, figids, store, on_result)
    return score_wp(directory, store, figids) | {"limit": limit, "run": run}


def score_wp(directory: Path, store: Store, figids: list[str]) -> dict:
    """Score what ``store`` holds for the wp figures ``figids``, without running anything."""
    truth = read_wp_truth(Path(directory) / "truth.tsv")
    truth = {f: truth.get(f, []) for f in figids}
    scores = {}
    for tier in TIERS:
        per_figure = score_all(truth, predicted_ids(store, figids, tier))
        scores[tier] = summarize(per_figure)
        if tier == "strict":
            worst = sorted(per_figure, key=lambda s: (s.found - s.units, -s.fp))[:10]
    return {
        "benchmark": "wp",
        "directory": str(directory),
        "figures": len(figids),
        "figures_with_genes": sum(bool(u) for u in truth.values()),
        "scores": scores,
        "reference": PFOCR_REFERENCE,
        "non_human": non_human_figures(store, figids),
        "worst_strict": [s.as_dict() for s in worst],
    }
