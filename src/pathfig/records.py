"""Plain records passed between pipeline stages.

Stages never share anything but these: ingest yields :class:`Figure` records, OCR turns an
image into :class:`Word` records, recognition turns words into :class:`Mention` records, and
the store keeps all three. Field names of :class:`Figure` follow PFOCR's front matter.
"""

from __future__ import annotations

import hashlib
import tarfile
from dataclasses import dataclass, field, fields
from pathlib import Path

Box = tuple[float, float, float, float]
"""Axis-aligned box ``(x0, y0, x1, y1)`` in pixels of the original image."""

# PFOCR front-matter fields in the order of the seed records (schema-jsonld is derived at export).
PFOCR_FIELDS: tuple[str, ...] = (
    "figid",
    "figtitle",
    "organisms",
    "organisms_ner",
    "pmcid",
    "filename",
    "figlink",
    "number",
    "caption",
    "papertitle",
    "reftext",
    "year",
    "doi",
    "journal_title",
    "journal_nlm_ta",
    "publisher_name",
    "keywords",
    "automl_pathway",
    "figid_alias",
    "figtype",
    "redirect_from",
    "ndex",
    "seo",
)

# Fields that describe the paper rather than the figure; stored once per paper.
PAPER_FIELDS: tuple[str, ...] = (
    "pmcid",
    "papertitle",
    "reftext",
    "year",
    "doi",
    "journal_title",
    "journal_nlm_ta",
    "publisher_name",
    "keywords",
)

# Fields of list type in the front matter.
LIST_FIELDS: frozenset[str] = frozenset({"organisms", "organisms_ner"})


@dataclass(frozen=True)
class ImageSource:
    """Where a figure's image bytes live: a file, or a member of a ``.tar.gz`` package."""

    path: Path
    member: str | None = None

    def read_bytes(self) -> bytes:
        if self.member is None:
            return self.path.read_bytes()
        with tarfile.open(self.path, "r:*") as archive:
            handle = archive.extractfile(self.member)
            if handle is None:
                raise FileNotFoundError(f"{self.path}: no file {self.member!r} in the archive")
            return handle.read()

    def __str__(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)


@dataclass
class Figure:
    """One figure with its paper's metadata, as ingest produces it. Missing values are None."""

    figid: str
    figtitle: str | None = None
    organisms: list[str] = field(default_factory=list)
    organisms_ner: list[str] = field(default_factory=list)
    pmcid: str | None = None
    filename: str | None = None
    figlink: str | None = None
    number: str | None = None
    caption: str | None = None
    papertitle: str | None = None
    reftext: str | None = None
    year: str | None = None
    doi: str | None = None
    journal_title: str | None = None
    journal_nlm_ta: str | None = None
    publisher_name: str | None = None
    keywords: str | None = None
    automl_pathway: float | None = None
    figid_alias: str | None = None
    figtype: str | None = None
    redirect_from: str | None = None
    ndex: str | None = None
    seo: str | None = None
    image: ImageSource | None = None
    # Mentions that came with the record (an imported PFOCR site); None: recognise from OCR.
    mentions: list[Mention] | None = None

    def metadata(self) -> dict[str, object]:
        """The PFOCR fields as a dict in front-matter order."""
        return {name: getattr(self, name) for name in PFOCR_FIELDS}

    @classmethod
    def from_metadata(cls, values: dict[str, object], image: ImageSource | None = None) -> Figure:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in values.items() if k in known and k not in ("image", "mentions")}
        return cls(**kwargs, image=image)


@dataclass(frozen=True)
class Word:
    """One piece of text that OCR read, with its box in the original image's pixels."""

    text: str
    confidence: float
    box: Box
    rotation: int = 0  # degrees the image was turned for the pass that read it (0 or 90)


@dataclass(frozen=True)
class Mention:
    """One recognised name: an OCR word (or words) matched to a lexicon entry."""

    entity: str  # gene | chemical | disease
    word: str  # the OCR text it came from
    match: str  # the lexicon string it matched after transforms
    identifier: str  # NCBI Gene ID for genes; MeSH/ChEBI/DOID CURIE otherwise
    symbol: str
    source: str  # ncbigene_symbol | ncbigene_synonym | famplex_relations
    tier: str  # strict | synonyms | all
    organism: int  # NCBI taxon id
    confidence: float
    box: Box | None  # None only for mentions imported without an image (a PFOCR site)


@dataclass(frozen=True)
class Failure:
    """A figure (or input file) that could not be processed, and why."""

    source: str  # the file at fault
    stage: str  # ingest | ocr | recognize | store
    message: str
    figid: str | None = None
    image_hash: str | None = None  # the bytes that failed: a re-run skips them unless retried


def content_hash(data: bytes) -> str:
    """The key of every stage result: a re-run over the same bytes reuses them."""
    return hashlib.sha256(data).hexdigest()
