"""The search index's tables and keys, shared by the SQLite and PostgreSQL halves.

- ``search_docs``: one row per figure with its year and journal; the full-text part beside it
  differs by database (see :mod:`.sqlite` and :mod:`.postgres`);
- ``search_organisms``: the figure's curated and detected organisms, one row each, with its year;
- ``search_genes``: one row per figure and gene key (lower-case symbol, or ``ID:`` and the NCBI
  Gene ID) with the narrowest tier that names it and the year, so a gene filter reads one index
  range instead of every mention.

The last two carry the year so that a search driven by them walks an index in the result order
(newest first) and stops after one page.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

from pathfig.taxa import taxon

# Bumped whenever the tables change shape: an older index is dropped and built again.
SEARCH_VERSION = "4"
SEARCH_TABLES = ("search_fts", "search_genes", "search_organisms", "search_docs")

_meta = MetaData()
search_docs = Table(
    "search_docs",
    _meta,
    Column("doc_id", Integer, primary_key=True),
    Column("figid", String, nullable=False, unique=True),
    Column("year", String),
    Column("journal", Text),
    Column("document", TSVECTOR),  # PostgreSQL only: title, caption and paper title
    Column("title_doc", TSVECTOR),  # PostgreSQL only: title and paper title, for ranking
    Column("organisms", ARRAY(Text)),  # PostgreSQL only: the keys in search_organisms
)
search_organisms = Table(
    "search_organisms",
    _meta,
    Column("organism_key", String, primary_key=True),
    Column("figid", String, primary_key=True),
    Column("organism", Text, nullable=False),
    Column("year", String),
    Column("doc_id", Integer, nullable=False),
)
search_genes = Table(
    "search_genes",
    _meta,
    Column("gene_key", String, primary_key=True),
    Column("figid", String, primary_key=True),
    Column("tier_rank", Integer, nullable=False),  # 0 strict, 1 synonyms, 2 all
    Column("year", String),
    Column("doc_id", Integer, nullable=False),
)

# The figures and papers that documents are made of, and the columns every database keeps.
DOC_SOURCE = "FROM figures f JOIN papers p ON p.paper_key = f.paper_key"
DOC_COLUMNS = "f.figid, p.year, coalesce(p.journal_title, p.journal_nlm_ta)"


def filter_tables_ddl(id_type: str, options: str = "") -> tuple[str, ...]:
    """``search_genes`` and ``search_organisms`` with their indexes, and the order indexes of
    ``search_docs``; ``options`` ends each CREATE TABLE (SQLite: ``WITHOUT ROWID``)."""
    return (
        # Keyed by (gene, figure) with the rest in the key's b-tree: a gene filter is one range.
        "CREATE TABLE IF NOT EXISTS search_genes (gene_key TEXT NOT NULL, figid TEXT NOT NULL, "
        f"tier_rank INTEGER NOT NULL, year TEXT, doc_id {id_type} NOT NULL, "
        f"PRIMARY KEY (gene_key, figid)){options}",
        "CREATE TABLE IF NOT EXISTS search_organisms (organism_key TEXT NOT NULL, "
        f"figid TEXT NOT NULL, organism TEXT NOT NULL, year TEXT, doc_id {id_type} NOT NULL, "
        f"PRIMARY KEY (organism_key, figid)){options}",
        "CREATE INDEX IF NOT EXISTS ix_search_organisms_figid ON search_organisms (figid)",
        # Result order is newest first, then figid: these indexes hand rows out in that order.
        "CREATE INDEX IF NOT EXISTS ix_search_docs_order ON search_docs (year DESC, figid)",
        "CREATE INDEX IF NOT EXISTS ix_search_docs_journal "
        "ON search_docs (journal, year DESC, figid)",
        "CREATE INDEX IF NOT EXISTS ix_search_organisms_order "
        "ON search_organisms (organism_key, year DESC, figid, doc_id)",
        "CREATE INDEX IF NOT EXISTS ix_search_genes_order "
        "ON search_genes (gene_key, year DESC, figid, tier_rank, doc_id)",
        "CREATE INDEX IF NOT EXISTS ix_search_genes_figid ON search_genes (figid)",
    )


# Gene IDs get a key that no lower-cased symbol can equal.
ID_PREFIX = "ID:"


def gene_key(gene: str) -> str:
    """The ``search_genes`` key: an NCBI Gene ID when all digits, else the symbol in any case."""
    return f"{ID_PREFIX}{gene}" if gene.isdigit() else gene.lower()


def organism_key(organism: str) -> str:
    """The ``search_organisms`` key: the name in lower case; a taxon ID is read as its name."""
    value = organism.strip()
    if value.isdigit():
        value = taxon(int(value)).name
    return value.lower()
