"""A sparse inverted index of gene sets: which sets each gene is in, as one sparse matrix.

Genes are matched case-insensitively (after stripping): a GMT of symbols matches "tp53" to
"TP53", and NCBI Gene IDs are unaffected. An index built from the store also knows gene
symbols, so queries may mix IDs and symbols.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pathfig.errors import BadInputError

if TYPE_CHECKING:
    from scipy.sparse import csc_matrix, csr_matrix

    from pathfig.store import Store


def gene_key(gene: str) -> str:
    """How a gene name is compared: stripped and case-folded."""
    return gene.strip().casefold()


@dataclass(eq=False)
class GeneSetIndex:
    """Gene sets as a genes x sets sparse 0/1 matrix (CSR: a row lists the sets of a gene).

    ``set_ids``/``titles`` give the sets in column order, ``genes`` the genes in row order as
    first written, and ``symbols`` optional extra names (case-folded) resolving to a row.
    """

    set_ids: list[str]
    titles: list[str | None]
    genes: list[str]
    matrix: csr_matrix
    symbols: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(init=False, repr=False)
    sizes: np.ndarray = field(init=False, repr=False)
    by_id: np.ndarray = field(init=False, repr=False)
    members: csc_matrix = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.rows = {gene_key(g): i for i, g in enumerate(self.genes)}
        # Column sums of a 0/1 matrix: the number of genes in each set.
        self.sizes = np.bincount(self.matrix.indices, minlength=len(self.set_ids))
        # Columns in set-id order: ties in p-value are ranked by figid through it.
        self.by_id = np.argsort(np.array(self.set_ids, dtype=object), kind="stable")
        # Column access (the genes of one set), for listing the overlapping genes of a hit.
        self.members = self.matrix.tocsc()

    @classmethod
    def from_sets(
        cls,
        gene_sets: Iterable[tuple[str, str | None, Sequence[str]]],
        *,
        symbol_to_id: Mapping[str, str] | None = None,
    ) -> GeneSetIndex:
        """Index ``(set_id, title, genes)`` triples; set ids must be unique.

        ``symbol_to_id`` maps extra names (gene symbols) to genes of the sets; names of genes
        that are in no set are dropped, since they could never overlap anything.
        """
        from scipy.sparse import csr_matrix

        set_ids: list[str] = []
        titles: list[str | None] = []
        rows: dict[str, int] = {}
        genes: list[str] = []
        row_idx: list[int] = []
        col_idx: list[int] = []
        for column, (set_id, title, members) in enumerate(gene_sets):
            set_ids.append(set_id)
            titles.append(title)
            seen: set[int] = set()
            for gene in members:
                key = gene_key(gene)
                if not key:
                    continue
                row = rows.setdefault(key, len(rows))
                if row == len(genes):
                    genes.append(gene.strip())
                if row not in seen:  # a gene written twice (in two cases) counts once
                    seen.add(row)
                    row_idx.append(row)
                    col_idx.append(column)
        if len(set(set_ids)) != len(set_ids):
            dupes = sorted(k for k, v in Counter(set_ids).items() if v > 1)
            raise BadInputError(f"gene set ids must be unique; repeated: {', '.join(dupes[:5])}")
        matrix = csr_matrix(
            (np.ones(len(row_idx), dtype=np.int32), (row_idx, col_idx)),
            shape=(len(genes), len(set_ids)),
        )
        symbols = {}
        for symbol, gene in (symbol_to_id or {}).items():
            row = rows.get(gene_key(gene))
            if row is not None and gene_key(symbol) not in rows:
                symbols[gene_key(symbol)] = row
        return cls(set_ids, titles, genes, matrix, symbols)

    def __len__(self) -> int:
        return len(self.set_ids)

    @property
    def universe(self) -> int:
        """The default universe: the number of distinct genes in all the sets."""
        return len(self.genes)

    def row(self, gene: str) -> int | None:
        """The row of ``gene`` (a gene as written in the sets, or a known symbol), or None."""
        key = gene_key(gene)
        row = self.rows.get(key)
        return self.symbols.get(key) if row is None else row


def index_from_gmt(path: str | Path) -> GeneSetIndex:
    """An index of the sets in a GMT file; genes are matched as written (ignoring case)."""
    from pathfig.enrich.gmt import read_gmt

    return GeneSetIndex.from_sets(read_gmt(path))


def index_from_store(store: Store, organism: int | None = 9606, tier: str = "all") -> GeneSetIndex:
    """An index of the figures' NCBI Gene ID sets for ``organism`` (None: all) and ``tier``.

    Symbols are learnt from the same mentions: each symbol maps to the ID it was recognised as
    most often (ties: the smallest ID), so queries may give symbols or IDs.
    """
    sets = list(store.gene_sets(organism, tier))
    votes: Counter[tuple[str, str]] = Counter()
    for symbol, identifier, count in store.gene_symbols(organism, tier):
        votes[(gene_key(symbol), identifier)] += count
    candidates: dict[str, list[tuple[int, tuple[int, str], str]]] = {}
    for (symbol, identifier), count in votes.items():
        candidates.setdefault(symbol, []).append((-count, _id_order(identifier), identifier))
    symbol_to_id = {symbol: min(options)[2] for symbol, options in candidates.items()}
    return GeneSetIndex.from_sets(sets, symbol_to_id=symbol_to_id)


def _id_order(identifier: str) -> tuple[int, str]:
    # NCBI Gene IDs compare as numbers ("9" before "10"); anything else after, as text.
    return (int(identifier), "") if identifier.isdigit() else (1 << 62, identifier)
