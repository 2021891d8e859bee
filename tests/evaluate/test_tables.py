"""Reading the benchmark tables: which rows are genes, families, tiers of PFOCR's silver."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathfig.errors import BadInputError
from pathfig.evaluate.tables import read_figids, read_gold, read_silver, read_wp_truth


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_wp_truth_keeps_gene_like_rows_and_any_row_with_an_id(tmp_path):
    path = write(
        tmp_path / "truth.tsv",
        "wpid\tlabel\ttype\tncbigene\tx0\ty0\tx1\ty1",
        "WP1\tTP53\tGeneProduct\t7157\t0\t0\t1\t1",
        "WP1\tTP53\tGeneProduct\t7157\t5\t5\t6\t6",  # drawn twice, one gene
        "WP1\tglucose\tMetabolite\t\t0\t0\t1\t1",
        "WP1\tMEF2B\tGeneProduct\t100271849;4207\t0\t0\t1\t1",  # two IDs, one node
        "WP1\tX\t\t5594\t0\t0\t1\t1",  # untyped, but the ID says it is a gene
        'WP1\t"ADAM10\t"\tProtein\t102\t0\t0\t1\t1',  # a quoted label holding a tab
        "WP2\tunmapped\tProtein\t\t0\t0\t1\t1",  # gene-like, no ID: nothing to find
        "WP3\tATP\tMetabolite\t\t0\t0\t1\t1",
    )
    truth = read_wp_truth(path)
    assert truth == {
        "WP1": [
            frozenset({"7157"}),
            frozenset({"100271849", "4207"}),
            frozenset({"5594"}),
            frozenset({"102"}),
        ],
        "WP2": [],
    }


def test_gold_genes_families_and_reviewed_figures_without_genes(tmp_path):
    gold = write(
        tmp_path / "real_gold.tsv",
        "figid\tlabel\tkind\tsymbols\tncbigene_ids\tnote",
        "F1\tTP53\tgene\tTP53\t7157\t",
        "F1\tERK\tfamily\tMAPK1,MAPK3\t5594,5595\tFamPlex ERK",
        "F1\tp53\tgene\tTP53\t7157\tprinted twice",
    )
    write(tmp_path / "reviewed_figures.tsv", "figid\torganism\tn_rows\tnote", "F1\thuman\t3\t",
          "F2\tvirus\t0\tno genes")  # fmt: skip
    assert read_gold(gold) == {
        "F1": [frozenset({"7157"}), frozenset({"5594", "5595"})],
        "F2": [],
    }


def test_gold_rejects_an_unknown_kind(tmp_path):
    gold = write(
        tmp_path / "gold.tsv",
        "figid\tlabel\tkind\tsymbols\tncbigene_ids\tnote",
        "F1\tX\tcomplex\tA\t1\t",
    )
    with pytest.raises(BadInputError, match="unknown kind"):
        read_gold(gold)


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(BadInputError, match="ncbigene"):
        read_wp_truth(write(tmp_path / "t.tsv", "wpid\ttype", "WP1\tProtein"))


def test_silver_by_tier(tmp_path):
    path = write(
        tmp_path / "pfocr_genes.tsv",
        "figid\tword\tsymbol\tsource\thgnc_symbol\tentrez",
        "F\tTP53\tTP53\thgnc_symbol\tTP53\t7157",
        "F\tp21\tP21\thgnc_alias_symbol\tCDKN1A\t1026",
        "F\tACH\tACH\thgnc_prev_symbol\tFGFR3\t2261",
        "F\tERK\tERK\tbioentities_symbol\tMAPK1\t5594",
        "G\tAKT\tAKT\tbioentities_symbol\tAKT1\t207",
    )
    assert read_silver(path, "strict") == {"F": {"7157"}}
    assert read_silver(path, "synonyms") == {"F": {"7157", "1026", "2261"}}
    assert read_silver(path, "all") == {"F": {"7157", "1026", "2261", "5594"}, "G": {"207"}}


def test_figids_sorted_and_distinct(tmp_path):
    path = write(tmp_path / "figures.tsv", "figid\tfigtitle", "WP2\tb", "WP10\ta", "WP2\tb")
    assert read_figids(path) == ["WP10", "WP2"]
