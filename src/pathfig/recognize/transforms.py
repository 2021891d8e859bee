"""PFOCR's text transforms, as small pure functions applied in a fixed order.

PFOCR's order is homoglyphs → deburr → expand → root → alphanumeric → swaps. Swaps come in two
kinds here: Greek letters and letter names (:func:`greek`) need the original letter case to
find their boundaries, so they run just before :func:`alphanumeric`; OCR confusions
(:func:`ocr_swaps`) work on the upper-case key after it. Every function returns its results in
a fixed order (never iterates over a set) so that recognition is deterministic.

PFOCR bugs not repeated: swaps are whole-token or anchored patterns (never a bare substring
replace that turned ``III`` into ``2I``); the homoglyph step keeps the original word beside
the cleaned one; nothing here drops the rest of a line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Look-alikes that OCR (and authors' fonts) put in place of Latin letters and the ASCII hyphen.
# Lower-case Greek letters with a meaning of their own (α, β, γ, κ …) are NOT here: greek() maps
# them to their Latin letter. Upper-case Greek look-alikes are Latin letters in any label.
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h",
        # Greek capitals that look Latin, and omicron
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
        # dashes, minus signs and hyphens → ASCII hyphen
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹣": "-",
        "－": "-", "⁃": "-",
        # slashes and primes
        "⁄": "/", "∕": "/", "／": "/", "′": "'", "’": "'", "‘": "'",
        # OCR's dollar for an S (AKT1$1); no label has a dollar sign
        "$": "S",
    }
)  # fmt: skip


def homoglyphs(text: str) -> str:
    """Replace look-alike characters with the ASCII ones they stand for."""
    return text.translate(_HOMOGLYPHS)


def with_homoglyphs(text: str) -> list[str]:
    """The word and its homoglyph-cleaned form, original first (PFOCR dropped the original)."""
    cleaned = homoglyphs(text)
    return [text] if cleaned == text else [text, cleaned]


def deburr(text: str) -> str:
    """Drop accents and fold compatibility forms (``Ca²⁺`` → ``Ca2+``, ``ﬁ`` → ``fi``).

    NFKD would also fold the micro sign into Greek mu, which greek() then maps like any mu.
    """
    if text.isascii():
        return text  # the common case, and the hot path
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- expand -------------------------------------------------------------------------------

_RANGE = re.compile(r"^(?P<root>.*?\D)(?P<start>\d+)-(?P<end>\d+)$")
_MAX_RANGE = 8  # WNT9-11 and IRF1-9 are ranges; CD8-120 is not
# A parenthesis opens a note (B2M(21-119), NFkB(complex), IPA's "DHRS2.(includes …)"), a
# segment of its own. A plus joins two names of three characters or more (AICD+Fe65; not
# NF+B, AMP+PP, the "+p" of a phosphorylation).
_SEGMENT_SEP = re.compile(r"[()]|(?<=[A-Za-z0-9]{3})\+(?=[A-Za-z0-9]{3})")
# Within a segment commas list genes, sharing a root (TLR1,2,5); a colon joins the parts of a
# complex (Reactome's IFNGR2:p-JAK2), but not numbers (the lipid C18:1, IPA's EG:10202).
_LIST_SEP = re.compile(r"[,;]|:(?!\d)")
_TRAILING_CHUNK = re.compile(r"^(?P<root>.*?)(?P<tail>\d+|[A-Za-z])$")


def expand(text: str) -> list[str]:
    """Split a label that names several genes into one string per gene.

    ``JAK1/2`` → JAK1, JAK2; ``KDM6A/B`` → KDM6A, KDM6B; ``IL-12/IL-23`` → IL-12, IL-23;
    ``TLR1,2,5`` → TLR1, TLR2, TLR5; ``WNT9-11`` → WNT9, WNT10, WNT11. A label that is not a
    list comes back alone.
    """
    out: list[str] = []
    for segment in _SEGMENT_SEP.split(text):
        chunks = [c.strip() for c in _LIST_SEP.split(segment) if c.strip()]
        for chunk in _share_root(chunks) if len(chunks) > 1 else chunks:
            for part in _expand_slash(chunk):
                out.extend(_expand_range(part))
    return _distinct(p for p in out if p)


def _expand_slash(text: str) -> list[str]:
    parts = [p for p in text.split("/") if p]
    if len(parts) < 2:
        return parts
    return _share_root(parts)


def _share_root(parts: list[str]) -> list[str]:
    """Give short trailing chunks (``2`` in JAK1/2, ``B`` in KDM6A/B) the first chunk's root."""
    first = parts[0]
    out = [first]
    for part in parts[1:]:
        part = part.removeprefix("-") if part[1:].isdigit() else part  # SOCS-1/-3
        short = part.isdigit() or (len(part) == 1 and part.isalpha())
        match = _TRAILING_CHUNK.match(first)
        if short and match and match.group("root"):
            tail_is_digit = match.group("tail").isdigit()
            if tail_is_digit == part.isdigit():
                out.append(match.group("root") + part)
                continue
        out.append(part)
    return out


def _expand_range(text: str) -> list[str]:
    match = _RANGE.match(text)
    if not match:
        return [text]
    start, end = int(match.group("start")), int(match.group("end"))
    if not 0 < end - start <= _MAX_RANGE:
        return [text]
    root = match.group("root")
    return [f"{root}{n}" for n in range(start, end + 1)]


# --- root ---------------------------------------------------------------------------------

_PHOSPHO_PREFIX = re.compile(r"^(?:phospho-?|p-|P-|p(?=[A-Z]))")
_OTHER_PREFIX = re.compile(r"^c-(?=[A-Za-z])")
_PHOSPHO_SUFFIX = re.compile(r"-[pP]$")
# A microRNA's arm (miR-200a-3p, miR-21-5p) names the same gene, MIR200A, MIR21.
_MIR_ARM = re.compile(r"^((?:hsa-|mmu-)?mi[Rr]-?\d+[a-z]?(?:-\d+)?)-[35]p$")
# A plural "s" after an upper-case letter or digit (ERKs, MMPs, CDK4s); after lower case only
# in a longer word (caspases, Smads), since "Fos" and "Gas" are names, not plurals.
_PLURAL = re.compile(r"(?<=[A-Z0-9])s$|(?<=[a-z]{3})s$")

_ROOT_PATTERNS = (
    (_PHOSPHO_PREFIX, ""),
    (_OTHER_PREFIX, ""),
    (_PHOSPHO_SUFFIX, ""),
    (_MIR_ARM, r"\1"),
)


def root(text: str) -> list[str]:
    """Forms without a modification prefix or suffix, or a plural ``s`` (the word excluded).

    ``p-AKT``/``pAKT``/``phospho-AKT`` → AKT, ``AKT-p`` → AKT, ``c-Fos`` → Fos, ``ERKs`` → ERK,
    ``miR-200a-3p`` → miR-200a.
    A plural is only removed where at least three characters remain (PFOCR's rule).
    Prefix and suffix are removed one at a time, never both.
    """
    out: list[str] = []
    for pattern, replacement in _ROOT_PATTERNS:
        stripped = pattern.sub(replacement, text)
        if stripped != text and stripped:
            out.append(stripped)
    for form in [text, *out]:
        singular = _PLURAL.sub("", form)
        if singular != form and len(singular) >= 3:
            out.append(singular)
    return _distinct(out)


def is_phospho_form(text: str) -> bool:
    """``pERK``: a lower-case p glued to an upper-case name means phospho, not the PERK gene."""
    return bool(re.match(r"^p[A-Z]", text))


# --- Greek letters and their names ----------------------------------------------------------

_GREEK_LETTERS = str.maketrans(
    {
        "α": "A", "β": "B", "γ": "G", "δ": "D", "ε": "E", "ζ": "Z", "η": "H", "θ": "Q",
        "ι": "I", "κ": "K", "λ": "L", "μ": "M", "ν": "N", "ξ": "X", "π": "P", "ρ": "R",
        "σ": "S", "ς": "S", "τ": "T", "υ": "U", "φ": "F", "χ": "C", "ψ": "Y", "ω": "W",
        "ϰ": "K", "ϐ": "B", "ϵ": "E", "ϑ": "Q", "ϕ": "F",
        "Γ": "G", "Δ": "D", "Θ": "Q", "Λ": "L", "Ξ": "X", "Π": "P", "Σ": "S", "Φ": "F",
        "Ψ": "Y", "Ω": "W",
    }
)  # fmt: skip

# Only names long enough not to hide inside symbols: "eta", "pi", "rho", "tau", "mu" would
# (BETA, PI3K, RHOA, the MAPT alias "tau").
_GREEK_NAMES = {
    "alpha": "A", "beta": "B", "gamma": "G", "delta": "D", "epsilon": "E", "zeta": "Z",
    "theta": "Q", "iota": "I", "kappa": "K", "lambda": "L", "sigma": "S", "omega": "W",
}  # fmt: skip
_NAMES = "|".join(_GREEK_NAMES)
# A name counts where it is a token of its own: lower case not glued to lower-case letters
# (NF-kappaB, TNFalpha, NFkappaB), title case likewise, upper case with a non-letter (or the
# end) on at least one side (IKK-GAMMA, TNFALPHA) — never inside a word like "betaglycan".
_GREEK_NAME_RE = re.compile(
    rf"(?<![a-z])(?:{_NAMES})(?![a-z])"
    rf"|(?<![A-Za-z])(?:{_NAMES.title()})(?![a-z])"
    rf"|(?<![A-Za-z])(?:{_NAMES.upper()})|(?:{_NAMES.upper()})(?![A-Za-z])"
)


def greek(text: str) -> str:
    """Greek letters and letter names → the Latin letter HGNC uses (``NF-κB`` → ``NF-KB``)."""
    replaced = _GREEK_NAME_RE.sub(lambda m: _GREEK_NAMES[m.group(0).lower()], text)
    return replaced.translate(_GREEK_LETTERS)


# --- alphanumeric -------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^A-Z0-9]")


def alphanumeric(text: str) -> str:
    """Upper case, only ASCII letters and digits: ``IL-6`` → ``IL6``."""
    return _NON_ALNUM.sub("", text.upper())


# --- OCR confusions -----------------------------------------------------------------------

# On the raw text, where case tells them apart, and in place of the word: "elF4E" is never the
# ELF4 gene but eIF4E with its capital I read as l; "IxB" and "NF-xB" have kappa read as x.
_OCR_TEXT_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(p-?)?elF(?=\d)"), r"\1eIF"),
    (re.compile(r"^(p-?)?I[xX](?=B)"), r"\1Iκ"),
    (re.compile(r"^NF-?[xX](?=B)"), "NF-κ"),
)


def fix_ocr_text(text: str) -> str:
    """The word with the OCR misreadings that only one name can have undone (``elF2``)."""
    for pattern, replacement in _OCR_TEXT_FIXES:
        text = pattern.sub(replacement, text)
    return text


# Anchored patterns on the upper-case key, each giving an alternative reading to try when the
# key itself matches nothing.
_OCR_SWAPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^P13K"), "PI3K"),  # 1 read for I
    (re.compile(r"^EB13$"), "EBI3"),
    (re.compile(r"^(?=[A-Z0-9]*[A-Z]{2})([A-Z0-9]{2,})Y$"), r"\1G"),  # γ read as Y: IKKY, IFNY
    (re.compile(r"^(IFN|IKK|PLC|PKC|PPAR|RAR|RXR|PIK3C|HNF4)Y"), r"\1G"),  # IFNYR1, PLCY2
    (re.compile(r"^RIG1$"), "RIGI"),
    (re.compile(r"^SLC0(?=\d)"), "SLCO"),  # O read as 0: SLC01A2 is SLCO1A2 (no SLC0 genes)
    # A final 1 read as I after a letter-only name of three or more: TLRI, IDII, SMADI.
    (re.compile(r"^([A-Z]{3,})I$"), r"\g<1>1"),
)


def ocr_swaps(key: str) -> list[str]:
    """Readings of an upper-case key with OCR's usual confusions undone (``P13K`` → ``PI3K``)."""
    out = []
    for pattern, replacement in _OCR_SWAPS:
        swapped = pattern.sub(replacement, key)
        if swapped != key:
            out.append(swapped)
    return _distinct(out)


# --- letter case ----------------------------------------------------------------------------

CASED_KEY = 4  # up to this many key characters, letter case tells names apart
_ANY_CASE = re.compile(r"^(?:p\d|c-)")  # p38, c-Myc: printed either way (P38, C-MYC)


def all_capitals(text: str) -> bool:
    """Letters, none of them lower case (Greek ones included): ``KIR``, ``CAM``, ``US9``."""
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def mixed_case_name(text: str) -> bool:
    """A name whose lower-case letters matter (``Kir``, ``CaM``), not ``p38`` or ``c-Myc``,
    which figures print either way (``P38``, ``C-MYC``)."""
    # Greek letters stand for Latin capitals (IκB is printed IKB): only ASCII case counts.
    return any("a" <= c <= "z" for c in text) and not _ANY_CASE.match(text)


# --- the fixed pipeline for one string ------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """The lexicon key of a string: homoglyphs → deburr → Greek → alphanumeric.

    Lexicon strings and OCR strings go through the same function, so they meet on the key.
    """
    return alphanumeric(greek(deburr(homoglyphs(text))))


def _distinct(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
