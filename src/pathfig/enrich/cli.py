"""``pathfig enrich`` and ``pathfig export gmt``; cli.py attaches them to its command groups."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import click

from pathfig.options import db_option

_TIERS = click.Choice(["strict", "synonyms", "all"])
_SEPARATORS = re.compile(r"[\s,;]+")


def read_gene_list(path: Path) -> list[str]:
    """Genes from a text file: separated by whitespace, commas or semicolons; # starts a comment."""
    text = path.read_text(encoding="utf-8-sig")
    return [g for line in text.splitlines() for g in _SEPARATORS.split(line.split("#")[0]) if g]


def _json_number(value: float) -> float | str:
    # JSON has no inf/NaN: an odds ratio of inf (set inside the query) is written as a string.
    return value if math.isfinite(value) else str(value)


@click.command("enrich")
@click.argument("genes", nargs=-1)
@click.option(
    "--genes-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="More query genes, one per line (or separated by spaces/commas).",
)
@db_option
@click.option(
    "--gmt",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Test the gene sets of this GMT file instead of the store.",
)
@click.option(
    "--organism",
    type=int,
    default=9606,
    show_default=True,
    help="NCBI taxon of the figures' genes (store only); 0 for every organism.",
)
@click.option(
    "--tier",
    type=_TIERS,
    default="all",
    show_default=True,
    help="Gene recognition tier (store only); cumulative.",
)
@click.option(
    "--universe",
    type=click.IntRange(min=1),
    help="Universe size N (e.g. 20000) instead of all genes in the gene sets.",
)
@click.option(
    "--background-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Background genes: the query and every set are restricted to them.",
)
@click.option("--min-size", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--max-size", type=click.IntRange(min=1))
@click.option(
    "--fdr",
    type=click.FloatRange(0, 1),
    default=1.0,
    show_default=True,
    help="Show only figures with a BH-adjusted p-value at most this.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=25,
    show_default=True,
    help="Show at most this many figures (0: all).",
)
@click.option("--json", "as_json", is_flag=True, help="Write JSON instead of a table.")
def enrich_command(genes, genes_file, db, gmt, organism, tier, universe, background_file,
                   min_size, max_size, fdr, limit, as_json) -> None:  # fmt: skip
    """Which published pathway figures best match GENES (NCBI Gene IDs or symbols)?

    One-sided Fisher test per figure gene set, Benjamini–Hochberg over all sets tested. The
    default universe is every gene in the gene sets.
    """
    from pathfig.enrich import enrich, index_from_gmt, index_from_store

    query = list(genes) + (read_gene_list(genes_file) if genes_file else [])
    if not query:
        raise click.UsageError("give genes as arguments or with --genes-file")
    if universe is not None and background_file is not None:
        raise click.UsageError("--universe and --background-file are exclusive")
    if gmt is not None:
        index = index_from_gmt(gmt)
    else:
        from pathfig.store import open_store

        index = index_from_store(open_store(db, create=False), organism or None, tier)
    background = read_gene_list(background_file) if background_file else None
    result = enrich(query, index, universe=universe, background=background,
                    min_size=min_size, max_size=max_size, fdr=fdr)  # fmt: skip
    shown = result.head(limit) if limit else result
    if result.unknown:
        click.echo(f"unknown genes ({len(result.unknown)}): {' '.join(result.unknown)}", err=True)
    if result.outside_background:
        click.echo(f"not in the background: {' '.join(result.outside_background)}", err=True)
    if as_json:
        rows = shown.to_records()
        for row in rows:
            row["odds_ratio"] = _json_number(row["odds_ratio"])
        summary = {
            "query_size": result.query_size,
            "universe": result.universe,
            "sets_tested": result.n_tested,
            "matches": len(result),
            "unknown": result.unknown,
            "outside_background": result.outside_background,
            "results": rows,
        }
        click.echo(json.dumps(summary, indent=2))
        return
    click.echo("\t".join(["rank", "figid", "overlap", "set_size", "odds_ratio", "p_value", "fdr",
                          "title", "genes"]))  # fmt: skip
    for rank, row in enumerate(shown.to_records(), start=1):
        click.echo("\t".join([
            str(rank), row["figid"], str(row["overlap"]), str(row["set_size"]),
            f"{row['odds_ratio']:.3g}", f"{row['p_value']:.3g}", f"{row['fdr']:.3g}",
            (row["title"] or "").replace("\t", " "), ",".join(row["genes"]),
        ]))  # fmt: skip
    click.echo(
        f"{len(result)} of {result.n_tested} figures share genes with the query "
        f"({result.query_size} genes in a universe of {result.universe})",
        err=True,
    )


@click.command("gmt")
@click.argument("output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@db_option
@click.option(
    "--organism",
    type=int,
    default=9606,
    show_default=True,
    help="NCBI taxon of the genes; 0 for every organism.",
)
@click.option("--tier", type=_TIERS, default="all", show_default=True)
def export_gmt_command(output: Path, db: str, organism: int, tier: str) -> None:
    """Figure gene sets as GMT (figid, title, NCBI Gene IDs), as PFOCR publishes them.

    OUTPUT '-' writes to standard output.
    """
    from pathfig.export.gmt import write_gmt
    from pathfig.store import open_store

    sets = open_store(db, create=False).gene_sets(organism or None, tier)
    if str(output) == "-":
        count = write_gmt(sets, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="\n") as handle:
            count = write_gmt(sets, handle)
    click.echo(f"{count} gene sets written to {output}", err=True)
