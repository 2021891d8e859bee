"""The real PMC benchmark: agreement with PFOCR's silver lists and scores against the gold."""

from __future__ import annotations

from pathlib import Path

from pathfig.evaluate.run import OnResult, non_human_figures, predicted_ids, run_benchmark
from pathfig.evaluate.scoring import agreement, score_all, summarize
from pathfig.evaluate.tables import read_figids, read_gold, read_silver
from pathfig.store import Store
from pathfig.store.database import TIERS

GOLD_TIERS = ("synonyms", "all")

# The five gold figures of yeast, insects and a snail (benchmarks/gold/README.md): their genes
# were recorded only where a 1:1 human ortholog exists, so a human lexicon cannot be expected to
# read their labels. Scored both with and without them.
NON_VERTEBRATE = ("PMC3310792", "PMC3694812", "PMC5519703", "PMC5832008", "PMC6540369")

FAMILY_RULE = (
    "a gold family is one unit: found if any member is predicted; a predicted ID that is a "
    "gold gene or a member of a gold family is a true positive, any other a false positive; "
    "the same rule for pathfig and PFOCR"
)


def evaluate_real(
    directory: Path,
    store: Store,
    gold: Path,
    *,
    limit: int | None = None,
    on_result: OnResult | None = None,
) -> dict:
    """Run the pipeline over the real set and compare with PFOCR's silver and with the gold.

    PFOCR's silver list (``pfocr_genes.tsv``) is cut to the same tiers as pathfig's mentions:
    HGNC symbols are strict, aliases and previous symbols synonyms, FamPlex expansion all.
    ``limit`` keeps the first figures by figid; gold figures beyond it are left out.
    """
    directory = Path(directory)
    figids = read_figids(directory / "figures.tsv")[:limit]
    run = run_benchmark(directory, figids, store, on_result)
    predicted = {tier: predicted_ids(store, figids, tier) for tier in TIERS}
    silver = {}
    for tier in TIERS:
        found = read_silver(directory / "pfocr_genes.tsv", tier)
        silver[tier] = {f: found.get(f, set()) for f in figids}

    truth = read_gold(Path(gold))
    missing = sorted(set(truth) - set(figids))
    if limit is not None:  # figures cut off on purpose are not "missing" from the set
        truth = {f: units for f, units in truth.items() if f in figids}
        missing = []
    subsets = {"all gold figures": sorted(truth)}
    vertebrate = [f for f in sorted(truth) if not f.startswith(NON_VERTEBRATE)]
    if len(vertebrate) < len(truth):
        subsets["without non-vertebrate figures"] = vertebrate
    gold_scores: dict[str, dict] = {}
    for name, subset in subsets.items():
        sub_truth = {f: truth[f] for f in subset}
        by_tier = {}
        for tier in GOLD_TIERS:
            ours = summarize(score_all(sub_truth, predicted[tier]))
            theirs = summarize(score_all(sub_truth, silver[tier]))
            delta = _difference(ours["pooled"]["f1"], theirs["pooled"]["f1"])
            by_tier[tier] = {"pathfig": ours, "pfocr": theirs, "f1_difference": delta}
        gold_scores[name] = {"figures": len(subset), "tiers": by_tier}

    per_figure = [
        {"figid": p.figid, "pathfig": p.as_dict(), "pfocr": s.as_dict()}
        for p, s in zip(
            score_all(truth, predicted["all"]), score_all(truth, silver["all"]), strict=True
        )
    ]
    return {
        "benchmark": "real",
        "directory": str(directory),
        "gold_file": str(gold),
        "figures": len(figids),
        "run": run,
        "silver_agreement": {t: agreement(silver[t], predicted[t]) for t in TIERS},
        "gold_rule": FAMILY_RULE,
        "limit": limit,
        "gold_missing_from_set": missing,
        "gold": gold_scores,
        "gold_figures": per_figure,
        "non_human": non_human_figures(store, figids),
    }


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
