from __future__ import annotations

import csv

import pytest
import yaml

from pathfig.errors import BadInputError
from pathfig.export import figure_page, genes_table, write_site
from pathfig.records import PFOCR_FIELDS, Figure, Mention

TIERS = {"ncbigene_symbol": "strict", "ncbigene_synonym": "synonyms", "famplex_relations": "all"}


def mentions_from_pfocr_table(path) -> list[Mention]:
    with open(path, encoding="utf-8") as handle:
        return [
            Mention("gene", r["word"], r["match"], r["ncbigene_id"], r["ncbigene_symbol"],
                    r["source"], TIERS[r["source"]], int(r["organism_id"]), 1.0, None)
            for r in csv.DictReader(handle, delimiter="\t")
        ]  # fmt: skip


@pytest.mark.parametrize(
    "name",
    [
        "PMC10030845__fimmu-14-1150879-g001",  # human only
        "PMC4512150__fimmu-06-00377-g001",  # mouse, human and fly; NA counts
        "PMC5618028__viruses-09-00262-g010",  # zebrafish
    ],
)
def test_genes_table_reproduces_pfocr_tables(shared, name):
    original = shared / "pfocr-format" / f"{name}-genes.tsv"
    assert genes_table(mentions_from_pfocr_table(original)) == original.read_text("utf-8")


def test_figure_page_has_the_seed_fields_in_order(shared):
    seed = shared / "pfocr-format" / "PMC10030845__fimmu-14-1150879-g001.md"
    matter = yaml.safe_load(seed.read_text("utf-8").split("---")[1])
    figure = Figure.from_metadata({k: matter[k] for k in PFOCR_FIELDS})
    figure.organisms = []  # PFOCR's [NA]
    mentions = mentions_from_pfocr_table(seed.with_name(seed.stem + "-genes.tsv"))
    page = figure_page(figure, mentions)
    assert page.startswith("---\n") and page.endswith("---\n")
    exported = yaml.safe_load(page.split("---")[1])
    assert list(exported) == [*PFOCR_FIELDS, "schema-jsonld"]
    assert exported == matter


def test_missing_values_are_null_never_na_character():
    page = figure_page(Figure("PMC9__x", pmcid="PMC9", caption="text"), [])
    matter = yaml.safe_load(page.split("---")[1])
    assert matter["doi"] is None and matter["journal_title"] is None
    assert ".na.character" not in page
    assert matter["organisms"] == ["NA"]
    assert matter["schema-jsonld"]["keywords"] == []


def test_write_site_refuses_a_figid_that_is_a_path(tmp_path):
    with pytest.raises(BadInputError, match="file name"):
        write_site([(Figure("../../etc/passwd"), [])], tmp_path)
    assert not (tmp_path.parent / "etc").exists()
