"""Find personal identifiers in cells: the graph holds metadata, never records about children.

A Thai citizen ID is 13 digits whose last digit is a check digit:
``(11 - sum(d[i] * (13 - i) for i in 0..11) % 11) % 10``.

Example
-------
>>> from abegraph.thai.personal import find_citizen_ids, find_phone_numbers
>>> find_citizen_ids("ID 1-1014-00000-00-1 is not valid")
[]
>>> find_citizen_ids("เลขบัตร 3 4001 00123 45 8")
['3400100123458']
>>> find_phone_numbers("โทร 081-234-5678")
['0812345678']
"""
from __future__ import annotations

import re

__all__ = ["is_citizen_id", "find_citizen_ids", "find_phone_numbers"]

# 13 digits, optionally grouped 1-4-5-2-1 with dashes or spaces (the printed form)
_CID = re.compile(r"(?<![\d])(\d)[- ]?(\d{4})[- ]?(\d{5})[- ]?(\d{2})[- ]?(\d)(?![\d])")
# Thai mobile numbers: 06/08/09 then 8 digits, optionally +66 and separators
_MOBILE = re.compile(r"(?<![\d])(?:\+?66[- ]?|0)([689])(\d)[- ]?(\d{3})[- ]?(\d{4})(?![\d])")


def is_citizen_id(digits: str) -> bool:
    """True when ``digits`` is 13 digits with a valid Thai citizen-ID check digit."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def find_citizen_ids(text: str) -> list[str]:
    """Every valid citizen ID in ``text``, as 13 plain digits."""
    found = ("".join(m.groups()) for m in _CID.finditer(text))
    return [digits for digits in found if is_citizen_id(digits)]


def find_phone_numbers(text: str) -> list[str]:
    """Every Thai mobile phone number in ``text``, as ``0`` followed by 9 digits."""
    return ["0" + "".join(m.groups()) for m in _MOBILE.finditer(text)]
