"""Check armsgraph RDF against the SHACL shapes of ``ontology/shapes.ttl``.

The shapes say what every written graph holds: a claim has one status, one category, one
item, at least one side and one piece of evidence; evidence points into a news article;
states carry their ISO code. :func:`validate_graph` runs pySHACL with the ontology mixed
into the data (so ``sh:class`` sees its subclass axioms) and no inference (range axioms
would otherwise type every value and hide a missing type).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH

from armsgraph.ontology import load_ontology
from armsgraph.ontology import prefixes as ontology_prefixes

__all__ = ["ValidationReport", "Violation", "load_shapes", "shapes_path", "validate_graph"]

#: Prefixes used to shorten IRIs in :meth:`ValidationReport.summary`, longest match first.
PREFIXES: dict[str, str] = ontology_prefixes()


@dataclass
class Violation:
    """One SHACL validation result.

    Attributes
    ----------
    focus : str
        The node that failed a constraint (an IRI or a blank node id).
    path : str or None
        The property the constraint was about, or ``None`` for a node-level constraint.
    message : str
        The shape's ``sh:message``, or pySHACL's own text when the shape has none.
    severity : str
        ``"Violation"``, ``"Warning"`` or ``"Info"``.
    value : str or None
        The offending value, when the constraint names one.
    """

    focus: str
    path: str | None
    message: str
    severity: str
    value: str | None


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Attributes
    ----------
    conforms : bool
        Whether the graph satisfies every shape.
    violations : list of Violation
        Every validation result, sorted by focus node, path and message.
    triples : int
        How many data triples were checked.
    """

    conforms: bool
    violations: list[Violation]
    triples: int = field(default=0)

    def summary(self) -> str:
        """A readable text: one line per violation, or a one-line all-clear.

        Returns
        -------
        str
            ``"conforms: N triples checked"`` when the graph conforms; else a header line
            and one line per violation, ``severity  focus  path: message``, with IRIs
            shortened by the ``ag:``, ``id:`` and other known prefixes.
        """
        if self.conforms and not self.violations:
            return f"conforms: {self.triples} triples checked"
        lines = [f"does not conform: {len(self.violations)} violation(s) "
                 f"in {self.triples} triples"]
        for v in self.violations:
            path = shorten(v.path) if v.path else "-"
            line = f"{v.severity:<9} {shorten(v.focus)}  {path}: {v.message}"
            if v.value is not None:
                line += f" (value: {shorten(v.value)})"
            lines.append(line)
        return "\n".join(lines)


def shorten(iri: str) -> str:
    """``iri`` with a known namespace replaced by its prefix.

    Parameters
    ----------
    iri : str
        Any string; only one that starts with a known namespace is shortened.

    Returns
    -------
    str
        For example ``id:state/RUS`` for ``https://w3id.org/armsgraph/id/state/RUS``.
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def shapes_path() -> Path:
    """The path of ``shapes.ttl`` inside the installed package.

    Returns
    -------
    pathlib.Path
        The SHACL shapes file shipped in ``armsgraph.ontology``.
    """
    return Path(str(resources.files("armsgraph.ontology").joinpath("shapes.ttl")))


def load_shapes() -> Graph:
    """The SHACL shapes as an rdflib graph.

    Returns
    -------
    rdflib.Graph
        The parsed ``shapes.ttl``.
    """
    return Graph().parse(shapes_path(), format="turtle")


def _term(node: object) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path(results: Graph, node: object) -> str | None:
    """A result path: an IRI, or a complex path written as Turtle-ish text."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    return " ".join(str(o) for _p, o in results.predicate_objects(node)) or _term(node)


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        found.append(Violation(
            focus=_term(results.value(result, SH.focusNode)) or "",
            path=_path(results, results.value(result, SH.resultPath)),
            message=" ".join(messages) or "constraint not satisfied",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            value=_term(results.value(result, SH.value)),
        ))
    found.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return found


def validate_graph(data: Graph | Dataset, shapes: Graph | None = None,
                   ontology: Graph | None = None) -> ValidationReport:
    """Validate armsgraph RDF against the SHACL shapes.

    Parameters
    ----------
    data : rdflib.Graph or rdflib.Dataset
        The graph to check. For a dataset, the union of all its graphs is checked.
    shapes : rdflib.Graph, optional
        The shapes to use; default :func:`load_shapes`.
    ontology : rdflib.Graph, optional
        The ontology mixed into the data for the check; default
        :func:`armsgraph.ontology.load_ontology`.

    Returns
    -------
    ValidationReport
        Whether ``data`` conforms, and every violation found.
    """
    from pyshacl import validate

    from armsgraph.graph.rdf import union_graph

    graph = union_graph(data) if isinstance(data, Dataset) else data
    conforms, results, _text = validate(
        graph,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        ont_graph=ontology if ontology is not None else load_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        advanced=False,
    )
    return ValidationReport(conforms=bool(conforms), violations=_violations(results),
                            triples=len(graph))
