"""Figure search: full text, genes, organism, year and tier, the same on SQLite and PostgreSQL.

The index lives beside the store's tables and is refreshed inside ``save_figure``'s transaction:

- ``search_docs``: one row per figure with its year (and, on PostgreSQL, a weighted ``tsvector``
  of title, caption and paper title with a GIN index);
- ``search_fts`` (SQLite only): an FTS5 table keyed by ``search_docs.doc_id``;
- ``search_organisms``: the figure's curated and detected organisms, one row each.

User text never reaches the FTS syntax: every whitespace-separated chunk becomes one quoted term
(a phrase when the tokenizer splits it, like ``IL-6``), and the terms are ANDed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    column,
    delete,
    func,
    insert,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.engine import Connection, Engine

from pathfig.errors import BadInputError
from pathfig.store import schema
from pathfig.taxa import taxon

SEARCH_VERSION = "2"
TIERS = ("strict", "synonyms", "all")
MAX_TERMS = 12
MAX_GENES = 20

_meta = MetaData()
search_docs = Table(
    "search_docs",
    _meta,
    Column("doc_id", Integer, primary_key=True),
    Column("figid", String, nullable=False, unique=True),
    Column("year", String),
    Column("document", TSVECTOR),  # PostgreSQL only: title, caption and paper title
    Column("title_doc", TSVECTOR),  # PostgreSQL only: title and paper title, for ranking
)
search_organisms = Table(
    "search_organisms",
    _meta,
    Column("organism_key", String, primary_key=True),
    Column("figid", String, primary_key=True),
    Column("organism", Text, nullable=False),
)
search_fts = table(
    "search_fts", column("rowid"), column("figtitle"), column("caption"), column("papertitle")
)

_SQLITE_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (doc_id INTEGER PRIMARY KEY, "
    "figid TEXT NOT NULL UNIQUE, year TEXT)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(figtitle, caption, papertitle, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
)
_POSTGRES_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (doc_id BIGSERIAL PRIMARY KEY, "
    "figid TEXT NOT NULL UNIQUE, year TEXT, document TSVECTOR NOT NULL)",
    "ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS title_doc TSVECTOR",
    "CREATE INDEX IF NOT EXISTS ix_search_docs_document ON search_docs USING GIN (document)",
)
_COMMON_DDL = (
    "CREATE TABLE IF NOT EXISTS search_organisms (organism_key TEXT NOT NULL, "
    "figid TEXT NOT NULL, organism TEXT NOT NULL, PRIMARY KEY (organism_key, figid))",
    "CREATE INDEX IF NOT EXISTS ix_search_organisms_figid ON search_organisms (figid)",
    "CREATE INDEX IF NOT EXISTS ix_search_docs_year ON search_docs (year, figid)",
    # Genes are found by symbol whatever its case (IL6, Il6, il6).
    "CREATE INDEX IF NOT EXISTS ix_mentions_symbol_lower ON mentions (lower(symbol), entity)",
)
# PostgreSQL ranks title over caption over paper title; SQLite's bm25 gets the same weights.
_PG_DOCUMENT = (
    "setweight(to_tsvector('english', coalesce(f.figtitle, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(f.caption, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(p.papertitle, '')), 'C')"
)
# Ranking reads only this small vector: ranking on the whole caption of every match is what
# makes a broad word slow on a large store.
_PG_TITLES = (
    "setweight(to_tsvector('english', coalesce(f.figtitle, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(p.papertitle, '')), 'C')"
)


# -- the index --------------------------------------------------------------------------------


def ensure_index(engine: Engine) -> None:
    """Create the search tables if missing, and fill them once for a store made before them."""
    dialect = engine.dialect.name
    ddl = (_SQLITE_DDL if dialect == "sqlite" else _POSTGRES_DDL) + _COMMON_DDL
    info = schema.store_info
    with engine.begin() as conn:
        for statement in ddl:
            conn.execute(text(statement))
        version = conn.execute(
            select(info.c.value).where(info.c.key == "search_version")
        ).scalar_one_or_none()
        if version != SEARCH_VERSION:
            rebuild_index(conn)
            stmt = delete(info).where(info.c.key == "search_version")
            conn.execute(stmt)
            conn.execute(insert(info).values(key="search_version", value=SEARCH_VERSION))


def rebuild_index(conn: Connection) -> None:
    """Index every figure again (after a bulk load, or for a store made before the index)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM search_fts"))
    conn.execute(delete(search_organisms))
    conn.execute(delete(search_docs))
    _index(conn, None)


def index_paper(conn: Connection, paper_key: str) -> None:
    """Re-index every figure of one paper: a new paper title changes all of them."""
    figids = select(schema.figures.c.figid).where(schema.figures.c.paper_key == paper_key)
    if conn.dialect.name == "sqlite":
        doc_ids = select(search_docs.c.doc_id).where(search_docs.c.figid.in_(figids))
        conn.execute(delete(search_fts).where(search_fts.c.rowid.in_(doc_ids)))
    conn.execute(delete(search_organisms).where(search_organisms.c.figid.in_(figids)))
    conn.execute(delete(search_docs).where(search_docs.c.figid.in_(figids)))
    _index(conn, paper_key)


def _index(conn: Connection, paper_key: str | None) -> None:
    where = "" if paper_key is None else "WHERE f.paper_key = :paper_key"
    params = {} if paper_key is None else {"paper_key": paper_key}
    joined = "FROM figures f JOIN papers p ON p.paper_key = f.paper_key"
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(f"INSERT INTO search_docs (figid, year) SELECT f.figid, p.year {joined} {where}"),
            params,
        )
        conn.execute(
            text(
                "INSERT INTO search_fts (rowid, figtitle, caption, papertitle) "
                "SELECT d.doc_id, f.figtitle, f.caption, p.papertitle "
                f"{joined} JOIN search_docs d ON d.figid = f.figid {where}"
            ),
            params,
        )
    else:
        conn.execute(
            text(
                "INSERT INTO search_docs (figid, year, document, title_doc) "
                f"SELECT f.figid, p.year, {_PG_DOCUMENT}, {_PG_TITLES} {joined} {where}"
            ),
            params,
        )
    f = schema.figures
    query = select(f.c.figid, f.c.organisms, f.c.organisms_ner)
    if paper_key is not None:
        query = query.where(f.c.paper_key == paper_key)
    rows = []
    for figid, curated, detected in conn.execute(query):
        names = [*_json_list(curated), *_json_list(detected)]
        keys = {}
        for name in names:
            if name and name != "NA":
                keys.setdefault(name.strip().lower(), name.strip())
        rows += [{"organism_key": k, "figid": figid, "organism": v} for k, v in keys.items()]
        if len(rows) >= 5000:
            conn.execute(insert(search_organisms), rows)
            rows = []
    if rows:
        conn.execute(insert(search_organisms), rows)


def _json_list(value: str | None) -> list[str]:
    if not value:
        return []
    loaded = json.loads(value)
    return [str(v) for v in loaded] if isinstance(loaded, list) else []


# -- queries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    genes: tuple[str, ...] = ()
    organism: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    tier: str = "all"
    journal: str | None = None
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        if self.tier not in TIERS:
            raise BadInputError(f"unknown tier {self.tier!r}; one of {', '.join(TIERS)}")
        if len(terms(self.text)) > MAX_TERMS:
            raise BadInputError(f"at most {MAX_TERMS} search terms")
        if len(self.genes) > MAX_GENES:
            raise BadInputError(f"at most {MAX_GENES} genes")

    @property
    def empty(self) -> bool:
        return not (
            terms(self.text)
            or self.genes
            or self.organism
            or self.journal
            or self.year_from
            or self.year_to
        )


@dataclass(frozen=True)
class GeneHit:
    symbol: str
    identifier: str
    matched: bool


@dataclass(frozen=True)
class Hit:
    figid: str
    figtitle: str | None
    papertitle: str | None
    caption: str | None
    year: str | None
    journal: str | None
    pmcid: str | None
    organisms: list[str]
    genes: list[GeneHit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    hits: list[Hit]
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def terms(text_: str) -> list[str]:
    """The user's words as plain terms: quotes and control characters dropped."""
    cleaned = re.sub(r'["\x00-\x1f]', " ", text_ or "")
    return [t for t in cleaned.split() if re.search(r"\w", t)]


def fts5_query(text_: str) -> str:
    """An FTS5 MATCH string: each term quoted (never FTS syntax), all terms required."""
    return " ".join(f'"{t}"' for t in terms(text_))


def websearch_query(text_: str) -> str:
    """A websearch_to_tsquery string: each term quoted, so ``or`` and ``-x`` stay words."""
    return " ".join(f'"{t}"' for t in terms(text_))


def parse_genes(value: str | None) -> tuple[str, ...]:
    """``IL6, STAT3 7157`` → ('IL6', 'STAT3', '7157'): comma or space separated."""
    return tuple(dict.fromkeys(g for g in re.split(r"[\s,;]+", value or "") if g))


def _tiers(tier: str) -> tuple[str, ...]:
    return TIERS[: TIERS.index(tier) + 1]


def _gene_filter(gene: str, tier: str):
    m = schema.mentions
    key = m.c.identifier == gene if gene.isdigit() else func.lower(m.c.symbol) == gene.lower()
    return select(m.c.figid).where(key, m.c.entity == "gene", m.c.tier.in_(_tiers(tier)))


def _organism_key(organism: str) -> str:
    value = organism.strip()
    if value.isdigit():
        value = taxon(int(value)).name
    return value.lower()


def search(conn: Connection, query: SearchQuery) -> SearchResult:
    """One page of figures matching every part of ``query``, best first, and the total."""
    d = search_docs
    words = terms(query.text)
    base = select(d.c.figid)
    rank = None
    if words and conn.dialect.name == "sqlite":
        base = base.join(search_fts, search_fts.c.rowid == d.c.doc_id).where(
            literal_column("search_fts").op("MATCH")(bindparam("fts", fts5_query(query.text)))
        )
        # bm25 is smaller for better matches; title counts most, then paper title, caption.
        rank = func.bm25(literal_column("search_fts"), 10.0, 2.0, 4.0).asc()
    elif words:
        tsq = func.websearch_to_tsquery(
            literal_column("'english'::regconfig"), bindparam("ws", websearch_query(query.text))
        )
        base = base.where(d.c.document.op("@@")(tsq))
        rank = func.ts_rank(d.c.title_doc, tsq).desc()
        # A common word matches most figures, and then the planner reads every caption's
        # vector in a sequential scan; the GIN bitmap answers the match without reading them.
        conn.execute(text("SET LOCAL enable_seqscan = off"))
    if query.year_from is not None:
        base = base.where(d.c.year >= f"{query.year_from:04d}")
    if query.year_to is not None:
        # Years are stored as text: '2021' < '2021 Dec' < '2021~', so a year_to takes all of it.
        base = base.where(d.c.year <= f"{query.year_to:04d}~")
    if query.organism:
        o = search_organisms
        base = base.where(
            d.c.figid.in_(
                select(o.c.figid).where(o.c.organism_key == _organism_key(query.organism))
            )
        )
    if query.journal:
        f, p = schema.figures, schema.papers
        journal = func.coalesce(p.c.journal_title, p.c.journal_nlm_ta)
        base = base.where(
            d.c.figid.in_(
                select(f.c.figid)
                .join(p, p.c.paper_key == f.c.paper_key)
                .where(journal == query.journal)
            )
        )
    for gene in query.genes:
        base = base.where(d.c.figid.in_(_gene_filter(gene, query.tier)))
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    order = [rank] if rank is not None else []
    order += [d.c.year.desc(), d.c.figid]
    offset = (query.page - 1) * query.per_page
    page = base.order_by(*order).limit(query.per_page).offset(offset)
    figids = list(conn.execute(page).scalars())
    return SearchResult(query, describe(conn, figids, query.genes, query.tier), total)


def describe(
    conn: Connection,
    figids: list[str],
    genes: tuple[str, ...] = (),
    tier: str = "all",
    max_genes: int = 16,
) -> list[Hit]:
    """Result cards for these figures, in this order, with their genes (matched ones first)."""
    if not figids:
        return []
    f, p, m = schema.figures, schema.papers, schema.mentions
    rows = conn.execute(
        select(
            f.c.figid,
            f.c.figtitle,
            f.c.caption,
            f.c.organisms,
            f.c.organisms_ner,
            p.c.papertitle,
            p.c.year,
            p.c.journal_title,
            p.c.journal_nlm_ta,
            p.c.pmcid,
        )
        .join(p, p.c.paper_key == f.c.paper_key)
        .where(f.c.figid.in_(figids))
    ).all()
    wanted = {g.lower() for g in genes}
    found: dict[str, dict[str, GeneHit]] = defaultdict(dict)
    gene_rows = conn.execute(
        select(m.c.figid, m.c.symbol, m.c.identifier)
        .where(m.c.figid.in_(figids), m.c.entity == "gene", m.c.tier.in_(_tiers(tier)))
        .order_by(m.c.figid, m.c.seq)
    )
    for figid, symbol, identifier in gene_rows:
        matched = symbol.lower() in wanted or identifier in wanted
        found[figid].setdefault(identifier, GeneHit(symbol, identifier, matched))
    by_id = {}
    for r in rows:
        hits = sorted(found[r.figid].values(), key=lambda g: not g.matched)[:max_genes]
        organisms = list(dict.fromkeys([*_json_list(r.organisms), *_json_list(r.organisms_ner)]))
        by_id[r.figid] = Hit(
            r.figid,
            r.figtitle,
            r.papertitle,
            r.caption,
            r.year,
            r.journal_title or r.journal_nlm_ta,
            r.pmcid,
            [o for o in organisms if o != "NA"],
            hits,
        )
    return [by_id[figid] for figid in figids if figid in by_id]


def latest(conn: Connection, limit: int = 8) -> list[Hit]:
    """The figures of the newest papers."""
    d = search_docs
    query = select(d.c.figid).order_by(d.c.year.desc(), d.c.figid).limit(limit)
    return describe(conn, list(conn.execute(query).scalars()), max_genes=8)


def overview(conn: Connection) -> dict[str, int]:
    """Counts for the home page: figures, papers, genes, organisms, years."""
    f, p, m = schema.figures, schema.papers, schema.mentions

    def count(query) -> int:
        return conn.execute(query).scalar_one()

    return {
        "figures": count(select(func.count()).select_from(f)),
        "papers": count(select(func.count()).select_from(p)),
        "genes": count(
            select(func.count(func.distinct(m.c.identifier))).where(m.c.entity == "gene")
        ),
        "organisms": count(select(func.count(func.distinct(search_organisms.c.organism_key)))),
        "years": count(select(func.count(func.distinct(search_docs.c.year)))),
    }


def facets(conn: Connection, limit: int = 60) -> dict[str, list[tuple[str, int]]]:
    """Figure counts by organism, year and journal, most figures first (years newest first)."""
    d, o, f, p = search_docs, search_organisms, schema.figures, schema.papers
    n = func.count().label("n")
    organisms = conn.execute(
        select(func.min(o.c.organism), n).group_by(o.c.organism_key).order_by(n.desc()).limit(limit)
    ).all()
    years = conn.execute(
        select(d.c.year, n)
        .where(d.c.year.is_not(None))
        .group_by(d.c.year)
        .order_by(d.c.year.desc())
    ).all()
    journal = func.coalesce(p.c.journal_title, p.c.journal_nlm_ta)
    journals = conn.execute(
        select(journal, n)
        .join(f, f.c.paper_key == p.c.paper_key)
        .where(journal.is_not(None))
        .group_by(journal)
        .order_by(n.desc(), journal)
        .limit(limit)
    ).all()
    return {
        "organism": [(r[0], r[1]) for r in organisms],
        "year": [(r[0], r[1]) for r in years],
        "journal": [(r[0], r[1]) for r in journals],
    }


@dataclass(frozen=True)
class ImageInfo:
    media_type: str
    width: int
    height: int


def image_info(conn: Connection, figid: str) -> ImageInfo | None:
    """The stored image's type and size, without reading its bytes."""
    f, i = schema.figures, schema.images
    row = conn.execute(
        select(i.c.media_type, i.c.width, i.c.height)
        .join(f, f.c.image_hash == i.c.image_hash)
        .where(f.c.figid == figid)
    ).first()
    return ImageInfo(*row) if row else None
