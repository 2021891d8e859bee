"""`pathfig lexicon add` makes a new organism's genes recognisable in the next run."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

from click.testing import CliRunner

from pathfig.cli import cli
from pathfig.pipeline import Pipeline
from pathfig.settings import Settings
from pathfig.store import open_store

SAMPLE = Path(str(files("pathfig") / "sample"))
MOUSE = Path(__file__).parents[1] / "recognize" / "data" / "mouse.gene_info"


def test_mouse_genes_after_lexicon_add_without_new_ocr(tmp_path):
    cache = tmp_path / "cache"
    folder = tmp_path / "figures"
    folder.mkdir()
    shutil.copy(SAMPLE / "images" / "WP1434.png", folder)
    (folder / "figures.tsv").write_text(
        "figid\tfigtitle\tcaption\nWP1434\tOsteopontin signaling in mice\t"
        "Osteopontin activates ERK1 and ERK2 in mouse macrophages.\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "db.sqlite"))
    settings = Settings(cache_dir=cache)
    before = Pipeline(store, settings=settings).run([folder])
    assert before.done == 1 and before.ocr_runs == 1
    # No mouse lexicon yet: the mouse figure's genes are read as their human namesakes.
    assert {m.organism for m in store.mentions("WP1434", "gene")} == {9606}

    result = CliRunner().invoke(
        cli, ["lexicon", "add", str(MOUSE)], env={"PATHFIG_CACHE_DIR": str(cache)}
    )
    assert result.exit_code == 0, result.output
    assert "4 genes of Mus musculus" in result.output

    after = Pipeline(store, settings=Settings(cache_dir=cache)).run([folder])
    assert (after.done, after.ocr_runs) == (1, 0)  # recognition again, OCR from the cache
    mouse = {m.symbol: m.identifier for m in store.mentions("WP1434", "gene")}
    assert mouse.get("Mapk3") == "26417" and mouse.get("Mapk1") == "26413"
    assert {m.organism for m in store.mentions("WP1434", "gene")} == {10090}


def test_lexicon_add_reports_a_bad_file(tmp_path):
    bad = tmp_path / "bad.gene_info"
    bad.write_text("this is not a gene_info file\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["lexicon", "add", str(bad)], env={"PATHFIG_CACHE_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert "bad.gene_info" in result.output
