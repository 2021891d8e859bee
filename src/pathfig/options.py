"""Command-line options shared by the ``pathfig`` commands of every stage."""

from __future__ import annotations

import click

from pathfig.errors import PathfigError
from pathfig.settings import DEFAULT_DB

db_option = click.option(
    "--db",
    envvar="PATHFIG_DB",
    default=DEFAULT_DB,
    show_default=True,
    show_envvar=True,
    help="SQLite file path or SQLAlchemy URL (postgresql://user@host/name).",
)


class PathfigGroup(click.Group):
    """Turns a PathfigError anywhere below into a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PathfigError as exc:
            raise click.ClickException(str(exc)) from exc
