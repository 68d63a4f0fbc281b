#!/usr/bin/env python3
"""Reuters-21578 built on Dask: ``armsgraph build --scheduler`` against a LocalCluster.

    python benchmarks/dask_build.py [--stories N] [--workers 2] [--local]
                                     [--shared ../shared] [--out out/bench/dask-build.json]

Starts a ``dask.distributed.LocalCluster`` of ``--workers`` worker processes (one thread
each), writes the stories to one JSON Lines file, and runs ``armsgraph build CORPUS
--scheduler ADDRESS --store DIR -q`` in a child process. It reports the wall time, the CPU
time of the client and of the workers, the cores kept busy, the peak memory of the client
and of the workers (sampled every 0.1 s), documents and words per second and the claims
written. With ``--local`` it also runs the same build on this machine (``--n-process``
equal to the workers) and checks that both stores hold the same quads.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus_build import ARMSGRAPH, dir_mb, measured, tree_rss_mb, write_figures  # noqa: E402
from reuters import reuters_folder, write_reuters_jsonl  # noqa: E402


def worker_pids(client) -> list[int]:
    return list(client.run(lambda: __import__("os").getpid()).values())


def cpu_seconds(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


def store_quads(path: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store(str(path))
    try:
        return {str(q) for q in store.quads_for_pattern(None, None, None)}
    finally:
        del store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--stories", type=int, default=None, help="only the first N stories")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--local", action="store_true",
                    help="also build on this machine and compare the quads")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench" / "dask-build.json")
    args = ap.parse_args(argv)
    folder = reuters_folder(args.shared)
    if folder is None:
        return 2
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("error: this benchmark needs dask.distributed: pip install 'armsgraph[distributed]'")
        return 2

    work = Path(tempfile.mkdtemp(prefix="armsgraph-dask-"))
    corpus = work / "reuters.jsonl"
    documents, words = write_reuters_jsonl(folder, corpus, args.stories)
    print(f"{documents} stories, {words} words", flush=True)
    figures: dict = {"corpus": {"stories": documents, "words": words}, "workers": args.workers}
    try:
        with (LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None) as cluster,
              Client(cluster) as client):
            pids = worker_pids(client)
            cpu_before = cpu_seconds(pids)
            peak = [0.0]
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], sum(tree_rss_mb(p) for p in pids))
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            print(f"building on {cluster.scheduler_address} ...", flush=True)
            run = measured([*ARMSGRAPH, "build", str(corpus), "--scheduler",
                            cluster.scheduler_address, "--store", str(work / "dask"), "-q"],
                           work / "dask.log")
            done.set()
            sampler.join()
            run["workers_cpu_s"] = cpu_seconds(pids) - cpu_before
            run["workers_peak_rss_mb"] = peak[0]
        run["client_cpu_s"] = run.pop("cpu_s")
        run["client_peak_rss_mb"] = run.pop("peak_rss_mb")
        run.pop("cores_busy")
        run["cores_busy"] = (run["client_cpu_s"] + run["workers_cpu_s"]) / run["wall_s"]
        run["documents_per_s"] = documents / run["wall_s"]
        run["words_per_s"] = words / run["wall_s"]
        run["store_mb"] = dir_mb(work / "dask")
        figures["dask"] = run
        print(f"dask: exit {run['exit_code']}, {run['wall_s']:.1f} s wall, client "
              f"{run['client_cpu_s']:.1f} s CPU / {run['client_peak_rss_mb']:.0f} MB, workers "
              f"{run['workers_cpu_s']:.1f} s CPU / {run['workers_peak_rss_mb']:.0f} MB, "
              f"{run['cores_busy']:.2f} cores busy, {run['documents_per_s']:.0f} documents/s, "
              f"{run['words_per_s']:.0f} words/s", flush=True)
        print(run["output"].strip().splitlines()[-1] if run["output"].strip() else "")
        if args.local:
            print(f"local: --n-process {args.workers} ...", flush=True)
            local = measured([*ARMSGRAPH, "build", str(corpus), "--store", str(work / "local"),
                              "-q", "--n-process", str(args.workers)], work / "local.log")
            local["documents_per_s"] = documents / local["wall_s"]
            local["same_quads"] = store_quads(work / "dask") == store_quads(work / "local")
            figures["local"] = local
            print(f"local: {local['wall_s']:.1f} s wall, {local['cores_busy']:.2f} cores busy;"
                  f" the same quads as on Dask: {'YES' if local['same_quads'] else 'NO'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_figures(figures, args.out)
    return 0 if figures["dask"]["exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
