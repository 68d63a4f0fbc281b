#!/usr/bin/env python3
"""Load and query speed, and peak memory, of the embedded (Oxigraph) and in-memory stores.

    python benchmarks/store.py [--claims 100000] [--skip-memory] [--memory-timeout 900] [--keep]

Generates a deterministic synthetic corpus (``--seed``) of ``--claims`` transfer claims in
documents of 10 to 50 claims each: suppliers and recipients drawn with a Zipf-like skew from
60 real states, a few companies and armed groups; weapon categories and statuses of
TRANSFERS.md; item phrases and weapon systems; quantities (numbers or text), values and
sources, filled about as often as in the extractor's predictions on the dev set; one
publication date (2015-2025) per document. The vocabulary is fixed in this file, so the
corpus does not change with the lexicon. Prints the triples a claim produces on average.

Then loads the corpus through ``put_documents`` (the bulk path; ``--per-document`` for one
``put_document`` per document) into (a) an ``EmbeddedStore`` in a
temporary directory and (b) a ``MemoryStore``, each in its own subprocess so that the peak
resident memory (``ru_maxrss``) is that store's alone. After the load the same subprocess
times a built-in "top suppliers" query (claims per supplier, LIMIT 20) and every ``.rq``
file of ``queries/``, each run ``--repeat`` times (first and best run reported; repeats are
skipped when the first run takes over ``--repeat-limit`` s). Each query runs in a process
forked for it (sharing the loaded MemoryStore; re-opening the EmbeddedStore, as
``armsgraph query`` does), killed after ``--query-timeout`` s or past
``--query-memory-limit`` MB of resident memory. On the embedded store each
query also runs through pyoxigraph alone (``store.store.query``, every row materialised),
which shows what the rdflib layer costs on top of Oxigraph's engine. A probe counts the
``rdfs:label`` rows the union default graph gives against the distinct ones: a triple that
several document graphs hold (an actor's label, iso3, ...) comes once per graph in Oxigraph.

Prints a table of embedded against memory per query with their ratio, says whether the
project's targets hold (embedded: "top suppliers" on 100k claims under 1 s, build peak
memory under 2 GB), and writes every figure to ``out/bench/store.json`` (``--out``).

``--skip-memory`` leaves out the rdflib store (slow at 100k claims); its subprocess is
killed after ``--memory-timeout`` s and reported as timed out with what it measured by then.
``--keep`` keeps the Oxigraph store directory and prints where it is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BUILTIN_TOP_SUPPLIERS = """SELECT ?supplier (COUNT(?claim) AS ?claims)
WHERE { ?claim a ag:TransferClaim ; ag:supplier ?supplier }
GROUP BY ?supplier
ORDER BY DESC(?claims)
LIMIT 20
"""
BUILTIN_NAME = "builtin:top-suppliers"
TARGET_QUERY_SECONDS = 1.0
TARGET_PEAK_MB = 2048.0

# The vocabulary is fixed here, not read from the lexicon under extract/data, so that the
# corpus stays the same while the lexicon changes. Names and Wikidata ids as in actors.csv.
STATES = (  # ISO3, name, Wikidata id: ranked roughly as arms exporters (the supplier skew)
    ("USA", "United States", "Q30"), ("RUS", "Russia", "Q159"), ("FRA", "France", "Q142"),
    ("CHN", "China", "Q148"), ("DEU", "Germany", "Q183"), ("ITA", "Italy", "Q38"),
    ("GBR", "United Kingdom", "Q145"), ("ESP", "Spain", "Q29"), ("KOR", "South Korea", "Q884"),
    ("ISR", "Israel", "Q801"), ("TUR", "Turkey", "Q43"), ("NLD", "Netherlands", "Q55"),
    ("UKR", "Ukraine", "Q212"), ("SWE", "Sweden", "Q34"), ("CHE", "Switzerland", "Q39"),
    ("POL", "Poland", "Q36"), ("CAN", "Canada", "Q16"), ("AUS", "Australia", "Q408"),
    ("IRN", "Iran", "Q794"), ("BLR", "Belarus", "Q184"), ("CZE", "Czech Republic", "Q213"),
    ("NOR", "Norway", "Q20"), ("BRA", "Brazil", "Q155"), ("ZAF", "South Africa", "Q258"),
    ("IND", "India", "Q668"), ("JPN", "Japan", "Q17"), ("PRK", "North Korea", "Q423"),
    ("BGR", "Bulgaria", "Q219"), ("SRB", "Serbia", "Q403"),
    ("ARE", "United Arab Emirates", "Q878"), ("PAK", "Pakistan", "Q843"),
    ("SAU", "Saudi Arabia", "Q851"), ("EGY", "Egypt", "Q79"), ("QAT", "Qatar", "Q846"),
    ("DZA", "Algeria", "Q262"), ("IRQ", "Iraq", "Q796"), ("SYR", "Syria", "Q858"),
    ("YEM", "Yemen", "Q805"), ("LBY", "Libya", "Q1016"), ("SDN", "Sudan", "Q1049"),
    ("ETH", "Ethiopia", "Q115"), ("NGA", "Nigeria", "Q1033"), ("MLI", "Mali", "Q912"),
    ("AZE", "Azerbaijan", "Q227"), ("ARM", "Armenia", "Q399"), ("GRC", "Greece", "Q41"),
    ("ROU", "Romania", "Q218"), ("FIN", "Finland", "Q33"), ("DNK", "Denmark", "Q35"),
    ("BEL", "Belgium", "Q31"), ("KAZ", "Kazakhstan", "Q232"), ("VNM", "Vietnam", "Q881"),
    ("IDN", "Indonesia", "Q252"), ("PHL", "Philippines", "Q928"), ("TWN", "Taiwan", "Q865"),
    ("MMR", "Myanmar", "Q836"), ("THA", "Thailand", "Q869"), ("MAR", "Morocco", "Q1028"),
    ("JOR", "Jordan", "Q810"), ("LBN", "Lebanon", "Q822"),
)
COMPANIES = (  # name, home state, Wikidata id
    ("Lockheed Martin", "USA", "Q7240"), ("Raytheon", "USA", None), ("Boeing", "USA", "Q66"),
    ("General Dynamics", "USA", None), ("Rheinmetall", "DEU", None), ("Baykar", "TUR", None),
    ("Elbit Systems", "ISR", None), ("Rosoboronexport", "RUS", None), ("Norinco", "CHN", None),
    ("Thales", "FRA", None),
)
ARMED_GROUPS = (
    ("Hezbollah", "LBN", None), ("Houthis", "YEM", None), ("Wagner Group", "RUS", None),
    ("Hamas", "PSE", "Q38799"), ("Rapid Support Forces", "SDN", None),
    ("Islamic State", "IRQ", "Q2429253"), ("Taliban", "AFG", None), ("M23", "COD", None),
)
SYSTEMS = {  # category -> weapon systems (a claim names one about half the time)
    "aircraft": ("F-16", "F-35", "Su-35", "Rafale", "Gripen", "J-10C"),
    "drones": ("Bayraktar TB2", "Shahed-136", "MQ-9 Reaper", "Orlan-10", "Switchblade"),
    "missiles": ("Storm Shadow", "ATACMS", "Javelin", "Kalibr", "Kh-101", "Taurus"),
    "air-defence": ("S-400", "Patriot", "IRIS-T", "NASAMS", "Iron Dome", "Pantsir"),
    "artillery": ("HIMARS", "M777", "Caesar", "PzH 2000", "Krab", "BM-21 Grad"),
    "ammunition": ("JDAM", "GLSDB", "Excalibur", "M795", "Mk 82"),
    "armoured-vehicles": ("Leopard 2", "Abrams", "T-72", "Bradley", "Challenger 2", "Boxer"),
    "ships": ("Kilo-class", "Type 054A", "FREMM", "Island-class"),
    "small-arms": ("AK-47", "M4", "Dragunov", "PKM", "DShK"),
    "sensors": ("AN/TPQ-36", "AN/TPQ-50", "Giraffe AMB"),
    "engines": ("F414", "F110", "AL-31F"),
    "other": ("Starlink", "Link 16", "Krasukha"),
    "unspecified": (),
}
TERMS = {  # category -> item phrases
    "aircraft": ("aircraft", "combat aircraft", "fighter jets", "helicopters", "transport planes"),
    "drones": ("drones", "attack drones", "kamikaze drones", "surveillance drones"),
    "missiles": ("missiles", "cruise missiles", "anti-tank missiles", "ballistic missiles"),
    "air-defence": ("air-defence systems", "air defence batteries", "surface-to-air missiles"),
    "artillery": ("artillery", "howitzers", "rocket launchers", "mortars"),
    "ammunition": ("ammunition", "artillery shells", "155mm rounds", "bombs", "munitions"),
    "armoured-vehicles": ("tanks", "main battle tanks", "armoured vehicles", "infantry vehicles"),
    "ships": ("warships", "frigates", "patrol boats", "submarines", "corvettes"),
    "small-arms": ("rifles", "assault rifles", "machine guns", "small arms", "pistols"),
    "sensors": ("radars", "counter-battery radars", "surveillance radars"),
    "engines": ("engines", "jet engines", "helicopter engines"),
    "other": ("satellite terminals", "electronic warfare systems", "body armour"),
    "unspecified": ("weapons", "arms", "military equipment", "military aid", "weapon systems"),
}
CATEGORY_WEIGHTS = {  # how often a category occurs in a claim
    "aircraft": 12, "drones": 14, "missiles": 14, "air-defence": 9, "artillery": 9,
    "ammunition": 12, "armoured-vehicles": 10, "ships": 4, "small-arms": 7, "sensors": 2,
    "engines": 2, "other": 2, "unspecified": 3,
}
STATUS_WEIGHTS = {"reported": 30, "delivered": 25, "agreed": 15, "pledged": 12,
                  "negotiating": 10, "denied": 8}
VERBS = {"reported": "supplied", "delivered": "delivered", "agreed": "agreed to sell",
         "pledged": "pledged", "negotiating": "is negotiating to sell", "denied": "did not send"}
QUANTITY_TEXTS = ("dozens of", "several", "hundreds of", "a batch of", "thousands of",
                  "an unspecified number of", "millions of rounds of")
SOURCES = ("Reuters", "officials", "the Pentagon", "the defence ministry", "SIPRI", "TASS",
           "a government spokesman", "Amnesty International", "the UN panel of experts",
           "Janes", "the prime minister", "Oryx", "diplomats", "Xinhua", "Al Jazeera")
PUBLISHERS = ("Reuters", "AP", "AFP", "Defense News", "Janes", "Al Jazeera", "BBC", "TASS",
              "Kyiv Independent", "Breaking Defense", "The Guardian", "Xinhua")
RULES = ("verb:supply", "verb:deliver", "verb:sell", "noun:deal", "noun:delivery",
         "modifier:origin", "verb:pledge", "verb:deny")


# -- the synthetic corpus -------------------------------------------------------------------

def _zipf_cum(n: int, s: float) -> list[float]:
    cum, total = [], 0.0
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        cum.append(total)
    return cum


class Corpus:
    """The pools a seeded generator draws claims from (built once per process)."""

    def __init__(self, seed: int) -> None:
        from armsgraph.extract.claims import CATEGORIES, STATUSES, Actor

        self.states = [Actor(name=name, iso3=code, mention=name, type="state", wikidata=qid)
                       for code, name, qid in STATES]
        self.companies = [Actor(name=name, iso3=None, mention=name, type="company",
                                country=country, wikidata=qid) for name, country, qid in COMPANIES]
        self.groups = [Actor(name=name, iso3=None, mention=name, type="armed-group",
                             country=country, wikidata=qid) for name, country, qid in ARMED_GROUPS]
        rng = random.Random(seed ^ 0x5EED)
        self.recipient_states = self.states[:]
        rng.shuffle(self.recipient_states)
        self.supplier_cum = _zipf_cum(len(self.states), 1.2)
        self.recipient_cum = _zipf_cum(len(self.states), 0.7)
        for name, table in (("CATEGORIES", CATEGORY_WEIGHTS), ("SYSTEMS", SYSTEMS),
                            ("TERMS", TERMS)):
            if set(table) != set(CATEGORIES):
                raise SystemExit(f"{name} of benchmarks/store.py no longer matches CATEGORIES")
        if set(STATUS_WEIGHTS) != set(STATUSES):
            raise SystemExit("STATUS_WEIGHTS of benchmarks/store.py no longer matches STATUSES")
        self.categories = list(CATEGORY_WEIGHTS)
        self.category_cum = _cum(CATEGORY_WEIGHTS.values())
        self.statuses = list(STATUS_WEIGHTS)
        self.status_cum = _cum(STATUS_WEIGHTS.values())
        self.terms = TERMS
        self.systems = SYSTEMS


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def synthetic_corpus(n_claims: int, seed: int) -> Iterator[tuple[object, list[object]]]:
    """``(Document, [TransferClaim])`` pairs holding ``n_claims`` claims in all, lazily."""
    from armsgraph.extract.claims import Item, TransferClaim
    from armsgraph.extract.sources import Document

    pools = Corpus(seed)
    rng = random.Random(seed)
    pick = rng.choices

    def supplier():
        r = rng.random()
        if r < 0.08:
            return rng.choice(pools.companies)
        if r < 0.10:
            return rng.choice(pools.groups)
        return pick(pools.states, cum_weights=pools.supplier_cum)[0]

    def recipient():
        r = rng.random()
        if r < 0.07:
            return rng.choice(pools.groups)
        if r < 0.08:
            return rng.choice(pools.companies)
        return pick(pools.recipient_states, cum_weights=pools.recipient_cum)[0]

    made, n_doc = 0, 0
    while made < n_claims:
        n_doc += 1
        size = min(rng.randint(10, 50), n_claims - made)
        year = rng.randint(2015, 2025)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc_id = f"synth-{n_doc:06d}"
        publisher = rng.choice(PUBLISHERS)
        claims, offset, sentences = [], 0, []
        for _ in range(size):
            sup = supplier() if rng.random() < 0.9 else None
            rec = recipient() if rng.random() < 0.95 or sup is None else None
            while rec is not None and sup is not None and rec.key == sup.key:
                rec = recipient()
            category = pick(pools.categories, cum_weights=pools.category_cum)[0]
            status = pick(pools.statuses, cum_weights=pools.status_cum)[0]
            designation = None
            if pools.systems[category] and rng.random() < 0.5:
                designation = rng.choice(pools.systems[category])
            term = rng.choice(pools.terms[category])
            text = (f"{designation} {term}" if designation else term) if rng.random() < 0.92 \
                else None
            quantity: int | str | None = None
            q = rng.random()
            if q < 0.32:
                quantity = int(rng.paretovariate(1.1) * 4)
            elif q < 0.45:
                quantity = rng.choice(QUANTITY_TEXTS)
            value = None
            if rng.random() < 0.15:
                value = f"${rng.randint(1, 999)} {rng.choice(('million', 'billion'))}"
            source = rng.choice(SOURCES) if rng.random() < 0.42 else None
            sentence = " ".join(x for x in (
                sup.mention if sup else "It was reported that", VERBS[status],
                str(quantity) if quantity is not None else None, text or "weapons",
                f"to {rec.mention}" if rec else None,
                f"worth {value}" if value else None,
                f"according to {source}" if source else None) if x) + "."
            span = (offset, offset + len(sentence))
            offset = span[1] + 1
            sentences.append(sentence)
            claims.append(TransferClaim(
                doc_id=doc_id, sentence=sentence, span=span, supplier=sup, recipient=rec,
                item=Item(text, category, designation), status=status, quantity=quantity,
                value=value, source=source, inferred=rng.random() < 0.1,
                rule=rng.choice(RULES), confidence=round(rng.uniform(0.5, 0.99), 3)))
        made += size
        title = f"{claims[0].sentence[:80]}"
        yield Document(id=doc_id, text=" ".join(sentences), title=title,
                       url=f"https://news.example.org/{year}/{doc_id}", published=published,
                       publisher=publisher), claims


def count_triples(n_claims: int, seed: int) -> dict[str, float]:
    """The triples ``document_triples`` yields for the corpus, and the distinct ones per graph."""
    from armsgraph.graph.rdf import IriMinter, document_triples

    minter = IriMinter()
    produced = unique = docs = claims = 0
    for doc, doc_claims in synthetic_corpus(n_claims, seed):
        triples = list(document_triples(doc, doc_claims, minter))
        produced += len(triples)
        unique += len(set(triples))
        docs += 1
        claims += len(doc_claims)
    return {"documents": docs, "claims": claims, "triples_produced": produced,
            "triples_per_claim": produced / claims, "distinct_triples": unique,
            "distinct_triples_per_claim": unique / claims}


# -- the child: one store, load then queries --------------------------------------------------

def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / 2**20


def _pid_rss_mb(pid: int) -> float:
    """The resident memory of a process (Linux), 0 when it cannot be read."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def _queries(folder: Path | None) -> list[tuple[str, str]]:
    out = [(BUILTIN_NAME, BUILTIN_TOP_SUPPLIERS)]
    if folder is not None and folder.is_dir():
        out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]
    return out


def _native(ox_store, sparql: str) -> int:
    """Run through pyoxigraph directly, materialising every row; return the row count."""
    import pyoxigraph as ox

    from armsgraph.graph.query import with_prefixes

    result = ox_store.query(with_prefixes(sparql)[0], use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return 1
    return len([list(row) for row in result] if isinstance(result, ox.QuerySolutions)
               else list(result))


def _runs(times: list[float], rows: int) -> dict:
    return {"first_s": times[0], "best_s": min(times), "runs": len(times), "rows": rows,
            "times_s": times}


DUPLICATION_PROBES = {  # rows a pattern gives in the union default graph, and distinct rows
    "rows": "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }",
    "distinct": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?l "
                "WHERE { ?s rdfs:label ?l } }",
}


def child(args: argparse.Namespace) -> int:
    """Load the corpus into one store, then time each query in a forked process of its own.

    A forked process per query can be killed when it overruns ``--query-timeout`` (a query
    inside Oxigraph cannot be interrupted from Python); it shares the loaded MemoryStore
    copy-on-write, and opens the closed EmbeddedStore afresh, as ``armsgraph query`` does.
    """
    from armsgraph.graph.store import EmbeddedStore, MemoryStore

    embedded = args.child == "embedded"
    out = Path(args.result_file).open("a", encoding="utf-8")  # noqa: SIM115 (shared by forks)

    def emit(event: str, **data) -> None:
        data.update(event=event, peak_rss_mb=_peak_mb(), rss_mb=_rss_mb())
        out.write(json.dumps(data) + "\n")
        out.flush()

    def say(msg: str) -> None:
        print(f"  [{args.child}] {msg}", file=sys.stderr, flush=True)

    emit("start")
    store = EmbeddedStore(args.store_dir) if embedded else MemoryStore()
    docs = claims = put = 0
    step = max(args.claims // 10, 1)
    next_report = step
    start = time.perf_counter()
    corpus = synthetic_corpus(args.claims, args.seed)
    if args.per_document:
        written = ((item, store.put_document(*item)) for item in corpus)
    else:
        written = store.put_documents(corpus)
    for (_doc, doc_claims), n in written:
        put += n
        docs += 1
        claims += len(doc_claims)
        if claims >= next_report:
            next_report += step
            el = time.perf_counter() - start
            say(f"{claims} claims in {el:.1f} s ({claims / el:.0f}/s), "
                f"peak {_peak_mb():.0f} MB")
    if embedded:
        store.store.flush()
    load_s = time.perf_counter() - start
    emit("load", documents=docs, claims=claims, triples_put=put, seconds=load_s,
         documents_per_s=docs / load_s, claims_per_s=claims / load_s)
    say(f"loaded {docs} documents, {claims} claims in {load_s:.1f} s")
    start = time.perf_counter()
    count = store.triple_count()
    emit("count", triples=count, seconds=time.perf_counter() - start)
    probe = {k: int(store.query(q).rows[0][0]) for k, q in DUPLICATION_PROBES.items()}
    emit("duplication", **probe)
    if embedded:
        store.close()
        emit("closed", disk_mb=_dir_mb(Path(args.store_dir)))

    for name, sparql in _queries(Path(args.queries) if args.queries else None):
        say(f"query {name}")
        pid = os.fork()
        if pid == 0:  # the query process
            code = 0
            try:
                st = EmbeddedStore(args.store_dir, create=False) if embedded else store
                engines = {"store": lambda q=sparql, st=st: len(st.query(q).rows)}
                if embedded:  # the same query through pyoxigraph alone
                    engines["native"] = lambda q=sparql, st=st: _native(st.store, q)
                first: dict[str, float] = {}
                for i in range(args.repeat):  # alternating engines, so that first runs come first
                    for engine, fn in engines.items():
                        if i and first[engine] > args.repeat_limit:
                            continue
                        t0 = time.perf_counter()
                        rows = fn()
                        seconds = time.perf_counter() - t0
                        first.setdefault(engine, seconds)
                        emit("run", name=name, engine=engine, seconds=seconds, rows=rows)
                        say(f"  {engine} run {i + 1}: {seconds:.3f} s, {rows} rows")
                emit("query", name=name, complete=True)
            except Exception as exc:  # a query one engine rejects: report it, go on
                emit("query", name=name, error=f"{type(exc).__name__}: {exc}"[:300])
                code = 1
            os._exit(code)
        started = time.monotonic()
        top_mb = 0.0
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            elapsed = time.monotonic() - started
            top_mb = max(top_mb, _pid_rss_mb(pid))
            if elapsed > args.query_timeout or top_mb > args.query_memory_limit:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                why = ("time" if elapsed > args.query_timeout else "memory")
                emit("query", name=name, timed_out=True, timeout_s=elapsed, killed_for=why,
                     query_rss_mb=top_mb)
                say(f"  killed after {elapsed:.0f} s at {top_mb:.0f} MB "
                    f"(over the {why} limit)")
                break
            time.sleep(0.05)
    emit("done")
    return 0


# -- the parent ---------------------------------------------------------------------------------

def run_child(kind: str, args: argparse.Namespace, work: Path, timeout: float) -> dict:
    result_file = work / f"{kind}.jsonl"
    result_file.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind,
           "--claims", str(args.claims), "--seed", str(args.seed),
           "--repeat", str(args.repeat), "--repeat-limit", str(args.repeat_limit),
           "--query-timeout", str(args.query_timeout),
           "--query-memory-limit", str(args.query_memory_limit),
           "--result-file", str(result_file), "--store-dir", str(work / "oxigraph")]
    if args.per_document:
        cmd.append("--per-document")
    if args.queries is not None and args.queries.is_dir():
        cmd += ["--queries", str(args.queries)]
    print(f"\n[{kind}] loading {args.claims} claims (timeout {timeout:.0f} s) ...", flush=True)
    start = time.perf_counter()
    # its own process group, so that a timeout also ends the query process it may have forked
    proc = subprocess.Popen(cmd, start_new_session=True)
    timed_out = False
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        timed_out, code = True, None
    wall = time.perf_counter() - start
    events = [json.loads(line) for line in result_file.read_text(encoding="utf-8").splitlines()
              if line.strip()] if result_file.exists() else []
    report: dict = {"timed_out": timed_out, "exit_code": code, "wall_s": wall, "queries": {}}
    for ev in events:
        kind_ = ev.pop("event")
        if kind_ == "start":
            report["baseline_rss_mb"] = ev["peak_rss_mb"]
        elif kind_ == "load":
            report["load"] = ev
            report["peak_rss_load_mb"] = ev["peak_rss_mb"]
        elif kind_ == "count":
            report["triple_count"] = ev["triples"]
            report["triple_count_s"] = ev["seconds"]
        elif kind_ == "duplication":
            report["label_rows_in_union"] = ev["rows"]
            report["label_rows_distinct"] = ev["distinct"]
        elif kind_ == "closed":
            report["disk_mb"] = ev["disk_mb"]
        elif kind_ in ("run", "query"):  # one run of a query, or its timeout or error
            q = report["queries"].setdefault(ev["name"], {})
            if kind_ == "query":
                q.update((k, ev[k]) for k in ("complete", "timed_out", "timeout_s", "killed_for",
                                               "query_rss_mb", "error")
                         if k in ev)
                continue
            runs = q.setdefault("runs", {}).setdefault(ev["engine"], [])
            runs.append((ev["seconds"], ev["rows"]))
            q[ev["engine"]] = _runs([t for t, _ in runs], ev["rows"])
            report["peak_rss_queries_mb"] = max(report.get("peak_rss_queries_mb", 0.0),
                                                ev["peak_rss_mb"])
    for q in report["queries"].values():
        q.pop("runs", None)
    if timed_out:
        print(f"[{kind}] timed out after {timeout:.0f} s: killed", flush=True)
    elif code:
        print(f"[{kind}] failed with exit code {code}", flush=True)
    return report


def _fmt(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def _cell(q: dict | None, engine: str, store_timed_out: bool) -> tuple[str, dict | None]:
    """One engine's 'first/best' cell of a query, and its runs."""
    runs = q.get(engine) if q else None
    if runs:
        mark = "" if q.get("complete") else "*"
        return f"{runs['first_s']:.3f}/{runs['best_s']:.3f}{mark}", runs
    if q and q.get("timed_out"):
        if q.get("killed_for") == "memory":
            return f"killed at {q['query_rss_mb']:.0f} MB", None
        return f"timed out >{q['timeout_s']:.0f} s", None
    if q and "error" in q:
        return "error", None
    return ("store timed out" if store_timed_out else "-"), None


def print_report(figures: dict) -> None:
    corpus, stores = figures["corpus"], figures["stores"]
    print(f"\ncorpus: {corpus['documents']} documents, {corpus['claims']} claims; "
          f"{corpus['triples_per_claim']:.2f} triples per claim produced by document_triples, "
          f"{corpus['distinct_triples_per_claim']:.2f} distinct within each document graph")
    print("\nload        documents/s  claims/s  seconds  quads      peak RSS MB: load  queries"
          "  disk MB  label rows union/distinct")
    for kind, rep in stores.items():
        load = rep.get("load")
        if rep.get("skipped"):
            print(f"{kind:10s}  skipped")
            continue
        if not load:
            print(f"{kind:10s}  {'timed out' if rep['timed_out'] else 'failed'} during the load"
                  f" (peak RSS {_fmt(rep.get('peak_rss_mb'), '.0f')} MB)")
            continue
        dup = (f"{rep['label_rows_in_union']}/{rep['label_rows_distinct']}"
               if "label_rows_in_union" in rep else "-")
        print(f"{kind:10s}  {load['documents_per_s']:11.1f}  {load['claims_per_s']:8.0f}  "
              f"{load['seconds']:7.1f}  {rep.get('triple_count', '-')!s:9s}  "
              f"{load['peak_rss_mb']:17.0f}  {_fmt(rep.get('peak_rss_queries_mb'), '7.0f')}  "
              f"{_fmt(rep.get('disk_mb'), '7.0f')}  {dup}")
    names = list(dict.fromkeys(n for rep in stores.values() for n in rep.get("queries", {})))
    print("\nquery (seconds, first/best run)  embedded (rdflib)     embedded (pyoxigraph)  "
          "memory (rdflib)       memory/embedded  rows e/m")
    for name in names:
        emb, mem = stores.get("embedded", {}), stores.get("memory", {})
        eq, mq = emb.get("queries", {}).get(name), mem.get("queries", {}).get(name)
        ecol, es = _cell(eq, "store", emb.get("timed_out", False))
        ncol, _ = _cell(eq, "native", emb.get("timed_out", False))
        mcol, ms = _cell(mq, "store", mem.get("timed_out", False))
        if mem.get("skipped"):
            mcol = "skipped"
        ratio = "-"
        if es and ms and es["best_s"]:
            r = ms["best_s"] / es["best_s"]
            ratio = f"{r:.1f}x" if r >= 1 else f"{r:.3f}x"
        rows = f"{es['rows'] if es else '-'}/{ms['rows'] if ms else '-'}"
        print(f"{name:32s} {ecol:21s} {ncol:22s} {mcol:21s} {ratio:16s} {rows}")
    print("(* killed at a timeout before all its runs: first/best of the runs it finished)")
    for line in figures["verdicts"]:
        print(line)


def verdicts(figures: dict) -> list[str]:
    emb = figures["stores"].get("embedded", {})
    n = figures["corpus"]["claims"]
    note = "" if n >= 100_000 else f" (measured on {n} claims; the targets are for 100,000)"
    out = ["\ntargets" + note + ":"]
    top = emb.get("queries", {}).get(BUILTIN_NAME)
    if top and top.get("store"):
        runs = top["store"]
        ok = runs["first_s"] < TARGET_QUERY_SECONDS
        out.append(f"  embedded answers 'top suppliers' in under {TARGET_QUERY_SECONDS:.0f} s: "
                   f"{'YES' if ok else 'NO'} (first run {runs['first_s']:.3f} s, best "
                   f"{runs['best_s']:.3f} s)")
    elif top and top.get("timed_out"):
        ok = False
        out.append(f"  embedded answers 'top suppliers' in under {TARGET_QUERY_SECONDS:.0f} s: "
                   f"NO (timed out after {top['timeout_s']:.0f} s)")
    else:
        ok = None
        out.append("  embedded 'top suppliers': not measured")
    figures["targets"]["top_suppliers_under_1s"] = ok
    rq = emb.get("queries", {}).get("top-suppliers.rq")
    if rq:
        first = (f"first {rq['store']['first_s']:.3f} s, best {rq['store']['best_s']:.3f} s"
                 if rq.get("store") else "error" if "error" in rq
                 else f"timed out after {rq.get('timeout_s', 0):.0f} s")
        out.append(f"    (queries/top-suppliers.rq on the embedded store: {first})")
    load = emb.get("load")
    if load:
        ok = load["peak_rss_mb"] < TARGET_PEAK_MB
        out.append(f"  embedded build peak memory under 2 GB: {'YES' if ok else 'NO'} "
                   f"({load['peak_rss_mb']:.0f} MB peak RSS of the loading process; queries "
                   f"up to {_fmt(emb.get('peak_rss_queries_mb'), '.0f')} MB)")
    else:
        ok = None
        out.append("  embedded build peak memory: not measured")
    figures["targets"]["embedded_build_peak_under_2gb"] = ok
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000, help="claims to generate")
    ap.add_argument("--seed", type=int, default=20250601, help="seed of the corpus")
    ap.add_argument("--queries", type=Path, default=ROOT / "queries",
                    help="folder of .rq files to time (default: queries/)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each query")
    ap.add_argument("--repeat-limit", type=float, default=60.0,
                    help="skip the repeats of a query whose first run takes longer (s)")
    ap.add_argument("--query-timeout", type=float, default=120.0,
                    help="kill a query (all its runs) after this many seconds")
    ap.add_argument("--query-memory-limit", type=float, default=6144.0,
                    help="kill a query process whose resident memory passes this many MB")
    ap.add_argument("--per-document", action="store_true",
                    help="load one put_document per document instead of the bulk path")
    ap.add_argument("--skip-memory", action="store_true", help="leave out the MemoryStore")
    ap.add_argument("--memory-timeout", type=float, default=900.0,
                    help="kill the MemoryStore run after this many seconds")
    ap.add_argument("--embedded-timeout", type=float, default=1800.0,
                    help="kill the EmbeddedStore run after this many seconds")
    ap.add_argument("--keep", action="store_true", help="keep the Oxigraph store directory")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench" / "store.json")
    ap.add_argument("--child", choices=("embedded", "memory"), help=argparse.SUPPRESS)
    ap.add_argument("--result-file", help=argparse.SUPPRESS)
    ap.add_argument("--store-dir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.claims < 1:
        ap.error("--claims must be at least 1")
    if args.child:
        return child(args)

    print(f"generating {args.claims} claims (seed {args.seed}) and counting their triples ...",
          flush=True)
    start = time.perf_counter()
    corpus = count_triples(args.claims, args.seed)
    corpus["seconds"] = time.perf_counter() - start
    print(f"{corpus['documents']} documents, {corpus['claims']} claims: "
          f"{corpus['triples_per_claim']:.2f} triples per claim produced by document_triples "
          f"({corpus['distinct_triples_per_claim']:.2f} distinct within each document graph); "
          f"{corpus['seconds']:.1f} s", flush=True)

    work = Path(tempfile.mkdtemp(prefix="armsgraph-bench-store-"))
    figures: dict = {
        "command": " ".join([Path(sys.executable).name, "benchmarks/store.py",
                             *(argv if argv is not None else sys.argv[1:])]),
        "seed": args.seed, "corpus": corpus, "stores": {}, "targets": {},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
    }
    try:
        figures["stores"]["embedded"] = run_child("embedded", args, work, args.embedded_timeout)
        if args.skip_memory:
            figures["stores"]["memory"] = {"skipped": True}
        else:
            figures["stores"]["memory"] = run_child("memory", args, work, args.memory_timeout)
    finally:
        if args.keep:
            print(f"\nthe Oxigraph store is kept in {work / 'oxigraph'}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    emb_count = figures["stores"]["embedded"].get("triple_count")
    if emb_count is not None and emb_count != corpus["distinct_triples"]:
        print(f"warning: the embedded store holds {emb_count} quads, the corpus has "
              f"{corpus['distinct_triples']} distinct triples per document graph")
    figures["verdicts"] = verdicts(figures)
    print_report(figures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
