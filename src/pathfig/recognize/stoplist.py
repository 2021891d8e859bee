"""Words that look like gene aliases but, in a pathway figure, almost never are.

Two lists: upper-case keys (after :func:`~pathfig.recognize.transforms.normalize`) that never
count as a gene, and raw patterns for ions and small molecules whose key collides with a real
symbol (``Ca2+`` → ``CA2``, the carbonic anhydrase gene), which must be caught before the
``+`` is dropped. FamPlex's grounding map adds more at build time: a string that it grounds to
a chemical or a GO/MeSH term (``ROS``, ``cAMP``, ``ER``) is not matched through aliases either.
"""

from __future__ import annotations

import re

# Keys that collide with HGNC aliases or previous symbols (or FamPlex strings) in NCBI's or
# HGNC's tables. An approved symbol on this list is still blocked: a figure's "NO" is nitric
# oxide, its "CELL" a cell. ASC is NOT here: in HGNC it is only PYCARD's alias (the STS
# collision PFOCR made came from NCBI's older synonym table), and ASC in an inflammasome figure
# is PYCARD.
STOP_KEYS: frozenset[str] = frozenset(
    {
        # English words
        "A", "AN", "AND", "ARE", "AS", "AT", "BE", "BUT", "BY", "CAN", "FOR", "FROM", "IN",
        "INTO", "IS", "IT", "NOT", "OF", "ON", "OFF", "OR", "OUT", "THE", "TO", "UP", "VIA",
        "WITH", "FIND", "CELL", "CELLS", "DEATH", "GROWTH", "SURVIVAL", "STRESS", "ACTIVE",
        "LOSS", "GAIN", "HIGH", "LOW", "FAST", "SLOW", "KEY", "MAP", "END", "LARGE", "SMALL",
        # nucleic acids, small molecules, ions and radicals
        "DNA", "RNA", "MRNA", "MIRNA", "LNCRNA", "ATP", "ADP", "AMP", "GTP", "GDP", "CAMP",
        "CGMP", "NAD", "NADH", "NADP", "NADPH", "FAD", "COA", "ACCOA", "LPS", "ROS", "RNS",
        "NO", "CO", "CO2", "O2", "H2O", "H2O2", "IP3", "DAG", "PIP2", "PIP3", "GSH", "GSSG",
        "LDL", "HDL", "VLDL", "UV", "PH", "CA", "NA", "MG", "ZN", "FE", "CU", "CL", "GMP",
        # Roman numerals (Angiotensin II, complex III)
        "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
        # cell compartments and lab abbreviations
        "ER", "ECM", "PM", "ROI", "WT", "KO", "SIRNA", "SHRNA", "PCR", "ELISA", "FACS",
        "IHC", "MW", "KDA", "NM", "UM", "MM", "HR", "HRS", "MIN",
        # figure furniture
        "FIG", "FIGURE", "PANEL", "TYPE", "TYPES",
        # complexes, compartments and cell types that share a key with an obscure alias:
        # RISC (SCPEP1), TGN (TG), Th1 (NELFCD)
        "RISC", "TGN", "TH1", "TH2", "TH9", "TH17", "TH22", "TREG", "TREGS",
    }
)  # fmt: skip

# Ions and charged small molecules as printed: Ca2+, Ca++, K+, Na+, Mg2+, Cl-, Zn2+, Fe3+, H+.
# The charge may come out of OCR as any sign at all ("Ca²□" in rendered WikiPathways figures).
_ION = re.compile(
    r"^(?:Ca|K|Na|H|Cl|Mg|Zn|Fe|Cu|Mn|Co|Ni|Li|Cd|Hg|Pb)\d?(?:\+{1,3}|-{1,2}|[^\w\s()])$"
)
# "Ca2" alone is how OCR often reads Ca2+ once the superscript "+" is lost.
_ION_NO_CHARGE = re.compile(r"^Ca2$")
# Response elements printed in capitals are DNA sequences, not the genes or families whose key
# they share (GAS: gamma-activated sequence, not FamPlex's "G alphaS"; HSE: heat-shock
# element, not HSD17B6). Matched on the raw text: "Gαs" is still the G protein.
_DNA_ELEMENT = re.compile(r"^(?:GAS|ISRE|HSE|SBE|CRE|SRE|ERE|GRE|HRE|TRE|RARE|XRE|DRE)s?$")


# Phosphoinositides and inositol phosphates: PI(3)P, PI(4,5)P2, PtdIns(3,4,5)P3, PI4P,
# Ins(1,4,5)P3 (whose keys or first segments spell genes: PI45P2, INS).
_PHOSPHOINOSITIDE = re.compile(r"^(?:PI|PtdIns|Ins)\(?[\d,]+\)?P\d?$")
# poly(I:C), the synthetic dsRNA ("Poly" alone is POLG's alias).
_POLY_IC = re.compile(r"^[Pp]oly\s?\(?I:?C\)?$")
_RAW_STOPS = (_ION, _ION_NO_CHARGE, _DNA_ELEMENT, _PHOSPHOINOSITIDE, _POLY_IC)


def is_stopped(raw: str, key: str) -> bool:
    """True when a word (its raw text and its key) must not be matched to a gene."""
    return key in STOP_KEYS or any(pattern.match(raw) for pattern in _RAW_STOPS)
