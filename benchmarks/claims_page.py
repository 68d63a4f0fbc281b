#!/usr/bin/env python3
"""How fast the claims browser page is written, how large it is, and (``--browser``) how fast
it opens and filters as one types in headless Chromium.

    python benchmarks/claims_page.py [--claims 20000] [--seed 11] [--browser] [--keep]

Builds ``--claims`` synthetic claim rows (the ``ag:row`` objects of
``graph.network.claim_rows``; deterministic for a ``--seed``): several hundred actors
(every ISO state, then companies, armed groups and organisations), every status and
category, article dates from 1987 to 2024 (a few undated, a few with a time of day), a few
hundred publishers, one to four claims per article, one claim in ten with one side only,
sentences of 150-250 characters. Then it times ``render_claims_page`` plus the atomic write
(``write`` s, the best of ``--repeat``), and reports the page's size and the transfers it
lists.

With ``--browser`` it opens the page in Debian's Chromium (every request other than the
page aborted), reports the time until ``window.armsgraph.ready``, then types ``--word``
one character at a time and reports each keystroke's filtering and rendering time as the
page measured it (input event to rendered rows).

Prints a table and writes ``out/bench/claims_page.json`` (``--keep`` also keeps the page as
``out/bench/claims_page.html``).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from views import find_chromium  # noqa: E402

BASE = "https://w3id.org/armsgraph/id/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

STATUSES = {"delivered": 30, "agreed": 18, "pledged": 12, "negotiating": 12, "reported": 20,
            "denied": 8}
ITEMS = {
    "aircraft": (["fighter jets", "transport aircraft", "attack helicopters"],
                 ["Su-30", "F-16", "C-130J", "Mi-17"]),
    "drones": (["loitering munitions", "reconnaissance drones", "armed drones"],
               ["Shahed-136", "Bayraktar TB2", "Orlan-10"]),
    "missiles": (["ballistic missiles", "anti-ship missiles", "cruise missiles"],
                 ["Iskander", "Exocet", "Storm Shadow"]),
    "air-defence": (["air-defence batteries", "MANPADS", "surface-to-air missiles"],
                    ["S-300", "Patriot", "IRIS-T"]),
    "artillery": (["howitzers", "multiple rocket launchers", "mortars"],
                  ["M777", "HIMARS", "Caesar"]),
    "ammunition": (["artillery shells", "152mm rounds", "small-arms ammunition"], []),
    "armoured-vehicles": (["main battle tanks", "armoured personnel carriers",
                           "infantry fighting vehicles"], ["T-72", "Leopard 2", "BMP-2"]),
    "ships": (["patrol boats", "corvettes", "frigates"], ["Gowind", "FREMM"]),
    "small-arms": (["assault rifles", "machine guns", "sniper rifles"], ["AK-47"]),
    "sensors": (["radars", "night-vision equipment", "targeting pods"], []),
    "engines": (["turbofan engines", "diesel engines", "helicopter engines"], []),
    "other": (["military equipment", "spare parts"], []),
    "unspecified": (["weapons", "arms"], []),
}
VERBS = {"delivered": "delivered", "agreed": "agreed to sell", "pledged": "pledged",
         "negotiating": "is in talks to supply", "reported": "reportedly sent",
         "denied": "denied supplying"}
SOURCES = ["officials", "Reuters", "a government spokesman", "analysts", "customs records",
           "the defence ministry", "diplomats", "satellite imagery"]
TAILS = ["as part of a wider security agreement signed earlier in the year",
         "despite objections from neighbouring governments and several rights groups",
         "under a credit line extended by the supplier's state development bank",
         "in the latest sign of deepening military cooperation between the two",
         "according to people familiar with the negotiations who asked not to be named",
         "after months of talks over pricing, training and local assembly",
         "in a deal that analysts said could shift the regional balance of power"]
COMPANY_WORDS = ["Atlas", "Orion", "Falcon", "Meridian", "Aegis", "Trident", "Condor",
                 "Vanguard", "Sentinel", "Horizon", "Northstar", "Granite", "Kestrel", "Polaris",
                 "Titan", "Harbor", "Summit", "Crescent", "Ironwood", "Zenith"]
COMPANY_KINDS = ["Defence Systems", "Aerospace", "Dynamics", "Arms Works", "Shipyards",
                 "Munitions", "Optronics", "Ordnance"]
GROUP_KINDS = ["Liberation Front", "Popular Militia", "Defence Brigades", "Resistance Movement"]
PAPER_KINDS = ["Times", "Herald", "Post", "Observer", "Defence Wire", "Daily", "Monitor",
               "Gazette", "Tribune", "Courier"]


def _actors(rng: random.Random, n_other: int) -> list[dict]:
    import pycountry

    actors = [{"iri": f"{BASE}state/{c.alpha_3}", "label": getattr(c, "common_name", c.name),
               "type": "state"} for c in pycountry.countries]
    places = [a["label"] for a in actors]
    seen = {a["label"] for a in actors}
    while len(actors) < len(places) + n_other:
        roll = rng.random()
        if roll < 0.6:
            kind, label = "company", f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        elif roll < 0.9:
            kind, label = "armed-group", f"{rng.choice(places)} {rng.choice(GROUP_KINDS)}"
        else:
            kind, label = "organization", f"{rng.choice(places)} Procurement Agency"
        if label in seen:
            label = f"{label} {len(actors)}"
        seen.add(label)
        slug = label.lower().replace(" ", "-")
        actors.append({"iri": f"{BASE}actor/{slug}", "label": label, "type": kind})
    return actors


def _publishers(rng: random.Random, n: int) -> list[str]:
    words = COMPANY_WORDS + ["Capital", "Coastal", "Northern", "Southern", "Metro", "Evening"]
    out: list[str] = []
    while len(out) < n:
        name = f"The {rng.choice(words)} {rng.choice(PAPER_KINDS)}"
        out.append(name if name not in out else f"{name} {len(out)}")
    return out


def synthetic_rows(n: int, seed: int = 11) -> list[dict]:
    """``n`` claim rows as ``claim_rows`` gives them; the same rows for the same arguments."""
    rng = random.Random(seed)
    actors = _actors(rng, 160)
    weights = [1 / (r + 1) ** 0.7 for r in range(len(actors))]  # a few big ones, a long tail
    order = actors[:]
    rng.shuffle(order)
    publishers = _publishers(rng, 300)
    statuses, status_weights = list(STATUSES), list(STATUSES.values())
    rows: list[dict] = []
    doc = 0
    while len(rows) < n:
        doc += 1
        year = rng.randint(1987, 2024)
        roll = rng.random()
        date = (None if roll < 0.03 else
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:30:00Z"
                if roll < 0.08 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        doc_id = f"doc-{doc:06d}"
        url = (f"https://news{doc % 7}.example.org/{year}/{doc_id}" if rng.random() < 0.93
               else None)
        title = f"{rng.choice(['Arms', 'Weapons', 'Defence', 'Military'])} deal report {doc}"
        publisher = rng.choice(publishers) if rng.random() < 0.95 else None
        for _ in range(min(rng.choice([1, 1, 2, 2, 3, 4]), n - len(rows))):
            sup, rec = rng.choices(actors, weights)[0], rng.choices(order, weights)[0]
            while rec is sup:
                rec = rng.choice(actors)
            one_side = rng.random()
            sup_side = None if one_side < 0.05 else sup
            rec_side = None if 0.05 <= one_side < 0.10 else rec
            status = rng.choices(statuses, status_weights)[0]
            category = rng.choice(list(ITEMS))
            phrases, systems = ITEMS[category]
            designation = rng.choice(systems) if systems and rng.random() < 0.35 else None
            item = rng.choice(phrases)
            item_text = f"{designation} {item}" if designation else item
            mentions = {}
            for name, side in (("s", sup_side), ("r", rec_side)):
                if side is not None:
                    short = side["label"].split(" ")[0]
                    mentions[name] = short if side["type"] != "state" and rng.random() < 0.5 \
                        else side["label"]
            source = rng.choice(SOURCES) if rng.random() < 0.55 else None
            sentence = (f"{mentions.get('s', 'An unnamed supplier')} {VERBS[status]} "
                        f"{rng.randint(2, 400)} {item_text} to "
                        f"{mentions.get('r', 'an undisclosed buyer')} {rng.choice(TAILS)}"
                        f"{', ' + source + ' said' if source else ''}.")
            rows.append({
                "claim": f"{BASE}claim/{len(rows):020x}",
                "supplier": None if sup_side is None else {**sup_side, "mention": mentions["s"]},
                "recipient": None if rec_side is None else {**rec_side,
                                                            "mention": mentions["r"]},
                "status": status, "category": category, "item": item_text,
                "designation": designation, "sentence": sentence, "document": doc_id,
                "title": title, "url": url, "date": date, "publisher": publisher,
                "stated_date": str(year - rng.randint(0, 2)) if rng.random() < 0.2 else None,
                "source": source,
            })
    return rows


def measure_browser(chromium: str, path: Path, word: str) -> dict:
    """Time to ready, then each keystroke of ``word`` as the page measured it."""
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        problems: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page.on("pageerror", lambda e: problems.append(str(e)))
        start = time.perf_counter()
        page.goto(url, timeout=60_000)
        page.wait_for_function("() => window.armsgraph && window.armsgraph.ready === true",
                               timeout=60_000, polling=50)
        ready_s = time.perf_counter() - start
        page.focus("#q")
        for i, ch in enumerate(word, 1):
            page.keyboard.type(ch)
            page.wait_for_function("n => window.armsgraph.timings.length >= n", arg=i)
        page.wait_for_function("() => window.armsgraph.timings.every(t => t.frameMs !== null)")
        timings = page.evaluate("window.armsgraph.timings")
        shown = page.evaluate("window.armsgraph.shown()")
        browser.close()
    return {"ready_s": round(ready_s, 3),
            "keystrokes": [{"query": t["query"], "ms": round(t["ms"], 1),
                            "frame_ms": round(t["frameMs"], 1)} for t in timings],
            "matches": shown, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    from armsgraph.graph.table import write_claims_page
    from armsgraph.graph.transfers import group_transfers

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=20_000, help="synthetic claims")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repeat", type=int, default=3, help="writes; the best time is reported")
    ap.add_argument("--browser", action="store_true", help="also open and type in Chromium")
    ap.add_argument("--word", default="howitzers", help="typed into the search (--browser)")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    ap.add_argument("--keep", action="store_true", help="keep the page in OUT/")
    args = ap.parse_args(argv)

    rows = synthetic_rows(args.claims, args.seed)
    workdir = args.out if args.keep else Path(tempfile.mkdtemp(prefix="ag-claims-page-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "claims_page.html"

    class Rows:  # a source whose claim_rows are the synthetic rows (as a plain graph's are)
        def row_texts(self):
            return (json.dumps(r) for r in rows)

    try:
        times = []
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            write_claims_page(Rows(), path, title=f"armsgraph benchmark: {args.claims:,} claims",
                              meta={"corpus": f"synthetic, seed {args.seed}"})
            times.append(time.perf_counter() - start)
        result = {"claims": len(rows), "transfers": len(group_transfers(rows)),
                  "write_s": round(min(times), 3), "write_runs_s": [round(t, 3) for t in times],
                  "bytes": path.stat().st_size}
        chromium = find_chromium() if args.browser else None
        if args.browser and chromium is None:
            print("no chromium: only the write is measured", file=sys.stderr)
        if chromium is not None:
            result.update(measure_browser(chromium, path, args.word))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"{'claims':>8s} | {'transfers':>9s} | {'write s':>7s} | {'size MB':>7s}")
    print(f"{result['claims']:>8,} | {result['transfers']:>9,} | {result['write_s']:>7} | "
          f"{result['bytes'] / 1e6:>7.2f}")
    if "ready_s" in result:
        print(f"ready in {result['ready_s']} s; keystrokes (ms, filter + render / to next frame):")
        for k in result["keystrokes"]:
            print(f"  {k['query']!r:>14s}: {k['ms']:>6} / {k['frame_ms']:>6}")
        if result["problems"]:
            print(f"page problems: {result['problems'][:3]}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "claims_page.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {args.out / 'claims_page.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
