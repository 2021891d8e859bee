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
        "FIG", "FIGURE", "PANEL",
    }
)  # fmt: skip

# Ions and charged small molecules as printed: Ca2+, Ca++, K+, Na+, Mg2+, Cl-, Zn2+, Fe3+, H+.
_ION = re.compile(r"^(?:Ca|K|Na|H|Cl|Mg|Zn|Fe|Cu|Mn|Co|Ni|Li|Cd|Hg|Pb)\d?(?:\+{1,3}|-{1,2})$")
# "Ca2" alone is how OCR often reads Ca2+ once the superscript "+" is lost.
_ION_NO_CHARGE = re.compile(r"^Ca2$")


def is_stopped(raw: str, key: str) -> bool:
    """True when a word (its raw text and its key) must not be matched to a gene."""
    return key in STOP_KEYS or bool(_ION.match(raw) or _ION_NO_CHARGE.match(raw))
