"""Graph: claims -> RDF, SPARQL, networkx projections and HTML views."""
