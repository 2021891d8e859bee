"""The box arithmetic and the two-pass merge rule, without running a model."""

from __future__ import annotations

import pytest

from pathfig.ocr.geometry import merge_passes, overlap, quad_to_box, tiles, unturn_box
from pathfig.records import Word


def test_quad_to_box_takes_the_extremes_of_a_tilted_quad() -> None:
    assert quad_to_box([[10, 5], [50, 8], [49, 20], [9, 17]]) == (9.0, 5.0, 50.0, 20.0)


def test_unturn_box_inverts_a_clockwise_turn() -> None:
    # A 100x40 original; turned clockwise it is 40x100 and original (x, y) sits at (40 - y, x).
    # Original box (10, 5)-(30, 15) lands at x' in [25, 35], y' in [10, 30].
    assert unturn_box((25.0, 10.0, 35.0, 30.0), original_height=40) == (10.0, 5.0, 30.0, 15.0)


def test_overlap_is_relative_to_the_smaller_box() -> None:
    assert overlap((0, 0, 10, 10), (5, 0, 15, 10)) == pytest.approx(0.5)
    assert overlap((0, 0, 100, 10), (10, 0, 20, 10)) == pytest.approx(1.0)
    assert overlap((0, 0, 10, 10), (20, 20, 30, 30)) == 0.0


def _word(text: str, box: tuple[float, float, float, float], conf: float, rot: int) -> Word:
    return Word(text, conf, box, rotation=rot)


def test_merge_keeps_new_vertical_words_and_drops_horizontal_ones() -> None:
    upright = [_word("MAPK1", (0, 0, 60, 15), 0.9, 0)]
    turned = [
        _word("TP53", (100, 0, 115, 60), 0.9, 90),  # vertical, nothing there: kept
        _word("MAPK", (2, 0, 58, 15), 0.99, 90),  # horizontal: the 0° pass owns it
        _word("xx", (200, 0, 260, 15), 0.99, 90),  # horizontal, even where nothing overlaps
    ]
    assert [w.text for w in merge_passes(upright, turned)] == ["MAPK1", "TP53"]


def test_merge_prefers_the_surer_reading_of_vertical_text() -> None:
    garbled = _word("PIK ase", (0, 0, 20, 100), 0.8, 0)
    clean = _word("PIK3CA kinase", (0, 0, 20, 101), 0.99, 90)
    assert merge_passes([garbled], [clean]) == [clean]
    assert merge_passes([clean.__class__("TP53", 0.99, (0, 0, 20, 100))], [garbled]) == [
        Word("TP53", 0.99, (0, 0, 20, 100))
    ]


def test_merge_never_overrides_a_horizontal_word() -> None:
    horizontal = _word("AKT", (10, 40, 50, 55), 0.6, 0)
    vertical = _word("AKT1", (20, 0, 35, 100), 0.99, 90)
    assert merge_passes([horizontal], [vertical]) == [horizontal]


@pytest.mark.parametrize(
    ("height", "width", "pieces"),
    [
        (960, 1280, 1),  # a typical figure's detector input: one window, the page itself
        (1280, 1280, 1),
        (960, 1920, 2),
        (2304, 2880, 6),
        (1690, 2880, 6),  # a side that is not a multiple of 32 keeps its odd end
        (96, 9600, 9),
    ],
)
def test_tiles_cover_the_page_once_in_windows_no_longer_than_the_side(
    height: int, width: int, pieces: int
) -> None:
    side, margin = 1280, 64
    found = tiles(height, width, side=side, margin=margin)
    assert len(found) == pieces
    assert sum((b - t) * (r - left) for (t, b, left, r), _ in found) == height * width
    for (top, bottom, left, right), (w_top, w_bottom, w_left, w_right) in found:
        assert w_bottom - w_top <= side and w_right - w_left <= side
        # The window holds the core and its margin where the page has one.
        assert w_top == max(0, top - margin) and w_bottom == min(height, bottom + margin)
        assert w_left == max(0, left - margin) and w_right == min(width, right + margin)
        inner = [v for v in (top, left, w_top, w_left) if v] + [
            v for v, end in ((bottom, height), (right, width)) if v != end
        ]
        assert all(v % 32 == 0 for v in inner)
    # Cores do not overlap: their areas add up to the page and no two share a pixel.
    cores = [core for core, _ in found]
    for i, a in enumerate(cores):
        for b in cores[i + 1 :]:
            assert min(a[1], b[1]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[2], b[2])


def test_tiles_need_a_core_inside_the_margins() -> None:
    with pytest.raises(ValueError, match="no core"):
        tiles(2000, 2000, side=128, margin=64)
