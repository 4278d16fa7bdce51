"""abegraph: one RDF graph of what a province already has for its children and youth.

Agencies inventory their resources in four dimensions (data, operations, knowledge,
policy), with the child/youth issues, their causes and the datasets they hold; abegraph
turns the workbooks into one RDF graph in a persistent store, checks them, and answers
SPARQL questions about them.

Example
-------
>>> import abegraph
>>> abegraph.__version__ >= "0.1"
True
"""
__version__ = "0.1.0"
