"""detect_organisms() on caption and title phrases."""

from __future__ import annotations

import pytest

from pathfig.recognize import detect_organisms


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("IL-6 signalling in Homo sapiens",), [9606]),
        (("Serum from patients with sepsis",), [9606]),
        (("Knockout mice lacking TLR4",), [10090]),
        (("murine macrophages and human monocytes",), [10090, 9606]),
        (("Mus musculus", "M. musculus"), [10090]),
        (("Rat hepatocytes",), [10116]),
        (("zebrafish (Danio rerio) embryos",), [7955]),
        (("Drosophila wing disc",), [7227]),
        (("the fruit fly eye",), [7227]),
        (("C. elegans dauer pathway",), [6239]),
        (("budding yeast Saccharomyces cerevisiae",), [4932]),
        (("fission yeast S. pombe",), [4896]),
        (("Arabidopsis thaliana root",), [3702]),
        (("plant immunity",), [3702]),
        (("mouse-derived cells", None, ""), [10090]),
        (("In human cells", "In mouse cells", "human again"), [9606, 10090]),
    ],
)
def test_detects(texts: tuple[str | None, ...], expected: list[int]) -> None:
    assert detect_organisms(*texts) == expected


@pytest.mark.parametrize(
    "text",
    [
        "separate compartments",  # rat
        "the ratio of",
        "transplantation",  # plant
        "butterfly",  # fly
        "cornea",  # corn
        "Humanized antibody",
        "",
        None,
    ],
)
def test_negatives(text: str | None) -> None:
    assert detect_organisms(text) == []
