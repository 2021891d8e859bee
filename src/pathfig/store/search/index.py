"""Keeping the search index: created beside the store's tables and refreshed inside
``save_figure``'s transaction, or rebuilt in one pass after a bulk load."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection, Engine

from pathfig.store import schema
from pathfig.store.search import postgres, sqlite
from pathfig.store.search.tables import (
    ID_PREFIX,
    SEARCH_TABLES,
    SEARCH_VERSION,
    search_docs,
    search_genes,
    search_organisms,
)

_TIER_RANK = "CASE m.tier WHEN 'strict' THEN 0 WHEN 'synonyms' THEN 1 ELSE 2 END"


def half(conn: Connection | Engine) -> ModuleType:
    """The module with this database's full-text part: :mod:`.sqlite` or :mod:`.postgres`."""
    return sqlite if conn.dialect.name == "sqlite" else postgres


def ensure_index(engine: Engine) -> None:
    """Create the search tables if missing, and fill them once for a store made before them."""
    info = schema.store_info
    with engine.begin() as conn:
        version = conn.execute(
            select(info.c.value).where(info.c.key == "search_version")
        ).scalar_one_or_none()
        if version != SEARCH_VERSION:
            # An older index has other columns: build this one from scratch.
            for name in SEARCH_TABLES:
                conn.execute(sql(f"DROP TABLE IF EXISTS {name}"))
        for statement in half(conn).DDL:
            conn.execute(sql(statement))
        if version != SEARCH_VERSION:
            rebuild_index(conn)
            conn.execute(delete(info).where(info.c.key == "search_version"))
            conn.execute(insert(info).values(key="search_version", value=SEARCH_VERSION))


def rebuild_index(conn: Connection) -> None:
    """Index every figure again (after a bulk load, or for a store made before the index)."""
    half(conn).clear(conn)
    conn.execute(delete(search_genes))
    conn.execute(delete(search_organisms))
    conn.execute(delete(search_docs))
    _index(conn, None)


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after a bulk load."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        half(conn).analyze(conn)


def index_paper(conn: Connection, paper_key: str) -> None:
    """Re-index every figure of one paper: a new paper title or year changes all of them."""
    figids = select(schema.figures.c.figid).where(schema.figures.c.paper_key == paper_key)
    half(conn).forget(conn, figids)
    conn.execute(delete(search_genes).where(search_genes.c.figid.in_(figids)))
    conn.execute(delete(search_organisms).where(search_organisms.c.figid.in_(figids)))
    conn.execute(delete(search_docs).where(search_docs.c.figid.in_(figids)))
    _index(conn, paper_key)


def _index(conn: Connection, paper_key: str | None) -> None:
    where = "" if paper_key is None else "WHERE f.paper_key = :paper_key"
    params: dict[str, Any] = {} if paper_key is None else {"paper_key": paper_key}
    organisms = _organisms(conn, paper_key)
    half(conn).index_documents(conn, where, params, organisms)
    gene_where = "" if paper_key is None else "AND f.paper_key = :paper_key"
    # CROSS JOIN makes SQLite start from the paper's figures: without statistics its planner
    # otherwise walked every gene mention in the store by the entity index for each figure
    # saved (0.44 s per figure at 3,300 figures, growing). PostgreSQL plans it freely.
    genes = (
        f"SELECT {{key}} AS gene_key, m.figid AS figid, {_TIER_RANK} AS tier_rank, "
        "d.year AS year, d.doc_id AS doc_id "
        "FROM figures f CROSS JOIN mentions m "
        "JOIN search_docs d ON d.figid = m.figid "
        "WHERE m.figid = f.figid AND m.entity = 'gene' "
        f"AND m.tier IN ('strict', 'synonyms', 'all') {gene_where}"
    )
    by_symbol = genes.format(key="lower(m.symbol)")
    by_id = genes.format(key=f"'{ID_PREFIX}' || m.identifier")
    conn.execute(
        sql(
            "INSERT INTO search_genes (gene_key, figid, tier_rank, year, doc_id) "
            "SELECT gene_key, figid, min(tier_rank), min(year), min(doc_id) "
            f"FROM ({by_symbol} UNION ALL {by_id}) AS g GROUP BY gene_key, figid"
        ),
        params,
    )
    d = search_docs
    docs = select(d.c.figid, d.c.year, d.c.doc_id)
    if paper_key is not None:
        docs = docs.where(d.c.figid.in_(list(organisms)))
    rows = []
    for figid, year, doc_id in conn.execute(docs):
        rows += [
            {"organism_key": k, "figid": figid, "organism": v, "year": year, "doc_id": doc_id}
            for k, v in organisms.get(figid, {}).items()
        ]
        if len(rows) >= 5000:
            conn.execute(insert(search_organisms), rows)
            rows = []
    if rows:
        conn.execute(insert(search_organisms), rows)


def _organisms(conn: Connection, paper_key: str | None) -> dict[str, dict[str, str]]:
    """Each figure's organisms, curated and detected, by key (lower case) with a display name."""
    f = schema.figures
    query = select(f.c.figid, f.c.organisms, f.c.organisms_ner)
    if paper_key is not None:
        query = query.where(f.c.paper_key == paper_key)
    found = {}
    for figid, curated, detected in conn.execute(query):
        keys: dict[str, str] = {}
        for name in [*json_list(curated), *json_list(detected)]:
            if name and name != "NA":
                keys.setdefault(name.strip().lower(), name.strip())
        found[figid] = keys
    return found


def json_list(value: str | None) -> list[str]:
    """A figure's JSON list column (organisms) as strings; empty when unset."""
    if not value:
        return []
    loaded = json.loads(value)
    return [str(v) for v in loaded] if isinstance(loaded, list) else []
