"""Organisms named in a figure's caption and titles, as NCBI taxon ids.

Names are matched case-insensitively as whole words: ``rat`` and ``Rats`` count, the "rat" in
``separate`` or ``ratio`` never does; ``mouse-derived`` counts. The result is ordered by first
mention, without repeats.
"""

from __future__ import annotations

import re

from pathfig.taxa import TAXA

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
