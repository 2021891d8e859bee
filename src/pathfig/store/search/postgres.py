"""The PostgreSQL half of search: weighted ``tsvector`` columns on ``search_docs`` and the
figure's organisms beside them, under one GIN index; ranked by ``ts_rank`` on the titles alone.

Every match of a word costs a read of its ``search_docs`` row (GIN cannot answer from the index
alone, and the vector keeps the row wide), so a search reads its matches once: one statement
counts and ranks them (see :mod:`.plan`).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, literal_column
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection

from pathfig.store.search.records import quoted_terms
from pathfig.store.search.tables import DOC_COLUMNS, DOC_SOURCE, filter_tables_ddl, search_docs

# The planner weighs hashing a doc_id set against probing it once per match.
PLANS_SET_FILTERS = True

DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (doc_id BIGSERIAL PRIMARY KEY, "
    "figid TEXT NOT NULL UNIQUE, year TEXT, journal TEXT, document TSVECTOR NOT NULL, "
    "title_doc TSVECTOR, organisms TEXT[] NOT NULL DEFAULT '{}')",
    # Words and organisms in one GIN index: a word within an organism is answered from the
    # index, and only the figures with both are read from the table. Read apart, a common word
    # in a common organism reads every figure with the word (most of the table) to keep a few.
    "CREATE INDEX IF NOT EXISTS ix_search_docs_text ON search_docs USING GIN (document, organisms)",
    *filter_tables_ddl("BIGINT"),
)
# Title over caption over paper title, as SQLite's bm25 weights them.
_DOCUMENT = (
    "setweight(to_tsvector('english', coalesce(f.figtitle, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(f.caption, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(p.papertitle, '')), 'C')"
)
# Ranking reads only this small vector: ranking on the whole caption of every match is what
# makes a broad word slow on a large store.
_TITLES = (
    "setweight(to_tsvector('english', coalesce(f.figtitle, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(p.papertitle, '')), 'C')"
)


def clear(conn: Connection) -> None:
    """Nothing beside ``search_docs`` to clear: the vectors live in its rows."""


def forget(conn: Connection, figids: Select) -> None:
    """Nothing beside ``search_docs`` to delete: the vectors live in its rows."""


def index_documents(
    conn: Connection, where: str, params: dict[str, Any], organisms: dict[str, dict[str, str]]
) -> None:
    """Index the figures that ``where`` selects, with the keys of their ``organisms``."""
    keys = json.dumps([{"figid": f, "keys": list(o)} for f, o in organisms.items() if o])
    conn.execute(
        sql(
            "INSERT INTO search_docs (figid, year, journal, document, title_doc, organisms) "
            f"SELECT {DOC_COLUMNS}, {_DOCUMENT}, {_TITLES}, coalesce(o.keys, '{{}}') "
            f"{DOC_SOURCE} LEFT JOIN jsonb_to_recordset(CAST(:organisms AS jsonb)) "
            f"AS o(figid text, keys text[]) ON o.figid = f.figid {where}"
        ),
        params | {"organisms": keys},
    )


def match_text(base: Select, text_: str) -> tuple[Select, ColumnElement[float], ColumnElement[int]]:
    """``base`` (over ``search_docs``) limited to figures with every term, the rank to sort by
    (ascending: best first), and the doc_id column to restrict matches by."""
    tsq = func.websearch_to_tsquery(
        literal_column("'english'::regconfig"), bindparam("ws", quoted_terms(text_))
    )
    base = base.where(search_docs.c.document.op("@@")(tsq))
    return base, -func.ts_rank(search_docs.c.title_doc, tsq), search_docs.c.doc_id


def organism_match(key: str) -> ColumnElement[bool] | None:
    """Figures of this organism, as a condition the text index answers with the words."""
    return search_docs.c.organisms.contains([key])


def prepare(conn: Connection, text_search: bool) -> None:
    """Settings for this search's transaction.

    A search's parameters differ in selectivity by orders of magnitude (a rare gene, a word in
    half the captions), so a plan made for other values is wrong for many: psycopg prepares a
    statement after a few runs, and PostgreSQL then may keep one generic plan for it. A common
    word matches most figures, and then the planner reads every caption's vector in a
    sequential scan; the GIN bitmap answers the match without reading them.
    """
    conn.execute(
        sql(
            "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
            "set_config('enable_seqscan', :seqscan, true)"
        ),
        {"seqscan": "off" if text_search else "on"},
    )


def analyze(conn: Connection) -> None:
    # VACUUM also sets the visibility map, without which a count over an index still reads
    # every row from the table.
    conn.execute(sql("VACUUM ANALYZE"))
