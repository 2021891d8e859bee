"""The shapes of the models' inputs: the detector's page size and padding, the recogniser's
batches. Few shapes recur, because OpenVINO prepares its kernels again for each new one."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

GENES = ["MAPK1", "TP53", "EGFR", "STAT3", "AKT1", "PTEN", "KRAS", "BRAF"]


@pytest.mark.parametrize(
    ("ratios", "expected"),
    [
        ([1.0] * 10, [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9]]),  # short labels: 8 at a time
        ([3.0, 1.0, 2.0], [[1, 2, 0]]),  # by aspect ratio, so a batch pads little
        ([26.0] * 9, [[0, 1, 2, 3, 4, 5, 6, 7], [8]]),  # 8 x 1,280 columns still fit
        ([1.0, 60.0, 60.0, 60.0, 60.0], [[0, 1, 2], [3, 4]]),  # 3 lines of 2,880 px fit, 4 do not
        ([500.0], [[0]]),  # a line wider than the budget goes alone
    ],
)
def test_recognition_batches_hold_at_most_8_lines_and_10240_columns(
    ratios: list[float], expected: list[list[int]]
) -> None:
    from pathfig.ocr.inputs import batches

    assert batches(ratios) == expected


@pytest.mark.parametrize(
    ("height", "width", "size"),
    [
        (540, 720, (1280, 960)),  # a typical figure: short side to 960, one window
        (323, 600, (1792, 960)),  # a wide one: windowed (1.7 megapixels of input)
        (2200, 3000, (2880, 2112)),  # long side capped at 2880, windowed
        (50, 200, (2560, 640)),  # a banner magnified 12.8x: one window's area, not windowed
    ],
)
def test_detector_input_size(height: int, width: int, size: tuple[int, int]) -> None:
    from pathfig.ocr.inputs import det_size

    assert det_size(height, width) == size


@pytest.mark.parametrize(
    ("height", "width", "padded"),
    [
        (960, 1280, (960, 1280)),  # a typical 4:3 figure: already a bucket
        (960, 1312, (960, 1536)),
        (928, 960, (960, 960)),  # a side under 960 goes to 960, the figures' short side
        (608, 1088, (768, 1280)),
        (1088, 960, (1280, 960)),
        (1280, 1280, (1280, 1280)),  # the largest window stays as it is
        (960, 1696, (960, 1792)),  # 1.72 MP: within the cap
        (544, 2880, (544, 2880)),  # padding would make it 2.4 MP: left as it is
        (32, 32, (256, 256)),
    ],
)
def test_detector_inputs_are_padded_to_a_few_shapes(
    height: int, width: int, padded: tuple[int, int]
) -> None:
    from pathfig.ocr.inputs import det_padded_shape

    assert det_padded_shape(height, width) == padded


def _labelled_page(width: int, height: int) -> tuple[Image.Image, set[str]]:
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=16)
    labels = set()
    for i, gene in enumerate(GENES):
        # Labels near the right and bottom edges too, where the padding starts.
        x = 10 + (i % 4) * (width - 90) // 3
        y = 10 + (i // 4) * (height - 40)
        draw.text((x, y), gene, font=font, fill="black")
        labels.add(gene)
    return page, labels


def test_pages_of_many_sizes_share_a_few_detector_shapes_and_read_to_their_edges() -> None:
    from pathfig.ocr.rapid import RapidOcrEngine

    engine = RapidOcrEngine()
    models = engine._load()
    shapes = []
    run = models._det
    models._det = lambda batch: shapes.append(batch.shape) or run(batch)
    sizes = [(712, 500), (760, 540), (800, 560), (840, 560), (850, 540)]
    for width, height in sizes:
        page, labels = _labelled_page(width, height)
        assert {w.text for w in engine.read(page)} == labels, (width, height)
    # Five page sizes (inputs 960 high, 1,344-1,504 wide): one padded shape.
    assert len(shapes) == len(sizes)
    assert set(shapes) == {(1, 3, 960, 1536)}


def test_padding_is_white_and_leaves_the_page_as_it_was() -> None:
    from pathfig.ocr.inputs import WHITE, det_input

    pixels = np.random.default_rng(7).integers(0, 256, (300, 400, 3), dtype=np.uint8)
    plain = det_input(pixels)
    _, _, height, width = plain.shape
    padded = det_input(pixels, shape=(height + 64, width + 96))
    assert padded.flags.c_contiguous
    assert np.array_equal(padded[:, :, :height, :width], plain)
    assert (padded[:, :, height:, :] == WHITE).all()
    assert (padded[:, :, :, width:] == WHITE).all()
    turned = det_input(pixels, turned=True, shape=(width + 32, height))
    assert np.array_equal(turned[:, :, :width, :], np.rot90(plain, k=-1, axes=(2, 3)))


def test_recognition_batches_are_padded_to_widths_in_steps_of_64() -> None:
    from pathfig.ocr.inputs import REC_MIN_WIDTH, REC_WIDTH_STEP
    from pathfig.ocr.rapid import RapidOcrEngine

    models = RapidOcrEngine()._load()
    widths = []
    run = models._rec
    recorded = lambda batch: widths.append(batch.shape[3]) or run(batch)  # noqa: E731
    recorded.characters = run.characters
    models._rec = recorded
    lines = []
    for text in ["TP53", "MAPK1 signalling", "PIK3CA AKT1 MTOR axis", "EGFR"]:
        line = Image.new("RGB", (20 + 11 * len(text), 30), "white")
        ImageDraw.Draw(line).text((5, 4), text, font=ImageFont.load_default(size=18), fill="black")
        lines.append(np.asarray(line))
    readings = models.recognise(lines)
    assert [text for text, _ in readings] == [
        "TP53",
        "MAPK1 signalling",
        "PIK3CA AKT1 MTOR axis",
        "EGFR",
    ]
    assert widths and all(w % REC_WIDTH_STEP == 0 and w >= REC_MIN_WIDTH for w in widths)
