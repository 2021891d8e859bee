"""Plain-text tables for the result dicts of the evaluations (``wp``, ``real``, ``crops``)."""

from __future__ import annotations

from collections.abc import Sequence

from pathfig.errors import BadInputError


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell; numbers right-aligned, text left-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    numeric = [
        all(_is_number(row[i]) for row in rows) if rows else False for i in range(len(header))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line([str(h) for h in header]), rule, *(line(r) for r in cells)])


def _is_number(value: object) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def render(result: dict) -> str:
    """Any evaluation's result as plain text."""
    kind = result.get("benchmark")
    renderer = {"wp": _render_wp, "real": _render_real, "crops": _render_crops}.get(kind)
    if renderer is None:
        raise BadInputError(f"not an evaluation result (benchmark {kind!r})")
    return renderer(result).rstrip() + "\n"


def _run_line(run: dict | None) -> str:
    if run is None:
        return "run: none (scored from what the store already held)"
    text = (
        f"run: {run['done']} processed ({run['ocr_runs']} OCR runs), {run['skipped']} unchanged, "
        f"{run['failed']} failed in {run['seconds']:.1f} s"
    )
    if run.get("failed_before"):
        text += f", {run['failed_before']} failed in an earlier run (not retried)"
    failures = [f"  failed {f['figid']} at {f['stage']}: {f['message']}" for f in run["failures"]]
    return "\n".join([text, *failures])


def _score_row(label: str, summary: dict) -> list[object]:
    pooled, med = summary["pooled"], summary["median"]
    return [
        label,
        pooled["precision"],
        pooled["recall"],
        pooled["f1"],
        med["precision"],
        med["recall"],
        pooled["tp"],
        pooled["fp"],
        pooled["found"],
        pooled["units"],
    ]


_SCORE_HEADER = (
    "",
    "P pooled",
    "R pooled",
    "F1",
    "P median",
    "R median",
    "TP",
    "FP",
    "found",
    "truth",
)


def _non_human(result: dict) -> list[str]:
    items = result.get("non_human") or []
    if not items:
        return []
    none = [i for i in items if i.get("human_genes") == 0]
    names = ", ".join(f"{i['figid']} ({'/'.join(i['organisms'])})" for i in none)
    lines = [
        f"\nnamed other organisms, not human ({len(items)}); human genes stand in for animals "
        f"without a lexicon of their own"
    ]
    if none:
        lines.append(f"of them with no human genes predicted ({len(none)}): {names}")
    return lines


def _render_wp(result: dict) -> str:
    subset = f", first {result['limit']} by figid" if result.get("limit") else ""
    if result.get("scale"):
        subset += f", read at {result['scale']:g}x"
    rows = [_score_row(tier, s) for tier, s in result["scores"].items()]
    rows += [
        [name, r["pooled_precision"], r["pooled_recall"], None, r["median_precision"],
         r["median_recall"], None, None, None, None]
        for name, r in result["reference"].items()
    ]  # fmt: skip
    worst = [
        [
            s["figid"],
            s["units"],
            s["found"],
            s["fp"],
            " ".join(" | ".join(u) for u in s["missed"][:8]),
        ]
        for s in result.get("worst_strict", [])
    ]
    return "\n".join(
        [
            f"WikiPathways benchmark: {result['figures']} figures{subset} "
            f"({result['figures_with_genes']} with gene nodes), {result['directory']}",
            _run_line(result.get("run")),
            "",
            format_table(_SCORE_HEADER, rows),
            "(truth: distinct NCBI Gene IDs of gene-like nodes, a node mapped to several IDs "
            "counting once; found/truth count them)",
            *_non_human(result),
            "",
            "most genes missed at tier strict:",
            format_table(("figid", "truth", "found", "FP", "missed (first 8)"), worst),
        ]
    )


def _render_real(result: dict) -> str:
    silver = [
        [tier, a["reference_ids"], a["recovered"], a["recall"], a["predicted_ids"], a["added"]]
        for tier, a in result["silver_agreement"].items()
    ]
    parts = [
        f"Real PMC benchmark: {result['figures']} figures"
        + (f", first {result['limit']} by figid" if result.get("limit") else "")
        + f", {result['directory']}",
        _run_line(result.get("run")),
        "",
        "agreement with PFOCR's silver lists (pooled over figure-gene pairs):",
        format_table(
            ("tier", "PFOCR ids", "recovered", "recall", "pathfig ids", "pathfig adds"), silver
        ),
        "",
        f"against the gold list {result['gold_file']}",
        f"rule: {result['gold_rule']}",
    ]
    if result["gold_missing_from_set"]:
        parts.append(f"gold figures not in this set: {', '.join(result['gold_missing_from_set'])}")
    for name, subset in result["gold"].items():
        rows = []
        for tier, scores in subset["tiers"].items():
            rows.append(_score_row(f"pathfig {tier}", scores["pathfig"]))
            rows.append(_score_row(f"PFOCR {tier}", scores["pfocr"]))
        diffs = ", ".join(
            f"{tier} {_cell(s['f1_difference'])}" for tier, s in subset["tiers"].items()
        )
        parts += [
            "",
            f"{name} ({subset['figures']}):",
            format_table(_SCORE_HEADER, rows),
            f"F1 pathfig - PFOCR: {diffs}",
        ]
    per_figure = [
        [
            f["figid"][:40],
            f["pathfig"]["units"],
            f["pathfig"]["found"],
            f["pathfig"]["tp"],
            f["pathfig"]["fp"],
            f["pfocr"]["found"],
            f["pfocr"]["tp"],
            f["pfocr"]["fp"],
        ]
        for f in result["gold_figures"]
    ]
    parts += [
        "",
        "per gold figure, tier all:",
        format_table(
            ("figid", "gold", "pf found", "pf TP", "pf FP", "PFOCR found", "PFOCR TP", "PFOCR FP"),
            per_figure,
        ),
        *_non_human(result),
    ]
    return "\n".join(parts)


def _render_crops(result: dict) -> str:
    rows = [["pathfig " + result["engine"], result["word_acc"], result["word_acc_ignore_case"],
             result["one_minus_ned"]]]  # fmt: skip
    if ref := result.get("reference"):
        rows.append(
            [ref["model"], ref["word_acc"], ref["word_acc_ignore_case"], ref["one_minus_ned"]]
        )
    errors = [[f, t, p] for f, t, p in result["errors"][:25]]
    return "\n".join(
        [
            f"Crops benchmark: {result['n']} crops, {result['directory']}",
            "",
            format_table(("engine", "word acc", "ignoring case", "1 - NED"), rows),
            "",
            f"misread crops: {len(result['errors'])} (first {len(errors)}):",
            format_table(("crop", "truth", "read"), errors),
        ]
    )
