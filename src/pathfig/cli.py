"""The ``pathfig`` command: a thin layer over functions you can call from Python."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pathfig import __version__
from pathfig.options import PathfigGroup, db_option


@click.group(cls=PathfigGroup)
@click.version_option(__version__, prog_name="pathfig")
def cli() -> None:
    """pathfig: pathway figures from papers as searchable, computable data."""


@cli.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option(
    "--workers",
    envvar="PATHFIG_WORKERS",
    type=click.IntRange(min=1),
    show_envvar=True,
    help="Run analysis on a local Dask cluster of N worker processes.",
)
@click.option(
    "--scheduler",
    envvar="PATHFIG_SCHEDULER",
    show_envvar=True,
    help="Run analysis on an existing Dask cluster (tcp://HOST:8786).",
)
@click.option("--retry-failed", is_flag=True, help="Try again the figures that failed before.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
def run_command(
    paths: tuple[Path, ...],
    db: str,
    workers: int | None,
    scheduler: str | None,
    retry_failed: bool,
    quiet: bool,
) -> None:
    """Ingest, OCR and recognise the figures under PATHS and store them in DB.

    PATHS are folders of images (with an optional figures.tsv/figures.csv of PFOCR metadata),
    PMC JATS articles (.nxml) or PMC packages (.tar.gz), or PFOCR site folders (_figures/).
    A second run skips what is unchanged; a killed run resumes where it stopped.
    """
    from pathfig.pipeline import Pipeline, make_executor
    from pathfig.progress import RunProgress
    from pathfig.settings import get_settings
    from pathfig.store import open_store

    store = open_store(db)
    executor = make_executor(workers, scheduler, readers=get_settings().ocr_readers)
    pipeline = Pipeline(store, executor=executor, retry_failed=retry_failed)
    progress = RunProgress(list(paths), quiet=quiet)
    try:
        summary = pipeline.run(list(paths), progress.update)
    except KeyboardInterrupt:
        progress.close()
        click.echo(
            f"interrupted after {progress.count} figures; every stored figure is complete: "
            "run the same command again to continue",
            err=True,
        )
        sys.exit(130)
    finally:
        executor.close()
    progress.close()
    click.echo(f"{summary.line()}; stored in {db}")


@cli.command("status")
@db_option
def status_command(db: str) -> None:
    """What is done, pending and failed per stage in DB, for this pathfig's versions."""
    from pathfig.pipeline.analyse import engine, recognizer_version
    from pathfig.settings import get_settings
    from pathfig.store import open_store

    settings = get_settings()
    store = open_store(db, create=False)
    status = store.stage_status(engine(settings).version, recognizer_version(settings))
    click.echo(f"{'stage':<10} {'done':>8} {'pending':>8} {'failed':>8}")
    for stage, counts in status.items():
        pending = counts.get("pending", "")
        click.echo(f"{stage:<10} {counts['done']:>8} {pending:>8} {counts['failed']:>8}")
    for failure in store.failures():
        click.echo(f"failed [{failure.stage}] {failure.source}: {failure.message}")


@cli.group("export")
def export_group() -> None:
    """Write the stored figures in formats other tools read."""


@export_group.command("jekyll")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@db_option
def export_jekyll_command(outdir: Path, db: str) -> None:
    """PFOCR site files: OUTDIR/_figures/<figid>.md and OUTDIR/_data/<figid>-genes.tsv."""
    from pathfig.export import export_jekyll
    from pathfig.store import open_store

    result = export_jekyll(open_store(db, create=False), outdir)
    click.echo(f"wrote {result.figures} figure pages and {result.gene_rows} gene rows to {outdir}")


@cli.command("serve")
@db_option
@click.option("--host", envvar="PATHFIG_HOST", default="127.0.0.1", show_default=True,
              show_envvar=True, help="Address to listen on.")  # fmt: skip
@click.option("--port", envvar="PATHFIG_PORT", default=8000, show_default=True, show_envvar=True,
              type=click.IntRange(1, 65535), help="Port to listen on.")  # fmt: skip
def serve_command(db: str, host: str, port: int) -> None:
    """Serve the web app and JSON API (/api, OpenAPI at /openapi.json) over DB."""
    import uvicorn

    from pathfig.web import create_app

    uvicorn.run(create_app(db), host=host, port=port)


@cli.group("lexicon")
def lexicon_group() -> None:
    """The gene lexicons recognition uses (human from HGNC and FamPlex is built in)."""


@lexicon_group.command("add")
@click.argument("gene_info", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--taxid", type=int, help="The organism, when the file holds several.")
def lexicon_add_command(gene_info: Path, taxid: int | None) -> None:
    """Add (or replace) an organism's genes from an NCBI gene_info or gene_info.gz file."""
    from pathfig.recognize import add_gene_info
    from pathfig.settings import get_settings
    from pathfig.taxa import taxon

    added, genes = add_gene_info(gene_info, get_settings().cache_dir, taxid=taxid)
    click.echo(
        f"added {genes} genes of {taxon(added).name} (taxon {added}); "
        "the next `pathfig run` re-recognises stored figures without OCR"
    )


@cli.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("pathfig-demo"),
    show_default=True,
    help="Folder for the demo's database and exported site.",
)
def demo_command(out: Path) -> None:
    """Run the whole pipeline on the bundled sample figures and show what it found."""
    from pathfig.demo import run_demo

    result = run_demo(out)
    click.echo(result.table())
    click.echo(f"\ndatabase: {result.db}\nPFOCR site files: {result.site}")
    if result.summary.failed:
        sys.exit(1)


def _attach_stage_commands() -> None:
    from pathfig.enrich.cli import enrich_command, export_gmt_command
    from pathfig.evaluate.cli import eval_group

    cli.add_command(enrich_command)
    cli.add_command(eval_group)
    export_group.add_command(export_gmt_command)


_attach_stage_commands()


def main() -> None:
    cli(prog_name="pathfig")
