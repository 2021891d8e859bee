"""The SQLite half of search: an FTS5 table beside ``search_docs``, ranked by bm25."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    column,
    delete,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection

from pathfig.store.search.records import quoted_terms
from pathfig.store.search.tables import DOC_COLUMNS, DOC_SOURCE, filter_tables_ddl, search_docs

# A doc_id set is read whole before the matches are checked against it, however large: only a
# small one is worth that.
PLANS_SET_FILTERS = False

search_fts = table(
    "search_fts", column("rowid"), column("figtitle"), column("caption"), column("papertitle")
)

DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (doc_id INTEGER PRIMARY KEY, "
    "figid TEXT NOT NULL UNIQUE, year TEXT, journal TEXT)",
    # Keyed by search_docs.doc_id.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(figtitle, caption, papertitle, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    *filter_tables_ddl("INTEGER", " WITHOUT ROWID"),
)


def clear(conn: Connection) -> None:
    conn.execute(sql("DELETE FROM search_fts"))


def forget(conn: Connection, figids: Select) -> None:
    """Drop these figures' text (their ``search_docs`` rows go next)."""
    doc_ids = select(search_docs.c.doc_id).where(search_docs.c.figid.in_(figids))
    conn.execute(delete(search_fts).where(search_fts.c.rowid.in_(doc_ids)))


def index_documents(
    conn: Connection, where: str, params: dict[str, Any], organisms: dict[str, dict[str, str]]
) -> None:
    """Index the figures that ``where`` selects (their organisms go to ``search_organisms``)."""
    conn.execute(
        sql(
            "INSERT INTO search_docs (figid, year, journal) "
            f"SELECT {DOC_COLUMNS} {DOC_SOURCE} {where}"
        ),
        params,
    )
    conn.execute(
        sql(
            "INSERT INTO search_fts (rowid, figtitle, caption, papertitle) "
            "SELECT d.doc_id, f.figtitle, f.caption, p.papertitle "
            f"{DOC_SOURCE} JOIN search_docs d ON d.figid = f.figid {where}"
        ),
        params,
    )


def match_text(base: Select, text_: str) -> tuple[Select, ColumnElement[float], ColumnElement[int]]:
    """``base`` (over ``search_docs``) limited to figures with every term, the rank to sort by
    (ascending: best first), and the doc_id column to restrict matches by."""
    fts = literal_column("search_fts")
    joined = search_fts.join(search_docs, search_docs.c.doc_id == search_fts.c.rowid)
    base = base.select_from(joined).where(fts.op("MATCH")(bindparam("fts", quoted_terms(text_))))
    # bm25 is smaller for better matches; title counts most, then paper title, then caption.
    rank = func.bm25(fts, 10.0, 2.0, 4.0)
    # The unary + keeps a doc_id set from being used to probe the FTS index row by row.
    return base, rank, literal_column("+search_fts.rowid")


def organism_match(key: str) -> ColumnElement[bool] | None:
    """None: FTS5 holds no organisms, so text and organism meet through ``search_organisms``."""
    return None


def prepare(conn: Connection, text_search: bool) -> None:
    """Nothing to set: whatever the plan, SQLite reads a MATCH from the FTS5 index."""


def analyze(conn: Connection) -> None:
    conn.execute(sql("ANALYZE"))
    conn.execute(sql("PRAGMA optimize"))
