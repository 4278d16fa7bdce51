"""The shapes' last word, through the loader's validator (pyshacl-turbo over an in-memory store)."""
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
