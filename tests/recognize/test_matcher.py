"""recognize(): OCR words → gene mentions, on real labels."""

from __future__ import annotations

import pytest

from pathfig.recognize import Lexicon, recognize
from pathfig.records import Word


def word(text: str, box: tuple[float, float, float, float] = (10, 10, 60, 30), conf=0.95) -> Word:
    return Word(text, conf, box)


def symbols(lexicon: Lexicon, *texts: str) -> dict[str, str]:
    """symbol → tier for the words, each a separate OCR word far from the others."""
    words = [word(t, (0, 100 * i, 50, 100 * i + 20)) for i, t in enumerate(texts)]
    return {m.symbol: m.tier for m in recognize(words, lexicon)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TP53", {"TP53"}),
        ("IL-6", {"IL6"}),
        ("IL‐6", {"IL6"}),  # Unicode hyphen
        ("NF-κB", {"NFKB1", "NFKB2", "REL", "RELA", "RELB"}),
        ("ERK1/2", {"MAPK1", "MAPK3"}),
        ("JAK1/2", {"JAK1", "JAK2"}),
        ("IL2/3", {"IL2", "IL3"}),  # not IL23
        ("TLR1,2,5", {"TLR1", "TLR2", "TLR5"}),
        ("WNT9-11", {"WNT11"}),  # WNT9 and WNT10 are no lexicon strings
        ("IRF1-3", {"IRF1", "IRF2", "IRF3"}),
        ("IL-12/IL-23", {"IL12A", "IL12B", "IL23A"}),
        ("p-AKT", {"AKT1", "AKT2", "AKT3"}),
        ("pERK", {"MAPK1", "MAPK3"}),  # phospho-ERK, not the PERK gene
        ("PERK", {"EIF2AK3"}),
        ("ERKs", {"MAPK1", "MAPK3"}),
        ("TNFα", {"TNF"}),
        ("IFN-γ", {"IFNG"}),
        ("Ifny", {"IFNG"}),  # γ read as y
        ("IKKY", {"IKBKG"}),
        ("P13K", {"PIK3CA", "PIK3CB", "PIK3CD", "PIK3CG", "PIK3R1", "PIK3R2", "PIK3R3"}),
        ("MyD88/Trif", {"MYD88", "TICAM1"}),  # the TLR adaptor, not TRIM69's alias "Trif"
        ("(MEK)", {"MAP2K1", "MAP2K2"}),
        ("caspases", None),  # a family, checked below
    ],
)
def test_real_labels(lexicon: Lexicon, text: str, expected: set[str] | None) -> None:
    found = set(symbols(lexicon, text))
    if expected is None:
        assert {"CASP3", "CASP8", "CASP9"} <= found
    else:
        assert expected <= found, found
        if text not in ("NF-κB", "P13K", "WNT9-11", "IL-12/IL-23"):
            assert found == expected


def test_tiers(lexicon: Lexicon) -> None:
    assert symbols(lexicon, "TP53") == {"TP53": "strict"}
    assert symbols(lexicon, "p53") == {"TP53": "synonyms"}
    assert symbols(lexicon, "PRKM3") == {"MAPK3": "synonyms"}  # a previous symbol
    assert symbols(lexicon, "ERK1/2") == {"MAPK1": "all", "MAPK3": "all"}  # a FamPlex string


@pytest.mark.parametrize(
    "text",
    # PFOCR's false positives in pfocr-format/ (ATP→ATP8A2, LPS→IRF6, FIND→DCSTAMP), English
    # words, ions and small molecules
    ["ATP", "ATP.", "LPS", "(LPS,", "FIND", "and", "the", "AND", "Ca2+", "Ca²⁺", "K+", "DNA",
     "RNA", "CELL", "Cells", "ROS", "NO", "cAMP", "ER", "cat", "was", "set", "P", "+", "fat"],
)  # fmt: skip
def test_not_genes(lexicon: Lexicon, text: str) -> None:
    assert symbols(lexicon, text) == {}


def test_asc_is_pycard_only(lexicon: Lexicon) -> None:
    assert symbols(lexicon, "ASC") == {"PYCARD": "synonyms"}


def test_label_split_in_two_ocr_words_is_joined(lexicon: Lexicon) -> None:
    words = [Word("NF-", 0.9, (100, 50, 130, 70)), Word("κB", 0.8, (132, 51, 150, 69))]
    mentions = recognize(words, lexicon)
    assert {m.symbol for m in mentions} >= {"NFKB1", "RELA"}
    assert {m.box for m in mentions} == {(100, 50, 150, 70)}
    assert {m.word for m in mentions} == {"NF- κB"}
    assert {m.confidence for m in mentions} == {0.8}


def test_words_on_different_lines_are_not_joined(lexicon: Lexicon) -> None:
    words = [Word("NF-", 0.9, (100, 50, 130, 70)), Word("κB", 0.9, (132, 150, 150, 169))]
    assert not {"RELA", "NFKB1"} & {m.symbol for m in recognize(words, lexicon)}


def test_mention_fields_and_box(lexicon: Lexicon) -> None:
    [mention] = recognize([Word("IL-6", 0.93, (1.0, 2.0, 3.0, 4.0))], lexicon)
    assert mention.entity == "gene"
    assert mention.word == "IL-6"
    assert (mention.identifier, mention.symbol) == ("3569", "IL6")
    assert (mention.source, mention.tier, mention.organism) == ("ncbigene_symbol", "strict", 9606)
    assert mention.confidence == 0.93
    assert mention.box == (1.0, 2.0, 3.0, 4.0)


def test_source_names(lexicon: Lexicon) -> None:
    by_symbol = {m.symbol: m for m in recognize([word("ERK")], lexicon)}
    assert by_symbol["MAPK3"].source == "famplex_relations"
    assert by_symbol["MAPK1"].source == "ncbigene_synonym"


def test_low_confidence_words_are_skipped(lexicon: Lexicon) -> None:
    assert recognize([word("TP53", conf=0.3)], lexicon) == []
    assert recognize([word("TP53", conf=0.3)], lexicon, min_confidence=0.2)


def test_one_mention_per_word_and_gene(lexicon: Lexicon) -> None:
    mentions = recognize([word("TP53/p53")], lexicon)
    assert [m.symbol for m in mentions] == ["TP53"]


def test_each_occurrence_is_kept(lexicon: Lexicon) -> None:
    words = [word("TP53", (0, 0, 10, 10)), word("TP53", (0, 500, 10, 510))]
    assert [m.box for m in recognize(words, lexicon)] == [(0, 0, 10, 10), (0, 500, 10, 510)]


def test_a_line_of_words_keeps_every_gene(lexicon: Lexicon) -> None:
    # PFOCR's skip rule dropped the rest of a line after a skipped word
    mentions = recognize([word("ATP activates AKT and TP53")], lexicon)
    assert {"AKT1", "TP53"} <= {m.symbol for m in mentions}


def test_deterministic(lexicon: Lexicon) -> None:
    words = [
        word(t, (0, 30 * i, 40, 30 * i + 20))
        for i, t in enumerate(
            ["NF-κB", "MyD88/Trif", "TLR1,2,5", "p38", "PI3K", "AKT", "ERK1/2", "STAT3"]
        )
    ]
    first = recognize(words, lexicon)
    assert all(recognize(words, lexicon) == first for _ in range(5))


def test_unknown_organism_is_skipped(lexicon: Lexicon) -> None:
    assert recognize([word("TP53")], lexicon, organisms=(7227,)) == []
    assert len(recognize([word("TP53")], lexicon, organisms=(9606, 7227))) == 1


# --- rules of recognizer version 2, each on labels printed in real figures -----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # generic FamPlex classes (> MAX_FAMILY members) name no gene
        ("Proteasome", set()),
        ("26s Proteasome", set()),
        ("HISTONE", set()),
        ("PP1", set()),  # FamPlex PP1 counts ~70 holoenzyme subunits
        # ... while real families are still expanded
        ("Hsp70", {"HSPA1A", "HSPA8", "HSPA5"}),
        ("HDAC", {"HDAC1", "HDAC2", "SIRT1"}),
        # two-character keys: an alias or family only when printed exactly so
        ("mT", set()),  # not metallothioneins
        ("GA", set()),  # not G alpha
        ("GI", set()),
        ("PS", set()),  # phosphatidylserine, not PRB2
        ("RH", set()),
        ("E3", set()),
        ("AR", {"AR"}),  # an approved symbol still matches
        ("Hh", {"SHH", "IHH", "DHH"}),  # printed as FamPlex writes it
        # the same digits split differently are another gene
        ("MIR124-3", {"MIR124-3"}),
        ("MIR1243", {"MIR1243"}),
        # aliases of several genes and the symbol of none
        ("NS1", set()),  # IVNS1ABP, PTPN11: a viral protein in figures
        ("p97", set()),
        ("TRBP", set()),
        ("p53", {"TP53"}),  # an alias of one gene stays
        # a final 1 read as I
        ("TLRI", {"TLR1"}),
        ("IDII", {"IDI1"}),
        ("SMADI", {"SMAD1"}),
        # microRNA arms and arrows
        ("miR-200a-3p↑", {"MIR200A"}),
        ("miR-21-5p", {"MIR21"}),
        # MHC as in immunology
        ("MHC", set()),
        ("MHCI", {"HLA-A", "HLA-B", "HLA-C", "HLA-E", "HLA-F", "HLA-G"}),
        ("MHC-II", {"HLA-DRA", "HLA-DRB1", "HLA-DQA1", "HLA-DPB1", "HLA-DMA", "HLA-DOB"}),
        ("HLADM", {"HLA-DMA", "HLA-DMB"}),
    ],
)
def test_version_2_rules(lexicon: Lexicon, text: str, expected: set[str]) -> None:
    found = set(symbols(lexicon, text))
    if text in ("Hsp70", "HDAC", "MHC-II"):
        assert expected <= found, found
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("bound to p-", {}), ("STAT1 bound to p-", {"STAT1": "strict"})]
)
def test_prose_never_joins_a_tail(lexicon: Lexicon, text: str, expected: dict) -> None:
    """``to`` + ``p-`` was read as TOP (topoisomerases); an English word takes no tail."""
    assert symbols(lexicon, text) == expected


def test_head_still_joins(lexicon: Lexicon) -> None:
    assert "RELA" in symbols(lexicon, "NF- κB")
