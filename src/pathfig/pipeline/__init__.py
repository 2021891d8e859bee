"""The pipeline: ingest → OCR → recognise → store, in this process or on a Dask cluster."""

from pathfig.pipeline.executors import DaskExecutor, InProcess, make_executor
from pathfig.pipeline.runner import (
    DONE,
    FAILED,
    FAILED_BEFORE,
    IMPORTED,
    SKIPPED,
    Pipeline,
    RunSummary,
)

__all__ = [
    "DONE",
    "FAILED",
    "FAILED_BEFORE",
    "IMPORTED",
    "SKIPPED",
    "DaskExecutor",
    "InProcess",
    "Pipeline",
    "RunSummary",
    "make_executor",
]
