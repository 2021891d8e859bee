"""The rapidocr engine on rendered and real images (real models, a handful of images)."""

from __future__ import annotations

import csv
import platform
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pathfig.errors import PathfigError
from pathfig.ocr import get_engine
from pathfig.records import Word

FIGID = "PMC3157269__ijbsv07p0947g03"
FONT = ImageFont.load_default(size=28)
# The detector's box pads the ink by about a third of the text height on each side (its
# "unclip" step), so edges may sit ~10 px out for 28 px text; centres must agree closely.
EDGE_TOLERANCE = 10
CENTRE_TOLERANCE = 4


def _ink_box(text: str) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The text drawn on its own white strip, and where its ink lies on the strip."""
    strip = Image.new("RGB", (300, 40), "white")
    draw = ImageDraw.Draw(strip)
    draw.text((5, 2), text, font=FONT, fill="black")
    return strip, draw.textbbox((5, 2), text, font=FONT)


def _find(words: list[Word], text: str) -> Word:
    matches = [w for w in words if w.text == text]
    assert matches, f"{text!r} not read; read {[w.text for w in words]}"
    return matches[0]


def _assert_near(box: tuple[float, ...], ink: tuple[int, ...]) -> None:
    edges = all(abs(a - b) <= EDGE_TOLERANCE for a, b in zip(box, ink, strict=True))
    centre_x = abs((box[0] + box[2]) - (ink[0] + ink[2])) / 2
    centre_y = abs((box[1] + box[3]) - (ink[1] + ink[3])) / 2
    assert edges and max(centre_x, centre_y) <= CENTRE_TOLERANCE, (box, ink)


@pytest.fixture(scope="module")
def rendered() -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A canvas with one horizontal label and two vertical ones, each way round."""
    canvas = Image.new("RGB", (700, 500), "white")
    where: dict[str, tuple[int, int, int, int]] = {}

    strip, (x0, y0, x1, y1) = _ink_box("MAPK1 signalling")
    canvas.paste(strip, (60, 40))
    where["MAPK1 signalling"] = (60 + x0, 40 + y0, 60 + x1, 40 + y1)

    # Turned counter-clockwise: reads bottom to top, like a y-axis label.
    strip, (x0, y0, x1, y1) = _ink_box("PIK3CA kinase")
    canvas.paste(strip.rotate(90, expand=True), (500, 150))
    where["PIK3CA kinase"] = (500 + y0, 150 + 300 - x1, 500 + y1, 150 + 300 - x0)

    # Turned clockwise: reads top to bottom.
    strip, (x0, y0, x1, y1) = _ink_box("TP53 BRCA2")
    canvas.paste(strip.rotate(-90, expand=True), (100, 150))
    where["TP53 BRCA2"] = (100 + 40 - y1, 150 + x0, 100 + 40 - y0, 150 + x1)
    return canvas, where


def test_reads_horizontal_and_vertical_text_where_it_was_drawn(rendered) -> None:
    canvas, where = rendered
    words = get_engine().read(canvas)
    for text, box in where.items():
        word = _find(words, text)
        _assert_near(word.box, box)
        assert 0.9 <= word.confidence <= 1.0
    assert _find(words, "MAPK1 signalling").rotation == 0
    # Bottom-to-top text only reads right in the turned pass.
    assert _find(words, "PIK3CA kinase").rotation == 90
    assert len(words) == 3


def test_transparent_background_reads_as_white() -> None:
    # Black ink on a transparent (black) background: unreadable unless composited on white.
    image = Image.new("RGBA", (200, 50), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((10, 5), "STAT3", font=FONT, fill=(0, 0, 0, 255))
    assert [w.text for w in get_engine().read(image)] == ["STAT3"]


def test_blank_image_has_no_words() -> None:
    assert get_engine().read(Image.new("L", (200, 100), 255)) == []


def test_real_figure(shared: Path) -> None:
    path = shared / "bench" / "real" / "images" / f"{FIGID}.jpg"
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    words = get_engine().read(image)

    assert len(words) > 20
    width, height = image.size
    for word in words:
        x0, y0, x1, y1 = word.box
        assert 0 <= x0 <= x1 <= width and 0 <= y0 <= y1 <= height, word
        assert 0.0 <= word.confidence <= 1.0, word
        assert word.text == word.text.strip() and word.text
        assert word.rotation in (0, 90)

    with (shared / "bench" / "real" / "pfocr_genes.tsv").open(newline="") as handle:
        silver = {
            r["word"].upper() for r in csv.DictReader(handle, delimiter="\t") if r["figid"] == FIGID
        }
    read = {w.text.upper() for w in words}
    assert len(silver & read) >= 8, (sorted(silver), sorted(read))


def test_factory_memoises_and_rejects_unknown_names() -> None:
    assert get_engine() is get_engine("rapidocr")
    assert get_engine(threads=1) is get_engine("rapidocr", threads=1)
    assert get_engine(threads=1) is not get_engine()
    with pytest.raises(PathfigError, match="rapidocr"):
        get_engine("tesseract")


def test_version_is_a_stable_cache_key() -> None:
    engine = get_engine()
    assert engine.name == "rapidocr"
    assert engine.version == get_engine(threads=2).version
    assert "rapidocr-" in engine.version and "PP-OCRv6_det_small" in engine.version


def test_importing_the_stage_loads_no_model() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pathfig.ocr; pathfig.ocr.get_engine();"
        "print(*(m in sys.modules for m in ('rapidocr', 'onnxruntime', 'openvino')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_openvino_engine_reads_without_onnxruntime_and_names_a_missing_openvino() -> None:
    import subprocess
    import sys

    read = (
        "import sys; from PIL import Image; from pathfig.ocr import get_engine;"
        "get_engine().read(Image.new('RGB', (64, 32), 'white'));"
        "print('onnxruntime' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", read], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]

    missing = "import sys; sys.modules['openvino'] = None;" + read
    out = subprocess.run([sys.executable, "-c", missing], capture_output=True, text=True)
    assert out.returncode != 0
    assert "PATHFIG_OCR_RUNTIME=onnxruntime" in out.stderr, out.stderr


def test_single_detection_pass_reads_vertical_text_both_ways(rendered) -> None:
    # Without the turned page's detection: the 0° boxes of vertical labels are recognised
    # turned both ways and the surer reading is kept.
    from pathfig.ocr.rapid import RapidOcrEngine

    canvas, where = rendered
    words = RapidOcrEngine(turned_detection=False).read(canvas)
    for text, box in where.items():
        word = _find(words, text)
        _assert_near(word.box, box)
        assert 0.9 <= word.confidence <= 1.0
    assert _find(words, "MAPK1 signalling").rotation == 0
    assert _find(words, "PIK3CA kinase").rotation == 90  # bottom to top: read turned clockwise
    assert _find(words, "TP53 BRCA2").rotation == 0  # top to bottom: turned counter-clockwise
    assert len(words) == 3


def test_tall_boxes_are_recognised_turned_both_ways() -> None:
    from pathfig.ocr.rapid import _candidates

    page = np.full((200, 200, 3), 255, dtype=np.uint8)

    def turns(x0: int, y0: int, x1: int, y1: int) -> list[int]:
        quad = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)
        return [c.turn for c in _candidates(page, quad, 0)]

    assert turns(10, 10, 110, 30) == [0]  # wide: as it is
    assert turns(10, 10, 30, 110) == [1, -1]  # tall: counter-clockwise and clockwise
    assert turns(10, 10, 30, 35) == [0, 1, -1]  # a little taller than wide: all three


def test_old_turned_pass_is_still_available(rendered) -> None:
    from pathfig.ocr.rapid import RapidOcrEngine

    canvas, where = rendered
    engine = RapidOcrEngine(turned_pass=True)
    assert "+turned" in engine.version
    assert {w.text for w in engine.read(canvas)} == set(where)


def test_runtime_is_part_of_the_version_and_checked() -> None:
    from pathfig.ocr.rapid import RapidOcrEngine
    from pathfig.ocr.runtimes import openvino_precision

    default = RapidOcrEngine().version
    assert "+openvino+" in default
    assert openvino_precision() in ("bf16", "f32")
    onnx = RapidOcrEngine(runtime="onnxruntime").version
    assert "openvino" not in onnx and onnx != default
    with pytest.raises(PathfigError, match="tensorflow"):
        RapidOcrEngine(runtime="tensorflow")
    with pytest.raises(PathfigError, match="tensorflow"):
        get_engine(runtime="tensorflow")


@pytest.mark.parametrize("runtime", ["openvino", "onnxruntime"])
def test_each_runtime_reads_the_rendered_labels(rendered, runtime: str) -> None:
    canvas, where = rendered
    words = get_engine(runtime=runtime).read(canvas)
    for text, box in where.items():
        _assert_near(_find(words, text).box, box)
    assert len(words) == 3


def _vertical_labels(count: int) -> Image.Image:
    canvas = Image.new("RGB", (800, 500), "white")
    strip, _ = _ink_box("MAPK1 signalling")
    canvas.paste(strip, (40, 20))
    for i, text in enumerate(
        ["PIK3CA kinase", "TP53 BRCA2", "EGFR ligand", "STAT3 target"][:count]
    ):
        canvas.paste(_ink_box(text)[0].rotate(90, expand=True), (120 + 150 * i, 120))
    return canvas


@pytest.mark.parametrize(("labels", "detections"), [(0, 1), (2, 1), (3, 2), (4, 2)])
def test_turned_page_is_detected_only_when_the_page_has_vertical_text(
    labels: int, detections: int
) -> None:
    from pathfig.ocr.rapid import RapidOcrEngine

    engine = RapidOcrEngine()
    models = engine._load()
    calls = []
    detect = models.detect
    models.detect = lambda pixels, turned=False: (
        calls.append(turned) or detect(pixels, turned=turned)
    )
    words = engine.read(_vertical_labels(labels))
    assert calls == [False, True][:detections]
    assert sum(w.rotation == 90 for w in words) == labels


def test_openvino_keeps_compiled_models_for_the_next_process(tmp_path: Path, rendered) -> None:
    from pathfig.ocr.rapid import RapidOcrEngine

    canvas, where = rendered
    first = RapidOcrEngine(compiled_cache=tmp_path / "openvino")
    first.read(canvas)
    blobs = list((tmp_path / "openvino").iterdir())
    assert len(blobs) >= 2  # the detector and the recogniser
    again = RapidOcrEngine(compiled_cache=tmp_path / "openvino")
    assert {w.text for w in again.read(canvas)} == set(where)
    assert sorted((tmp_path / "openvino").iterdir()) == sorted(blobs)


@pytest.mark.parametrize(
    ("characters", "classes"),
    [
        (["a", "β", "→"], [0, 1, 2, 3, 4]),  # blank, the three, space
        (["一", "1", "人", "κ"], [0, 2, 4, 5]),
        (["ア", "㐀"], [0, 3]),
        (["〜", "~"], [0, 2, 3]),  # U+301C is in the CJK symbols block, U+007E is not
    ],
)
def test_recogniser_keeps_every_class_before_the_cjk_blocks(
    characters: list[str], classes: list[int]
) -> None:
    from pathfig.ocr.runtimes import kept_classes

    assert kept_classes(characters) == classes


def test_a_recogniser_whose_classes_do_not_match_its_characters_is_refused() -> None:
    from pathfig.ocr.runtimes import check_classes

    check_classes(Path("rec.onnx"), ["a", "b"], 4)
    with pytest.raises(PathfigError, match=r"rec\.onnx has 3 output classes but 2 characters"):
        check_classes(Path("rec.onnx"), ["a", "b"], 3)


def test_both_runtimes_recognise_the_same_characters_with_the_same_confidence() -> None:
    from pathfig.ocr.rapid import RapidOcrEngine
    from pathfig.ocr.runtimes import FIRST_CJK_CODE_POINT

    engines = [RapidOcrEngine(runtime=r) for r in ("openvino", "onnxruntime")]
    openvino, onnx = (e._load()._rec.characters for e in engines)
    assert openvino == onnx
    assert {"α", "β", "κ", "γ", "→", "A", "z", "0", "-"} <= set(openvino)
    assert max(map(ord, openvino)) < FIRST_CJK_CODE_POINT
    # The dictionary minus its 16,960 CJK characters.
    assert 1_500 < len(openvino) < 2_000
    strip, _ = _ink_box("NFKB1 p65")
    lines = [e.read_line(strip) for e in engines]
    assert [line.text for line in lines] == ["NFKB1 p65"] * 2
    # bf16 against f32 arithmetic: close, not equal.
    assert abs(lines[0].confidence - lines[1].confidence) < 0.02


@pytest.mark.parametrize("runtime", ["openvino", "onnxruntime"])
def test_readers_read_side_by_side_and_read_the_same(rendered, runtime: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from pathfig.ocr.rapid import RapidOcrEngine

    canvas, where = rendered
    engine = RapidOcrEngine(threads=1, readers=2, runtime=runtime)
    with ThreadPoolExecutor(2) as pool:
        readings = list(pool.map(engine.read, [canvas] * 4))
    assert all(words == readings[0] for words in readings)
    assert {w.text for w in readings[0]} == set(where)
    if runtime == "openvino":
        # Each reader has a stream of its own; one stream would run the readings in turn.
        models = engine._load()
        assert models._det._compiled.get_property("NUM_STREAMS") == 2
        assert RapidOcrEngine(threads=1).version == engine.version


GENES = ["MAPK1", "TP53", "EGFR", "STAT3", "AKT1", "PTEN", "KRAS", "BRAF", "MTOR", "JAK2", "MYC"]


def test_a_large_page_is_detected_in_windows_and_reads_across_their_seams() -> None:
    from pathfig.ocr.inputs import DET_TILE_SIDE
    from pathfig.ocr.rapid import RapidOcrEngine

    # 3000 x 2200 px: the detector input is 2880 x 2112, cut into 3 x 2 windows whose seams lie
    # at x = 1000 and 2000 and y = 1100 in page pixels. A grid of 154 labels, rows shifted so
    # that labels cross the seams at different points.
    canvas = Image.new("RGB", (3000, 2200), "white")
    where: dict[str, tuple[int, int, int, int]] = {}
    for row in range(14):
        for col in range(11):
            text = f"{GENES[len(where) % len(GENES)]} {len(where)}"
            x, y = 40 + col * 265 + (row % 3) * 40, 30 + row * 155
            strip, (x0, y0, x1, y1) = _ink_box(text)
            canvas.paste(strip.crop((0, 0, 200, 40)), (x, y))
            where[text] = (x + x0, y + y0, x + x1, y + y1)
    across = [
        t
        for t, (x0, y0, x1, y1) in where.items()
        if x0 < 1000 < x1 or x0 < 2000 < x1 or y0 < 1100 < y1
    ]

    engine = RapidOcrEngine()
    models = engine._load()
    shapes = []
    run = models._det
    models._det = lambda batch: shapes.append(batch.shape) or run(batch)
    words = {w.text.replace(" ", ""): w for w in engine.read(canvas)}

    assert len(shapes) == 6
    assert all(max(shape[2:]) <= DET_TILE_SIDE for shape in shapes)
    # A window's map is not exactly the page's (the detector's output depends on its whole
    # input), so a few labels may read differently from the page read whole; none may be lost
    # at a seam.
    read = [t for t in where if t.replace(" ", "") in words]
    assert len(read) >= 0.97 * len(where), sorted(set(where) - set(read))
    assert len(across) >= 10
    assert all(t in read for t in across), sorted(set(across) - set(read))
    for text in read:
        box = words[text.replace(" ", "")].box
        assert all(abs(a - b) <= 2 * EDGE_TOLERANCE for a, b in zip(box, where[text], strict=True))


# Frees ten 8 MB blocks, each followed on the heap by a 1 MB block that stays, after freeing a
# 30 MB block (which raises glibc's default threshold for its own mappings to 30 MB), and
# prints how many MB the process still holds for them.
_HELD_AFTER_FREEING = """
import sys
import numpy as np
if sys.argv[1] == "engine":
    from pathfig.ocr.runtimes import return_large_blocks
    print(return_large_blocks())
def rss():
    status = open("/proc/self/status").read().split("VmRSS:")[1]
    return int(status.split()[0]) // 1024
del_me = np.ones(30 << 20, np.uint8)
del del_me
before = rss()
pairs = [(np.ones(8 << 20, np.uint8), np.ones(1 << 20, np.uint8)) for _ in range(10)]
kept = [small for _, small in pairs]
del pairs
print(rss() - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")
def test_the_engine_makes_freed_large_blocks_go_back_to_the_system() -> None:
    import os
    import subprocess
    import sys

    def held(mode: str, **env: str) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", _HELD_AFTER_FREEING, mode],
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")} | env,
        )
        return out.stdout.split()

    (plain,) = held("plain")
    assert int(plain) >= 70  # glibc's default keeps the freed 8 MB blocks
    returned, engine = held("engine")
    assert returned == "True" and int(engine) <= 20  # the ten 1 MB blocks
    # An operator's own setting wins.
    assert held("engine", MALLOC_MMAP_THRESHOLD_="65536")[0] == "False"


@pytest.mark.parametrize(
    ("quad", "most_off"),
    [
        ([[10, 20], [110, 20], [110, 50], [10, 50]], 0),  # on pixel centres: the same pixels
        ([[33.5, 47.25], [200.75, 60.5], [198.0, 90.0], [31.0, 77.0]], 1),  # rounding only
    ],
)
def test_a_quad_of_the_turned_page_crops_the_page_as_the_turned_page(quad, most_off: int) -> None:
    from pathfig.ocr.geometry import unturn_quad
    from pathfig.ocr.rapid import _crop

    page = np.random.default_rng(0).integers(0, 256, (300, 500, 3), dtype=np.uint8)
    turned = np.ascontiguousarray(np.rot90(page, k=-1))
    quad = np.array(quad, dtype=np.float32)
    expected = _crop(turned, quad).astype(int)
    crop = _crop(page, unturn_quad(quad, page.shape[0]))
    assert crop.shape == expected.shape
    assert np.abs(crop - expected).max() == most_off


def test_the_turned_page_is_detected_without_turning_the_page(rendered) -> None:
    from pathfig.ocr.inputs import rgb_pixels
    from pathfig.ocr.rapid import RapidOcrEngine

    canvas, _ = rendered
    page = rgb_pixels(canvas)
    models = RapidOcrEngine()._load()
    expected = models.detect(np.ascontiguousarray(np.rot90(page, k=-1)))
    quads = models.detect(page, turned=True)
    assert len(quads) == len(expected) >= 3  # each label, lying down in the turned page
    assert all(np.abs(q - e).max() <= 2 for q, e in zip(quads, expected, strict=True))


@pytest.mark.parametrize(("side", "most_at_once"), [(1000, 2), (4100, 1)])
def test_readers_read_pages_over_16_megapixels_one_at_a_time(side: int, most_at_once: int) -> None:
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from pathfig.ocr.rapid import RapidOcrEngine

    engine = RapidOcrEngine(threads=1, readers=2)
    reading, most, count = threading.Lock(), [0], [0]

    def read(image: Image.Image) -> list[Word]:  # stands in for the reading itself
        with reading:
            count[0] += 1
            most[0] = max(most[0], count[0])
        time.sleep(0.2)
        with reading:
            count[0] -= 1
        return []

    engine._read = read
    page = Image.new("RGB", (side, side), "white")
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(engine.read, [page] * 4))
    assert most[0] == most_at_once


@pytest.mark.parametrize("size", [(40, 30), (1500, 1000), (3000, 700)])
def test_a_page_becomes_its_own_rgb_pixels_band_by_band(size: tuple[int, int]) -> None:
    from pathfig.ocr.inputs import BAND_PIXELS, rgb_pixels

    width, height = size
    noise = np.random.default_rng(1).integers(0, 256, (height, width, 3), dtype=np.uint8)
    pixels = rgb_pixels(Image.fromarray(noise))
    assert np.array_equal(pixels, noise)
    assert (width * height > BAND_PIXELS) == (size != (40, 30))  # large ones go in bands
