from __future__ import annotations

from pathlib import Path

import pytest

from pathfig.ingest.fields import (
    clean,
    complete,
    normalise_number,
    number_from_fig_id,
    parse_float,
    split_organisms,
)
from pathfig.records import Figure, ImageSource


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("Figure 3", "F3"),
        ("Fig. 3", "F3"),
        ("Fig 6", "F6"),
        ("FIG 6", "F6"),
        ("FIGURE 10", "F10"),
        ("Fig. (1)", "F1"),
        ("Figure 3A", "F3"),
        ("Figure 3.", "F3"),
        ("Figure 03", "F3"),
        ("Figure S1", "S1"),
        ("Fig. S2", "S2"),
        ("Supplementary Figure 1", "S1"),
        ("Supplemental Fig. 4", "S4"),
        ("F3", "F3"),
        ("S1", "S1"),
        ("3", "F3"),
        ("Table 1", None),
        ("Scheme 1", None),
        ("Figure", None),
        ("", None),
        (None, None),
    ],
)
def test_label_to_number(label: str | None, number: str | None) -> None:
    assert normalise_number(label) == number


@pytest.mark.parametrize(
    ("fig_id", "number"),
    [
        ("F3", "F3"),
        ("f1", "F1"),
        ("fig3", "F3"),
        ("Fig-12", "F12"),
        ("figure2", "F2"),
        ("SF1", "S1"),
        ("ppat-0010039-g007", "ppat-0010039-g007"),
        (None, None),
    ],
)
def test_fig_id_fallback(fig_id: str | None, number: str | None) -> None:
    assert number_from_fig_id(fig_id) == number


@pytest.mark.parametrize("value", ["", "NA", ".na.character", "NULL", "  NA ", None])
def test_missing_values_become_none(value: str | None) -> None:
    assert clean(value) is None


def test_text_is_kept_as_is() -> None:
    assert clean(" Œ≥-Secretase ") == " Œ≥-Secretase "
    assert clean("na") == "na"  # only R's spellings of NA are missing


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.8852698", 0.8852698), ("1", 1.0), ("NA", None), ("high", None), ("nan", None), ("", None)],
)
def test_parse_float(value: str, expected: float | None) -> None:
    assert parse_float(value) == expected


def test_split_organisms() -> None:
    assert split_organisms("Homo sapiens|Mus musculus") == ["Homo sapiens", "Mus musculus"]
    assert split_organisms("Homo sapiens; Danio rerio") == ["Homo sapiens", "Danio rerio"]
    assert split_organisms("NA") == []
    assert split_organisms("Homo sapiens|NA|") == ["Homo sapiens"]


def test_complete_fills_derived_fields() -> None:
    figure = complete(
        Figure(figid="PMC7__g1", number="F3", image=ImageSource(Path("/x/PMC7__g1.jpg")))
    )
    assert figure.pmcid == "PMC7"
    assert figure.filename == "PMC7__g1.jpg"
    assert figure.figid_alias == "PMC7__F3"
    assert figure.redirect_from == "/figures/PMC7__F3"
    assert (figure.figtype, figure.seo, figure.ndex) == ("Figure", "CreativeWork", "")


def test_complete_keeps_given_values_and_needs_both_for_alias() -> None:
    figure = complete(Figure(figid="WP1", figtype="Scheme", ndex="abc"))
    assert figure.pmcid is None and figure.figid_alias is None and figure.redirect_from is None
    assert (figure.figtype, figure.ndex) == ("Scheme", "abc")
    member = complete(Figure(figid="x", image=ImageSource(Path("/a.tar.gz"), member="PMC1/y.jpg")))
    assert member.filename == "y.jpg"
