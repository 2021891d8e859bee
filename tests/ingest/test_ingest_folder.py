from __future__ import annotations

import csv
from pathlib import Path

import pytest
from ingest_helpers import SHARED, write_image

from pathfig.ingest import discover
from pathfig.records import Failure, Figure


def run(*paths: Path) -> tuple[list[Figure], list[Failure]]:
    items = list(discover(list(paths)))
    return (
        [i for i in items if isinstance(i, Figure)],
        [i for i in items if isinstance(i, Failure)],
    )


def no_na_anywhere(figure: Figure) -> bool:
    values = [v for v in figure.metadata().values() if v is not None]
    flat = [x for v in values for x in (v if isinstance(v, list) else [v])]
    return not any(str(x).strip() in {".na.character", "NA", "NULL"} for x in flat)


def bench(name: str) -> Path:
    path = SHARED / "bench" / name
    if not (path / "figures.tsv").is_file():
        pytest.skip(f"shared benchmark data not found at {path}")
    return path


def test_real_pmc_bench() -> None:
    root = bench("real")
    figures, failures = run(root)
    assert failures == []
    assert len(figures) == 150
    rows = {r["figid"]: r for r in csv.DictReader((root / "figures.tsv").open(), delimiter="\t")}
    for figure in figures:
        row = rows[figure.figid]
        assert figure.image is not None and figure.image.path.is_file()
        assert figure.pmcid == row["pmcid"] and figure.figid.startswith(f"{figure.pmcid}__")
        assert figure.filename == row["filename"]
        assert figure.caption == row["caption"]  # taken as is, mojibake included
        assert figure.year == row["year"] and isinstance(figure.year, str)
        assert isinstance(figure.automl_pathway, float)
        assert figure.number is not None and figure.number[0] == "F"
        assert figure.figid_alias == f"{figure.pmcid}__{figure.number}"
        assert figure.redirect_from == f"/figures/{figure.figid_alias}"
        assert (figure.figtype, figure.seo, figure.ndex) == ("Figure", "CreativeWork", "")
        assert no_na_anywhere(figure)
    assert any("Œ≥" in (f.caption or "") + (f.papertitle or "") for f in figures)
    assert sum(f.figtitle is None for f in figures) == sum(not r["figtitle"] for r in rows.values())


def test_wikipathways_bench() -> None:
    figures, failures = run(bench("wp"))
    assert failures == []
    assert len(figures) == 200
    assert all(f.figid.startswith("WP") and f.organisms == ["Homo sapiens"] for f in figures)
    assert all(f.pmcid is None and f.figid_alias is None for f in figures)
    assert all(f.filename == f"{f.figid}.png" and f.figtitle for f in figures)
    energy = next(f for f in figures if f.figid == "WP1541")
    assert energy.caption is not None and energy.caption.startswith('"The PPARGC1A protein')


def write_table(path: Path, rows: list[dict[str, str]], delimiter: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


ROWS = [
    {
        "figid": "PMC1__a",
        "filename": "PMC1__a.jpg",
        "number": "Fig. 2",
        "figtitle": ".na.character",
        "organism": "Homo sapiens|Mus musculus",
        "year": "2019",
        "automl_pathway": "not-a-number",
        "doi": "NA",
        "caption": 'Œ≥-Secretase cleaves, "quoted", commas; tabs\tand all',
        "colour": "ignored",
    },
    {"figid": "PMC2__b", "filename": "sub/PMC2__b.png", "number": "F4", "organism": "NULL"},
]


@pytest.mark.parametrize(("table", "delimiter"), [("figures.tsv", "\t"), ("figures.csv", ",")])
def test_metadata_table_tsv_and_csv(tmp_path: Path, table: str, delimiter: str) -> None:
    write_image(tmp_path / "images" / "PMC1__a.jpg", "JPEG")
    write_image(tmp_path / "sub" / "PMC2__b.png")
    write_image(tmp_path / "deep" / "er" / "PMC3__c.TIF", "TIFF")  # no row, upper-case suffix
    write_table(tmp_path / table, ROWS, delimiter)
    figures, failures = run(tmp_path)
    assert failures == []
    by_id = {f.figid: f for f in figures}
    assert set(by_id) == {"PMC1__a", "PMC2__b", "PMC3__c"}
    a = by_id["PMC1__a"]
    assert a.figtitle is None and a.doi is None and a.automl_pathway is None
    assert a.organisms == ["Homo sapiens", "Mus musculus"]
    assert (a.year, a.number, a.figid_alias, a.pmcid) == ("2019", "F2", "PMC1__F2", "PMC1")
    assert a.caption == ROWS[0]["caption"]
    b = by_id["PMC2__b"]
    assert b.organisms == [] and b.filename == "sub/PMC2__b.png" and b.figid_alias == "PMC2__F4"
    c = by_id["PMC3__c"]
    assert (c.pmcid, c.filename, c.number, c.figid_alias) == ("PMC3", "PMC3__c.TIF", None, None)


def test_row_matched_by_figid_when_no_filename(tmp_path: Path) -> None:
    write_image(tmp_path / "x" / "WP9.png")
    write_table(tmp_path / "figures.tsv", [{"figid": "WP9", "figtitle": "Title"}], "\t")
    figures, failures = run(tmp_path)
    assert failures == [] and [(f.figid, f.figtitle) for f in figures] == [("WP9", "Title")]


def test_row_without_image_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    write_image(tmp_path / "PMC1__a.jpg", "JPEG")
    rows = [{"figid": "PMC1__a", "filename": ""}, {"figid": "PMC5__gone", "filename": "gone.jpg"}]
    write_table(tmp_path / "figures.tsv", rows, "\t")
    figures, failures = run(tmp_path)
    assert [f.figid for f in figures] == ["PMC1__a"]
    assert len(failures) == 1
    failure = failures[0]
    assert failure.stage == "ingest" and failure.figid == "PMC5__gone"
    assert failure.source == str(tmp_path / "figures.tsv")
    assert "PMC5__gone" in failure.message and "gone.jpg" in failure.message


def test_duplicate_figid_in_table(tmp_path: Path) -> None:
    write_image(tmp_path / "PMC1__a.jpg", "JPEG")
    write_table(tmp_path / "figures.tsv", [{"figid": "PMC1__a"}, {"figid": "PMC1__a"}], "\t")
    figures, failures = run(tmp_path)
    assert [f.figid for f in figures] == ["PMC1__a"]
    assert len(failures) == 1 and "already on line 2" in failures[0].message


def test_duplicate_figid_across_the_call_keeps_the_first(tmp_path: Path) -> None:
    first = write_image(tmp_path / "one" / "PMC1__a.png")
    second = write_image(tmp_path / "two" / "PMC1__a.jpg", "JPEG")
    figures, failures = run(tmp_path / "one", tmp_path / "two")
    assert [f.image.path for f in figures if f.image] == [first]
    assert len(failures) == 1
    assert failures[0].source == str(second) and failures[0].figid == "PMC1__a"
    assert f"duplicate figid PMC1__a, already ingested from {first}" in failures[0].message


def test_mojibake_and_bad_bytes_do_not_crash(tmp_path: Path) -> None:
    write_image(tmp_path / "PMC1__a.png")
    (tmp_path / "figures.tsv").write_bytes(
        b"figid\tcaption\tpapertitle\n"
        b"PMC1__a\t\xce\x92 \xff\xfe broken\t\xc5\x92\xe2\x89\xa5-Secretase\n"
    )
    figures, failures = run(tmp_path)
    assert failures == []
    assert figures[0].caption == "Β \ufffd\ufffd broken"
    assert figures[0].papertitle == "Œ≥-Secretase"


def test_hidden_files_and_other_files_are_ignored(tmp_path: Path) -> None:
    write_image(tmp_path / "fig.png")
    (tmp_path / "._fig.png").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    (tmp_path / "notes.txt").write_text("not a figure")
    write_image(tmp_path / ".git" / "x.png")
    figures, failures = run(tmp_path)
    assert [f.figid for f in figures] == ["fig"] and failures == []


def test_single_image_and_missing_paths(tmp_path: Path) -> None:
    image = write_image(tmp_path / "PMC8__z.webp", "WEBP")
    (tmp_path / "readme.txt").write_text("x")
    figures, failures = run(image, tmp_path / "nope", tmp_path / "readme.txt")
    assert [(f.figid, f.pmcid) for f in figures] == [("PMC8__z", "PMC8")]
    assert [f.source for f in failures] == [str(tmp_path / "nope"), str(tmp_path / "readme.txt")]
    assert "no such file or folder" in failures[0].message


def test_discover_is_lazy(tmp_path: Path) -> None:
    write_image(tmp_path / "a" / "first.png")
    stream = discover([tmp_path / "a", tmp_path / "b"])
    assert next(stream).figid == "first"
    write_image(tmp_path / "b" / "later.png")  # made after the first record came out
    assert [f.figid for f in stream] == ["later"]
