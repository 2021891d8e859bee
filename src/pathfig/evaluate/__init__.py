"""Measured gene recognition: the WikiPathways, real-figure and OCR-crop benchmarks.

Each evaluation returns a JSON-serialisable dict; :func:`render` turns any of them into a
plain-text report. Modules are imported on first use: importing pathfig stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathfig.evaluate.crops import evaluate_crops
    from pathfig.evaluate.real import evaluate_real
    from pathfig.evaluate.report import render
    from pathfig.evaluate.wp import evaluate_wp

_HOMES = {
    "evaluate_wp": "pathfig.evaluate.wp",
    "evaluate_real": "pathfig.evaluate.real",
    "evaluate_crops": "pathfig.evaluate.crops",
    "render": "pathfig.evaluate.report",
}

__all__ = ["evaluate_crops", "evaluate_real", "evaluate_wp", "render"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'pathfig.evaluate' has no attribute {name!r}")
