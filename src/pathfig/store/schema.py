"""Tables of the store, in SQLAlchemy Core so that SQLite and PostgreSQL share one definition.

Papers and figures hold the PFOCR metadata. OCR words are keyed by the image's content hash and
the engine version, not by figure, so the same image under two figids (or a re-run) is read once.
Mentions belong to a figure and carry the recogniser version that made them.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
)

SCHEMA_VERSION = 1

metadata = MetaData()

papers = Table(
    "papers",
    metadata,
    # pmcid where the paper has one, else the figid: figures from a plain folder still have a paper.
    Column("paper_key", String, primary_key=True),
    Column("pmcid", String, index=True),
    Column("papertitle", Text),
    Column("reftext", Text),
    Column("year", String, index=True),
    Column("doi", String),
    Column("journal_title", Text),
    Column("journal_nlm_ta", String),
    Column("publisher_name", Text),
    Column("keywords", Text),
)

images = Table(
    "images",
    metadata,
    Column("image_hash", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("media_type", String, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
)

figures = Table(
    "figures",
    metadata,
    Column("figid", String, primary_key=True),
    Column("paper_key", String, ForeignKey("papers.paper_key"), nullable=False, index=True),
    Column("figtitle", Text),
    Column("organisms", Text),  # JSON list
    Column("organisms_ner", Text),  # JSON list
    Column("filename", String),
    Column("figlink", String),
    Column("number", String),
    Column("caption", Text),
    Column("automl_pathway", Float),
    Column("figid_alias", String),
    Column("figtype", String),
    Column("redirect_from", String),
    Column("ndex", String),
    Column("seo", String),
    Column("image_hash", String(64), ForeignKey("images.image_hash"), index=True),
    Column("source", Text),  # the input file it came from
    Column("ocr_version", String),
    Column("recognizer_version", String),
    Column("updated_at", DateTime(timezone=True), server_default=func.now()),
)

ocr_runs = Table(
    "ocr_runs",
    metadata,
    Column("image_hash", String(64), primary_key=True),
    Column("engine_version", String, primary_key=True),
    Column("word_count", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

ocr_words = Table(
    "ocr_words",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("image_hash", String(64), nullable=False),
    Column("engine_version", String, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("x0", Float, nullable=False),
    Column("y0", Float, nullable=False),
    Column("x1", Float, nullable=False),
    Column("y1", Float, nullable=False),
    Column("rotation", Integer, nullable=False),
    Index("ix_ocr_words_run", "image_hash", "engine_version", "seq"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("figid", String, ForeignKey("figures.figid", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("entity", String, nullable=False),
    Column("word", Text, nullable=False),
    Column("match", Text, nullable=False),
    Column("identifier", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("source", String, nullable=False),
    Column("tier", String, nullable=False),
    Column("organism", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("x0", Float),
    Column("y0", Float),
    Column("x1", Float),
    Column("y1", Float),
    Index("ix_mentions_figid", "figid", "seq"),
    Index("ix_mentions_gene", "entity", "identifier"),
    Index("ix_mentions_symbol", "symbol"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("figid", String, index=True),
    Column("source", Text, nullable=False),
    Column("stage", String, nullable=False),
    Column("message", Text, nullable=False),
    Column("image_hash", String(64)),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

store_info = Table(
    "store_info",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)
