"""Where OCR's time goes: detection, recognition and the rest, with the models' arithmetic.

    .venv/bin/python benchmarks/ocr_profile.py [--n 60] [--threads 2] [--bench ../shared/bench]

Reads the first N real figures with the default engine (models loaded beforehand) and times
every call of the detector and of the recogniser. For each model it prints seconds per figure,
its input per figure (detector megapixels, recogniser columns of 48 px lines), the number of
distinct input shapes, the share of time spent in calls whose shape differs from the call
before (OpenVINO prepares its kernels again for those), and the arithmetic of those calls in
GFLOP (2 x the multiply-adds of every convolution and matrix product at each call's input
shape, the recogniser's last layer cut as the engine cuts it), hence the GFLOP per second that
this CPU achieved. Work divided by the achieved rate is what no batching or scheduling changes:
only less input, or a CPU with more arithmetic per cycle (bfloat16, AMX), makes OCR faster.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from PIL import Image

from pathfig.ocr import rapid
from pathfig.ocr.runtimes import cut_last_layer, kept_classes, models_folder

DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


@cache
def _model(name: str):
    import openvino as ov

    model = ov.Core().read_model(str(models_folder() / name))
    if name == rapid.REC_MODEL:
        characters = model.get_rt_info(["framework", "character"]).astype(str).splitlines()
        cut_last_layer(model, models_folder() / name, characters, kept_classes(characters))
    return model


@cache
def gflop(name: str, shape: tuple[int, ...]) -> float:
    """Arithmetic of one call of model ``name`` on an input of ``shape``, in GFLOP."""
    if shape[0] != 2:
        # Linear in the batch; counted at 2 because the recogniser's graph, reshaped to a batch
        # of 1, leaves some shapes dynamic.
        return shape[0] * gflop(name, (2, *shape[1:])) / 2
    model = _model(name).clone()
    model.reshape({model.inputs[0]: list(shape)})
    total = 0
    for op in model.get_ordered_ops():
        kind = op.get_type_name()
        if kind not in ("Convolution", "GroupConvolution", "MatMul"):
            continue
        outputs = int(np.prod(list(op.get_output_shape(0))))
        weights = list(op.input_value(1).get_shape())
        if kind == "Convolution":  # weights: out channels, in channels, kernel
            per_output = int(np.prod(weights[1:]))
        elif kind == "GroupConvolution":  # weights: groups, out, in per group, kernel
            per_output = int(np.prod(weights[3:])) * weights[2]
        else:
            per_output = list(op.input_value(0).get_shape())[-1]
            if op.get_attributes().get("transpose_a"):
                per_output = list(op.input_value(0).get_shape())[-2]
        total += 2 * outputs * per_output
    return total / 1e9


class TimedModel:
    """A model session that records the shape and duration of every call."""

    def __init__(self, session, name: str) -> None:
        self._session = session
        self.name = name
        self.characters = getattr(session, "characters", [])
        self.calls: list[tuple[tuple[int, ...], float]] = []

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        started = time.perf_counter()
        out = self._session(batch)
        self.calls.append((batch.shape, time.perf_counter() - started))
        return out


def report(model: TimedModel, figures: int, unit: str) -> None:
    seconds = sum(s for _, s in model.calls)
    if unit == "MP":
        amount = sum(shape[0] * shape[2] * shape[3] for shape, _ in model.calls) / 1e6
    else:
        amount = float(sum(shape[0] * shape[3] for shape, _ in model.calls))
    work = sum(gflop(model.name, shape) for shape, _ in model.calls)
    changed = [s for (before, _), (shape, s) in pairwise(model.calls) if shape != before]
    shapes = Counter(shape for shape, _ in model.calls)
    digits = 2 if unit == "MP" else 0
    print(
        f"{model.name}: {seconds / figures:.3f} s per figure, "
        f"{amount / figures:,.{digits}f} {unit} and "
        f"{work / figures:.1f} GFLOP per figure ({work / seconds:.0f} GFLOP/s achieved), "
        f"{len(model.calls) / figures:.1f} calls, {len(shapes)} shapes, "
        f"{sum(changed) / seconds:.0%} of the time in calls of a new shape"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--n", type=int, default=60, help="real figures to read")
    parser.add_argument("--threads", type=int, default=2, help="threads of one reading")
    args = parser.parse_args()
    images = sorted((args.bench / "real" / "images").glob("*.jpg"))[: args.n]

    engine = rapid.RapidOcrEngine(threads=args.threads)
    engine.read(Image.new("RGB", (64, 32), "white"))  # loads the models
    # The engine's sessions, replaced by timed ones: private, but this is a profiler.
    models = engine._load()
    models._det = detector = TimedModel(models._det, rapid.DET_MODEL)
    models._rec = recogniser = TimedModel(models._rec, rapid.REC_MODEL)
    total = 0.0
    for path in images:
        with Image.open(path) as image:
            image.load()
            started = time.perf_counter()
            engine.read(image)
            total += time.perf_counter() - started

    n = len(images)
    print(f"{n} real figures, {args.threads} threads, engine {engine.version}")
    print(f"OCR: {total / n:.3f} s per figure")
    report(detector, n, "MP")
    report(recogniser, n, "columns")
    rest = total - sum(s for _, s in detector.calls + recogniser.calls)
    print(f"the rest (crops, boxes, decoding): {rest / n:.3f} s per figure")


if __name__ == "__main__":
    main()
