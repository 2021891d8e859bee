"""Read GMT gene-set files: ``name<TAB>description<TAB>gene<TAB>gene...``, one set per line.

Blank lines, CRLF line ends, trailing tabs and gzip (``.gz``) are accepted; a line with no
description column, an empty name or a name used twice is an error naming the file and line.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from pathfig.errors import BadInputError


def read_gmt(path: str | Path) -> Iterator[tuple[str, str, list[str]]]:
    """``(name, description, genes)`` for each line of the GMT file at ``path``, in file order.

    Genes are kept as written (stripped, duplicates within a line removed, order kept).
    """
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    seen: set[str] = set()
    try:
        # newline=None turns CRLF and CR into "\n"; utf-8-sig drops a BOM some editors write.
        with opener(path, "rt", encoding="utf-8-sig", newline=None) as handle:
            for number, line in enumerate(handle, start=1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                fields = line.split("\t")
                if len(fields) < 2:
                    raise BadInputError(
                        f"line {number}: expected name<TAB>description<TAB>genes..., "
                        f"found no tab in {line[:60]!r}",
                        source=str(path),
                    )
                name = fields[0].strip()
                if not name:
                    raise BadInputError(
                        f"line {number}: the gene set has no name", source=str(path)
                    )
                if name in seen:
                    raise BadInputError(
                        f"line {number}: gene set {name!r} appears twice", source=str(path)
                    )
                seen.add(name)
                genes = [g.strip() for g in fields[2:]]
                yield name, fields[1].strip(), list(dict.fromkeys(g for g in genes if g))
    except OSError as exc:
        raise BadInputError(f"cannot read the GMT file: {exc}", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise BadInputError(f"not a UTF-8 text file: {exc}", source=str(path)) from exc
