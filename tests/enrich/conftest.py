from __future__ import annotations

import random

import pytest

from pathfig.records import Figure, Mention
from pathfig.store import open_store

# 400 fake human genes: NCBI-like IDs "10000".. with symbols "GENE10000"..
POOL = [str(10_000 + i) for i in range(400)]
PLANTED = POOL[:20]  # the planted figure's genes


def symbol(gene_id: str) -> str:
    return f"GENE{gene_id}"


def mention(gene_id: str, tier: str = "strict", organism: int = 9606) -> Mention:
    sym = symbol(gene_id)
    return Mention("gene", sym, sym, gene_id, sym, "ncbigene_symbol", tier, organism, 0.99, None)


def figure_sets(seed: int = 3) -> list[tuple[str, str, list[str]]]:
    """40 random figures of 5-60 genes, plus a planted one."""
    rng = random.Random(seed)
    sets = [(f"PMC{100 + i}__f1", f"Random pathway {i}", rng.sample(POOL, rng.randint(5, 60)))
            for i in range(40)]  # fmt: skip
    sets.append(("PMC999__planted", "The planted pathway", PLANTED))
    return sets


@pytest.fixture
def store(tmp_path):
    store = open_store(str(tmp_path / "x.sqlite"))
    for figid, title, genes in figure_sets():
        figure = Figure(figid=figid, figtitle=title, pmcid=figid.split("__")[0])
        store.save_figure(figure, mentions=[mention(g) for g in genes])
    # A mouse figure: left out of the human index.
    store.save_figure(
        Figure(figid="PMC5__mouse", figtitle="Mouse", pmcid="PMC5"),
        mentions=[mention(g, organism=10090) for g in PLANTED],
    )
    return store


@pytest.fixture
def gmt_file(tmp_path):
    path = tmp_path / "sets.gmt"
    path.write_text("".join(f"{f}\t{t}\t" + "\t".join(symbol(g) for g in genes) + "\n"
                            for f, t, genes in figure_sets()))  # fmt: skip
    return path
