#!/usr/bin/env python3
"""Extraction quality on the hand-labelled dev sets, scored by the project's scorer.

    python benchmarks/quality.py [--errors] [--shared ../shared]

Runs the extractor on the shared folder's gold sets (``data/dev/transfers-dev.jsonl``,
written for the project; ``data/dev/seed-gold.jsonl``; ``data/dev/real-dev.jsonl``, real
newswire, whole and in the two halves of ``tools/split_by_doc.py``) and on the project's
own real test data (``tests/data/real/*.jsonl``: US government releases and Wikipedia,
labelled before the extractor ever ran on them), writes the predictions to ``out/bench/``,
and prints the figures of ``tools/score_transfers.py`` (pair, pair+category, status
accuracy) for each set, and the claims on each set's negative units. re3d's weapon
entities measure weapon-mention recall and precision.
"""

from __future__ import annotations

import argparse
import json
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
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="another gold file to score (repeatable), e.g. a private tuning set")
    args = ap.parse_args(argv)
    dev = args.shared / "data" / "dev"
    tools = args.shared / "tools"
    if not dev.is_dir() or not (tools / "score_transfers.py").is_file():
        print(f"skipped: {dev} or {tools / 'score_transfers.py'} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(tools))
    from score_transfers import score  # the shared scorer, the one every figure comes from
    from split_by_doc import half

    from armsgraph.api import extract_transfers
    from armsgraph.extract.pipeline import build_nlp

    nlp = build_nlp()
    args.out.mkdir(parents=True, exist_ok=True)
    sets: list[tuple[str, list[dict]]] = []
    for name in ("transfers-dev", "seed-gold"):
        sets.append((name, list(_jsonl(dev / f"{name}.jsonl"))))
    real = list(_jsonl(dev / "real-dev.jsonl"))
    sets.append(("real-dev", real))
    sets.append(("real-dev half A", [u for u in real if half(u.get("doc") or u["id"]) == 0]))
    sets.append(("real-dev half B", [u for u in real if half(u.get("doc") or u["id"]) == 1]))
    for path in sorted((ROOT / "tests" / "data" / "real").glob("*.jsonl")) + args.extra:
        sets.append((path.stem, list(_jsonl(path))))
    results = {}
    for name, units in sets:
        preds = _predict(units, nlp, extract_transfers, args.out / f"{_slug(name)}.pred.jsonl")
        # claims that name neither side are outside the design (a claim names at least one
        # side, DESIGN.md): scored as written, and also without them
        figures, errors = score(units, preds)
        sided = [dict(u, transfers=[t for t in u["transfers"] if t["supplier"] or
                                    t["recipient"]]) for u in units]
        figures["without_sideless_gold"] = score(sided, preds)[0]["pair"]
        negatives = {u["id"] for u in units if not u["transfers"]}
        figures["false_positives_on_negatives"] = sum(len(preds.get(i, [])) for i in negatives)
        figures["negative_units"] = len(negatives)
        results[name] = figures
        _print(name, figures)
        if args.errors:
            for e in errors:
                print("   ", json.dumps(e, ensure_ascii=False))
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


def _slug(name: str) -> str:
    return name.replace(" ", "-")


def _predict(units: list[dict], nlp, extract_transfers, path: Path) -> dict[str, list[dict]]:
    """Run the extractor over gold units (each unit a document) and write the records."""
    tmp = path.with_suffix(".in.jsonl")
    with tmp.open("w", encoding="utf-8") as fh:
        for u in units:
            fh.write(json.dumps({"id": u["id"], "text": u["text"]}, ensure_ascii=False) + "\n")
    preds: dict[str, list[dict]] = {}
    with path.open("w", encoding="utf-8") as fh:
        for _doc, claims in extract_transfers([tmp], nlp=nlp):
            for c in claims:
                rec = c.to_record()
                preds.setdefault(rec["doc_id"], []).append(rec)
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.unlink()
    return preds


def _print(name: str, figures: dict) -> None:
    print(f"{name}: units={figures['units']}")
    for level in ("pair", "pair+category"):
        r = figures[level]
        print(f"  {level:14s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
              f"(tp={r['tp']} pred={r['predicted']} gold={r['gold']})")
    r = figures["without_sideless_gold"]
    print(f"  pair, gold claims naming a side only: P={r['precision']:.3f} R={r['recall']:.3f} "
          f"F1={r['f1']:.3f}")
    print(f"  status accuracy over pair+category matches: {figures['status_accuracy']}")
    print(f"  claims on negative units: {figures['false_positives_on_negatives']} "
          f"(of {figures['negative_units']} negative units)")


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
