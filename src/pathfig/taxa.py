"""Organisms pathfig knows by NCBI taxon id, named and grouped as in PFOCR's gene tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Taxon:
    taxid: int
    name: str  # scientific name, as PFOCR's organism_name
    group: str  # PFOCR's organism_group


HUMAN = 9606

TAXA: dict[int, Taxon] = {
    t.taxid: t
    for t in (
        Taxon(9606, "Homo sapiens", "Primates"),
        Taxon(10090, "Mus musculus", "Rodents"),
        Taxon(10116, "Rattus norvegicus", "Rodents"),
        Taxon(7955, "Danio rerio", "Vertebrates"),
        Taxon(9031, "Gallus gallus", "Vertebrates"),
        Taxon(8364, "Xenopus tropicalis", "Vertebrates"),
        Taxon(8355, "Xenopus laevis", "Vertebrates"),
        Taxon(9913, "Bos taurus", "Mammals"),
        Taxon(9823, "Sus scrofa", "Mammals"),
        Taxon(9615, "Canis lupus familiaris", "Mammals"),
        Taxon(9544, "Macaca mulatta", "Primates"),
        Taxon(7227, "Drosophila melanogaster", "Invertebrates"),
        Taxon(6239, "Caenorhabditis elegans", "Invertebrates"),
        Taxon(4932, "Saccharomyces cerevisiae", "Fungi"),
        Taxon(559292, "Saccharomyces cerevisiae S288C", "Fungi"),
        Taxon(4896, "Schizosaccharomyces pombe", "Fungi"),
        Taxon(3702, "Arabidopsis thaliana", "Plants"),
        Taxon(39947, "Oryza sativa Japonica Group", "Plants"),
        Taxon(4577, "Zea mays", "Plants"),
        Taxon(562, "Escherichia coli", "Bacteria"),
    )
}


def taxon(taxid: int) -> Taxon:
    """The taxon for an id; one PFOCR does not name gets its id as name and group 'Other'."""
    return TAXA.get(taxid) or Taxon(taxid, f"NCBITaxon:{taxid}", "Other")


def taxid_by_name(name: str) -> int | None:
    wanted = name.strip().lower()
    for t in TAXA.values():
        if t.name.lower() == wanted:
            return t.taxid
    return None
