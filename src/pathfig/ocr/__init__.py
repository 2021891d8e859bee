"""The OCR stage: an image in, the text lines found in it out, as :class:`~pathfig.records.Word`.

Engines sit behind :class:`OcrEngine`; :func:`get_engine` builds one by name. Nothing heavy is
imported here: an engine loads its models on first :meth:`OcrEngine.read`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pathfig.errors import PathfigError

if TYPE_CHECKING:
    from PIL import Image

    from pathfig.records import Word


class OcrEngine(Protocol):
    name: str
    # Engine package version + pathfig's OCR code version + model names. It is the cache key
    # of stored OCR results: when it changes, OCR runs again.
    version: str

    def read(self, image: Image.Image) -> list[Word]:
        """The text lines in the image, boxes in the image's own pixel coordinates."""
        ...


def _rapidocr(threads: int, readers: int, runtime: str, compiled_cache: Path | None) -> OcrEngine:
    from pathfig.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine(threads, readers=readers, runtime=runtime, compiled_cache=compiled_cache)


ENGINES: dict[str, Callable[[int, int, str, Path | None], OcrEngine]] = {"rapidocr": _rapidocr}
RUNTIMES = ("openvino", "onnxruntime")


def get_engine(
    name: str = "rapidocr",
    *,
    threads: int = 0,
    readers: int = 1,
    runtime: str = "openvino",
    compiled_cache: Path | None = None,
) -> OcrEngine:
    """The engine called ``name``, one instance per set of arguments in a process.

    ``threads`` is how many threads the runtime may use for one reading; 0 lets it decide.
    ``readers`` is how many threads will call :meth:`OcrEngine.read` at once.
    ``runtime`` runs the models: ``openvino`` (default) or ``onnxruntime``.
    ``compiled_cache`` is a folder for compiled models that later processes reuse.
    """
    if name not in ENGINES:
        raise PathfigError(f"unknown OCR engine {name!r}; available: {', '.join(sorted(ENGINES))}")
    if runtime not in RUNTIMES:
        raise PathfigError(f"unknown OCR runtime {runtime!r}; available: {', '.join(RUNTIMES)}")
    return _engine(name, threads, max(1, readers), runtime, compiled_cache)


@cache  # keyed on positional arguments, so get_engine() and get_engine("rapidocr") share one
def _engine(
    name: str, threads: int, readers: int, runtime: str, compiled_cache: Path | None
) -> OcrEngine:
    return ENGINES[name](threads, readers, runtime, compiled_cache)


__all__ = ["ENGINES", "RUNTIMES", "OcrEngine", "get_engine"]
