"""thai.text and thai.personal: typing variants in their standard form, identifiers in every disguise."""
from __future__ import annotations

import random

import pytest
from pythainlp.util import normalize

from abegraph.thai.personal import find_citizen_ids, find_phone_numbers, is_citizen_id, is_juristic_number
from abegraph.thai.text import NEEDS_THAI_RULES, clean, match_key

_ALPHABET = [chr(c) for c in range(0x0E01, 0x0E5C) if not 0x0E3B <= c <= 0x0E3E] + [" "] * 3 + list("ab1")


def _random_thai(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield " ".join("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 8))).split())


def test_the_shortcut_never_skips_text_that_pythainlp_would_change():
    # clean() calls pythainlp.util.normalize only where NEEDS_THAI_RULES matches
    missed = [s for s in _random_thai(1, 25_000) if not NEEDS_THAI_RULES.search(s) and normalize(s) != s]
    assert missed == []


def test_clean_is_pythainlp_normalize_and_stable():
    for s in _random_thai(2, 10_000):
        once = clean(s)
        assert clean(once) == once, s
        if NEEDS_THAI_RULES.search(s) and normalize(s) == clean(normalize(s)):
            assert once == normalize(s).strip(), s


@pytest.mark.parametrize("typed, standard", [
    ("เเม่จริม", "แม่จริม"),                        # two sara e for sara ae
    ("ท\u0e48\u0e35", "ที่"),                        # mai ek typed before sara ii
    ("เรียนร\u0e49\u0e39", "เรียนรู้"),                # mai tho typed before sara uu
    ("น\u0e4d\u0e32", "นำ"),                         # nikhahit + sara aa
    ("น\u0e33\u0e49", "น้ำ"),                        # sara am typed before its tone mark
    ("ครูู", "ครู"),                                 # a vowel typed twice
])
def test_typing_variants_have_one_stored_form_and_one_key(typed, standard):
    assert clean(typed) == standard
    assert match_key(typed) == match_key(standard)


ID = "3400100123458"


@pytest.mark.parametrize("text", [
    ID, "3-4001-00123-45-8", "3 4001 00123 45 8",
    "3400\u200b100123458", "3400\u00ad100123458", "34001\u200d00123\u2060458",
    "3\u00a04001\u00a000123\u00a045\u00a08", "3  4001  00123  45  8", "3\t4001\t00123\t45\t8",
    "3\n4001\n00123\n45\n8", "3.4001.00123.45.8", "3/4001/00123/45/8", "3\u20134001\u201300123\u201345\u20138",
    "3 - 4001 - 00123 - 45 - 8", "๓๔๐๐๑๐๐๑๒๓๔๕๘", "๓-๔๐๐๑-๐๐๑๒๓-๔๕-๘", "\uff13\uff14\uff10\uff10100123458",
    "เลขบัตร3400100123458ค่ะ", "3400100123458 1",
])
def test_a_citizen_id_is_found_in_every_form(text):
    assert find_citizen_ids(text) == [ID]
    assert find_citizen_ids(clean(text)) == [ID]  # and in the text as stored


@pytest.mark.parametrize("text", [
    "0994000617721", "0-99-4-000-61772-1",   # a juristic person (foundation, company): first digit 0
    "9400100123451",                          # first digit 9: never a citizen ID
    "3400100123459",                          # wrong check digit
    "2566 2567 2568 2569", "งบ 1500000 บาท 2567", "34001001234580",
])
def test_what_is_not_a_citizen_id(text):
    assert find_citizen_ids(text) == []


def test_juristic_numbers_and_citizen_ids_are_told_apart():
    assert is_juristic_number("0994000617721") and not is_citizen_id("0994000617721")
    assert is_citizen_id(ID) and not is_juristic_number(ID)
    assert is_citizen_id("๓๔๐๐๑๐๐๑๒๓๔๕๘")


@pytest.mark.parametrize("text", ["081-234-5678", "081 234 5678", "+66 81 234 5678", "๐๘๑๒๓๔๕๖๗๘",
                                  "081\u200b2345678", "081.234.5678"])
def test_mobile_numbers_in_any_grouping(text):
    assert find_phone_numbers(text) == ["0812345678"]


def test_long_texts_are_cleaned_like_short_ones():
    """Texts past the cached length take the uncached path, with the same result."""
    short = "สพป.\u200bขอนแก่น  เขต ๑"
    assert clean(short) == "สพป.ขอนแก่น เขต 1"
    long_text = " ".join([short] * 40)
    assert len(long_text) > 256
    assert clean(long_text) == " ".join(["สพป.ขอนแก่น เขต 1"] * 40)
    assert match_key(long_text) == match_key(short) * 40
