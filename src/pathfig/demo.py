"""``pathfig demo``: the whole pipeline on the figures bundled with the package."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from pathfig.export import export_jekyll
from pathfig.pipeline import Pipeline, RunSummary
from pathfig.store import Store, open_store


@dataclass
class DemoResult:
    summary: RunSummary
    store: Store
    db: Path
    site: Path

    def table(self, max_genes: int = 8) -> str:
        """A plain-text table: one line per figure with its word and gene counts."""
        lines = [f"{'figid':<10} {'words':>5} {'genes':>5}  {'title':<34} genes found"]
        for figure in self.store.figures():
            genes = list(dict.fromkeys(m.symbol for m in self.store.mentions(figure.figid, "gene")))
            shown = ", ".join(genes[:max_genes]) + (" …" if len(genes) > max_genes else "")
            title = (figure.figtitle or "")[:34]
            words = len(self.store.words(figure.figid))
            lines.append(f"{figure.figid:<10} {words:>5} {len(genes):>5}  {title:<34} {shown}")
        lines.append(f"\n{self.summary.line()}")
        return "\n".join(lines)


def run_demo(out: Path) -> DemoResult:
    out.mkdir(parents=True, exist_ok=True)
    db = out / "pathfig.sqlite"
    store = open_store(str(db))
    with as_file(files("pathfig") / "sample") as sample:
        summary = Pipeline(store).run([Path(sample)])
    site = out / "site"
    export_jekyll(store, site)
    return DemoResult(summary, store, db, site)
