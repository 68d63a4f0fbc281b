#!/usr/bin/env python3
"""Extraction quality on the hand-labelled dev sets, scored by the project's scorer.

    python benchmarks/quality.py [--errors] [--shared ../shared]

Runs the extractor on ``data/dev/transfers-dev.jsonl`` and ``data/dev/seed-gold.jsonl``
of the shared folder, writes the predictions to ``out/bench/``, and prints the figures of
``tools/score_transfers.py`` (pair, pair+category, status accuracy) for each set, and the
number of false positives on the dev set's negative units.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--errors", action="store_true", help="list the units not matched exactly")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    args = ap.parse_args(argv)
    dev = args.shared / "data" / "dev"
    scorer = args.shared / "tools" / "score_transfers.py"
    if not dev.is_dir() or not scorer.is_file():
        print(f"skipped: {dev} or {scorer} not found", file=sys.stderr)
        return 0

    from armsgraph.extract.pipeline import build_nlp

    from armsgraph.api import extract_transfers

    nlp = build_nlp()
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in ("transfers-dev", "seed-gold"):
        gold = dev / f"{name}.jsonl"
        pred = args.out / f"{name}.pred.jsonl"
        with pred.open("w", encoding="utf-8") as fh:
            for _doc, claims in extract_transfers([gold], nlp=nlp):
                for c in claims:
                    fh.write(json.dumps(c.to_record(), ensure_ascii=False) + "\n")
        cmd = [sys.executable, str(scorer), str(gold), str(pred), "--json"]
        if args.errors:
            cmd.append("--errors")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        lines = out.strip().splitlines()
        if args.errors:
            for line in lines[:-1]:
                print(line)
        figures = json.loads(lines[-1])
        negatives = {json.loads(x)["id"] for x in gold.open(encoding="utf-8")
                     if not json.loads(x)["transfers"]}
        fp_neg = sum(1 for x in pred.open(encoding="utf-8") if json.loads(x)["doc_id"] in negatives)
        figures["false_positives_on_negatives"] = fp_neg
        figures["negative_units"] = len(negatives)
        results[name] = figures
        print(f"{name}: units={figures['units']}")
        for level in ("pair", "pair+category"):
            r = figures[level]
            print(f"  {level:14s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
                  f"(tp={r['tp']} pred={r['predicted']} gold={r['gold']})")
        print(f"  status accuracy over pair+category matches: {figures['status_accuracy']}")
        print(f"  claims on negative units: {fp_neg} (of {len(negatives)} negative units)")
    (args.out / "quality.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
