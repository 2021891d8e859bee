"""The work one figure needs, as a pure function that can run in this process or on a worker.

It touches no database: the caller looks up cached OCR words before and stores the result
after, so a worker needs only the figure's bytes, and the single writer keeps each figure's
store transaction whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pathfig import ingest, ocr, recognize
from pathfig.errors import PathfigError
from pathfig.records import Failure, Figure, Mention, Word
from pathfig.settings import Settings
from pathfig.taxa import HUMAN, taxon


@dataclass(frozen=True)
class Job:
    figure: Figure
    data: bytes
    image_hash: str
    cached_words: list[Word] | None  # None: OCR has not read these bytes with this engine yet
    settings: Settings


@dataclass(frozen=True)
class Analysis:
    figure: Figure  # organisms_ner filled in
    mentions: list[Mention]
    words: list[Word]
    ran_ocr: bool
    image_hash: str
    data: bytes
    media_type: str
    width: int
    height: int
    ocr_version: str
    recognizer_version: str


def engine(settings: Settings) -> ocr.OcrEngine:
    return ocr.get_engine(
        threads=settings.ocr_threads,
        readers=settings.ocr_readers,
        runtime=settings.ocr_runtime,
        compiled_cache=settings.cache_dir / "openvino",
    )


def lexicon(settings: Settings) -> recognize.Lexicon:
    return recognize.load_lexicon(settings.cache_dir)


def recognizer_version(settings: Settings) -> str:
    return f"{recognize.RECOGNIZER_VERSION}+{lexicon(settings).version}"


def recognise_figure(
    figure: Figure, words: list[Word], genes: recognize.Lexicon, min_confidence: float
) -> tuple[Figure, list[Mention]]:
    """The figure with its detected organisms, and the genes recognised in its words."""
    taxids = recognize.detect_organisms(figure.caption, figure.figtitle, figure.papertitle)
    figure = replace(figure, organisms_ner=[taxon(t).name for t in taxids or [HUMAN]])
    organisms = recognize.gene_organisms(
        genes,
        caption=figure.caption,
        figtitle=figure.figtitle,
        papertitle=figure.papertitle,
        words=words,
    )
    mentions = recognize.recognize(words, genes, organisms=organisms, min_confidence=min_confidence)
    return figure, mentions


def analyse(job: Job) -> Analysis | Failure:
    """Decode, OCR (unless cached), detect organisms and recognise genes. Never raises."""
    figure, settings, stage = job.figure, job.settings, "ocr"
    try:
        picture = ingest.decode_image(
            job.data, source=str(figure.image), max_pixels=settings.max_image_pixels
        )
        reader = engine(settings)
        words = job.cached_words
        if words is None:
            words = reader.read(picture)
        stage = "recognize"
        figure, mentions = recognise_figure(
            figure, words, lexicon(settings), settings.min_word_confidence
        )
        return Analysis(
            figure, mentions, words, job.cached_words is None, job.image_hash, job.data,
            ingest.media_type(job.data), picture.width, picture.height, reader.version,
            recognizer_version(settings),
        )  # fmt: skip
    except PathfigError as exc:
        return Failure(exc.source or figure.figid, stage, str(exc), figure.figid, job.image_hash)
    except Exception as exc:  # a poison figure must not stop the run
        message = f"unexpected {type(exc).__name__}: {exc}"
        return Failure(str(figure.image), stage, message, figure.figid, job.image_hash)
