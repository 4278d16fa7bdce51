"""References between tables of one workshop (tests/data/worldcafe/nan-*.xlsx, built by
build_worldcafe.py): each table gives the same agencies its own ids and refers to them by name,
with the Thai typing variants people make; they load in one command and `link` proposes the pairs."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from abegraph.cli import main
from abegraph.exceptions import LoadError
from abegraph.graph.store import Store
from abegraph.linking import linkset
from abegraph.loaders.pipeline import load_files
from abegraph.ontology.namespace import ABE, entity_iri

TABLES = ["nan-table1.xlsx", "nan-table2.xlsx"]


def agency(identifier: str) -> URIRef:
    return entity_iri("agency", identifier)


def resource(identifier: str) -> URIRef:
    return entity_iri("resource", identifier)


def _objects(store: Store, subject: URIRef, predicate: URIRef) -> set[str]:
    rows = store.select(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{subject}> <{predicate}> ?o }} }}")
    return {str(o) for (o,) in rows}


@pytest.fixture(scope="module")
def nan_store(data_dir):
    """Both tables loaded together, nothing linked (do not modify)."""
    store = Store.open(None)
    report = load_files(store, [data_dir / "worldcafe" / t for t in TABLES])
    assert report.ok, [p.describe() for p in report.errors]
    return store


def test_two_tables_of_one_workshop_load_in_one_command(tmp_path, data_dir):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "load",
                                       *(str(data_dir / "worldcafe" / t) for t in TABLES)])
    assert result.exit_code == 0, result.output
    assert "matches more than one agency" not in result.output


def test_each_table_refers_to_its_own_agencies(nan_store):
    assert _objects(nan_store, resource("NAN1-R1"), ABE.heldBy) == {str(agency("SKR-NAN"))}
    assert _objects(nan_store, resource("NAN1-R1"), ABE.sharedWith) == {str(agency("SCH-MCR"))}
    assert _objects(nan_store, resource("NAN2-R1"), ABE.heldBy) == {str(agency("A5"))}
    assert _objects(nan_store, resource("NAN2-R2"), ABE.sharedWith) == {str(agency("A5")), str(agency("A6"))}


def test_typing_variants_resolve_and_are_stored_in_standard_form(nan_store):
    # table 2 defines โรงเรียนเเม่จริม (two sara e) and refers to โรงเรียนแม่จริม, and the other way round
    assert _objects(nan_store, resource("NAN2-R1"), ABE.sharedWith) == {str(agency("A6"))}
    # ท่ีว่าการ... (tone mark typed before sara ii) as a reference
    assert _objects(nan_store, resource("NAN2-R2"), ABE.heldBy) == {str(agency("A7"))}
    labels = _objects(nan_store, agency("A6"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    assert labels == {"โรงเรียนแม่จริม"}
    assert _objects(nan_store, agency("A7"), URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == {
        "ที่ว่าการอำเภอเวียงสา"}


def test_a_juristic_person_number_loads(nan_store):
    descriptions = _objects(nan_store, resource("NAN1-R2"), URIRef("http://purl.org/dc/terms/description"))
    assert descriptions == {"มูลนิธิรักษ์น่าน เลขทะเบียนนิติบุคคล 0-55-3-560-01234-7"}


def test_link_proposes_the_pairs_the_tables_typed_differently(nan_store):
    proposed = linkset.propose(nan_store)
    pairs = {(p.a, p.b): p for p in proposed.proposals}
    for a, b in (("A5", "SKR-NAN"), ("A6", "SCH-MCR"), ("A7", "DO-WS")):
        pair = tuple(sorted((str(agency(a)), str(agency(b)))))
        assert pair in pairs, (a, b, sorted(pairs))
        assert pairs[pair].confident
    assert len([p for p in proposed.proposals if p.kind == "agency"]) == 3


def test_a_later_round_refers_to_the_agency_the_link_made_one(tmp_path, data_dir):
    later = data_dir / "worldcafe" / "nan-round2.xlsx"
    with Store.open(tmp_path / "store") as store:
        assert load_files(store, [data_dir / "worldcafe" / t for t in TABLES]).ok
        with pytest.raises(LoadError) as refused:  # two agencies in the store answer to the name
            load_files(store, [later])
        (problem,) = refused.value.report.errors
        assert problem.code == "ambiguous_reference" and set(problem.candidates) == {"A5", "SKR-NAN"}
        proposed = linkset.propose(store)
        accepted = [linkset.Decision(p.a, p.b, "accept", p.score) for p in proposed.proposals]
        linkset.apply_decisions(store, accepted, order=proposed.order)
        assert load_files(store, [later]).ok
        assert _objects(store, resource("NAN3-R1"), ABE.heldBy) == {str(agency("SKR-NAN"))}  # loaded first


def test_a_name_defined_in_two_other_files_is_still_ambiguous(data_dir, tmp_path):
    # the later round names กศน.จังหวัดน่าน, which both tables define: neither is its own
    store = Store.open(None)
    with pytest.raises(LoadError) as refused:
        load_files(store, [data_dir / "worldcafe" / t for t in [*TABLES, "nan-round2.xlsx"]])
    (problem,) = refused.value.report.errors
    assert problem.file == "nan-round2.xlsx" and problem.column == "held_by"
    assert "matches more than one agency" in problem.describe("en")
    assert "ตรงกับหน่วยงานมากกว่าหนึ่งรายการ" in problem.describe("th")
    assert not len(store)
