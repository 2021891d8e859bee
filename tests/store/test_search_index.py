"""The search index's tables and query plans give the same answers as a plain reading of the
figures: genes by symbol or ID with cumulative tiers, organisms, years, journals, the order and
the pages, and totals capped at TOTAL_CAP."""

from __future__ import annotations

import random

import pytest

from pathfig.records import Figure, Mention
from pathfig.store import open_store
from pathfig.store import search as store_search
from pathfig.store.search import SearchQuery

GENES = [("IL6", "3569"), ("STAT3", "6774"), ("TP53", "7157"), ("JAK1", "3716"), ("MYC", "4609")]
# Caption words: two of these in every caption, so that every caption has as many words and a
# word found in it ranks the same everywhere (bm25 and ts_rank tie; year and figid decide).
WORDS = ["kinase", "membrane", "receptor", "zebra"]
ORGANISMS = ["Homo sapiens", "Mus musculus", "Danio rerio"]
JOURNALS = ["Cell Reports", "eLife", "PLoS One"]
TIERS = ["strict", "synonyms", "all"]


def _mention(symbol: str, identifier: str, tier: str) -> Mention:
    return Mention("gene", symbol, symbol, identifier, symbol, "test", tier, 9606, 0.9, None)


def _figures(n: int, seed: int = 5):
    rng = random.Random(seed)
    made = []
    for i in range(n):
        genes = rng.sample(GENES, k=rng.randint(0, 3))
        # The same gene twice at different tiers: the narrowest one decides.
        mentions = [_mention(s.lower() if rng.random() < 0.3 else s, g, rng.choice(TIERS))
                    for s, g in genes for _ in range(rng.randint(1, 2))]  # fmt: skip
        figure = Figure(
            figid=f"PMC{100 + i // 2}__f{i}",
            pmcid=f"PMC{100 + i // 2}",
            year=str(rng.randint(2000, 2006)),
            figtitle=f"Figure {i}",
            caption="A pathway " + " ".join(rng.sample(WORDS, k=2)),
            journal_title=rng.choice(JOURNALS),
            organisms=rng.sample(ORGANISMS, k=rng.randint(0, 2)),
        )
        made.append((figure, mentions))
    # Two figures of one paper share its year and journal: the last save wins for both.
    for figure, _ in made:
        last = [f for f, _ in made if f.pmcid == figure.pmcid][-1]
        figure.year, figure.journal_title = last.year, last.journal_title
    return made


def _expected(made, query: SearchQuery) -> list[str]:
    allowed = set(TIERS[: TIERS.index(query.tier) + 1])
    found = []
    for figure, mentions in made:
        if any(word not in figure.caption.split() for word in query.text.split()):
            continue
        named = {m.symbol.lower() for m in mentions if m.tier in allowed}
        named |= {m.identifier for m in mentions if m.tier in allowed}
        if any(g.lower() not in named for g in query.genes):
            continue
        if query.organism and query.organism.lower() not in {o.lower() for o in figure.organisms}:
            continue
        if query.year_from and int(figure.year) < query.year_from:
            continue
        if query.year_to and int(figure.year) > query.year_to:
            continue
        if query.journal and figure.journal_title != query.journal:
            continue
        found.append(figure)
    found.sort(key=lambda f: f.figid)
    found.sort(key=lambda f: f.year, reverse=True)
    return [f.figid for f in found]


QUERIES = [
    SearchQuery(genes=("IL6",)),
    SearchQuery(genes=("stat3",), tier="strict"),
    SearchQuery(genes=("3569", "STAT3")),
    SearchQuery(genes=("TP53", "jak1", "MYC"), tier="synonyms"),
    SearchQuery(genes=("IL6",), organism="homo sapiens", tier="strict", year_from=2002),
    SearchQuery(genes=("MYC",), journal="eLife"),
    SearchQuery(organism="Mus musculus"),
    SearchQuery(organism="Danio rerio", year_from=2001, year_to=2004, journal="PLoS One"),
    SearchQuery(year_from=2003),
    SearchQuery(year_to=2001, journal="Cell Reports"),
    SearchQuery(journal="eLife"),
    SearchQuery(genes=("NOPE",)),
    SearchQuery(genes=("IL6", "NOPE")),
    SearchQuery(text="zebra"),
    SearchQuery(text="kinase membrane"),
    SearchQuery(text="receptor", organism="Homo sapiens"),
    SearchQuery(text="kinase", organism="danio rerio", year_from=2002, year_to=2005),
    SearchQuery(text="membrane", genes=("IL6",), tier="synonyms"),
    SearchQuery(text="zebra", genes=("3569", "STAT3"), organism="Mus musculus"),
    SearchQuery(text="pathway", year_to=2003, journal="eLife"),
    SearchQuery(text="receptor", organism="Arabidopsis thaliana"),
]


@pytest.fixture
def indexed(db_url):
    made = _figures(60)
    store = open_store(db_url)
    for figure, mentions in made:
        store.save_figure(figure, mentions=mentions)
    yield store, made
    store.engine.dispose()


def test_filters_match_a_plain_reading_of_the_figures(indexed):
    store, made = indexed
    with store.engine.connect() as conn:
        for query in QUERIES:
            want = _expected(made, query)
            got = store_search.search(conn, query)
            assert [h.figid for h in got.hits] == want[:20], query
            assert (got.total, got.capped) == (len(want), False), query
            second = store_search.search(conn, SearchQuery(**{**query.__dict__, "page": 2}))
            assert [h.figid for h in second.hits] == want[20:40], query
            # A page past the end is empty and still tells the total.
            past = SearchQuery(**{**query.__dict__, "page": len(want) // 20 + 2})
            assert store_search.search(conn, past).hits == [], query
            assert store_search.search(conn, past).total == len(want), query


def test_the_gene_and_organism_index_follows_resaves(indexed):
    store, made = indexed
    figure, _ = next((f, m) for f, m in made if f.organisms)
    before = figure.organisms[0]
    figure.organisms = ["Arabidopsis thaliana"]
    store.save_figure(figure, mentions=[_mention("GATA9", "999999", "synonyms")])
    with store.engine.connect() as conn:

        def found(**kw) -> list[str]:
            return [h.figid for h in store_search.search(conn, SearchQuery(**kw)).hits]

        assert found(genes=("gata9",)) == [figure.figid]
        assert found(genes=("999999",), organism="arabidopsis thaliana") == [figure.figid]
        assert found(genes=("GATA9",), tier="strict") == []
        assert figure.figid not in found(organism=before, per_page=100)
        assert figure.figid in found(organism="Arabidopsis thaliana")
        assert found(text="pathway", organism="Arabidopsis thaliana") == [figure.figid]
        assert figure.figid not in found(text="pathway", organism=before, per_page=100)


def test_totals_past_the_cap_are_capped(indexed, monkeypatch):
    store, made = indexed
    monkeypatch.setattr(store_search, "TOTAL_CAP", 30)
    with store.engine.connect() as conn:
        for query in (SearchQuery(text="pathway"), SearchQuery(year_from=2000)):
            result = store_search.search(conn, query)
            assert (result.total, result.capped, result.pages) == (30, True, 2), query
            assert len(result.hits) == 20 and result.has_next
            second = store_search.search(conn, SearchQuery(**{**query.__dict__, "page": 2}))
            assert len(second.hits) == 10 and not second.has_next
            # The pages stop at the cap.
            third = store_search.search(conn, SearchQuery(**{**query.__dict__, "page": 3}))
            assert third.hits == []
        every = store_search.search(conn, SearchQuery(year_from=2000, page=2))
        assert [h.figid for h in every.hits] == _expected(made, every.query)[20:30]
        query = next(q for q in QUERIES if 0 < len(_expected(made, q)) <= 30)
        few = store_search.search(conn, query)
        assert not few.capped and few.total == len(_expected(made, query))


def test_saving_a_figure_indexes_its_genes_from_its_paper_not_from_every_mention(tmp_path):
    # SQLite plans without statistics; the gene index statement once walked every gene mention
    # in the store for each figure saved, which made a 10,000-figure run quadratic.
    from sqlalchemy import event, text

    store = open_store(str(tmp_path / "plan.sqlite"))
    for figure, mentions in _figures(20):
        store.save_figure(figure, mentions=mentions)
    statements = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, params, context, many: statements.append(
            (statement, params)
        ),
    )
    figure, mentions = _figures(21)[-1]
    store.save_figure(figure, mentions=mentions)
    statement, params = next(s for s in statements if "INSERT INTO search_genes" in s[0])
    select_part = statement[statement.index("SELECT") :]
    with store.engine.connect() as conn:
        plan = " | ".join(
            row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {select_part}", params)
        )
    assert "ix_figures_paper_key" in plan, plan
    assert "ix_mentions_gene" not in plan and "SCAN m" not in plan, plan
    with store.engine.connect() as conn:
        indexed = conn.execute(
            text("SELECT count(*) FROM search_genes WHERE figid = :f"), {"f": figure.figid}
        ).scalar()
    assert indexed == len({m.symbol.lower() for m in mentions}) + len(
        {m.identifier for m in mentions}
    )
    store.engine.dispose()
