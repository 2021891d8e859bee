from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import PLANTED, POOL, symbol
from pathfig.enrich.cli import enrich_command, export_gmt_command


def test_enrich_from_store_as_json(store, tmp_path):
    db = str(store.engine.url.database)
    genes_file = tmp_path / "genes.txt"
    genes_file.write_text("# my list\n" + "\n".join(PLANTED[4:10]) + "\nNOPE1, NOPE2\n")
    args = [*(symbol(g) for g in PLANTED[:4]), "--genes-file", str(genes_file), "--db", db,
            "--json", "--fdr", "0.05"]  # fmt: skip
    result = CliRunner().invoke(enrich_command, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query_size"] == 10 and data["unknown"] == ["NOPE1", "NOPE2"]
    assert data["results"][0]["figid"] == "PMC999__planted"
    assert data["results"][0]["odds_ratio"] == "inf"  # all 10 query genes are in the set
    assert all(row["fdr"] <= 0.05 for row in data["results"])


def test_enrich_from_gmt_as_table(gmt_file):
    args = [*(symbol(g) for g in PLANTED[:10] + POOL[300:302]), "--gmt", str(gmt_file),
            "--limit", "3", "--universe", "20000"]  # fmt: skip
    result = CliRunner().invoke(enrich_command, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["rank", "figid", "overlap"]
    assert len(lines) == 4 and lines[1].split("\t")[1] == "PMC999__planted"
    assert "universe of 20000" in result.stderr


def test_enrich_needs_genes_and_one_universe(gmt_file, tmp_path):
    runner = CliRunner()
    assert runner.invoke(enrich_command, ["--gmt", str(gmt_file)]).exit_code == 2
    bg = tmp_path / "bg.txt"
    bg.write_text("A\n")
    result = runner.invoke(
        enrich_command, ["X", "--gmt", str(gmt_file), "--universe", "5", "--background-file", bg]
    )
    assert result.exit_code == 2


def test_export_gmt(store, tmp_path):
    out = tmp_path / "out.gmt"
    db = str(store.engine.url.database)
    result = CliRunner().invoke(export_gmt_command, [str(out), "--db", db, "--tier", "strict"])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 41
    planted = next(line for line in lines if line.startswith("PMC999__planted\t"))
    assert planted.split("\t")[1] == "The planted pathway"
    assert sorted(planted.split("\t")[2:]) == sorted(PLANTED)
    everything = CliRunner().invoke(export_gmt_command, ["-", "--db", db, "--organism", "0"])
    assert len(everything.stdout.splitlines()) == 42  # with the mouse figure
