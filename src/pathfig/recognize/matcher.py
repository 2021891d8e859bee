"""OCR words → gene mentions: joins labels that OCR split, matches, deduplicates.

A mention keeps the OCR word it came from and that word's box; a label that OCR split into
two words (``NF-`` ``κB``, see :mod:`pathfig.recognize.layout`) is matched joined, and its
mention gets the union of the two boxes. Nothing is dropped because a neighbour was skipped
(PFOCR's skip rule lost the rest of a line); the output order is the input order, then the
lexicon's gene order.
"""

from __future__ import annotations

from collections.abc import Sequence

from pathfig.recognize import layout
from pathfig.recognize.candidates import match_token
from pathfig.recognize.lexicon import Hit, Lexicon
from pathfig.recognize.phrases import read_tokens
from pathfig.records import Mention, Word
from pathfig.taxa import HUMAN


def recognize(
    words: Sequence[Word],
    lexicon: Lexicon,
    *,
    organisms: Sequence[int] = (HUMAN,),
    min_confidence: float = 0.5,
) -> list[Mention]:
    """Gene mentions in OCR words, for each organism the lexicon has (others are skipped)."""
    kept = [w for w in words if w.confidence >= min_confidence and w.text.strip()]
    known = [o for o in dict.fromkeys(organisms) if o in lexicon.organisms]
    units = layout.units(kept, lambda text: any(match_token(text, lexicon, o) for o in known))
    mentions: list[Mention] = []
    for organism in known:
        for unit in units:
            seen: set[str] = set()
            for hit in _match_unit(unit, lexicon, organism):
                if hit.identifier not in seen:
                    seen.add(hit.identifier)
                    mentions.append(_mention(unit, hit, organism))
    return mentions


def _match_unit(unit: layout.Unit, lexicon: Lexicon, organism: int) -> list[Hit]:
    if unit.pathway:
        return []
    return read_tokens(_join_tokens(unit.tokens, lexicon, organism), lexicon, organism)


def _join_tokens(tokens: tuple[str, ...], lexicon: Lexicon, organism: int) -> list[str]:
    """Tokens of one line, with a split label joined when the join names a gene."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and layout.joinable(tokens[i], tokens[i + 1]):
            joined = layout.join(tokens[i], tokens[i + 1])
            if match_token(joined, lexicon, organism):
                out.append(joined)
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return out


def _mention(unit: layout.Unit, hit: Hit, organism: int) -> Mention:
    return Mention(
        entity="gene",
        word=unit.text,
        match=hit.match,
        identifier=hit.identifier,
        symbol=hit.symbol,
        source=hit.source,
        tier=hit.tier,
        organism=organism,
        confidence=unit.confidence,
        box=unit.box,
    )
