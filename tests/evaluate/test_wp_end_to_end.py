"""``evaluate_wp`` on three small WikiPathways figures, real OCR and lexicon, run twice."""

from __future__ import annotations

import csv
import json
import shutil

from pathfig.evaluate import evaluate_wp, render
from pathfig.store import open_store

# The smallest images of the set: two with gene nodes (4 and 8 IDs) and one with none.
FIGIDS = ("WP4487", "WP4799", "WP4860")


def _copy_subset(source, target) -> None:
    (target / "images").mkdir(parents=True)
    for figid in FIGIDS:
        shutil.copy(source / "images" / f"{figid}.png", target / "images")
    for name, key in (("figures.tsv", "figid"), ("truth.tsv", "wpid")):
        with (source / name).open(encoding="utf-8", newline="") as src:
            reader = csv.DictReader(src, delimiter="\t")
            rows = [row for row in reader if row[key] in FIGIDS]
            fields = reader.fieldnames
        with (target / name).open("w", encoding="utf-8", newline="") as dst:
            writer = csv.DictWriter(dst, fields, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def test_evaluate_wp_on_three_figures(shared, tmp_path):
    wp = tmp_path / "wp"
    _copy_subset(shared / "bench" / "wp", wp)
    store = open_store(str(tmp_path / "eval.sqlite"))

    first = evaluate_wp(wp, store)
    assert first["figures"] == 3
    assert first["figures_with_genes"] == 2
    assert first["run"]["done"] == 3
    assert first["run"]["failures"] == []
    strict = first["scores"]["strict"]["pooled"]
    assert strict["units"] == 12  # WP4799: 4 gene IDs, WP4860: 8
    # Clean rendered labels: most genes are read; a loose floor, not a benchmark.
    assert strict["recall"] >= 0.5
    assert strict["precision"] >= 0.5
    # Tiers are cumulative: a wider tier never predicts fewer IDs.
    predicted = [first["scores"][t]["pooled"]["predicted"] for t in ("strict", "synonyms", "all")]
    assert predicted == sorted(predicted)
    # WP4799 is a mouse pathway: human genes stand in, and the report says how many.
    [mouse] = [i for i in first["non_human"] if i["figid"] == "WP4799"]
    assert mouse["organisms"] == ["Mus musculus"] and mouse["human_genes"] > 0
    json.loads(json.dumps(first))
    assert "strict" in render(first)

    # A rerun into the same store reuses everything; a limit runs through a linked subset.
    again = evaluate_wp(wp, store, limit=2)
    assert again["figures"] == 2
    assert (again["run"]["skipped"], again["run"]["ocr_runs"], again["run"]["failed"]) == (2, 0, 0)
