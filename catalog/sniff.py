"""Tell a DCAT catalogue from abegraph's own RDF, before either is read.

A ``.ttl``, ``.rdf``/``.xml`` or ``.jsonld`` file is a catalogue (read by
:mod:`abegraph.catalog.ckan` as rows of the datasets sheet) when it mentions the DCAT namespace,
describes a ``dcat:Dataset`` and types nothing with an abegraph class. This is asked of every
such file a load is given, so it imports no more than pyoxigraph.

Example
-------
>>> import tempfile
>>> from pathlib import Path
>>> from abegraph.catalog.sniff import sniff_dcat
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "mine.ttl").write_text("<http://e/a> a <https://w3id.org/abegraph/ns#Agency> .")
>>> sniff_dcat(folder / "mine.ttl", "turtle")
False
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from abegraph.loaders.rdf_files import check_entities
from abegraph.ontology.iris import ABE_IRI, iri

__all__ = ["sniff_dcat", "RDF_FORMATS"]

_DCAT_NS = b"http://www.w3.org/ns/dcat#"
#: the RDF formats a DCAT catalogue is read from, by abegraph's format name
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "rdf-xml": ox.RdfFormat.RDF_XML, "json-ld": ox.RdfFormat.JSON_LD}


def sniff_dcat(path: Path, fmt: str) -> bool:
    """True when an RDF file is a DCAT catalogue rather than abegraph RDF.

    It must mention the DCAT namespace, describe a ``dcat:Dataset`` and type nothing with an
    abegraph class; the file is only parsed when the namespace occurs in it, and the parse
    stops at the first abegraph class.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.ttl").write_text("@prefix dcat: <http://www.w3.org/ns/dcat#> . <http://e/d> a dcat:Dataset .")
    >>> sniff_dcat(folder / "c.ttl", "turtle")
    True
    >>> _ = (folder / "n.ttl").write_text("<http://e/d> a <http://www.w3.org/ns/dcat#Dataset>, "
    ...                                   "<https://w3id.org/abegraph/ns#Resource> .")
    >>> sniff_dcat(folder / "n.ttl", "turtle")
    False
    """
    import mmap

    if fmt not in RDF_FORMATS or not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(_DCAT_NS) < 0:
            return False
    if fmt == "rdf-xml" and check_entities(path, path.name) is not None:
        return False  # read as RDF/XML, which refuses the entities with a message
    rdf_type, dataset, abe = iri("rdf:type"), iri("dcat:Dataset"), ABE_IRI
    found = False
    try:
        for quad in ox.parse(path=str(path), format=RDF_FORMATS[fmt]):
            if quad.predicate.value != rdf_type or not isinstance(quad.object, ox.NamedNode):
                continue
            if quad.object.value.startswith(abe):
                return False
            found = found or quad.object.value == dataset
    except (SyntaxError, ValueError, OSError):
        return False  # loaded as RDF, where the syntax error is reported with its line
    return found
