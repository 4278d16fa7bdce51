"""DOPA area codes (province 2 digits, district 4, subdistrict 6) from the geothai gazetteer.

Data: geothai, from DOPA (stat.bora.dopa.go.th), CC-BY-4.0. Codes abolished by DOPA are
mapped forward to their single successor when there is one.

Example
-------
>>> from abegraph.thai.gazetteer import lookup_area
>>> area = lookup_area("4001")
>>> (area.name_th, area.name_en, area.level, area.parent)
('เมืองขอนแก่น', 'Mueang Khon Kaen', 'district', '40')
>>> lookup_area("4099") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Area", "lookup_area", "districts", "districts_of", "successor_code", "similar_codes", "ATTRIBUTION"]

ATTRIBUTION = "Thai administrative areas: geothai, data from DOPA (stat.bora.dopa.go.th), CC-BY-4.0"


@dataclass(frozen=True)
class Area:
    code: str
    name_th: str
    name_en: str
    level: str  # province, district or subdistrict
    parent: str  # code of the enclosing area ("" for a province)


@lru_cache(maxsize=4096)
def lookup_area(code: str) -> Area | None:
    """The current area with this DOPA code, or None."""
    import geothai

    code = code.strip()
    if not code.isdigit():
        return None
    if len(code) == 2 and (p := geothai.province(code)):
        return Area(p.code, p.name_th, p.name_en, "province", "")
    if len(code) == 4 and (d := geothai.district(code)):
        return Area(d.code, d.name_th, d.name_en, "district", d.province_code)
    if len(code) == 6 and (s := geothai.subdistrict(code)):
        return Area(s.code, s.name_th, s.name_en, "subdistrict", s.district_code)
    return None


@lru_cache(maxsize=128)
def districts_of(province: str) -> tuple[Area, ...]:
    """The current districts of a province (2-digit DOPA code), by code; empty if unknown.

    >>> [(a.code, a.name_en) for a in districts_of("58")][:2]
    [('5801', 'Mueang Mae Hong Son'), ('5802', 'Khun Yuam')]
    >>> districts_of("99")
    ()
    """
    import geothai

    code = province.strip()
    if not (len(code) == 2 and code.isdigit() and geothai.province(code)):
        return ()
    return tuple(Area(d.code, d.name_th, d.name_en, "district", d.province_code)
                 for d in sorted(geothai.districts(code), key=lambda d: d.code))


def districts(province: str | None = None) -> list[Area]:
    """The current districts of ``province`` (a 2-digit code), or of every province, by code.

    >>> [a.name_th for a in districts("40")][:2], len(districts()) > 900
    (['เมืองขอนแก่น', 'บ้านฝาง'], True)
    """
    import geothai

    codes = [province] if province else [p.code for p in geothai.provinces()]
    return [area for code in codes for area in districts_of(code)]


@lru_cache(maxsize=1)
def _abolished() -> dict[str, tuple[str, ...]]:
    from geothai.abolished import abolished_areas

    return {a.code: tuple(a.successors or ()) for a in abolished_areas()}


def successor_code(code: str) -> str | None:
    """The one current code that replaced an abolished ``code``, or None.

    >>> successor_code("400903")
    '402101'
    """
    successors = _abolished().get(code.strip(), ())
    return successors[0] if len(successors) == 1 else None


def similar_codes(code: str, limit: int = 3) -> list[str]:
    """Existing codes close to a mistyped one: same parent, nearest numbers."""
    import geothai

    code = code.strip()
    if not code.isdigit() or len(code) not in (2, 4, 6):
        return []
    if len(code) == 2:
        pool = [p.code for p in geothai.provinces()]
    elif len(code) == 4:
        pool = [d.code for d in geothai.districts(code[:2])]
    else:
        pool = [s.code for s in geothai.subdistricts(code[:4])]
    return sorted(pool, key=lambda c: abs(int(c) - int(code)))[:limit]
