"""Running the pipeline over a benchmark folder and reading back what it predicted."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pathfig.errors import NotFoundError
from pathfig.pipeline import Pipeline, RunSummary
from pathfig.records import Failure, Figure
from pathfig.store import Store
from pathfig.taxa import HUMAN

OnResult = Callable[[str, Figure | Failure], None]


def run_benchmark(
    directory: Path, figids: Sequence[str], store: Store, on_result: OnResult | None
) -> dict:
    """Run the pipeline over the benchmark's figures ``figids`` (all of them or a subset).

    The store keeps OCR words by image hash and a figure that has not changed is skipped, so a
    re-run into the same store costs recognition at most, never OCR.
    """
    with figure_folder(directory, figids) as folder:
        summary = Pipeline(store).run([folder], on_result)
    return _summary_dict(summary)


def _link(source: Path, target: Path) -> None:
    os.symlink(source.resolve(), target)


@contextmanager
def figure_folder(
    directory: Path, figids: Sequence[str], place: Callable[[Path, Path], None] = _link
) -> Iterator[Path]:
    """``directory`` itself, or a temporary folder with only some of its figures.

    The pipeline reads a whole folder and reports table rows without an image as failures, so a
    subset needs its own images/ and a figures.tsv cut down to the same rows. ``place`` puts
    each image there (source, target): a link, unless the images are to change (wp's scales),
    in which case a temporary folder is made even for all the figures.
    """
    images = {p.stem: p for p in (directory / "images").iterdir() if not p.name.startswith(".")}
    if place is _link and set(images) <= set(figids):
        yield directory
        return
    with tempfile.TemporaryDirectory(prefix="pathfig-eval-") as tmp:
        folder = Path(tmp)
        (folder / "images").mkdir()
        for figid in figids:
            if figid in images:  # one without an image is left for the run to report
                place(images[figid], folder / "images" / images[figid].name)
        copy_rows(directory / "figures.tsv", folder / "figures.tsv", set(figids))
        yield folder


def copy_rows(source: Path, target: Path, figids: set[str]) -> None:
    """Copy the header and the rows of ``figids``; csv keeps quoted tabs and newlines intact."""
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))  # long captions
    # surrogateescape: the text goes back byte for byte, so the figures' metadata does not
    # change and a figure run before from the full folder is still skipped.
    with (
        source.open(encoding="utf-8", errors="surrogateescape", newline="") as src,
        target.open("w", encoding="utf-8", errors="surrogateescape", newline="") as dst,
    ):
        reader = csv.reader(src, delimiter="\t")
        writer = csv.writer(dst, delimiter="\t", lineterminator="\n")
        header = next(reader)
        column = [h.strip().lower() for h in header].index("figid")
        writer.writerow(header)
        writer.writerows(row for row in reader if len(row) > column and row[column] in figids)


def _summary_dict(summary: RunSummary) -> dict:
    return {
        "done": summary.done,
        "skipped": summary.skipped,
        "failed": summary.failed,
        # figures that failed in an earlier run into this store and were not tried again
        "failed_before": getattr(summary, "failed_before", 0),
        "ocr_runs": summary.ocr_runs,
        "seconds": round(summary.seconds, 1),
        "failures": [
            {"figid": f.figid, "stage": f.stage, "message": f.message} for f in summary.failures
        ],
    }


def predicted_ids(store: Store, figids: Sequence[str], tier: str) -> dict[str, set[str]]:
    """Human NCBI Gene IDs per figure at ``tier``; a figure with none maps to an empty set."""
    wanted = set(figids)
    predicted: dict[str, set[str]] = {f: set() for f in figids}
    for figid, _title, ids in store.gene_sets(HUMAN, tier):
        if figid in wanted:
            predicted[figid] = set(ids)
    return predicted


def non_human_figures(store: Store, figids: Sequence[str]) -> list[dict]:
    """Figures whose text named other organisms but not human, what was named, and how many
    human genes were still predicted.

    Human genes stand in for an animal without a lexicon of its own; a figure recognised only
    for another organism (an added lexicon), or about plants or fungi only, predicts none,
    which the scores alone would not explain.
    """
    found = []
    for figid in figids:
        try:
            organisms = store.figure(figid).organisms_ner
        except NotFoundError:  # a figure that failed; the run summary lists it
            continue
        if organisms and "Homo sapiens" not in organisms:
            human = {m.identifier for m in store.mentions(figid, "gene") if m.organism == HUMAN}
            found.append({"figid": figid, "organisms": organisms, "human_genes": len(human)})
    return found
