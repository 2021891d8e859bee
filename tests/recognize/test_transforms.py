"""Each PFOCR transform on real figure labels."""

from __future__ import annotations

import pytest

from pathfig.recognize import transforms as tf


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NF–κB", "NF-κB"),  # en dash
        ("IL‐6", "IL-6"),  # Unicode hyphen
        ("ТNF", "TNF"),  # Cyrillic Т
        ("ΙKKβ", "IKKβ"),  # Greek capital iota; β kept for greek()
        ("ЕRK1/2", "ERK1/2"),
        ("TP53", "TP53"),
    ],
)
def test_homoglyphs(text: str, expected: str) -> None:
    assert tf.homoglyphs(text) == expected


def test_homoglyph_step_keeps_the_original_word() -> None:
    assert tf.with_homoglyphs("ТNF") == ["ТNF", "TNF"]
    assert tf.with_homoglyphs("TNF") == ["TNF"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ca²⁺", "Ca2+"), ("Smad2/3", "Smad2/3"), ("protéine", "proteine"), ("ﬁbrin", "fibrin")],
)
def test_deburr(text: str, expected: str) -> None:
    assert tf.deburr(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JAK1/2", ["JAK1", "JAK2"]),
        ("WNT9/10", ["WNT9", "WNT10"]),
        ("WNT9-11", ["WNT9", "WNT10", "WNT11"]),
        ("IRF1-9", [f"IRF{i}" for i in range(1, 10)]),
        ("TLR1,2,5", ["TLR1", "TLR2", "TLR5"]),
        ("IL-12/IL-23", ["IL-12", "IL-23"]),
        ("KDM6A/B", ["KDM6A", "KDM6B"]),
        ("MDA5/RIG-I", ["MDA5", "RIG-I"]),
        ("Smad2/3", ["Smad2", "Smad3"]),
        ("MyD88/Trif", ["MyD88", "Trif"]),
        ("CD8-120", ["CD8-120"]),  # not a short range
        ("IL-6", ["IL-6"]),
        ("TP53", ["TP53"]),
    ],
)
def test_expand(text: str, expected: list[str]) -> None:
    assert tf.expand(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p-AKT", ["AKT"]),
        ("pERK", ["ERK"]),
        ("phospho-STAT3", ["STAT3"]),
        ("AKT-p", ["AKT"]),
        ("c-Fos", ["Fos"]),
        ("ERKs", ["ERK"]),
        ("Smads", ["Smad"]),
        ("caspases", ["caspase"]),
        ("Fos", []),
        ("p-ERKs", ["ERKs", "p-ERK", "ERK"]),
        ("LPS", []),  # "LP" is too short to be a plural's root
        ("TP53", []),
    ],
)
def test_root(text: str, expected: list[str]) -> None:
    assert tf.root(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("IL-6", "IL6"), ("MyD88", "MYD88"), ("NF-KB", "NFKB"), ("Smad2/3", "SMAD23"), ("p38", "P38")],
)
def test_alphanumeric(text: str, expected: str) -> None:
    assert tf.alphanumeric(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NF-κB", "NF-KB"),
        ("TNFα", "TNFA"),
        ("IFN-γ", "IFN-G"),
        ("TGF-β1", "TGF-B1"),
        ("NF-kappaB", "NF-KB"),
        ("NFkappaB", "NFKB"),
        ("TNF-alpha", "TNF-A"),
        ("IKK-GAMMA", "IKK-G"),
        ("TNFALPHA", "TNFA"),
        ("PKCzeta", "PKCZ"),
        ("betaglycan", "betaglycan"),  # not a token of its own
        ("RHOA", "RHOA"),  # "rho" is not swapped
        ("PI3K", "PI3K"),  # nor "pi"
        ("III", "III"),  # PFOCR's substring swap made this 2I
    ],
)
def test_greek(text: str, expected: str) -> None:
    assert tf.greek(text) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("P13K", ["PI3K"]),
        ("IKKY", ["IKKG"]),
        ("IFNY", ["IFNG"]),
        ("IFNYR1", ["IFNGR1"]),
        ("EB13", ["EBI3"]),
        ("III", []),
        ("TP53", []),
    ],
)
def test_ocr_swaps(key: str, expected: list[str]) -> None:
    assert tf.ocr_swaps(key) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [("NF-κB", "NFKB"), ("NF–kB", "NFKB"), ("IFN-γ", "IFNG"), ("ТNF-α", "TNFA"), ("IL‐18", "IL18")],
)
def test_normalize_is_the_fixed_pipeline(text: str, key: str) -> None:
    assert tf.normalize(text) == key


def test_outputs_are_ordered_and_repeatable() -> None:
    runs = {tuple(tf.expand("TLR1,2,5/9")) for _ in range(20)}
    assert len(runs) == 1
