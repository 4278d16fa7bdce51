"""The DCAT 3 export: DCAT-AP 3 conformance with the official shapes, content, formats, CLI,
and the round trip export -> CKAN/DCAT importer -> fresh store.

Shapes: ``tests/data/dcat-ap/dcat-ap-SHACL-3.0.1.ttl`` is ``releases/3.0.1/shacl/dcat-ap-SHACL.ttl``
of github.com/SEMICeu/DCAT-AP (DCAT-AP 3.0.1, commit 729eddf, the full release shape set: it
already holds the class-range constraints that the same release also ships as ``ranges.ttl``),
unchanged; licence in ``tests/data/dcat-ap/LICENCE.md``. It is used as it is, with pyshacl's
``inference="none"`` (RDFS inference from DCMI ranges would make every ``sh:class`` check pass
and so weaken the shapes).

Ranges that need the EU vocabularies' types: ``dcterms:accrualPeriodicity`` -> ``dcterms:Frequency``
(EU frequency table), ``dcterms:accessRights`` -> ``dcterms:RightsStatement`` (EU access-right
table) and ``dcterms:format`` -> ``dcterms:MediaTypeOrExtent`` (EU file-type table); the SEMIC
validator supplies them by importing the tables (``mdr_imports.ttl``). abegraph supplies them in
the catalogue itself: each EU concept it uses is written with ``a skos:Concept, <range class>``,
its English label and ``skos:inScheme`` its table (``graph/catalog.py``). Its own objects are typed
too: publishers ``foaf:Agent``, areas ``dcterms:Location``, landing pages ``foaf:Document``.
``test_the_shapes_bite`` shows that without those types the shapes refuse the catalogue.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS

from abegraph.cli import main
from abegraph.catalog.dcat import catalog_graph, frequency_code, write_catalog
from abegraph.graph.store import Store
from abegraph.ontology.namespace import ABE, ID, concept
from abegraph.loaders.pipeline import load_files

DATA = Path(__file__).parent / "data"
SHAPES = DATA / "dcat-ap" / "dcat-ap-SHACL-3.0.1.ttl"
EU = "http://publications.europa.eu/resource/authority/"
D01 = ID["dataset/D01"]


@pytest.fixture(scope="module")
def catalog(demo_store) -> Graph:
    return catalog_graph(demo_store)


def _validate(graph: Graph):
    from pyshacl import validate

    conforms, _, text = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    return conforms, text


def test_demo_catalog_conforms_to_dcat_ap_3(catalog):
    conforms, text = _validate(catalog)
    assert conforms, text


def test_the_shapes_bite(catalog):
    broken = Graph()
    broken += catalog
    broken.remove((None, RDF.type, DCTERMS.Frequency))
    broken.remove((D01, DCTERMS.description, None))
    conforms, text = _validate(broken)
    assert not conforms
    assert "accrualPeriodicity" in text and "Frequency" in text
    assert "description" in text and str(D01) in text


def test_catalog_describes_each_dataset_for_ckan(catalog):
    catalogs = list(catalog.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    assert len(list(catalog.objects(catalogs[0], DCAT.dataset))) == 35
    titles = set(catalog.objects(catalogs[0], DCTERMS.title))
    assert {t.language for t in titles} == {"th", "en"}
    assert set(catalog.objects(D01, DCTERMS.title)) == {Literal("ข้อมูลนักเรียนรายบุคคล (DMC)", lang="th"),
                                                        Literal("OBEC individual student records", lang="en")}
    assert catalog.value(D01, DCTERMS.identifier) == Literal("D01")
    obec = catalog.value(D01, DCTERMS.publisher)
    assert obec == ID["agency/OBEC"] and (obec, RDF.type, FOAF.Agent) in catalog
    assert Literal("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", lang="th") in set(catalog.objects(obec, FOAF.name))
    # every term: ANNUAL_2; restricted personal records: NON_PUBLIC
    assert catalog.value(D01, DCTERMS.accrualPeriodicity) == URIRef(EU + "frequency/ANNUAL_2")
    assert catalog.value(D01, DCTERMS.accessRights) == URIRef(EU + "access-right/NON_PUBLIC")
    assert Literal("School dropout", lang="en") in set(catalog.objects(D01, DCAT.keyword))
    assert catalog.value(D01, DCTERMS.spatial) == ID["area/40"]
    # abegraph's own terms are kept
    assert set(catalog.objects(D01, ABE.linkKey)) == {concept("link-key", k) for k in ("citizen_id", "g_code", "school_code")}
    assert catalog.value(D01, ABE.granularity) == concept("granularity", "person")
    assert catalog.value(D01, ABE.personalData).toPython() is True
    # no landing page: the distribution's required accessURL is the dataset itself
    dist = catalog.value(D01, DCAT.distribution)
    assert catalog.value(dist, DCAT.accessURL) == D01
    assert {d.language for d in catalog.objects(D01, DCTERMS.description)} == {"th", "en"}


def test_formats_use_the_eu_file_type_table_or_a_labelled_node(catalog):
    d02 = ID["dataset/D02"]
    formats = [catalog.value(dist, DCTERMS["format"]) for dist in catalog.objects(d02, DCAT.distribution)]
    assert URIRef(EU + "file-type/XLSX") in formats
    labelled = [f for f in formats if not isinstance(f, URIRef)]
    assert [str(catalog.value(f, RDFS.label)) for f in labelled] == ["web system"]


def test_open_dataset_with_a_landing_page_is_public(catalog):
    rows = [d for d in catalog.subjects(RDF.type, DCAT.Dataset) if catalog.value(d, DCAT.landingPage) is not None]
    assert rows, "the demo has datasets with a url"
    for d in rows:
        page = catalog.value(d, DCAT.landingPage)
        assert all(catalog.value(dist, DCAT.accessURL) == page for dist in catalog.objects(d, DCAT.distribution))
        assert (page, RDF.type, FOAF.Document) in catalog


@pytest.mark.parametrize("text, code", [("yearly", "ANNUAL"), ("รายปี", "ANNUAL"), ("รายภาคเรียน", "ANNUAL_2"),
                                        ("quarterly", "QUARTERLY"), ("ตามรายกรณี", "IRREG"), ("ทุก 3–5 ปี", "IRREG"),
                                        ("เดือนละ 2 ครั้ง", "MONTHLY_2"), ("ตามรอบการประเมิน", "IRREG"),
                                        ("http://purl.org/cld/freq/semiannual", "ANNUAL_2"), ("now and then", None)])
def test_frequencies_map_to_the_eu_table(text, code):
    assert frequency_code(text) == code


def test_jsonld_and_turtle_say_the_same(demo_store):
    turtle, jsonld = io.BytesIO(), io.BytesIO()
    write_catalog(demo_store, turtle, "dcat-turtle")
    write_catalog(demo_store, jsonld, "dcat-jsonld")
    document = json.loads(jsonld.getvalue())
    assert document["@context"]["dcat"] == str(DCAT)
    a = Graph().parse(data=turtle.getvalue(), format="turtle")
    b = Graph().parse(data=jsonld.getvalue(), format="json-ld")
    assert len(a) > 1000 and isomorphic(a, b)


def test_cli_exports_dcat(demo_store_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "catalog.ttl"
    result = runner.invoke(main, ["--store", str(demo_store_path), "export", "--format", "dcat-turtle", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (None, RDF.type, DCAT.Catalog) in Graph().parse(out)
    result = runner.invoke(main, ["--store", str(demo_store_path), "export", "--format", "dcat-jsonld"])
    assert result.exit_code == 0 and '"@context"' in result.output
    help_text = runner.invoke(main, ["export", "--help"]).output
    assert "abegraph export --format dcat-turtle -o catalog.ttl" in help_text


# --- round trip -------------------------------------------------------------------------------

_PROPERTIES = {"title": DCTERMS.title, "publisher": DCTERMS.publisher, "link_keys": ABE.linkKey,
               "granularity": ABE.granularity, "personal_data": ABE.personalData,
               "update_frequency": ABE.updateFrequency, "url": DCAT.landingPage, "access": ABE.accessLevel,
               "addresses": ABE.addresses, "areas": DCTERMS.spatial}


def _datasets(store) -> dict:
    rows = store.select("SELECT ?d ?p ?o WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; ?p ?o }")
    wanted = {str(p): key for key, p in _PROPERTIES.items()}
    out: dict = {}
    for d, p, o in rows:
        if str(p) in wanted:
            value = (str(o), getattr(o, "language", None))
            out.setdefault(str(d), {}).setdefault(wanted[str(p)], set()).add(value)
    return out


@pytest.mark.parametrize("fmt, name", [("dcat-turtle", "khonkaen-dcat.ttl"), ("dcat-jsonld", "khonkaen-dcat.jsonld")])
def test_round_trip_through_the_ckan_importer(demo_store, tmp_path, fmt, name):
    path = tmp_path / name
    with path.open("wb") as out:
        write_catalog(demo_store, out, fmt)
    from abegraph.loaders.sources import read_source

    assert read_source(path).format == ("dcat-turtle" if fmt == "dcat-turtle" else "dcat-json-ld")
    fresh = Store.open(None)
    report = load_files(fresh, [path])
    assert report.ok and report.accepted == {"agencies": 23, "datasets": 35}
    before, after = _datasets(demo_store), _datasets(fresh)
    assert set(after) == set(before)
    for dataset, values in before.items():
        for key in _PROPERTIES:  # titles th/en, publishers, keys, granularity, personal, frequency, url ...
            assert after[dataset].get(key) == values.get(key), (dataset, key)
    d01 = after[str(D01)]
    assert d01["title"] == {("ข้อมูลนักเรียนรายบุคคล (DMC)", "th"), ("OBEC individual student records", "en")}
    assert d01["update_frequency"] == {("รายภาคเรียน", "th")}
    # publishers come back with their names, and the frequencies map to the same EU terms again
    names = {str(r[0]) for r in fresh.select(
        "SELECT ?n WHERE { <https://w3id.org/abegraph/id/agency/OBEC> <http://www.w3.org/2000/01/rdf-schema#label> ?n }")}
    assert names == {"สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "Office of the Basic Education Commission"}
    again, first = catalog_graph(fresh), catalog_graph(demo_store)
    for d in first.subjects(RDF.type, DCAT.Dataset):
        assert again.value(d, DCTERMS.accrualPeriodicity) == first.value(d, DCTERMS.accrualPeriodicity)
        assert again.value(d, DCTERMS.accessRights) == first.value(d, DCTERMS.accessRights)
