"""What the pages show around a search: result cards, the newest figures, counts and facets."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from pathfig.store import schema
from pathfig.store.search.index import json_list
from pathfig.store.search.records import GeneHit, Hit, ImageInfo, tiers_up_to
from pathfig.store.search.tables import search_docs, search_organisms


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
        .where(m.c.figid.in_(figids), m.c.entity == "gene", m.c.tier.in_(tiers_up_to(tier)))
        .order_by(m.c.figid, m.c.seq)
    )
    for figid, symbol, identifier in gene_rows:
        matched = symbol.lower() in wanted or identifier in wanted
        found[figid].setdefault(identifier, GeneHit(symbol, identifier, matched))
    by_id = {}
    for r in rows:
        hits = sorted(found[r.figid].values(), key=lambda g: not g.matched)[:max_genes]
        organisms = list(dict.fromkeys([*json_list(r.organisms), *json_list(r.organisms_ner)]))
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


def image_info(conn: Connection, figid: str) -> ImageInfo | None:
    """The stored image's type and size, without reading its bytes."""
    f, i = schema.figures, schema.images
    row = conn.execute(
        select(i.c.media_type, i.c.width, i.c.height)
        .join(f, f.c.image_hash == i.c.image_hash)
        .where(f.c.figid == figid)
    ).first()
    return ImageInfo(*row) if row else None
