"""Find personal identifiers in text: the graph holds metadata, never records about children.

A Thai citizen ID (PIN) is 13 digits whose last digit is a check digit and whose first digit
is never 0 or 9 (:mod:`stdnum.th.pin`). A juristic person's registration number (a
foundation, a company: :mod:`stdnum.th.moa`) has the same length and check digit but starts
with 0: it is public, and loads.

People hide the digits in every way a keyboard allows, and the graph must not hold them in
any: grouped by spaces (no-break, double, tabs, line breaks), dots, slashes, dashes of any
kind or `` - ``; with zero-width spaces, soft hyphens or combining marks inside; in Thai
or other Unicode digits. :func:`find_citizen_ids` removes the invisible characters, then reads
each run of digits joined by at most three separator characters, and tries every stretch of
whole groups that makes 13 digits (``3 4001 00123 45 8`` and ``3400100123458 1`` hold one;
``2566 2567 2568`` holds none, so lists of years or amounts are not mistaken for IDs).

Example
-------
>>> from abegraph.thai.personal import find_citizen_ids, find_phone_numbers, is_juristic_number, mask_citizen_id
>>> find_citizen_ids("ID 1-1014-00000-00-1 is not valid")
[]
>>> find_citizen_ids("เลขบัตร 3 4001 00123 45 8")
['3400100123458']
>>> find_citizen_ids("เลขบัตร ๓๔๐๐๑๐๐๑๒๓๔๕๘") == find_citizen_ids("3.4001.00123.45.8") == ["3400100123458"]
True
>>> find_citizen_ids("34001\\u200b00123458") == find_citizen_ids("3\\u00a04001\\u00a000123\\u00a045\\u00a08")
True
>>> find_citizen_ids("มูลนิธิ เลขทะเบียน 0-99-4-000-61772-1"), is_juristic_number("0994000617721")
([], True)
>>> find_phone_numbers("โทร 081-234-5678")
['0812345678']
>>> mask_citizen_id("3400100123458")
'3-XXXX-XXXXX-XX-8'
"""
from __future__ import annotations

import re

from stdnum.th import moa, pin

__all__ = ["is_citizen_id", "is_juristic_number", "find_citizen_ids", "find_phone_numbers", "mask_citizen_id",
           "mask_phone_number", "INVISIBLE"]

#: Characters that show nothing between two digits: format characters (zero-width space and
#: joiners, soft hyphen, word joiner, byte-order mark, direction marks), variation selectors and
#: combining marks (accents, Thai vowel and tone marks).
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f"
                       "\u0300-\u036f\u20d0-\u20ff\ufe20-\ufe2f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
# any Unicode decimal digit (re's \d): Thai, Arabic-Indic, full-width ...
_SEPARATOR = r"[\s./\\\-_\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d\uff0e\uff0f]"
_GROUP = re.compile(rf"\d+(?:{_SEPARATOR}{{1,3}}\d+)*")
_DIGITS = re.compile(r"\d+")
_ASCII = {ord(str(d)): None for d in range(10)}


def _ascii_digits(text: str) -> str:
    if not text.translate(_ASCII):
        return text
    return "".join(str(int(ch)) for ch in text)  # int() reads any Unicode decimal digit


def _stretches(text: str, length: int):
    """Every stretch of whole digit groups in ``text`` that makes ``length`` digits."""
    for group in _GROUP.finditer(INVISIBLE.sub("", text)):
        chunks = _DIGITS.findall(group.group())
        for start in range(len(chunks)):
            total, end = 0, start
            while end < len(chunks) and total < length:
                total += len(chunks[end])
                end += 1
            if total == length:
                yield _ascii_digits("".join(chunks[start:end]))


def is_citizen_id(digits: str) -> bool:
    """True when ``digits`` is a valid Thai citizen ID (13 digits, check digit, not 0 or 9 first)."""
    return pin.is_valid(_ascii_digits(digits)) if digits.isdecimal() else pin.is_valid(digits)


def is_juristic_number(digits: str) -> bool:
    """True when ``digits`` is a juristic person's registration number (starts with 0)."""
    return moa.is_valid(_ascii_digits(digits)) if digits.isdecimal() else moa.is_valid(digits)


def find_citizen_ids(text: str) -> list[str]:
    """Every valid citizen ID in ``text``, in any form (see the module docstring), as 13 ASCII digits."""
    if not text or not _DIGITS.search(text):
        return []
    return list(dict.fromkeys(d for d in _stretches(text, 13) if pin.is_valid(d)))


_MOBILE = re.compile(r"(?:0|66)[689]\d{8}")


def find_phone_numbers(text: str) -> list[str]:
    """Every Thai mobile phone number in ``text`` (``08x``, ``+66 8x``, any grouping), as ``0`` and 9 digits."""
    if not text or not _DIGITS.search(text):
        return []
    found = [d for n in (10, 11) for d in _stretches(text, n) if _MOBILE.fullmatch(d)]
    return list(dict.fromkeys("0" + d[-9:] for d in found))


def mask_citizen_id(digits: str) -> str:
    """A citizen ID as a message may show it: first and last digit only."""
    return f"{digits[:1]}-XXXX-XXXXX-XX-{digits[-1:]}"


def mask_phone_number(digits: str) -> str:
    """A phone number as a message may show it: the first three digits only."""
    return digits[:3] + "XXXXXXX"
