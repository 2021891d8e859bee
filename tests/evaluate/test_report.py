"""The plain-text tables and the ``eval`` commands' argument handling."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfig.errors import BadInputError
from pathfig.evaluate import cli as eval_cli
from pathfig.evaluate.report import format_table, render
from pathfig.evaluate.scoring import agreement, score_all, summarize

RUN = {"done": 2, "skipped": 0, "failed": 0, "ocr_runs": 2, "seconds": 1.25, "failures": []}


def test_format_table_aligns_numbers_right_and_text_left():
    table = format_table(("name", "value"), [["a", 0.5], ["longer", None], ["b", 12]])
    assert table.splitlines() == [
        "name    value",
        "------  -----",
        "a       0.500",
        "longer      -",
        "b          12",
    ]


def _wp_result() -> dict:
    scores = summarize(score_all({"A": [frozenset({"1"}), frozenset({"2"})]}, {"A": {"1", "9"}}))
    return {
        "benchmark": "wp",
        "directory": "wp",
        "figures": 1,
        "figures_with_genes": 1,
        "limit": None,
        "run": RUN,
        "scores": {"strict": scores},
        "reference": {
            "PFOCR": {
                "pooled_precision": 0.76,
                "pooled_recall": 0.7,
                "median_precision": 0.875,
                "median_recall": 0.85,
            }
        },
        "non_human": [
            {"figid": "A", "organisms": ["Mus musculus"], "human_genes": 0},
            {"figid": "B", "organisms": ["Sus scrofa"], "human_genes": 12},
        ],
        "worst_strict": [score_all({"A": [frozenset({"2"})]}, {})[0].as_dict()],
    }


def test_render_wp():
    text = render(_wp_result())
    assert "1 figures (1 with gene nodes)" in text
    lines = text.splitlines()
    strict = next(line for line in lines if line.startswith("strict"))
    # P 1/2, R 1/2, F1 1/2, medians the same, TP 1, FP 1, found 1 of 2
    assert strict.split() == ["strict", *["0.500"] * 5, "1", "1", "1", "2"]
    # Both named other organisms; only A, with no human genes at all, is listed by name.
    assert "not human (2)" in text
    assert "no human genes predicted (1): A (Mus musculus)" in text
    assert "Sus scrofa" not in text
    json.dumps(_wp_result())  # JSON-ready as it is


def test_render_real_and_crops():
    truth = {"F": [frozenset({"1"}), frozenset({"2", "3"})]}
    ours, theirs = score_all(truth, {"F": {"1", "3"}}), score_all(truth, {"F": {"9"}})
    real = {
        "benchmark": "real",
        "directory": "real",
        "gold_file": "gold.tsv",
        "figures": 1,
        "run": RUN,
        "silver_agreement": {"all": agreement({"F": {"1", "9"}}, {"F": {"1", "3"}})},
        "gold_rule": "family rule",
        "gold_missing_from_set": [],
        "gold": {
            "all gold figures": {
                "figures": 1,
                "tiers": {
                    "all": {
                        "pathfig": summarize(ours),
                        "pfocr": summarize(theirs),
                        "f1_difference": 1.0,
                    }
                },
            }
        },
        "gold_figures": [
            {"figid": "F", "pathfig": ours[0].as_dict(), "pfocr": theirs[0].as_dict()}
        ],
        "non_human": [],
    }
    text = render(real)
    assert "F1 pathfig - PFOCR: all 1.000" in text
    assert next(line for line in text.splitlines() if line.startswith("pathfig all")).split()[
        2:5
    ] == ["1.000", "1.000", "1.000"]
    crops = {
        "benchmark": "crops",
        "directory": "crops",
        "engine": "e1",
        "n": 4,
        "word_acc": 0.75,
        "word_acc_ignore_case": 1.0,
        "one_minus_ned": 0.9,
        "errors": [["a.jpg", "TP53", "tp53"]],
        "reference": None,
    }
    text = render(crops)
    row = next(line for line in text.splitlines() if line.startswith("pathfig e1"))
    assert row.split() == ["pathfig", "e1", "0.750", "1.000", "0.900"]
    assert "a.jpg  TP53   tp53" in text


def test_render_refuses_other_dicts():
    with pytest.raises(BadInputError):
        render({"n": 1})


def test_real_without_a_gold_list_says_what_to_pass(tmp_path, monkeypatch):
    monkeypatch.setattr(eval_cli, "REPO_GOLD", tmp_path / "absent.tsv")
    result = CliRunner().invoke(eval_cli.eval_group, ["real", str(tmp_path)])
    assert result.exit_code == 2
    assert "--gold FILE is required" in result.output
    assert "installed without its source checkout" in result.output


def test_the_repository_gold_list_is_found_from_a_checkout():
    assert eval_cli.REPO_GOLD.is_file()
