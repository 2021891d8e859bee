"""The WikiPathways benchmark: rendered pathways whose drawn genes are known exactly."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path

from pathfig.evaluate.run import (
    OnResult,
    figure_folder,
    non_human_figures,
    predicted_ids,
    run_benchmark,
)
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


# The bench's images are drawn at 1.5 times PathVisio's size (bench/README.md).
RENDER_SCALE = 1.5


def evaluate_wp(
    directory: Path,
    store: Store,
    *,
    limit: int | None = None,
    scale: float = RENDER_SCALE,
    on_result: OnResult | None = None,
) -> dict:
    """Run the pipeline over the wp set (``images/``, ``figures.tsv``) and score it per tier.

    Truth per figure: the distinct NCBI Gene IDs of its gene-like nodes in ``truth.tsv``;
    predicted: the figure's human NCBI Gene IDs. ``limit`` keeps the first figures by figid.
    A figure with no gene node still counts: whatever it predicts is a false positive.
    ``scale``: the size to read the figures at, relative to PathVisio's own (1.0 is how
    WikiPathways shows them; the images are stored at 1.5). The same figids at another scale
    are other images: give each scale its own store.
    """
    directory = Path(directory)
    figids = read_figids(directory / "figures.tsv")[:limit]
    with _rescaled(directory, figids, scale / RENDER_SCALE) as folder:
        run = run_benchmark(folder, figids, store, on_result)
    return score_wp(directory, store, figids) | {"limit": limit, "scale": scale, "run": run}


def _rescaled(directory: Path, figids: list[str], factor: float) -> AbstractContextManager[Path]:
    """``directory`` itself, or a temporary copy of its figures resized by ``factor``.

    Lanczos resampling is deterministic, so a rerun makes the same bytes and the store's OCR
    results (keyed by the image's hash) are reused.
    """
    if abs(factor - 1) < 1e-9:
        return nullcontext(directory)
    return figure_folder(directory, figids, partial(_resize, factor=factor))


def _resize(source: Path, target: Path, factor: float) -> None:
    from PIL import Image

    with Image.open(source) as image:
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(target)


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
