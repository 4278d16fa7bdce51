"""Readers that turn workbooks, CSV folders and RDF files into triples."""
