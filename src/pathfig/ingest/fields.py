"""Value cleaning, figure-number normalisation and derived PFOCR fields, for every source."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pathfig.records import Figure

# How R and spreadsheets spell "missing"; PFOCR's R wrote `.na.character` into real records.
NA_VALUES = frozenset({"", "NA", ".na.character", "NULL"})

_PMCID_PREFIX = re.compile(r"^(PMC\d+)__")
_ORGANISM_SEPARATOR = re.compile(r"[|;]")

# "Figure 3", "Fig. (3)", "FIG 3A", "Figure S1", "Supplementary Figure 1", "F3", "S1".
_LABEL = re.compile(
    r"""^\s*(?P<supp>(?:supplementa(?:ry|l)|suppl?\.?|additional)\s*)?
        (?:figure|fig\.?|f)?\s*
        \(?\s*(?P<s>s)?\s*[-.]?\s*(?P<n>\d+)""",
    re.IGNORECASE | re.VERBOSE,
)
# JATS <fig id="..."> values that encode the number: "F3", "f3", "fig3", "Fig-3", "figure3", "S1".
_FIG_ID = re.compile(r"^(?:(?P<f>f|fig|figure)|(?P<s>s|sf|figs))[-_]?(?P<n>\d+)$", re.IGNORECASE)


def clean(value: object) -> str | None:
    """A text value as is, or None where it spells a missing value."""
    if value is None:
        return None
    text = str(value)
    return None if text.strip() in NA_VALUES else text


def parse_float(value: object) -> float | None:
    """A score such as automl_pathway; a value that is not a number is treated as missing."""
    text = clean(value)
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number else None  # NaN is R's other spelling of NA


def split_organisms(value: object) -> list[str]:
    """PFOCR tables join several organisms with `|` (some exports use `;`)."""
    text = clean(value)
    if text is None:
        return []
    return [part.strip() for part in _ORGANISM_SEPARATOR.split(text) if clean(part)]


def normalise_number(label: str | None) -> str | None:
    """PFOCR's figure number (`F3`, `S1`) from a label, or None when the label is not a figure's."""
    if label is None:
        return None
    match = _LABEL.match(label)
    if match is None:
        return None
    prefix = "S" if match["supp"] or match["s"] else "F"
    return f"{prefix}{int(match['n'])}"


def number_from_fig_id(fig_id: str | None) -> str | None:
    """The fallback when a fig has no usable label: its id, normalised where it encodes a number."""
    if not fig_id:
        return None
    match = _FIG_ID.match(fig_id.strip())
    if match is None:
        return fig_id.strip()
    return f"{'S' if match['s'] else 'F'}{int(match['n'])}"


def pmcid_from_figid(figid: str) -> str | None:
    match = _PMCID_PREFIX.match(figid)
    return match[1] if match else None


def complete(figure: Figure) -> Figure:
    """Fill the fields PFOCR derives from the others, leaving every value already set alone."""
    if figure.pmcid is None:
        figure.pmcid = pmcid_from_figid(figure.figid)
    if figure.filename is None and figure.image is not None:
        name = figure.image.member if figure.image.member is not None else figure.image.path.name
        figure.filename = PurePosixPath(name).name
    if figure.figid_alias is None and figure.pmcid and figure.number:
        figure.figid_alias = f"{figure.pmcid}__{figure.number}"
    if figure.figtype is None:
        figure.figtype = "Figure"
    if figure.redirect_from is None and figure.figid_alias:
        figure.redirect_from = f"/figures/{figure.figid_alias}"
    if figure.seo is None:
        figure.seo = "CreativeWork"
    if figure.ndex is None:
        figure.ndex = ""
    return figure
