"""``pathfig eval wp --scale``: the figures resized before the run, deterministically."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from PIL import Image

from pathfig.evaluate.cli import eval_group
from pathfig.evaluate.wp import RENDER_SCALE, _rescaled


def _bench(tmp_path):
    (tmp_path / "images").mkdir(parents=True)
    for figid, size in (("WP1", (300, 150)), ("WP2", (90, 60))):
        Image.new("RGB", size, "white").save(tmp_path / "images" / f"{figid}.png")
    (tmp_path / "figures.tsv").write_text("figid\tfigtitle\nWP1\tone\nWP2\ttwo\n", encoding="utf-8")
    return tmp_path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_rescaled_copies_resize_and_cut_the_table(tmp_path):
    bench = _bench(tmp_path / "wp")
    with _rescaled(bench, ["WP1"], 1.0 / RENDER_SCALE) as folder:
        assert folder != bench
        with Image.open(folder / "images" / "WP1.png") as image:
            assert image.size == (200, 100)
        assert not (folder / "images" / "WP2.png").exists()
        rows = (folder / "figures.tsv").read_text(encoding="utf-8").splitlines()
        assert rows == ["figid\tfigtitle", "WP1\tone"]
        first = _digest(folder / "images" / "WP1.png")
    with _rescaled(bench, ["WP1"], 1.0 / RENDER_SCALE) as folder:
        assert _digest(folder / "images" / "WP1.png") == first  # OCR results are reused


def test_native_scale_reads_the_folder_itself(tmp_path):
    bench = _bench(tmp_path / "wp")
    with _rescaled(bench, ["WP1", "WP2"], 1.0) as folder:
        assert folder == bench


@pytest.mark.parametrize("scale", ["0.1", "5"])
def test_scale_out_of_range_is_a_usage_error(tmp_path, scale):
    bench = _bench(tmp_path / "wp")
    result = CliRunner().invoke(eval_group, ["wp", str(bench), "--scale", scale])
    assert result.exit_code == 2
    assert "--scale" in result.output
