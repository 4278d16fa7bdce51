"""The store, named graphs, saved SPARQL questions, export and statistics."""
