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


# --- which organisms' genes a figure is recognised for --------------------------------------

from pathfig.recognize import gene_organisms  # noqa: E402
from pathfig.records import Word  # noqa: E402


def _words(*texts: str) -> list[Word]:
    return [Word(t, 0.9, (0, 20 * i, 50, 20 * i + 15)) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("caption", "figtitle", "words", "expected"),
    [
        ("IL-6 signalling in human macrophages.", None, (), [9606]),
        ("TLR4 signalling in mice.", None, (), [9606]),  # an animal: human stands in
        ("Toll signalling in Drosophila.", None, (), [9606]),
        (None, None, (), [9606]),  # nothing named
        # about plants, fungi or bacteria: no human namesakes
        ("Auxin signalling in Arabidopsis roots; Arabidopsis mutants.", None, (), []),
        ("Ergosterol synthesis.", "Engineered yeast", (), []),
        ("Biosynthesis in E. coli.", "E. coli metabolism", (), []),
        # one passing mention is a comparison, not the subject
        (
            "PERK signalling in cells. No PERK-like pathway has been found in plants.",
            None,
            (),
            [9606],
        ),
        ("NHEJ repairs breaks; first described in yeast.", None, (), [9606]),
        # gene evidence: Arabidopsis AGI codes or At-prefixed names, with a plant in the text
        ("The pathway in plants.", None, ("AT1G01060", "AT5G61380"), []),
        ("Glycyrrhetinic acid in plants.", None, ("AtCPR1", "AtCPR1 CYP72A154"), []),
    ],
)
def test_gene_organisms(lexicon, caption, figtitle, words, expected) -> None:
    found = gene_organisms(lexicon, caption=caption, figtitle=figtitle, words=_words(*words))
    assert found == expected


def test_gene_evidence_alone_names_the_plant() -> None:
    from pathfig.recognize.organisms import organisms_from_words

    assert organisms_from_words(_words("AT1G01060", "LHY AT1G01060", "AtMYB2")) == [3702]
    assert organisms_from_words(_words("AtCPR1")) == []  # one word is no evidence
    assert organisms_from_words(_words("ATP", "AKT1", "Atg5", "AT1")) == []
