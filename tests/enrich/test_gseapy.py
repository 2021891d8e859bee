"""Our GMT export is read by gseapy, and its enrichment agrees with ours on the same sets."""

from __future__ import annotations

import pytest

from conftest import PLANTED, POOL
from pathfig.enrich import enrich, index_from_gmt, index_from_store
from pathfig.export.gmt import write_gmt

gseapy = pytest.importorskip("gseapy")


def test_gseapy_reads_our_gmt_and_ranks_the_same(store, tmp_path):
    path = tmp_path / "pfocr-Homo_sapiens.gmt"
    with path.open("w", encoding="utf-8") as handle:
        write_gmt(store.gene_sets(9606, "all"), handle)
    query = PLANTED[:8] + POOL[200:212]

    theirs = gseapy.enrich(gene_list=query, gene_sets=str(path), background=None,
                           outdir=None, no_plot=True).res2d  # fmt: skip
    ours = enrich(query, index_from_store(store))
    # gseapy's default background is also every gene in the GMT.
    assert ours.universe == len({g for _f, _t, genes in store.gene_sets(9606) for g in genes})

    theirs = theirs.sort_values(["P-value", "Term"], kind="stable")
    assert theirs["Term"].iloc[0] == ours.figids[0] == "PMC999__planted"
    # Same sets with an overlap, same p-values, same order.
    assert sorted(theirs["Term"]) == sorted(ours.figids)
    p_theirs = dict(zip(theirs["Term"], theirs["P-value"], strict=True))
    for figid, p in zip(ours.figids, ours.p_value, strict=True):
        assert p == pytest.approx(p_theirs[figid], rel=1e-9)
    assert list(theirs["Term"]) == ours.figids
    # And our reader reads the same file back to the same index.
    assert index_from_gmt(path).set_ids == index_from_store(store).set_ids
