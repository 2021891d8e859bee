"""The store: figures, papers, images, OCR words and mentions in SQLite or PostgreSQL.

Every write that concerns one figure happens in one transaction, so a run killed at any point
leaves each figure either fully stored or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, func, insert, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from pathfig.errors import NotFoundError, StoreError
from pathfig.records import PAPER_FIELDS, Failure, Figure, Mention, Word
from pathfig.store import schema, search
from pathfig.store.search.records import TIERS, tiers_up_to

_FIGURE_COLUMNS = tuple(
    c.name for c in schema.figures.columns if c.name in Figure.__dataclass_fields__
)
_PAPER_COLUMNS = tuple(name for name in PAPER_FIELDS if name != "pmcid")

__all__ = ["TIERS", "FigureState", "Store", "StoredImage", "database_url", "open_store"]


@dataclass(frozen=True)
class StoredImage:
    """An image's bytes as the store keeps them, with what decoding told us about it."""

    image_hash: str
    data: bytes
    media_type: str
    width: int
    height: int


@dataclass(frozen=True)
class FigureState:
    """What the store already has for a figure: enough to decide whether a re-run can skip it."""

    image_hash: str | None
    ocr_version: str | None
    recognizer_version: str | None


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL as is, anything else is the path of a SQLite file."""
    if "://" in db:
        try:
            make_url(db)
        except ArgumentError as exc:
            raise StoreError(f"not a database URL: {exc}", source=db) from exc
        return db
    path = Path(db).expanduser()
    if path.is_dir():
        raise StoreError("is a directory, not a database file", source=db)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while a run writes; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store:
    """Reads and writes pathfig's tables. Open with :func:`open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- writing -------------------------------------------------------------------------------

    def save_figure(
        self,
        figure: Figure,
        *,
        mentions: Sequence[Mention],
        image: StoredImage | None = None,
        ocr: tuple[str, Sequence[Word]] | None = None,
        recognizer_version: str | None = None,
        source: str | None = None,
    ) -> None:
        """Store a figure with its paper, image, new OCR words and mentions, all or nothing.

        ``ocr`` is ``(engine_version, words)`` for words read in this run; words already cached
        under that key are not written again.
        """
        with self.engine.begin() as conn:
            paper_key = figure.pmcid or figure.figid
            paper = {"paper_key": paper_key, "pmcid": figure.pmcid}
            paper |= {name: getattr(figure, name) for name in _PAPER_COLUMNS}
            self._upsert(conn, schema.papers, paper, ["paper_key"])
            if image is not None:
                self._insert_ignore(
                    conn,
                    schema.images,
                    {
                        "image_hash": image.image_hash,
                        "data": image.data,
                        "media_type": image.media_type,
                        "width": image.width,
                        "height": image.height,
                    },
                    ["image_hash"],
                )
            if ocr is not None and image is not None:
                self._save_words(conn, image.image_hash, *ocr)
            row = {name: getattr(figure, name) for name in _FIGURE_COLUMNS}
            row |= {
                "organisms": json.dumps(figure.organisms),
                "organisms_ner": json.dumps(figure.organisms_ner),
                "paper_key": paper_key,
                "image_hash": image.image_hash if image else None,
                "source": source,
                "ocr_version": ocr[0] if ocr else None,
                "recognizer_version": recognizer_version,
                "updated_at": func.now(),
            }
            self._upsert(conn, schema.figures, row, ["figid"])
            conn.execute(delete(schema.mentions).where(schema.mentions.c.figid == figure.figid))
            if mentions:
                conn.execute(
                    insert(schema.mentions),
                    [_mention_row(figure.figid, i, m) for i, m in enumerate(mentions)],
                )
            conn.execute(delete(schema.failures).where(schema.failures.c.figid == figure.figid))
            search.index_paper(conn, paper_key)

    def record_failure(self, failure: Failure) -> None:
        """Record why a figure or file failed, replacing what an earlier run said of it."""
        fl = schema.failures
        same = fl.c.figid == failure.figid if failure.figid else fl.c.source == failure.source
        with self.engine.begin() as conn:
            conn.execute(delete(fl).where(same))
            conn.execute(
                insert(fl),
                {
                    "figid": failure.figid,
                    "source": failure.source,
                    "stage": failure.stage,
                    "message": failure.message,
                    "image_hash": failure.image_hash,
                },
            )

    def failed_before(self, figid: str, image_hash: str) -> bool:
        """Whether these very bytes already failed for this figure (a poison figure)."""
        fl = schema.failures
        query = select(fl.c.id).where(fl.c.figid == figid, fl.c.image_hash == image_hash)
        with self.engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    def _save_words(self, conn: Connection, image_hash: str, version: str, words) -> None:
        key = {"image_hash": image_hash, "engine_version": version}
        inserted = self._insert_ignore(
            conn, schema.ocr_runs, key | {"word_count": len(words)}, list(key)
        )
        if inserted and words:
            conn.execute(
                insert(schema.ocr_words),
                [
                    key
                    | {
                        "seq": i,
                        "text": w.text,
                        "confidence": w.confidence,
                        "x0": w.box[0],
                        "y0": w.box[1],
                        "x1": w.box[2],
                        "y1": w.box[3],
                        "rotation": w.rotation,
                    }
                    for i, w in enumerate(words)
                ],
            )

    def _dialect_insert(self, table):
        return (postgresql if self.dialect == "postgresql" else sqlite).insert(table)

    def _upsert(self, conn: Connection, table, row: dict, keys: list[str]) -> None:
        stmt = self._dialect_insert(table).values(**row)
        updates = {k: stmt.excluded[k] for k in row if k not in keys}
        conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=updates))

    def _insert_ignore(self, conn: Connection, table, row: dict, keys: list[str]) -> bool:
        stmt = (
            self._dialect_insert(table)
            .values(**row)
            .on_conflict_do_nothing(index_elements=keys)
            .returning(table.c[keys[0]])
        )
        # rowcount is unreliable for ON CONFLICT across drivers; RETURNING says what was inserted.
        return conn.execute(stmt).first() is not None

    # -- reading -------------------------------------------------------------------------------

    def cached_words(self, image_hash: str, engine_version: str) -> list[Word] | None:
        """The OCR words stored for these image bytes and engine version; None if never read."""
        w = schema.ocr_words
        with self.engine.connect() as conn:
            run = conn.execute(
                select(schema.ocr_runs.c.word_count).where(
                    schema.ocr_runs.c.image_hash == image_hash,
                    schema.ocr_runs.c.engine_version == engine_version,
                )
            ).first()
            if run is None:
                return None
            rows = conn.execute(
                select(w.c.text, w.c.confidence, w.c.x0, w.c.y0, w.c.x1, w.c.y1, w.c.rotation)
                .where(w.c.image_hash == image_hash, w.c.engine_version == engine_version)
                .order_by(w.c.seq)
            )
            return [Word(r.text, r.confidence, (r.x0, r.y0, r.x1, r.y1), r.rotation) for r in rows]

    def figure_state(self, figid: str) -> FigureState | None:
        f = schema.figures
        with self.engine.connect() as conn:
            row = conn.execute(
                select(f.c.image_hash, f.c.ocr_version, f.c.recognizer_version).where(
                    f.c.figid == figid
                )
            ).first()
        return FigureState(*row) if row else None

    def figure(self, figid: str) -> Figure:
        with self.engine.connect() as conn:
            row = conn.execute(_figure_select().where(schema.figures.c.figid == figid)).first()
        if row is None:
            raise NotFoundError(f"no figure {figid!r} in the store")
        return _figure_from_row(row)

    def figures(self) -> Iterator[Figure]:
        """Every stored figure in figid order, streamed."""
        with self.engine.connect() as conn:
            for row in conn.execute(_figure_select().order_by(schema.figures.c.figid)):
                yield _figure_from_row(row)

    def mentions(self, figid: str, entity: str | None = None) -> list[Mention]:
        m = schema.mentions
        query = select(m).where(m.c.figid == figid).order_by(m.c.seq)
        if entity:
            query = query.where(m.c.entity == entity)
        with self.engine.connect() as conn:
            return [_mention_from_row(r) for r in conn.execute(query)]

    def gene_sets(
        self, organism: int | None = None, tier: str = "all"
    ) -> Iterator[tuple[str, str | None, list[str]]]:
        """``(figid, figtitle, NCBI Gene IDs)`` per figure with genes, in figid order.

        ``tier`` is cumulative: ``strict`` keeps symbol matches, ``synonyms`` adds aliases and
        previous symbols, ``all`` adds family expansion.
        """
        m, f = schema.mentions, schema.figures
        query = (
            select(m.c.figid, f.c.figtitle, m.c.identifier)
            .join(f, f.c.figid == m.c.figid)
            .where(m.c.entity == "gene", m.c.tier.in_(tiers_up_to(tier)))
            .distinct()
            .order_by(m.c.figid, m.c.identifier)
        )
        if organism is not None:
            query = query.where(m.c.organism == organism)
        with self.engine.connect() as conn:
            rows = conn.execute(query)
            for (figid, title), group in groupby(rows, key=lambda r: (r.figid, r.figtitle)):
                yield figid, title, [r.identifier for r in group]

    def gene_symbols(
        self, organism: int | None = None, tier: str = "all"
    ) -> list[tuple[str, str, int]]:
        """``(symbol, NCBI Gene ID, mentions)`` for every symbol recognised at ``tier``."""
        m = schema.mentions
        count = func.count().label("n")
        query = (
            select(m.c.symbol, m.c.identifier, count)
            .where(m.c.entity == "gene", m.c.tier.in_(tiers_up_to(tier)))
            .group_by(m.c.symbol, m.c.identifier)
        )
        if organism is not None:
            query = query.where(m.c.organism == organism)
        with self.engine.connect() as conn:
            return [(r.symbol, r.identifier, r.n) for r in conn.execute(query)]

    def image(self, figid: str) -> StoredImage:
        f, i = schema.figures, schema.images
        with self.engine.connect() as conn:
            row = conn.execute(
                select(i).join(f, f.c.image_hash == i.c.image_hash).where(f.c.figid == figid)
            ).first()
        if row is None:
            raise NotFoundError(f"no image stored for figure {figid!r}")
        return StoredImage(row.image_hash, row.data, row.media_type, row.width, row.height)

    def words(self, figid: str) -> list[Word]:
        state = self.figure_state(figid)
        if state is None or state.image_hash is None or state.ocr_version is None:
            return []
        return self.cached_words(state.image_hash, state.ocr_version) or []

    def failures(self) -> list[Failure]:
        fl = schema.failures
        with self.engine.connect() as conn:
            rows = conn.execute(select(fl).order_by(fl.c.id))
            return [Failure(r.source, r.stage, r.message, r.figid, r.image_hash) for r in rows]

    def stage_status(self, ocr_version: str, recognizer_version: str) -> dict[str, dict[str, int]]:
        """Per stage, how many figures are done with the given versions, stale, or failed."""
        f, fl = schema.figures, schema.failures
        with self.engine.connect() as conn:
            with_image = conn.execute(
                select(func.count()).where(f.c.image_hash.is_not(None))
            ).scalar_one()
            ocr_done = conn.execute(
                select(func.count()).where(f.c.ocr_version == ocr_version)
            ).scalar_one()
            rec_done = conn.execute(
                select(func.count()).where(
                    f.c.image_hash.is_not(None), f.c.recognizer_version == recognizer_version
                )
            ).scalar_one()
            failed = dict(conn.execute(select(fl.c.stage, func.count()).group_by(fl.c.stage)).all())
            imported = conn.execute(
                select(func.count()).where(f.c.image_hash.is_(None))
            ).scalar_one()
        return {
            "ingest": {"done": with_image + imported, "failed": failed.get("ingest", 0)},
            "ocr": {
                "done": ocr_done,
                "pending": with_image - ocr_done,
                "failed": failed.get("ocr", 0),
            },
            "recognize": {
                "done": rec_done,
                "pending": with_image - rec_done,
                "failed": failed.get("recognize", 0),
            },
            "store": {"done": with_image + imported, "failed": failed.get("store", 0)},
        }

    def counts(self) -> dict[str, int]:
        m = schema.mentions
        with self.engine.connect() as conn:

            def count(query) -> int:
                return conn.execute(query).scalar_one()

            return {
                "figures": count(select(func.count()).select_from(schema.figures)),
                "papers": count(select(func.count()).select_from(schema.papers)),
                "mentions": count(select(func.count()).select_from(m)),
                "genes": count(
                    select(func.count(func.distinct(m.c.identifier))).where(m.c.entity == "gene")
                ),
                "failures": count(select(func.count()).select_from(schema.failures)),
            }


def _figure_select():
    f, p = schema.figures, schema.papers
    paper_cols = [p.c.pmcid] + [p.c[name] for name in _PAPER_COLUMNS]
    figure_cols = [f.c[name] for name in _FIGURE_COLUMNS]
    return select(*figure_cols, *paper_cols).join(p, p.c.paper_key == f.c.paper_key)


def _figure_from_row(row) -> Figure:
    values = dict(row._mapping)
    for name in ("organisms", "organisms_ner"):
        values[name] = json.loads(values[name]) if values[name] else []
    return Figure.from_metadata(values)


def _mention_row(figid: str, seq: int, m: Mention) -> dict:
    x0, y0, x1, y1 = m.box if m.box else (None, None, None, None)
    return {
        "figid": figid,
        "seq": seq,
        "entity": m.entity,
        "word": m.word,
        "match": m.match,
        "identifier": m.identifier,
        "symbol": m.symbol,
        "source": m.source,
        "tier": m.tier,
        "organism": m.organism,
        "confidence": m.confidence,
        "x0": x0,
        "y0": y0,
        "x1": x1,
        "y1": y1,
    }


def _mention_from_row(r) -> Mention:
    box = None if r.x0 is None else (r.x0, r.y0, r.x1, r.y1)
    return Mention(
        r.entity, r.word, r.match, r.identifier, r.symbol, r.source, r.tier, r.organism,
        r.confidence, box,
    )  # fmt: skip


def open_store(db: str, *, create: bool = True) -> Store:
    """Open (and by default create) the store at ``db``: a SQLite file path or a SQLAlchemy URL."""
    url = database_url(db)
    try:
        engine = create_engine(url)
    except Exception as exc:  # a missing driver or a malformed URL
        raise StoreError(f"cannot open the database: {exc}", source=db) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"unsupported database {engine.dialect.name!r}", source=db)
    try:
        if create:
            schema.metadata.create_all(engine)
            _add_missing_columns(engine)
        elif not _has_tables(engine):
            raise StoreError("no pathfig tables here: run `pathfig run` first", source=db)
        search.ensure_index(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open the database: {exc.orig}", source=db) from exc
    return Store(engine)


def _add_missing_columns(engine: Engine) -> None:
    """Bring a store made by an earlier pathfig up to date: new columns are all nullable."""
    inspector = inspect(engine)
    with engine.begin() as conn:
        for table in schema.metadata.sorted_tables:
            existing = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in existing:
                    continue
                if not column.nullable:
                    raise StoreError(
                        f"table {table.name} lacks the required column {column.name}: "
                        "this store was made by an incompatible pathfig; start a new one"
                    )
                kind = column.type.compile(dialect=engine.dialect)
                preparer = engine.dialect.identifier_preparer
                conn.exec_driver_sql(
                    f"ALTER TABLE {preparer.quote(table.name)} "
                    f"ADD COLUMN {preparer.quote(column.name)} {kind}"
                )


def _has_tables(engine: Engine) -> bool:
    return inspect(engine).has_table("figures")
