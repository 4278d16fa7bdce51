"""The Thai-aware matcher: what must be matched, what must be kept apart, and blocking that
loses nothing against comparing every pair."""
from __future__ import annotations

import pytest

from abegraph.linking.matching import Record, find_matches
from abegraph.thai.names import expand, name_parts


def _pairs(records, **kw):
    return {(p.a, p.b): p for p in find_matches(records, **kw)}


@pytest.mark.parametrize("a, b", [
    ("สพป.ขอนแก่น เขต 1", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา จังหวัดขอนแก่น เขต ๑"),
    ("อบต.บ้านเป็ด", "องค์การบริหารส่วนตำบลบ้านเป็ด"),
    ("อบตวังตะกอ", "อบต.วังตะกอ"),
    ("ร.ร.บ้านโนนสูง", "โรงเรียนบ้านโนนสูง"),
    ("รร.บ้านโนนสูง", "โรงเรียนบานโนนสูง"),            # tone mark left out
    ("พม.จังหวัดน่าน", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดน่าน"),
    ("สกร.อ.เมืองหนองบัวลำภู", "ศูนย์การศึกษานอกระบบและการศึกษาตามอัธยาศัยอำเภอเมืองหนองบัวลำภู"),  # renamed 2023
    ("กสศ.", "กองทุนเพื่อความเสมอภาคทางการศึกษา"),
    ("โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองแวง", "รพ.สต.บ้านหนองแวง"),
])
def test_the_same_agency_typed_two_ways_is_a_confident_match(a, b):
    found = _pairs([Record("a", "agency", "table-1", (a,)), Record("b", "agency", "table-2", (b,))])
    assert ("a", "b") in found and found[("a", "b")].confident, found


@pytest.mark.parametrize("a, b", [
    ("สพป.ขอนแก่น เขต 1", "สพป.ขอนแก่น เขต 2"),
    ("สพป.ขอนแก่น เขต 1", "สพป.อุดรธานี เขต 1"),
    ("อบต.บ้านเป็ด", "เทศบาลตำบลบ้านเป็ด"),
    ("อบตเจริญศิลป์", "ทตเจริญศิลป์"),
    ("โรงเรียนบ้านโนน", "โรงเรียนบ้านโนนสูง"),
    ("รร.บ้านหัวนาบัว", "โรงเรียนบ้านหัวนาบัวใต้"),
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "พม.จังหวัดน่าน"),
    ("Khon Kaen Primary Educational Service Area Office 1", "Khon Kaen Secondary Educational Service Area Office"),
])
def test_similar_names_of_different_agencies_are_not_proposed(a, b):
    assert _pairs([Record("a", "agency", "table-1", (a,)), Record("b", "agency", "table-2", (b,))]) == {}


def test_short_names_one_letter_apart_are_only_proposed_for_review():
    found = _pairs([Record("a", "agency", "t1", ("อบต.นามน",)), Record("b", "agency", "t2", ("อบต.นาม่อง",))])
    assert all(not p.confident for p in found.values())


def test_context_keeps_apart_what_the_name_cannot():
    same_name = "โรงเรียนบ้านหนองเจริญ"
    records = [Record("a", "agency", "t1", (same_name,), {"district": frozenset({"3101"})}),
               Record("b", "agency", "t2", (same_name,), {"district": frozenset({"3105"})}),
               Record("c", "agency", "t3", (same_name,), {"province": frozenset({"40"})}),
               Record("d", "agency", "t4", (same_name,))]
    found = _pairs(records)
    assert not found[("a", "b")].confident and "different districts" in found[("a", "b")].reason_text()
    assert ("a", "c") not in found  # province 31 is not 40
    # the name is used in two districts, so a row without a district is not a confident match
    assert not found[("a", "d")].confident


def test_resources_match_through_the_agencies_matched_first():
    records = [Record("eef1", "agency", "t1", ("กสศ.",)), Record("eef2", "agency", "t2", ("กองทุนเพื่อความเสมอภาคทางการศึกษา",)),
               Record("kku2", "agency", "t2", ("มหาวิทยาลัยขอนแก่น",)),
               Record("r1", "resource", "t1", ("ทุนเสมอภาค",), {"holders": frozenset({"eef1"})}),
               Record("r2", "resource", "t2", ("ทุนเสมอภาค",), {"holders": frozenset({"eef2"})}),
               Record("r3", "resource", "t2", ("ทุนเสมอภาค",), {"holders": frozenset({"kku2"})})]
    found = _pairs(records)
    assert found[("r1", "r2")].confident and "held by the same agency" in found[("r1", "r2")].reason_text()
    assert not found[("r1", "r3")].confident and "held by different agencies" in found[("r1", "r3")].reason_text()


def test_records_of_one_source_or_of_different_kinds_are_never_paired():
    records = [Record("a", "agency", "t1", ("กสศ.",)), Record("b", "agency", "t1", ("กสศ.",)),
               Record("c", "dataset", "t2", ("กสศ.",))]
    assert _pairs(records) == {}


def test_blocking_finds_what_comparing_every_pair_finds(data_dir):
    import csv

    names = []
    with open(data_dir.parent.parent / "demo" / "khonkaen" / "agencies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names += [row["name_th"], *[a for a in row["abbreviations"].split(";") if a.strip()]]
    records = [Record(f"{i}", "agency", f"t{i % 4}", (n,)) for i, n in enumerate(names)]
    blocked = {(p.a, p.b, p.score) for p in find_matches(records)}
    naive = {(p.a, p.b, p.score) for p in find_matches(records, naive=True)}
    assert blocked == naive and len(blocked) > 5


def test_name_parts_say_what_must_agree():
    parts = name_parts("สพป.ขอนแก่น เขต ๒")
    assert parts.numbers == ("2",) and parts.provinces == {"40"} and parts.specific.startswith("ขอนแกน")
    assert name_parts("Mae Pu Subdistrict Municipality").local
    assert expand("สถาบันวิจัยประชากรและสังคม") == "สถาบันวิจัยประชากรและสังคม"  # สถ. is not expanded inside a word
