"""The RDF store (embedded or remote), terms, saved SPARQL questions, export and statistics."""
