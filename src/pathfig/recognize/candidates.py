"""From one piece of OCR text to the genes it names: readings in a fixed order, first hit wins.

A token is tried whole first (``ERK1/2`` and ``NF-κB`` are lexicon strings themselves), then
split into the genes a list names (``JAK1/2``, ``TLR1,2,5``); each piece is tried as written,
then without a modification prefix or plural (``p-AKT``, ``ERKs``), then with OCR confusions
undone (``P13K``). Within one reading the lexicon has already ranked the genes
(:mod:`pathfig.recognize.build`); the first reading with any gene is the answer, so a weaker
reading never adds genes to a stronger one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pathfig.recognize import transforms as tf
from pathfig.recognize.lexicon import Hit, Lexicon
from pathfig.recognize.stoplist import STOP_KEYS, is_stopped

_EDGE = re.compile(r"^[\s.,;:!?()\[\]{}<>\"'*•·|_~↑↓→←]+|[\s.,;:!?()\[\]{}<>\"'*•·|_~↑↓→←]+$")
_MIN_DASH_PART = 3
SHORT_KEY = 2
_DIGITS = re.compile(r"\d+")
_PLURAL_S = re.compile(r"(?<=[A-Z0-9])s$")
# Reactome numbers a gene's isoforms after a dash: PTPN2-1, STAT1-1 (ranges are expanded first).
_ISOFORM = re.compile(r"^(.*\d)-\d$")


def _same_numbers(printed: list[str], written: list[str]) -> bool:
    """False only when both hold the same digits, grouped into other numbers."""
    return printed == written or "".join(printed) != "".join(written)


_LIST_SEPARATORS = ("/", ",", ";")  # PI3K-AKT is two names; TNF-R is one


@lru_cache(maxsize=1 << 16)
def strip_edges(text: str) -> str:
    """Drop punctuation that OCR glues to a label (``ATP.``, ``(MEK)``)."""
    return _EDGE.sub("", text)


def is_prose(token: str) -> bool:
    """All lower-case letters: an English word more likely than a label (``and``, ``cat``).

    Judged on the whole token, so the ``stat`` of ``Jak/stat`` is still a label.
    """
    return token.isalpha() and token.islower()


_MEMO_LIMIT = 200_000


def match_token(token: str, lexicon: Lexicon, organism: int) -> tuple[Hit, ...]:
    """The genes one whitespace-free token names, best reading first, one hit per gene."""
    memo = lexicon.token_memo
    found = memo.get((organism, token))
    if found is None:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        found = memo[(organism, token)] = tuple(_match_token(token, lexicon, organism))
    return found


def _match_token(token: str, lexicon: Lexicon, organism: int) -> list[Hit]:
    token = tf.fix_ocr_text(strip_edges(token))
    if not token:
        return []
    prose = is_prose(token)
    separators = [c for c in _LIST_SEPARATORS if c in token]
    for reading in tf.with_homoglyphs(token):
        if is_stopped(tf.deburr(tf.homoglyphs(reading)), tf.normalize(reading)):
            return []
        # pERK is read rooted first even whole; other tokens are read as printed first.
        phospho = tf.is_phospho_form(reading)
        whole = _match_piece(reading, lexicon, organism, prose=prose, allow_root=phospho)
        # "ERK1/2" is a lexicon string; "IL2/3" matched as "IL23" is not what was printed.
        whole = [h for h in whole if all(c in h.match for c in separators)]
        if whole:
            return whole
    cleaned = tf.deburr(tf.homoglyphs(token))
    pieces = tf.expand(cleaned)
    hits = _match_all(pieces, lexicon, organism, prose) if pieces != [cleaned] else []
    if not hits:
        hits = _match_piece(cleaned, lexicon, organism, prose=prose, allow_root=True)
    if not hits and "-" in cleaned:
        parts = [p for p in cleaned.split("-") if len(p) >= _MIN_DASH_PART]
        if len(parts) > 1:
            # Each part of a compound is its own word: the "cis" of cis-Golgi is English.
            hits = _match_all([p for p in parts if not is_prose(p)], lexicon, organism, prose)
        elif isoform := _ISOFORM.match(cleaned):
            hits = _match_piece(isoform.group(1), lexicon, organism, prose=prose, allow_root=True)
    return hits


def _match_all(pieces: list[str], lexicon: Lexicon, organism: int, prose: bool) -> list[Hit]:
    best: dict[str, Hit] = {}
    for piece in pieces:
        found = _match_piece(strip_edges(piece), lexicon, organism, prose=prose, allow_root=True)
        for hit in found:
            held = best.get(hit.identifier)
            if held is None or hit.rank < held.rank:
                best[hit.identifier] = hit
    return list(best.values())


def readings(piece: str, *, allow_root: bool) -> list[str]:
    """Keys to try for one piece, in order: as written, rooted, OCR swaps of each."""
    plain = tf.normalize(piece)
    rooted = [tf.normalize(r) for r in tf.root(piece)] if allow_root else []
    # pERK is phospho-ERK, not the PERK gene: the rooted form goes first.
    keys = [*rooted, plain] if rooted and tf.is_phospho_form(piece) else [plain, *rooted]
    keys = [k for k in keys if k]
    return list(dict.fromkeys([*keys, *(s for k in keys for s in tf.ocr_swaps(k))]))


def match_piece(piece: str, lexicon: Lexicon, organism: int, *, prose: bool) -> list[Hit]:
    """The genes one reading of a piece names: as written, rooted, OCR swaps; no splitting.

    For a phrase of several words (:mod:`pathfig.recognize.phrases`), which must name a gene
    as a whole or not at all.
    """
    return _match_piece(strip_edges(piece), lexicon, organism, prose=prose, allow_root=True)


def _match_piece(
    piece: str, lexicon: Lexicon, organism: int, *, prose: bool, allow_root: bool
) -> list[Hit]:
    if not piece:
        return []
    # Up to four characters, a family name that FamPlex writes only in mixed case is another
    # name printed in capitals: CAMs (adhesion molecules) is not CaM (calmodulin). Such a key is
    # skipped, so that another reading may still match. A plural "s" is no part of the name.
    capitals = tf.all_capitals(_PLURAL_S.sub("", piece))
    for key in readings(piece, allow_root=allow_root):
        if key in STOP_KEYS or is_stopped(piece, key):
            return []
        if capitals and lexicon.cased(key, organism):
            continue
        hits = _admissible(lexicon.lookup(key, organism), key, prose, piece)
        if hits:
            return hits
    return []


def _short_key_admits(hit: Hit, piece: str) -> bool:
    """A two-character key: its approved symbol, or a family printed as FamPlex writes it."""
    return hit.rank == 0 or (hit.family and hit.match == piece)


def _admissible(hits: tuple[Hit, ...], key: str, prose: bool, piece: str) -> list[Hit]:
    """Drop hits that a word of this shape cannot carry.

    One-letter keys never count (``P`` is a phosphate mark). Lower-case prose only matches
    lexicon strings that are themselves written with lower case (``p38``, ``caspases``,
    ``Akt``), never an upper-case symbol (``cat``, ``set``, ``was``), and never a short or an
    ambiguous alias. No word matches an alias of several genes that is the symbol of none
    (``NS1``, ``p97``, ``TRBP``): which gene is meant is unknown. A family's name is not such
    an alias even where it is an alias of every member (``eIF2B``).

    A two-character key is too easily something else (``mT`` for mTOR, ``GA`` for gibberellin,
    ``PS`` for phosphatidylserine, ``T4`` for thyroxine, ``NU``, ``AA``, ``p3``): only its
    approved symbol matches on the key, or a family name printed exactly as the lexicon writes
    it, case included (``Hh``); never an alias.
    """
    if len(key) < 2 or not hits:
        return []
    if len(key) == SHORT_KEY:
        hits = tuple(h for h in hits if _short_key_admits(h, piece))
    if piece.isalpha():
        # An approved name of several words meets a one-word token only across a digit or a
        # hyphen (Caspase-8, Beclin1): "proteins" is not "protein S".
        hits = tuple(h for h in hits if h.tier != "synonyms" or " " not in h.match)
    digits = _DIGITS.findall(piece)
    if digits:
        # MIR124-3 is not MIR1243: the same digits split differently are another name.
        hits = tuple(h for h in hits if _same_numbers(digits, _DIGITS.findall(h.match)))
    if len(hits) > 1 and all(h.tier == "synonyms" and not h.family for h in hits):
        return []  # an alias of several genes and the symbol of none: which one is unknown
    if not prose:
        return list(hits)
    if len(key) <= 2:
        return []
    kept = [h for h in hits if h.from_lowercase]
    if sum(1 for h in kept if h.tier == "synonyms") > 1:
        kept = [h for h in kept if h.tier != "synonyms"]
    return kept
