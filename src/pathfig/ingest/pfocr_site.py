"""An existing PFOCR Jekyll site: `_figures/<figid>.md` front matter and `_data/<figid>-*.tsv`."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from pathfig.ingest.fields import parse_float
from pathfig.ingest.found import Found, Items, failure
from pathfig.records import LIST_FIELDS, PFOCR_FIELDS, Failure, Figure, Mention

# Only these mean "missing" in a site; '' is a real value there (`ndex: ''`) and must survive.
_SITE_NA = frozenset({".na.character", "NA"})

GENE_TIERS = {
    "ncbigene_symbol": "strict",
    "ncbigene_synonym": "synonyms",
    "famplex_relations": "all",
    # Sources in older PFOCR releases.
    "hgnc_symbol": "strict",
    "hgnc_alias_symbol": "synonyms",
    "hgnc_prev_symbol": "synonyms",
    "bioentities_symbol": "all",
}


class _StringLoader(yaml.SafeLoader):
    """Every plain scalar stays a string (`year: 2021`, a date-like keyword) except null."""


_StringLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def is_site(root: Path) -> bool:
    return (root / "_figures").is_dir()


def front_matter(text: str) -> str | None:
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        # An unindented `---` closes it; a caption line is indented, so it never matches.
        if lines[index].rstrip() == "---":
            return "\n".join(lines[1:index])
    return None


def _scalar(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value.strip() in _SITE_NA):
        return None
    return value if isinstance(value, str) else str(value)


def site_values(document: dict[object, object]) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in PFOCR_FIELDS:
        if name not in document:
            continue
        value = document[name]
        if name in LIST_FIELDS:
            items = value if isinstance(value, list) else [value]
            values[name] = [s for s in map(_scalar, items) if s is not None]
        elif name == "automl_pathway":
            values[name] = parse_float(value)
        else:
            values[name] = _scalar(value)
    return values


def _rows(path: Path) -> list[dict[str, str]]:
    # PFOCR wrote these with R, unquoted: a `"` in an OCR word is a character, not a quote.
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _present(value: str | None) -> str | None:
    return None if value is None or value.strip() in ("", "NA") else value


def gene_mention(row: dict[str, str]) -> Mention:
    source = row["source"]
    return Mention(
        entity="gene",
        word=row["word"],
        match=row["match"],
        identifier=str(int(row["ncbigene_id"])),
        symbol=row["ncbigene_symbol"],
        source=source,
        tier=GENE_TIERS.get(source, "all"),  # unknown: the loosest tier, kept out of strict sets
        organism=int(row["organism_id"]),
        confidence=1.0,
        box=None,
    )


def term_mention(entity: str, row: dict[str, str], second_id: str) -> Mention:
    """A chemical (MeSH, else ChEBI) or disease (MeSH, else DOID) row."""
    identifier = _present(row.get("mesh")) or _present(row.get(second_id))
    if identifier is None:
        raise ValueError("no identifier")
    word = row["word"]
    return Mention(
        entity=entity,
        word=word,
        match=_present(row.get("match")) or "",
        identifier=identifier,
        symbol=_present(row.get("name")) or word,
        source="mesh",
        tier="strict",
        organism=0,
        confidence=1.0,
        box=None,
    )


def _mentions(data: Path, figid: str) -> tuple[list[Mention], list[Failure]]:
    mentions: list[Mention] = []
    problems: list[Failure] = []
    tables = (
        ("genes", None, ""),
        ("chemicals", "chemical", "chebi"),
        ("diseases", "disease", "doid"),
    )
    for suffix, entity, second_id in tables:
        path = data / f"{figid}-{suffix}.tsv"
        if not path.is_file():
            continue
        try:
            rows = _rows(path)
        except (OSError, csv.Error) as exc:
            problems.append(failure(path, f"cannot read: {exc}", figid))
            continue
        for line, row in enumerate(rows, start=2):
            try:
                if entity is None:
                    mentions.append(gene_mention(row))
                else:
                    mentions.append(term_mention(entity, row, second_id))
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(failure(path, f"line {line}: unusable row ({exc!r})", figid))
    return mentions, problems


def ingest_site(root: Path) -> Items:
    for page in sorted((root / "_figures").glob("*.md")):
        yield from ingest_page(page, root / "_data")


def ingest_page(page: Path, data: Path) -> Items:
    """One figure page; its mentions come from the TSVs in `data` named after its figid."""
    try:
        text = page.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        yield failure(page, f"cannot read: {exc.strerror or exc}")
        return
    matter = front_matter(text)
    if matter is None:
        yield failure(page, "no YAML front matter between `---` lines")
        return
    try:
        document = yaml.load(matter, Loader=_StringLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        yield failure(page, f"bad YAML front matter: {exc}")
        return
    if not isinstance(document, dict):
        yield failure(page, "the front matter is not a mapping of fields")
        return
    values = site_values(document)
    values["figid"] = values.get("figid") or page.stem
    figure = Figure.from_metadata(values)
    figure.mentions, problems = _mentions(data, figure.figid)
    yield from problems
    yield Found(figure, str(page))
