"""The ``armsgraph`` command line: thin wrappers around the library functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from armsgraph import __version__
from armsgraph.errors import ArmsgraphError, InputError

app = typer.Typer(
    name="armsgraph",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Inputs = Annotated[list[str], typer.Argument(
    help="Files (.txt, .md, .jsonl), directories of them, or - for standard input.",
    show_default=False)]


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


class _Errors:
    """Collects input errors: each is printed as one line and the batch goes on."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        err.print(f"error: {error}", markup=False)


@app.command()
def extract(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write the records here instead of "
                                                     "standard output.")] = None,
    batch_size: Annotated[int, typer.Option(help="Documents per spaCy batch.", min=1)] = 32,
    n_process: Annotated[int, typer.Option(help="Worker processes for spaCy.", min=1)] = 1,
) -> None:
    """Extract transfer claims as JSON Lines, one record per claim (see TRANSFERS.md).

    Example:  armsgraph extract seeds/ -o claims.jsonl
    """
    from armsgraph.api import extract_transfers
    from armsgraph.graph.atomic import atomic_write_text

    errors = _Errors()
    lines: list[str] = []
    try:
        for _doc, claims in extract_transfers(inputs, on_error=errors, batch_size=batch_size,
                                              n_process=n_process):
            for claim in claims:
                line = json.dumps(claim.to_record(), ensure_ascii=False)
                if output is None:
                    typer.echo(line)
                else:
                    lines.append(line)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if output is not None:
        atomic_write_text(output, "".join(line + "\n" for line in lines))
        err.print(f"wrote {len(lines)} claims to {output}", markup=False)
    if errors.count:
        raise typer.Exit(2)


@app.command()
def build(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for graph.ttl, "
                                      "claims.jsonl and graph.html.")] = Path("out"),
    batch_size: Annotated[int, typer.Option(help="Documents per spaCy batch.", min=1)] = 32,
    n_process: Annotated[int, typer.Option(help="Worker processes for spaCy.", min=1)] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Extract claims and build the graph: Turtle, the claims as JSON Lines, and an HTML view.

    Example:  armsgraph build seeds/ --out out
    """
    from armsgraph.api import build_graph

    errors = _Errors()
    seen = [0]

    def progress(doc, n_claims: int) -> None:
        seen[0] += 1
        if not quiet and (sys.stderr.isatty() or seen[0] % 100 == 0):
            err.print(f"  {seen[0]} documents read ({doc.id}: {n_claims} claims)", markup=False)

    try:
        report = build_graph(inputs, out, on_error=errors, progress=progress,
                             batch_size=batch_size, n_process=n_process)
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    for path in report.outputs:
        typer.echo(f"wrote {path}")
    typer.echo(f"{report.documents} documents, {report.claims} claims, {report.actors} actors, "
               f"{report.triples} triples")
    if errors.count:
        raise typer.Exit(2)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.",
                                                 show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a "
                                              ".rq file.")] = None,
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The RDF file to query.")] = Path(
        "out/graph.ttl"),
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL query on a graph and print the result. The prefixes ag:, prov:, rdfs:,
    skos:, dcterms: and schema: are predeclared.

    Example:  armsgraph query --graph out/graph.ttl
      'SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r }'
    """
    from armsgraph.graph.query import load_graph_file, run_query, table_rows, to_csv, to_json

    if fmt not in ("table", "csv", "json"):
        raise _fail(f"--format must be table, csv or json, not '{fmt}'")
    if (sparql is None) == (file is None):
        raise _fail("give a query either inline or with --file, not both or neither")
    if file is not None:
        try:
            sparql = file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{file}: cannot read query file ({exc})") from None
    try:
        g = load_graph_file(graph)
        result = run_query(g, sparql or "")
    except ArmsgraphError as exc:
        raise _fail(str(exc)) from None
    if fmt == "csv":
        sys.stdout.write(to_csv(result))
    elif fmt == "json":
        typer.echo(to_json(result))
    else:
        table = Table(*result.variables, show_lines=False)
        for row in table_rows(result, g):
            table.add_row(*[Text(c) for c in row])
        Console(highlight=False, soft_wrap=False, width=200).print(table)
        err.print(f"{len(result.rows)} rows", markup=False)


if __name__ == "__main__":  # pragma: no cover
    app()
