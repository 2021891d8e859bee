"""Organisms named in a figure's caption and titles, as NCBI taxon ids.

Names are matched case-insensitively as whole words: ``rat`` and ``Rats`` count, the "rat" in
``separate`` or ``ratio`` never does; ``mouse-derived`` counts. The result is ordered by first
mention, without repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pathfig.records import Word
from pathfig.taxa import HUMAN, TAXA, taxon

if TYPE_CHECKING:
    from pathfig.recognize.lexicon import Lexicon

# (taxon id, names). Scientific names allow the abbreviated genus ("M. musculus").
_NAMES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (9606, ("homo sapiens", "h. sapiens", "human", "humans", "patient", "patients")),
    (10090, ("mus musculus", "m. musculus", "mouse", "mice", "murine")),
    (10116, ("rattus norvegicus", "r. norvegicus", "rat", "rats")),
    (7955, ("danio rerio", "d. rerio", "zebrafish", "zebra fish")),
    (9031, ("gallus gallus", "g. gallus", "chicken", "chickens", "chick")),
    (8364, ("xenopus tropicalis", "x. tropicalis")),
    (8355, ("xenopus laevis", "x. laevis", "xenopus")),
    (9913, ("bos taurus", "b. taurus", "bovine", "cattle", "cow", "cows")),
    (9823, ("sus scrofa", "s. scrofa", "porcine", "pig", "pigs", "swine")),
    (9615, ("canis lupus familiaris", "canis familiaris", "canine", "dog", "dogs")),
    (9544, ("macaca mulatta", "m. mulatta", "rhesus macaque", "rhesus monkey", "macaque")),
    (7227, ("drosophila melanogaster", "d. melanogaster", "drosophila", "fruit fly", "fly",
            "flies")),
    (6239, ("caenorhabditis elegans", "c. elegans", "nematode", "worm", "worms")),
    (4932, ("saccharomyces cerevisiae", "s. cerevisiae", "saccharomyces", "budding yeast",
            "yeast")),
    (4896, ("schizosaccharomyces pombe", "s. pombe", "fission yeast")),
    (3702, ("arabidopsis thaliana", "a. thaliana", "arabidopsis", "plant", "plants")),
    (39947, ("oryza sativa", "o. sativa", "rice")),
    (4577, ("zea mays", "z. mays", "maize", "corn")),
    (562, ("escherichia coli", "e. coli")),
)  # fmt: skip

# Longest names first, so "fission yeast" is found before "yeast" and claims the text.
_PATTERN = re.compile(
    r"(?<![\w])("
    + "|".join(
        re.escape(name).replace(r"\ ", r"\s+")
        for name in sorted((n for _, names in _NAMES for n in names), key=len, reverse=True)
    )
    + r")(?![\w])",
    re.IGNORECASE,
)
_TAXON_OF = {name: taxid for taxid, names in _NAMES for name in names}
assert set(_TAXON_OF.values()) <= set(TAXA), "every taxon named here is in pathfig.taxa"


def detect_organisms(*texts: str | None) -> list[int]:
    """NCBI taxon ids named in the texts (caption, figure title, paper title), first seen first."""
    found: dict[int, None] = {}
    for text in texts:
        if not text:
            continue
        for match in _PATTERN.finditer(text):
            name = re.sub(r"\s+", " ", match.group(1).lower())
            found.setdefault(_TAXON_OF[name], None)
    return list(found)


# Kingdoms whose gene names do not follow human nomenclature: a plant's, a fungus's or a
# bacterium's labels read as human symbols give the wrong genes (yeast ERG9, NRG1, TPM1;
# plant PIN1, ABI1), so a figure of only these organisms gets no human genes.
_NOT_ANIMAL = frozenset({"Plants", "Fungi", "Bacteria"})

# Gene evidence: identifiers only one organism uses, as printed in figures.
_LOCUS_TAGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (3702, re.compile(r"\bAT[1-5CM]G\d{5}\b", re.IGNORECASE)),  # Arabidopsis AGI codes
    (39947, re.compile(r"\bLOC_Os\d{2}g\d{5}\b|\bOs\d{2}g\d{7}\b")),  # rice
    (4577, re.compile(r"\bGRMZM\d[GM]\d{6}\b|\bZm\d{5}d\d{6}\b")),  # maize
    (4932, re.compile(r"\bY[A-P][LR]\d{3}[WC](?:-[A-B])?\b")),  # yeast ORF names
)
# Plant genes are often printed with a species prefix: AtCPR1, AtMYB2, OsMADS1.
_PLANT_PREFIX = re.compile(r"^(At|Os|Zm)[A-Z]{2,}\d*$")


_PREFIX_TAXON = {"At": 3702, "Os": 39947, "Zm": 4577}


def organisms_from_words(words: Sequence[Word]) -> list[int]:
    """Taxa whose gene identifiers a figure prints (two or more such words), first seen first."""
    counts: dict[int, int] = {}
    for word in words:
        text = word.text
        if not _ANY_DIGIT_OR_PREFIX.search(text):
            continue
        for token in text.split():
            for taxid, pattern in _LOCUS_TAGS:
                if pattern.search(token):
                    counts[taxid] = counts.get(taxid, 0) + 1
            if match := _PLANT_PREFIX.match(token.strip(".,;:()")):
                taxid = _PREFIX_TAXON[match.group(1)]
                counts[taxid] = counts.get(taxid, 0) + 1
    return [t for t, n in counts.items() if n >= _MIN_EVIDENCE]


# Every locus tag has a digit; a prefixed plant name starts a token with At, Os or Zm.
_ANY_DIGIT_OR_PREFIX = re.compile(r"\d|(?:^|\s)(?:At|Os|Zm)[A-Z]")


_MIN_EVIDENCE = 2


def _strong(caption: str | None, titles: Sequence[str | None], words: Sequence[Word]) -> set[int]:
    """Organisms a figure is about, not merely mentions: named in a title, named at least
    twice in the caption (one "in plants" or "in yeast" is often a comparison), or evident
    from the gene identifiers it prints."""
    strong = set(detect_organisms(*titles)) | set(organisms_from_words(words))
    counts: dict[int, int] = {}
    for match in _PATTERN.finditer(caption or ""):
        taxid = _TAXON_OF[re.sub(r"\s+", " ", match.group(1).lower())]
        counts[taxid] = counts.get(taxid, 0) + 1
    return strong | {t for t, n in counts.items() if n >= _MIN_EVIDENCE}


def gene_organisms(
    lexicon: Lexicon,
    *,
    caption: str | None = None,
    figtitle: str | None = None,
    papertitle: str | None = None,
    words: Sequence[Word] = (),
) -> list[int]:
    """The organisms to recognise a figure's genes for.

    Those named in its text (:func:`detect_organisms`) or evident from its gene identifiers
    (:func:`organisms_from_words`) that have a lexicon. If none has one, human stands in for an
    animal (mouse, fly and fish labels mostly follow human nomenclature, and gold lists map
    them to human orthologs), but not for a figure that is about plants, fungi or bacteria
    only: that gets no organism, hence no genes, rather than human namesakes of its labels.
    """
    titles = (figtitle, papertitle)
    found = list(dict.fromkeys([*detect_organisms(caption, *titles), *organisms_from_words(words)]))
    known = [t for t in found if t in lexicon.organisms]
    if known:
        return known
    not_animal = found and all(taxon(t).group in _NOT_ANIMAL for t in found)
    if not_animal and _strong(caption, titles, words):
        return []
    return [HUMAN]
