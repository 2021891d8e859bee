"""Real-looking figures for the web tests: real images, mentions with boxes, hostile text."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from pathfig.records import Figure, Mention, content_hash
from pathfig.store import StoredImage, open_store

SAMPLE = Path(str(files("pathfig") / "sample"))
SIZES = {"WP1434": (1076, 1484), "WP2113": (968, 878), "WP4537": (1129, 1147)}
XSS = "<script>alert('x')</script>"


def sample_image(name: str) -> StoredImage:
    data = (SAMPLE / "images" / f"{name}.png").read_bytes()
    return StoredImage(content_hash(data), data, "image/png", *SIZES[name])


def gene(symbol, identifier, box, *, tier="strict", word=None, organism=9606) -> Mention:
    source = {
        "strict": "ncbigene_symbol",
        "synonyms": "ncbigene_synonym",
        "all": "famplex_relations",
    }[tier]
    return Mention(
        "gene",
        word or symbol,
        word or symbol,
        identifier,
        symbol,
        source,
        tier,
        organism,
        0.98,
        box,
    )


FIGURES = [
    (
        Figure(
            figid="PMC7757046__ijbsv17p0204g001",
            pmcid="PMC7757046",
            figtitle="Pattern of mechanisms of IL-6 promoting the integrity of the intestinal "
            "epithelium",
            caption="IL-6 assists maintain intestinal homeostasis through classical and "
            "trans-signaling: JAK/STAT3 signaling in paneth cells.",
            papertitle="Biological characteristics of IL-6 and related intestinal diseases.",
            reftext="Yuexin Guo, et al. Int J Biol Sci. 2021;17(1):204-219.",
            year="2021",
            journal_title="International Journal of Biological Sciences",
            filename="ijbsv17p0204g001.jpg",
            figlink="pmc/articles/PMC7757046/figure/F1/",
            number="F1",
            organisms=["Homo sapiens"],
            automl_pathway=0.885,
        ),
        "WP2113",
        [
            gene("IL6", "3569", (100.0, 120.0, 180.0, 150.0)),
            gene("STAT3", "6774", (300.0, 400.0, 390.0, 430.0)),
            gene("JAK1", "3716", (500.0, 600.0, 560.0, 628.0), tier="synonyms", word="JAK"),
            Mention(
                "chemical",
                "ATP",
                "ATP",
                "CHEBI:15422",
                "ATP",
                "chebi",
                "strict",
                9606,
                0.9,
                (700.0, 100.0, 740.0, 120.0),
            ),
            Mention(
                "disease",
                "colitis",
                "colitis",
                "MESH:D003092",
                "Colitis",
                "mesh",
                "strict",
                9606,
                0.9,
                (40.0, 800.0, 120.0, 830.0),
            ),
        ],
    ),
    (
        Figure(
            figid="PMC10846991__j-krcp-23-071f3",
            pmcid="PMC10846991",
            figtitle="Kidney injury signaling through TGF-beta and SMAD3",
            caption="TGF-β activates SMAD3; STAT3 and IL-6 contribute to fibrosis in mice.",
            papertitle="Mechanisms of fibrosis in chronic kidney disease",
            year="2024",
            journal_title="Kidney Research and Clinical Practice",
            number="F3",
            organisms=["Mus musculus"],
            organisms_ner=["Mus musculus"],
        ),
        "WP4537",
        [
            gene("Tgfb1", "21803", (10.0, 10.0, 60.0, 40.0), organism=10090),
            gene("Smad3", "17127", (200.0, 220.0, 260.0, 250.0), organism=10090),
            gene("Stat3", "20848", (600.0, 700.0, 660.0, 730.0), organism=10090),
        ],
    ),
    (
        Figure(
            figid="PMC1__xss",
            pmcid="PMC1",
            figtitle=f"Osteopontin {XSS} signaling",
            caption=f"A caption with {XSS} and <b>markup</b> & ampersands.",
            papertitle="Osteopontin regulates MMP-9",
            year="2010",
            journal_title="J Evil <i>Journal</i>",
            organisms=["Homo sapiens"],
        ),
        "WP1434",
        [
            gene("MMP9", "4318", (846.0, 522.0, 894.0, 544.0)),
            gene("RELA", "5970", (0.0, 0.0, 1076.0, 1484.0)),
        ],
    ),
]


def build(db: str, extra: int = 0) -> str:
    """A store with the figures above and ``extra`` plain ones (for pagination)."""
    store = open_store(db)
    for figure, image, mentions in FIGURES:
        store.save_figure(figure, mentions=mentions, image=sample_image(image))
    for i in range(extra):
        figure = Figure(
            figid=f"PMC9{i:03d}__f1",
            pmcid=f"PMC9{i:03d}",
            year=str(2000 + i % 10),
            figtitle=f"Wnt pathway overview {i}",
            caption="Wnt binds Frizzled.",
            papertitle="Wnt reviews",
            organisms=["Danio rerio"],
        )
        store.save_figure(figure, mentions=[gene("CTNNB1", "1499", (1.0, 1.0, 9.0, 9.0))])
    store.engine.dispose()
    return db
