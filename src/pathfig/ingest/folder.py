"""A folder of images at any depth, with an optional metadata table `figures.tsv`/`figures.csv`."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pathfig.ingest.fields import clean, normalise_number, parse_float, split_organisms
from pathfig.ingest.found import Found, Items, failure
from pathfig.ingest.images import is_image_name
from pathfig.ingest.jats import ingest_nxml, ingest_package, is_package_name
from pathfig.records import LIST_FIELDS, PFOCR_FIELDS, Failure, Figure, ImageSource

TABLE_NAMES = ("figures.tsv", "figures.csv")
COLUMN_ALIASES = {"organism": "organisms"}
_MAX_FIELD = 64 * 1024 * 1024  # real captions exceed csv's default limit of 128 KiB


@dataclass
class Row:
    line: int
    values: dict[str, object]
    used: bool = False

    def describe(self) -> str:
        keys = ("figid", "filename")
        return ", ".join(f"{k} {self.values[k]!r}" for k in keys if self.values.get(k))


def row_values(raw: dict[str | None, str | None]) -> dict[str, object]:
    """A table row as PFOCR field values; unknown columns are ignored, text is kept as is."""
    values: dict[str, object] = {}
    for column, cell in raw.items():
        if column is None:  # cells beyond the header
            continue
        name = COLUMN_ALIASES.get(column, column)
        if name not in PFOCR_FIELDS:
            continue
        if name in LIST_FIELDS:
            values[name] = split_organisms(cell)
        elif name == "automl_pathway":
            values[name] = parse_float(cell)
        elif name == "number":
            text = clean(cell)
            values[name] = normalise_number(text) or text
        else:
            values[name] = clean(cell)
    return values


@dataclass
class MetadataTable:
    path: Path
    rows: list[Row] = field(default_factory=list)
    by_relpath: dict[str, Row] = field(default_factory=dict)
    by_basename: dict[str, Row] = field(default_factory=dict)
    by_figid: dict[str, Row] = field(default_factory=dict)

    def add(self, row: Row) -> str | None:
        """Index a row; a message when it cannot be matched to any image."""
        figid, filename = row.values.get("figid"), row.values.get("filename")
        if not figid and not filename:
            return f"line {row.line}: neither figid nor filename"
        if figid and figid in self.by_figid:
            return f"line {row.line}: figid {figid!r} already on line {self.by_figid[figid].line}"
        if figid:
            self.by_figid[str(figid)] = row
        if filename:
            path = PurePosixPath(str(filename).replace("\\", "/"))
            self.by_relpath.setdefault(str(path), row)
            self.by_basename.setdefault(path.name, row)
        self.rows.append(row)
        return None

    def for_image(self, relpath: str, name: str, stem: str) -> Row | None:
        for index, key in (
            (self.by_relpath, relpath),
            (self.by_basename, name),
            (self.by_figid, stem),
        ):
            row = index.get(key)
            if row is not None and not row.used:
                row.used = True
                return row
        return None

    def for_figid(self, figid: str) -> Row | None:
        row = self.by_figid.get(figid)
        if row is None or row.used:
            return None
        row.used = True
        return row


def read_table(path: Path) -> tuple[MetadataTable, list[Failure]]:
    table, problems = MetadataTable(path), []
    csv.field_size_limit(max(csv.field_size_limit(), _MAX_FIELD))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            if reader.fieldnames is None:
                return table, [failure(path, "empty metadata table (no header)")]
            reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
            for raw in reader:
                message = table.add(Row(reader.line_num, row_values(raw)))
                if message:
                    problems.append(failure(path, message))
    except (OSError, csv.Error) as exc:
        problems.append(failure(path, f"cannot read the metadata table: {exc}"))
    return table, problems


def image_figure(path: Path, row: Row | None) -> Found:
    """A figure for an image file; figid is the file stem unless its table row says otherwise."""
    values = dict(row.values) if row else {}
    values["figid"] = values.get("figid") or path.stem
    return Found(Figure.from_metadata(values, image=ImageSource(path)), str(path))


def _fill(figure: Figure, row: Row) -> None:
    for name, value in row.values.items():
        if getattr(figure, name) in (None, []) and value not in (None, []):
            setattr(figure, name, value)


def _find_table(root: Path) -> tuple[Path | None, list[Failure]]:
    present = [root / name for name in TABLE_NAMES if (root / name).is_file()]
    if len(present) > 1:
        return present[0], [failure(present[1], f"ignored: {present[0].name} is used instead")]
    return (present[0] if present else None), []


def _walk(root: Path, errors: list[OSError]) -> Iterator[tuple[Path, list[str]]]:
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        # Dot-entries are version-control folders and macOS `._x.jpg` resource forks, not figures.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield Path(folder), sorted(f for f in files if not f.startswith("."))


def ingest_folder(root: Path) -> Items:
    table_path, problems = _find_table(root)
    yield from problems
    table = None
    if table_path is not None:
        table, problems = read_table(table_path)
        yield from problems
    referenced: set[Path] = set()  # images that belong to an article, not loose figures
    errors: list[OSError] = []
    for folder, files in _walk(root, errors):
        while errors:
            error = errors.pop()
            yield failure(
                error.filename or root, f"cannot list the folder: {error.strerror or error}"
            )
        for name in files:
            lower = name.lower()
            if lower.endswith(".nxml"):
                items = ingest_nxml(folder / name)
            elif is_package_name(lower):
                items = ingest_package(folder / name)
            else:
                continue
            for item in items:
                if isinstance(item, Found):
                    image = item.figure.image
                    if image is not None and image.member is None:
                        referenced.add(image.path)
                    row = table.for_figid(item.figure.figid) if table else None
                    if row is not None:
                        _fill(item.figure, row)
                yield item
        for name in files:
            path = folder / name
            if not is_image_name(name) or path in referenced:
                continue
            row = None
            if table is not None:
                row = table.for_image(path.relative_to(root).as_posix(), name, path.stem)
            yield image_figure(path, row)
    if table is not None:
        for row in table.rows:
            if not row.used:
                figid = row.values.get("figid")
                yield failure(
                    table.path,
                    f"line {row.line} ({row.describe()}): no such image under {root}",
                    str(figid) if figid else None,
                )
