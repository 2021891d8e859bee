"""The pipeline: ingest → OCR → recognise → store, one figure at a time.

A figure whose image bytes, OCR engine version, recogniser version and metadata are unchanged
since the last run is skipped. OCR words are cached by the image's content hash and the engine
version, so a new lexicon re-runs recognition without re-running OCR. A figure that fails is
recorded with its error and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pathfig import ingest, ocr, recognize
from pathfig.errors import BadImageError, PathfigError
from pathfig.records import Failure, Figure, content_hash
from pathfig.settings import Settings, get_settings
from pathfig.store import Store, StoredImage
from pathfig.taxa import HUMAN, taxon

DONE, SKIPPED, IMPORTED, FAILED = "done", "skipped", "imported", "failed"

_MEDIA_TYPES = (
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


@dataclass
class RunSummary:
    done: int = 0
    skipped: int = 0
    imported: int = 0
    failed: int = 0
    ocr_runs: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.done + self.skipped + self.imported + self.failed


@dataclass
class Pipeline:
    """The stages a run uses; built lazily so that importing pathfig stays cheap."""

    store: Store
    settings: Settings = field(default_factory=get_settings)
    engine: ocr.OcrEngine | None = None
    lexicon: recognize.Lexicon | None = None

    def _engine(self) -> ocr.OcrEngine:
        if self.engine is None:
            self.engine = ocr.get_engine(threads=self.settings.ocr_threads)
        return self.engine

    def _lexicon(self) -> recognize.Lexicon:
        if self.lexicon is None:
            self.lexicon = recognize.load_lexicon(self.settings.cache_dir)
        return self.lexicon

    @property
    def recognizer_version(self) -> str:
        return f"{recognize.RECOGNIZER_VERSION}+{self._lexicon().version}"

    def run(
        self,
        paths: Sequence[Path],
        on_result: Callable[[str, Figure | Failure], None] | None = None,
    ) -> RunSummary:
        summary = RunSummary()
        started = time.perf_counter()
        for item in ingest.discover(paths):
            if isinstance(item, Failure):
                outcome, result = FAILED, item
            else:
                outcome, result = self.process(item, summary)
            if isinstance(result, Failure):
                self.store.record_failure(result)
                summary.failures.append(result)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if on_result is not None:
                on_result(outcome, result)
        summary.seconds = time.perf_counter() - started
        return summary

    def process(self, figure: Figure, summary: RunSummary) -> tuple[str, Figure | Failure]:
        """Process one figure; never raises for a problem with this figure's input."""
        stage = "ingest"
        try:
            if figure.image is None:
                if figure.mentions is None:
                    raise PathfigError("no image for this figure", source=figure.figid)
                self.store.save_figure(figure, mentions=figure.mentions, source="import")
                return IMPORTED, figure
            try:
                data = figure.image.read_bytes()
            except OSError as exc:
                raise BadImageError(f"cannot read: {exc}", source=str(figure.image)) from exc
            image_hash = content_hash(data)
            engine = self._engine()
            stage = "recognize"
            recognizer_version = self.recognizer_version
            if self._is_current(figure, image_hash, engine.version, recognizer_version):
                return SKIPPED, figure
            stage = "ocr"
            words = self.store.cached_words(image_hash, engine.version)
            picture = ingest.decode_image(
                data, source=str(figure.image), max_pixels=self.settings.max_image_pixels
            )
            new_words = None
            if words is None:
                words = new_words = engine.read(picture)
                summary.ocr_runs += 1
            stage = "recognize"
            taxids = recognize.detect_organisms(figure.caption, figure.figtitle, figure.papertitle)
            figure = replace(figure, organisms_ner=[taxon(t).name for t in taxids or [HUMAN]])
            mentions = recognize.recognize(
                words,
                self._lexicon(),
                organisms=taxids or (HUMAN,),
                min_confidence=self.settings.min_word_confidence,
            )
            stage = "store"
            stored = StoredImage(image_hash, data, _media_type(data), picture.width, picture.height)
            self.store.save_figure(
                figure,
                mentions=mentions,
                image=stored,
                ocr=(engine.version, new_words if new_words is not None else words),
                recognizer_version=recognizer_version,
                source=str(figure.image),
            )
            return DONE, figure
        except PathfigError as exc:
            return FAILED, Failure(exc.source or figure.figid, stage, str(exc), figure.figid)
        except Exception as exc:  # a poison figure must not stop the run
            message = f"unexpected {type(exc).__name__}: {exc}"
            source = str(figure.image) if figure.image else figure.figid
            return FAILED, Failure(source, stage, message, figure.figid)

    def _is_current(self, figure: Figure, image_hash: str, ocr_version: str, rec: str) -> bool:
        state = self.store.figure_state(figure.figid)
        if state is None or (state.image_hash, state.ocr_version, state.recognizer_version) != (
            image_hash,
            ocr_version,
            rec,
        ):
            return False
        stored = self.store.figure(figure.figid).metadata()
        given = figure.metadata()
        # organisms_ner is computed by recognition, not given, so it does not make a figure stale.
        stored.pop("organisms_ner")
        given.pop("organisms_ner")
        return stored == given


def _media_type(data: bytes) -> str:
    for magic, media_type in _MEDIA_TYPES:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def run(paths: Sequence[Path], store: Store, **kwargs) -> RunSummary:
    """Run the whole pipeline over ``paths`` into ``store``; see :class:`Pipeline`."""
    on_result = kwargs.pop("on_result", None)
    return Pipeline(store, **kwargs).run(paths, on_result)
