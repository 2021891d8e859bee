"""The box arithmetic and the two-pass merge rule, without running a model."""

from __future__ import annotations

import pytest

from pathfig.ocr.geometry import merge_passes, overlap, quad_to_box, unturn_box
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
