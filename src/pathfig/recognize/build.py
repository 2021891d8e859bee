"""Build the human gene lexicon from HGNC and FamPlex into plain, picklable tables.

Every lexicon string becomes a key (:func:`~pathfig.recognize.transforms.normalize`). Each key
is resolved once, here, to the genes it names, so that matching is one dict look-up:

1. An approved symbol wins outright (tier ``strict``): ``ERK`` the alias never hides ``MAPK1``.
2. Else, if FamPlex's grounding map uses the string only for chemicals or GO/MeSH terms
   (``LPS``, ``ATP``, ``cAMP``), the key names no gene at all.
3. Else, if FamPlex names a family or gene by it (``ERK``, ``p38``, ``AKT``, ``PI3K``,
   ``NF-κB``), the FamPlex members are the genes. That curated meaning overrides colliding
   aliases from other genes (``ERK`` is not EPHB2, ``p38`` is not AHSA1 or AIMP2); a member
   that is also an alias keeps the better tier ``synonyms`` (so AKT1 for ``AKT``), the other
   members come at tier ``all`` (AKT2, AKT3). Such a member is stored as FAMILY_SYNONYM, so
   that the matcher still knows the key names a family: ``eIF2B`` is an alias of all five
   EIF2B subunits, which is a family's name, not an alias of unknown meaning.
4. Else the aliases, previous symbols and approved names of a few words (tier ``synonyms``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pathfig.recognize import sources
from pathfig.recognize.transforms import CASED_KEY, mixed_case_name, normalize
from pathfig.taxa import HUMAN

# Source codes stored per entry; the names are PFOCR's. FAMILY_SYNONYM: a family member that
# the family's name also names as an alias (it reports as a synonym).
SYMBOL, SYNONYM, FAMPLEX, FAMILY_SYNONYM = 0, 1, 2, 3
SOURCES = ("ncbigene_symbol", "ncbigene_synonym", "famplex_relations", "ncbigene_synonym")
TIERS = ("strict", "synonyms", "all", "synonyms")
RANKS = (0, 1, 2, 1)  # 0 strict, 1 synonyms, 2 all: lower is the better reading
FAMILY_SOURCES = frozenset({FAMPLEX, FAMILY_SYNONYM})

Entry = tuple[int, int, int]  # (gene index, source code, lexicon-string index)
SHORT_ENTITY = 2  # FamPlex entity IDs this short are names only where papers use them
NEVER_DRAWN = frozenset({"pseudogene", "immunoglobulin pseudogene", "T cell receptor pseudogene"})


@dataclass
class TaxonTables:
    """One organism's lexicon: genes, the strings as written, and the resolved key index."""

    taxid: int
    genes: list[tuple[str, str]] = field(default_factory=list)  # (NCBI Gene ID, symbol)
    strings: list[str] = field(default_factory=list)
    index: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    # Short keys whose every lexicon string is written in mixed case (Kir, CaM, uS9): a word
    # printed in capitals is another name (candidates._admissible).
    cased: frozenset[str] = frozenset()


class _Collector:
    """Raw (un-resolved) entries per key, in the order they were added."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._string_ids: dict[str, int] = {}
        self.raw: dict[str, list[Entry]] = defaultdict(list)
        # Keys that FamPlex's grounding map uses only for non-genes, and keys it uses for genes.
        self.non_gene: set[str] = set()
        self.gene_like: set[str] = set()

    def add(self, text: str, gene: int, source: int) -> None:
        key = normalize(text)
        if not key:
            return
        sid = self._string_ids.setdefault(text, len(self.strings))
        if sid == len(self.strings):
            self.strings.append(text)
        self.raw[key].append((gene, source, sid))

    def cased(self, index: dict[str, tuple[Entry, ...]]) -> frozenset[str]:
        """Short family names whose strings are all in mixed case (Kir, CaM, G alphaS).

        Only families: FamPlex writes a family's case on purpose, while an alias's case is
        often typography (``BiP`` is printed ``BIP``). Strings of genes that lost the key
        (GAST's old symbol "GAS" under FamPlex's "G alphaS") do not count.
        """
        found = set()
        for key, entries in index.items():
            if len(key) > CASED_KEY or any(e[1] != FAMPLEX for e in entries):
                continue
            genes = {e[0] for e in entries}
            texts = [self.strings[sid] for gene, _, sid in self.raw[key] if gene in genes]
            if all(mixed_case_name(t) for t in texts):
                found.add(key)
        return frozenset(found)


# Names FamPlex lacks or reads otherwise, in the sense pathway figures use them: "MHC" is the
# major histocompatibility complex there, never FamPlex's "Mhc" (myosin heavy chain, a fly
# gene name). Values are FamPlex families ("FPLX:") or HGNC symbols; an empty tuple names no
# gene (the string is then not matched at all).
ADDITIONS: dict[str, tuple[str, ...]] = {
    "MHC": (),
    "MHCI": ("FPLX:HLA1",),
    "MHC class I": ("FPLX:HLA1",),
    "MHCII": ("FPLX:HLA2_alpha", "FPLX:HLA2_beta"),
    "MHC class II": ("FPLX:HLA2_alpha", "FPLX:HLA2_beta"),
    "HLA-DM": ("HLA-DMA", "HLA-DMB"),
    "HLA-DR": ("FPLX:HLA_DR",),
    # Reactome writes the class first.
    "Class I MHC": ("FPLX:HLA1",),
    "Class II MHC": ("FPLX:HLA2_alpha", "FPLX:HLA2_beta"),
    # FamPlex has an IKB entity without members; the classical IkappaBs are these three.
    "IκB": ("NFKBIA", "NFKBIB", "NFKBIE"),
    # Families that FamPlex lacks, named as immunology and translation figures name them.
    # "IRF" is also an alias of TRIM63 and "GBP" of four unrelated genes; in a figure they are
    # the interferon regulatory factors and the guanylate-binding proteins.
    "IRF": tuple(f"IRF{n}" for n in range(1, 10)),
    "GBP": tuple(f"GBP{n}" for n in range(1, 8)),
    "OAS": ("OAS1", "OAS2", "OAS3", "OASL"),
    "APOBEC3": tuple(f"APOBEC3{x}" for x in "ABCDFGH"),
    "Granzyme": ("GZMA", "GZMB", "GZMH", "GZMK", "GZMM"),
    "PA28": ("PSME1", "PSME2", "PSME3"),
    "eIF2": ("EIF2S1", "EIF2S2", "EIF2S3"),
    "eIF4F": ("EIF4E", "EIF4A1", "EIF4G1"),
    # Aliases of two genes where figures mean one: the TLR and RIG-I adaptors, not TRIM69
    # ("Trif") or PPIP5K1 ("IPS1"). "KIR" is both the killer-cell receptors and FamPlex's
    # potassium channels ("Kir"): which one a figure means is unknown.
    "TRIF": ("TICAM1",),
    "IPS-1": ("MAVS",),
    "KIR": (),
}


def build_human(resources: Path) -> TaxonTables:
    genes = list(sources.read_hgnc(resources / sources.HGNC_FILE))
    tables = TaxonTables(HUMAN, genes=[(g.ncbi_id, g.symbol) for g in genes])
    collector = _Collector()
    for i, gene in enumerate(genes):
        collector.add(gene.symbol, i, SYMBOL)
    for i, gene in enumerate(genes):
        if gene.locus_type in NEVER_DRAWN:
            # A pseudogene is drawn by its symbol if at all; its aliases, the old names of
            # its parent gene (TARBP2P1's "TRBP"), would only make a real alias ambiguous.
            continue
        for alias in (*gene.aliases, *gene.previous):
            collector.add(alias, i, SYNONYM)
        if printable_name(gene.name):
            collector.add(gene.name, i, SYNONYM)
    _add_famplex(collector, genes, resources)
    tables.strings = collector.strings
    # "RAc" (a chemical) must not block "Rac" (a family): a key is blocked only when every
    # grounding-map string with that key is a non-gene.
    blocked = collector.non_gene - collector.gene_like
    for key, raw in collector.raw.items():
        if entries := _resolve(raw, key in blocked):
            tables.index[key] = entries
    tables.cased = collector.cased(tables.index)
    return tables


def _add_famplex(collector: _Collector, genes: list[sources.HgncGene], resources: Path) -> None:
    by_symbol = {g.symbol: i for i, g in enumerate(genes)}
    by_uniprot: dict[str, int] = {}
    for i, gene in enumerate(genes):
        for accession in gene.uniprot:
            by_uniprot.setdefault(accession, i)
    # FamPlex may name a member by a symbol HGNC has since renamed.
    previous: dict[str, list[int]] = defaultdict(list)
    for i, gene in enumerate(genes):
        for old in gene.previous:
            previous[old].append(i)
    for old, ids in previous.items():
        if len(ids) == 1:
            by_symbol.setdefault(old, ids[0])

    def gene_of(namespace: str, ident: str) -> int | None:
        if namespace == "HGNC":
            return by_symbol.get(ident)
        if namespace in ("UP", "UPISO"):
            return by_uniprot.get(ident.split("-")[0])
        return None

    children: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for child_ns, child_id, relation, parent_ns, parent_id in sources.read_famplex_relations(
        resources / "famplex/relations.csv"
    ):
        if parent_ns == "FPLX" and relation in ("isa", "partof"):
            children[parent_id].append((child_ns, child_id))

    members_cache: dict[str, tuple[int, ...]] = {}
    added = {normalize(text) for text in ADDITIONS}

    def members(family: str, seen: frozenset[str] = frozenset()) -> tuple[int, ...]:
        if family in members_cache:
            return members_cache[family]
        found: list[int] = []
        for ns, ident in children.get(family, ()):
            if ns == "FPLX":
                if ident not in seen:
                    found.extend(members(ident, seen | {family}))
            elif (gene := gene_of(ns, ident)) is not None:
                found.append(gene)
        result = tuple(sorted(set(found)))
        members_cache[family] = result
        return result

    def add_all(text: str, ids: Iterable[int]) -> None:
        for gene in ids:
            collector.add(text, gene, FAMPLEX)

    grounded = list(sources.read_grounding_map(resources / "famplex/grounding_map.csv"))
    attested = {text for text, _ in grounded}
    for entity in sources.read_famplex_entities(resources / "famplex/entities.csv"):
        name = entity.replace("_", " ")
        # An entity ID is a curator's label. A two-character one (SP, TK, TN, GJ) is not a
        # name printed in figures unless papers use it so (the grounding map's "Sp" is kept):
        # a figure's "SP" is S. pneumoniae or substance P, not the Sp1-9 transcription factors.
        if len(normalize(name)) <= SHORT_ENTITY and name not in attested:
            continue
        add_all(name, members(entity))

    for text, groundings in grounded:
        if normalize(text) in added:
            continue
        gene_groundings = [(ns, i) for ns, i in groundings if ns in sources.GENE_NAMESPACES]
        if groundings and not gene_groundings:
            collector.non_gene.add(normalize(text))
            continue
        collector.gene_like.add(normalize(text))
        found: list[int] = []
        for ns, ident in gene_groundings:
            if ns == "FPLX":
                found.extend(members(ident))
            elif (gene := gene_of(ns, ident)) is not None:
                found.append(gene)
        add_all(text, dict.fromkeys(found))

    for text, names in ADDITIONS.items():
        key = normalize(text)
        collector.raw[key] = [e for e in collector.raw.get(key, []) if e[1] != FAMPLEX]
        if not names:
            collector.non_gene.add(key)
            continue
        found = []
        for name in names:
            if name.startswith("FPLX:"):
                found.extend(members(name.removeprefix("FPLX:")))
            elif (gene := by_symbol.get(name)) is not None:
                found.append(gene)
        add_all(text, dict.fromkeys(found))


# Approved names worth reading in figures: a few words ("exportin 5", "tumor necrosis factor",
# "cystathionine beta-synthase"), for the phrase reader. One-word names are left out (they are
# English-looking words matched even in lower-case prose), and so are long descriptions and
# the names of loci no figure draws as a protein.
_MAX_NAME_WORDS = 4
_NOT_PROTEINS = ("pseudogene", "antisense", "transcript", "cluster", "readthrough", "divergent")


def printable_name(name: str) -> bool:
    words = name.split()
    return (
        1 < len(words) <= _MAX_NAME_WORDS
        and not any(c in name for c in ",;()[]")
        and not any(w in name for w in _NOT_PROTEINS)
    )


def _resolve(raw: list[Entry], blocked: bool) -> tuple[Entry, ...]:
    """The genes a key names, one entry per gene, by the precedence in the module docstring."""
    symbols = _first_per_gene(e for e in raw if e[1] == SYMBOL)
    if symbols:
        return symbols
    if blocked:
        return ()
    synonyms = _first_per_gene(e for e in raw if e[1] == SYNONYM)
    family = _first_per_gene(e for e in raw if e[1] in FAMILY_SOURCES)
    if not family:
        return synonyms
    by_gene = {e[0]: (e[0], FAMILY_SYNONYM, e[2]) for e in synonyms}
    return tuple(sorted((by_gene.get(e[0], e) for e in family), key=lambda e: e[0]))


def _first_per_gene(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    chosen: dict[int, Entry] = {}
    for entry in entries:
        chosen.setdefault(entry[0], entry)
    return tuple(sorted(chosen.values(), key=lambda e: e[0]))
