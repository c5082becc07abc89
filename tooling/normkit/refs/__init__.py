"""Who cites whom: the citation graph of a standard system (``citation_graph``) and the
impact of a standard's changes on the standards citing it (``impact_of``)."""

from normkit.refs.graph import Citation, CitationGraph, citation_graph
from normkit.refs.impact import Impact, impact_of

__all__ = ["Citation", "CitationGraph", "Impact", "citation_graph", "impact_of"]
