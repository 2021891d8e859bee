"""Figure search: full text, genes, organism, year and tier, the same on SQLite and PostgreSQL.

The index lives beside the store's tables and is refreshed inside ``save_figure``'s transaction:

- ``search_docs``: one row per figure with its year and journal (and, on PostgreSQL, a weighted
  ``tsvector`` of title, caption and paper title with a GIN index);
- ``search_fts`` (SQLite only): an FTS5 table keyed by ``search_docs.doc_id``;
- ``search_organisms``: the figure's curated and detected organisms, one row each, with its year;
- ``search_genes``: one row per figure and gene key (lower-case symbol, or ``ID:`` and the NCBI
  Gene ID) with the narrowest tier that names it and the year, so a gene filter reads one index
  range instead of every mention.

Each of the last three carries the year so that a search driven by it can walk an index in the
result order (newest first) and stop after one page.

Searches without words are driven by their most selective part (the rarest gene, else the
organism, else the years) and every other filter is an indexed ``EXISTS`` check on the driving
row. Totals are counted up to ``TOTAL_CAP + 1`` matches: a broad word's 60,000 matches show as
"10,000+" rather than being counted one by one on every page.

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
    exists,
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

SEARCH_VERSION = "3"
TIERS = ("strict", "synonyms", "all")
MAX_TERMS = 12
MAX_GENES = 20
# Totals above this show as "10,000+": counting every match of a broad word costs more than the
# page itself.
TOTAL_CAP = 10_000

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
search_fts = table(
    "search_fts", column("rowid"), column("figtitle"), column("caption"), column("papertitle")
)

_SQLITE_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (doc_id INTEGER PRIMARY KEY, "
    "figid TEXT NOT NULL UNIQUE, year TEXT, journal TEXT)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(figtitle, caption, papertitle, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    # Keyed by (gene, figure) with the rest in the key's b-tree: a gene filter is one range read.
    "CREATE TABLE IF NOT EXISTS search_genes (gene_key TEXT NOT NULL, figid TEXT NOT NULL, "
    "tier_rank INTEGER NOT NULL, year TEXT, doc_id INTEGER NOT NULL, "
    "PRIMARY KEY (gene_key, figid)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_organisms (organism_key TEXT NOT NULL, "
    "figid TEXT NOT NULL, organism TEXT NOT NULL, year TEXT, doc_id INTEGER NOT NULL, "
    "PRIMARY KEY (organism_key, figid)) WITHOUT ROWID",
)
_POSTGRES_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (doc_id BIGSERIAL PRIMARY KEY, "
    "figid TEXT NOT NULL UNIQUE, year TEXT, journal TEXT, document TSVECTOR NOT NULL, "
    "title_doc TSVECTOR)",
    "CREATE INDEX IF NOT EXISTS ix_search_docs_document ON search_docs USING GIN (document)",
    "CREATE TABLE IF NOT EXISTS search_genes (gene_key TEXT NOT NULL, figid TEXT NOT NULL, "
    "tier_rank INTEGER NOT NULL, year TEXT, doc_id BIGINT NOT NULL, "
    "PRIMARY KEY (gene_key, figid))",
    "CREATE TABLE IF NOT EXISTS search_organisms (organism_key TEXT NOT NULL, "
    "figid TEXT NOT NULL, organism TEXT NOT NULL, year TEXT, doc_id BIGINT NOT NULL, "
    "PRIMARY KEY (organism_key, figid))",
)
_COMMON_DDL = (
    "CREATE INDEX IF NOT EXISTS ix_search_organisms_figid ON search_organisms (figid)",
    # Result order is newest first, then figid: these indexes hand rows out in that order.
    "CREATE INDEX IF NOT EXISTS ix_search_docs_order ON search_docs (year DESC, figid)",
    "CREATE INDEX IF NOT EXISTS ix_search_docs_journal ON search_docs (journal, year DESC, figid)",
    "CREATE INDEX IF NOT EXISTS ix_search_organisms_order "
    "ON search_organisms (organism_key, year DESC, figid, doc_id)",
    "CREATE INDEX IF NOT EXISTS ix_search_genes_order "
    "ON search_genes (gene_key, year DESC, figid, tier_rank, doc_id)",
    "CREATE INDEX IF NOT EXISTS ix_search_genes_figid ON search_genes (figid)",
)
_SEARCH_TABLES = ("search_fts", "search_genes", "search_organisms", "search_docs")
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
_TIER_RANK = "CASE m.tier WHEN 'strict' THEN 0 WHEN 'synonyms' THEN 1 ELSE 2 END"
# Gene IDs get a key that no lower-cased symbol can equal.
_ID_PREFIX = "ID:"


# -- the index --------------------------------------------------------------------------------


def ensure_index(engine: Engine) -> None:
    """Create the search tables if missing, and fill them once for a store made before them."""
    dialect = engine.dialect.name
    ddl = (_SQLITE_DDL if dialect == "sqlite" else _POSTGRES_DDL) + _COMMON_DDL
    info = schema.store_info
    with engine.begin() as conn:
        version = conn.execute(
            select(info.c.value).where(info.c.key == "search_version")
        ).scalar_one_or_none()
        if version != SEARCH_VERSION:
            # An older index has other columns: build this one from scratch.
            for name in _SEARCH_TABLES:
                conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        for statement in ddl:
            conn.execute(text(statement))
        if version != SEARCH_VERSION:
            rebuild_index(conn)
            stmt = delete(info).where(info.c.key == "search_version")
            conn.execute(stmt)
            conn.execute(insert(info).values(key="search_version", value=SEARCH_VERSION))


def rebuild_index(conn: Connection) -> None:
    """Index every figure again (after a bulk load, or for a store made before the index)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM search_fts"))
    conn.execute(delete(search_genes))
    conn.execute(delete(search_organisms))
    conn.execute(delete(search_docs))
    _index(conn, None)


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after a bulk load (and, on PostgreSQL, the visibility
    map, without which a count over an index still reads every row from the table)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("ANALYZE"))
            conn.execute(text("PRAGMA optimize"))
        else:
            conn.execute(text("VACUUM ANALYZE"))


def index_paper(conn: Connection, paper_key: str) -> None:
    """Re-index every figure of one paper: a new paper title or year changes all of them."""
    figids = select(schema.figures.c.figid).where(schema.figures.c.paper_key == paper_key)
    if conn.dialect.name == "sqlite":
        doc_ids = select(search_docs.c.doc_id).where(search_docs.c.figid.in_(figids))
        conn.execute(delete(search_fts).where(search_fts.c.rowid.in_(doc_ids)))
    conn.execute(delete(search_genes).where(search_genes.c.figid.in_(figids)))
    conn.execute(delete(search_organisms).where(search_organisms.c.figid.in_(figids)))
    conn.execute(delete(search_docs).where(search_docs.c.figid.in_(figids)))
    _index(conn, paper_key)


def _index(conn: Connection, paper_key: str | None) -> None:
    where = "" if paper_key is None else "WHERE f.paper_key = :paper_key"
    params = {} if paper_key is None else {"paper_key": paper_key}
    joined = "FROM figures f JOIN papers p ON p.paper_key = f.paper_key"
    journal = "coalesce(p.journal_title, p.journal_nlm_ta)"
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                f"INSERT INTO search_docs (figid, year, journal) "
                f"SELECT f.figid, p.year, {journal} {joined} {where}"
            ),
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
                "INSERT INTO search_docs (figid, year, journal, document, title_doc) "
                f"SELECT f.figid, p.year, {journal}, {_PG_DOCUMENT}, {_PG_TITLES} {joined} {where}"
            ),
            params,
        )
    gene_where = "AND f.paper_key = :paper_key" if paper_key is not None else ""
    genes = (
        f"SELECT {{key}} AS gene_key, m.figid AS figid, {_TIER_RANK} AS tier_rank, "
        "d.year AS year, d.doc_id AS doc_id "
        "FROM mentions m JOIN figures f ON f.figid = m.figid "
        "JOIN search_docs d ON d.figid = m.figid "
        f"WHERE m.entity = 'gene' AND m.tier IN ('strict', 'synonyms', 'all') {gene_where}"
    )
    by_symbol = genes.format(key="lower(m.symbol)")
    by_id = genes.format(key=f"'{_ID_PREFIX}' || m.identifier")
    conn.execute(
        text(
            "INSERT INTO search_genes (gene_key, figid, tier_rank, year, doc_id) "
            "SELECT gene_key, figid, min(tier_rank), min(year), min(doc_id) "
            f"FROM ({by_symbol} UNION ALL {by_id}) AS g GROUP BY gene_key, figid"
        ),
        params,
    )
    f, d = schema.figures, search_docs
    query = select(f.c.figid, f.c.organisms, f.c.organisms_ner, d.c.year, d.c.doc_id).join(
        d, d.c.figid == f.c.figid
    )
    if paper_key is not None:
        query = query.where(f.c.paper_key == paper_key)
    rows = []
    for figid, curated, detected, year, doc_id in conn.execute(query):
        names = [*_json_list(curated), *_json_list(detected)]
        keys = {}
        for name in names:
            if name and name != "NA":
                keys.setdefault(name.strip().lower(), name.strip())
        rows += [
            {"organism_key": k, "figid": figid, "organism": v, "year": year, "doc_id": doc_id}
            for k, v in keys.items()
        ]
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
    # True when more than ``total`` figures match: the count stopped at TOTAL_CAP.
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.pages


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


def _gene_key(gene: str) -> str:
    """The ``search_genes`` key: an NCBI Gene ID when all digits, else the symbol in any case."""
    return f"{_ID_PREFIX}{gene}" if gene.isdigit() else gene.lower()


def _organism_key(organism: str) -> str:
    value = organism.strip()
    if value.isdigit():
        value = taxon(int(value)).name
    return value.lower()


def _count(conn: Connection, query) -> int:
    """How many rows ``query`` gives, counted up to TOTAL_CAP + 1."""
    limited = query.limit(TOTAL_CAP + 1).subquery()
    return conn.execute(select(func.count()).select_from(limited)).scalar_one()


def _gene_count(conn: Connection, key: str, tier_rank: int) -> int:
    """How many figures name this gene, counted up to a point: enough to pick the rarest."""
    g = search_genes
    return _count(conn, select(g.c.figid).where(g.c.gene_key == key, g.c.tier_rank <= tier_rank))


def search(conn: Connection, query: SearchQuery) -> SearchResult:
    """One page of figures matching every part of ``query``, best first, and the total.

    The total is exact up to ``TOTAL_CAP``; past it the result says ``capped``, and the pages
    stop after TOTAL_CAP results (a search that broad is refined, not read to the end).
    """
    d, o, g = search_docs, search_organisms, search_genes
    words = terms(query.text)
    tier_rank = TIERS.index(query.tier)
    genes = list(dict.fromkeys(_gene_key(gene) for gene in query.genes))
    organism = _organism_key(query.organism) if query.organism else None
    journal = query.journal
    rank = None
    # The driving table: its rows are the candidates, and it carries figid and year.
    if words:
        drive = d
        base = select(d.c.figid)
        if conn.dialect.name == "sqlite":
            match = literal_column("search_fts").op("MATCH")(
                bindparam("fts", fts5_query(query.text))
            )
            joined = search_fts.join(d, d.c.doc_id == search_fts.c.rowid)
            base = base.select_from(joined).where(match)
            # bm25 is smaller for better matches; title counts most, then paper title, caption.
            # Both ranks sort ascending: best first.
            rank = func.bm25(literal_column("search_fts"), 10.0, 2.0, 4.0)
        else:
            tsq = func.websearch_to_tsquery(
                literal_column("'english'::regconfig"),
                bindparam("ws", websearch_query(query.text)),
            )
            base = base.where(d.c.document.op("@@")(tsq))
            rank = -func.ts_rank(d.c.title_doc, tsq)
            # A common word matches most figures, and then the planner reads every caption's
            # vector in a sequential scan; the GIN bitmap answers the match without reading them.
            conn.execute(text("SET LOCAL enable_seqscan = off"))
    elif genes:
        if len(genes) > 1:  # start from the rarest gene; the others are checks on its rows
            genes.sort(key=lambda key: _gene_count(conn, key, tier_rank))
        drive = g
        base = select(g.c.figid).where(g.c.gene_key == genes.pop(0), g.c.tier_rank <= tier_rank)
    elif organism:
        drive = o
        base = select(o.c.figid).where(o.c.organism_key == organism)
        organism = None
    else:
        drive = d
        base = select(d.c.figid)
        if journal:
            base = base.where(d.c.journal == journal)
            journal = None
    figid, year = drive.c.figid, drive.c.year

    def in_years(column):
        conditions = []
        if query.year_from is not None:
            conditions.append(column >= f"{query.year_from:04d}")
        if query.year_to is not None:
            # Years are stored as text: '2021' < '2021 Dec' < '2021~', so a year_to takes all.
            conditions.append(column <= f"{query.year_to:04d}~")
        return conditions

    base = base.where(*in_years(year))
    if words:
        # A gene or organism that names few figures is read once into a set of doc_ids that
        # each match is checked against; one that names many is looked up per match instead.
        # (On SQLite the unary + keeps the set from being used to probe the FTS index.)
        sqlite = conn.dialect.name == "sqlite"
        target = literal_column("+search_fts.rowid") if sqlite else d.c.doc_id
        looked_up = []
        for key in genes:
            subquery = select(g.c.doc_id).where(
                g.c.gene_key == key, g.c.tier_rank <= tier_rank, *in_years(g.c.year)
            )
            if _count(conn, subquery) <= TOTAL_CAP:
                base = base.where(target.in_(subquery))
            else:
                looked_up.append(key)
        genes = looked_up
        if organism:
            subquery = select(o.c.doc_id).where(o.c.organism_key == organism, *in_years(o.c.year))
            if _count(conn, subquery) <= TOTAL_CAP:
                base = base.where(target.in_(subquery))
                organism = None
    # The other filters: one primary-key (or unique) lookup per candidate row.
    for key in genes:
        g2 = g.alias()
        base = base.where(
            exists().where(g2.c.gene_key == key, g2.c.figid == figid, g2.c.tier_rank <= tier_rank)
        )
    if organism:
        o2 = o.alias()
        base = base.where(exists().where(o2.c.organism_key == organism, o2.c.figid == figid))
    if journal:
        if drive is d:
            base = base.where(d.c.journal == journal)
        else:
            d2 = d.alias()
            base = base.where(exists().where(d2.c.figid == figid, d2.c.journal == journal))
    total = _count(conn, base)
    offset = (query.page - 1) * query.per_page
    if rank is None:
        page = base.order_by(year.desc(), figid)
    elif total <= TOTAL_CAP:
        page = base.order_by(rank, year.desc(), figid)
    else:
        # Too many matches to rank them all on every page (a word in most captions): rank the
        # first TOTAL_CAP in index order, the ones a capped total lets the user page through.
        window = base.add_columns(rank.label("rank"), year.label("year"))
        window = window.limit(TOTAL_CAP).subquery()
        page = select(window.c.figid).order_by(window.c.rank, window.c.year.desc(), window.c.figid)
    # Only the first TOTAL_CAP results can be paged through, whatever the query.
    page = page.limit(max(0, min(query.per_page, TOTAL_CAP - offset))).offset(offset)
    figids = list(conn.execute(page).scalars())
    hits = describe(conn, figids, query.genes, query.tier)
    return SearchResult(query, hits, min(total, TOTAL_CAP), capped=total > TOTAL_CAP)


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
