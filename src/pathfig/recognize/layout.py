"""Where a label's words lie: one label that OCR split into two words is joined again.

OCR splits a label on one line (``NF-`` ``κB``) and a label stacked on two lines (``TLRs``
over ``2/4``, ``PKC-`` over ``delta``). A head (ending in ``-`` or ``/``) takes the word
after it, any other word only a tail (``κB``, ``-1``, ``2/4``); the pair is joined only when
the join names a gene, and its mention gets the union of the two boxes. Words stacked over a
line that starts with ``signaling``/``pathway`` name a pathway (KEGG's link boxes), not genes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pathfig.recognize import transforms as tf
from pathfig.recognize.candidates import is_prose, strip_edges
from pathfig.recognize.phrases import is_pathway_word
from pathfig.records import Box, Word

# Two words are one label when their boxes overlap vertically by at least this share of the
# smaller height, and the horizontal gap is at most this share of the taller height.
_MIN_V_OVERLAP = 0.5
_MAX_GAP = 0.6
_MIN_GAP = -0.3  # boxes may overlap a little
# A word is stacked under another when its top is within this share of the upper word's height
# from that word's bottom, and the narrower of the two lies at least half inside the other.
_MAX_LINE_GAP = 0.6
_MIN_LINE_OVERLAP = -0.5
_MIN_H_OVERLAP = 0.5
_MAX_HEIGHTS = 2.0  # the taller of two words of one label is at most this much taller
_NUMBER_LIST = re.compile(r"^\d+(?:[/,]\d+)+$")  # 2/4, 3/7/9 under a TLRs
_PLURAL_BEFORE_NUMBER = re.compile(r"(?<=[A-Z])s$")
_MARK = re.compile(r"^[+\-]?(?:[pPuU]|Ub|ub)$")


@dataclass(frozen=True)
class Unit:
    """Text to match, with where it came from: one OCR word, or two joined."""

    text: str  # the OCR text as reported in the mention
    tokens: tuple[str, ...]  # what to match
    confidence: float
    box: Box
    pathway: bool = False  # a pathway's name: no genes


@lru_cache(maxsize=1 << 14)
def is_head(text: str) -> bool:
    """A fragment that wants a continuation: ``NF-``, ``ERK1/``."""
    return text.rstrip().endswith(("-", "/"))


@lru_cache(maxsize=1 << 14)
def is_tail(text: str) -> bool:
    """A fragment that continues a label: ``-κB``, ``κB``, ``α``, ``1/2``, ``B``, ``3/7/9``.

    Not a modification mark beside a node (KEGG's ``+p``, ``-u``): STAM over +p is STAM.
    """
    text = strip_edges(text)
    return (
        bool(text)
        and not _MARK.match(text)
        and (
            text.startswith(("-", "/"))
            or tf.greek(text[0]) != text[0]
            or len(tf.normalize(text)) <= 2
            or bool(_NUMBER_LIST.match(text))
        )
    )


def joinable(a: str, b: str) -> bool:
    """``NF-`` + ``κB``; never an English word or a single letter + a tail (``to`` + ``p-``
    is not TOP, ``G`` + ``C`` not GC)."""
    if is_head(a):
        return True
    a = strip_edges(a)
    return is_tail(b) and not is_prose(a) and len(tf.normalize(a)) > 1


def join(a: str, b: str) -> str:
    """The two fragments as one label; ``TLRs`` over ``2/4`` is TLR2/4."""
    if b[:1].isdigit():
        a = _PLURAL_BEFORE_NUMBER.sub("", a)
    return a + b


def same_line(a: Word, b: Word) -> bool:
    """``b`` continues ``a`` to its right on the same line."""
    if a.rotation != 0 or b.rotation != 0:
        return False  # boxes of rotated passes are in page coordinates; lines run vertically
    _, ay0, ax1, ay1 = a.box
    bx0, by0, _, by1 = b.box
    ha, hb = ay1 - ay0, by1 - by0
    if ha <= 0 or hb <= 0 or not 1 / _MAX_HEIGHTS <= hb / ha <= _MAX_HEIGHTS:
        return False  # one label's words are of one size
    overlap = min(ay1, by1) - max(ay0, by0)
    gap = bx0 - ax1
    tall = max(ha, hb)
    return overlap >= _MIN_V_OVERLAP * min(ha, hb) and _MIN_GAP * tall <= gap <= _MAX_GAP * tall


def below(a: Word, b: Word) -> bool:
    """``b`` is the next line of ``a``'s label, stacked under it."""
    if a.rotation != 0 or b.rotation != 0:
        return False
    ax0, ay0, ax1, ay1 = a.box
    bx0, by0, bx1, by1 = b.box
    ha, hb = ay1 - ay0, by1 - by0
    narrow = min(ax1 - ax0, bx1 - bx0)
    if ha <= 0 or hb <= 0 or narrow <= 0 or not 1 / _MAX_HEIGHTS <= hb / ha <= _MAX_HEIGHTS:
        return False
    gap = by0 - ay1
    overlap = min(ax1, bx1) - max(ax0, bx0)
    stacked = _MIN_LINE_OVERLAP * ha <= gap <= _MAX_LINE_GAP * ha
    return stacked and overlap >= _MIN_H_OVERLAP * narrow


def units(words: Sequence[Word], names_gene: Callable[[str], bool]) -> list[Unit]:
    """Words as match units; a split label whose join ``names_gene`` is one unit."""
    lasts = [w.text.split()[-1] for w in words]
    firsts = [w.text.split()[0] for w in words]
    tails = {j for j, t in enumerate(firsts) if is_tail(t)}
    rows = _Rows(words)
    partner: dict[int, int] = {}
    used: set[int] = set()
    for i, upper in enumerate(words):
        # On one line only a head can take any neighbour, otherwise the neighbour must be a
        # tail; underneath always a tail (PTPs- over SHP1/2 is two labels). The nearest word
        # to the right is tried first, then the nearest one underneath.
        head = is_head(lasts[i])
        nearby = [j for j in rows.around(upper) if j != i and j not in used]
        nearby_tails = [j for j in nearby if j in tails]
        for adjacent, gap, options in (
            (same_line, _gap_right, nearby if head else nearby_tails),
            (below, _gap_under, nearby_tails),
        ):
            if i in used or not options:
                continue
            near = sorted(
                (gap(upper, words[j]), j)
                for j in options
                if adjacent(upper, words[j]) and joinable(lasts[i], firsts[j])
            )
            # only the nearest neighbour is the continuation
            if near and names_gene(join(lasts[i], firsts[near[0][1]])):
                partner[i] = near[0][1]
                used.update((i, near[0][1]))
    pathway_lines = [j for j, first in enumerate(firsts) if is_pathway_word(first)]
    out: list[Unit] = []
    for i, word in enumerate(words):
        if i in partner:
            out.append(_joined(word, words[partner[i]]))
        elif i not in used:
            pathway = any(below(word, words[j]) for j in pathway_lines if j != i)
            tokens = tuple(word.text.split())
            out.append(Unit(word.text, tokens, word.confidence, word.box, pathway))
    return out


class _Rows:
    """Words by the top of their box, to find those that can lie beside or under a word
    without comparing every pair (figures have hundreds of words)."""

    def __init__(self, words: Sequence[Word]) -> None:
        self._order = sorted(range(len(words)), key=lambda j: words[j].box[1])
        self._tops = [words[j].box[1] for j in self._order]

    def around(self, word: Word) -> list[int]:
        """Indices of the words whose top lies where same_line or below can accept it."""
        _, y0, _, y1 = word.box
        height = max(y1 - y0, 0.0)
        lo = bisect.bisect_left(self._tops, y0 - _MAX_HEIGHTS * height)
        hi = bisect.bisect_right(self._tops, y1 + _MAX_LINE_GAP * height)
        return self._order[lo:hi]


def _gap_right(a: Word, b: Word) -> float:
    return b.box[0] - a.box[2]


def _gap_under(a: Word, b: Word) -> float:
    return b.box[1] - a.box[3]


def _joined(a: Word, b: Word) -> Unit:
    ta, tb = a.text.split(), b.text.split()
    tokens = (*ta[:-1], join(ta[-1], tb[0]), *tb[1:])
    box = (
        min(a.box[0], b.box[0]),
        min(a.box[1], b.box[1]),
        max(a.box[2], b.box[2]),
        max(a.box[3], b.box[3]),
    )
    return Unit(f"{a.text} {b.text}", tokens, min(a.confidence, b.confidence), box)
