"""PFOCR's Jekyll site files: ``_figures/<figid>.md`` and ``_data/<figid>-genes.tsv``.

The formats are PFOCR's own (see ``shared/pfocr-format``), so its site templates and the tools
that read its tables read pathfig's output unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from pathfig.errors import BadInputError
from pathfig.records import PFOCR_FIELDS, Figure, Mention
from pathfig.taxa import taxon

SITE = "https://pfocr.wikipathways.org"
# A figid becomes a file name: no separators, no leading dot.
_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")

GENE_COLUMNS = (
    "organism_id",
    "organism_name",
    "organism_group",
    "word",
    "match",
    "ncbigene_symbol",
    "ncbigene_id",
    "source",
    "count_direct",
    "count_synonym",
    "count_match",
)


def gene_symbols(mentions: Iterable[Mention]) -> list[str]:
    """Distinct gene symbols in order of first mention: the schema-jsonld keywords."""
    return list(dict.fromkeys(m.symbol for m in mentions if m.entity == "gene"))


def front_matter(figure: Figure, mentions: Sequence[Mention]) -> dict[str, object]:
    """The figure's PFOCR front matter, fields in the seed records' order."""
    values = figure.metadata()
    # PFOCR writes an uncurated organism list as [NA]; its templates expect a list there.
    values["organisms"] = list(figure.organisms) or ["NA"]
    values["organisms_ner"] = list(figure.organisms_ner)
    matter = {name: values[name] for name in PFOCR_FIELDS}
    matter["schema-jsonld"] = {
        "@context": "https://schema.org/",
        "@id": f"{SITE}/figures/{figure.figid}.html",
        "@type": "Dataset",
        "description": figure.caption,
        "license": "CC0",
        "name": "CreativeWork",
        "creator": {"@type": "Organization", "name": "WikiPathways"},
        "keywords": gene_symbols(mentions),
    }
    return matter


def figure_page(figure: Figure, mentions: Sequence[Mention]) -> str:
    body = yaml.dump(
        front_matter(figure, mentions),
        Dumper=yaml.SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        width=80,
    )
    return f"---\n{body}---\n"


def genes_table(mentions: Sequence[Mention]) -> str:
    """PFOCR's genes TSV: one row per distinct (organism, word, match, gene, source).

    The count columns are per organism: distinct genes matched by symbol, distinct genes matched
    by synonym, distinct matched strings; PFOCR writes NA for a zero count.
    """
    genes = [m for m in mentions if m.entity == "gene"]
    rows = list(
        dict.fromkeys(
            (m.organism, m.word, m.match, m.symbol, m.identifier, m.source) for m in genes
        )
    )
    counts: dict[int, tuple[str, str, str]] = {}
    for organism in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == organism]
        direct = {r[4] for r in mine if r[5] == "ncbigene_symbol"}
        synonym = {r[4] for r in mine if r[5] == "ncbigene_synonym"}
        matches = {r[2] for r in mine}
        counts[organism] = tuple(str(len(s)) if s else "NA" for s in (direct, synonym, matches))
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                        escapechar="\\")  # fmt: skip
    writer.writerow(GENE_COLUMNS)
    for organism, word, match, symbol, identifier, source in rows:
        t = taxon(organism)
        writer.writerow(
            (organism, t.name, t.group, word, match, symbol, identifier, source, *counts[organism])
        )
    return out.getvalue()


@dataclass(frozen=True)
class SiteExport:
    figures: int
    gene_rows: int
    directory: Path


def write_site(items: Iterable[tuple[Figure, Sequence[Mention]]], outdir: Path) -> SiteExport:
    """Write the site files for every ``(figure, mentions)`` pair under ``outdir``."""
    figures_dir, data_dir = outdir / "_figures", outdir / "_data"
    figures_dir.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    n_figures = n_rows = 0
    for figure, mentions in items:
        if not _SAFE_NAME.fullmatch(figure.figid):
            raise BadInputError("figid is not usable as a file name", source=figure.figid)
        (figures_dir / f"{figure.figid}.md").write_text(
            figure_page(figure, mentions), encoding="utf-8"
        )
        table = genes_table(mentions)
        (data_dir / f"{figure.figid}-genes.tsv").write_text(table, encoding="utf-8")
        n_figures += 1
        n_rows += table.count("\n") - 1
    return SiteExport(n_figures, n_rows, outdir)
