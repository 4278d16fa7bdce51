"""The vocabulary files: ontology/abe.ttl, vocabularies.ttl, issues.ttl and shapes.ttl.

The keys hard-coded below are the contract of DESIGN.md §3 (the controlled values a workbook may
hold); the sample graph follows docs/model.md (the triples the loader writes for each row).
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl_turbo import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS

from abegraph.loaders.schema import SHEETS
from abegraph.ontology.namespace import ABE, GRAPH, ID, SCHEMES, concept, entity_iri

ONTOLOGY_DIR = Path(__file__).parent.parent / "ontology"
FILES = ("abe.ttl", "vocabularies.ttl", "issues.ttl", "shapes.ttl")
ABE_NS = str(ABE._NS)
ABE_TERMS = tuple(ABE.__annotations__)
ONTOLOGY_IRI = URIRef("https://w3id.org/abegraph/ns")

#: DESIGN.md §3: the English keys of every controlled column (the workbook contract)
DESIGN_KEYS: dict[str, tuple[str, ...]] = {
    "dimension": ("data", "operations", "knowledge", "policy"),
    "resource-type": ("budget", "personnel", "organisation", "facility", "curriculum",
                      "innovation", "policy", "mou", "volunteer network", "other"),
    "agency-type": ("education office", "local government", "government office", "university",
                    "school", "foundation", "civil society", "company", "fund"),
    "link-key": ("citizen_id", "g_code", "school_code", "area_code", "household_id"),
    "granularity": ("person", "household", "school", "subdistrict", "district", "province"),
    "access": ("open", "on request", "restricted"),
    "area-level": ("province", "district", "subdistrict"),
    # DESIGN.md §2 names these target groups
    "target-group": ("early childhood", "school age", "out-of-school youth",
                     "children with disabilities"),
}

#: DESIGN.md §3 (and the Thai help of loaders/schema.py): other spellings a cell may hold
ACCEPTED_SPELLINGS: tuple[tuple[str, str, str], ...] = (
    # dimension: digits, the seed's Thai names and their short forms, any case and spacing
    ("dimension", "1", "data"), ("dimension", "2", "operations"),
    ("dimension", "3", "knowledge"), ("dimension", "4", "policy"),
    ("dimension", "๓", "knowledge"), ("dimension", "DATA", "data"),
    ("dimension", " policy\u200b ", "policy"),
    ("dimension", "ด้านข้อมูล /สารสนเทศ", "data"),
    ("dimension", "ด้านการดำเนินงาน (งบประมาณ คน หน่วยงาน องค์กร)", "operations"),
    ("dimension", "ด้านองค์ความรู้/ชุดความรู้/นวัตกรรม", "knowledge"),
    ("dimension", "ด้านนโยบาย /ทุนทางสังคม", "policy"),
    ("dimension", "ข้อมูล /สารสนเทศ", "data"),
    ("dimension", "การดำเนินงาน (งบประมาณ คน หน่วยงาน องค์กร)", "operations"),
    ("dimension", "องค์ความรู้/ชุดความรู้/นวัตกรรม", "knowledge"),
    ("dimension", "นโยบาย /ทุนทางสังคม", "policy"),
    ("dimension", "ด้านการดำเนินงาน", "operations"),
    ("dimension", "ด้านข้อมูล/สารสนเทศ", "data"),
    ("dimension", "ข้อมูล/สารสนเทศ", "data"),
    ("dimension", "ด้านนโยบาย/ทุนทางสังคม", "policy"),
    ("dimension", "นโยบาย/ทุนทางสังคม", "policy"),
    ("dimension", "ข้อมูล", "data"), ("dimension", "การดำเนินงาน", "operations"),
    ("dimension", "องค์ความรู้", "knowledge"), ("dimension", "นโยบาย", "policy"),
    # Thai equivalents of the other controlled values
    ("access", "เปิดเผย", "open"), ("access", "ขอได้", "on request"),
    ("access", "จำกัด", "restricted"), ("access", "On Request", "on request"),
    ("area-level", "จังหวัด", "province"), ("area-level", "อำเภอ", "district"),
    ("area-level", "ตำบล", "subdistrict"),
    ("granularity", "บุคคล", "person"), ("granularity", "ครัวเรือน", "household"),
    ("granularity", "โรงเรียน", "school"), ("granularity", "ตำบล", "subdistrict"),
    ("granularity", "อำเภอ", "district"), ("granularity", "จังหวัด", "province"),
    ("agency-type", "สำนักงานเขตพื้นที่การศึกษา", "education office"),
    ("agency-type", "หน่วยงานการศึกษา", "education office"),
    ("agency-type", "องค์กรปกครองส่วนท้องถิ่น", "local government"),
    ("agency-type", "ส่วนราชการ", "government office"),
    ("agency-type", "มหาวิทยาลัย", "university"), ("agency-type", "โรงเรียน", "school"),
    ("agency-type", "มูลนิธิ", "foundation"), ("agency-type", "ภาคประชาสังคม", "civil society"),
    ("agency-type", "บริษัท", "company"), ("agency-type", "กองทุน", "fund"),
    ("resource-type", "งบประมาณ", "budget"), ("resource-type", "บุคลากร", "personnel"),
    ("resource-type", "หลักสูตร", "curriculum"), ("resource-type", "นวัตกรรม", "innovation"),
    ("resource-type", "นโยบาย", "policy"), ("resource-type", "MOU", "mou"),
    ("resource-type", "เครือข่ายอาสาสมัคร", "volunteer network"),
    ("resource-type", "อื่นๆ", "other"),
    ("link-key", "เลขประจำตัวประชาชน", "citizen_id"), ("link-key", "G-code", "g_code"),
    ("target-group", "เด็กปฐมวัย", "early childhood"),
    ("target-group", "เด็กพิการ", "children with disabilities"),
)

PERSONAL_KEYS = {"citizen_id", "g_code", "household_id"}
ISSUE_IDS = [f"I{n:02d}" for n in range(1, 18)] + [f"C{n:02d}" for n in range(1, 23)]
COLUMN_KEYS = {col.key for sheet in SHEETS.values() for col in sheet.columns}

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalise(text: str) -> str:
    """The loader's matching rule (DESIGN.md §3): case, outer/zero-width spaces, Thai digits."""
    return str(text).translate(_ZERO_WIDTH).translate(_THAI_DIGITS).strip().casefold()


def langs(graph: Graph, subject, predicate) -> list[str | None]:
    return [o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)]


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: Graph().parse(ONTOLOGY_DIR / name, format="turtle") for name in FILES}


@pytest.fixture(scope="module")
def vocabulary(graphs) -> Graph:
    """abe.ttl + vocabularies.ttl + issues.ttl, as the loader loads them."""
    merged = Graph()
    for name in ("abe.ttl", "vocabularies.ttl", "issues.ttl"):
        for triple in graphs[name]:
            merged.add(triple)
    return merged


@pytest.fixture(scope="module")
def shapes(graphs) -> Graph:
    return graphs["shapes.ttl"]


def concepts_of(vocab: Graph, scheme: str) -> list[URIRef]:
    return sorted(c for c in vocab.subjects(SKOS.inScheme, SCHEMES[scheme])
                  if (c, RDF.type, SKOS.Concept) in vocab)


def lookup(vocab: Graph, scheme: str, text: str) -> set[URIRef]:
    """Every concept of `scheme` that a cell holding `text` matches."""
    wanted = normalise(text)
    return {c for c in concepts_of(vocab, scheme)
            for p in (SKOS.notation, SKOS.prefLabel, SKOS.altLabel)
            for value in vocab.objects(c, p) if normalise(value) == wanted}


# ---------------------------------------------------------------------------------------------
# the files and abe.ttl
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_file_parses_and_starts_with_a_comment(name):
    path = ONTOLOGY_DIR / name
    assert len(Graph().parse(path, format="turtle")) > 50
    assert path.read_text(encoding="utf-8").startswith(f"# {name} — ")


def test_ontology_header(graphs):
    g = graphs["abe.ttl"]
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert sorted(langs(g, ONTOLOGY_IRI, DCTERMS.title)) == ["en", "th"]
    assert g.value(ONTOLOGY_IRI, DCTERMS.license) is not None


@pytest.mark.parametrize("term", ABE_TERMS)
def test_every_namespace_term_is_declared_with_thai_and_english(graphs, term):
    g = graphs["abe.ttl"]
    iri = URIRef(ABE_NS + term)
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             SKOS.ConceptScheme}
    assert kinds & set(g.objects(iri, RDF.type)), f"abe:{term} is not declared in abe.ttl"
    for lang in ("th", "en"):
        assert lang in langs(g, iri, RDFS.label), f"abe:{term} lacks an rdfs:label@{lang}"
        assert lang in langs(g, iri, RDFS.comment) + langs(g, iri, SKOS.definition), \
            f"abe:{term} lacks a comment or definition @{lang}"
    if (iri, RDF.type, SKOS.ConceptScheme) in g:
        assert sorted(langs(g, iri, SKOS.prefLabel)) == ["en", "th"]


@pytest.mark.parametrize("name", FILES)
def test_no_abe_term_outside_the_namespace_module(graphs, name):
    used = {str(node) for triple in graphs[name] for node in triple
            if isinstance(node, URIRef) and str(node).startswith(ABE_NS)}
    unknown = sorted(iri[len(ABE_NS):] for iri in used if iri[len(ABE_NS):] not in ABE_TERMS)
    assert not unknown, f"{name} uses abe: terms missing from namespace.py: {unknown}"


@pytest.mark.parametrize("sub, sup", [
    (ABE.Agency, ORG.Organization), (ABE.Workshop, PROV.Activity), (ABE.Source, PROV.Entity),
    (ABE.WorkingGroup, ORG.FormalOrganization), (ABE.Issue, SKOS.Concept),
    (ABE.Area, SKOS.Concept),
])
def test_class_axioms(graphs, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in graphs["abe.ttl"]


def test_causes_is_a_kind_of_skos_related(graphs):
    g = graphs["abe.ttl"]
    assert (ABE.causes, RDFS.subPropertyOf, SKOS.related) in g
    assert g.value(ABE.causes, RDFS.domain) == ABE.Issue
    assert g.value(ABE.causes, RDFS.range) == ABE.Issue


@pytest.mark.parametrize("scheme", sorted(SCHEMES.values()) + [ABE.Issues])
def test_schemes_are_concept_schemes(graphs, scheme):
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graphs["abe.ttl"]


# ---------------------------------------------------------------------------------------------
# vocabularies.ttl
# ---------------------------------------------------------------------------------------------

def test_every_concept_is_in_a_known_scheme(graphs):
    g = graphs["vocabularies.ttl"]
    for c in g.subjects(RDF.type, SKOS.Concept):
        assert set(g.objects(c, SKOS.inScheme)) <= set(SCHEMES.values()), c
        assert len(set(g.objects(c, SKOS.inScheme))) == 1, c


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_concepts_have_labels_notation_and_the_namespace_iri(vocabulary, scheme):
    found = concepts_of(vocabulary, scheme)
    assert len(found) >= 2, f"scheme {scheme} has fewer than 2 concepts"
    for c in found:
        assert sorted(langs(vocabulary, c, SKOS.prefLabel)) == ["en", "th"], c
        notations = list(vocabulary.objects(c, SKOS.notation))
        assert len(notations) == 1, f"{c} needs exactly one skos:notation (the key)"
        assert c == concept(scheme, str(notations[0])), c
        assert (c, SKOS.topConceptOf, SCHEMES[scheme]) in vocabulary
        assert (c, RDF.type, OWL.NamedIndividual) in vocabulary
        assert sorted(langs(vocabulary, c, SKOS.definition)) == ["en", "th"], c


@pytest.mark.parametrize("scheme, key", [(s, k) for s, keys in DESIGN_KEYS.items() for k in keys])
def test_design_keys_exist(vocabulary, scheme, key):
    iri = concept(scheme, key)
    assert (iri, SKOS.inScheme, SCHEMES[scheme]) in vocabulary, f"{iri} missing"
    assert Literal(key) in set(vocabulary.objects(iri, SKOS.notation))


def test_target_groups_cover_the_brief(vocabulary):
    keys = {str(vocabulary.value(c, SKOS.notation)) for c in concepts_of(vocabulary, "target-group")}
    assert {"early childhood", "school age", "out-of-school youth", "children with disabilities",
            "poor students", "youth", "teenage mothers", "stateless children",
            "parents and caregivers", "teachers"} <= keys


@pytest.mark.parametrize("scheme", sorted(SCHEMES) + ["issues"])
def test_no_spelling_is_shared_by_two_concepts_of_a_scheme(vocabulary, scheme):
    owner: dict[str, URIRef] = {}
    scheme_iri = ABE.Issues if scheme == "issues" else SCHEMES[scheme]
    for c in vocabulary.subjects(SKOS.inScheme, scheme_iri):
        spellings = {normalise(v) for p in (SKOS.notation, SKOS.prefLabel, SKOS.altLabel)
                     for v in vocabulary.objects(c, p)}
        for s in spellings:
            assert owner.setdefault(s, c) == c, f"{s!r} names both {owner[s]} and {c}"


@pytest.mark.parametrize("scheme, text, key", ACCEPTED_SPELLINGS)
def test_accepted_spellings_resolve(vocabulary, scheme, text, key):
    assert lookup(vocabulary, scheme, text) == {concept(scheme, key)}


@pytest.mark.parametrize("key", DESIGN_KEYS["link-key"])
def test_link_keys_say_whether_they_identify_a_person(vocabulary, key):
    iri = concept("link-key", key)
    assert vocabulary.value(iri, ABE.personalKey) == Literal(key in PERSONAL_KEYS)
    assert sorted(langs(vocabulary, iri, SKOS.scopeNote)) == ["en", "th"]
    note = str(next(n for n in vocabulary.objects(iri, SKOS.scopeNote) if n.language == "en"))
    assert note.startswith("Identifies a person: yes" if key in PERSONAL_KEYS
                           else "Identifies a person: no")


def test_resource_types_point_to_a_dimension(vocabulary):
    dims = set(concepts_of(vocabulary, "dimension"))
    for c in concepts_of(vocabulary, "resource-type"):
        if c != concept("resource-type", "other"):
            assert set(vocabulary.objects(c, SKOS.broadMatch)) & dims, c


# ---------------------------------------------------------------------------------------------
# issues.ttl
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ident", ISSUE_IDS)
def test_default_issues(graphs, ident):
    g = graphs["issues.ttl"]
    iri = entity_iri("issue", ident)
    assert {ABE.Issue, SKOS.Concept} <= set(g.objects(iri, RDF.type))
    assert (iri, SKOS.inScheme, ABE.Issues) in g
    assert g.value(iri, SKOS.notation) == Literal(ident)
    assert sorted(langs(g, iri, SKOS.prefLabel)) == ["en", "th"]
    assert g.value(iri, DCTERMS.source) is not None


def test_issues_file_holds_exactly_the_default_issues_and_no_causal_links(graphs):
    g = graphs["issues.ttl"]
    assert sorted(str(g.value(i, SKOS.notation)) for i in g.subjects(RDF.type, ABE.Issue)) \
        == sorted(ISSUE_IDS)
    assert not list(g.triples((None, ABE.causes, None)))
    assert "[INFERRED]" in str(g.value(entity_iri("issue", "C22"), SKOS.editorialNote))
    assert "[UNCONFIRMED]" in str(g.value(entity_iri("issue", "I07"), SKOS.editorialNote))
    assert not any("*" in str(o) for o in g.objects(None, DCTERMS.source))


# ---------------------------------------------------------------------------------------------
# shapes.ttl: documentation of every shape
# ---------------------------------------------------------------------------------------------

def all_shapes(shapes: Graph) -> set:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= set(shapes.objects(None, SH.property))
    return found


def test_every_shape_has_thai_and_english_name_and_message(shapes):
    for shape in all_shapes(shapes):
        assert sorted(langs(shapes, shape, SH.name)) == ["en", "th"], shape
        assert sorted(langs(shapes, shape, SH.message)) == ["en", "th"], shape


def test_every_property_shape_names_a_workbook_column(shapes):
    for shape in all_shapes(shapes):
        if shapes.value(shape, SH.path) is not None:
            assert str(shapes.value(shape, SH.description)) in COLUMN_KEYS, shape
    for shape in shapes.subjects(SH.description, None):
        assert str(shapes.value(shape, SH.description)) in COLUMN_KEYS, shape


def test_property_shape_columns_exist_in_their_sheet(shapes):
    """abesh:{sheet}-{column} shapes name a column of that very sheet."""
    pattern = re.compile(r"https://w3id\.org/abegraph/shapes#(agencies|resources|issues|datasets|areas)-(.+)")
    checked = 0
    for shape in all_shapes(shapes):
        match = pattern.fullmatch(str(shape))
        if match:
            sheet, column = match.groups()
            SHEETS[sheet].column(column)  # raises KeyError if the column does not exist
            assert str(shapes.value(shape, SH.description)) == column
            checked += 1
    assert checked >= 25


@pytest.mark.parametrize("target", [ABE.Agency, ABE.Resource, ABE.Issue, DCAT.Dataset, ABE.Area,
                                    ABE.CausalLink])
def test_contract_classes_are_targeted(shapes, target):
    assert list(shapes.subjects(SH.targetClass, target))


# ---------------------------------------------------------------------------------------------
# shapes.ttl: validation of a sample graph written the way docs/model.md describes
# ---------------------------------------------------------------------------------------------

AGENCY = entity_iri("agency", "ESAO-KK1")
PARTNER = entity_iri("agency", "EEF")
RESOURCE = entity_iri("resource", "R001")
ISSUE = entity_iri("issue", "I90")
DATASET = entity_iri("dataset", "D01")
PROVINCE = entity_iri("area", "40")
DISTRICT = entity_iri("area", "4001")
CAUSAL_LINK = ID["causal-link/C01--I90"]


def sample_graph() -> Graph:
    """One of each kind of row, as the loader writes it (docs/model.md)."""
    g = Graph()

    def row(node, sheet, number):
        g.add((node, ABE.sheet, Literal(sheet)))
        g.add((node, ABE.row, Literal(number)))

    for node, th, en, kind in (
        (AGENCY, "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1",
         "Khon Kaen Primary Educational Service Area Office 1", "education office"),
        (PARTNER, "กองทุนเพื่อความเสมอภาคทางการศึกษา", "Equitable Education Fund", "fund"),
    ):
        g.add((node, RDF.type, ABE.Agency))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, RDFS.label, Literal(th, lang="th")))
        g.add((node, RDFS.label, Literal(en, lang="en")))
        g.add((node, ABE.agencyType, concept("agency-type", kind)))
    g.add((AGENCY, SKOS.altLabel, Literal("สพป.ขอนแก่น เขต 1", lang="th")))
    g.add((AGENCY, ORG.subOrganizationOf, PARTNER))
    g.add((AGENCY, ABE.locatedIn, DISTRICT))
    g.add((AGENCY, FOAF.homepage, URIRef("https://www.kkn1.go.th/")))
    row(AGENCY, "agencies", 2)
    row(PARTNER, "agencies", 3)

    for node, code, th, en, level, parent in (
        (PROVINCE, "40", "ขอนแก่น", "Khon Kaen", "province", None),
        (DISTRICT, "4001", "เมืองขอนแก่น", "Mueang Khon Kaen", "district", PROVINCE),
    ):
        g.add((node, RDF.type, ABE.Area))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.prefLabel, Literal(th, lang="th")))
        g.add((node, SKOS.prefLabel, Literal(en, lang="en")))
        g.add((node, SKOS.notation, Literal(code)))
        g.add((node, ABE.areaCode, Literal(code)))
        g.add((node, ABE.areaLevel, concept("area-level", level)))
        if parent is not None:
            g.add((node, SKOS.broader, parent))
    row(DISTRICT, "areas", 2)

    g.add((ISSUE, RDF.type, ABE.Issue))
    g.add((ISSUE, RDF.type, SKOS.Concept))
    g.add((ISSUE, SKOS.inScheme, ABE.Issues))
    g.add((ISSUE, SKOS.prefLabel, Literal("เด็กย้ายตามผู้ปกครองไปทำงานต่างถิ่น", lang="th")))
    g.add((ISSUE, SKOS.prefLabel, Literal("Children migrating with working parents", lang="en")))
    g.add((ISSUE, SKOS.notation, Literal("I90")))
    g.add((ISSUE, SKOS.broader, entity_iri("issue", "I01")))
    g.add((ISSUE, SKOS.definition, Literal("ตัวอย่างสำหรับการทดสอบ", lang="th")))
    row(ISSUE, "issues", 2)

    cause = entity_iri("issue", "C01")
    g.add((cause, ABE.causes, ISSUE))
    g.add((CAUSAL_LINK, RDF.type, ABE.CausalLink))
    g.add((CAUSAL_LINK, ABE.cause, cause))
    g.add((CAUSAL_LINK, ABE.effect, ISSUE))
    g.add((CAUSAL_LINK, ABE.evidence, Literal("กศน.ขอนแก่น 2564", lang="th")))
    row(CAUSAL_LINK, "causes", 2)

    g.add((RESOURCE, RDF.type, ABE.Resource))
    g.add((RESOURCE, RDFS.label, Literal("ทุนการศึกษาเด็กยากจน", lang="th")))
    g.add((RESOURCE, RDFS.label, Literal("Scholarships for poor children", lang="en")))
    g.add((RESOURCE, ABE.dimension, concept("dimension", "operations")))
    g.add((RESOURCE, ABE.resourceType, concept("resource-type", "budget")))
    g.add((RESOURCE, ABE.heldBy, AGENCY))
    g.add((RESOURCE, ABE.sharedWith, PARTNER))
    g.add((RESOURCE, ABE.addresses, entity_iri("issue", "I01")))
    g.add((RESOURCE, ABE.addresses, ISSUE))
    g.add((RESOURCE, ABE.targetGroup, concept("target-group", "school age")))
    g.add((RESOURCE, ABE.targetGroup, concept("target-group", "poor students")))
    g.add((RESOURCE, ABE.coversArea, DISTRICT))
    g.add((RESOURCE, ABE.amount, Literal(Decimal("150000"))))
    g.add((RESOURCE, DCTERMS.description, Literal("ทุนสำหรับนักเรียนยากจนพิเศษ", lang="th")))
    g.add((RESOURCE, DCTERMS.source, Literal("World Café โต๊ะที่ 2")))
    row(RESOURCE, "resources", 2)

    distribution = ID["dataset/D01/distribution/1"]
    catalog = ID["catalog/sample"]
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, RDF.type, ABE.Resource))
    g.add((DATASET, ABE.dimension, concept("dimension", "data")))
    for p in (DCTERMS.title, RDFS.label):
        g.add((DATASET, p, Literal("ข้อมูลนักเรียนรายบุคคล (DMC)", lang="th")))
        g.add((DATASET, p, Literal("OBEC individual student records", lang="en")))
    g.add((DATASET, DCTERMS.publisher, AGENCY))
    g.add((DATASET, ABE.heldBy, AGENCY))
    g.add((DATASET, ABE.linkKey, concept("link-key", "citizen_id")))
    g.add((DATASET, ABE.linkKey, concept("link-key", "school_code")))
    g.add((DATASET, ABE.granularity, concept("granularity", "person")))
    g.add((DATASET, ABE.personalData, Literal(True)))
    g.add((DATASET, ABE.updateFrequency, Literal("ทุกภาคเรียน", lang="th")))
    g.add((DATASET, ABE.accessLevel, concept("access", "restricted")))
    g.add((DATASET, ABE.addresses, entity_iri("issue", "I02")))
    g.add((DATASET, DCTERMS.spatial, PROVINCE))
    g.add((DATASET, DCAT.landingPage, URIRef("https://dmc.obec.go.th/")))
    g.add((DATASET, DCAT.distribution, distribution))
    g.add((distribution, RDF.type, DCAT.Distribution))
    g.add((distribution, DCTERMS.format, Literal("web system")))
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCAT.dataset, DATASET))
    row(DATASET, "datasets", 2)

    source = GRAPH["sample"]
    g.add((source, RDF.type, ABE.Source))
    g.add((source, RDF.type, PROV.Entity))
    g.add((source, ABE.fileName, Literal("sample.xlsx")))
    g.add((source, ABE.sha256, Literal("0" * 64)))
    return g


def run_shacl(data: Graph, vocabulary: Graph, shapes: Graph, mode: str):
    """Validate as the loader does: vocabulary in the data graph, or passed as ont_graph."""
    if mode == "merged":
        merged = Graph()
        for graph in (data, vocabulary):
            for triple in graph:
                merged.add(triple)
        return validate(merged, shacl_graph=shapes, inference="none")
    return validate(data, shacl_graph=shapes, ont_graph=vocabulary, inference="none")


def result_columns(results: Graph, shapes: Graph) -> set[str]:
    """The workbook column each validation result points at (sh:description of its shape)."""
    columns = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        columns.add(str(shapes.value(shape, SH.description)))
        # the loader shows sh:message of the source shape in the user's language
        assert sorted(langs(shapes, shape, SH.message)) == ["en", "th"], shape
        if results.value(result, SH.sourceConstraintComponent) != SH.SPARQLConstraintComponent:
            # (pyshacl drops the language tags of messages from SPARQL-based constraints)
            messages = {m.language for m in results.objects(result, SH.resultMessage)}
            assert messages == {"th", "en"}, f"result from {shape} lacks a Thai or English message"
    return columns


@pytest.mark.parametrize("mode", ["merged", "ont_graph"])
def test_sample_graph_conforms(vocabulary, shapes, mode):
    conforms, _, text = run_shacl(sample_graph(), vocabulary, shapes, mode)
    assert conforms, text


def test_vocabulary_alone_conforms(vocabulary, shapes):
    conforms, _, text = validate(vocabulary, shacl_graph=shapes, inference="none")
    assert conforms, text


def _set(node, predicate, value):
    def change(g: Graph) -> None:
        g.set((node, predicate, value))
    return change


def _remove(node, predicate, value=None):
    def change(g: Graph) -> None:
        g.remove((node, predicate, value))
    return change


def _add(node, predicate, value):
    def change(g: Graph) -> None:
        g.add((node, predicate, value))
    return change


BROKEN = {
    "resource without heldBy": (_remove(RESOURCE, ABE.heldBy), "held_by"),
    "resource held by a non-agency": (_set(RESOURCE, ABE.heldBy, ISSUE), "held_by"),
    "resource with two dimensions": (_add(RESOURCE, ABE.dimension, concept("dimension", "data")),
                                     "dimension"),
    "resource without a dimension": (_remove(RESOURCE, ABE.dimension), "dimension"),
    "dimension that is a resource type": (
        _set(RESOURCE, ABE.dimension, concept("resource-type", "budget")), "dimension"),
    "resource type outside the scheme": (
        _set(RESOURCE, ABE.resourceType, concept("agency-type", "fund")), "type"),
    "shared with a non-agency": (_add(RESOURCE, ABE.sharedWith, DISTRICT), "shared_with"),
    "addresses an unknown issue": (_add(RESOURCE, ABE.addresses, entity_iri("issue", "X99")),
                                   "addresses"),
    "target group outside the scheme": (
        _add(RESOURCE, ABE.targetGroup, concept("granularity", "person")), "target_groups"),
    "negative amount": (_set(RESOURCE, ABE.amount, Literal(Decimal("-5"))), "amount_thb"),
    "amount as text": (_set(RESOURCE, ABE.amount, Literal("150,000 บาท")), "amount_thb"),
    "resource without a Thai name": (
        _remove(RESOURCE, RDFS.label, Literal("ทุนการศึกษาเด็กยากจน", lang="th")), "name_th"),
    "agency without a Thai label": (
        _remove(AGENCY, RDFS.label,
                Literal("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", lang="th")),
        "name_th"),
    "agency label in Thai script but tagged English": (
        lambda g: (g.remove((PARTNER, RDFS.label, None)),
                   g.add((PARTNER, RDFS.label, Literal("กสศ.", lang="en")))), "name_th"),
    "agency with two types": (_add(AGENCY, ABE.agencyType, concept("agency-type", "school")),
                              "type"),
    "agency type outside the scheme": (
        _set(AGENCY, ABE.agencyType, concept("access", "open")), "type"),
    "parent that is not an agency": (_set(AGENCY, ORG.subOrganizationOf, ISSUE), "parent"),
    "website as text": (_set(AGENCY, FOAF.homepage, Literal("www.kkn1.go.th")), "website"),
    "issue without a Thai name": (
        _remove(ISSUE, SKOS.prefLabel, Literal("เด็กย้ายตามผู้ปกครองไปทำงานต่างถิ่น", lang="th")),
        "name_th"),
    "issue broader than an area": (_set(ISSUE, SKOS.broader, DISTRICT), "broader"),
    "issue that causes itself": (_add(ISSUE, ABE.causes, ISSUE), "effect"),
    "effect that is not an issue": (_add(ISSUE, ABE.causes, AGENCY), "effect"),
    "cause that is not an issue": (_add(AGENCY, ABE.causes, ISSUE), "cause"),
    "causal link without an effect": (_remove(CAUSAL_LINK, ABE.effect), "effect"),
    "dataset granularity outside Granularities": (
        _set(DATASET, ABE.granularity, concept("area-level", "district")), "granularity"),
    "dataset with two granularities": (
        _add(DATASET, ABE.granularity, concept("granularity", "school")), "granularity"),
    "dataset with two publishers": (_add(DATASET, DCTERMS.publisher, PARTNER), "publisher"),
    "dataset published by a non-agency": (
        lambda g: g.set((DATASET, DCTERMS.publisher, ISSUE)), "publisher"),
    "dataset without a Thai title": (
        _remove(DATASET, DCTERMS.title, Literal("ข้อมูลนักเรียนรายบุคคล (DMC)", lang="th")),
        "title_th"),
    "link key outside LinkKeys": (_add(DATASET, ABE.linkKey, concept("dimension", "data")),
                                  "link_keys"),
    "personal data as text": (_set(DATASET, ABE.personalData, Literal("yes")), "personal_data"),
    "personal data twice": (_add(DATASET, ABE.personalData, Literal(False)), "personal_data"),
    "access outside AccessLevels": (
        _set(DATASET, ABE.accessLevel, concept("granularity", "person")), "access"),
    "dataset area that is not an area": (_add(DATASET, DCTERMS.spatial, AGENCY), "areas"),
    "area code 4x": (_set(DISTRICT, ABE.areaCode, Literal("4x")), "code"),
    "area code of three digits": (_set(DISTRICT, ABE.areaCode, Literal("400")), "code"),
    "area level outside AreaLevels": (
        _set(DISTRICT, ABE.areaLevel, concept("granularity", "district")), "level"),
    "area without a Thai name": (
        _remove(DISTRICT, SKOS.prefLabel, Literal("เมืองขอนแก่น", lang="th")), "name_th"),
    "area inside a non-area": (_set(DISTRICT, SKOS.broader, ISSUE), "parent"),
}


@pytest.mark.parametrize("mode", ["merged", "ont_graph"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graph_is_reported_on_the_right_column(vocabulary, shapes, case, mode):
    change, column = BROKEN[case]
    data = sample_graph()
    change(data)
    conforms, results, text = run_shacl(data, vocabulary, shapes, mode)
    assert not conforms, f"{case}: expected a violation"
    assert result_columns(results, shapes) == {column}, text


def test_every_validation_result_maps_to_a_sheet_row(vocabulary, shapes):
    data = sample_graph()
    data.remove((RESOURCE, ABE.heldBy, None))
    data.set((DISTRICT, ABE.areaCode, Literal("4x")))
    _, results, _ = run_shacl(data, vocabulary, shapes, "merged")
    focus = {results.value(r, SH.focusNode) for r in results.subjects(RDF.type, SH.ValidationResult)}
    assert focus == {RESOURCE, DISTRICT}
    assert {str(data.value(f, ABE.sheet)) for f in focus} == {"resources", "areas"}


def test_a_bare_resource_is_reported_on_each_required_column(vocabulary, shapes):
    """A resource with nothing but its type (even a blank node) misses name, dimension, holder."""
    data = sample_graph()
    stray = BNode()
    data.add((stray, RDF.type, ABE.Resource))
    conforms, results, _ = run_shacl(data, vocabulary, shapes, "merged")
    assert not conforms
    assert result_columns(results, shapes) == {"name_th", "dimension", "held_by"}


def test_every_prefixed_name_the_code_writes_is_a_declared_term():
    """``iri("abe:Source")`` (the load path's rdflib-free way of naming a term) is checked here as
    rdflib's closed namespaces check ``ABE.Source``: a misspelt term fails a test, not a user."""
    import re
    from pathlib import Path

    from rdflib.namespace import DCAT, OWL, PROV, RDF, RDFS, SKOS, XSD

    from abegraph.ontology.namespace import ABE

    closed = {"abe": ABE, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "dcat": DCAT}
    root = Path(__file__).parent.parent
    used = {(m.group(1), m.group(2), path.name) for path in root.rglob("*.py")
            if ".venv" not in path.parts and "tests" not in path.parts and path.name != "iris.py"
            for m in re.finditer(r"""\biri\(["'](\w+):(\w+)["']\)""", path.read_text(encoding="utf-8"))}
    assert len(used) > 10
    unknown = []
    for prefix, local, file in sorted(used):
        try:
            getattr(closed[prefix], local)
        except (AttributeError, KeyError):
            unknown.append(f"{prefix}:{local} in {file}")
    assert not unknown
