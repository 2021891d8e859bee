"""One error hierarchy for the whole package.

The CLI prints a :class:`PathfigError` as a one-line message and exits non-zero; the web layer
renders it as HTML or JSON with :attr:`PathfigError.status`. Anything else is a bug.
"""

from __future__ import annotations


class PathfigError(Exception):
    """Base of every error pathfig reports to a user."""

    status = 500

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class BadInputError(PathfigError):
    """An input file (image, metadata table, XML, archive) that cannot be used."""

    status = 400


class BadImageError(BadInputError):
    """An image file that is empty, truncated, not an image, or too large to decode safely."""


class MetadataError(BadInputError):
    """A metadata table or record with a problem (missing image, duplicate figid, bad value)."""


class NotFoundError(PathfigError):
    """A figure, paper or file that does not exist."""

    status = 404


class LexiconError(PathfigError):
    """A lexicon that cannot be built or loaded (missing data package, bad gene_info file)."""


class StoreError(PathfigError):
    """A database that cannot be opened or written."""
