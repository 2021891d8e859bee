"""Running a search: one plan for both databases, with the full-text part from each one's half.

Searches without words are driven by their most selective part (the rarest gene, else the
organism, else the years) and every other filter is an indexed ``EXISTS`` check on the driving
row. Totals are counted up to ``cap + 1`` matches: a broad word's 60,000 matches show as
"10,000+" rather than being counted one by one on every page.
"""

from __future__ import annotations

from types import ModuleType

from sqlalchemy import ColumnElement, Select, Table, exists, func, select, true
from sqlalchemy.engine import Connection

from pathfig.store.search.cards import describe
from pathfig.store.search.index import half
from pathfig.store.search.records import TIERS, SearchQuery, SearchResult, terms
from pathfig.store.search.tables import (
    gene_key,
    organism_key,
    search_docs,
    search_genes,
    search_organisms,
)


def search(conn: Connection, query: SearchQuery, cap: int) -> SearchResult:
    """One page of figures matching every part of ``query``, best first, and the total.

    The total is exact up to ``cap``; past it the result says ``capped``, and the pages stop
    after ``cap`` results (a search that broad is refined, not read to the end).
    """
    plan = _Plan(conn, query, cap)
    offset = (query.page - 1) * query.per_page
    # Only the first ``cap`` results can be paged through, whatever the query.
    size = max(0, min(query.per_page, cap - offset))
    if plan.rank is None:
        total = _count(conn, plan.base, cap)
        page = plan.base.order_by(plan.drive.c.year.desc(), plan.drive.c.figid)
        figids = list(conn.execute(page.limit(size).offset(offset)).scalars())
    else:
        figids, total = _ranked_page(conn, plan, size, offset)
    hits = describe(conn, figids, query.genes, query.tier)
    return SearchResult(query, hits, min(total, cap), capped=total > cap)


class _Plan:
    """The query for every match (``base``, of figids), built from its driving table out."""

    def __init__(self, conn: Connection, query: SearchQuery, cap: int) -> None:
        self.conn, self.query, self.cap = conn, query, cap
        self.db: ModuleType = half(conn)
        self.tier_rank = TIERS.index(query.tier)
        self.genes = list(dict.fromkeys(gene_key(gene) for gene in query.genes))
        self.organism = organism_key(query.organism) if query.organism else None
        self.journal = query.journal
        self.rank: ColumnElement[float] | None = None
        words = bool(terms(query.text))
        self.db.prepare(conn, words)
        self.base = self._drive(words)
        self.base = self.base.where(*self.in_years(self.drive.c.year))
        if words:
            self._narrow_text_matches()
        self._check_the_rest()

    def in_years(self, year: ColumnElement[str]) -> list[ColumnElement[bool]]:
        conditions = []
        if self.query.year_from is not None:
            conditions.append(year >= f"{self.query.year_from:04d}")
        if self.query.year_to is not None:
            # Years are stored as text: '2021' < '2021 Dec' < '2021~', so a year_to takes all.
            conditions.append(year <= f"{self.query.year_to:04d}~")
        return conditions

    def _drive(self, words: bool) -> Select:
        """The driving table's rows (the candidates, with figid and year) and what they meet."""
        d, o, g = search_docs, search_organisms, search_genes
        if words:
            self.drive: Table = d
            base, self.rank, self.target = self.db.match_text(select(d.c.figid), self.query.text)
            return base
        if self.genes:
            if len(self.genes) > 1:  # the rarest gene drives; the others are checks on its rows
                self.genes.sort(key=self._gene_count)
            self.drive = g
            key = self.genes.pop(0)
            return select(g.c.figid).where(g.c.gene_key == key, g.c.tier_rank <= self.tier_rank)
        if self.organism:
            self.drive, key, self.organism = o, self.organism, None
            return select(o.c.figid).where(o.c.organism_key == key)
        self.drive = d
        if self.journal:
            journal, self.journal = self.journal, None
            return select(d.c.figid).where(d.c.journal == journal)
        return select(d.c.figid)

    def _narrow_text_matches(self) -> None:
        """Text with an organism or genes: the cheapest way for each database to meet them."""
        if self.organism and (match := self.db.organism_match(self.organism)) is not None:
            self.base = self.base.where(match)
            self.organism = None
        g, o = search_genes, search_organisms
        self.genes = [
            key
            for key in self.genes
            if not self._as_set(
                select(g.c.doc_id).where(
                    g.c.gene_key == key, g.c.tier_rank <= self.tier_rank, *self.in_years(g.c.year)
                )
            )
        ]
        if self.organism and self._as_set(
            select(o.c.doc_id).where(o.c.organism_key == self.organism, *self.in_years(o.c.year))
        ):
            self.organism = None

    def _as_set(self, doc_ids: Select) -> bool:
        """Check every match against this set of doc_ids, if that is the way to meet it.

        Where the database does not weigh reading the set whole against a lookup per match
        itself, only a set of few figures is read whole; one that names many is looked up.
        """
        if self.db.PLANS_SET_FILTERS or _count(self.conn, doc_ids, self.cap) <= self.cap:
            self.base = self.base.where(self.target.in_(doc_ids))
            return True
        return False

    def _check_the_rest(self) -> None:
        """The filters left: one primary-key (or unique) lookup per candidate row.

        Each lookup also bounds the years (the same for a figure in every table): a database
        that reads the other side whole reads only those years of it.
        """
        d, o, g = search_docs, search_organisms, search_genes
        figid = self.drive.c.figid
        for key in self.genes:
            g2 = g.alias()
            self.base = self.base.where(
                exists().where(
                    g2.c.gene_key == key,
                    g2.c.figid == figid,
                    g2.c.tier_rank <= self.tier_rank,
                    *self.in_years(g2.c.year),
                )
            )
        if self.organism:
            o2 = o.alias()
            self.base = self.base.where(
                exists().where(
                    o2.c.organism_key == self.organism,
                    o2.c.figid == figid,
                    *self.in_years(o2.c.year),
                )
            )
        if self.journal:
            if self.drive is d:
                self.base = self.base.where(d.c.journal == self.journal)
            else:
                d2 = d.alias()
                self.base = self.base.where(
                    exists().where(d2.c.figid == figid, d2.c.journal == self.journal)
                )

    def _gene_count(self, key: str) -> int:
        """How many figures name this gene, counted up to a point: enough to pick the rarest."""
        g = search_genes
        query = select(g.c.figid).where(g.c.gene_key == key, g.c.tier_rank <= self.tier_rank)
        return _count(self.conn, query, self.cap)


def _ranked_page(conn: Connection, plan: _Plan, size: int, offset: int) -> tuple[list[str], int]:
    """One page of text matches, best first, and their count up to ``cap + 1``, in one pass.

    Ranking and counting read the same matches, so one statement reads them once: the first
    ``cap + 1`` found are kept aside, counted, and the first ``cap`` of them ranked (a word in
    most captions ranks the ones a capped total lets the user page through). The count comes
    back even with a page past the end.
    """
    assert plan.rank is not None
    found = plan.base.add_columns(plan.rank.label("rank"), plan.drive.c.year.label("year"))
    found = found.limit(plan.cap + 1).cte("found")
    counted = select(func.count().label("total")).select_from(found).subquery()
    window = select(found).limit(plan.cap).subquery()
    best = (window.c.rank, window.c.year.desc(), window.c.figid)
    page = select(window).order_by(*best).limit(size).offset(offset).subquery()
    rows = conn.execute(
        select(page.c.figid, counted.c.total)
        .select_from(counted.outerjoin(page, true()))
        .order_by(page.c.rank, page.c.year.desc(), page.c.figid)
    ).all()
    return [r.figid for r in rows if r.figid is not None], rows[0].total


def _count(conn: Connection, query: Select, cap: int) -> int:
    """How many rows ``query`` gives, counted up to ``cap + 1``."""
    limited = query.limit(cap + 1).subquery()
    return conn.execute(select(func.count()).select_from(limited)).scalar_one()
