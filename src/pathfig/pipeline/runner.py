"""The pipeline: ingest → OCR → recognise → store, one figure at a time, resumable.

A figure whose image bytes, OCR engine version, recogniser version and metadata are unchanged
since the last run is skipped. OCR words are cached by the image's content hash and the engine
version, so a new lexicon re-runs recognition without re-running OCR. Each figure is stored in
one transaction, by this process alone, so a run killed at any point loses nothing stored and
the next run finishes the rest. A figure that fails is recorded with its error and skipped by
later runs until ``retry_failed``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pathfig import ingest
from pathfig.errors import BadImageError, PathfigError
from pathfig.pipeline.analyse import Analysis, Job, analyse, engine, recognizer_version
from pathfig.pipeline.executors import Executor, InProcess
from pathfig.records import Failure, Figure, content_hash
from pathfig.settings import Settings, get_settings
from pathfig.store import Store, StoredImage

DONE, SKIPPED, IMPORTED, FAILED = "done", "skipped", "imported", "failed"
# A figure whose very bytes failed in an earlier run: not tried again unless retry_failed.
FAILED_BEFORE = "failed_before"


@dataclass
class RunSummary:
    done: int = 0
    skipped: int = 0
    imported: int = 0
    failed: int = 0
    failed_before: int = 0
    ocr_runs: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.done + self.skipped + self.imported + self.failed + self.failed_before

    def line(self) -> str:
        return (
            f"{self.total} figures: {self.done} processed ({self.ocr_runs} OCR runs), "
            f"{self.skipped} unchanged, {self.imported} imported, {self.failed} failed"
            + (
                f", {self.failed_before} failed before (--retry-failed tries them again)"
                if self.failed_before
                else ""
            )
            + f" in {self.seconds:.1f} s"
        )


Report = Callable[[str, Figure | Failure], None]


@dataclass
class Pipeline:
    """Runs the stages over inputs into a store; ``executor`` decides where analysis runs."""

    store: Store
    settings: Settings = field(default_factory=get_settings)
    executor: Executor = field(default_factory=InProcess)
    retry_failed: bool = False

    def __post_init__(self) -> None:
        # Several readings on one machine share its cores rather than each taking them all.
        cores = self.executor.cores_per_reader
        if cores and self.settings.ocr_threads == 0:
            self.settings = dataclasses.replace(self.settings, ocr_threads=cores)
        self.settings = dataclasses.replace(self.settings, ocr_readers=self.executor.readers)

    def run(self, paths: Sequence[Path], on_result: Report | None = None) -> RunSummary:
        summary = RunSummary()
        started = time.perf_counter()

        def report(outcome: str, result: Figure | Failure) -> None:
            if isinstance(result, Failure):
                self.store.record_failure(result)
                summary.failures.append(result)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            summary.seconds = time.perf_counter() - started
            if on_result is not None:
                on_result(outcome, result)

        try:
            jobs = self._jobs(paths, report)
            for result in self.executor.map(analyse, jobs):
                if isinstance(result, Failure):
                    report(FAILED, result)
                    continue
                self._save(result)
                summary.ocr_runs += result.ran_ocr
                report(DONE, result.figure)
        finally:
            summary.seconds = time.perf_counter() - started
        return summary

    def _jobs(self, paths: Sequence[Path], report: Report) -> Iterator[Job]:
        """Analysis jobs for the figures that need one; everything else is reported here."""
        ocr_version = engine(self.settings).version
        rec_version = recognizer_version(self.settings)
        for item in ingest.discover(paths):
            if isinstance(item, Failure):
                report(FAILED, item)
                continue
            try:
                job = self._job(item, ocr_version, rec_version)
            except PathfigError as exc:
                report(FAILED, Failure(exc.source or item.figid, "ingest", str(exc), item.figid))
                continue
            if job in (SKIPPED, FAILED_BEFORE):
                report(job, item)
            elif isinstance(job, Figure):
                self.store.save_figure(job, mentions=job.mentions or [], source="import")
                report(IMPORTED, job)
            else:
                yield job

    def _job(self, figure: Figure, ocr_version: str, rec_version: str) -> Job | Figure | str:
        """A job to run, the figure itself (an import), or why there is nothing to do."""
        if figure.image is None:
            if figure.mentions is None:
                raise PathfigError("no image for this figure", source=figure.figid)
            return figure
        try:
            data = figure.image.read_bytes()
        except OSError as exc:
            raise BadImageError(f"cannot read: {exc}", source=str(figure.image)) from exc
        image_hash = content_hash(data)
        if self._is_current(figure, image_hash, ocr_version, rec_version):
            return SKIPPED
        if not self.retry_failed and self.store.failed_before(figure.figid, image_hash):
            return FAILED_BEFORE
        words = self.store.cached_words(image_hash, ocr_version)
        return Job(figure, data, image_hash, words, self.settings)

    def _save(self, result: Analysis) -> None:
        image = StoredImage(
            result.image_hash, result.data, result.media_type, result.width, result.height
        )
        self.store.save_figure(
            result.figure,
            mentions=result.mentions,
            image=image,
            ocr=(result.ocr_version, result.words),
            recognizer_version=result.recognizer_version,
            source=str(result.figure.image),
        )

    def _is_current(self, figure: Figure, image_hash: str, ocr_version: str, rec: str) -> bool:
        state = self.store.figure_state(figure.figid)
        if state is None or (state.image_hash, state.ocr_version, state.recognizer_version) != (
            image_hash,
            ocr_version,
            rec,
        ):
            return False
        # organisms_ner is computed by recognition, not given, so it does not make a figure stale.
        stored = dataclasses.replace(self.store.figure(figure.figid), organisms_ner=[])
        return stored.metadata() == dataclasses.replace(figure, organisms_ner=[]).metadata()
