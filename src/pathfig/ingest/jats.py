"""PMC JATS articles: an .nxml file beside its images, or a PMC open-access .tar.gz package."""

from __future__ import annotations

import os
import re
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

from pathfig.ingest.fields import normalise_number, number_from_fig_id
from pathfig.ingest.found import Found, Items, failure
from pathfig.ingest.images import IMAGE_SUFFIXES
from pathfig.records import Figure, ImageSource

# PMC's <graphic xlink:href> usually has no extension; these are tried in order.
GRAPHIC_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp")
PACKAGE_SUFFIXES = (".tar.gz", ".tgz")
MAX_ARTICLE_BYTES = 200 * 1024 * 1024  # an .nxml larger than this is not an article

_BLOCKS = frozenset({"title", "p", "list-item", "def-item", "disp-quote", "td", "th", "label"})
_SPACE = re.compile(r"\s+")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-Z0-9(\[]|$)")


class ArticleError(Exception):
    """An .nxml that cannot be read as a JATS article."""


@dataclass(frozen=True)
class FigInfo:
    fig_id: str | None
    href: str | None
    number: str | None
    figtitle: str | None
    caption: str | None


def is_package_name(name: str) -> bool:
    return name.lower().endswith(PACKAGE_SUFFIXES)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(element: Element | None) -> str | None:
    """Plain text with whitespace collapsed; block elements (title, p) are kept apart by a space."""
    if element is None:
        return None
    parts: list[str] = []

    def walk(node: Element) -> None:
        parts.append(node.text or "")
        for child in node:
            walk(child)
            if _local(child.tag) in _BLOCKS:
                parts.append(" ")
            parts.append(child.tail or "")

    walk(element)
    text = _SPACE.sub(" ", "".join(parts)).strip()
    return text or None


def _title(text: str | None) -> str | None:
    # PFOCR's figtitle drops the caption title's closing full stop.
    if text and text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text or None


def _first_sentence(caption: str | None) -> str | None:
    if not caption:
        return None
    match = _FIRST_SENTENCE.match(caption)
    return _title(match[1] if match else caption)


def _href(element: Element) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == "href" and value.strip():
            return value.strip()
    return None


def _graphic_stem(href: str) -> str:
    # Only a known image suffix is dropped: PMC stems carry dots ("ppat.0010039.g007").
    name = PurePosixPath(href).name
    dot = name.rfind(".")
    return name[:dot] if dot > 0 and name[dot:].lower() in IMAGE_SUFFIXES else name


def _year(meta: Element) -> str | None:
    def rank(date: Element) -> int:
        kind = date.get("pub-type") or date.get("date-type") or ""
        form = date.get("publication-format") or ""
        if kind == "epub" or form == "electronic":
            return 0
        if kind in ("ppub", "epub-ppub") or form == "print":
            return 1
        if kind == "collection":
            return 2
        return 4 if kind == "pmc-release" else 3

    for date in sorted(meta.findall("pub-date"), key=rank):
        year = (date.findtext("year") or "").strip()
        if year:
            return year
    return None


def _person(contrib: Element) -> str | None:
    name = contrib.find(".//name")
    if name is not None:
        given = text_of(name.find("given-names"))
        surname = text_of(name.find("surname"))
        return " ".join(part for part in (given, surname) if part) or None
    return text_of(contrib.find(".//string-name")) or text_of(contrib.find(".//collab"))


def _reftext(meta: Element, journal: str | None, year: str | None) -> str | None:
    """PMC's citation line: `First Author, et al. Journal. Year;Vol(Issue):Pages.`"""
    authors = [
        c
        for c in meta.findall("contrib-group/contrib")
        if c.get("contrib-type", "author") == "author"
    ]
    first = _person(authors[0]) if authors else None
    source = year or ""
    volume, issue = text_of(meta.find("volume")), text_of(meta.find("issue"))
    if volume:
        source += f";{volume}" + (f"({issue})" if issue else "")
    fpage, lpage = text_of(meta.find("fpage")), text_of(meta.find("lpage"))
    pages = (
        (f"{fpage}-{lpage}" if lpage else fpage) if fpage else text_of(meta.find("elocation-id"))
    )
    if pages:
        source += f":{pages}"
    parts = []
    if first:
        parts.append(first + (", et al" if len(authors) > 1 else ""))
    parts += [p for p in (journal, source) if p]
    return ". ".join(parts) + "." if parts else None


def parse_article(data: bytes) -> tuple[dict[str, object], list[FigInfo]]:
    """The paper's PFOCR fields and its figures. Raises ArticleError for unusable XML."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(data)
    except ParseError as exc:
        raise ArticleError(f"malformed XML: {exc}") from exc
    except DefusedXmlException as exc:
        raise ArticleError(f"refused unsafe XML: {exc}") from exc
    article = root if _local(root.tag) == "article" else root.find(".//article")
    meta = article.find("front/article-meta") if article is not None else None
    if article is None or meta is None:
        raise ArticleError("not a JATS article (no <article>/<front>/<article-meta>)")
    journal = article.find("front/journal-meta")
    if journal is None:
        journal = Element("journal-meta")

    ids = {i.get("pub-id-type"): (i.text or "").strip() for i in meta.findall("article-id")}
    pmcid = ids.get("pmcid") or ids.get("pmc") or None
    if pmcid and not pmcid.upper().startswith("PMC"):
        pmcid = f"PMC{pmcid}"
    nlm_ta = text_of(journal.find("journal-id[@journal-id-type='nlm-ta']"))
    abbrev = nlm_ta or text_of(journal.find("journal-id[@journal-id-type='iso-abbrev']"))
    journal_title = text_of(journal.find(".//journal-title"))
    year = _year(meta)
    keywords = [k for k in (text_of(kwd) for kwd in meta.iter("kwd")) if k]
    paper: dict[str, object] = {
        "pmcid": pmcid,
        "papertitle": text_of(meta.find("title-group/article-title")),
        "reftext": _reftext(meta, abbrev or journal_title, year),
        "year": year,
        "doi": ids.get("doi") or None,
        "journal_title": journal_title,
        "journal_nlm_ta": nlm_ta,
        "publisher_name": text_of(journal.find("publisher/publisher-name")),
        "keywords": " | ".join(keywords) or None,
    }
    figs = []
    for fig in article.iter("fig"):
        fig_id = fig.get("id")
        graphic = next((e for e in fig.iter() if _local(e.tag) == "graphic"), None)
        caption_el = fig.find("caption")
        caption = text_of(caption_el)
        title = _title(text_of(caption_el.find("title"))) if caption_el is not None else None
        figs.append(
            FigInfo(
                fig_id=fig_id,
                href=_href(graphic) if graphic is not None else None,
                number=normalise_number(text_of(fig.find("label"))) or number_from_fig_id(fig_id),
                figtitle=title or _first_sentence(caption),
                caption=caption,
            )
        )
    return paper, figs


def _figures(
    data: bytes,
    source: str,
    pmcid_hint: str | None,
    find_image: Callable[[str], ImageSource | None],
) -> Items:
    try:
        paper, figs = parse_article(data)
    except ArticleError as exc:
        yield failure(source, str(exc))
        return
    pmcid = paper["pmcid"] or pmcid_hint
    if not pmcid:
        yield failure(source, 'no PMC id (<article-id pub-id-type="pmc">) in the article')
        return
    paper["pmcid"] = pmcid
    if not figs:
        yield failure(source, "the article has no <fig>")
    for info in figs:
        label = f"<fig id={info.fig_id!r}>"
        if info.href is None:
            yield failure(source, f"{label} has no <graphic xlink:href>")
            continue
        figid = f"{pmcid}__{_graphic_stem(info.href)}"
        image = find_image(info.href)
        if image is None:
            yield failure(source, f"{label}: no image file for graphic {info.href!r}", figid)
            continue
        figure = Figure.from_metadata(
            {
                **paper,
                "figid": figid,
                "figtitle": info.figtitle,
                "filename": PurePosixPath(image.member or image.path.name).name,
                "figlink": f"/pmc/articles/{pmcid}/figure/{info.fig_id}/" if info.fig_id else None,
                "number": info.number,
                "caption": info.caption,
                "figtype": "Figure",
            },
            image=image,
        )
        yield Found(figure, source)


def _candidates(href: str) -> list[str]:
    name = href.strip()
    if _graphic_stem(name) != PurePosixPath(name).name:
        return [name]
    return [name + suffix for suffix in GRAPHIC_SUFFIXES]


def _pmcid_hint(name: str) -> str | None:
    match = re.match(r"(PMC\d+)", name, re.IGNORECASE)
    return match[1].upper() if match else None


def ingest_nxml(path: Path) -> Items:
    """Figures of one .nxml; PMC puts each figure's image beside it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield failure(path, f"cannot read: {exc.strerror or exc}")
        return
    listings: dict[Path, dict[str, str]] = {}

    def find_image(href: str) -> ImageSource | None:
        for candidate in _candidates(href):
            wanted = path.parent / candidate
            folder = wanted.parent
            if folder not in listings:
                try:
                    listings[folder] = {n.lower(): n for n in os.listdir(folder)}
                except OSError:
                    listings[folder] = {}
            actual = listings[folder].get(wanted.name.lower())
            if actual is not None and (folder / actual).is_file():
                return ImageSource(folder / actual)
        return None

    yield from _figures(data, str(path), _pmcid_hint(path.name), find_image)


def ingest_package(path: Path) -> Items:
    """Figures of a PMC open-access package, read from the archive without extracting it."""
    try:
        with tarfile.open(path, "r:*") as archive:
            yield from _package_figures(path, archive)
    except (OSError, tarfile.TarError, EOFError) as exc:
        yield failure(path, f"not a readable .tar.gz package: {exc}")


def _package_figures(path: Path, archive: tarfile.TarFile) -> Items:
    members = [m for m in archive.getmembers() if m.isfile()]
    by_name = {str(PurePosixPath(m.name)).lower(): m.name for m in members}
    by_basename: dict[str, str] = {}
    for m in members:
        by_basename.setdefault(PurePosixPath(m.name).name.lower(), m.name)
    articles = [m for m in members if m.name.lower().endswith(".nxml")]
    if not articles:
        yield failure(path, "no .nxml article in the package")
    for member in articles:
        source = f"{path}!{member.name}"
        if member.size > MAX_ARTICLE_BYTES:
            yield failure(source, f"article too large ({member.size:,} bytes)")
            continue
        try:
            handle = archive.extractfile(member)
            data = handle.read() if handle is not None else b""
        except (OSError, tarfile.TarError, EOFError) as exc:
            yield failure(source, f"cannot read from the package: {exc}")
            continue
        base = PurePosixPath(member.name).parent

        def find_image(href: str, base: PurePosixPath = base) -> ImageSource | None:
            for candidate in _candidates(href):
                name = by_name.get(str(base / candidate).lower()) or by_basename.get(
                    PurePosixPath(candidate).name.lower()
                )
                if name is not None:
                    return ImageSource(path, member=name)
            return None

        hint = _pmcid_hint(base.name) or _pmcid_hint(path.name)
        yield from _figures(data, source, hint, find_image)
