"""More organisms: lexicon tables built from an NCBI ``gene_info`` file that the user supplies.

``add_gene_info(path, cache_dir)`` reads one organism's genes (``Mus_musculus.gene_info.gz``,
or the all-organism ``gene_info.gz`` with ``taxid=``) and writes ``organism-<taxid>.pickle``
beside the human artifact; :func:`pathfig.recognize.load_lexicon` loads every such file with
the human tables, so ``lexicon.organisms`` grows. Per organism, keys resolve as for human:

1. the symbol and the nomenclature authority's symbol (tier ``strict``) win outright;
2. else the FamPlex family names, carried over from human through genes of the same symbol,
   case aside (``ERK`` → mouse Mapk1, Mapk3; tier ``all``, a synonym member keeps
   ``synonyms``);
3. else the ``Synonyms`` column (tier ``synonyms``).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import pickle
from collections import defaultdict
from pathlib import Path

from pathfig.errors import LexiconError
from pathfig.recognize import build
from pathfig.recognize.build import (
    FAMILY_SOURCES,
    FAMPLEX,
    SYMBOL,
    SYNONYM,
    TaxonTables,
    _Collector,
    _resolve,
)

FORMAT = 1
PREFIX = "organism-"
_REQUIRED = ("#tax_id", "GeneID", "Symbol", "Synonyms")


def _open(path: Path) -> io.TextIOBase:
    with path.open("rb") as probe:
        gz = probe.read(2) == b"\x1f\x8b"
    if gz:
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def _rows(path: Path, taxid: int | None) -> tuple[int, list[dict[str, str]]]:
    try:
        with _open(path) as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in _REQUIRED if c not in (reader.fieldnames or ())]
            if missing:
                raise LexiconError(
                    f"not an NCBI gene_info file: missing columns {', '.join(missing)}",
                    source=str(path),
                )
            by_taxon: dict[int, list[dict[str, str]]] = defaultdict(list)
            for row in reader:
                try:
                    tax = int(row["#tax_id"])
                except (TypeError, ValueError):
                    continue
                if taxid is None or tax == taxid:
                    by_taxon[tax].append(row)
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, csv.Error) as exc:
        raise LexiconError(f"cannot read gene_info: {exc}", source=str(path)) from exc
    if not by_taxon:
        wanted = f" for taxon {taxid}" if taxid is not None else ""
        raise LexiconError(f"no genes{wanted} in the gene_info file", source=str(path))
    if len(by_taxon) > 1:
        found = ", ".join(str(t) for t in sorted(by_taxon)[:10])
        raise LexiconError(
            f"the gene_info file holds several organisms ({found} …); choose one with taxid",
            source=str(path),
        )
    ((tax, rows),) = by_taxon.items()
    return tax, rows


def _cells(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip() and v.strip() != "-"]


def build_from_gene_info(path: Path, human: TaxonTables, taxid: int | None = None) -> TaxonTables:
    """One organism's tables from a gene_info file, with FamPlex families mapped by symbol."""
    tax, rows = _rows(Path(path), taxid)
    usable = [r for r in rows if _usable(r)]
    genes = [(r["GeneID"].strip(), r["Symbol"].strip()) for r in usable]
    by_symbol: dict[str, int] = {}
    for index, (_, symbol) in enumerate(genes):
        by_symbol.setdefault(symbol.upper(), index)
    collector = _Collector()
    for index, row in enumerate(usable):
        official = _cells(row.get("Symbol_from_nomenclature_authority"))
        for name in dict.fromkeys([genes[index][1], *official]):
            collector.add(name, index, SYMBOL)
    for index, row in enumerate(usable):
        for alias in _cells(row.get("Synonyms")):
            collector.add(alias, index, SYNONYM)
    _carry_families(collector, human, by_symbol)
    tables = TaxonTables(tax, genes=genes, strings=collector.strings)
    for key, raw in collector.raw.items():
        if entries := _resolve(raw, blocked=False):
            tables.index[key] = entries
    tables.cased = collector.cased(tables.index)
    return tables


def _usable(row: dict[str, str]) -> bool:
    symbol = (row.get("Symbol") or "").strip()
    return bool(symbol) and symbol != "-" and (row.get("GeneID") or "").strip().isdigit()


def _carry_families(collector: _Collector, human: TaxonTables, by_symbol: dict[str, int]) -> None:
    for entries in human.index.values():
        if not any(source in FAMILY_SOURCES for _, source, _ in entries):
            continue
        for gene, _source, sid in entries:
            _, symbol = human.genes[gene]
            if (index := by_symbol.get(symbol.upper())) is not None:
                collector.add(human.strings[sid], index, FAMPLEX)


def artifact_path(cache_dir: Path, taxid: int) -> Path:
    return Path(cache_dir) / f"{PREFIX}{taxid}.pickle"


def add_gene_info(
    path: Path | str, cache_dir: Path | str | None = None, *, taxid: int | None = None
) -> tuple[int, int]:
    """Build an organism's lexicon from an NCBI gene_info(.gz) file and store it in the cache.

    Returns (taxon id, number of genes). ``taxid`` picks one organism from a file that holds
    several (NCBI's all-organism ``gene_info.gz``). Adding the same organism again replaces
    its tables. Raises :class:`~pathfig.errors.LexiconError` for a file that cannot be used.
    """
    from pathfig.recognize import lexicon as lexicon_module

    folder = lexicon_module.cache_folder(cache_dir)
    if not Path(path).is_file():
        raise LexiconError("no such file", source=str(path))
    data = Path(path).read_bytes()
    human = lexicon_module.load_lexicon(folder).tables(build.HUMAN)
    tables = build_from_gene_info(Path(path), human, taxid)
    digest = hashlib.sha256(data).hexdigest()[:12]
    payload = {
        "format": FORMAT,
        "build": lexicon_module.BUILD_VERSION,
        "source": digest,
        "tables": (tables.genes, tables.strings, tables.index, tables.cased),
    }
    lexicon_module.write_artifact(artifact_path(folder, tables.taxid), payload, quiet=False)
    lexicon_module.forget(folder)
    return tables.taxid, len(tables.genes)


def load_extra(folder: Path) -> dict[int, tuple[str, TaxonTables]]:
    """Every added organism in the cache folder, as (source digest, tables) by taxon id."""
    found: dict[int, tuple[str, TaxonTables]] = {}
    from pathfig.recognize.lexicon import BUILD_VERSION

    for artifact in sorted(Path(folder).glob(f"{PREFIX}*.pickle")):
        try:
            with artifact.open("rb") as handle:
                data = pickle.load(handle)
            if data.get("format") != FORMAT or data.get("build") != BUILD_VERSION:
                continue  # made by an older pathfig: `pathfig lexicon add` it again
            taxid = int(artifact.stem.removeprefix(PREFIX))
            found[taxid] = (data["source"], TaxonTables(taxid, *data["tables"]))
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            KeyError,
            TypeError,
            ValueError,
        ):
            continue  # a damaged file is skipped, never fatal
    return found
