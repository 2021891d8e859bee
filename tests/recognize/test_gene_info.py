"""add_gene_info(): organisms from a user's NCBI gene_info file, loaded with the human lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.recognize import add_gene_info, load_lexicon, recognize
from pathfig.records import Word

DATA = Path(__file__).parent / "data"
MOUSE, FISH = 10090, 7955


def genes(cache: Path, text: str, organism: int) -> dict[str, tuple[str, str]]:
    words = [Word(text, 0.95, (0, 0, 50, 20))]
    found = recognize(words, load_lexicon(cache), organisms=(organism,))
    return {m.symbol: (m.identifier, m.tier) for m in found}


def test_add_mouse(fresh_cache: Path) -> None:
    before = load_lexicon(fresh_cache)
    assert add_gene_info(DATA / "mouse.gene_info", fresh_cache) == (MOUSE, 4)
    lexicon = load_lexicon(fresh_cache)
    assert lexicon.organisms == (9606, MOUSE)
    assert lexicon.version != before.version  # cached recognition is invalidated
    assert (fresh_cache / "organism-10090.pickle").is_file()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il6", {"Il6": ("16193", "strict")}),
        ("IL-6", {"Il6": ("16193", "strict")}),
        ("Stat3", {"Stat3": ("20848", "strict")}),
        ("p-STAT3", {"Stat3": ("20848", "strict")}),
        ("Aprf", {"Stat3": ("20848", "synonyms")}),
        ("Erk2", {"Mapk1": ("26413", "synonyms")}),
        # a FamPlex family carried over from human by symbol
        ("ERK1/2", {"Mapk1": ("26413", "all"), "Mapk3": ("26417", "all")}),
        ("TP53", {}),  # not in this (tiny) mouse file
    ],
)
def test_mouse_labels(fresh_cache: Path, text: str, expected: dict) -> None:
    add_gene_info(DATA / "mouse.gene_info", fresh_cache)
    assert genes(fresh_cache, text, MOUSE) == expected


def test_gzipped_zebrafish_next_to_mouse(fresh_cache: Path) -> None:
    add_gene_info(DATA / "mouse.gene_info", fresh_cache)
    assert add_gene_info(DATA / "zebrafish.gene_info.gz", fresh_cache) == (FISH, 1)
    assert load_lexicon(fresh_cache).organisms == (FISH, 9606, MOUSE)
    assert genes(fresh_cache, "stat3", FISH) == {"stat3": ("30767", "strict")}
    assert genes(fresh_cache, "Stat3", MOUSE) == {"Stat3": ("20848", "strict")}
    # human is untouched
    assert genes(fresh_cache, "STAT3", 9606) == {"STAT3": ("6774", "strict")}


def test_several_organisms_need_a_taxid(fresh_cache: Path) -> None:
    with pytest.raises(LexiconError, match="several organisms"):
        add_gene_info(DATA / "two_organisms.gene_info", fresh_cache)
    assert add_gene_info(DATA / "two_organisms.gene_info", fresh_cache, taxid=FISH) == (FISH, 1)
    with pytest.raises(LexiconError, match="no genes for taxon 9913"):
        add_gene_info(DATA / "two_organisms.gene_info", fresh_cache, taxid=9913)


def test_adding_again_replaces(fresh_cache: Path) -> None:
    add_gene_info(DATA / "two_organisms.gene_info", fresh_cache, taxid=MOUSE)
    add_gene_info(DATA / "mouse.gene_info", fresh_cache)
    assert load_lexicon(fresh_cache).organisms == (9606, MOUSE)


@pytest.mark.parametrize("content", ["", "not\ta\tgene_info\n1\t2\t3\n"])
def test_bad_files(fresh_cache: Path, tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content)
    with pytest.raises(LexiconError):
        add_gene_info(path, fresh_cache)
    with pytest.raises(LexiconError, match="no such file"):
        add_gene_info(tmp_path / "missing.gene_info", fresh_cache)
    assert load_lexicon(fresh_cache).organisms == (9606,)


def test_damaged_organism_file_is_skipped(fresh_cache: Path) -> None:
    (fresh_cache / "organism-10090.pickle").write_bytes(b"garbage")
    assert load_lexicon(fresh_cache).organisms == (9606,)
