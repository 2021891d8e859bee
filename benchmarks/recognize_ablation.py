"""What each rule of recognizer version 3 buys: scores with one rule switched off at a time.

    .venv/bin/python benchmarks/recognize_ablation.py \
        [--real /tmp/eval-real-v2.sqlite] [--wp /tmp/eval-wp15-v2.sqlite]

Re-recognises the OCR words that ``pathfig eval real|wp`` stored (no OCR runs) and scores them
as ``recognize_whatif.py`` does: the 30 real figures against the gold list (tiers synonyms and
all), the wp figures against WikiPathways' truth (strict and synonyms). Each row switches one
rule back to what recognizer version 2 did, by patching the attribute the rule lives in, so this
file knows the recogniser's internals: it is a measurement, not an interface. Rules of the
lexicon build rebuild the lexicon into a temporary cache folder. The last row scores the full
recogniser against the gold list as it was before its one correction (Histone h3).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

from recognize_whatif import GOLD, WP, ids, recognise

from pathfig import recognize
from pathfig.evaluate.scoring import score_all, summarize
from pathfig.evaluate.tables import read_figids, read_gold, read_wp_truth
from pathfig.recognize import build, candidates, layout, lexicon, phrases, stoplist
from pathfig.recognize import transforms as tf
from pathfig.store import open_store

NEVER = re.compile(r"(?!)")
V2_ADDITIONS = dict(list(build.ADDITIONS.items())[:7])  # MHC … HLA-DR
V2_STOP_KEYS = stoplist.STOP_KEYS - {
    "TYPE", "TYPES", "RISC", "TGN", "TH1", "TH2", "TH9", "TH17", "TH22", "TREG", "TREGS",
}  # fmt: skip
V2_ION = re.compile(r"^(?:Ca|K|Na|H|Cl|Mg|Zn|Fe|Cu|Mn|Co|Ni|Li|Cd|Hg|Pb)\d?(?:\+{1,3}|-{1,2})$")


@contextmanager
def patched(*targets):
    with ExitStack() as stack:
        for owner, name, value in targets:
            stack.enter_context(mock.patch.object(owner, name, value))
        yield


def v2_short_key(hit, piece):
    return hit.rank == 0 or hit.match == piece


# (rule, the patches that switch it off, whether the lexicon must be rebuilt)
ABLATIONS = [
    ("mixed-case short family names (Kir, CaM)", [(lexicon.Lexicon, "cased", lambda *a: False)]),
    ("two-character FamPlex IDs need a grounding string", [(build, "SHORT_ENTITY", 0)], True),
    ("family members named by an alias (eIF2B)", [(build, "FAMILY_SYNONYM", build.SYNONYM)], True),
    ("families and adaptors added (IRF, IκB, TRIF …)", [(build, "ADDITIONS", V2_ADDITIONS)], True),
    ("approved names of a few words", [(build, "printable_name", lambda name: False)], True),
    ("pseudogene aliases left out", [(build, "NEVER_DRAWN", frozenset())], True),
    ("two-character keys: no aliases", [(candidates, "_short_key_admits", v2_short_key)]),
    ("OCR misreadings (elF, IxB, SLC0)", [
        (tf, "fix_ocr_text", lambda text: text),
        (tf, "_OCR_SWAPS", tuple(s for s in tf._OCR_SWAPS if "SLC" not in s[0].pattern)),
    ]),
    ("parentheses, colons, plus signs", [
        (tf, "_SEGMENT_SEP", NEVER), (tf, "_LIST_SEP", re.compile(r"[,;]")),
    ]),
    ("Reactome isoforms (PTPN2-1)", [(candidates, "_ISOFORM", NEVER)]),
    ("stop list: words, complexes, cell types", [
        (stoplist, "STOP_KEYS", V2_STOP_KEYS), (candidates, "STOP_KEYS", V2_STOP_KEYS),
    ]),
    ("stop list: elements, lipids, ions", [
        (stoplist, "_RAW_STOPS", (V2_ION, stoplist._ION_NO_CHARGE)),
    ]),
    ("phrases of several words", [(phrases, "_phrase", lambda *a: (0, []))]),
    ("receptor / cell / pathway after a name", [
        (phrases, "_RECEPTOR", NEVER), (phrases, "_names_other_thing", lambda following: False),
    ]),
    ("stacked lines (joins, pathway boxes)", [(layout, "below", lambda a, b: False)]),
    ("name over a 'signaling' line", [(layout, "is_pathway_word", lambda t: False)]),
]  # fmt: skip


def _fresh(lex):
    lex.token_memo.clear()
    lex._cache.clear()
    return lex


def scores(real_store, wp_store, lex, gold=GOLD):
    out = {}
    truth = read_gold(gold)
    mentions, _ = recognise(real_store, sorted(truth), _fresh(lex))
    for tier in ("synonyms", "all"):
        out[f"real {tier}"] = summarize(score_all(truth, ids(mentions, tier)))["pooled"]
    figids = read_figids(WP / "figures.tsv")
    wp_truth = read_wp_truth(WP / "truth.tsv")
    wp_truth = {f: wp_truth.get(f, []) for f in figids}
    mentions, _ = recognise(wp_store, figids, _fresh(lex))
    for tier in ("strict", "synonyms"):
        out[f"wp {tier}"] = summarize(score_all(wp_truth, ids(mentions, tier)))["pooled"]
    return out


def _row(name, got, full):
    cells = []
    for key in ("real synonyms", "real all"):
        delta = full[key]["f1"] - got[key]["f1"]
        cells.append(f"{got[key]['f1']:.3f} ({delta:+.3f})")
    for key in ("wp strict", "wp synonyms"):
        p, r = got[key]["precision"], got[key]["recall"]
        dp, dr = full[key]["precision"] - p, full[key]["recall"] - r
        cells.append(f"{p:.3f}/{r:.3f} ({dp:+.3f}/{dr:+.3f})")
    return f"| {name} | " + " | ".join(cells) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default="/tmp/eval-real-v2.sqlite")
    parser.add_argument("--wp", default="/tmp/eval-wp15-v2.sqlite")
    args = parser.parse_args()
    real_store = open_store(args.real, create=False)
    wp_store = open_store(args.wp, create=False)
    lex = recognize.load_lexicon()
    full = scores(real_store, wp_store, lex)
    print("| switched off (what it buys in brackets) | real synonyms F1 | real all F1 "
          "| wp strict P/R | wp synonyms P/R |")  # fmt: skip
    print("|---|---|---|---|---|")
    print(_row("nothing: recognizer v3", full, full))
    for name, targets, *rebuild in ABLATIONS:
        with patched(*targets), tempfile.TemporaryDirectory() as cache:
            ablated = recognize.load_lexicon(Path(cache)) if rebuild else lex
            print(_row(name, scores(real_store, wp_store, ablated), full), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        print(_row("gold before the Histone h3 correction", scores(
            real_store, wp_store, lex, _gold_before_correction(Path(folder))), full))  # fmt: skip


def _gold_before_correction(folder):
    """The gold list with its Histone h3 row as first written: FamPlex's HGNC members only."""
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 4 and cells[1] == "Histone h3":
            cells[3:5] = ["H3-4,H3-5", "8290,440093"]
        rows.append("\t".join(cells))
    path = folder / "real_gold.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "reviewed_figures.tsv").write_bytes(
        GOLD.with_name("reviewed_figures.tsv").read_bytes()
    )
    return path


if __name__ == "__main__":
    main()
