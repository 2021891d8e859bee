from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, image_bytes, write_image

from pathfig.ingest import discover
from pathfig.ingest.jats import parse_article
from pathfig.records import Failure, Figure

JATS = FIXTURES / "jats"


def run(*paths: Path) -> tuple[list[Figure], list[Failure]]:
    items = list(discover(list(paths)))
    return (
        [i for i in items if isinstance(i, Figure)],
        [i for i in items if isinstance(i, Failure)],
    )


def article_dir(tmp_path: Path, fixture: str, images: list[str]) -> Path:
    folder = tmp_path / "article"
    folder.mkdir()
    shutil.copy(JATS / fixture, folder / fixture)
    for name in images:
        write_image(folder / name, "JPEG" if name.lower().endswith(".jpg") else "PNG")
    return folder


def test_article_with_figure_and_supplementary_figure(tmp_path: Path) -> None:
    folder = article_dir(
        tmp_path, "two_figures.nxml", ["ijbsv17p0204g001.jpg", "ijbsv17p0204sf001.png"]
    )
    figures, failures = run(folder / "two_figures.nxml")
    assert failures == []
    main, supplementary = figures
    assert main.figid == "PMC7757046__ijbsv17p0204g001"
    assert main.pmcid == "PMC7757046"
    assert main.number == "F1" and main.figid_alias == "PMC7757046__F1"
    assert main.redirect_from == "/figures/PMC7757046__F1"
    assert main.figtitle == (
        "Pattern of mechanisms of IL-6 promoting the integrity of the intestinal epithelium"
    )
    assert main.caption == (
        "Pattern of mechanisms of IL-6 promoting the integrity of the intestinal epithelium. "
        "IL-6 assists maintain intestinal homeostasis through both classical and cross-signaling "
        "pathway (sIL-6R: soluble IL-6 receptor; ZO: zonula occludins)."
    )
    assert main.papertitle == "Biological characteristics of IL-6 and related intestinal diseases"
    assert main.reftext == "Yuexin Guo, et al. Int J Biol Sci. 2021;17(1):204-219."
    assert main.year == "2021"  # epub, not the later pmc-release
    assert main.doi == "10.7150/ijbs.51362"
    assert main.journal_title == "International Journal of Biological Sciences"
    assert main.journal_nlm_ta == "Int J Biol Sci"
    assert main.publisher_name == "Ivyspring International Publisher"
    assert main.keywords == "IL-6 | intestinal diseases | STAT3 signaling"
    assert main.filename == "ijbsv17p0204g001.jpg"
    assert main.figlink == "/pmc/articles/PMC7757046/figure/F1/"
    assert main.figtype == "Figure"
    assert main.image is not None and main.image.path == folder / "ijbsv17p0204g001.jpg"

    assert supplementary.figid == "PMC7757046__ijbsv17p0204sf001"
    assert supplementary.number == "S1" and supplementary.figid_alias == "PMC7757046__S1"
    assert supplementary.figtitle == "Expression of IL-6R in the colon"  # first sentence
    assert supplementary.filename == "ijbsv17p0204sf001.png"
    assert supplementary.figlink == "/pmc/articles/PMC7757046/figure/SF1/"


def test_single_author_elocation_id_and_pmcid_type(tmp_path: Path) -> None:
    folder = article_dir(
        tmp_path, "single_author.nxml", ["fimmu-14-1150879-g001.jpg", "fimmu-14-1150879-g002.PNG"]
    )
    figures, failures = run(folder / "single_author.nxml")
    assert failures == []
    first, second = figures
    assert first.pmcid == "PMC10030845"
    assert first.figid == "PMC10030845__fimmu-14-1150879-g001"  # extension in href dropped
    assert first.reftext == "Jixuan Wang. Front Immunol. 2023;14:1150879."  # editor not counted
    assert first.year == "2023"  # electronic before print
    assert first.number == "F3"  # "Fig. 3A"
    assert first.figtitle == "NLRP1, NLRP3 and NLRC4 recruit procaspase-1 via ASC"
    assert first.caption is not None and "(K+ efflux)" in first.caption
    assert first.keywords is None and first.filename == "fimmu-14-1150879-g001.jpg"
    assert second.number == "F2"  # no label: from id "f2"
    assert second.figtitle == "Inflammasome assembly"
    assert second.filename == "fimmu-14-1150879-g002.PNG"  # found whatever the suffix's case


def test_malformed_xml_is_a_failure_naming_the_file(tmp_path: Path) -> None:
    folder = article_dir(tmp_path, "malformed.nxml", [])
    figures, failures = run(folder / "malformed.nxml")
    assert figures == []
    [failure] = failures
    assert failure.source == str(folder / "malformed.nxml") and failure.stage == "ingest"
    assert "malformed XML" in failure.message and "mismatched tag" in failure.message


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    folder = article_dir(tmp_path, "entity_bomb.nxml", [])
    [failure] = list(discover([folder / "entity_bomb.nxml"]))
    assert isinstance(failure, Failure) and "refused unsafe XML" in failure.message


def test_missing_image_is_a_failure_for_that_figure_only(tmp_path: Path) -> None:
    folder = article_dir(tmp_path, "two_figures.nxml", ["ijbsv17p0204g001.jpg"])
    figures, failures = run(folder / "two_figures.nxml")
    assert [f.number for f in figures] == ["F1"]
    [failure] = failures
    assert failure.figid == "PMC7757046__ijbsv17p0204sf001"
    assert "'ijbsv17p0204sf001'" in failure.message and "SF1" in failure.message


def test_folder_with_article_does_not_ingest_its_images_twice(tmp_path: Path) -> None:
    folder = article_dir(
        tmp_path, "two_figures.nxml", ["ijbsv17p0204g001.jpg", "ijbsv17p0204sf001.png"]
    )
    write_image(folder / "unrelated.png")
    figures, failures = run(tmp_path)
    assert failures == []
    assert [f.figid for f in figures] == [
        "PMC7757046__ijbsv17p0204g001",
        "PMC7757046__ijbsv17p0204sf001",
        "unrelated",
    ]


def test_folder_table_row_adds_to_an_article_figure(tmp_path: Path) -> None:
    folder = article_dir(
        tmp_path, "two_figures.nxml", ["ijbsv17p0204g001.jpg", "ijbsv17p0204sf001.png"]
    )
    (tmp_path / "figures.tsv").write_text(
        "figid\tautoml_pathway\tpapertitle\nPMC7757046__ijbsv17p0204g001\t0.88\tOther title\n"
    )
    figures, failures = run(tmp_path)
    assert failures == [] and folder.is_dir()
    main = figures[0]
    assert main.automl_pathway == 0.88  # missing in the article, taken from the table
    assert main.papertitle.startswith("Biological characteristics")  # the article's wins


def build_package(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_pmc_package_read_without_extracting(tmp_path: Path) -> None:
    package = build_package(
        tmp_path / "PMC7757046.tar.gz",
        {
            "PMC7757046/two_figures.nxml": (JATS / "two_figures.nxml").read_bytes(),
            "PMC7757046/ijbsv17p0204g001.jpg": image_bytes("JPEG"),
            "PMC7757046/ijbsv17p0204sf001.gif": image_bytes("GIF"),
            "PMC7757046/ijbsv17p0204g001.pdf": b"%PDF-1.4",
        },
    )
    figures, failures = run(tmp_path)
    assert failures == []
    assert [(f.figid, f.filename) for f in figures] == [
        ("PMC7757046__ijbsv17p0204g001", "ijbsv17p0204g001.jpg"),
        ("PMC7757046__ijbsv17p0204sf001", "ijbsv17p0204sf001.gif"),
    ]
    image = figures[1].image
    assert image is not None and image.path == package
    assert image.member == "PMC7757046/ijbsv17p0204sf001.gif"
    assert image.read_bytes() == image_bytes("GIF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PMC7757046.tar.gz"]  # nothing extracted


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.tgz", b"\x1f\x8b\x08 definitely not gzip", "not a readable .tar.gz package"),
        ("empty.tar.gz", None, "no .nxml article in the package"),
    ],
)
def test_bad_packages(tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    path = tmp_path / name
    if data is None:
        build_package(path, {"PMC1/readme.txt": b"hi"})
    else:
        path.write_bytes(data)
    [failure] = list(discover([path]))
    assert isinstance(failure, Failure) and failure.source == str(path)
    assert message in failure.message and "\n" not in failure.message


def article(meta: str, journal: str = '<journal-id journal-id-type="nlm-ta">J Test</journal-id>'):
    xml = (
        f"<article><front><journal-meta>{journal}</journal-meta>"
        f'<article-meta><article-id pub-id-type="pmc">1</article-id>{meta}</article-meta>'
        "</front></article>"
    )
    return parse_article(xml.encode())[0]


def author(given: str, surname: str) -> str:
    name = f"<name><surname>{surname}</surname><given-names>{given}</given-names></name>"
    return f'<contrib contrib-type="author">{name}</contrib>'


@pytest.mark.parametrize(
    ("meta", "reftext"),
    [
        (
            f"<contrib-group>{author('Yuexin', 'Guo')}{author('B', 'W')}</contrib-group>"
            '<pub-date pub-type="epub"><year>2021</year></pub-date>'
            "<volume>17</volume><issue>1</issue><fpage>204</fpage><lpage>219</lpage>",
            "Yuexin Guo, et al. J Test. 2021;17(1):204-219.",
        ),
        (
            f"<contrib-group>{author('Jixuan', 'Wang')}</contrib-group>"
            '<pub-date pub-type="epub"><year>2023</year></pub-date>'
            "<volume>14</volume><elocation-id>1150879</elocation-id>",
            "Jixuan Wang. J Test. 2023;14:1150879.",
        ),
        (
            f"<contrib-group>{author('Min', 'Li')}{author('A', 'B')}</contrib-group>"
            '<pub-date pub-type="ppub"><year>2024</year></pub-date>'
            "<volume>43</volume><issue>1</issue>",
            "Min Li, et al. J Test. 2024;43(1).",
        ),
        (
            "<contrib-group><contrib><collab>The ENCODE Consortium</collab></contrib>"
            "</contrib-group>"
            '<pub-date pub-type="epub"><year>2012</year></pub-date><fpage>57</fpage>',
            "The ENCODE Consortium. J Test. 2012:57.",
        ),
        (
            '<pub-date pub-type="epub"><year>2005</year></pub-date>'
            "<volume>1</volume><issue>4</issue><elocation-id>e39</elocation-id>",
            "J Test. 2005;1(4):e39.",
        ),
    ],
)
def test_reftext(meta: str, reftext: str) -> None:
    assert article(meta)["reftext"] == reftext


def test_reftext_falls_back_to_journal_title_without_nlm_ta() -> None:
    journal = (
        "<journal-title-group><journal-title>Some Journal</journal-title></journal-title-group>"
    )
    paper = article(
        f"<contrib-group>{author('A', 'Z')}</contrib-group><pub-date><year>2020</year></pub-date>",
        journal,
    )
    assert paper["reftext"] == "A Z. Some Journal. 2020."
    assert paper["journal_nlm_ta"] is None and paper["journal_title"] == "Some Journal"
