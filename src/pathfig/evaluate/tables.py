"""Readers for the benchmark tables: WikiPathways truth, the hand-checked gold, PFOCR's silver."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from pathfig.errors import BadInputError
from pathfig.evaluate.scoring import Unit, units_of

# WikiPathways node types that name a gene product. A row of another type that still carries an
# NCBI Gene ID (an untyped node, a typo'd type) is counted too: the ID says what it is.
GENE_TYPES = frozenset({"geneproduct", "protein", "rna"})

# PFOCR's silver sources by the pathfig tier they correspond to (tiers are cumulative).
SILVER_TIERS = {
    "hgnc_symbol": "strict",
    "hgnc_alias_symbol": "synonyms",
    "hgnc_prev_symbol": "synonyms",
    "bioentities_symbol": "all",
}


def _rows(path: Path, required: set[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            # Default quoting matters: a few WikiPathways labels are quoted because they hold a tab.
            reader = csv.DictReader(handle, delimiter="\t")
            missing = required - set(reader.fieldnames or ())
            if missing:
                raise BadInputError(
                    f"missing columns: {', '.join(sorted(missing))}", source=str(path)
                )
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except OSError as exc:
        raise BadInputError(f"cannot read: {exc}", source=str(path)) from exc


def _ids(cell: str, separators: str) -> list[str]:
    for sep in separators[1:]:
        cell = cell.replace(sep, separators[0])
    return [i.strip() for i in cell.split(separators[0]) if i.strip()]


def read_figids(path: Path) -> list[str]:
    """The figids of a benchmark's figures.tsv, sorted."""
    return sorted({row["figid"] for row in _rows(path, {"figid"}) if row["figid"]})


def read_wp_truth(path: Path) -> dict[str, list[Unit]]:
    """WikiPathways truth.tsv as units per WPID (figures without gene nodes are absent).

    A node's ``ncbigene`` may list several IDs separated by ``;``; they are one unit.
    """
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for row in _rows(path, {"wpid", "type", "ncbigene"}):
        ids = _ids(row["ncbigene"], ";,")
        if ids or row["type"].lower() in GENE_TYPES:
            groups[row["wpid"]].append(ids)
    return {wpid: units_of(g) for wpid, g in groups.items()}


def read_gold(path: Path, reviewed: Path | None = None) -> dict[str, list[Unit]]:
    """The gold list as units per figure: a gene row is its ID, a family row its members.

    ``reviewed`` (default: ``reviewed_figures.tsv`` beside the gold file) lists every figure
    that was checked, so those with no gene at all are scored too, with empty truth.
    """
    truth: dict[str, list[list[str]]] = defaultdict(list)
    for row in _rows(path, {"figid", "kind", "ncbigene_ids"}):
        if row["kind"] not in ("gene", "family"):
            raise BadInputError(
                f"unknown kind {row['kind']!r} for {row['figid']}", source=str(path)
            )
        truth[row["figid"]].append(_ids(row["ncbigene_ids"], ",;"))
    reviewed = reviewed or path.with_name("reviewed_figures.tsv")
    if reviewed.is_file():
        for figid in read_figids(reviewed):
            truth.setdefault(figid, [])
    return {figid: units_of(groups) for figid, groups in truth.items()}


def read_silver(path: Path, tier: str = "all") -> dict[str, set[str]]:
    """PFOCR's genes per figure (pfocr_genes.tsv), from the sources up to ``tier``."""
    from pathfig.store.database import TIERS

    allowed = set(TIERS[: TIERS.index(tier) + 1])
    silver: dict[str, set[str]] = defaultdict(set)
    for row in _rows(path, {"figid", "source", "entrez"}):
        # An unknown source is PFOCR's widest kind of match, so it is kept only at tier "all".
        if SILVER_TIERS.get(row["source"], "all") in allowed and row["entrez"]:
            silver[row["figid"]].add(row["entrez"])
    return dict(silver)
