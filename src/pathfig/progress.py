"""What ``pathfig run`` shows while it works: a progress bar on a terminal, lines in a log."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from pathfig.records import Failure, Figure


class RunProgress:
    """A tqdm bar (figures per second, time left) when stderr is a terminal, else one line each.

    The total comes from a counting pass over the inputs, which only reads metadata; it is
    skipped when no bar is shown.
    """

    def __init__(self, paths: Sequence[Path], *, quiet: bool = False) -> None:
        self.count = 0
        self.quiet = quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            from pathfig.ingest import discover

            total = sum(1 for _ in discover(paths))
            self.bar = tqdm(total=total, unit="fig", dynamic_ncols=True, file=sys.stderr)

    def update(self, outcome: str, result: Figure | Failure) -> None:
        self.count += 1
        if isinstance(result, Failure):
            message = f"failed  {result.source}: {result.message}"
            if self.bar is not None:
                self.bar.write(click.style(message, fg="red"), file=sys.stderr)
            else:
                click.secho(message, err=True, fg="red")
        elif not self.quiet and self.bar is None:
            click.echo(f"{outcome:<8} {result.figid}", err=True)
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
