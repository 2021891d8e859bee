"""`pathfig run` end to end on real images with the real OCR engine, lexicon and store."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfig.cli import cli
from pathfig.pipeline import Pipeline
from pathfig.records import PFOCR_FIELDS
from pathfig.store import open_store

SAMPLE = Path(str(files("pathfig") / "sample"))


@pytest.fixture
def figures(tmp_path) -> Path:
    """Two real WikiPathways renders, their metadata, and every kind of bad image."""
    folder = tmp_path / "figures"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SAMPLE / "images" / "WP2113.png", folder / "WP2113.png")
    shutil.copy(SAMPLE / "images" / "WP1434.png", folder / "nested" / "WP1434.png")
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "error-page.jpg").write_text("<!DOCTYPE html><html><body>503</body></html>")
    good = (SAMPLE / "images" / "WP4537.png").read_bytes()
    (folder / "truncated.png").write_bytes(good[: len(good) // 3])
    rows = [
        "figid\tfigtitle\tcaption\torganisms",
        "WP2113\tType III interferon signaling\tIFN-λ signals through IFNLR1 and IL10RB.\t"
        "Homo sapiens",
        "WP1434\tOsteopontin signaling\tOsteopontin activates IKK and MMP-9.\tHomo sapiens",
        "WP9999\tA figure whose image is missing\t\t",
    ]
    (folder / "figures.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def run_cli(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_run_stores_figures_and_reports_bad_input(figures, tmp_path):
    db = str(tmp_path / "out.sqlite")
    result = run_cli("run", str(figures), "--db", db)
    assert result.exit_code == 0, result.output
    store = open_store(db)
    assert {f.figid for f in store.figures()} == {"WP2113", "WP1434"}
    wp2113 = store.figure("WP2113")
    assert wp2113.figtitle == "Type III interferon signaling"
    assert wp2113.organisms_ner == ["Homo sapiens"]
    symbols = {m.symbol for m in store.mentions("WP2113", "gene")}
    # Node labels drawn in WP2113 (IFNLR1 is drawn as its previous symbol IL28RA).
    assert {"IFNLR1", "IL10RB", "STAT1", "STAT2", "IRF9", "JAK1", "TYK2"} <= symbols
    for mention in store.mentions("WP2113"):
        x0, y0, x1, y1 = mention.box
        assert 0 <= x0 < x1 <= 2000 and 0 <= y0 < y1 <= 2000
    failed = {Path(f.source).name: f.message for f in store.failures()}
    assert set(failed) >= {"empty.jpg", "error-page.jpg", "truncated.png"}
    assert any("WP9999" in f.message or f.figid == "WP9999" for f in store.failures())
    for name in ("empty.jpg", "error-page.jpg", "truncated.png"):
        assert name in result.output


def test_second_run_does_no_ocr_and_metadata_change_reruns_recognition_only(figures, tmp_path):
    store = open_store(str(tmp_path / "out.sqlite"))
    first = Pipeline(store).run([figures])
    assert first.done == 2 and first.ocr_runs == 2
    mentions_before = store.mentions("WP2113")

    second = Pipeline(store).run([figures])
    # The three bad images failed before: not tried again; the missing image is re-reported.
    assert (second.done, second.skipped, second.ocr_runs) == (0, 2, 0)
    assert (second.failed_before, second.failed) == (3, 1)
    assert store.mentions("WP2113") == mentions_before
    retried = Pipeline(store, retry_failed=True).run([figures])
    assert (retried.failed_before, retried.failed, retried.ocr_runs) == (0, 4, 0)
    assert len(store.failures()) == 4  # replaced, not duplicated

    table = figures / "figures.tsv"
    table.write_text(table.read_text().replace("IFN-λ signals", "In mice, IFN-λ signals"))
    third = Pipeline(store).run([figures])
    assert (third.done, third.skipped, third.ocr_runs) == (1, 1, 0)
    assert "Mus musculus" in store.figure("WP2113").organisms_ner


def test_pfocr_site_import_exports_back_the_same(shared, tmp_path):
    site = tmp_path / "site"
    (site / "_figures").mkdir(parents=True)
    (site / "_data").mkdir()
    source = shared / "pfocr-format"
    for md in source.glob("*.md"):
        shutil.copy(md, site / "_figures" / md.name)
    for tsv in source.glob("*-genes.tsv"):
        shutil.copy(tsv, site / "_data" / tsv.name)
    db = str(tmp_path / "site.sqlite")
    assert run_cli("run", str(site), "--db", db).exit_code == 0
    out = tmp_path / "exported"
    result = run_cli("export", "jekyll", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    for md in source.glob("*.md"):
        original = yaml.safe_load(md.read_text("utf-8").split("---")[1])
        exported = yaml.safe_load((out / "_figures" / md.name).read_text("utf-8").split("---")[1])
        assert exported == original
        genes = md.with_name(md.stem + "-genes.tsv")
        assert (out / "_data" / genes.name).read_text("utf-8") == genes.read_text("utf-8")


def test_demo_runs_the_bundled_sample(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    assert "WP4537" in result.output and "database:" in result.output
    pages = sorted((tmp_path / "demo" / "site" / "_figures").glob("*.md"))
    assert [p.stem for p in pages] == ["WP1434", "WP2113", "WP4537"]
    for page in pages:
        matter = yaml.safe_load(page.read_text("utf-8").split("---")[1])
        assert list(matter) == [*PFOCR_FIELDS, "schema-jsonld"]
        assert matter["schema-jsonld"]["keywords"], page.name


def test_bad_database_argument_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(SAMPLE), "--db", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a directory" in result.output
