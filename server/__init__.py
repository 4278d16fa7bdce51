"""The SPARQL 1.1 endpoint: safe by default (read-only, time and size limits, no outside fetches)."""
