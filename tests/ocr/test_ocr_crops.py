"""Reading one-label crops: line grouping without a model, and a rendered crop with one."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from pathfig.ocr import get_engine
from pathfig.ocr.crops import read_crop, stacked_lines
from pathfig.records import Word

FONT = ImageFont.load_default(size=20)


def test_stacked_lines_groups_top_to_bottom_then_left_to_right() -> None:
    words = [
        Word("synthesis", 0.9, (10, 30, 80, 45)),
        Word("neo-", 0.9, (60, 5, 90, 20)),
        Word("protein", 0.9, (5, 6, 55, 21)),
    ]
    lines = stacked_lines(words)
    assert [[w.text for w in line] for line in lines] == [["protein", "neo-"], ["synthesis"]]


def test_stacked_lines_refuses_vertical_words() -> None:
    assert stacked_lines([Word("TP53", 0.9, (0, 0, 10, 40)), Word("x", 0.9, (0, 50, 20, 60))]) == []


def _label(lines: list[str]) -> Image.Image:
    image = Image.new("RGB", (160, 10 + 26 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((6, 4 + 26 * i), line, font=FONT, fill="black")
    return image


def test_two_line_label_is_read_whole() -> None:
    assert read_crop(_label(["Cell", "migration"]), get_engine()) == "Cell migration"


def test_vertical_label_is_read_turned() -> None:
    upward = _label(["PIK3CA"]).crop((0, 0, 90, 36)).rotate(90, expand=True)
    assert read_crop(upward, get_engine()) == "PIK3CA"
    downward = _label(["PIK3CA"]).crop((0, 0, 90, 36)).rotate(-90, expand=True)
    assert read_crop(downward, get_engine()) == "PIK3CA"
