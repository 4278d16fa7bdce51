"""Find personal identifiers in text: the graph holds metadata, never records about children.

A Thai citizen ID (PIN) is 13 digits whose last digit is a check digit and whose first digit
is never 0 or 9 (:mod:`stdnum.th.pin`). A juristic person's registration number (a
foundation, a company: :mod:`stdnum.th.moa`) has the same length and check digit but starts
with 0: it is public, and loads.

People hide the digits in every way a keyboard allows, and the graph must not hold them in
any: grouped by spaces (no-break, double, tabs, line breaks), dots, slashes, dashes of any
kind or `` - ``; with zero-width spaces, soft hyphens or combining marks inside; in Thai
or other Unicode digits. :func:`find_personal` reads each run of digits joined by at most three
separator characters (invisible characters anywhere), and tries every stretch of whole groups
that makes 13 digits (``3 4001 00123 45 8`` and ``3400100123458 1`` hold one;
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

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache
from types import SimpleNamespace

__all__ = ["is_citizen_id", "is_juristic_number", "find_citizen_ids", "find_phone_numbers", "mask_citizen_id",
           "mask_phone_number", "find_personal", "INVISIBLE"]

#: Characters that show nothing between two digits: format characters (zero-width space and
#: joiners, soft hyphen, word joiner, byte-order mark, direction marks), variation selectors and
#: combining marks (accents, Thai vowel and tone marks); as the inside of a regular-expression class.
INVISIBLE = ("\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f"
             "\u0300-\u036f\u20d0-\u20ff\ufe20-\ufe2f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e")
_SEPARATOR = r"\s./\\\-_\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d\uff0e\uff0f"
# any Unicode decimal digit (re's \d: Thai, Arabic-Indic, full-width ...), invisible characters
# anywhere, groups of at least 10 digits (a phone number) joined by up to three separators
_GROUP = re.compile(rf"\d(?:[{INVISIBLE}]*(?:[{_SEPARATOR}][{INVISIBLE}]*){{0,3}}\d){{9,}}")
_CHUNK = re.compile(rf"\d(?:[{INVISIBLE}]*\d)*")
# a quick first pass (one character class, no backtracking): where such a group may be
_RUN = re.compile(rf"\d[\d{_SEPARATOR}{INVISIBLE}]{{9,}}+")
_NOT_DIGIT = re.compile(r"\D+")
_HAS_DIGIT = re.compile(r"\d")
_MOBILE = re.compile(r"(?:0|66)[689]\d{8}")
_BATCH = 10_000


@cache
def _stdnum():
    """python-stdnum's Thai numbers, imported when a number of their length is first met: every
    load scans its texts, and the import (14 ms) is a tenth of what a load of triples adds to the
    bulk load."""
    from stdnum.th import moa, pin

    return SimpleNamespace(pin=pin, moa=moa)


def _ascii_digits(text: str) -> str:
    if text.isascii():
        return text
    return "".join(str(int(ch)) for ch in text)  # int() reads any Unicode decimal digit


def _stretches(chunks: list[str], length: int):
    """Every stretch of whole digit groups that makes ``length`` digits."""
    for start in range(len(chunks)):
        total, end = 0, start
        while end < len(chunks) and total < length:
            total += len(chunks[end])
            end += 1
        if total == length:
            yield "".join(chunks[start:end])


def _found_in(group: str):
    chunks = [_ascii_digits(_NOT_DIGIT.sub("", c)) for c in _CHUNK.findall(group)]
    for digits in _stretches(chunks, 13):
        if _stdnum().pin.is_valid(digits):
            yield "citizen_id", digits
    for length in (10, 11):
        for digits in _stretches(chunks, length):
            if _MOBILE.fullmatch(digits):
                yield "phone_number", "0" + digits[-9:]


def find_personal(texts: Iterable[str]) -> Iterator[tuple[int, str, str]]:
    """``(index, kind, digits)`` for every citizen ID (kind ``citizen_id``) and mobile phone
    number (``phone_number``) in the texts, once per text; ``index`` counts the texts from 0.

    Texts are searched in batches joined into one string, one regular-expression pass each,
    so that millions of RDF literals are scanned quickly.

    >>> list(find_personal(["none", "โทร 081 234 5678", "3400100123458 / 3-4001-00123-45-8"]))
    [(1, 'phone_number', '0812345678'), (2, 'citizen_id', '3400100123458')]
    """
    iterator = iter(texts)
    base = 0
    while True:
        batch = list(itertools.islice(iterator, _BATCH))
        if not batch:
            return
        joined = "\x00".join(batch)
        if _HAS_DIGIT.search(joined):
            ends = list(itertools.accumulate(len(t) + 1 for t in batch))
            seen = set()
            for run in _RUN.finditer(joined):
                index = bisect.bisect_right(ends, run.start())
                for group in _GROUP.findall(run.group()):
                    for kind, digits in _found_in(group):
                        if (index, digits) not in seen:
                            seen.add((index, digits))
                            yield base + index, kind, digits
        base += len(batch)


def is_citizen_id(digits: str) -> bool:
    """True when ``digits`` is a valid Thai citizen ID (13 digits, check digit, not 0 or 9 first)."""
    return _stdnum().pin.is_valid(_ascii_digits(digits) if digits.isdecimal() else digits)


def is_juristic_number(digits: str) -> bool:
    """True when ``digits`` is a juristic person's registration number (starts with 0)."""
    return _stdnum().moa.is_valid(_ascii_digits(digits) if digits.isdecimal() else digits)


def find_citizen_ids(text: str) -> list[str]:
    """Every valid citizen ID in ``text``, in any form (see the module docstring), as 13 ASCII digits."""
    return [digits for _, kind, digits in find_personal([text]) if kind == "citizen_id"]


def find_phone_numbers(text: str) -> list[str]:
    """Every Thai mobile phone number in ``text`` (``08x``, ``+66 8x``, any grouping), as ``0`` and 9 digits."""
    return [digits for _, kind, digits in find_personal([text]) if kind == "phone_number"]


def mask_citizen_id(digits: str) -> str:
    """A citizen ID as a message may show it: first and last digit only."""
    return f"{digits[:1]}-XXXX-XXXXX-XX-{digits[-1:]}"


def mask_phone_number(digits: str) -> str:
    """A phone number as a message may show it: the first three digits only."""
    return digits[:3] + "XXXXXXX"
