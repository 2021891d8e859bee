"""Walk the paths a user gave and yield one record per figure, never stopping for bad input."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from pathfig.ingest.fields import complete
from pathfig.ingest.folder import image_figure, ingest_folder
from pathfig.ingest.found import Found, Items, failure
from pathfig.ingest.images import is_image_name
from pathfig.ingest.jats import ingest_nxml, ingest_package, is_package_name
from pathfig.ingest.pfocr_site import ingest_page, ingest_site, is_site
from pathfig.records import Failure, Figure


def _ingest_path(path: Path) -> Items:
    if path.is_dir():
        yield from ingest_site(path) if is_site(path) else ingest_folder(path)
    elif path.is_file():
        name = path.name.lower()
        if name.endswith(".nxml"):
            yield from ingest_nxml(path)
        elif is_package_name(name):
            yield from ingest_package(path)
        elif name.endswith(".md"):  # one page of a PFOCR site, its TSVs in ../_data
            yield from ingest_page(path, path.parent.parent / "_data")
        elif is_image_name(name):
            yield image_figure(path, None)
        else:
            yield failure(
                path,
                "not a folder, an image, an .nxml article, a .tar.gz package or a PFOCR .md page",
            )
    else:
        yield failure(path, "no such file or folder")


def discover(paths: Sequence[Path]) -> Iterator[Figure | Failure]:
    """Every figure under `paths`, with derived fields filled in, and a Failure for each bad input.

    Lazy: records stream as they are found. A figid seen before in this call is a Failure and
    the first record wins.
    """
    first_source: dict[str, str] = {}
    for path in paths:
        for item in _ingest_path(Path(path)):
            if not isinstance(item, Found):
                yield item
                continue
            figure = complete(item.figure)
            earlier = first_source.get(figure.figid)
            if earlier is not None:
                yield failure(
                    item.source,
                    f"duplicate figid {figure.figid}, already ingested from {earlier}",
                    figure.figid,
                )
                continue
            first_source[figure.figid] = item.source
            yield figure
