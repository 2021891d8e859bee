from __future__ import annotations

import pytest

from pathfig.errors import NotFoundError, StoreError
from pathfig.records import Failure, Figure, Mention, Word
from pathfig.store import StoredImage, database_url, open_store


def make_figure(figid: str = "PMC1__fig1", **values) -> Figure:
    base = dict(
        pmcid="PMC1",
        figtitle="IL-6 signaling",
        caption="IL-6 binds IL-6R; κB and ‘quotes’",
        papertitle="A paper",
        year="2024",
        organisms_ner=["Homo sapiens"],
        automl_pathway=0.95,
        number="F1",
        figid_alias="PMC1__F1",
    )
    return Figure(figid=figid, **(base | values))


def gene(symbol: str, identifier: str, box=(1.0, 2.0, 30.0, 12.0)) -> Mention:
    return Mention("gene", symbol, symbol, identifier, symbol, "ncbigene_symbol", "strict",
                   9606, 0.99, box)  # fmt: skip


IMAGE = StoredImage("ab" * 32, b"\x89PNG fake bytes", "image/png", 640, 480)
WORDS = [Word("IL6", 0.98, (10.0, 10.0, 40.0, 22.0)), Word("STAT3", 0.9, (5, 50, 20, 90), 90)]


def test_figure_round_trip(db_url):
    store = open_store(db_url)
    figure = make_figure()
    mentions = [gene("IL6", "3569"), gene("STAT3", "6774", box=None)]
    store.save_figure(figure, mentions=mentions, image=IMAGE, ocr=("eng-1", WORDS))
    got = store.figure(figure.figid)
    assert got.metadata() == figure.metadata()
    assert store.mentions(figure.figid) == mentions
    assert store.words(figure.figid) == WORDS
    assert store.image(figure.figid) == IMAGE
    assert store.counts() | {} == {
        "figures": 1,
        "papers": 1,
        "mentions": 2,
        "genes": 2,
        "failures": 0,
    }


def test_resaving_replaces_mentions_and_keeps_one_paper(db_url):
    store = open_store(db_url)
    store.save_figure(make_figure(), mentions=[gene("IL6", "3569"), gene("TP53", "7157")])
    store.save_figure(make_figure(), mentions=[gene("TP53", "7157")])
    store.save_figure(make_figure("PMC1__fig2"), mentions=[])
    assert [m.symbol for m in store.mentions("PMC1__fig1")] == ["TP53"]
    assert store.counts()["papers"] == 1
    assert [f.figid for f in store.figures()] == ["PMC1__fig1", "PMC1__fig2"]


def test_ocr_words_cached_by_image_hash_and_engine_version(db_url):
    store = open_store(db_url)
    assert store.cached_words(IMAGE.image_hash, "eng-1") is None
    store.save_figure(make_figure(), mentions=[], image=IMAGE, ocr=("eng-1", WORDS))
    # A second figure with the same bytes reuses the words; nothing is written twice.
    store.save_figure(make_figure("PMC1__copy"), mentions=[], image=IMAGE, ocr=("eng-1", WORDS))
    assert store.cached_words(IMAGE.image_hash, "eng-1") == WORDS
    assert store.cached_words(IMAGE.image_hash, "eng-2") is None
    assert store.words("PMC1__copy") == WORDS


def test_a_failed_write_leaves_what_was_stored(db_url):
    store = open_store(db_url)
    store.save_figure(make_figure(), mentions=[gene("IL6", "3569")])
    broken = Mention("gene", "X", "X", None, "X", "ncbigene_symbol", "strict", 9606, 1.0, None)
    with pytest.raises(Exception):  # noqa: B017 - the driver's integrity error
        store.save_figure(make_figure(figtitle="changed"), mentions=[broken])
    assert store.figure("PMC1__fig1").figtitle == "IL-6 signaling"
    assert [m.symbol for m in store.mentions("PMC1__fig1")] == ["IL6"]


def test_failures_are_kept_until_the_figure_succeeds(db_url):
    store = open_store(db_url)
    store.record_failure(Failure("a.jpg", "ocr", "a.jpg: truncated image", "PMC1__fig1"))
    assert [f.message for f in store.failures()] == ["a.jpg: truncated image"]
    store.save_figure(make_figure(), mentions=[])
    assert store.failures() == []


def test_unknown_figure_and_image(db_url):
    store = open_store(db_url)
    with pytest.raises(NotFoundError, match="nope"):
        store.figure("nope")
    store.save_figure(make_figure(), mentions=[])
    with pytest.raises(NotFoundError, match="no image"):
        store.image("PMC1__fig1")


def test_database_argument_errors(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        database_url(str(tmp_path))
    with pytest.raises(StoreError, match="no pathfig tables"):
        open_store(str(tmp_path / "empty.sqlite"), create=False)
    with pytest.raises(StoreError, match=r"unsupported database|cannot open"):
        open_store("mysql://nobody@127.0.0.1/x")


def test_gene_sets_by_tier_and_organism(db_url):
    store = open_store(db_url)
    family = Mention("gene", "ERK", "ERK", "5594", "MAPK1", "famplex_relations", "all", 9606,
                     0.9, None)  # fmt: skip
    alias = Mention("gene", "p53", "P53", "7157", "TP53", "ncbigene_synonym", "synonyms", 9606,
                    0.9, None)  # fmt: skip
    mouse = Mention("gene", "Il6", "IL6", "16193", "Il6", "ncbigene_symbol", "strict", 10090,
                    0.9, None)  # fmt: skip
    store.save_figure(make_figure(), mentions=[gene("IL6", "3569"), alias, family, family, mouse])
    store.save_figure(make_figure("PMC1__none"), mentions=[])
    sets = {t: list(store.gene_sets(9606, t)) for t in ("strict", "synonyms", "all")}
    assert sets["strict"] == [("PMC1__fig1", "IL-6 signaling", ["3569"])]
    assert sets["synonyms"] == [("PMC1__fig1", "IL-6 signaling", ["3569", "7157"])]
    assert sets["all"] == [("PMC1__fig1", "IL-6 signaling", ["3569", "5594", "7157"])]
    assert list(store.gene_sets(10090, "all")) == [("PMC1__fig1", "IL-6 signaling", ["16193"])]
    with pytest.raises(Exception, match="unknown tier"):
        list(store.gene_sets(9606, "loose"))


def test_a_store_from_an_earlier_pathfig_gains_new_columns(db_url):
    store = open_store(db_url)
    store.record_failure(Failure("a.jpg", "ocr", "a.jpg: truncated image", "PMC1__fig1"))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE failures DROP COLUMN image_hash")
    reopened = open_store(db_url)
    assert [f.message for f in reopened.failures()] == ["a.jpg: truncated image"]
    reopened.record_failure(Failure("b.jpg", "ocr", "b.jpg: empty", "PMC1__fig2", "ab" * 32))
    assert reopened.failed_before("PMC1__fig2", "ab" * 32)
