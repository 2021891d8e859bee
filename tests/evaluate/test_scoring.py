"""Scoring on hand-made truth and predictions; every expected number was worked out by hand."""

from __future__ import annotations

import pytest

from pathfig.evaluate.scoring import agreement, f1, score_all, score_figure, summarize, units_of


def u(*ids: str) -> frozenset[str]:
    return frozenset(ids)


@pytest.mark.parametrize(
    ("truth", "predicted", "units", "found", "tp", "fp", "precision", "recall"),
    [
        # 2 of 3 genes found, one wrong ID
        ([u("1"), u("2"), u("3")], {"1", "2", "9"}, 3, 2, 2, 1, 2 / 3, 2 / 3),
        # family {10,11,12}: two members predicted are 2 TPs, the family is found once
        ([u("1"), u("10", "11", "12")], {"10", "11"}, 2, 1, 2, 0, 1.0, 0.5),
        # a gene that is also in a family: one ID finds both units
        ([u("1"), u("1", "2")], {"1"}, 2, 2, 1, 0, 1.0, 1.0),
        # no truth: anything predicted is wrong, recall is undefined
        ([], {"5"}, 0, 0, 0, 1, 0.0, None),
        # nothing predicted: precision is undefined
        ([u("1")], set(), 1, 0, 0, 0, None, 0.0),
        # a label drawn twice and one family written in two orders count once each
        ([u("1"), u("1"), u("2", "3"), u("3", "2")], {"3"}, 2, 1, 1, 0, 1.0, 0.5),
    ],
)
def test_score_figure(truth, predicted, units, found, tp, fp, precision, recall):
    score = score_figure("F", truth, predicted)
    assert (score.units, score.found, score.tp, score.fp) == (units, found, tp, fp)
    assert score.precision == _approx(precision)
    assert score.recall == _approx(recall)


def _approx(value: float | None):
    return None if value is None else pytest.approx(value)


def test_score_figure_lists_what_was_wrong():
    score = score_figure("F", [u("7"), u("10", "2"), u("3")], {"3", "100", "20"})
    assert score.false_ids == ("20", "100")  # numeric order, not text order
    assert score.missed == (("7",), ("2", "10"))


def test_summarize_pools_counts_and_takes_medians():
    truth = {
        "A": [u("1"), u("2"), u("3"), u("4")],  # P 2/3, R 1/2
        "B": [u("7")],  # P 1, R 1
        "C": [],  # nothing either way: in no median
    }
    predicted = {"A": {"1", "2", "5"}, "B": {"7"}}
    result = summarize(score_all(truth, predicted))
    pooled, med = result["pooled"], result["median"]
    assert result["figures"] == 3
    assert (pooled["tp"], pooled["fp"], pooled["found"], pooled["units"]) == (3, 1, 3, 5)
    assert pooled["precision"] == pytest.approx(0.75)
    assert pooled["recall"] == pytest.approx(0.6)
    assert pooled["f1"] == pytest.approx(2 / 3)  # 2 * 0.75 * 0.6 / 1.35
    assert med["precision"] == pytest.approx(5 / 6)  # median of 2/3 and 1
    assert med["recall"] == pytest.approx(0.75)  # median of 1/2 and 1
    assert (med["figures_with_precision"], med["figures_with_recall"]) == (2, 2)


def test_summarize_of_nothing_is_undefined_not_zero():
    result = summarize(score_all({"A": []}, {}))
    assert result["pooled"]["precision"] is None
    assert result["pooled"]["f1"] is None
    assert result["median"]["recall"] is None


def test_family_rule_is_the_same_for_every_predictor():
    # ERK family {5594, 5595} and gene TP53 (7157). Predictor X expands ERK to both members and
    # reads a wrong gene; Y reads only MAPK1 and TP53.
    truth = {"F": [u("5594", "5595"), u("7157")]}
    x = summarize(score_all(truth, {"F": {"5594", "5595", "1"}}))["pooled"]
    y = summarize(score_all(truth, {"F": {"5594", "7157"}}))["pooled"]
    assert (x["tp"], x["fp"], x["found"]) == (2, 1, 1)
    assert (x["precision"], x["recall"]) == (pytest.approx(2 / 3), 0.5)
    assert (y["tp"], y["fp"], y["found"]) == (2, 0, 2)
    assert (y["precision"], y["recall"]) == (1.0, 1.0)


def test_units_of_drops_empty_groups():
    assert units_of([["1"], [], ["", "2"], ["2"]]) == [u("1"), u("2")]


def test_f1_edge_cases():
    assert f1(0.0, 0.0) == 0.0
    assert f1(None, 1.0) is None
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)


def test_agreement_with_a_reference_list():
    reference = {"a": {"1", "2", "3"}, "b": {"4"}}
    predicted = {"a": {"1", "2", "9"}, "b": set(), "c": {"5"}}  # c is not a reference figure
    result = agreement(reference, predicted)
    assert result == {
        "figures": 2,
        "reference_ids": 4,
        "predicted_ids": 3,
        "recovered": 2,
        "recall": 0.5,
        "added": 1,
    }
