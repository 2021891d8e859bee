from __future__ import annotations

import io

from pathfig.enrich.gmt import read_gmt
from pathfig.export.gmt import gmt_line, write_gmt


def test_one_line_per_figure_with_title_as_description():
    out = io.StringIO()
    count = write_gmt(
        [("PMC1__f1", "IL-6 signaling", ["3569", "6774"]), ("PMC2__f2", None, ["7157"])], out
    )
    assert count == 2
    assert out.getvalue() == "PMC1__f1\tIL-6 signaling\t3569\t6774\nPMC2__f2\t\t7157\n"


def test_tabs_and_line_breaks_in_titles_become_spaces():
    assert gmt_line("F", "a\tb\r\nc\u2028d ", ["1"]) == "F\ta b c d\t1\n"


def test_figures_without_genes_are_skipped():
    out = io.StringIO()
    assert write_gmt([("F1", "t", []), ("F2", "t", ["1"])], out) == 1
    assert out.getvalue().startswith("F2\t")


def test_round_trip_through_read_gmt(tmp_path):
    sets = [
        ("PMC1__f1", "TNF\tsignaling\nin cells", ["7124", "7132", "7133"]),
        ("PMC1__f2", "", ["1"]),
        ("PMC3__g 1", "Wnt/β-catenin", ["1499", "8312", "324"]),
    ]
    path = tmp_path / "sets.gmt"
    with path.open("w", encoding="utf-8") as handle:
        write_gmt(sets, handle)
    assert list(read_gmt(path)) == [
        ("PMC1__f1", "TNF signaling in cells", ["7124", "7132", "7133"]),
        ("PMC1__f2", "", ["1"]),
        ("PMC3__g 1", "Wnt/β-catenin", ["1499", "8312", "324"]),
    ]
