"""The runtimes that run the OCR models: OpenVINO (default) and onnxruntime.

A session wraps one model for one runtime and is called with a batch, from any thread. For the
recogniser, a session computes only the characters pathfig reads (:func:`kept_classes`) and
lists them in ``characters``.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import threading
from functools import cache
from pathlib import Path

import numpy as np

from pathfig.errors import PathfigError

# The recogniser's dictionary holds 18,708 characters, 16,960 of them Chinese, Japanese and
# Korean (from U+3000 on). Pathway figures in the literature pathfig reads are written in the
# characters before that point: Latin, Greek, digits, punctuation, arrows and other symbols. The
# recogniser computes only those classes (its last layer cut to them), which takes 38% off its
# time. On the 150 real figures 108 of 7,566 lines read differently, most of them a CJK
# misreading gone ('一' for '1', '个' for '↑'); crops accuracy and the recall proxy are unchanged
# (docs/benchmarks.md).
FIRST_CJK_CODE_POINT = 0x3000


def open_session(
    runtime: str,
    path: Path,
    *,
    threads: int = 0,
    readers: int = 1,
    compiled_cache: Path | None = None,
    recogniser: bool = False,
) -> OnnxSession | OpenVinoSession:
    """``path``'s model on ``runtime``, ``threads`` per reading (0: the runtime decides) for
    ``readers`` callers at once."""
    if runtime == "openvino":
        return OpenVinoSession(path, threads, readers, compiled_cache, recogniser=recogniser)
    return OnnxSession(path, threads, recogniser=recogniser)


# glibc serves an allocation this large or larger from its own mapping, returned to the system
# when freed. Its default threshold rises to the size of the largest block freed (up to 32 MB),
# after which a large page's pixels, windows and runtime buffers land on the heap and stay
# there. Fixed at 4 MB, two readers over the ten largest WikiPathways pages (10-20 MP) end at
# RSS 1,164 MB (peak 1,830 MB) instead of 1,923 MB (peak 2,230 MB) (docs/benchmarks.md).
MMAP_THRESHOLD = 4 * 1024 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h


@cache
def return_large_blocks() -> bool:
    """Make glibc give large freed blocks back to the system at once, for this whole process.

    Returns whether it did: not where the C library is not glibc, nor where the operator set
    glibc's own ``MALLOC_MMAP_THRESHOLD_``.
    """
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1


def models_folder() -> Path:
    """rapidocr's folder of models, found without importing rapidocr."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise PathfigError("rapidocr, which supplies the OCR models, is not installed")
    return Path(spec.origin).parent / "models"


def kept_classes(characters: list[str]) -> list[int]:
    """The recogniser's output classes to compute: CTC blank, characters before the CJK
    blocks, and the space class after the characters (class 1 + i is ``characters[i]``)."""
    return [
        0,
        *(1 + i for i, c in enumerate(characters) if ord(c[0]) < FIRST_CJK_CODE_POINT),
        len(characters) + 1,
    ]


def check_classes(path: Path, characters: list[str], classes: int | None) -> None:
    if classes != len(characters) + 2:
        raise PathfigError(
            f"recognition model {path.name} has {classes} output classes but "
            f"{len(characters)} characters (+ blank and space); reinstall rapidocr"
        )


class OnnxSession:
    # Concurrent calls need nothing more: onnxruntime runs each in its caller's thread, with
    # ``threads`` of its pool.
    def __init__(self, path: Path, threads: int, *, recogniser: bool = False) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 4
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads > 0:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle worker threads sleep instead of spinning: on a loaded machine (a pipeline with
        # other stages, or other processes) spinning burns CPU that the work itself needs.
        # Measured: detector at 960 px 0.28-0.34 s CPU without spinning, 0.41-0.43 s with.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        self._classes: list[int] | None = None
        self.characters: list[str] = []
        if recogniser:
            characters = self._session.get_modelmeta().custom_metadata_map["character"]
            characters = characters.splitlines()
            check_classes(path, characters, self._session.get_outputs()[0].shape[-1])
            self._classes = kept_classes(characters)
            self.characters = [characters[c - 1] for c in self._classes[1:-1]]

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        out = self._session.run(None, {self._input: batch})[0]
        if self._classes is None:
            return out
        # onnxruntime cannot cut the model's last layer; the kept classes' probabilities,
        # renormalised, are the softmax over those classes alone, as OpenVINO computes it.
        kept = out[:, :, self._classes]
        return kept / kept.sum(axis=2, keepdims=True)


class OpenVinoSession:
    def __init__(
        self,
        path: Path,
        threads: int,
        readers: int,
        compiled_cache: Path | None,
        *,
        recogniser: bool = False,
    ) -> None:
        precision = openvino_precision()  # first: a clear error when openvino is missing
        import openvino as ov

        core = ov.Core()
        if compiled_cache is not None:
            # OpenVINO keys each blob on the model, the config and its own version.
            compiled_cache.mkdir(parents=True, exist_ok=True)
            core.set_property({"CACHE_DIR": str(compiled_cache)})
        config: dict = {
            "PERFORMANCE_HINT": "LATENCY",
            "INFERENCE_PRECISION_HINT": precision,
            # Unpinned: pinned threads wait whenever another process holds their core, which
            # on a loaded machine doubled the wall time (measured at load 4-5).
            "ENABLE_CPU_PINNING": False,
            # No cache of compiled kernels per input shape: every figure and every batch of
            # lines has its own shape, and the cache grew a worker from 1.4 GB to 2.1 GB over
            # 150 real figures, still rising; without it RSS stays at 1.39 GB (6% more CPU).
            "CPU_RUNTIME_CACHE_CAPACITY": 0,
        }
        if readers > 1:
            # One stream per reader: a stream runs one request at a time, so readers sharing
            # one would queue. Measured on 2 cores, detector at 1280x960: two readers on two
            # one-thread streams 101 ms per image, on one two-thread stream 130 ms.
            config["PERFORMANCE_HINT"] = "THROUGHPUT"
            config["NUM_STREAMS"] = readers
        if threads > 0:
            config["INFERENCE_NUM_THREADS"] = threads * readers
        model = core.read_model(str(path))
        self.characters: list[str] = []
        if recogniser:
            # OpenVINO keeps the ONNX metadata: no onnxruntime session just to read it.
            characters = model.get_rt_info(["framework", "character"]).astype(str).splitlines()
            classes = kept_classes(characters)
            cut_last_layer(model, path, characters, classes)
            self.characters = [characters[c - 1] for c in classes[1:-1]]
        self._compiled = core.compile_model(model, "CPU", config)
        self._local = threading.local()

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        # One infer request per thread: a request is not safe to share between threads.
        request = getattr(self._local, "request", None)
        if request is None:
            request = self._local.request = self._compiled.create_infer_request()
        # The input is read in place (the caller keeps it until this returns); the output is
        # already the caller's own copy.
        return request.infer({0: batch}, share_inputs=True)[0]


def cut_last_layer(model, path: Path, characters: list[str], classes: list[int]) -> None:
    """Keep only ``classes`` of the recogniser's final MatMul + Add before its softmax."""
    from openvino import opset13

    def producer(node):
        while node.get_type_name() in ("Identity", "Convert"):
            node = node.input_value(0).get_node()
        return node

    softmax = model.get_results()[0].input_value(0).get_node()
    add = producer(softmax.input_value(0).get_node())
    matmul = producer(add.input_value(0).get_node()) if add.get_type_name() == "Add" else add
    if (softmax.get_type_name(), add.get_type_name(), matmul.get_type_name()) != (
        "Softmax",
        "Add",
        "MatMul",
    ):
        raise PathfigError(f"recognition model {path.name} does not end in MatMul, Add, Softmax")
    weights = matmul.input_value(1).get_node()
    bias = add.input_value(1).get_node()
    if weights.get_type_name() != "Constant" or bias.get_type_name() != "Constant":
        raise PathfigError(f"recognition model {path.name}: last layer is not constant")
    weight_data, bias_data = weights.get_data(), bias.get_data()
    check_classes(path, characters, bias_data.shape[-1])
    axis = 0 if matmul.get_attributes().get("transpose_b") else 1
    kept_weights = np.ascontiguousarray(np.take(weight_data, classes, axis=axis))
    kept_bias = np.ascontiguousarray(bias_data[classes])
    matmul.input(1).replace_source_output(opset13.constant(kept_weights).output(0))
    add.input(1).replace_source_output(opset13.constant(kept_bias).output(0))
    model.validate_nodes_and_infer_types()


@cache
def openvino_precision() -> str:
    """bf16 where this CPU computes bfloat16 natively (OpenVINO's own default there), else f32."""
    try:
        import openvino as ov
    except ImportError as exc:
        raise PathfigError(
            "the OCR runtime 'openvino' is not installed; reinstall pathfig, or set "
            "PATHFIG_OCR_RUNTIME=onnxruntime"
        ) from exc
    capabilities = ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    return "bf16" if "BF16" in capabilities else "f32"
