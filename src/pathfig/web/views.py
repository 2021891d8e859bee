"""What the pages and the API show of a figure: boxes, gene rows, links, JSON documents."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from pathfig.export.jekyll import SITE
from pathfig.records import Figure, Mention
from pathfig.store.search import TIERS, Hit, ImageInfo

_PMCID = re.compile(r"PMC\d+")
ENTITY_LABELS = {"gene": "Genes", "chemical": "Chemicals", "disease": "Diseases"}


@dataclass(frozen=True)
class Box:
    """A mention's box in percent of the image, so it stays right at any display size."""

    left: float
    top: float
    width: float
    height: float
    mention: Mention
    highlight: bool

    @property
    def label(self) -> str:
        m = self.mention
        ident = f"NCBI Gene {m.identifier}" if m.entity == "gene" else m.identifier
        return f"{m.symbol} ({ident}) · {m.source} · {m.tier} · OCR word “{m.word}”"

    @property
    def style(self) -> str:
        return (
            f"left:{self.left:.4f}%;top:{self.top:.4f}%;"
            f"width:{self.width:.4f}%;height:{self.height:.4f}%"
        )


def highlight_list(value: str | None) -> list[str]:
    """``?highlight=IL6,stat3`` → ['IL6', 'stat3'], as the user wrote them."""
    return list(dict.fromkeys(s for s in re.split(r"[\s,;]+", value or "") if s))[:200]


def is_highlighted(m: Mention, wanted: set[str]) -> bool:
    return m.symbol.lower() in wanted or m.identifier.lower() in wanted


def boxes(mentions: list[Mention], image: ImageInfo | None, wanted: set[str]) -> list[Box]:
    if image is None or not image.width or not image.height:
        return []
    w, h = image.width, image.height
    out = []
    for m in mentions:
        if m.box is None:
            continue
        x0, y0, x1, y1 = m.box
        out.append(
            Box(
                100 * x0 / w,
                100 * y0 / h,
                100 * (x1 - x0) / w,
                100 * (y1 - y0) / h,
                m,
                is_highlighted(m, wanted),
            )
        )
    return out


@dataclass(frozen=True)
class GeneRow:
    entity: str
    symbol: str
    identifier: str
    words: list[str]
    source: str
    tier: str
    count: int
    highlight: bool


def entity_rows(mentions: list[Mention], wanted: set[str]) -> list[GeneRow]:
    """One row per recognised entity: its words, narrowest tier, and how often it was seen."""
    counts = Counter((m.entity, m.identifier) for m in mentions)
    rows: dict[tuple[str, str], GeneRow] = {}
    for m in mentions:
        key = (m.entity, m.identifier)
        row = rows.get(key)
        if row is None:
            rows[key] = GeneRow(
                m.entity,
                m.symbol,
                m.identifier,
                [m.word],
                m.source,
                m.tier,
                counts[key],
                is_highlighted(m, wanted),
            )
        elif m.word not in row.words:
            row.words.append(m.word)
    return sorted(rows.values(), key=lambda r: (r.entity != "gene", not r.highlight, r.symbol))


def links(figure: Figure) -> dict[str, str]:
    """Where to read the paper and see the figure: PMC, Europe PMC, DOI."""
    out: dict[str, str] = {}
    pmcid = figure.pmcid if figure.pmcid and _PMCID.fullmatch(figure.pmcid) else None
    if pmcid:
        out["PMC article"] = f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/"
    link = figure.figlink or ""
    if link.startswith(("https://", "http://")):
        out["Figure at source"] = link
    elif pmcid and link.lstrip("/").startswith("pmc/articles/"):
        out["Figure at PMC"] = "https://www.ncbi.nlm.nih.gov/" + link.lstrip("/")
    if pmcid:
        out["Europe PMC"] = f"https://europepmc.org/article/PMC/{pmcid}"
    if figure.doi and figure.doi.startswith("10."):
        out["DOI"] = f"https://doi.org/{figure.doi}"
    return out


def mention_json(m: Mention) -> dict:
    return asdict(m) | {"box": list(m.box) if m.box else None}


def figure_json(figure: Figure, mentions: list[Mention], image: ImageInfo | None) -> dict:
    genes = entity_rows([m for m in mentions if m.entity == "gene"], set())
    return figure.metadata() | {
        "url": f"/figures/{figure.figid}",
        "image": None
        if image is None
        else {
            "url": f"/figures/{figure.figid}/image",
            "media_type": image.media_type,
            "width": image.width,
            "height": image.height,
        },
        "links": links(figure),
        "genes": [
            {
                "symbol": g.symbol,
                "ncbigene_id": g.identifier,
                "words": g.words,
                "source": g.source,
                "tier": g.tier,
                "count": g.count,
            }
            for g in genes
        ],
        "mentions": [mention_json(m) for m in mentions],
    }


def hit_json(hit: Hit) -> dict:
    return {
        "figid": hit.figid,
        "figtitle": hit.figtitle,
        "papertitle": hit.papertitle,
        "year": hit.year,
        "journal": hit.journal,
        "pmcid": hit.pmcid,
        "organisms": hit.organisms,
        "url": f"/figures/{hit.figid}",
        "image_url": f"/figures/{hit.figid}/image",
        "genes": [asdict(g) for g in hit.genes],
    }


def _curie(identifier: str) -> tuple[str, str]:
    prefix, sep, local = identifier.partition(":")
    return (prefix.lower(), local) if sep else ("id", identifier)


def biothings(figure: Figure, mentions: list[Mention], tier: str = "all") -> dict:
    """One figure as a document of PFOCR's BioThings API (``associatedWith.mentions``)."""
    allowed = TIERS[: TIERS.index(tier) + 1]
    kept = [m for m in mentions if m.tier in allowed]
    genes = list(dict.fromkeys(m.identifier for m in kept if m.entity == "gene"))
    grouped: dict[str, dict[str, list[str]]] = {"chemicals": {}, "diseases": {}}
    for m in kept:
        if m.entity in ("chemical", "disease"):
            prefix, local = _curie(m.identifier)
            ids = grouped[m.entity + "s"].setdefault(prefix, [])
            if local not in ids:
                ids.append(local)
    pmcid = figure.pmcid if figure.pmcid and _PMCID.fullmatch(figure.pmcid) else None
    figure_url = (
        f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/bin/{figure.filename}"
        if pmcid and figure.filename
        else None
    )
    return {
        "_id": figure.figid,
        "associatedWith": {
            "pmc": pmcid,
            "title": figure.figtitle,
            "figureUrl": figure_url,
            "pfocrUrl": f"{SITE}/figures/{figure.figid}.html",
            "mentions": {"genes": {"ncbigene": genes}, **grouped},
        },
    } | {k: v for k, v in figure.metadata().items() if k != "figid"}
