from __future__ import annotations

import gzip

import pytest

from pathfig.enrich.gmt import read_gmt
from pathfig.errors import BadInputError


def test_blank_lines_crlf_trailing_tabs_and_duplicates_within_a_line(tmp_path):
    path = tmp_path / "x.gmt"
    path.write_bytes(b"\r\nA\tdesc a\tG1\tG2\t\t\r\n\r\n  \nB\t\tG3\tG3\tG1\t\r\nC\tonly desc\n")
    assert list(read_gmt(path)) == [
        ("A", "desc a", ["G1", "G2"]),
        ("B", "", ["G3", "G1"]),
        ("C", "only desc", []),
    ]


def test_gzip(tmp_path):
    path = tmp_path / "x.gmt.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("A\td\t1\t2\n")
    assert list(read_gmt(path)) == [("A", "d", ["1", "2"])]


def test_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.gmt"
    path.write_text("A\td\t1\n\nB 2 3\n")
    with pytest.raises(BadInputError, match=r"bad\.gmt: line 3: .*no tab"):
        list(read_gmt(path))


def test_duplicate_set_name_and_missing_name(tmp_path):
    path = tmp_path / "dup.gmt"
    path.write_text("A\td\t1\nA\td\t2\n")
    with pytest.raises(BadInputError, match="line 2: gene set 'A' appears twice"):
        list(read_gmt(path))
    path.write_text("\td\t1\n")
    with pytest.raises(BadInputError, match="line 1: the gene set has no name"):
        list(read_gmt(path))


def test_unreadable_files(tmp_path):
    with pytest.raises(BadInputError, match="cannot read"):
        list(read_gmt(tmp_path / "missing.gmt"))
    path = tmp_path / "binary.gmt"
    path.write_bytes(b"A\t\xff\xfe\x00\t1\n")
    with pytest.raises(BadInputError, match="not a UTF-8"):
        list(read_gmt(path))
