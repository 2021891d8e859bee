"""``pathfig eval``: the recognition benchmarks from the command line.

To be attached to the ``pathfig`` group in ``pathfig/cli.py``::

    from pathfig.evaluate.cli import eval_group
    cli.add_command(eval_group)

Until then it runs as ``python -m pathfig.evaluate``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from pathfig.options import PathfigGroup

# Where the hand-checked gold list lies in a source checkout (src/pathfig/evaluate/cli.py →
# repository root). An installed package has no benchmarks/ folder, so then --gold is required.
REPO_GOLD = Path(__file__).resolve().parents[3] / "benchmarks" / "gold" / "real_gold.tsv"

# One store for all evaluation runs, outside the working tree: a rerun reuses its OCR words.
DEFAULT_EVAL_DB = str(Path(tempfile.gettempdir()) / "pathfig-eval.sqlite")

_directory = click.argument(
    "directory", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
_json = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
_quiet = click.option("--quiet", "-q", is_flag=True, help="Do not list figures as they are done.")
_limit = click.option(
    "--limit", type=click.IntRange(min=1), help="Only the first N figures by figid."
)
_db = click.option(
    "--db",
    envvar="PATHFIG_EVAL_DB",
    default=DEFAULT_EVAL_DB,
    show_default=True,
    show_envvar=True,
    help="SQLite file or SQLAlchemy URL to run into; reruns reuse its OCR results.",
)


def _emit(result: dict, as_json: bool) -> None:
    from pathfig.evaluate.report import render

    click.echo(json.dumps(result, indent=2) if as_json else render(result), nl=not as_json)
    if as_json:
        click.echo()


def _progress(quiet: bool):
    from pathfig.pipeline import FAILED

    def report(outcome, result) -> None:
        if outcome == FAILED:
            click.secho(f"failed   {result.source}: {result.message}", err=True, fg="red")
        elif not quiet:
            click.echo(f"{outcome:<8} {result.figid}", err=True)

    return report


@click.group("eval", cls=PathfigGroup)
def eval_group() -> None:
    """Measure gene recognition and OCR on the benchmark sets."""


@eval_group.command("wp")
@_directory
@_db
@_limit
@click.option(
    "--scale",
    type=click.FloatRange(min=0.25, max=4.0),
    default=1.5,
    show_default=True,
    help="Read the figures at this size relative to PathVisio's (the images are drawn at 1.5; "
    "1.0 is how WikiPathways shows them). Use one --db per scale.",
)
@_json
@_quiet
def eval_wp_command(
    directory: Path, db: str, limit: int | None, scale: float, as_json: bool, quiet: bool
):
    """Precision and recall on rendered WikiPathways figures (DIRECTORY: bench/wp)."""
    from pathfig.evaluate.wp import evaluate_wp
    from pathfig.store import open_store

    result = evaluate_wp(
        directory, open_store(db), limit=limit, scale=scale, on_result=_progress(quiet)
    )
    _emit(result, as_json)


@eval_group.command("real")
@_directory
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    show_default="benchmarks/gold/real_gold.tsv of a source checkout",
    help="Hand-checked gold list (real_gold.tsv with reviewed_figures.tsv beside it); "
    "required where pathfig is installed without its source checkout.",
)
@_db
@_limit
@_json
@_quiet
def eval_real_command(
    directory: Path, gold: Path | None, db: str, limit: int | None, as_json: bool, quiet: bool
):
    """Agreement with PFOCR's lists and scores against the gold (DIRECTORY: bench/real)."""
    from pathfig.evaluate.real import evaluate_real
    from pathfig.store import open_store

    if gold is None and REPO_GOLD.is_file():
        gold = REPO_GOLD
    if gold is None:
        # Checked here, not with required=True, so that the message can say why it is needed.
        raise click.UsageError(
            f"--gold FILE is required: the default gold list {REPO_GOLD} is not there (pathfig "
            "is installed without its source checkout); pass benchmarks/gold/real_gold.tsv "
            "from a pathfig checkout"
        )
    result = evaluate_real(directory, open_store(db), gold, limit=limit, on_result=_progress(quiet))
    _emit(result, as_json)


@eval_group.command("crops")
@_directory
@_json
def eval_crops_command(directory: Path, as_json: bool):
    """Word accuracy of the OCR stage on one-label crops (DIRECTORY: bench/crops/real)."""
    from pathfig.evaluate.crops import evaluate_crops

    _emit(evaluate_crops(directory), as_json)
