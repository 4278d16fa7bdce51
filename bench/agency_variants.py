"""Agency records typed the way workshop tables type them: the linking benchmark's data and truth.

A real workshop programme: every province ran its workshop with 2–3 tables (rounds), and each
table filled its own workbook, so each table is one ``source``. A table lists the agencies it
talks about, typed its own way. The agencies are the synthetic provinces' own
(:mod:`bench.synthetic`: the same rows as ``generate_province``), plus a few injected
**hard negatives**. A provincial or local agency is mentioned by 1–3 of its province's tables; a
national agency (EEF, OBEC, ...) by at least one table of every province. The truth maps each
record key to the id of the real agency behind it.

How a table types a name (each table has its own habits, drawn once per table; see
``bench/README.md`` for the rates):

* the full name, the abbreviation, or both (สพป. ↔ สำนักงานเขตพื้นที่การศึกษาประถมศึกษา,
  อบต. ↔ องค์การบริหารส่วนตำบล, ทต., รร., รพ.สต., ศพด., พมจ., สสจ., ศธจ., กศน. ↔ สกร. ...), old
  names (กศน.อำเภอ for สกร.อำเภอ), English names or English abbreviations (EEF, OBEC, ... SAO);
* the abbreviation without its full stops (อบต / รพ.สต / รพสต), a space after it;
* "จังหวัด" (or "จ.") inserted after an abbreviation, or dropped from a full name;
* "เขต 1" / "เขต1" / "เขต  1" / "เขต ๑" (a table that types Thai digits types them everywhere);
* sara am typed as nikhahit + sara aa (a table that copies from PDF does it everywhere);
* a dropped or doubled character or a missing tone mark (a few percent of names), leading or
  trailing spaces, a no-break space, a zero-width space.

Hard negatives (different agencies in the truth): สพป.X เขต 1 / เขต 2, the same office in
another province, อบต.X / เทศบาลตำบลX of the same subdistrict (twins injected), schools whose name
extends another's (โรงเรียนบ้านโนน / โรงเรียนบ้านโนนสูง, injected), and the same subdistrict or
village name in other districts and provinces (real, from geothai).

Example
-------
>>> from bench.agency_variants import generate_records
>>> data = generate_records(provinces=2, seed=1)
>>> len(data.records) == len(data.truth) and {r.kind for r in data.records}
{'agency'}
>>> data.records == generate_records(provinces=2, seed=1).records      # deterministic
True
>>> r = data.records[0]
>>> r.source, type(r.names), set(r.context) <= {"district", "parent", "province"}
('75-samut-songkhram/table-1', <class 'tuple'>, True)
>>> e = data.entities[data.truth[r.key]]
>>> e.province, e.district in r.context.get("district", {e.district})
('75', True)
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, replace

import geothai

from abegraph.linking.matching import Record
from bench import synthetic as S

__all__ = ["Entity", "LinkingData", "generate_records", "province_agencies",
           "cross_source_pairs", "hard_negative_pairs", "relation", "HARD_NEGATIVES", "MENTIONS_PER_AGENCY"]

#: records per agency (per province) when no record count is given: 77 provinces give about 10,000
MENTIONS_PER_AGENCY = 1.36
NIKHAHIT_AA = "\u0e4d\u0e32"
ZWSP = "\u200b"
NBSP = "\u00a0"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# kind -> (full prefixes, official first; abbreviations, the usual one first); the rest of the
# name is the province (provincial offices) or the subdistrict, village or district (local)
PROVINCIAL_FORMS = {
    "peo": (["สำนักงานศึกษาธิการจังหวัด"], ["ศธจ."]),
    "sesao": (["สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา"], ["สพม."]),
    "esao": (["สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"], ["สพป."]),
    "pao": (["องค์การบริหารส่วนจังหวัด"], ["อบจ."]),
    "dla": (["สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", "สำนักงานท้องถิ่นจังหวัด"], ["สถจ."]),
    "msdhs": (["สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด"], ["พมจ.", "พม.จังหวัด"]),
    "pho": (["สำนักงานสาธารณสุขจังหวัด"], ["สสจ."]),
    "dole": (["สำนักงานส่งเสริมการเรียนรู้ประจำจังหวัด",
              "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัยจังหวัด"],
             ["สกร.จังหวัด", "สกร.", "กศน.จังหวัด", "สำนักงาน กศน.จังหวัด"]),
    "sec": (["ศูนย์การศึกษาพิเศษประจำจังหวัด"], ["ศูนย์การศึกษาพิเศษ", "ศกศ."]),
    "cfh": (["บ้านพักเด็กและครอบครัวจังหวัด"], ["บพด.", "บ้านพักเด็กฯ "]),
    "juv": (["สถานพินิจและคุ้มครองเด็กและเยาวชนจังหวัด"], ["สถานพินิจ", "สถานพินิจฯ "]),
    "nso": (["สำนักงานสถิติจังหวัด"], ["สนง.สถิติจังหวัด", "สถิติจังหวัด"]),
    "cdd": (["สำนักงานพัฒนาชุมชนจังหวัด"], ["พช.", "พัฒนาชุมชนจังหวัด"]),
    "youth": (["สภาเด็กและเยาวชนจังหวัด"], ["สภาเด็กฯ ", "สภาเด็กฯ จ."]),
    "ru": (["มหาวิทยาลัยราชภัฏ"], ["มรภ."]),
    "foundation": (["มูลนิธิเพื่อเด็กและเยาวชน"], ["มูลนิธิเด็ก"]),
}
LOCAL_FORMS = {
    "school": (["โรงเรียน"], ["รร.", "ร.ร."]),
    "school2": (["โรงเรียน"], ["รร.", "ร.ร."]),
    "sao": (["องค์การบริหารส่วนตำบล"], ["อบต."]),
    "tm": (["เทศบาลตำบล"], ["ทต."]),
    "cdc": (["ศูนย์พัฒนาเด็กเล็ก"], ["ศพด."]),
    "hph": (["โรงพยาบาลส่งเสริมสุขภาพตำบล"], ["รพ.สต."]),
    "dole_district": (["ศูนย์ส่งเสริมการเรียนรู้", "ศูนย์การศึกษานอกระบบและการศึกษาตามอัธยาศัย"],
                      ["สกร.", "กศน."]),
    "district_office": (["ที่ว่าการอำเภอ"], ["อ.", "อำเภอ"]),
    "bkk_district": (["สำนักงาน"], ["สนข."]),
    "temple": (["กลุ่มเยาวชน"], []),
}
#: English abbreviations: kind -> (words of the English name, what people type instead)
EN_ABBR = {
    "sao": ("Subdistrict Administrative Organization", "SAO"),
    "tm": ("Subdistrict Municipality", "Municipality"),
    "hph": ("Subdistrict Health Promoting Hospital", "SHPH"), "cdc": ("Child Development Centre", "CDC"),
    "peo": ("Provincial Education Office", "PEO"), "pho": ("Provincial Public Health Office", "PHO"),
    "pao": ("Provincial Administrative Organization", "PAO"),
    "esao": ("Primary Educational Service Area Office", "PESAO"),
    "sesao": ("Secondary Educational Service Area Office", "SESAO"),
    "msdhs": ("Provincial Office of Social Development and Human Security", "PSDHS"),
    "dole_district": ("District Learning Encouragement Centre", "DOLE Centre"),
}
_SIBLING_SUFFIX = [("ใหญ่", "Yai"), ("น้อย", "Noi"), ("เหนือ", "Nuea"), ("ใต้", "Tai"), ("สูง", "Sung"),
                   ("ใหม่", "Mai"), ("พัฒนา", "Phatthana")]


@dataclass(frozen=True)
class Entity:
    """A real agency (the truth). ``full`` and ``abbr`` hold (prefix, rest) spellings."""

    id: str
    kind: str  # synthetic kind: national, peo, esao, sao, tm, school, ...
    province: str  # "" for a national agency
    district: str
    subdistrict: str
    parent: str
    name_th: str
    full: tuple[tuple[str, str], ...]
    abbr: tuple[tuple[str, str], ...]
    english: tuple[str, ...]
    provincial: bool  # the rest of the name is the province's name

    @property
    def rest(self) -> str:
        return self.full[0][1]


@dataclass
class LinkingData:
    """Records, the truth (record key -> entity id), each record's variant tags, and the
    hard-negative entity pairs the generator injected (category -> [(id, id)])."""

    records: list[Record]
    truth: dict[str, str]
    entities: dict[str, Entity]
    tags: dict[str, tuple[str, ...]]
    sources: list[str]
    provinces: list[str]
    seed: int
    injected: dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class _Style:
    """One table's typing habits."""

    abbr: float
    english: float
    nodot: float
    space_after_abbr: float
    province_word: float
    thai_digits: bool
    sara_am: bool
    district_known: float


def province_agencies(code: str, seed: int = S.DEFAULT_SEED) -> list[S.Agency]:
    """The agencies of ``synthetic.generate_province(code, seed)``, without its resources."""
    rng = random.Random(f"abegraph-bench-{seed}-{code}")
    prov = geothai.province(code)
    districts = sorted(geothai.districts(code), key=lambda d: d.code)
    subdistricts = {d.code: sorted(geothai.subdistricts(d.code), key=lambda s: s.code) for d in districts}
    n = min(150, max(40, round(rng.gauss(40 + S.AGENCIES_PER_DISTRICT * len(districts), 8))))
    return S._agencies(code, prov, districts, subdistricts, rng, n)


def _tidy(a: S.Agency) -> S.Agency:
    """โรงเรียนบ้าน + a subdistrict already called บ้าน... is one บ้าน (synthetic writes it twice)."""
    if a.name_th.startswith("โรงเรียนบ้านบ้าน"):
        return replace(a, name_th=a.name_th.replace("บ้านบ้าน", "บ้าน", 1),
                       name_en=a.name_en.replace("Ban Ban ", "Ban ", 1))
    return a


def _hard_negatives(code: str, agencies: list[S.Agency], rng: random.Random,
                    injected: dict[str, list[tuple[str, str]]]) -> list[S.Agency]:
    """อบต./เทศบาลตำบล twins of a subdistrict, and schools whose name extends another's."""
    ids = {a.id for a in agencies}
    names = {a.name_th for a in agencies}
    extra: list[S.Agency] = []
    for a in agencies:
        if a.kind in ("sao", "tm") and rng.random() < 0.12:
            twin_kind = "tm" if a.kind == "sao" else "sao"
            twin_id = f"{twin_kind.upper()}-{a.subdistrict}"
            if twin_id in ids:
                continue
            rest = a.name_th.removeprefix(LOCAL_FORMS[a.kind][0][0])
            en = a.name_en.replace(EN_ABBR[a.kind][0], EN_ABBR[twin_kind][0])
            full, abbr = LOCAL_FORMS[twin_kind][0][0], LOCAL_FORMS[twin_kind][1][0]
            twin = S.Agency(twin_id, twin_kind, full + rest, en, [abbr + rest], "local government", a.parent,
                            a.district, a.subdistrict)
            injected.setdefault("sao-tm", []).append((a.id, twin_id))
        elif a.kind == "school" and a.name_th.startswith("โรงเรียนบ้าน") and rng.random() < 0.1:
            village = a.name_th.removeprefix("โรงเรียนบ้าน")
            heads = sorted(S._VILLAGE_HEAD, key=len, reverse=True)
            head = next((h for h in heads if village.startswith(h)), "")
            if head and head != village and rng.random() < 0.4:
                name, en = f"โรงเรียนบ้าน{head}", f"Ban {S._VILLAGE_HEAD_EN[head]} School"
            else:
                th_s, en_s = rng.choice(_SIBLING_SUFFIX)
                name, en = a.name_th + th_s, a.name_en.removesuffix(" School") + f" {en_s} School"
            twin_id = f"SCH-{code}-H{len(extra):03d}"
            if name in names:
                continue
            twin = S.Agency(twin_id, "school", name, en, [], "school", a.parent, a.district, a.subdistrict)
            injected.setdefault("school-prefix", []).append((a.id, twin_id))
        else:
            continue
        ids.add(twin.id)
        names.add(twin.name_th)
        extra.append(twin)
    return agencies + extra


def _entity(a: S.Agency, code: str) -> Entity:
    P = geothai.province(code).name_th if code else ""
    if a.kind == "national":
        row = next(r for r in S.NATIONAL if r[0] == a.id)
        abbrs = row[3].split(";")
        thai = [x for x in abbrs if not x.isascii()]
        return Entity(a.id, "national", "", "", "", a.parent, a.name_th, ((a.name_th, ""),),
                      tuple((x, "") for x in thai), (a.name_en,) + tuple(x for x in abbrs if x.isascii()),
                      False)
    english = [a.name_en]
    if a.kind in EN_ABBR and EN_ABBR[a.kind][0] in a.name_en:
        english.append(a.name_en.replace(*EN_ABBR[a.kind]))
    if a.id == "BMA":
        return Entity(a.id, "city", code, a.district, "", a.parent, a.name_th, ((a.name_th, ""),),
                      (("กทม.", ""),), (a.name_en, "BMA"), False)
    if a.kind == "city":
        prefix = "เทศบาลนคร" if a.name_th.startswith("เทศบาลนคร") else "เทศบาลเมือง"
        abbr = "ทน." if prefix == "เทศบาลนคร" else "ทม."
        return Entity(a.id, a.kind, code, a.district, "", a.parent, a.name_th, ((prefix, P),), ((abbr, P),),
                      tuple(english), True)
    if a.kind == "company":
        base = a.name_th.removeprefix("บริษัท ").removesuffix(" จำกัด")
        return Entity(a.id, a.kind, code, a.district, "", a.parent, a.name_th,
                      (("บริษัท ", base + " จำกัด"), ("บจก.", base)), (("", base),), tuple(english), False)
    if a.kind in PROVINCIAL_FORMS:
        fulls, abbrs = PROVINCIAL_FORMS[a.kind]
        rest = a.name_th.removeprefix(fulls[0])
        return Entity(a.id, a.kind, code, a.district, "", a.parent, a.name_th,
                      tuple((f, rest) for f in fulls), tuple((x, rest) for x in abbrs), tuple(english), True)
    fulls, abbrs = LOCAL_FORMS[a.kind]
    rest = a.name_th.removeprefix(fulls[0])
    return Entity(a.id, a.kind, code, a.district, a.subdistrict, a.parent, a.name_th,
                  tuple((f, rest) for f in fulls), tuple((x, rest) for x in abbrs), tuple(english), False)


def _style(rng: random.Random) -> _Style:
    return _Style(abbr=rng.uniform(0.2, 0.75), english=rng.choice([0.02, 0.05, 0.1, 0.3]),
                  nodot=rng.choice([0.0, 0.0, 0.1, 0.5]), space_after_abbr=rng.choice([0.0, 0.1, 0.4]),
                  province_word=rng.choice([0.0, 0.1, 0.3]), thai_digits=rng.random() < 0.15,
                  sara_am=rng.random() < 0.15, district_known=rng.uniform(0.6, 0.95))


def _typo(text: str, rng: random.Random) -> str:
    """Drop or double one character, or drop a tone mark (never a digit)."""
    tones = [i for i, c in enumerate(text) if c in _TONES]
    if tones and rng.random() < 0.4:
        i = rng.choice(tones)
        return text[:i] + text[i + 1:]
    spots = [i for i, c in enumerate(text) if not c.isdigit() and not c.isspace() and c != "."]
    if len(spots) < 4:
        return text
    i = rng.choice(spots[1:])
    return text[:i] + text[i + 1:] if rng.random() < 0.5 else text[:i] + text[i] + text[i:]


def _thai(e: Entity, form: tuple[str, str], is_abbr: bool, style: _Style, rng: random.Random,
          tags: set[str]) -> str:
    prefix, rest = form
    if is_abbr and "." in prefix and rng.random() < style.nodot:
        prefix = prefix.replace(".", "") if rng.random() < 0.7 else prefix.rstrip(".")
        tags.add("no-full-stop")
    if e.provincial and rng.random() < style.province_word:
        if is_abbr and not prefix.endswith(("จังหวัด", "จ.", " ")) and e.kind != "city":
            prefix += rng.choice(["จังหวัด", "จังหวัด", "จ."])
            tags.add("province-word")
        elif not is_abbr and prefix.endswith("จังหวัด") and e.kind != "pao":
            prefix = prefix.removesuffix("จังหวัด") + rng.choice(["", " "])
            tags.add("province-word")
    if e.kind == "esao":
        r = rng.random()
        if r < 0.3:
            rest, _ = re.subn(r"เขต (\d)", r"เขต\1", rest)
        elif r < 0.4:
            rest, _ = re.subn(r"เขต (\d)", r"เขต  \1", rest)
        elif r < 0.45:
            rest, _ = re.subn(r" เขต (\d)", r" \1", rest)
        if r < 0.45:
            tags.add("zone-spacing")
    if e.kind == "dole_district" and is_abbr and rng.random() < 0.25:
        rest = rest.replace("อำเภอ", "อ.", 1)
    if e.kind == "temple" and rng.random() < 0.5:
        rest = rest.replace(" ตำบล", " ต.") if rng.random() < 0.6 else rest.split(" ตำบล")[0]
    sep = ""
    if rest and not prefix.endswith(" "):
        if (is_abbr and rng.random() < style.space_after_abbr) or (not is_abbr and rng.random() < 0.06):
            sep = " "
            tags.add("space")
    text = prefix + sep + rest
    if style.thai_digits and any(c.isdigit() for c in text):
        text = text.translate(_THAI_DIGITS)
        tags.add("thai-digits")
    if style.sara_am and "ำ" in text:
        text = text.replace("ำ", NIKHAHIT_AA)
        tags.add("sara-am")
    if rng.random() < 0.04:
        typed = _typo(text, rng)
        if typed != text:
            text = typed
            tags.add("typo")
    return text


def _whitespace(text: str, rng: random.Random, tags: set[str]) -> str:
    r = rng.random()
    if r < 0.04:
        i = rng.randrange(1, len(text))
        text = text[:i] + ZWSP + text[i:]
        tags.add("zero-width-space")
    elif r < 0.06 and " " in text:
        text = text.replace(" ", NBSP, 1)
        tags.add("whitespace")
    elif r < 0.09 and " " in text:
        text = text.replace(" ", "  ", 1)
        tags.add("whitespace")
    if rng.random() < 0.08:
        text += rng.choice([" ", " ", "  ", "\t"])
        tags.add("whitespace")
    if rng.random() < 0.02:
        text = " " + text
        tags.add("whitespace")
    return text


def _names(e: Entity, style: _Style, rng: random.Random) -> tuple[tuple[str, ...], set[str]]:
    """The names one table types for an agency, and the variants used."""
    tags: set[str] = set()
    names: list[str] = []
    thai_abbr = list(e.abbr)
    english_abbr = [x for x in e.english[1:]]
    if thai_abbr:
        mode = rng.choices(["full", "abbr", "both"], [(1 - style.abbr) * 0.7, style.abbr * 0.7, 0.3])[0]
    else:
        mode = "full"
    if mode in ("full", "both"):
        form = e.full[0] if len(e.full) == 1 or rng.random() < 0.85 else rng.choice(e.full[1:])
        if form is not e.full[0]:
            tags.add("other-full-name")
        names.append(_thai(e, form, False, style, rng, tags))
    if mode in ("abbr", "both"):
        if e.kind == "national" and english_abbr and rng.random() < 0.3:
            names.append(rng.choice(english_abbr))
            tags.add("english-abbreviation")
        else:
            form = thai_abbr[0] if len(thai_abbr) == 1 or rng.random() < 0.7 else rng.choice(thai_abbr[1:])
            if form is not thai_abbr[0]:
                tags.add("other-abbreviation")
            names.append(_thai(e, form, True, style, rng, tags))
    tags.add({"full": "full-name-only", "abbr": "abbreviation-only",
              "both": "full-name-and-abbreviation"}[mode])
    if rng.random() < style.english:
        if english_abbr and rng.random() < 0.3:
            english = rng.choice(english_abbr)
            tags.add("english-abbreviation")
        else:
            english = e.english[0]
            tags.add("english-name")
        if rng.random() < 0.1:
            english = english.lower()
        if rng.random() < 0.1:
            names = []  # the table typed only the English name
            tags.add("english-only")
        names.append(english)
    return tuple(_whitespace(n, rng, tags) for n in names), tags


def _context(e: Entity, entities: dict[str, Entity], workshop: str, districts: list[str], style: _Style,
             rng: random.Random, tags: set[str]) -> dict[str, frozenset[str]]:
    context: dict[str, frozenset[str]] = {}
    if e.district and rng.random() < style.district_known:
        district = e.district
        if rng.random() < 0.02 and len(districts) > 1:
            district = rng.choice([d for d in districts if d != e.district])
            tags.add("wrong-district")
        context["district"] = frozenset({district})
    if e.province and rng.random() < 0.92:
        context["province"] = frozenset({e.province})
    elif not e.province and rng.random() < 0.1:
        context["province"] = frozenset({workshop})  # the workbook's province, put on a national row
        tags.add("national-with-province")
    parent = entities.get(e.parent)
    if parent is not None and rng.random() < 0.3:
        form = parent.abbr[0] if parent.abbr and rng.random() < 0.7 else parent.full[0]
        context["parent"] = frozenset({form[0] + form[1]})
    if "district" not in context and e.district:
        tags.add("no-district")
    return context


def cross_source_pairs(sizes_by_source: dict[str, int]) -> int:
    """Pairs of records from different sources, given the number of records per source.

    >>> cross_source_pairs({"a": 2, "b": 3})
    6
    """
    n = sum(sizes_by_source.values())
    return (n * n - sum(k * k for k in sizes_by_source.values())) // 2


def generate_records(provinces: int | list[str] = 77, seed: int = S.DEFAULT_SEED,
                     records: int | None = None) -> LinkingData:
    """Agency records of ``provinces`` (the first N of ``synthetic.province_order(seed)``, or
    codes), with the truth. ``records`` fixes the number of records (default:
    ``MENTIONS_PER_AGENCY`` per agency and province, about 10,000 for 77 provinces).
    Deterministic for the arguments."""
    codes = S.province_order(seed)[:provinces] if isinstance(provinces, int) else list(provinces)
    entities: dict[str, Entity] = {}
    injected: dict[str, list[tuple[str, str]]] = {}
    plan = []  # (code, slug, styles, districts, [entity ids])
    for code in codes:
        rng = random.Random(f"abegraph-linking-{seed}-{code}")
        # two agencies of one district never share a name (synthetic sometimes draws a school twice)
        seen: set[tuple[str, str]] = set()
        agencies = [a for a in map(_tidy, province_agencies(code, seed))
                    if (a.name_th, a.district) not in seen and not seen.add((a.name_th, a.district))]
        agencies = _hard_negatives(code, agencies, rng, injected)
        for a in agencies:
            if a.id not in entities:
                entities[a.id] = _entity(a, "" if a.kind == "national" else code)
        prov = geothai.province(code)
        slug = f"{code}-" + re.sub(r"[^a-z0-9]+", "-", prov.name_en.lower()).strip("-")
        styles = [_style(rng) for _ in range(rng.choice([2, 2, 3]))]
        districts = sorted(d.code for d in geothai.districts(code))
        plan.append((code, slug, styles, districts, [a.id for a in agencies]))
    # every agency is mentioned once per province; extra mentions go to other tables of its province
    rng = random.Random(f"abegraph-linking-{seed}-mentions")
    base, slots = [], []
    for p, (code, slug, styles, districts, ids) in enumerate(plan):
        for eid in ids:
            first = rng.randrange(len(styles))
            base.append((p, eid, first))
            weight = 3.0 if entities[eid].kind == "national" else 1.0
            slots += [(p, eid, t, weight) for t in range(len(styles)) if t != first]
    target = round(len(base) * MENTIONS_PER_AGENCY) if records is None else records
    if target > len(base) + len(slots):
        raise ValueError(f"{len(codes)} province(s) can give at most {len(base) + len(slots):,} records")
    if target <= len(base):
        mentions = rng.sample(base, target)
    else:  # weighted sampling without replacement (Efraimidis–Spirakis): national agencies more often
        keyed = sorted(slots, key=lambda s: -math.log(rng.random()) / s[3])
        mentions = base + [(p, eid, t) for p, eid, t, _ in keyed[:target - len(base)]]
    by_table: dict[tuple[int, int], list[str]] = {}
    for p, eid, t in sorted(mentions, key=lambda m: (m[0], m[2], m[1])):
        by_table.setdefault((p, t), []).append(eid)
    out: list[Record] = []
    truth: dict[str, str] = {}
    tags: dict[str, tuple[str, ...]] = {}
    sources = []
    for p, (code, slug, styles, districts, ids) in enumerate(plan):
        rng = random.Random(f"abegraph-linking-{seed}-{code}-typing")
        for t, style in enumerate(styles):
            source = f"{slug}/table-{t + 1}"
            sources.append(source)
            eids = by_table.get((p, t), [])
            rng.shuffle(eids)
            for i, eid in enumerate(eids, 1):
                e = entities[eid]
                key = f"{source}/{i:03d}"
                names, used = _names(e, style, rng)
                context = _context(e, entities, code, districts, style, rng, used)
                out.append(Record(key, "agency", source, names, context))
                truth[key] = eid
                tags[key] = tuple(sorted(used))
    used_ids = set(truth.values())
    return LinkingData(out, truth, {k: v for k, v in entities.items() if k in used_ids}, tags, sources, codes,
                       seed, injected)


#: hard-negative categories: key -> description
HARD_NEGATIVES = {
    "other-zone": "สพป. of the same province, other เขต",
    "other-province": "the same office in another province",
    "sao-tm": "อบต. and เทศบาลตำบล of the same subdistrict",
    "same-name-elsewhere": "the same name in another district or province",
    "name-extends": "a name that extends the other (บ้านโนน / บ้านโนนสูง)",
    "same-place-other-kind": "the same place name, another kind of agency (อบต.X / ศพด.X)",
    "national-provincial": "a national agency and its provincial office (พม. / พมจ.)",
}
_LOCAL = set(LOCAL_FORMS)


def _family(kind: str) -> str:
    return "school" if kind in ("school", "school2") else kind


def relation(a: Entity, b: Entity) -> str | None:
    """The hard-negative category of two different agencies, or None (see ``HARD_NEGATIVES``).

    >>> data = generate_records(provinces=2, seed=1)
    >>> E = data.entities
    >>> relation(E["ESAO-93-1"], E["ESAO-93-2"]), relation(E["ESAO-75-1"], E["ESAO-93-1"])
    ('other-zone', 'other-province')
    """
    if a.id == b.id:
        return None
    if {a.kind, b.kind} & {"national"} and a.kind != b.kind and (a.parent == b.id or b.parent == a.id):
        return "national-provincial"
    if a.kind == b.kind and a.kind not in _LOCAL and a.kind != "national":
        if a.province == b.province:
            return "other-zone" if a.kind == "esao" else None
        return "other-province"
    if {a.kind, b.kind} == {"sao", "tm"} and a.subdistrict and a.subdistrict == b.subdistrict:
        return "sao-tm"
    if a.kind in _LOCAL and b.kind in _LOCAL:
        if _family(a.kind) == _family(b.kind):
            if a.rest == b.rest:
                return "same-name-elsewhere"
            if _family(a.kind) == "school" and (a.rest.startswith(b.rest) or b.rest.startswith(a.rest)):
                return "name-extends"
        elif a.rest == b.rest:
            return "same-place-other-kind"
    return None


def hard_negative_pairs(entities: dict[str, Entity]) -> dict[str, list[tuple[str, str]]]:
    """Every pair of different agencies in a hard-negative relation, by category
    (``name-extends`` within a province).

    >>> pairs = hard_negative_pairs(generate_records(provinces=2, seed=1).entities)
    >>> sorted(k for k, v in pairs.items() if v) == sorted(HARD_NEGATIVES)
    True
    """
    groups: dict[tuple, list[Entity]] = {}
    for e in entities.values():
        if e.kind in _LOCAL:
            groups.setdefault(("rest", e.rest), []).append(e)
            if e.subdistrict:
                groups.setdefault(("subdistrict", e.subdistrict), []).append(e)
            if _family(e.kind) == "school":
                groups.setdefault(("schools", e.province), []).append(e)
        elif e.kind != "national":
            groups.setdefault(("kind", e.kind), []).append(e)
            groups.setdefault(("parent", e.parent), []).append(e)
        else:
            groups.setdefault(("parent", e.id), []).append(e)
    found: dict[str, set[tuple[str, str]]] = {k: set() for k in HARD_NEGATIVES}
    for members in groups.values():
        members.sort(key=lambda e: e.id)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                category = relation(a, b)
                if category:
                    found[category].add((a.id, b.id))
    return {k: sorted(v) for k, v in found.items()}
