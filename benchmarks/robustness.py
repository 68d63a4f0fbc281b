#!/usr/bin/env python3
"""No input can sink a batch: a 20 MB text file, a 5 MB single line and every kind of bad
input, built together with good files, as a user runs it.

    python benchmarks/robustness.py [--shared ../shared] [--out out/bench/robustness.json]

Makes one folder holding the seed article, a 20 MB text file and a 5 MB single line
(Reuters-21578 stories, so real text that the pipeline parses in full), an empty file,
a binary file, a Latin-1 file, a JSON Lines file with good lines around a broken one, a
line with a bad byte and a line with a URL and a title full of ``| { " \\`` and control
characters, and two files whose ids collide (``a.txt`` and ``a.md``). Then runs
``armsgraph build FOLDER --store DIR --out DIR`` in a child process and checks that:

- the run ends with status 2 and one stderr line per bad input, each naming its file;
- every good document is in the store, the seed's claims are those of the seed built alone,
  and the large files were parsed (their documents hold claims);
- the export parses back as RDF; invalid UTF-8 on stdin is one line too.

It records the wall time and peak memory of the batch (and, with ``--alone``, of each
large file extracted alone).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from argparse import ArgumentParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_build import ARMSGRAPH, measured, print_checks, write_figures  # noqa: E402
from reuters import reuters_folder, reuters_stories  # noqa: E402

SEED = ROOT / "seeds" / "000_cf215c8622a80a14.txt"


def real_text(shared: Path, size: int, sep: str) -> str:
    """Reuters stories joined by ``sep`` up to ``size`` characters (the corpus again and
    again if need be)."""
    stories = [text for _, text in reuters_stories(shared / "data" / "reuters21578")]
    parts, total = [], 0
    while total < size:
        for text in stories:
            text = text if sep == "\n\n" else " ".join(text.split())
            parts.append(text)
            total += len(text) + len(sep)
            if total >= size:
                break
    return sep.join(parts)


def claims_by_doc(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.setdefault(rec["doc_id"], []).append(json.dumps(rec, sort_keys=True))
    return {k: sorted(v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--alone", action="store_true",
                    help="also extract each large file alone (slow: twice the parse)")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench" / "robustness.json")
    args = ap.parse_args(argv)
    if reuters_folder(args.shared) is None:
        return 2
    work = Path(tempfile.mkdtemp(prefix="armsgraph-robust-"))
    batch = work / "batch"
    batch.mkdir()
    figures: dict = {"checks": {}}
    checks = figures["checks"]
    try:
        shutil.copy(SEED, batch / SEED.name)
        (batch / "big.txt").write_text(real_text(args.shared, 20 * 2**20, "\n\n"), "utf-8")
        (batch / "oneline.txt").write_text(real_text(args.shared, 5 * 2**20, " "), "utf-8")
        (batch / "empty.txt").write_bytes(b"")
        (batch / "binary.txt").write_bytes(bytes(range(256)) * 10)
        latin1 = "Les chars Leclerc vendus \xe0 l'Inde.".encode("latin-1")
        (batch / "latin1.txt").write_bytes(latin1)
        (batch / "a.txt").write_text("France sold 24 Rafale fighters to Egypt.\n", "utf-8")
        (batch / "a.md").write_text("Germany delivered tanks to Ukraine.\n", "utf-8")
        lines = [
            json.dumps({"id": "good-1", "text": "Russia delivered S-400 systems to India."}),
            '{"id": "broken", "text": ',
            json.dumps({"id": "odd", "title": 'A "title" with | { } \\ and \x01\x7f',
                        "url": 'https://ex.org/a|b{c}"d\\e f', "published": "26-FEB-1987",
                        "text": "Iran has sent Russia hundreds of drones. \\"}),
            json.dumps({"id": "good-2", "text": "The United States sold F-16s to Taiwan."}),
        ]
        raw = ("\n".join(lines) + "\n").encode("utf-8")
        raw += b'{"id": "bad-byte", "text": "caf\xe9 tanks"}\n'
        raw += (json.dumps({"id": "good-3", "text": "China sold drones to Serbia."}) + "\n"
                ).encode("utf-8")
        (batch / "units.jsonl").write_bytes(raw)
        bad = {"empty.txt", "binary.txt", "latin1.txt", "units.jsonl:2", "units.jsonl:5", "a."}

        print("seed alone ...", flush=True)
        seed_run = measured([*ARMSGRAPH, "extract", str(SEED), "-o", str(work / "seed.jsonl"),
                             "-q"], work / "seed.log")
        assert seed_run["exit_code"] == 0, seed_run["output"]
        for name in ("big.txt", "oneline.txt") if args.alone else ():
            print(f"{name} alone ...", flush=True)
            run = measured([*ARMSGRAPH, "extract", str(batch / name), "-o",
                            str(work / f"{name}.jsonl"), "-q"], work / f"{name}.log")
            figures[name] = {k: run[k] for k in ("exit_code", "wall_s", "cpu_s", "peak_rss_mb")}
            figures[name]["mb"] = (batch / name).stat().st_size / 2**20
            figures[name]["claims"] = sum(1 for _ in (work / f"{name}.jsonl").open())
            print(f"  {name}: {figures[name]['mb']:.1f} MB, exit {run['exit_code']}, "
                  f"{run['wall_s']:.1f} s wall, peak {run['peak_rss_mb']:.0f} MB, "
                  f"{figures[name]['claims']} claims", flush=True)
        print("the whole batch ...", flush=True)
        store, out = work / "store", work / "out"
        run = measured([*ARMSGRAPH, "build", str(batch), "--store", str(store), "--out",
                        str(out), "-q"], work / "batch.log")
        figures["batch"] = {k: run[k] for k in ("exit_code", "wall_s", "cpu_s", "peak_rss_mb")}
        print(f"  exit {run['exit_code']}, {run['wall_s']:.1f} s wall, peak "
              f"{run['peak_rss_mb']:.0f} MB", flush=True)
        log = (work / "batch.log").read_text("utf-8", errors="replace")
        errors = [line for line in log.splitlines() if line.startswith("error:")]
        print("\n".join(f"    {e}" for e in errors))
        checks["exit_status_2"] = run["exit_code"] == 2
        checks["one_line_per_bad_input"] = len(errors) == len(bad) and all(
            any(b in e for e in errors) for b in bad)
        claims = claims_by_doc(out / "claims.jsonl")
        seed = claims_by_doc(work / "seed.jsonl")
        checks["seed_claims_as_alone"] = claims.get(SEED.stem) == seed.get(SEED.stem)
        checks["large_files_parsed"] = bool(claims.get("big")) and bool(claims.get("oneline"))
        checks["good_lines_kept"] = all(d in claims for d in ("good-1", "good-2", "good-3"))
        checks["odd_metadata_kept"] = "odd" in claims
        docs = subprocess.run([*ARMSGRAPH, "query", "--store", str(store), "--format", "csv",
                               "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a "
                               "schema:NewsArticle }"], capture_output=True, text=True)
        n_docs = int(docs.stdout.split()[-1])
        checks["every_good_document_stored"] = n_docs == 8  # seed, big, oneline, a, 4 lines
        exported = subprocess.run([*ARMSGRAPH, "export", "--store", str(store), "--format",
                                   "nq", "-o", str(work / "all.nq")], capture_output=True)
        import pyoxigraph as ox

        checks["export_reparses"] = exported.returncode == 0 and sum(
            1 for _ in ox.parse(path=str(work / "all.nq"), format=ox.RdfFormat.N_QUADS)) > 0
        stdin = subprocess.run([*ARMSGRAPH, "extract", "-", "-q"], input=b"Tanks \xff\xfe",
                               capture_output=True)
        err_lines = [x for x in stdin.stderr.decode("utf-8", "replace").splitlines() if x]
        checks["stdin_bad_utf8_one_line"] = stdin.returncode == 2 and len(err_lines) == 1
        print_checks(checks)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_figures(figures, args.out)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
