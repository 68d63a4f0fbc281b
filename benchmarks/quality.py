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

    from armsgraph.api import extract_transfers
    from armsgraph.extract.pipeline import build_nlp

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
    re3d = args.shared / "data" / "re3d"
    if re3d.is_dir():
        results["re3d"] = re3d_figures(re3d, nlp, args.out, show=args.errors)
        r = results["re3d"]
        print(f"re3d: {r['documents']} documents")
        print(f"  weapon mentions  recall={r['mention_recall']:.3f} ({r['gold_found']}/"
              f"{r['gold_mentions']} gold Weapon/MilitaryPlatform entities overlapped)  "
              f"precision={r['mention_precision']:.3f} ({r['pred_correct']}/{r['pred_mentions']} "
              "predicted mentions overlap one)")
        print(f"  transfer claims: {r['claims']} (listed in {args.out / 're3d-claims.jsonl'})")
    (args.out / "quality.json").write_text(json.dumps(results, indent=2))
    return 0


GOLD_WEAPON_TYPES = ("Weapon", "MilitaryPlatform")


def _jsonl(path: Path):
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.strip().lstrip("\ufeff")
            if line:
                yield json.loads(line)


def re3d_figures(root: Path, nlp, out: Path, show: bool = False) -> dict:
    """Weapon-mention recall and precision against re3d's Weapon and MilitaryPlatform
    entities (a predicted mention counts when it overlaps a gold one), and every transfer
    claim the extractor finds in these 98 documents about fighting."""
    from armsgraph.extract.pipeline import extract_claims
    from armsgraph.extract.sources import Document

    docs, gold = [], {}
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        for d in _jsonl(folder / "documents.json"):
            docs.append(Document(id=d["_id"], text=d["text"], title=d.get("title"),
                                 url=d.get("sourceUrl"), publisher=d.get("sourceName")))
        for e in _jsonl(folder / "entities.json"):
            if e["type"] in GOLD_WEAPON_TYPES:
                gold.setdefault(e["documentId"], set()).add((e["begin"], e["end"], e["value"]))
    gold_n = gold_found = pred_n = pred_ok = 0
    misses: list[str] = []
    wrong: list[str] = []
    n_claims = 0
    claims_path = out / "re3d-claims.jsonl"
    with claims_path.open("w", encoding="utf-8") as fh:
        for (document, claims), doc in zip(extract_claims(docs, nlp),
                                           nlp.pipe(d.text for d in docs), strict=True):
            for c in claims:
                n_claims += 1
                fh.write(json.dumps(c.to_record(), ensure_ascii=False) + "\n")
            spans = [(s.start_char, s.end_char, s.text) for s in doc.spans["weapons"]]
            golds = gold.get(document.id, set())
            gold_n += len(golds)
            for b, e, v in golds:
                if any(s < e and b < t for s, t, _ in spans):
                    gold_found += 1
                else:
                    misses.append(v)
            pred_n += len(spans)
            for s, t, v in spans:
                if any(s < e and b < t for b, e, _ in golds):
                    pred_ok += 1
                else:
                    wrong.append(v)
    if show:
        print("re3d gold mentions missed:", sorted(misses, key=str.lower))
        print("re3d predicted mentions with no gold:", sorted(wrong, key=str.lower))
    return {"documents": len(docs), "gold_mentions": gold_n, "gold_found": gold_found,
            "mention_recall": gold_found / gold_n if gold_n else 1.0,
            "pred_mentions": pred_n, "pred_correct": pred_ok,
            "mention_precision": pred_ok / pred_n if pred_n else 1.0, "claims": n_claims}


if __name__ == "__main__":
    sys.exit(main())
