"""Typed settings in one place, each overridable by a ``PATHFIG_*`` environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "pathfig.sqlite"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathfig"


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    cache_dir: Path = field(default_factory=_cache_dir)
    # Images above this many pixels are refused before decoding (decompression bombs).
    max_image_pixels: int = 60_000_000
    # OCR words below this confidence are kept in the store but not matched to genes.
    min_word_confidence: float = 0.5
    # Threads the OCR runtime may use for one reading; 0 lets the runtime decide (pathfig run
    # gives each reading its share of the cores).
    ocr_threads: int = 0
    # Figures `pathfig run` reads at once in one process; 0: one per core, up to 2.
    ocr_readers: int = 0
    # What runs the OCR models: "openvino" (faster where the CPU has bfloat16) or "onnxruntime".
    ocr_runtime: str = "openvino"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            db=env.get("PATHFIG_DB", defaults.db),
            cache_dir=Path(env.get("PATHFIG_CACHE_DIR", str(defaults.cache_dir))),
            max_image_pixels=int(env.get("PATHFIG_MAX_IMAGE_PIXELS", defaults.max_image_pixels)),
            min_word_confidence=float(
                env.get("PATHFIG_MIN_WORD_CONFIDENCE", defaults.min_word_confidence)
            ),
            ocr_threads=int(env.get("PATHFIG_OCR_THREADS", defaults.ocr_threads)),
            ocr_readers=int(env.get("PATHFIG_OCR_READERS", defaults.ocr_readers)),
            ocr_runtime=env.get("PATHFIG_OCR_RUNTIME", defaults.ocr_runtime),
        )


def get_settings() -> Settings:
    return Settings.from_env()
