"""The tokens of one OCR line → genes, reading names of several words and the words around.

OCR reads a line of text; :mod:`pathfig.recognize.candidates` reads one token. Between the two:

- Names of several words are read as one (``MHC class II``, ``protein kinase C``, ``IFN Beta``,
  ``STAT 1``): the longest run of up to :data:`MAX_WORDS` tokens that is a lexicon string wins
  and its tokens are not read again alone, so a generic class printed in words (``Growth
  Factor``, a family too large to name genes) hides the ``Factor`` inside it too.
- A name followed by ``receptor`` names the receptor (``EGF receptor`` → EGFR, ``IFN-γ
  receptor`` → IFNGR1/2), not the ligand; ``G-protein coupled receptor`` names neither.
- A name followed by ``cell``/``T cell`` is a cell type (``CD8 T cell``, ``CD4+ T cells``).
- A name followed by ``signaling`` or ``pathway`` names a pathway (KEGG's link boxes,
  ``JAK-STAT signaling pathway``), not its genes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pathfig.recognize.candidates import is_prose, match_piece, match_token, strip_edges
from pathfig.recognize.lexicon import Hit, Lexicon
from pathfig.recognize.transforms import normalize

MAX_WORDS = 4
_RECEPTOR = re.compile(r"^receptors?$", re.IGNORECASE)
_COUPLED = re.compile(r"^coupled$", re.IGNORECASE)
_CELL = re.compile(r"^cells?$", re.IGNORECASE)
_CELL_KIND = re.compile(r"^(?:T|B|NK|NKT|Th\d*|helper)$")
# OCR garbles these words on small print (signaing, signning, pothowny): their start is enough.
_PATHWAY_WORD = re.compile(r"^(?:sign|pathw)", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def is_pathway_word(text: str) -> bool:
    """``signaling``, ``signalling``, ``pathway`` and their OCR misreadings."""
    return bool(_PATHWAY_WORD.match(strip_edges(text)))


def read_tokens(tokens: Sequence[str], lexicon: Lexicon, organism: int) -> list[Hit]:
    """The genes a line's tokens name, phrases first, in token order."""
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        taken, found = _phrase(tokens, i, lexicon, organism) if len(tokens) > 1 else (0, [])
        if taken:
            hits.extend(found)
            i += taken
            continue
        following = [strip_edges(t) for t in tokens[i + 1 : i + 3]]
        if following and _RECEPTOR.match(following[0]):
            hits.extend(_receptor(tokens[i], lexicon, organism))
            i += 2
            continue
        if not _names_other_thing(following):
            hits.extend(match_token(tokens[i], lexicon, organism))
        i += 1
    return hits


def _names_other_thing(following: list[str]) -> bool:
    """Whether the words after a name make it a cell type, a coupled receptor or a pathway."""
    if not following:
        return False
    first = following[0]
    second = following[1] if len(following) > 1 else ""
    if _CELL.match(first) or (_CELL_KIND.match(first) and _CELL.match(second)):
        return True
    if _COUPLED.match(first) and _RECEPTOR.match(second):
        return True
    return is_pathway_word(first)


def _phrase(
    tokens: Sequence[str], start: int, lexicon: Lexicon, organism: int
) -> tuple[int, list[Hit]]:
    """(tokens taken, genes) for the longest lexicon string of several tokens at ``start``."""
    for end in range(min(len(tokens), start + MAX_WORDS), start + 1, -1):
        words = [strip_edges(t) for t in tokens[start:end]]
        if not all(words):
            continue
        phrase = " ".join(words)
        if not lexicon.knows(normalize(phrase), organism):
            continue
        # The lexicon's own names of several words (MHC class II, protein kinase C) are read
        # as such. Other phrases are names split by a space ("IL 6", "STAT 1", "IFN Beta")
        # only where no word is English ("bound to p-" is not TOP) and a word names nothing
        # alone ("TNF IL6" is two names whose letters happen to spell a third).
        hits = match_piece(phrase, lexicon, organism, prose=all(is_prose(w) for w in words))
        if not any(" " in h.match for h in hits):
            alone = [match_token(w, lexicon, organism) for w in words]
            if all(alone) or any(is_prose(w) for w in words) or len(normalize(words[0])) < 2:
                continue  # nor a single letter first ("G C" is not GC, "S 3a" not RPS3A)
        return end - start, hits
    return 0, []


def _receptor(name: str, lexicon: Lexicon, organism: int) -> list[Hit]:
    """``X receptor``: the receptor's genes when the lexicon knows ``XR`` (EGFR, IFNGR), else
    none; the ligand X is not what the label names."""
    name = strip_edges(name)
    if len(normalize(name)) < 2 or is_prose(name):
        return []  # "binding to receptor": "to" is no ligand
    return list(match_token(name + "R", lexicon, organism))
