"""A quick real check: PFOCR's own OCR words, matched again, against PFOCR's genes (silver).

PFOCR's list has false positives (LPS→IRF6, CBP→OPN1LW, "all"→BCR) that pathfig means not to
repeat, so only a sane floor is asserted; the agreement is printed (pytest -s) for the record.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pathfig.recognize import Lexicon, recognize
from pathfig.records import Word

SILVER = Path(__file__).resolve().parents[2].parent / "shared/bench/real/pfocr_genes.tsv"


@pytest.mark.skipif(not SILVER.is_file(), reason="needs ../shared/bench (not in the repo)")
def test_agreement_with_pfocr_silver_genes(lexicon: Lexicon) -> None:
    with SILVER.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found: dict[str, set[str]] = {}
    for row in rows:
        text = row["word"]
        if text not in found:
            mentions = recognize([Word(text, 1.0, (0, 0, 10, 10))], lexicon)
            found[text] = {m.identifier for m in mentions}
    agree = sum(row["entrez"] in found[row["word"]] for row in rows)
    share = agree / len(rows)
    print(f"\nPFOCR silver: {agree}/{len(rows)} word→gene rows agree ({share:.1%})")
    assert share > 0.85
