"""abegraph: one RDF graph of what a province already has for its children and youth.

Agencies inventory their resources in four dimensions (data, operations, knowledge,
policy), with the child/youth issues, their causes and the datasets they hold; abegraph
turns the workbooks into one RDF graph in a persistent store, checks them, and answers
SPARQL questions about them.

Example
-------
>>> import abegraph
>>> abegraph.__version__ >= "0.2"
True
>>> abegraph.open(None)
<abegraph.Project (in memory)>

``abegraph.open`` and ``abegraph.Project`` (:mod:`abegraph.project`) are imported on first use,
so that ``import abegraph`` and the command line's ``--help`` stay quick.
"""
__version__ = "0.2.0"
__all__ = ["open", "Project", "__version__"]


def __getattr__(name: str):
    if name in ("open", "Project"):
        from abegraph import project

        return getattr(project, name)
    raise AttributeError(f"module 'abegraph' has no attribute {name!r}")
