"""SPARQL over an RDF graph, with results as rows, a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from armsgraph.errors import GraphFileError, QueryError
from armsgraph.ontology import bind_prefixes, sparql_prefixes

PREFIXES = sparql_prefixes()  # put before a query that does not declare them


@dataclass
class QueryResult:
    """Rows of a SELECT (``variables`` and ``rows``), a boolean of an ASK, or a graph."""

    variables: list[str]
    rows: list[list[object]]
    boolean: bool | None = None
    graph: Graph | None = None


def load_graph_file(path: str | Path) -> Graph:
    """Parse an RDF file, guessing the format from its suffix."""
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(f"{p}: no such graph file (build one with 'armsgraph build')")
    g = Graph()
    bind_prefixes(g)
    try:
        g.parse(p)
    except Exception as exc:  # rdflib raises many parser-specific types
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphFileError(f"{p}: not a readable RDF file ({msg[:200]})") from None
    return g


def with_prefixes(query: str) -> tuple[str, int]:
    """Add the armsgraph prefixes the query does not declare; return the line offset."""
    declared = {line.split()[1].lower() for line in query.splitlines()
                if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    missing = [p for p in PREFIXES.splitlines() if p.split()[1].lower() not in declared]
    return "\n".join(missing) + "\n" + query, len(missing)


def run_query(graph: Graph, query: str) -> QueryResult:
    """Run a SPARQL query; a syntax error names its line and column in the user's text."""
    if not query.strip():
        raise QueryError("the query is empty")
    full, offset = with_prefixes(query)
    try:
        result: Result = graph.query(full)
    except Exception as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "col", None) or getattr(exc, "column", None)
        if line is not None:
            raise QueryError(f"SPARQL syntax error at line {line - offset}, column {col}: "
                             f"{getattr(exc, 'msg', exc)}") from None
        raise QueryError(f"SPARQL error: {str(exc).splitlines()[0][:300]}") from None
    if result.type == "ASK":
        return QueryResult(["ask"], [[result.askAnswer]], boolean=result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = result.graph
        return QueryResult(["subject", "predicate", "object"], [list(t) for t in g], graph=g)
    variables = [str(v) for v in result.vars or []]
    return QueryResult(variables, [list(row) for row in result])


def _cell(value: object, graph: Graph | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef) and graph is not None:
        try:
            return graph.namespace_manager.normalizeUri(value)
        except Exception:
            return str(value)
    if isinstance(value, Literal):
        return str(value)
    return str(value)


def to_csv(result: QueryResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([_cell(v) for v in row])
    return buf.getvalue()


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON for SELECT and ASK."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})

    def term(v: object) -> dict[str, str] | None:
        if v is None:
            return None
        if isinstance(v, URIRef):
            return {"type": "uri", "value": str(v)}
        if isinstance(v, Literal):
            d = {"type": "literal", "value": str(v)}
            if v.language:
                d["xml:lang"] = v.language
            elif v.datatype:
                d["datatype"] = str(v.datatype)
            return d
        return {"type": "bnode", "value": str(v)}

    bindings = [{k: term(v) for k, v in zip(result.variables, row, strict=False) if v is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def table_rows(result: QueryResult, graph: Graph | None = None) -> list[list[str]]:
    return [[_cell(v, graph) for v in row] for row in result.rows]
