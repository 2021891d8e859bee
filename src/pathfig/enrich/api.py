"""Which gene sets (published pathway figures) best match a gene list: over-representation.

For each set, the one-sided Fisher test of the 2x2 table (in set / not) x (in query / not)
within a universe of N genes:

* default universe: every gene in the index (the union of all sets); query genes in no set are
  outside it, reported in ``unknown`` and not counted;
* ``universe=N``: N genes in all, e.g. a genome; every distinct query gene counts, including
  those in no set (as in Enrichr and gseapy with a number as background);
* ``background=[...]``: exactly those genes; the query and every set are cut down to them.

Benjamini–Hochberg runs over every set tested (all sets within the size limits), not only
those sharing a gene with the query: that is the family of tests actually made. Enrichr and
gseapy adjust over the sets with an overlap only, which gives smaller FDRs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from pathfig.enrich.index import GeneSetIndex, gene_key
from pathfig.enrich.stats import bh_adjust, hypergeom_log_sf, odds_ratio
from pathfig.errors import BadInputError

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("figid", "title", "overlap", "set_size", "genes", "odds_ratio", "p_value", "fdr")


@dataclass(eq=False)
class EnrichmentResult:
    """Sets sharing at least one gene with the query and within the FDR cut, best first.

    Rows are ranked by p-value (compared in log space, so underflowed p-values still rank),
    ties by figid. ``set_size`` is the size within the universe.
    """

    index: GeneSetIndex = field(repr=False)
    columns: np.ndarray  # index columns of the sets, in rank order
    overlap: np.ndarray
    set_size: np.ndarray
    odds_ratio: np.ndarray
    p_value: np.ndarray
    log_p: np.ndarray
    fdr: np.ndarray
    unknown: list[str]  # query genes in no set (and no known symbol)
    outside_background: list[str]  # known query genes left out by the background, as written
    query_size: int  # k: distinct query genes in the universe
    universe: int  # N
    n_tested: int  # sets within the size limits: the BH family
    in_query: np.ndarray = field(repr=False)  # per index gene: in the (restricted) query?

    def __len__(self) -> int:
        return len(self.columns)

    def head(self, n: int) -> EnrichmentResult:
        """The first ``n`` rows only."""
        cut = slice(0, max(n, 0))
        return EnrichmentResult(
            self.index, self.columns[cut], self.overlap[cut], self.set_size[cut],
            self.odds_ratio[cut], self.p_value[cut], self.log_p[cut], self.fdr[cut],
            self.unknown, self.outside_background, self.query_size, self.universe,
            self.n_tested, self.in_query,
        )  # fmt: skip

    @property
    def figids(self) -> list[str]:
        return [self.index.set_ids[c] for c in self.columns]

    def genes_of(self, position: int) -> list[str]:
        """The query genes (as the index writes them) in the set at rank ``position``."""
        members = self.index.members
        column = self.columns[position]
        rows = members.indices[members.indptr[column] : members.indptr[column + 1]]
        return [self.index.genes[r] for r in rows[self.in_query[rows]]]

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row with the keys of :data:`COLUMNS`; ``genes`` is a list."""
        ids, titles = self.index.set_ids, self.index.titles
        return [
            {
                "figid": ids[c],
                "title": titles[c],
                "overlap": int(self.overlap[i]),
                "set_size": int(self.set_size[i]),
                "genes": self.genes_of(i),
                "odds_ratio": float(self.odds_ratio[i]),
                "p_value": float(self.p_value[i]),
                "fdr": float(self.fdr[i]),
            }
            for i, c in enumerate(self.columns)
        ]

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame with exactly the columns of :data:`COLUMNS`, best first."""
        import pandas as pd

        return pd.DataFrame(
            {
                "figid": pd.Series([self.index.set_ids[c] for c in self.columns], dtype=object),
                "title": pd.Series([self.index.titles[c] for c in self.columns], dtype=object),
                "overlap": self.overlap.astype(np.int64),
                "set_size": self.set_size.astype(np.int64),
                "genes": pd.Series([self.genes_of(i) for i in range(len(self))], dtype=object),
                "odds_ratio": self.odds_ratio,
                "p_value": self.p_value,
                "fdr": self.fdr,
            },
            columns=list(COLUMNS),
        )


def enrich(
    genes: Sequence[str],
    index: GeneSetIndex,
    *,
    universe: int | None = None,
    background: Sequence[str] | None = None,
    min_size: int = 1,
    max_size: int | None = None,
    fdr: float = 1.0,
) -> EnrichmentResult:
    """Rank the sets of ``index`` by over-representation of ``genes`` (IDs or known symbols).

    ``universe`` and ``background`` are exclusive (see the module docstring). Sets smaller than
    ``min_size`` or larger than ``max_size`` (sizes within the universe) are not tested; rows
    with an FDR above ``fdr`` are left out. Unknown genes are reported, never fatal.
    """
    if universe is not None and background is not None:
        raise BadInputError("give a universe size or a background gene list, not both")
    if max_size is not None and max_size < min_size:
        raise BadInputError(f"max size {max_size} is below min size {min_size}")
    if not 0.0 <= fdr <= 1.0:
        raise BadInputError(f"the FDR cut-off must be between 0 and 1, not {fdr}")

    rows, unknown, typed = _resolve(genes, index)
    outside: list[str] = []
    sizes = index.sizes
    if background is not None:
        bg_rows, bg_unknown, _ = _resolve(background, index)
        n_universe = len(bg_rows) + len({gene_key(g) for g in bg_unknown})
        inside = set(bg_rows.tolist())
        outside = [gene for row, gene in typed.items() if row not in inside]
        rows = rows[np.isin(rows, bg_rows)]
        # Query genes in no set still count when the background lists them.
        extra = len({gene_key(g) for g in unknown} & {gene_key(g) for g in bg_unknown})
        k = len(rows) + extra
        sizes = np.bincount(index.matrix[bg_rows].indices, minlength=len(index))
    elif universe is not None:
        k = len(rows) + len({gene_key(g) for g in unknown})
        n_universe = universe
        if n_universe < max(k, int(sizes.max(initial=0))):
            raise BadInputError(
                f"universe of {universe} genes is smaller than the query ({k}) "
                f"or the largest gene set ({int(sizes.max(initial=0))})"
            )
    else:
        k = len(rows)
        n_universe = index.universe

    tested = sizes >= max(min_size, 1)
    if max_size is not None:
        tested &= sizes <= max_size
    n_tested = int(tested.sum())

    # The query's rows of the inverted index, counted per set: one sparse mat-vec (q^T A).
    counts = np.bincount(index.matrix[rows].indices, minlength=len(index))
    hit = (counts > 0) & tested
    columns = index.by_id[hit[index.by_id]]  # in figid order, for the tie-break below
    # Sets with the same (overlap, size) share their 2x2 table: compute each table once.
    group_x, group_n, inverse = _tables(counts[columns], sizes[columns])
    log_p = hypergeom_log_sf(group_x, n_universe, group_n, k)
    p = np.exp(log_p)
    q = bh_adjust(p, n_tests=n_tested, counts=np.bincount(inverse, minlength=p.size))
    ratio = odds_ratio(group_x, group_n - group_x, k - group_x,
                       n_universe - group_n - k + group_x)  # fmt: skip

    keep = (q <= fdr)[inverse]
    columns, inverse = columns[keep], inverse[keep]
    # Rank by p (equal log p, equal rank), then by figid: a stable sort of figid-ordered sets.
    rank = np.unique(log_p, return_inverse=True)[1].astype(np.uint16 if p.size < 65536 else int)
    order = np.argsort(rank[inverse], kind="stable")
    columns, inverse = columns[order], inverse[order]
    in_query = np.zeros(len(index.genes), dtype=bool)
    in_query[rows] = True
    return EnrichmentResult(
        index, columns, group_x[inverse], group_n[inverse], ratio[inverse], p[inverse],
        log_p[inverse], q[inverse], unknown, outside, k, n_universe, n_tested, in_query,
    )  # fmt: skip


def _resolve(
    genes: Sequence[str], index: GeneSetIndex
) -> tuple[np.ndarray, list[str], dict[int, str]]:
    """Distinct index rows of ``genes`` (sorted), the genes that resolve to none (input order),
    and each row's gene as first written (input order)."""
    typed: dict[int, str] = {}
    unknown: dict[str, str] = {}
    for gene in genes:
        gene = str(gene).strip()
        if not gene:
            continue
        row = index.row(gene)
        if row is None:
            unknown.setdefault(gene_key(gene), gene)
        else:
            typed.setdefault(row, gene)
    return np.array(sorted(typed), dtype=np.int64), list(unknown.values()), typed


def _tables(x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (x, n) pairs and, for each set, the index of its pair."""
    if x.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    width = int(n.max()) + 1
    keys = x.astype(np.int64) * width + n
    top = int(keys.max()) + 1
    if top <= 4 * keys.size + 1_000_000:
        # Overlaps and sizes are small integers: a lookup table beats sorting 100,000 keys.
        present = np.zeros(top, dtype=bool)
        present[keys] = True
        unique = np.flatnonzero(present)
        inverse = (np.cumsum(present) - 1)[keys]
    else:
        unique, inverse = np.unique(keys, return_inverse=True)
    return unique // width, unique % width, inverse
