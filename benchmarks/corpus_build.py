#!/usr/bin/env python3
"""The whole Reuters-21578 corpus built end to end into an embedded store, as a user runs it.

    python benchmarks/corpus_build.py [--stories N] [--n-process 2] [--reference]
                                      [--shared ../shared] [--out out/bench/corpus-build.json]

Writes the stories (with their wire dates) to one JSON Lines file in a temporary folder,
then runs ``armsgraph build CORPUS --store DIR --out DIR -q --n-process N`` in a child
process and measures:

- wall time, CPU time of the process tree (user + system, from ``RUSAGE_CHILDREN``) and
  the share of the cores it kept busy;
- peak resident memory of the whole tree (the build and spaCy's workers, summed, sampled
  every 0.1 s with psutil);
- bytes written to disk by the tree (``ru_oublock``) against the size of the final store;
- documents per second; and, on a sample of the same stories, the bare parse of
  ``en_core_web_sm`` (all its components, one process) in words per second.

With ``--reference`` it also runs ``armsgraph extract --n-process 1 --no-prefilter`` over
the same file (slow: about ten minutes on the whole corpus) and checks that the build
wrote exactly the same claims. Targets (issue 10): under 4 minutes wall and 2 GB peak,
both cores busy, writes under 3x the store.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from reuters import reuters_folder, write_reuters_jsonl  # noqa: E402

ARMSGRAPH = [sys.executable, "-m", "armsgraph.cli"]


def tree_rss_mb(pid: int) -> float:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def measured(cmd: list[str], log: Path) -> dict:
    """Run ``cmd``; its wall, tree CPU, tree peak RSS and bytes written."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
        peak = [0.0]

        def sample() -> None:
            while proc.poll() is None:
                peak[0] = max(peak[0], tree_rss_mb(proc.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"command": " ".join(cmd[2:]), "exit_code": code, "wall_s": wall, "cpu_s": cpu,
            "cores_busy": cpu / wall, "peak_rss_mb": peak[0],
            "written_mb": (after.ru_oublock - before.ru_oublock) * 512 / 2**20,
            "output": log.read_text("utf-8", errors="replace")[-2000:]}


def print_checks(checks: dict[str, bool]) -> None:
    """One "name: YES/NO" line per target or check."""
    for name, ok in checks.items():
        print(f"  {name}: {'YES' if ok else 'NO'}")


def write_figures(figures: dict, out: Path) -> None:
    """Write a benchmark's figures as JSON and say where."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {out}")


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def bare_parse_words_per_s(corpus: Path, stories: int) -> dict:
    """``en_core_web_sm`` alone (every component, NER included) on a sample."""
    from armsgraph.extract.pipeline import load_model

    nlp = load_model(exclude=())
    with corpus.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in islice(fh, stories)]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    seconds = time.perf_counter() - start
    return {"stories": len(texts), "words": words, "seconds": seconds,
            "words_per_s": words / seconds}


def claim_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return sorted(json.dumps(json.loads(line), sort_keys=True) for line in fh if line.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--stories", type=int, default=None, help="only the first N stories")
    ap.add_argument("--n-process", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--reference", action="store_true",
                    help="also extract with one process and no prefilter, and compare")
    ap.add_argument("--bare-sample", type=int, default=2000,
                    help="stories for the bare-parse words/s")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench" / "corpus-build.json")
    args = ap.parse_args(argv)
    folder = reuters_folder(args.shared)
    if folder is None:
        return 2

    work = Path(tempfile.mkdtemp(prefix="armsgraph-corpus-"))
    corpus = work / "reuters.jsonl"
    documents, words = write_reuters_jsonl(folder, corpus, args.stories)
    print(f"{documents} stories, {words} words, {corpus.stat().st_size / 2**20:.1f} MB of "
          f"JSON Lines in {work}", flush=True)
    figures: dict = {
        "corpus": {"stories": documents, "words": words,
                   "jsonl_mb": corpus.stat().st_size / 2**20},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
    }
    try:
        store, out = work / "store", work / "out"
        print(f"building with --n-process {args.n_process} ...", flush=True)
        build = measured([*ARMSGRAPH, "build", str(corpus), "--store", str(store), "--out",
                          str(out), "-q", "--n-process", str(args.n_process)],
                         work / "build.log")
        build["store_mb"] = dir_mb(store)
        build["written_over_store"] = build["written_mb"] / build["store_mb"]
        build["documents_per_s"] = documents / build["wall_s"]
        build["words_per_s"] = words / build["wall_s"]
        figures["build"] = build
        claims = claim_lines(out / "claims.jsonl") if (out / "claims.jsonl").exists() else []
        build["claims"] = len(claims)
        print(f"build: exit {build['exit_code']}, {build['wall_s']:.1f} s wall, "
              f"{build['cpu_s']:.1f} s CPU ({build['cores_busy']:.2f} cores busy), peak "
              f"{build['peak_rss_mb']:.0f} MB, wrote {build['written_mb']:.0f} MB for a "
              f"{build['store_mb']:.0f} MB store, {len(claims)} claims, "
              f"{build['documents_per_s']:.0f} documents/s", flush=True)
        print("bare parse ...", flush=True)
        figures["bare_parse"] = bare_parse_words_per_s(corpus, args.bare_sample)
        print(f"bare en_core_web_sm: {figures['bare_parse']['words_per_s']:.0f} words/s "
              f"on {figures['bare_parse']['stories']} stories; the build ran at "
              f"{build['words_per_s']:.0f} words/s of the whole corpus", flush=True)
        if args.reference:
            print("reference: one process, no prefilter ...", flush=True)
            ref = measured([*ARMSGRAPH, "extract", str(corpus), "-o", str(work / "ref.jsonl"),
                            "-q", "--n-process", "1", "--no-prefilter"], work / "ref.log")
            ref_claims = claim_lines(work / "ref.jsonl")
            ref["claims"] = len(ref_claims)
            ref["same_claims"] = ref_claims == claims
            ref["only_in_build"] = sorted(set(claims) - set(ref_claims))[:20]
            ref["only_in_reference"] = sorted(set(ref_claims) - set(claims))[:20]
            figures["reference"] = ref
            print(f"reference: {ref['wall_s']:.1f} s wall, {len(ref_claims)} claims; the same "
                  f"claims as the build: {'YES' if ref['same_claims'] else 'NO'}", flush=True)
        targets = {
            "wall_under_4_min": build["wall_s"] < 240,
            "peak_under_2_gb": build["peak_rss_mb"] < 2048,
            "both_cores_busy": build["cores_busy"] > 1.5,
            "writes_under_3x_store": build["written_over_store"] < 3,
        }
        if args.reference:
            targets["same_claims_as_one_process_without_prefilter"] = \
                figures["reference"]["same_claims"]
        figures["targets"] = targets
        print_checks(targets)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    write_figures(figures, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
