"""The ``armsgraph`` command line: thin wrappers around the library functions."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from armsgraph import __version__
from armsgraph.errors import ArmsgraphError, InputError, UnknownActorError

app = typer.Typer(
    name="armsgraph",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Inputs = Annotated[list[str], typer.Argument(
    help="Files (.txt, .md, .html, .jsonl), directories of them, or - for standard input.",
    show_default=False)]


class _WarningLines(logging.Handler):
    """The library's warnings (a date it cannot read, a skipped file) as one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"warning: {record.getMessage()}", markup=False)


def _log_warnings() -> None:
    log = logging.getLogger("armsgraph")
    if not any(isinstance(h, _WarningLines) for h in log.handlers):
        log.addHandler(_WarningLines(logging.WARNING))
        log.propagate = False


def _fail(message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"armsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False
         ) -> None:
    """Turn news text about the arms trade into a knowledge graph of transfer claims.

    Example:  armsgraph build seeds/ --out out
    """
    _log_warnings()


class _Errors:
    """Collects input errors: each is printed as one line and the batch goes on."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        err.print(f"error: {error}", markup=False)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


BatchOpt = Annotated[int, typer.Option(help="Documents per spaCy batch.", min=1)]
ProcessOpt = Annotated[int | None, typer.Option(
    help="Worker processes for spaCy [default: the machine's cores].", min=1,
    show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")]
PrefilterOpt = Annotated[bool, typer.Option(
    "--prefilter/--no-prefilter", help="Skip the parse of documents with no actor or no "
    "weapon word (they cannot hold a claim).")]


def _progress(inputs: list[str], verb: str, quiet: bool):
    from armsgraph.extract.sources import count_documents
    from armsgraph.progress import JobProgress

    total = None if quiet or not err.is_terminal else count_documents(inputs)
    return JobProgress(err, total, verb=verb, quiet=quiet)


@app.command()
def extract(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write the records here instead of "
                                                     "standard output.")] = None,
    batch_size: BatchOpt = 32,
    n_process: ProcessOpt = None,
    prefilter: PrefilterOpt = True,
    quiet: QuietOpt = False,
) -> None:
    """Extract transfer claims as JSON Lines, one record per claim (see docs/claims.md).

    Example:  armsgraph extract seeds/ -o claims.jsonl
    """
    from armsgraph.api import extract_transfers
    from armsgraph.graph.atomic import atomic_write, check_target

    errors = _Errors()
    try:
        if output is not None:
            check_target(output)
        with _progress(inputs, "extracted", quiet or output is None) as progress:
            extracted = extract_transfers(inputs, on_error=errors, batch_size=batch_size,
                                          n_process=n_process or _cores(),
                                          prefilter=prefilter)

            def lines():
                for _doc, claims in extracted:
                    progress.advance(len(claims))
                    for claim in claims:
                        yield json.dumps(claim.to_record(), ensure_ascii=False) + "\n"

            try:
                if output is None:
                    for line in lines():
                        sys.stdout.write(line)
                else:
                    atomic_write(output, lambda fh: fh.writelines(
                        line.encode("utf-8") for line in lines()))
            finally:
                extracted.close()  # stops spaCy's workers on an error or an interrupt
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if output is not None:
        err.print(f"{progress.summary(errors.count)}; wrote {output}", markup=False)
    if errors.count:
        raise typer.Exit(2)


StoreOpt = Annotated[Path | None, typer.Option(
    "--store", "-s", help="The embedded store directory [default: ./armsgraph-store].",
    show_default=False)]
EndpointOpt = Annotated[str | None, typer.Option(
    "--endpoint", help="A SPARQL 1.1 query endpoint URL instead of the embedded store "
    "(Oxigraph: http://HOST:7878/query).", show_default=False)]
UpdateOpt = Annotated[str | None, typer.Option(
    "--update-endpoint", help="The SPARQL update URL, when it is not the endpoint's "
    "(derived for Oxigraph).", show_default=False)]


def _open(store: Path | None, endpoint: str | None, update_endpoint: str | None = None,
          create: bool = False):
    from armsgraph.graph.store import open_store

    if store is not None and endpoint is not None:
        raise _fail("give --store or --endpoint, not both")
    try:
        return open_store(store, endpoint, update_endpoint, create=create)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None


@app.command()
def build(
    inputs: Inputs,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Also write graph.ttl, claims.jsonl and graph.html here.",
        show_default=False)] = None,
    batch_size: BatchOpt = 32,
    n_process: ProcessOpt = None,
    prefilter: PrefilterOpt = True,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Extract on the workers of this Dask scheduler "
        "(tcp://HOST:8786) instead of on this machine.", show_default=False)] = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract claims into the store (one named graph per document; re-ingesting a
    document replaces its claims), and with --out write Turtle, the claims as JSON Lines
    and an HTML view of the whole store.

    Example:  armsgraph build seeds/ --store armsgraph-store --out out
    """
    if scheduler is not None:
        _build_on_dask(inputs, scheduler, store, endpoint, update_endpoint, out, prefilter,
                       quiet)
        return
    from armsgraph.api import build_graph
    from armsgraph.graph.atomic import check_target

    errors = _Errors()
    if out is not None:
        if out.exists() and not out.is_dir():
            raise _fail(f"{out}: is not a directory; --out names a folder for graph.ttl, "
                        "claims.jsonl and graph.html")
        try:
            for name in ("graph.ttl", "claims.jsonl", "graph.html"):
                check_target(out / name)
        except ArmsgraphError as exc:
            raise _fail(str(exc)) from None
    target = _open(store, endpoint, update_endpoint, create=True)
    try:
        with _progress(inputs, "built", quiet) as progress:
            report = build_graph(inputs, out, on_error=errors,
                                 progress=lambda _doc, n: progress.advance(n),
                                 batch_size=batch_size, n_process=n_process or _cores(),
                                 store=target, prefilter=prefilter)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    finally:
        target.close()
    where = endpoint or (store or "armsgraph-store")
    typer.echo(f"stored in {where}")
    for path in report.outputs:
        typer.echo(f"wrote {path}")
    typer.echo(f"{report.documents} documents, {report.claims} claims, {report.actors} actors; "
               f"the store holds {report.triples} triples")
    if not quiet:
        err.print(progress.summary(errors.count), markup=False)
    if errors.count:
        raise typer.Exit(2)


def _build_on_dask(inputs, scheduler, store, endpoint, update_endpoint, out, prefilter,
                   quiet) -> None:
    from armsgraph.api import write_outputs
    from armsgraph.distributed import build_distributed

    errors = _Errors()
    target = _open(store, endpoint, update_endpoint, create=True)
    try:
        with _progress(inputs, "built", quiet) as progress:
            written, records = build_distributed(
                inputs, scheduler, target, on_error=errors, prefilter=prefilter,
                progress=lambda _doc, n: progress.advance(n))
        outputs = write_outputs(target, out, records) if out is not None else []
        triples = target.triple_count()
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    finally:
        target.close()
    typer.echo(f"stored in {endpoint or (store or 'armsgraph-store')}")
    for path in outputs:
        typer.echo(f"wrote {path}")
    typer.echo(f"{written} documents, {len(records)} claims on {scheduler}; the store holds "
               f"{triples} triples")
    if not quiet:
        err.print(progress.summary(errors.count), markup=False)
    if errors.count:
        raise typer.Exit(2)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.",
                                                 show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a "
                                              ".rq file.")] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    graph: Annotated[Path | None, typer.Option(
        "--graph", "-g", help="Query an RDF file (Turtle, N-Triples, TriG...) instead of a "
        "store.", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL query on the store (or an RDF file) and print the result. The prefixes
    ag:, id:, prov:, rdfs:, skos:, dcterms: and schema: are predeclared, and the default
    graph is the union of all documents' graphs.

    Example:  armsgraph query 'SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r }'
    """
    from armsgraph.graph.query import load_graph_file, run_query, table_rows, to_csv, to_json
    from armsgraph.graph.rdf import prefixed_graph

    if fmt not in ("table", "csv", "json"):
        raise _fail(f"--format must be table, csv or json, not '{fmt}'")
    if (sparql is None) == (file is None):
        raise _fail("give a query either inline or with --file, not both or neither")
    if graph is not None and (store is not None or endpoint is not None):
        raise _fail("give --graph, --store or --endpoint, not several")
    if file is not None:
        try:
            sparql = file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{file}: cannot read query file ({exc})") from None
    g = None
    try:
        if graph is not None:
            g = load_graph_file(graph)
            result = run_query(g, sparql or "")
        else:
            with _open(store, endpoint) as target:
                result = target.query(sparql or "")
                if fmt == "table":
                    rows = table_rows(result, prefixed_graph())
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if fmt == "csv":
        sys.stdout.write(to_csv(result))
    elif fmt == "json":
        typer.echo(to_json(result))
    else:
        if graph is not None:
            rows = table_rows(result, g)
        table = Table(*result.variables, show_lines=False)
        for row in rows:
            table.add_row(*[Text(c) for c in row])
        # IRIs whole, however wide (a terminal wraps them; --format csv or json for tools)
        Console(highlight=False, soft_wrap=False, width=200).print(table)
        err.print(f"{len(result.rows)} rows", markup=False)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, nq, trig or jsonld "
                                     "(RDF), or csv or jsonl (the claims as a table).")]
    = "trig",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="The file to write (atomically) [default: standard output].",
        show_default=False)] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Export the store as RDF: ttl and nt hold the merged triples, nq, trig and jsonld keep
    one named graph per document (jsonld compacted with a @context). csv and jsonl write
    the claims as a table: one row per claim with its sides, item, status, dates, source,
    sentence, article (title, URL, date, publisher) and transfer.

    Example:  armsgraph export --format csv -o claims.csv
    """
    from armsgraph.graph.atomic import check_target
    from armsgraph.graph.export import TABLE_FORMATS, claim_table, write_table
    from armsgraph.graph.store import FORMATS

    if fmt not in FORMATS and fmt not in TABLE_FORMATS:
        raise _fail(f"--format must be one of {', '.join((*FORMATS, *TABLE_FORMATS))}, "
                    f"not '{fmt}'")
    try:
        if output is not None:
            check_target(output)
        with _open(store, endpoint) as target:
            out = output if output is not None else sys.stdout.buffer
            if fmt in TABLE_FORMATS:
                write_table(claim_table(target), fmt, out)
            else:
                target.export(fmt, out)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if output is not None:
        err.print(f"wrote {output}", markup=False)


@app.command()
def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="The ids of the documents to remove.",
                                                 show_default=False)],
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
) -> None:
    """Remove documents, with all their claims, from the store.

    Example:  armsgraph remove 000_cf215c8622a80a14
    """
    missing = 0
    try:
        with _open(store, endpoint, update_endpoint) as target:
            # one recomputation of the transfers for all the documents removed
            for doc_id, gone in zip(doc_ids, target.remove_documents(doc_ids), strict=True):
                if gone:
                    typer.echo(f"removed {doc_id}")
                else:
                    missing += 1
                    err.print(f"error: {doc_id}: no such document in the store", markup=False)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if missing:
        raise typer.Exit(2)


@app.command()
def validate(
    file: Annotated[Path | None, typer.Argument(help="An RDF file to validate instead of "
                                                "the store.", show_default=False)] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Check a graph against armsgraph's SHACL shapes (ontology/shapes.ttl) and report every
    violation; exits 1 when the graph does not conform.

    Example:  armsgraph validate --store armsgraph-store
    """
    from armsgraph.graph.query import load_graph_file
    from armsgraph.graph.validate import validate_graph

    try:
        if file is not None:
            if store is not None or endpoint is not None:
                raise _fail("give a FILE, --store or --endpoint, not several")
            report = validate_graph(load_graph_file(file))
        else:
            with _open(store, endpoint) as target:
                report = validate_graph(target.graph())
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    typer.echo(report.summary())
    if not report.conforms:
        raise typer.Exit(1)


@app.command("import-sipri")
def import_sipri(
    files: Annotated[list[Path], typer.Argument(
        help="SIPRI trade-register exports (CSV): the classic register or the per-delivery-"
        "year export.", show_default=False)],
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
) -> None:
    """Import SIPRI Arms Transfers Database exports: one register transfer per deal, with its
    sides, weapon, numbers, years, TIV, comments and the file and line it came from.

    The same file again changes nothing; a newer export of the same format replaces the
    older import. Rows that cannot be read are reported with their line and skipped.
    Information from the SIPRI Arms Transfers Database (www.sipri.org/databases/armstransfers).

    Example:  armsgraph import-sipri trade-register.csv --store armsgraph-store
    """
    from armsgraph.graph.sipri import import_register

    failed = 0
    target = _open(store, endpoint, update_endpoint, create=True)
    try:
        for path in files:
            try:
                report = import_register(target, path)
            except ArmsgraphError as exc:
                err.print(f"error: {exc}", markup=False, highlight=False)
                failed += 1
                continue
            if report.unchanged:
                typer.echo(f"{path}: already imported ({report.deals:,} deals), nothing "
                           "changed")
                continue
            typer.echo(f"{path}: imported {report.deals:,} deals ({report.format} export)"
                       + (f", replacing {', '.join(report.replaced)}" if report.replaced
                          else ""))
            if report.skipped:
                typer.echo(f"{path}: {len(report.skipped)} row(s) skipped (see the warnings)")
            for what, names in (("SIPRI names without an actor", report.unmapped_actors),
                                ("weapon descriptions without a category",
                                 report.unmapped_descriptions)):
                if names:
                    err.print(f"warning: {path}: {len(names)} {what}: {'; '.join(names)}",
                              markup=False, highlight=False)
    finally:
        target.close()
    if failed:
        raise typer.Exit(2)


@app.command()
def corroborate(
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    graph: GraphFileOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the lists to this file (csv or json; default: "
        "standard output).", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", help="Rows per list in the table.", min=1)] = 10,
) -> None:
    """Check the news claims against the imported SIPRI register: the claims SIPRI confirms,
    the leads (claims with no SIPRI record, with the reason), and the SIPRI deals of the
    news's years that no claim states. In a store, the matches are kept as
    ag:corroboratedBy links (graph id:graph/corroboration).

    Example:  armsgraph corroborate --store armsgraph-store --format csv -o corroboration.csv
    """
    import csv
    import json as jsonlib

    from armsgraph.graph.atomic import atomic_write_text, check_target
    from armsgraph.graph.corroborate import corroborate as run
    from armsgraph.graph.corroborate import store_corroboration, tables
    from armsgraph.graph.network import claim_rows
    from armsgraph.graph.query import load_graph_file
    from armsgraph.graph.sipri import CREDIT

    if fmt not in ("table", "csv", "json"):
        raise _fail(f"--format must be table, csv or json, not '{fmt}'")
    if output is not None:
        if fmt == "table":
            raise _fail("-o writes csv or json: add --format csv or --format json")
        try:
            check_target(output)
        except ArmsgraphError as exc:
            raise _fail(str(exc)) from None

    def compare(source, write: bool):
        deals = _register_deals(source, "comparing with")
        result = run(claim_rows(source), deals)
        if write:
            store_corroboration(source, result)
        return result, deals[0].get("file")

    try:
        if graph is not None:
            if store is not None or endpoint is not None:
                raise _fail("give --graph, --store or --endpoint, not several")
            result, register = compare(load_graph_file(graph), write=False)
        else:
            with _open(store, endpoint) as source:
                result, register = compare(source, write=endpoint is None)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    lists = tables(result)
    if fmt == "json":
        text = jsonlib.dumps(lists, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        import io

        columns: list[str] = ["list"]
        for rows in lists.values():
            for row in rows:
                columns.extend(k for k in row if k not in columns)
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", restval="")
        w.writeheader()
        for name, rows in lists.items():
            w.writerows({"list": name, **{k: "" if v is None else v for k, v in row.items()}}
                        for row in rows)
        text = buf.getvalue()
    if fmt != "table":
        if output is None:
            sys.stdout.write(text)
        else:
            atomic_write_text(output, text)
            typer.echo(f"wrote {output}", err=True)
        return
    two_sided = len(result.confirmed) + len(result.leads)
    years = (f"{result.years[0]}-{result.years[1]}" if result.years and
             result.years[0] != result.years[1] else str(result.years[0]) if result.years
             else "no dated article")
    typer.echo(f"{two_sided} news claims naming both sides: {len(result.confirmed)} confirmed "
               f"by the SIPRI register ({register}), {len(result.leads)} leads; "
               f"{len(result.register_only)} register deals of the news's years ({years}) "
               f"that no claim states; {result.one_sided} claims name one side only. "
               f"{CREDIT}")
    console = Console(highlight=False)  # the terminal's width (COLUMNS), 80 when piped
    for name, title, keys in (
            ("confirmed", "Confirmed by SIPRI", ("supplier", "recipient", "item", "date",
                                                 "score", "register_designation", "reason")),
            ("leads", "Leads: no SIPRI record", ("supplier", "recipient", "status", "item",
                                                 "date", "reason")),
            ("register_only", "SIPRI deals no claim states (largest first)",
             ("supplier", "recipient", "designation", "description", "order_year",
              "delivery_years"))):
        rows = lists[name][:top]
        if not rows:
            continue
        table = Table(*keys, title=f"{title} ({len(lists[name])})")
        for row in rows:
            table.add_row(*[Text(str(row.get(k) or "")) for k in keys])
        console.print(table)


# --- networks ----------------------------------------------------------------------------

CategoryOpt = Annotated[list[str] | None, typer.Option(
    "--category", "-c", help="Keep only this weapon category (repeatable).",
    show_default=False)]
StatusOpt = Annotated[list[str] | None, typer.Option(
    "--status", help="Keep only this status (repeatable).", show_default=False)]
ExcludeOpt = Annotated[list[str] | None, typer.Option(
    "--exclude-status", help="Drop this status, e.g. denied (repeatable).",
    show_default=False)]
SinceOpt = Annotated[str | None, typer.Option(
    "--since", help="Only claims dated on or after this ISO year, month or day (2022, "
    "2022-03 or 2022-03-01).", show_default=False)]
UntilOpt = Annotated[str | None, typer.Option(
    "--until", help="Only claims dated on or before this ISO year, month or day.",
    show_default=False)]
ActorOpt = Annotated[str | None, typer.Option(
    "--actor", "-a", help="Centre on this actor: an id (RUS) or a name (Russia).",
    show_default=False)]
DepthOpt = Annotated[int, typer.Option("--depth", help="Steps from --actor.", min=1)]
SideOpt = Annotated[str, typer.Option(
    "--side", help="With --actor: both, suppliers (who arms it) or recipients (whom it arms).")]
MinClaimsOpt = Annotated[int, typer.Option("--min-claims", help="Drop pairs with fewer "
                                           "claims.", min=1)]
GraphFileOpt = Annotated[Path | None, typer.Option(
    "--graph", "-g", help="Read an RDF file instead of a store.", show_default=False)]


RegisterOpt = Annotated[bool, typer.Option(
    "--register", help="Use the imported SIPRI register (see import-sipri) instead of the "
    "news claims: a deal counts as a claim; --since/--until select deals ordered or "
    "delivered in those years.")]


def _network(store, endpoint, graph, category, status, exclude_status, since, until, actor,
             depth, side, min_claims, register: bool = False):
    """The filtered supplier network the network commands share."""
    from armsgraph.extract.claims import CATEGORIES, STATUSES
    from armsgraph.graph.network import claims_network, ego_network, find_actor
    from armsgraph.graph.query import load_graph_file

    for value in category or []:
        if value not in CATEGORIES:
            raise _fail(f"unknown category '{value}' (use {', '.join(CATEGORIES)})")
    for value in (status or []) + (exclude_status or []):
        if value not in STATUSES:
            raise _fail(f"unknown status '{value}' (use {', '.join(STATUSES)})")
    if side not in ("both", "suppliers", "recipients"):
        raise _fail(f"--side must be both, suppliers or recipients, not '{side}'")
    from armsgraph.extract.dates import bound

    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                bound(value)
            except ValueError as exc:
                raise _fail(f"{name}: {exc}") from None
    filters = {"categories": category, "statuses": status,
               "exclude_statuses": exclude_status or (), "since": since, "until": until}
    try:
        if graph is not None:
            if store is not None or endpoint is not None:
                raise _fail("give --graph, --store or --endpoint, not several")
            source = load_graph_file(graph)
            d = (_register_network(source, min_claims, filters) if register
                 else claims_network(source, min_claims=min_claims, **filters))
        else:
            with _open(store, endpoint) as source:
                d = (_register_network(source, min_claims, filters) if register
                     else claims_network(source, min_claims=min_claims, **filters))
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if actor is not None:
        try:
            centre = find_actor(d, actor)
        except UnknownActorError as exc:
            raise _fail(str(exc)) from None
        d = ego_network(d, centre, depth=depth, side=side)
    return d


def _register_deals(source, doing: str) -> list[dict]:
    """The deals of the store's SIPRI register (of its largest import, with a warning when
    it holds several: the two export formats overlap); a one-line error when none."""
    from armsgraph.graph.sipri import one_import, register_rows

    deals, left_out = one_import(register_rows(source))
    if not deals:
        raise _fail("no SIPRI register in this store (import one with 'armsgraph "
                    "import-sipri FILE.csv --store DIR')")
    if left_out:
        chosen = deals[0].get("file") or deals[0]["import"]
        err.print(f"warning: the store holds {len(left_out) + 1} register imports; {doing} "
                  f"the largest ({chosen}), not {', '.join(left_out)}", markup=False,
                  highlight=False)
    return deals


def _register_network(source, min_claims, filters):
    from armsgraph.graph.sipri import register_network

    rows = _register_deals(source, "using")
    d = register_network(rows, min_claims=min_claims, **filters)
    d.graph["register_rows"] = rows
    return d


def _register_evidence(store, endpoint, graph):
    """For a view: the claims the register confirms (claim IRI -> reason) and the network
    of its deals of the news's years that no claim states."""
    from armsgraph.graph.corroborate import corroborate
    from armsgraph.graph.network import claim_rows
    from armsgraph.graph.query import load_graph_file
    from armsgraph.graph.sipri import register_network

    def evidence(source):
        result = corroborate(claim_rows(source), _register_deals(source, "marking with"))
        return ({m.claim["claim"]: m.reason for m in result.confirmed},
                register_network(result.register_only))

    try:
        if graph is not None:
            return evidence(load_graph_file(graph))
        with _open(store, endpoint) as source:
            return evidence(source)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None


def _described(store, endpoint, graph) -> str:
    """What a read command reads, as its pages state it."""
    if graph is not None:
        return f"RDF file {graph}"
    if endpoint is not None:
        return f"SPARQL endpoint {endpoint}"
    return f"store {store or 'armsgraph-store'}"


def _filter_lines(category, status, exclude_status, since, until, actor, depth, side,
                  min_claims) -> list[str]:
    """The command line's filters in words, for the pages they made."""
    lines = []
    if category:
        lines.append("category: " + ", ".join(category))
    if status:
        lines.append("status: " + ", ".join(status))
    if exclude_status:
        lines.append("status not: " + ", ".join(exclude_status))
    if since or until:
        lines.append(" ".join(["article dates", *([f"from {since}"] if since else []),
                               *([f"until {until}"] if until else [])]))
    if actor:
        lines.append(f"centred on {actor}: {side}, {depth} step(s)")
    if min_claims > 1:
        lines.append(f"pairs with at least {min_claims} claims")
    return lines


@app.command()
def stats(
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    graph: GraphFileOpt = None,
    category: CategoryOpt = None,
    status: StatusOpt = None,
    exclude_status: ExcludeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: ActorOpt = None,
    depth: DepthOpt = 1,
    side: SideOpt = "both",
    min_claims: MinClaimsOpt = 1,
    register: RegisterOpt = False,
    top: Annotated[int, typer.Option("--top", help="Rows per table.", min=1)] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """Who arms whom: top suppliers and recipients (by claims and by partners), PageRank,
    betweenness and the strongest pairs with their categories.

    Example:  armsgraph stats --exclude-status denied --top 5
    """
    import csv
    import json as jsonlib

    from armsgraph.graph.network import network_stats, transfer_totals
    from armsgraph.graph.sipri import CREDIT

    if fmt not in ("table", "json", "csv"):
        raise _fail(f"--format must be table, json or csv, not '{fmt}'")
    d = _network(store, endpoint, graph, category, status, exclude_status, since, until,
                 actor, depth, side, min_claims, register)
    tables = network_stats(d, top=top)
    if register:
        from armsgraph.graph.sipri import register_stats

        kept = set(d.nodes)
        rows = [r for r in d.graph["register_rows"] if actor is None or any(
            side and side["iri"].rsplit("/", 1)[-1] in kept
            for side in (r.get("supplier"), r.get("recipient")))]
        tables = {**register_stats(rows, since=int(since[:4]) if since else None,
                                   until=int(until[:4]) if until else None, top=top),
                  **{k: v for k, v in tables.items() if k != "transfers"}}
        totals = {"deals": sum(e["claims"] for _, _, e in d.edges(data=True)),
                  "tiv": round(sum(e["tiv"] for _, _, e in d.edges(data=True)), 1)}
    else:
        totals = transfer_totals(d)
    if fmt != "table":
        tables = {"totals": [totals], **tables}
    if fmt == "json":
        typer.echo(jsonlib.dumps(tables, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["table", "rank", "key", "value"])
        for name, rows in tables.items():
            for rank, row in enumerate(rows, 1):
                for key, value in row.items():
                    w.writerow([name, rank, key, value])
        return
    console = Console(highlight=False)  # the terminal's width (COLUMNS), 80 when piped
    titles = {"suppliers": "Top suppliers (claims)", "recipients": "Top recipients (claims)",
              "suppliers_by_partners": "Suppliers by distinct recipients",
              "recipients_by_partners": "Recipients by distinct suppliers",
              "pagerank": "PageRank (weighted by claims)", "betweenness": "Betweenness",
              "pairs": "Strongest pairs", "transfers": "Most reported transfers",
              "register_suppliers_tiv": "Top suppliers by TIV delivered (SIPRI, millions)",
              "register_recipients_tiv": "Top recipients by TIV delivered (SIPRI, millions)",
              "register_suppliers_deals": "Suppliers by deals ordered or delivered",
              "register_recipients_deals": "Recipients by deals ordered or delivered",
              "register_pairs_tiv": "Strongest pairs by TIV delivered"}
    if register:
        console.print(f"SIPRI register: {d.number_of_nodes()} actors, {d.number_of_edges()} "
                      f"supplier->recipient pairs, {totals['deals']:,} deals, TIV delivered "
                      f"{totals['tiv']:,.0f} m in the period. {CREDIT}", markup=False)
    else:
        console.print(f"{d.number_of_nodes()} actors, {d.number_of_edges()} supplier->recipient "
                      f"pairs, {totals['transfers']} transfers stated by {totals['claims']} "
                      f"claims ({totals['reports']} reports: a sentence repeated verbatim "
                      "counts once)", markup=False)
    for name, rows in tables.items():
        if not rows:
            continue
        keys = _screen_columns(name, list(rows[0]))
        table = Table(*(SCREEN_NAMES.get(k, k) for k in keys), title=titles.get(name, name))
        for row in rows:
            table.add_row(*[Text(str(row[k])) for k in keys])
        console.print(table)


# On screen an actor is its label (its id and type are in --format json and csv), so that
# the tables fit an 80-column terminal.
# The widest tables leave counts that --format json and csv keep.
SCREEN_NAMES = {"supplier_label": "supplier", "recipient_label": "recipient"}
SCREEN_DROP = {"pairs": {"documents", "categories"}, "transfers": {"articles", "claims"}}


def _screen_columns(table: str, keys: list[str]) -> list[str]:
    drop = {"actor", "type"} if "label" in keys else set()
    drop |= {side for side in ("supplier", "recipient") if f"{side}_label" in keys}
    drop |= SCREEN_DROP.get(table, set())
    return [k for k in keys if k not in drop]


@app.command()
def view(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")]
    = Path("armsgraph.html"),
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    graph: GraphFileOpt = None,
    category: CategoryOpt = None,
    status: StatusOpt = None,
    exclude_status: ExcludeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: ActorOpt = None,
    depth: DepthOpt = 1,
    side: SideOpt = "both",
    min_claims: MinClaimsOpt = 1,
    register: RegisterOpt = False,
    max_edges: Annotated[int, typer.Option(
        "--max-edges", help="Past this many pairs show the strongest.", min=1)] = 2500,
    title: Annotated[str, typer.Option("--title", help="The page title.")]
    = "armsgraph: supplier network",
    sipri: Annotated[bool, typer.Option(
        "--sipri", help="Mark the claims the imported SIPRI register confirms and add its "
        "deals of the news's years that no claim states, as a layer.")] = False,
) -> None:
    """Write an interactive supplier -> recipient view: one HTML file that works offline.
    Hover an edge for its claims and evidence sentences; filter inside the page.

    Example:  armsgraph view --actor Russia --side suppliers --depth 2 -o russia.html
    """
    from armsgraph.graph.atomic import check_target
    from armsgraph.graph.view import write_view

    try:
        check_target(output)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    d = _network(store, endpoint, graph, category, status, exclude_status, since, until,
                 actor, depth, side, min_claims, register)
    corroborated, layer = ({}, None)
    if sipri and not register:
        corroborated, layer = _register_evidence(store, endpoint, graph)
    try:
        path = write_view(d, output, title=title, max_edges=max_edges,
                          corroborated=corroborated, layer=layer,
                          corpus=_described(store, endpoint, graph),
                          filters=_filter_lines(category, status, exclude_status, since,
                                                until, actor, depth, side, min_claims))
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"wrote {path} ({d.number_of_nodes()} actors, {d.number_of_edges()} pairs)")


@app.command()
def table(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")]
    = Path("claims.html"),
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    graph: GraphFileOpt = None,
    title: Annotated[str, typer.Option("--title", help="The page title.")]
    = "armsgraph: claims",
) -> None:
    """Write the claims browser: one offline HTML page with every claim and every transfer,
    full-text search, facets (supplier, recipient, category, status, year, publisher),
    sorting, the evidence sentences and article links, and CSV download of what is shown.

    Example:  armsgraph table --store armsgraph-store -o claims.html
    """
    from armsgraph.graph.atomic import check_target
    from armsgraph.graph.query import load_graph_file
    from armsgraph.graph.table import write_claims_page

    try:
        check_target(output)
        meta = {"corpus": _described(store, endpoint, graph)}
        if graph is not None:
            if store is not None or endpoint is not None:
                raise _fail("give --graph, --store or --endpoint, not several")
            path = write_claims_page(load_graph_file(graph), output, title=title, meta=meta)
        else:
            with _open(store, endpoint) as source:
                path = write_claims_page(source, output, title=title, meta=meta)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"wrote {path}")


@app.command()
def network(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gexf, graphml or csv.")] = "gexf",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="The file to write (for csv: a directory for nodes.csv and "
        "edges.csv); default armsgraph.gexf, armsgraph.graphml or armsgraph-csv/.")] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    graph: GraphFileOpt = None,
    category: CategoryOpt = None,
    status: StatusOpt = None,
    exclude_status: ExcludeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: ActorOpt = None,
    depth: DepthOpt = 1,
    side: SideOpt = "both",
    min_claims: MinClaimsOpt = 1,
    register: RegisterOpt = False,
) -> None:
    """Export the supplier network for Gephi or Cytoscape (GEXF, GraphML) or as CSV node and
    edge lists, with claims, documents, categories and statuses per pair.

    Example:  armsgraph network --format graphml -o arms.graphml --exclude-status denied
    """
    from armsgraph.graph.network import write_network

    if fmt not in ("gexf", "graphml", "csv"):
        raise _fail(f"--format must be gexf, graphml or csv, not '{fmt}'")
    if output is None:
        output = Path("armsgraph-csv" if fmt == "csv" else f"armsgraph.{fmt}")
    d = _network(store, endpoint, graph, category, status, exclude_status, since, until,
                 actor, depth, side, min_claims, register)
    try:
        for path in write_network(d, fmt, output):
            typer.echo(f"wrote {path}")
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    app()
