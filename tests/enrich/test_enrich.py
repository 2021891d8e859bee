from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import false_discovery_control, fisher_exact

from conftest import PLANTED, POOL, figure_sets, symbol
from pathfig.enrich import COLUMNS, GeneSetIndex, enrich, index_from_gmt, index_from_store
from pathfig.errors import BadInputError

QUERY_IDS = PLANTED[:12] + POOL[300:303]


def check_against_scipy(result):
    """Every row's p-value and odds ratio equal scipy's for the same 2x2 table."""
    k, N = result.query_size, result.universe
    for row in result.to_records():
        x, n = row["overlap"], row["set_size"]
        ref = fisher_exact([[x, n - x], [k - x, N - n - k + x]], alternative="greater")
        assert row["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
        assert row["odds_ratio"] == pytest.approx(ref.statistic, rel=1e-12)


def test_store_planted_figure_ranks_first(store):
    index = index_from_store(store, organism=9606, tier="all")
    assert len(index) == 41  # the mouse figure is another organism
    result = enrich(QUERY_IDS, index)
    top = result.to_records()[0]
    assert top["figid"] == "PMC999__planted"
    assert top["title"] == "The planted pathway"
    assert top["overlap"] == 12 and top["set_size"] == 20
    assert sorted(top["genes"]) == sorted(PLANTED[:12])
    assert top["fdr"] < 1e-6
    assert result.unknown == []
    assert result.query_size == 15 and result.universe == index.universe
    check_against_scipy(result)


def test_symbols_and_ids_are_both_accepted_and_unknowns_reported(store):
    index = index_from_store(store)
    mixed = [symbol(g).lower() for g in PLANTED[:6]] + PLANTED[6:12] + POOL[300:303]
    mixed += ["NOTAGENE", "999999999", " ", "GENE10000"]  # GENE10000 repeats PLANTED[0]
    by_ids = enrich(QUERY_IDS, index)
    mixed_result = enrich(mixed, index)
    assert mixed_result.unknown == ["NOTAGENE", "999999999"]
    assert mixed_result.query_size == 15
    assert mixed_result.figids == by_ids.figids
    assert np.array_equal(mixed_result.p_value, by_ids.p_value)


def test_gmt_planted_set_ranks_first_case_insensitively(gmt_file):
    index = index_from_gmt(gmt_file)
    result = enrich([symbol(g).lower() for g in QUERY_IDS] + ["nope"], index)
    assert result.figids[0] == "PMC999__planted"
    assert result.unknown == ["nope"]
    # Genes are reported as the GMT writes them, not as queried.
    assert sorted(result.to_records()[0]["genes"]) == sorted(symbol(g) for g in PLANTED[:12])
    check_against_scipy(result)


def test_dataframe_and_records_have_exactly_the_columns(gmt_file):
    result = enrich([symbol(g) for g in QUERY_IDS], index_from_gmt(gmt_file))
    frame = result.to_dataframe()
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == len(result) > 1
    assert list(result.to_records()[0]) == list(COLUMNS)
    assert frame["figid"].tolist() == result.figids
    assert (np.diff(frame["p_value"].to_numpy()) >= 0).all()


def test_fdr_is_bh_over_every_tested_set(gmt_file):
    index = index_from_gmt(gmt_file)
    result = enrich([symbol(g) for g in QUERY_IDS], index)
    assert result.n_tested == 41
    # Sets sharing no gene have p = 1: BH over all 41 tests, as scipy computes it.
    full = np.ones(result.n_tested)
    full[: len(result)] = result.p_value
    assert result.fdr == pytest.approx(false_discovery_control(full)[: len(result)], rel=1e-12)
    strict = enrich([symbol(g) for g in QUERY_IDS], index, fdr=0.01)
    assert 1 <= len(strict) < len(result)
    assert (strict.fdr <= 0.01).all()


def test_min_and_max_size_filters(gmt_file):
    index = index_from_gmt(gmt_file)
    query = [symbol(g) for g in QUERY_IDS]
    sizes = {f: len(g) for f, _t, g in figure_sets()}
    big = enrich(query, index, min_size=30)
    assert big.figids and all(sizes[f] >= 30 for f in big.figids)
    assert "PMC999__planted" not in big.figids
    assert big.n_tested == sum(s >= 30 for s in sizes.values())
    small = enrich(query, index, max_size=20)
    assert small.figids[0] == "PMC999__planted"
    assert all(sizes[f] <= 20 for f in small.figids)
    with pytest.raises(BadInputError):
        enrich(query, index, min_size=10, max_size=5)


def test_ties_in_p_value_are_ranked_by_figid():
    index = GeneSetIndex.from_sets(
        [
            ("b", None, ["1", "2", "9"]),
            ("c", None, ["1", "2", "8"]),
            ("a", None, ["1", "2", "7"]),
            ("z", None, [str(i) for i in range(10, 40)]),
        ]
    )
    result = enrich(["1", "2"], index)
    assert result.figids == ["a", "b", "c"]
    assert len(set(result.p_value.tolist())) == 1


def test_universe_size_overrides_the_default(gmt_file):
    index = index_from_gmt(gmt_file)
    query = [symbol(g) for g in QUERY_IDS] + ["NOT_IN_ANY_SET"]
    result = enrich(query, index, universe=20_000)
    assert result.universe == 20_000
    # With a genome-sized universe every distinct query gene counts, as in Enrichr/gseapy.
    assert result.query_size == 16
    check_against_scipy(result)
    assert result.p_value[0] < enrich(query, index).p_value[0]
    with pytest.raises(BadInputError, match="universe"):
        enrich(query, index, universe=10)
    with pytest.raises(BadInputError, match="not both"):
        enrich(query, index, universe=20_000, background=["x"])


def test_background_restricts_query_and_sets(gmt_file):
    index = index_from_gmt(gmt_file)
    background = [symbol(g) for g in PLANTED[:10] + POOL[100:300]] + ["EXTRA1", "EXTRA2"]
    query = [symbol(g) for g in QUERY_IDS] + ["EXTRA1"]
    result = enrich(query, index, background=background)
    assert result.universe == 212
    # PLANTED[10:12] and POOL[300:303] are outside; EXTRA1 is in no set but in the background.
    assert result.outside_background == [symbol(g) for g in PLANTED[10:12] + POOL[300:303]]
    assert result.query_size == 11
    top = result.to_records()[0]
    assert top["figid"] == "PMC999__planted" and top["set_size"] == 10 and top["overlap"] == 10
    check_against_scipy(result)


def test_no_known_gene_gives_an_empty_result(gmt_file):
    result = enrich(["nothing", "here"], index_from_gmt(gmt_file))
    assert len(result) == 0 and result.unknown == ["nothing", "here"]
    assert list(result.to_dataframe().columns) == list(COLUMNS)


def test_repeated_set_ids_are_refused():
    with pytest.raises(BadInputError, match="unique"):
        GeneSetIndex.from_sets([("a", None, ["1"]), ("a", None, ["2"])])
