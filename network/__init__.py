"""The network analyses: RDF -> NetworkX projections, and sharing, brokers, coalitions, gaps,
causes, opportunities and linkage computed on them (pure functions returning rows)."""
