"""What a search asks and what it answers: the query with its parsed terms, and result cards.

User text never reaches a full-text syntax: every whitespace-separated chunk becomes one quoted
term (a phrase when the tokenizer splits it, like ``IL-6``), and the terms are ANDed. FTS5's
MATCH and PostgreSQL's ``websearch_to_tsquery`` read the same quoted string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pathfig.errors import BadInputError

# Precision tiers from narrowest to widest; each includes the ones before it.
TIERS = ("strict", "synonyms", "all")
MAX_TERMS = 12
MAX_GENES = 20


def terms(text_: str) -> list[str]:
    """The user's words as plain terms: quotes and control characters dropped."""
    cleaned = re.sub(r'["\x00-\x1f]', " ", text_ or "")
    return [t for t in cleaned.split() if re.search(r"\w", t)]


def quoted_terms(text_: str) -> str:
    """Each term in double quotes, so ``or``, ``-x`` or ``NEAR`` stay words, never operators."""
    return " ".join(f'"{t}"' for t in terms(text_))


def parse_genes(value: str | None) -> tuple[str, ...]:
    """``IL6, STAT3 7157`` → ('IL6', 'STAT3', '7157'): comma or space separated."""
    return tuple(dict.fromkeys(g for g in re.split(r"[\s,;]+", value or "") if g))


def tiers_up_to(tier: str) -> tuple[str, ...]:
    if tier not in TIERS:
        raise BadInputError(f"unknown tier {tier!r}; one of {', '.join(TIERS)}")
    return TIERS[: TIERS.index(tier) + 1]


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    genes: tuple[str, ...] = ()
    organism: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    tier: str = "all"
    journal: str | None = None
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        tiers_up_to(self.tier)
        if len(terms(self.text)) > MAX_TERMS:
            raise BadInputError(f"at most {MAX_TERMS} search terms")
        if len(self.genes) > MAX_GENES:
            raise BadInputError(f"at most {MAX_GENES} genes")

    @property
    def empty(self) -> bool:
        return not (
            terms(self.text)
            or self.genes
            or self.organism
            or self.journal
            or self.year_from
            or self.year_to
        )


@dataclass(frozen=True)
class GeneHit:
    symbol: str
    identifier: str
    matched: bool


@dataclass(frozen=True)
class Hit:
    figid: str
    figtitle: str | None
    papertitle: str | None
    caption: str | None
    year: str | None
    journal: str | None
    pmcid: str | None
    organisms: list[str]
    genes: list[GeneHit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    hits: list[Hit]
    total: int
    # True when more than ``total`` figures match: the count stopped at the cap.
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.pages


@dataclass(frozen=True)
class ImageInfo:
    media_type: str
    width: int
    height: int
