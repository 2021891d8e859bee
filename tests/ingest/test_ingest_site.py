from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from ingest_helpers import SHARED

from pathfig.ingest import discover
from pathfig.records import PFOCR_FIELDS, Failure, Figure, Mention

FORMAT = SHARED / "pfocr-format"
SEEDS = SHARED / "seeds"
FIGID = "PMC10030845__fimmu-14-1150879-g001"


def run(*paths: Path) -> tuple[list[Figure], list[Failure]]:
    items = list(discover(list(paths)))
    return (
        [i for i in items if isinstance(i, Figure)],
        [i for i in items if isinstance(i, Failure)],
    )


def make_site(root: Path, source: Path) -> Path:
    if not source.is_dir():
        pytest.skip(f"shared PFOCR examples not found at {source}")
    (root / "_figures").mkdir(parents=True)
    (root / "_data").mkdir()
    for path in source.iterdir():
        if path.suffix == ".md":
            shutil.copy(path, root / "_figures" / path.name)
        elif path.suffix == ".tsv":
            shutil.copy(path, root / "_data" / path.name)
    return root


def front_matter(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def expected(value: object) -> object:
    """What the record must hold for a front-matter value."""
    if value == ".na.character":
        return None
    if isinstance(value, list):
        return [v for v in value if v != "NA"]
    return value


def test_pfocr_format_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FORMAT)
    figures, failures = run(site)
    assert failures == []
    [figure] = figures
    original = front_matter(FORMAT / f"{FIGID}.md")
    for name in PFOCR_FIELDS:
        assert getattr(figure, name) == expected(original.get(name)), name
    assert figure.year == "2023" and figure.ndex == "" and figure.organisms == []
    assert figure.image is None

    mentions = figure.mentions
    assert mentions is not None
    genes = [m for m in mentions if m.entity == "gene"]
    gene_rows = (FORMAT / f"{FIGID}-genes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert [m.word for m in genes] == [row.split("\t")[3] for row in gene_rows]  # file order
    assert all(m.organism == 9606 and m.box is None for m in genes)
    assert genes[0] == Mention(
        entity="gene",
        word="TLR4",
        match="TLR4",
        identifier="7099",
        symbol="TLR4",
        source="ncbigene_symbol",
        tier="strict",
        organism=9606,
        confidence=1.0,
        box=None,
    )
    assert [(m.symbol, m.tier) for m in genes[2:4]] == [
        ("TRIM69", "synonyms"),
        ("TICAM1", "synonyms"),
    ]
    chemicals = [m for m in mentions if m.entity == "chemical"]
    assert [(m.word, m.identifier, m.symbol, m.match) for m in chemicals] == [
        ("ATP", "mesh:D000255", "ATP", "Adenosine Triphosphate"),
        ("Pyrin", "mesh:C556458", "Pyrin", ""),
        ("NACHT", "mesh:C416503", "NACHT", ""),
        ("ATP", "mesh:D000255", "ATP", "Adenosine Triphosphate"),
        ("ATP", "mesh:D000255", "ATP", "Adenosine Triphosphate"),
    ]
    assert all((m.source, m.tier, m.organism) == ("mesh", "strict", 0) for m in chemicals)
    [disease] = [m for m in mentions if m.entity == "disease"]
    assert (disease.word, disease.identifier) == (
        "Toxoplasma Crystalline Substances",
        "mesh:D014125",
    )


def test_seed_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", SEEDS)
    figures, failures = run(site)
    assert failures == []
    assert len(figures) == 2
    for figure in figures:
        original = front_matter(SEEDS / f"{figure.figid}.md")
        for name in PFOCR_FIELDS:
            assert getattr(figure, name) == expected(original.get(name)), name
        assert figure.mentions == []  # no genes table beside the seeds
    old = next(f for f in figures if f.figid == "PMC7757046__ijbsv17p0204g001")
    assert old.doi is None and old.keywords is None and old.journal_title is None
    assert old.figlink == "pmc/articles/PMC7757046/figure/F1/"  # kept exactly, no "fixing"
    assert old.organisms_ner == ["Danio rerio"] and old.automl_pathway == 0.8852698


@pytest.mark.parametrize(
    ("figid", "organism"),
    [("PMC4512150__fimmu-06-00377-g001", 10090), ("PMC5618028__viruses-09-00262-g010", 7955)],
)
def test_mouse_and_zebrafish_gene_tables(tmp_path: Path, figid: str, organism: int) -> None:
    site = make_site(tmp_path / "site", FORMAT)
    (site / "_figures" / f"{figid}.md").write_text(page(f"figid: {figid}"))
    figures, failures = run(site)
    assert failures == []
    figure = next(f for f in figures if f.figid == figid)
    rows = (FORMAT / f"{figid}-genes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert figure.mentions is not None and len(figure.mentions) == len(rows)
    tiers = {
        "ncbigene_symbol": "strict",
        "ncbigene_synonym": "synonyms",
        "famplex_relations": "all",
    }
    for mention, row in zip(figure.mentions, rows, strict=True):
        cells = row.split("\t")
        assert mention.organism == int(cells[0])
        assert (mention.word, mention.match, mention.symbol) == (cells[3], cells[4], cells[5])
        assert mention.identifier == cells[6] and mention.tier == tiers[cells[7]]
    assert organism in {m.organism for m in figure.mentions}  # the mouse table has human rows too
    # metadata not in the page stays missing, and derived fields are filled
    assert figure.papertitle is None and figure.figtype == "Figure" and figure.ndex == ""


def page(front: str) -> str:
    return f"---\n{front}\n---\n"


def test_site_values_keep_their_types(tmp_path: Path) -> None:
    (tmp_path / "_figures").mkdir()
    (tmp_path / "_data").mkdir()
    (tmp_path / "_figures" / "PMC1__x.md").write_text(
        page(
            "figid: PMC1__x\nyear: 2021\nnumber: 3\nkeywords: 2019-01-02\nndex: ''\n"
            "figtitle: 'NA'\ncaption: |\n  line one\n  ---\n  line two\n"
            "organisms: Homo sapiens\nautoml_pathway: .na.character\nfigid_alias: PMC1__F3"
        )
    )
    (tmp_path / "_data" / "PMC1__x-genes.tsv").write_text(
        "organism_id\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\n"
        '10090\t"Tnf\tTNF\tTnf\t21926\tncbigene_symbol\n'
        "10090\tX\tX\tX\tNA\tncbigene_symbol\n"
    )
    figures, failures = run(tmp_path)
    [figure] = figures
    assert (figure.year, figure.number, figure.keywords) == ("2021", "3", "2019-01-02")
    assert figure.ndex == "" and figure.figtitle is None and figure.automl_pathway is None
    assert figure.caption == "line one\n---\nline two\n"
    assert figure.organisms == ["Homo sapiens"]
    assert figure.mentions is not None and [m.word for m in figure.mentions] == ['"Tnf']
    [failure] = failures  # the row without an id is reported, not fatal
    assert (
        failure.source == str(tmp_path / "_data" / "PMC1__x-genes.tsv")
        and "line 3" in failure.message
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter here", "no YAML front matter"),
        (page("figid: [unclosed"), "bad YAML front matter"),
        (page("- just\n- a list"), "not a mapping"),
    ],
)
def test_bad_pages_are_failures(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "_figures").mkdir()
    (tmp_path / "_figures" / "bad.md").write_text(text)
    [failure] = list(discover([tmp_path]))
    assert isinstance(failure, Failure) and message in failure.message
    assert failure.source == str(tmp_path / "_figures" / "bad.md")


def test_a_single_page_with_its_data_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FORMAT)
    [figure] = list(discover([site / "_figures" / f"{FIGID}.md"]))
    assert isinstance(figure, Figure) and figure.mentions and len(figure.mentions) == 23 + 5 + 1
