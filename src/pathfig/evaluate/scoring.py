"""Precision and recall of predicted NCBI Gene IDs against truth given as *units*.

A unit is the set of IDs that one truth entry stands for, and it is found when *any* of its IDs
is predicted. Most units are a single gene. Two kinds have several IDs:

- a family or complex in the gold list (``ERK`` = MAPK1, MAPK3), whose printed name says "one of
  these" and not "all of these": asking for every member would punish a recogniser for the
  figure's own vagueness;
- a WikiPathways node mapped to several IDs (``MEF2B`` → 4207 and the read-through locus
  100271849): the drawn label names one gene, and the extra ID is one no OCR can read.

The rule, applied identically to every predictor (pathfig and PFOCR alike):

- precision: a predicted ID is a true positive when it belongs to any unit of the figure (gene or
  family member) and a false positive otherwise; so an expanded family is not penalised member by
  member when the figure prints that family;
- recall: found units / units, so a family counts once however many members it has.

Per-figure precision is undefined when nothing is predicted and recall is undefined when the
figure has no truth; such figures are left out of that median (their counts are reported) but
always count in the pooled numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median

Unit = frozenset[str]


@dataclass(frozen=True)
class FigureScore:
    figid: str
    units: int
    found: int  # units with at least one predicted ID
    predicted: int  # distinct predicted IDs
    tp: int  # predicted IDs inside some unit
    false_ids: tuple[str, ...]  # predicted IDs in no unit, sorted
    missed: tuple[tuple[str, ...], ...]  # units not found, each sorted

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.units if self.units else None

    def as_dict(self) -> dict:
        return {
            "figid": self.figid,
            "units": self.units,
            "found": self.found,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "precision": self.precision,
            "recall": self.recall,
            "false_ids": list(self.false_ids),
            "missed": [list(u) for u in self.missed],
        }


def units_of(id_groups: Iterable[Iterable[str]]) -> list[Unit]:
    """Distinct non-empty units, in first-seen order (a label drawn twice counts once)."""
    seen: dict[Unit, None] = {}
    for group in id_groups:
        unit = frozenset(i for i in group if i)
        if unit:
            seen.setdefault(unit, None)
    return list(seen)


def score_figure(figid: str, units: Iterable[Unit], predicted: Iterable[str]) -> FigureScore:
    units = units_of(units)
    predicted_ids = set(predicted)
    members = frozenset().union(*units)
    tp_ids = predicted_ids & members
    missed = [u for u in units if not u & predicted_ids]
    return FigureScore(
        figid=figid,
        units=len(units),
        found=len(units) - len(missed),
        predicted=len(predicted_ids),
        tp=len(tp_ids),
        false_ids=tuple(sorted(predicted_ids - members, key=_id_order)),
        missed=tuple(tuple(sorted(u, key=_id_order)) for u in missed),
    )


def _id_order(identifier: str) -> tuple[int, str]:
    return (int(identifier), "") if identifier.isdigit() else (0, identifier)


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarize(scores: Iterable[FigureScore]) -> dict:
    """Pooled and per-figure median scores of a set of figures, JSON-ready."""
    scores = list(scores)
    tp = sum(s.tp for s in scores)
    predicted = sum(s.predicted for s in scores)
    found = sum(s.found for s in scores)
    units = sum(s.units for s in scores)
    precision, recall = ratio(tp, predicted), ratio(found, units)
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    return {
        "figures": len(scores),
        "pooled": {
            "units": units,
            "found": found,
            "predicted": predicted,
            "tp": tp,
            "fp": predicted - tp,
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
        },
        "median": {
            "precision": median(precisions) if precisions else None,
            "recall": median(recalls) if recalls else None,
            "figures_with_precision": len(precisions),
            "figures_with_recall": len(recalls),
        },
    }


def score_all(
    truth: Mapping[str, list[Unit]], predicted: Mapping[str, Iterable[str]]
) -> list[FigureScore]:
    """One score per truth figure, in figid order; a figure with no prediction predicted nothing."""
    return [score_figure(f, truth[f], predicted.get(f, ())) for f in sorted(truth)]


def agreement(reference: Mapping[str, set[str]], predicted: Mapping[str, set[str]]) -> dict:
    """How much of a reference list (PFOCR's silver) the prediction recovers, and what it adds.

    Pooled over the reference's figures, one figure-ID pair at a time.
    """
    figids = sorted(reference)
    total = sum(len(reference[f]) for f in figids)
    recovered = sum(len(reference[f] & predicted.get(f, set())) for f in figids)
    added = sum(len(predicted.get(f, set()) - reference[f]) for f in figids)
    return {
        "figures": len(figids),
        "reference_ids": total,
        "predicted_ids": sum(len(predicted.get(f, set())) for f in figids),
        "recovered": recovered,
        "recall": ratio(recovered, total),
        "added": added,
    }
