#!/usr/bin/env python3
"""Throughput of the full extractor against the bare spaCy parse on the same text.

    python benchmarks/throughput.py [--stories 2000] [--batch-size 64] [--shared ../shared]

Reads Reuters-21578 stories from the shared data folder, then, in one run and on the same
texts, times ``en_core_web_sm`` alone (``nlp.pipe``) and armsgraph's full pipeline
(the model plus paragraphs, actor and weapon rulers and the transfer component, with the
claims collected). Each is run twice, alternating, and the faster run counts, so that
neither gains from warming caches first. Prints words per second of each and the ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reuters import reuters_stories  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--stories", type=int, default=2000, help="how many stories to parse")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args(argv)
    folder = args.shared / "data" / "reuters21578"
    if not folder.is_dir():
        print(f"skipped: {folder} not found", file=sys.stderr)
        return 0

    from armsgraph.extract.pipeline import build_nlp, load_model

    texts = [text for _id, text in islice(reuters_stories(folder), args.stories)]
    words = sum(len(t.split()) for t in texts)
    bare = load_model()
    full = build_nlp()
    claims = [0]

    def run_bare() -> None:
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass

    def run_full() -> None:
        n = 0
        for doc in full.pipe(texts, batch_size=args.batch_size):
            n += len(doc._.transfers)
        claims[0] = n

    for fn in (run_bare, run_full):  # load vectors, build matchers' caches
        for _doc in (bare if fn is run_bare else full).pipe(texts[:20]):
            pass
    bare_s, full_s = [], []
    for _ in range(2):
        bare_s.append(timed(run_bare))
        full_s.append(timed(run_full))
    b, f = min(bare_s), min(full_s)
    result = {"stories": len(texts), "words": words, "bare_words_per_s": round(words / b),
              "extractor_words_per_s": round(words / f), "ratio": round(b / f, 3),
              "claims": claims[0], "bare_seconds": round(b, 2), "extractor_seconds": round(f, 2)}
    print(f"{len(texts)} Reuters-21578 stories, {words} words, batch size {args.batch_size}")
    print(f"  bare en_core_web_sm parse : {result['bare_words_per_s']:>8} words/s ({b:.1f} s)")
    print(f"  full armsgraph extractor  : {result['extractor_words_per_s']:>8} words/s ({f:.1f} s),"
          f" {claims[0]} claims")
    print(f"  extractor speed / bare parse speed: {result['ratio']:.1%}")
    out = HERE.parent / "out" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
