#!/usr/bin/env python3
"""How fast the HTML view is written and how fast it settles in a real browser.

    python benchmarks/views.py [--sizes 500,2000,10000] [--sipri] [--shared ../shared]
                               [--repeat 3] [--timeout 120] [--keep]

For synthetic supplier networks of 500, 2,000 and 10,000 supplier -> recipient pairs
(deterministic; about one actor per four pairs, with country, company, armed-group and
organisation names; every pair carries 1-5 claims with their evidence sentences), and with
``--sipri`` for the pairs of the SIPRI trade register in the shared data folder (one claim
per deal; skipped when the file is absent), it measures:

- the time to write the page with ``write_view`` and the file's size;
- the time from navigation start until ``window.armsgraph.ready === true`` (vis-network's
  stabilisation is done) in headless Chromium (Playwright driving ``/usr/bin/chromium``,
  every request other than the page itself aborted), or "not stable" after ``--timeout``
  seconds; with the time the page's script had built the network, the time the first frame
  after ready was painted, and the stabilisation iterations run (each page is loaded
  ``--repeat`` times, each in a fresh context; the run with the median time to ready counts);
- the pairs drawn: past 2,500 the page keeps the strongest and says so on the page, which
  is checked and reported.

Prints a table and writes ``out/bench/views.json`` (``--keep`` also keeps the pages in
``out/bench/views/``). The project's target: 2,000 pairs stable in under 5 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_EDGES, TARGET_SECONDS = 2000, 5.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

# Recorded in the page: when the script has built the network (window.armsgraph is set),
# when ready turns true (exactly, through a setter), and the stabilisation iterations.
PROBE = """
(() => {
  let holder;
  Object.defineProperty(window, "armsgraph", { configurable: true,
    get() { return holder; },
    set(value) {
      holder = value;
      window.__bench = { builtAt: performance.now(), readyAt: null, drawnAt: null,
                         iterations: null };
      value.network.on("stabilizationProgress",
                       (p) => { window.__bench.iterations = p.iterations; });
      value.network.once("stabilized", (p) => {
        if (window.__bench.iterations === null) { window.__bench.iterations = p.iterations; }
      });
      let ready = value.ready;
      Object.defineProperty(value, "ready", { configurable: true, enumerable: true,
        get() { return ready; },
        set(flag) { ready = flag; if (flag && window.__bench.readyAt === null) {
          window.__bench.readyAt = performance.now();
          value.network.once("afterDrawing", () => {
            window.__bench.drawnAt = performance.now(); });
          value.network.redraw(); } } });
      if (ready) { window.__bench.readyAt = performance.now(); }
    } });
})();
"""

STATUSES = {"delivered": 35, "agreed": 18, "pledged": 14, "negotiating": 10, "reported": 18,
            "denied": 5}
ITEMS = {
    "aircraft": ["Su-30 fighter jets", "transport aircraft", "trainer aircraft"],
    "drones": ["Shahed-136 loitering munitions", "reconnaissance drones", "armed drones"],
    "missiles": ["ballistic missiles", "anti-ship missiles", "cruise missiles"],
    "air-defence": ["S-300 batteries", "MANPADS", "air-defence systems"],
    "artillery": ["howitzers", "multiple rocket launchers", "mortars"],
    "ammunition": ["artillery shells", "152mm rounds", "small-arms ammunition"],
    "armoured-vehicles": ["T-72 tanks", "armoured personnel carriers", "infantry vehicles"],
    "ships": ["patrol boats", "corvettes", "landing craft"],
    "small-arms": ["assault rifles", "machine guns", "sniper rifles"],
    "sensors": ["radars", "night-vision equipment", "targeting pods"],
    "engines": ["turbofan engines", "diesel engines", "helicopter engines"],
}
VERBS = {"delivered": "delivered", "agreed": "agreed to sell", "pledged": "pledged",
         "negotiating": "is negotiating the sale of", "reported": "reportedly sent",
         "denied": "denied supplying"}
SOURCES = ["officials said", "according to Reuters", "satellite imagery suggests",
           "a government spokesman said", "analysts said", "customs records show"]
COMPANY_WORDS = ["Atlas", "Orion", "Falcon", "Meridian", "Aegis", "Trident", "Condor",
                 "Vanguard", "Sentinel", "Horizon", "Northstar", "Granite", "Kestrel", "Polaris",
                 "Titan", "Harbor", "Summit", "Crescent", "Ironwood", "Zenith"]
COMPANY_KINDS = ["Defence Systems", "Aerospace", "Dynamics", "Arms Works", "Shipyards",
                 "Munitions", "Optronics", "Engineering", "Ordnance", "Motors"]
GROUP_KINDS = ["Liberation Front", "Popular Militia", "Defence Brigades", "Resistance Movement",
               "Revolutionary Army", "National Guard Units"]
ORG_KINDS = ["Defence Procurement Agency", "Regional Security Mission", "Peacekeeping Force"]


def _states() -> list[tuple[str, str]]:
    import pycountry

    return sorted((c.alpha_3, getattr(c, "common_name", None) or c.name)
                  for c in pycountry.countries)


def _actors(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """``n`` actors ``(id, label, type)``: states first (60 %, at most all of them), then
    companies, armed groups and organisations."""
    states = _states()
    rng.shuffle(states)
    n_states = min(len(states), max(2, round(0.6 * n)))
    actors = [(iso, name, "state") for iso, name in states[:n_states]]
    places = [name for _, name in states]
    seen = {label for _, label, _ in actors}
    i = 0
    while len(actors) < n:
        i += 1
        roll = rng.random()
        if roll < 0.6:
            kind = "company"
            word = rng.choice(COMPANY_WORDS + places[:60])
            label = f"{word} {rng.choice(COMPANY_KINDS)}"
        elif roll < 0.9:
            kind = "armed-group"
            label = f"{rng.choice(places)} {rng.choice(GROUP_KINDS)}"
        else:
            kind = "organization"
            label = f"{rng.choice(places)} {rng.choice(ORG_KINDS)}"
        if label in seen:
            label = f"{label} {i}"
        seen.add(label)
        actors.append((f"{kind}-{i}", label, kind))
    return actors


def synthetic_network(n_edges: int, seed: int = 7) -> nx.DiGraph:
    """A supplier network of ``n_edges`` pairs among about ``n_edges / 4`` actors, aggregated
    by ``supplier_network`` from 1-5 claims per pair, each with its evidence sentence."""
    from armsgraph.graph.network import supplier_network

    rng = random.Random(seed)
    actors = _actors(max(20, n_edges // 4), rng)
    ids = [a[0] for a in actors]
    # a few big suppliers and recipients, a long tail of small ones
    sup_w = [1 / (r + 1) ** 0.9 for r in range(len(ids))]
    rec_order = ids[:]
    rng.shuffle(rec_order)
    rec_w = [1 / (r + 1) ** 0.6 for r in range(len(ids))]
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < n_edges:
        u = rng.choices(ids, sup_w)[0]
        v = rng.choices(rec_order, rec_w)[0]
        if u != v:
            pairs.add((u, v))
    m = nx.MultiDiGraph()
    for node, label, kind in actors:
        m.add_node(node, label=label, type=kind,
                   iri=f"https://w3id.org/armsgraph/id/{kind}/{node}")
    label = {a[0]: a[1] for a in actors}
    categories = list(ITEMS)
    statuses, weights = list(STATUSES), list(STATUSES.values())
    n_doc = 0
    for u, v in sorted(pairs):
        cats = rng.sample(categories, rng.choice([1, 1, 2]))
        for _ in range(rng.choices([1, 2, 3, 4, 5], [50, 22, 13, 9, 6])[0]):
            n_doc += 1
            category = rng.choice(cats)
            status = rng.choices(statuses, weights)[0]
            item = rng.choice(ITEMS[category])
            year = rng.randint(2014, 2024)
            m.add_edge(u, v, key=f"claim-{n_doc}", status=status, category=category, item=item,
                       sentence=f"{label[u]} {VERBS[status]} {item} to {label[v]}, "
                                f"{rng.choice(SOURCES)}.",
                       document=f"doc-{n_doc // 3}", title=f"Arms report {n_doc // 3}",
                       url=f"https://example.org/news/{n_doc // 3}",
                       date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       source=rng.choice(["", "officials", "Reuters"]))
    return supplier_network(m)


SIPRI_CATEGORY = [  # first match on SIPRI's weapon description
    ("missile", "missiles"), ("SAM", "air-defence"), ("SSM", "missiles"), ("AAM", "missiles"),
    ("ASM", "missiles"), ("UAV", "drones"), ("helicopter", "aircraft"),
    ("aircraft", "aircraft"), ("radar", "sensors"), ("sensor", "sensors"),
    ("engine", "engines"), ("turbo", "engines"), ("diesel", "engines"), ("gun", "artillery"),
    ("howitzer", "artillery"), ("MRL", "artillery"), ("mortar", "artillery"),
    ("tank", "armoured-vehicles"), ("APC", "armoured-vehicles"), ("IFV", "armoured-vehicles"),
    ("vehicle", "armoured-vehicles"), ("ship", "ships"), ("boat", "ships"),
    ("frigate", "ships"), ("corvette", "ships"), ("submarine", "ships"),
]


def _sipri_category(description: str) -> str:
    low = description.lower()
    for needle, category in SIPRI_CATEGORY:
        if needle.lower() in low:
            return category
    return "other"


def _sipri_node(name: str) -> tuple[str, str, str]:
    """SIPRI marks non-state actors with ``*`` and international organisations with ``**``."""
    clean = name.strip()
    kind = "organization" if clean.endswith("**") else (
        "armed-group" if clean.endswith("*") else "state")
    label = clean.rstrip("*").strip()
    return label.lower().replace(" ", "-"), label, kind


def sipri_network(path: Path) -> nx.DiGraph:
    """Supplier -> recipient pairs of the SIPRI trade register, one claim per deal."""
    import io

    from armsgraph.graph.network import supplier_network

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # the export is Windows-1252 (Wärtsilä, Bü-181)
        text = raw.decode("cp1252", errors="replace")
    m = nx.MultiDiGraph()
    for i, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
        if i == 0 or len(row) < 12:
            continue
        recipient, supplier, year, _u, ordered = row[0], row[1], row[2], row[3], row[4]
        designation, description, delivered = row[6], row[7], row[8]
        if any(not x.strip() or x.strip().lower().startswith("unknown")
               for x in (supplier, recipient)):
            continue
        (u, ulabel, ukind), (v, vlabel, vkind) = _sipri_node(supplier), _sipri_node(recipient)
        m.add_node(u, label=ulabel, type=ukind, iri="")
        m.add_node(v, label=vlabel, type=vkind, iri="")
        status = "delivered" if delivered.strip() not in ("", "0") else "agreed"
        m.add_edge(u, v, key=f"sipri-{i}", status=status,
                   category=_sipri_category(description), item=designation.strip(),
                   sentence=f"{ulabel} ordered for {vlabel} in {year}: {ordered} "
                            f"{designation.strip()} ({description.strip()}), "
                            f"{delivered or 0} delivered.",
                   document=f"sipri-{i}", title="SIPRI Arms Transfers Database",
                   url="https://www.sipri.org/databases/armstransfers",
                   date=year.strip(), source="SIPRI")
    return supplier_network(m)


def find_chromium() -> str | None:
    for p in (os.environ.get("ARMSGRAPH_CHROMIUM"), "/usr/bin/chromium",
              shutil.which("chromium"), shutil.which("chromium-browser")):
        if p and Path(p).is_file():
            return p
    return None


def measure_page(browser, path: Path, timeout_s: float) -> dict:
    """Open ``path`` with every other request aborted; time navigation start -> ready."""
    url = path.resolve().as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.add_init_script(PROBE)
    start = time.perf_counter()
    out: dict = {"stable": False}
    try:
        page.goto(url, timeout=timeout_s * 1000)
        left = max(1.0, timeout_s - (time.perf_counter() - start))
        # a function, not a string: the page's CSP forbids eval, which string predicates
        # polled at an interval need
        page.wait_for_function("() => window.armsgraph && window.armsgraph.ready === true",
                               timeout=left * 1000, polling=50)
        out["stable"] = True
    except Exception as exc:  # noqa: BLE001  (a timeout: "not stable")
        out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    out["wall_s"] = round(time.perf_counter() - start, 3)
    try:
        bench = page.evaluate("window.__bench || null") or {}
        out["built_s"] = (round(bench["builtAt"] / 1000, 3)
                          if bench.get("builtAt") is not None else None)
        out["ready_s"] = (round(bench["readyAt"] / 1000, 3)
                          if bench.get("readyAt") is not None else None)
        out["drawn_s"] = (round(bench["drawnAt"] / 1000, 3)
                          if bench.get("drawnAt") is not None else None)
        out["iterations"] = bench.get("iterations")
        out.update(page.evaluate("""() => {
            const ag = window.armsgraph;
            const notice = document.getElementById("notice");
            return {edges_drawn: ag ? ag.network.body.edgeIndices.length : null,
                    edges_in_page: ag ? ag.edges.length : null,
                    nodes_in_page: ag ? ag.nodes.length : null,
                    notice: notice ? notice.innerText.trim() : ""}; }"""))
    except Exception as exc:  # noqa: BLE001  (the page is frozen)
        out["error"] = out.get("error") or type(exc).__name__
    out["problems"] = problems
    context.close()
    return out


def run_case(name: str, d: nx.DiGraph, browser, workdir: Path, timeout_s: float,
             repeat: int = 1) -> dict:
    from armsgraph.graph.view import MAX_EDGES, write_view

    path = workdir / f"{name}.html"
    start = time.perf_counter()
    write_view(d, path, title=f"armsgraph benchmark: {name}")
    write_s = time.perf_counter() - start
    result = {"case": name, "pairs": d.number_of_edges(), "actors": d.number_of_nodes(),
              "claims": sum(e["claims"] for *_, e in d.edges(data=True)),
              "write_s": round(write_s, 3), "bytes": path.stat().st_size}
    if browser is not None:
        runs = [measure_page(browser, path, timeout_s) for _ in range(repeat)]
        # the median run by time to ready (a run that never got ready counts as slowest)
        runs.sort(key=lambda r: r["ready_s"] if r["stable"] and r.get("ready_s") is not None
                  else float("inf"))
        result.update(runs[len(runs) // 2])
        result["ready_runs_s"] = [r.get("ready_s") if r["stable"] else None for r in runs]
        expected = min(d.number_of_edges(), MAX_EDGES)
        result["kept_strongest"] = (d.number_of_edges() > MAX_EDGES
                                    and result.get("edges_in_page") == MAX_EDGES
                                    and f"strongest of {d.number_of_edges():,}"
                                    in result.get("notice", ""))
        result["all_drawn"] = result.get("edges_drawn") == expected
    return result


def _fmt(value, unit: str = "") -> str:
    return "-" if value is None else f"{value}{unit}"


def print_table(rows: list[dict]) -> None:
    head = ("case", "pairs", "actors", "claims", "write s", "size MB", "built s", "ready s",
            "painted s", "iters", "drawn", "strongest")
    widths = [15] + [9] * (len(head) - 1)
    print(" | ".join(f"{h:>{w}s}" for h, w in zip(head, widths, strict=True)))
    for r in rows:
        ready = (_fmt(r.get("ready_s")) if r.get("stable") else
                 "not stable" if "stable" in r else "-")
        cells = (r["case"], r["pairs"], r["actors"], r["claims"], r["write_s"],
                 round(r["bytes"] / 1e6, 2), _fmt(r.get("built_s")), ready,
                 _fmt(r.get("drawn_s")), _fmt(r.get("iterations")), _fmt(r.get("edges_drawn")),
                 "yes" if r.get("kept_strongest") else
                 ("n/a" if r["pairs"] <= 2500 else "NO"))
        print(" | ".join(f"{str(c):>{w}s}" for c, w in zip(cells, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,2000,10000",
                    help="comma-separated numbers of supplier -> recipient pairs")
    ap.add_argument("--sipri", action="store_true", help="also view the SIPRI trade register")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before 'not stable'")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    ap.add_argument("--repeat", type=int, default=3,
                    help="page loads per case; the median time to ready is reported")
    ap.add_argument("--keep", action="store_true", help="keep the pages in OUT/views/")
    args = ap.parse_args(argv)

    chromium = find_chromium()
    if chromium is None:
        print("no chromium: only the write times are measured", file=sys.stderr)
    cases: list[tuple[str, object]] = [
        (f"synthetic-{n}", lambda n=n: synthetic_network(n))
        for n in (int(x) for x in args.sizes.split(",") if x.strip())]
    if args.sipri:
        register = args.shared / "data" / "sipri" / "trade-register.csv"
        if register.is_file():
            cases.append(("sipri", lambda: sipri_network(register)))
        else:
            print(f"skipped sipri: {register} not found", file=sys.stderr)

    workdir = args.out / "views" if args.keep else Path(tempfile.mkdtemp(prefix="ag-views-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    try:
        if chromium is not None:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                for name, build in cases:
                    rows.append(run_case(name, build(), browser, workdir, args.timeout,
                                         args.repeat))
                    print(f"  {name}: done", file=sys.stderr)
                browser.close()
        else:
            rows = [run_case(name, build(), None, workdir, args.timeout)
                    for name, build in cases]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print_table(rows)
    target = next((r for r in rows if r["case"] == f"synthetic-{TARGET_EDGES}"), None)
    summary = None
    if target is not None and "stable" in target:
        summary = bool(target["stable"] and target["ready_s"] is not None
                       and target["ready_s"] < TARGET_SECONDS)
        print(f"target: {TARGET_EDGES:,} pairs stable in under {TARGET_SECONDS:g} s: "
              f"{'yes' if summary else 'NO'} ({_fmt(target.get('ready_s'), ' s')})")
    for r in rows:
        if r.get("kept_strongest"):
            print(f"{r['case']}: the page kept the strongest {r['edges_in_page']:,} of "
                  f"{r['pairs']:,} pairs and said so: {r['notice'].splitlines()[0]!r}")
        if r.get("problems"):
            print(f"{r['case']}: page problems: {r['problems'][:3]}")
    args.out.mkdir(parents=True, exist_ok=True)
    report = {"chromium": chromium, "target_met": summary, "cases": rows}
    (args.out / "views.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"wrote {args.out / 'views.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
