"""What a name says in Thai public administration: abbreviations, the kind of office, the
province, the numbers that tell two offices apart.

Coordinators type the same agency as ``สพป.ขอนแก่น เขต 1``, ``สพป. ขอนแก่น เขต๑`` and
``สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1``. :func:`name_parts` turns each into the same
comparison key and says which parts must agree before two names may be called the same.

Example
-------
>>> from abegraph.thai.names import name_parts
>>> a = name_parts("สพป.ขอนแก่น เขต ๑")
>>> b = name_parts("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา จังหวัดขอนแก่น เขต 1")
>>> a.key == b.key, a.numbers, a.provinces, a.head == b.head
(True, ('1',), frozenset({'40'}), True)
>>> name_parts("อบต.บ้านเป็ด").head == name_parts("ทต.บ้านเป็ด").head
False
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from abegraph.thai.text import clean, match_key

__all__ = ["ABBREVIATIONS", "LOCAL_HEADS", "NameParts", "name_parts", "expand", "toneless"]

#: Abbreviations used for Thai public bodies, with what they stand for. Longest first is not
#: needed here: :func:`expand` sorts them.
ABBREVIATIONS = {
    "สพป": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สพม": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "ศธจ": "สำนักงานศึกษาธิการจังหวัด",
    "ศธภ": "สำนักงานศึกษาธิการภาค",
    "ศธ": "กระทรวงศึกษาธิการ",
    "สพฐ": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "กสศ": "กองทุนเพื่อความเสมอภาคทางการศึกษา",
    "อบต": "องค์การบริหารส่วนตำบล",
    "อบจ": "องค์การบริหารส่วนจังหวัด",
    "ทต": "เทศบาลตำบล",
    "ทม": "เทศบาลเมือง",
    "ทน": "เทศบาลนคร",
    "รร": "โรงเรียน",
    "รพสต": "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "รพ": "โรงพยาบาล",
    "ศพด": "ศูนย์พัฒนาเด็กเล็ก",
    "พมจ": "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
    "พม": "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
    "สสจ": "สำนักงานสาธารณสุขจังหวัด",
    "สสอ": "สำนักงานสาธารณสุขอำเภอ",
    "สถจ": "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด",
    "สถ": "กรมส่งเสริมการปกครองท้องถิ่น",
    "สกร": "สำนักงานส่งเสริมการเรียนรู้",
    "กศน": "สำนักงานส่งเสริมการเรียนรู้",  # renamed สกร. in 2023
    "สสส": "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ",
    "สนง": "สำนักงาน",
    "อปท": "องค์กรปกครองส่วนท้องถิ่น",
    "จ": "จังหวัด",
    "อ": "อำเภอ",
    "ต": "ตำบล",
}

#: Words that carry no identity in an agency name ("ประจำจังหวัด" is written or left out at will).
_NOISE = ("ประจำจังหวัด", "จังหวัด", "ประจำ")

#: The kinds of office a name can start with; two names with different heads are different
#: agencies (อบต.บ้านเป็ด is not เทศบาลตำบลบ้านเป็ด). The first ones are local bodies.
LOCAL_HEADS = ("โรงเรียน", "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
               "ศูนย์พัฒนาเด็กเล็ก", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "ที่ว่าการอำเภอ", "ศูนย์ส่งเสริมการเรียนรู้",
               "สำนักงานสาธารณสุขอำเภอ")
_OTHER_HEADS = ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
                "สำนักงานศึกษาธิการ", "องค์การบริหารส่วน", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์",
                "สำนักงานสาธารณสุข", "สำนักงานส่งเสริมการปกครองท้องถิ่น", "สำนักงานส่งเสริมการเรียนรู้",
                "สำนักงานส่งเสริมการศึกษานอกระบบ", "โรงพยาบาล", "มหาวิทยาลัย", "ศูนย์การศึกษาพิเศษ",
                "บ้านพักเด็กและครอบครัว", "สภาเด็กและเยาวชน", "มูลนิธิ", "สำนักงานเขต", "กระทรวง", "กรม")

_TONES = dict.fromkeys(range(0x0E47, 0x0E4D), None)  # maitaikhu, the four tone marks, thanthakhat
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class NameParts:
    """One name, ready to compare: ``key`` (abbreviations expanded, no spaces, punctuation or
    noise words, tone marks dropped), ``head`` (the kind of office, or ""), ``specific``
    (the key without its head), ``numbers`` and ``provinces`` (DOPA codes named in it)."""

    key: str
    head: str
    specific: str
    numbers: tuple[str, ...]
    provinces: frozenset[str]

    @property
    def local(self) -> bool:
        """True for a school, subdistrict body, clinic or the like (named after a place)."""
        return self.head in _LOCAL_TONELESS


def toneless(text: str) -> str:
    """``text`` without tone marks, maitaikhu and thanthakhat, the marks most often mistyped.

    >>> toneless("บ้านโนนสูง") == toneless("บานโนนสูง")
    True
    """
    return text.translate(_TONES)


#: Longer forms written before the abbreviations: the provincial office of พม., the district
#: learning centres, and the 2023 renaming of กศน. (non-formal education) to สกร.
_PHRASES = (
    (r"พม\.?\s*(?:จ\.|จังหวัด)", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด"),
    (r"(?:สกร|กศน)\.?\s*(?:อ\.|อำเภอ)", "ศูนย์ส่งเสริมการเรียนรู้อำเภอ"),
    (r"สำนักงาน\s*(?:สกร|กศน)\.?", "สำนักงานส่งเสริมการเรียนรู้"),
    (r"ศูนย์\s*(?:สกร|กศน)\.?", "ศูนย์ส่งเสริมการเรียนรู้"),
    (r"ศูนย์การศึกษานอกระบบและการศึกษาตามอัธยาศัย", "ศูนย์ส่งเสริมการเรียนรู้"),
    (r"สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย", "สำนักงานส่งเสริมการเรียนรู้"),
)
#: Abbreviations also recognised with no full stop before the name (อบตวังตะกอ): none of them
#: starts a common Thai word, unlike สถ (สถาบัน) or พม (พม่า).
_ATTACHED = {"สพป", "สพม", "ศธจ", "อบต", "อบจ", "ทต", "ศพด", "รร", "รพสต", "พมจ", "สสจ", "สถจ", "สกร", "กศน"}


@lru_cache(maxsize=1)
def _expander() -> tuple[re.Pattern, list[str]]:
    # An abbreviation counts when it ends in a full stop (ร.ร. or รร.), or stands alone at the
    # start or after a space; "รร" inside "กรรมการ" must stay as it is.
    alternatives, replacements = [], []
    for pattern, replacement in _PHRASES:
        alternatives.append(pattern)
        replacements.append(replacement)
    for abbr in sorted(ABBREVIATIONS, key=len, reverse=True):
        letters = r"\.?\s*".join(re.escape(ch) for ch in abbr)
        forms = [rf"{letters}\."]
        if len(abbr) > 1:
            after = "" if abbr in _ATTACHED else r"(?=\s|$)"
            forms.append(rf"(?:^|(?<=[\s(/])){letters}{after}")
        for form in forms:
            alternatives.append(form)
            replacements.append(ABBREVIATIONS[abbr])
    pattern = re.compile("|".join(f"(?P<g{i}>{a})" for i, a in enumerate(alternatives)))
    return pattern, replacements


def expand(text: str) -> str:
    """``text`` with known abbreviations written out.

    >>> expand("รพ.สต.บ้านโนน อ.เมือง")
    'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนน อำเภอเมือง'
    >>> expand("กรรมการ รร บ้านโนน")
    'กรรมการ โรงเรียน บ้านโนน'
    >>> expand("ร.ร.บ้านโนน") == expand("รรบ้านโนน") == "โรงเรียนบ้านโนน"
    True
    >>> expand("สถาบันวิจัย")
    'สถาบันวิจัย'
    """
    pattern, replacements = _expander()
    return pattern.sub(lambda m: replacements[int(m.lastgroup[1:])], clean(text))


@lru_cache(maxsize=1)
def _provinces() -> list[tuple[str, str]]:
    """(toneless Thai or folded English name, DOPA code), longest names first."""
    import geothai

    names = []
    for p in geothai.provinces():
        names.append((toneless(match_key(p.name_th)), p.code))
        names.append((match_key(p.name_en), p.code))
    names.append((toneless(match_key("กทม")), "10"))
    return sorted(names, key=lambda item: -len(item[0]))


#: English names end with the kind of office instead ("Mae Pu Subdistrict Municipality").
_ENGLISH_LOCAL_TAILS = ("subdistrictadministrativeorganization", "subdistrictadministrativeorganisation", "sao",
                        "subdistrictmunicipality", "townmunicipality", "citymunicipality", "school",
                        "childdevelopmentcentre", "childdevelopmentcenter", "healthpromotinghospital",
                        "districtoffice", "learningcentre", "learningcenter")
_LOCAL_TONELESS = frozenset(toneless(h) for h in LOCAL_HEADS) | frozenset(_ENGLISH_LOCAL_TAILS)
_HEADS = sorted({toneless(h) for h in LOCAL_HEADS + _OTHER_HEADS}, key=len, reverse=True)
_TAILS = sorted(_ENGLISH_LOCAL_TAILS, key=len, reverse=True)


@lru_cache(maxsize=200_000)
def name_parts(name: str) -> NameParts:
    """Split a name into what must agree and what may vary (see the module example)."""
    key = toneless(match_key(expand(name)))
    for word in _NOISE:
        key = key.replace(toneless(word), "")
    head = next((h for h in _HEADS if key.startswith(h)), "")
    specific = key[len(head):]
    if not head:
        head = next((t for t in _TAILS if key.endswith(t) and len(key) > len(t)), "")
        specific = key[:len(key) - len(head)]
    provinces, rest = set(), key
    for province, code in _provinces():
        if province and province in rest:
            provinces.add(code)
            rest = rest.replace(province, " ")
    return NameParts(key, head, specific, tuple(sorted(set(_DIGITS.findall(key)))), frozenset(provinces))
