"""The 150 real PMC figures of the shared benchmark, through the whole pipeline (a few minutes)."""

from __future__ import annotations

import pytest
import yaml

from pathfig.export import export_jekyll
from pathfig.pipeline import Pipeline
from pathfig.records import PFOCR_FIELDS
from pathfig.store import open_store


@pytest.mark.slow
def test_all_real_figures_are_processed_and_exported(shared, tmp_path):
    store = open_store(str(tmp_path / "real.sqlite"))
    summary = Pipeline(store).run([shared / "bench" / "real"])
    assert summary.failures == []
    assert summary.done == 150
    figures = list(store.figures())
    assert len(figures) == 150
    assert all(f.pmcid and f.pmcid.startswith("PMC") for f in figures)
    with_genes = sum(bool(store.mentions(f.figid, "gene")) for f in figures)
    assert with_genes >= 120, with_genes

    site = export_jekyll(store, tmp_path / "site")
    assert site.figures == 150
    for page in (tmp_path / "site" / "_figures").glob("*.md"):
        text = page.read_text("utf-8")
        assert ".na.character" not in text
        matter = yaml.safe_load(text.split("---")[1])
        assert list(matter) == [*PFOCR_FIELDS, "schema-jsonld"]
