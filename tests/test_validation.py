"""The shapes' last word, through the loader's validator (pyshacl-turbo, given N-Quads text)."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from abegraph.graph.terms import node
from abegraph.loaders.validation import shacl_problems
from abegraph.ontology.namespace import ABE

RESOURCE = URIRef("https://w3id.org/abegraph/id/resource/R1")


def test_a_shape_violation_names_file_sheet_row_column_in_both_languages():
    data = Graph()
    data.add((RESOURCE, RDF.type, ABE.Resource))
    data.add((RESOURCE, RDFS.label, Literal("ทุนการศึกษา", lang="th")))
    problems = shacl_problems(data, {node(RESOURCE): ("kk.xlsx", "resources", 7)})
    assert {(p.file, p.sheet, p.row) for p in problems} == {("kk.xlsx", "resources", 7)}
    assert {p.column for p in problems} == {"dimension", "held_by"}
    for problem in problems:
        assert problem.text["th"] and problem.text["en"] and problem.text["th"] != problem.text["en"]


def test_only_limits_the_report_to_the_new_rows():
    data = Graph()
    for subject in (RESOURCE, URIRef(str(RESOURCE) + "b")):
        data.add((subject, RDF.type, ABE.Resource))
    problems = shacl_problems(data, {node(RESOURCE): ("kk.xlsx", "resources", 7)}, only={node(RESOURCE)})
    assert {p.row for p in problems} == {7}


def test_a_conforming_graph_has_no_problem():
    assert shacl_problems(Graph(), {}) == []


def _shapes(turtle: str) -> Graph:
    return Graph().parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> .\n" + turtle, format="turtle")


def test_the_validator_is_given_what_the_shapes_follow_and_everything_when_it_cannot_tell():
    """The data handed to the validator leaves out predicates no shape reads (row numbers,
    sources); an inverse path, a closed shape or a prefixed name in a query could read any."""
    from abegraph.loaders.validation import _followed_predicates

    plain = _followed_predicates(_shapes("""
        <urn:S> sh:targetSubjectsOf <urn:t> ; sh:property [ sh:path <urn:p> ; sh:lessThan <urn:q> ] ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this <urn:r> ?x }" ] ."""))
    assert {"urn:t", "urn:p", "urn:q", "urn:r", str(RDF.type), str(RDFS.subClassOf)} == set(plain)
    assert _followed_predicates(_shapes("<urn:S> sh:property [ sh:path [ sh:inversePath <urn:p> ] ] .")) is None
    assert _followed_predicates(_shapes("<urn:S> sh:closed true .")) is None
    assert _followed_predicates(_shapes('<urn:S> sh:sparql [ sh:select "SELECT $this WHERE { $this ex:r ?x }" ] .')) is None


def test_triples_no_shape_reads_do_not_hide_a_violation():
    """A row's provenance triples are left out of what the validator reads; its violations stay."""
    data = Graph()
    data.add((RESOURCE, RDF.type, ABE.Resource))
    data.add((RESOURCE, ABE.row, Literal(7)))
    problems = shacl_problems(data, {node(RESOURCE): ("kk.xlsx", "resources", 7)})
    assert {"dimension", "held_by"} <= {p.column for p in problems}
