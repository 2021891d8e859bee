"""The search parameters that the search page and the JSON API share, validated once."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from pathfig.store.search import SearchQuery, parse_genes


class SearchParams(BaseModel):
    q: str = Field(
        "",
        max_length=500,
        description="Words in the figure title, caption or paper title; every word must match.",
    )
    gene: str = Field(
        "",
        max_length=500,
        description="Gene symbols or NCBI Gene IDs, comma or "
        "space separated; every gene must be in the figure.",
    )
    organism: str | None = Field(None, max_length=200, description="Organism name or taxon id.")
    journal: str | None = Field(None, max_length=500)
    year_from: int | None = Field(None, ge=1800, le=2999)
    year_to: int | None = Field(None, ge=1800, le=2999)
    tier: Literal["strict", "synonyms", "all"] = Field(
        "all", description="strict: official symbols; synonyms: adds aliases; all: adds families."
    )
    page: int = Field(1, ge=1, le=1000)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data):
        # An HTML form sends every field, empty ones as "": treat them as not given.
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v != ""}
        return data

    @model_validator(mode="after")
    def _years_in_order(self):
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise ValueError("year_from is after year_to")
        return self

    def query(self, per_page: int = 20) -> SearchQuery:
        return SearchQuery(
            text=self.q,
            genes=parse_genes(self.gene),
            organism=self.organism,
            year_from=self.year_from,
            year_to=self.year_to,
            tier=self.tier,
            journal=self.journal,
            page=self.page,
            per_page=per_page,
        )

    def link(self, **changes) -> str:
        """This search's query string with some parameters changed (for pagination, facets)."""
        from urllib.parse import urlencode

        values = self.model_dump() | changes
        kept = {
            k: v
            for k, v in values.items()
            if v not in (None, "")
            and not (k == "tier" and v == "all")
            and not (k == "page" and v == 1)
        }
        return urlencode(kept)
