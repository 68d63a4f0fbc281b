#!/usr/bin/env python3
"""SIPRI's trade register into a store, as a user runs it, and the analyses on it.

    python benchmarks/sipri_import.py [--shared ../shared] [--news-store DIR]
                                      [--out out/bench/sipri-import.json]

Imports both exports of the shared data folder (``data/sipri/``) into a fresh embedded store
with ``armsgraph import-sipri`` in a child process (wall, CPU, peak RSS of its tree), then
imports the classic file again (nothing must change), and times ``stats --register`` for
2019-2023 (its first five suppliers against SIPRI's published ranking: United States,
France, Russia, China, Germany). With ``--news-store`` (a store of news claims, e.g. the
whole Reuters-21578 corpus from ``corpus_build.py --keep``), a copy of it gets the classic
import and ``corroborate`` is timed on it, with its counts. Target (issue 12): the classic
file imports in under 60 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_build import ARMSGRAPH, dir_mb, measured, print_checks, write_figures  # noqa: E402

TARGET_S = 60.0
SIPRI_TOP5 = ["United States", "France", "Russia", "China", "Germany"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--news-store", type=Path, help="a store of news claims to corroborate")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench" / "sipri-import.json")
    args = ap.parse_args(argv)
    folder = args.shared / "data" / "sipri"
    classic = folder / "trade-register.csv"
    deliveries = folder / "trade-register-deliveries-1995-2024.csv"
    if not classic.is_file() or not deliveries.is_file():
        print(f"error: {folder}: the SIPRI exports are not there (give --shared)")
        return 2
    work = Path(tempfile.mkdtemp(prefix="armsgraph-sipri-"))
    figures: dict = {}
    try:
        store = work / "store"
        for name, path in (("classic", classic), ("deliveries", deliveries)):
            run = measured([*ARMSGRAPH, "import-sipri", str(path), "--store", str(store)],
                           work / f"{name}.log")
            figures[f"import_{name}"] = run
            print(f"import {path.name}: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, "
                  f"peak {run['peak_rss_mb']:.0f} MB, exit {run['exit_code']}")
        figures["store_mb"] = dir_mb(store)
        again = measured([*ARMSGRAPH, "import-sipri", str(classic), "--store", str(store)],
                         work / "again.log")
        figures["import_again"] = again
        print(f"again: {again['wall_s']:.1f} s: {again['output'].strip()}")
        cmd = [*ARMSGRAPH, "stats", "--store", str(store), "--register", "--since", "2019",
               "--until", "2023", "--format", "json"]
        stats = measured(cmd, work / "stats.log")
        text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        top = json.loads(text)["register_suppliers_tiv"][:5]
        figures["stats_register"] = {**stats, "top5": top, "output": ""}
        print(f"stats --register 2019-2023: {stats['wall_s']:.1f} s, peak "
              f"{stats['peak_rss_mb']:.0f} MB: " + ", ".join(
                  f"{r['actor']} {r['share']}" for r in top))
        checks = {
            "classic import under 60 s": figures["import_classic"]["wall_s"] < TARGET_S,
            "both imports exit 0": all(figures[k]["exit_code"] == 0 for k in (
                "import_classic", "import_deliveries")),
            "import again changes nothing": "nothing changed" in again["output"],
            "top five as SIPRI's ranking": [r["actor"] for r in top] == SIPRI_TOP5,
        }
        if args.news_store:
            news = work / "news"
            shutil.copytree(args.news_store, news)
            measured([*ARMSGRAPH, "import-sipri", str(classic), "--store", str(news)],
                     work / "news-import.log")
            out = work / "corroboration.json"
            run = measured([*ARMSGRAPH, "corroborate", "--store", str(news), "--format", "json",
                            "-o", str(out)], work / "corroborate.log")
            lists = json.loads(out.read_text("utf-8"))
            figures["corroborate"] = {**run, "counts": {k: len(v) for k, v in lists.items()}}
            print(f"corroborate: {run['wall_s']:.1f} s: " + ", ".join(
                f"{k} {len(v)}" for k, v in lists.items()))
            checks["corroborate exits 0"] = run["exit_code"] == 0
        figures["checks"] = checks
        print_checks(checks)
        write_figures(figures, args.out)
        return 0 if all(checks.values()) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
