"""OCR words → gene mentions: joins labels that OCR split, matches, deduplicates.

A mention keeps the OCR word it came from and that word's box; a label that OCR split into
two words on one line (``NF-`` ``κB``) is matched joined, and its mention gets the union of the
two boxes. Nothing is dropped because a neighbour was skipped (PFOCR's skip rule lost the rest
of a line); the output order is the input order, then the lexicon's gene order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pathfig.recognize import transforms as tf
from pathfig.recognize.candidates import is_prose, match_token, strip_edges
from pathfig.recognize.lexicon import Hit, Lexicon
from pathfig.records import Box, Mention, Word
from pathfig.taxa import HUMAN

# Two words are one label when their boxes overlap vertically by at least this share of the
# smaller height, and the horizontal gap is at most this share of the taller height.
_MIN_V_OVERLAP = 0.5
_MAX_GAP = 0.6
_MIN_GAP = -0.3  # boxes may overlap a little


@dataclass(frozen=True)
class _Unit:
    """Text to match, with where it came from: one OCR word, or two joined."""

    text: str  # the OCR text as reported in the mention
    tokens: tuple[str, ...]  # what to match
    confidence: float
    box: Box


def recognize(
    words: Sequence[Word],
    lexicon: Lexicon,
    *,
    organisms: Sequence[int] = (HUMAN,),
    min_confidence: float = 0.5,
) -> list[Mention]:
    """Gene mentions in OCR words, for each organism the lexicon has (others are skipped)."""
    kept = [w for w in words if w.confidence >= min_confidence and w.text.strip()]
    units = _units(kept, lexicon, organisms)
    mentions: list[Mention] = []
    for organism in dict.fromkeys(organisms):
        if organism not in lexicon.organisms:
            continue
        for unit in units:
            seen: set[str] = set()
            for hit in _match_unit(unit, lexicon, organism):
                if hit.identifier not in seen:
                    seen.add(hit.identifier)
                    mentions.append(_mention(unit, hit, organism))
    return mentions


def _match_unit(unit: _Unit, lexicon: Lexicon, organism: int) -> list[Hit]:
    hits: list[Hit] = []
    for token in _join_tokens(unit.tokens, lexicon, organism):
        hits.extend(match_token(token, lexicon, organism))
    return hits


def _mention(unit: _Unit, hit: Hit, organism: int) -> Mention:
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


# --- joining split labels -------------------------------------------------------------------


def _is_head(text: str) -> bool:
    """A fragment that wants a continuation: ``NF-``, ``ERK1/``."""
    return text.rstrip().endswith(("-", "/"))


def _is_tail(text: str) -> bool:
    """A fragment that continues a label: ``-κB``, ``κB``, ``α``, ``1/2``, ``B``."""
    text = strip_edges(text)
    return bool(text) and (
        text.startswith(("-", "/")) or tf.greek(text[0]) != text[0] or len(tf.normalize(text)) <= 2
    )


def _joinable(a: str, b: str) -> bool:
    """``NF-`` + ``κB``; never an English word + a tail (``to`` + ``p-`` is not TOP)."""
    if _is_head(a):
        return True
    return _is_tail(b) and not is_prose(strip_edges(a))


def _join_tokens(tokens: tuple[str, ...], lexicon: Lexicon, organism: int) -> list[str]:
    """Tokens of one line, with a split label joined when the join names a gene."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and _joinable(tokens[i], tokens[i + 1]):
            joined = tokens[i] + tokens[i + 1]
            if match_token(joined, lexicon, organism):
                out.append(joined)
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return out


def _same_line(a: Word, b: Word) -> bool:
    if a.rotation != 0 or b.rotation != 0:
        return False  # boxes of rotated passes are in page coordinates; lines run vertically
    _, ay0, ax1, ay1 = a.box
    bx0, by0, _, by1 = b.box
    ha, hb = ay1 - ay0, by1 - by0
    if ha <= 0 or hb <= 0:
        return False
    overlap = min(ay1, by1) - max(ay0, by0)
    gap = bx0 - ax1
    tall = max(ha, hb)
    return overlap >= _MIN_V_OVERLAP * min(ha, hb) and _MIN_GAP * tall <= gap <= _MAX_GAP * tall


def _units(words: list[Word], lexicon: Lexicon, organisms: Sequence[int]) -> list[_Unit]:
    """Words as match units; a head/tail pair on one line whose join names a gene is one unit."""
    lasts = [w.text.split()[-1] for w in words]
    firsts = [w.text.split()[0] for w in words]
    heads = [_is_head(t) for t in lasts]
    tails = [j for j, t in enumerate(firsts) if _is_tail(t)]
    known = [o for o in dict.fromkeys(organisms) if o in lexicon.organisms]
    right_of: dict[int, int] = {}
    used: set[int] = set()
    for i, left in enumerate(words):
        # Only a head can take any right neighbour; otherwise the neighbour must be a tail.
        options = range(len(words)) if heads[i] else tails
        near = sorted(
            (words[j].box[0] - left.box[2], j)
            for j in options
            if j != i and _same_line(left, words[j]) and _joinable(lasts[i], firsts[j])
        )
        for _, j in near:
            if i in used or j in used:
                continue
            joined = lasts[i] + firsts[j]
            if any(match_token(joined, lexicon, o) for o in known):
                right_of[i] = j
                used.update((i, j))
            break  # only the nearest neighbour is the continuation
    units: list[_Unit] = []
    for i, word in enumerate(words):
        if i in right_of:
            units.append(_joined_unit(word, words[right_of[i]]))
        elif i not in used:
            units.append(_Unit(word.text, tuple(word.text.split()), word.confidence, word.box))
    return units


def _joined_unit(a: Word, b: Word) -> _Unit:
    ta, tb = a.text.split(), b.text.split()
    tokens = (*ta[:-1], ta[-1] + tb[0], *tb[1:])
    box = (
        min(a.box[0], b.box[0]),
        min(a.box[1], b.box[1]),
        max(a.box[2], b.box[2]),
        max(a.box[3], b.box[3]),
    )
    return _Unit(f"{a.text} {b.text}", tokens, min(a.confidence, b.confidence), box)
