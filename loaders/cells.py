"""How the text of one cell reads as a value: an amount of baht, a web address.

People type amounts as ``1,500,000``, ``250000.50`` or ``12 500``. Anything else is refused
with the reason, never read as some other number: an exponent (``1e400`` would turn every
budget total it touches into infinity), more digits than any budget has (10,000 nines), or
the European decimal comma (``1.000,50`` would read as 1.0005 once its comma was dropped).

Example
-------
>>> from abegraph.loaders.cells import read_amount, web_address
>>> read_amount("1,500,000.50")
(Decimal('1500000.50'), None)
>>> [read_amount(t)[1] for t in ("1e400", "9" * 10_000, "1.000,50", "1,50", "สองแสน")]
['number_exponent', 'number_too_large', 'decimal_comma', 'decimal_comma', 'not_a_number']
>>> web_address('https://example.org/a"b').value
'https://example.org/a%22b'
"""
from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox

__all__ = ["read_amount", "web_address", "MAX_AMOUNT"]

#: an amount as people write one: digits, with commas between groups of three, and a decimal point
_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
#: what the European way of writing looks like: points between thousands, or a decimal comma
_EUROPEAN = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d+|-?\d{1,3}(?:\.\d{3}){2,}|-?\d+,\d{1,2}")
_EXPONENT = re.compile(r"-?[\d.,]*\d[eE][+-]?\d+")
#: the largest amount read (a thousand trillion baht, far beyond a country's yearly budget): a
#: digit string beyond it is a typing slip, and would overflow the sums of the analyses
MAX_AMOUNT = Decimal(10) ** 15
_IRI_FORBIDDEN = re.compile(r'[<>"{}|\\^`\x00-\x20\x7f]')


def read_amount(text: str) -> tuple[Decimal | None, str | None]:
    """``(amount, None)`` for an amount of baht as written in a cell, or ``(None, code)`` with
    the :mod:`~abegraph.loaders.problems` code saying why it is not one: ``number_exponent``,
    ``number_too_large``, ``decimal_comma`` or ``not_a_number``.

    >>> read_amount("1,500,000"), read_amount(" 12 500 "), read_amount("-5")
    ((Decimal('1500000'), None), (Decimal('12500'), None), (Decimal('-5'), None))
    >>> read_amount("1.500.000"), read_amount("1" + "0" * 15)
    ((None, 'decimal_comma'), (None, 'number_too_large'))
    """
    text = text.replace(" ", "").replace("\u00a0", "")
    if text.lstrip("+-") == "∞":  # a number cell beyond what a spreadsheet holds (1E+400)
        return None, "number_too_large"
    if _EXPONENT.fullmatch(text):
        return None, "number_exponent"
    if _AMOUNT.fullmatch(text):
        if len(text.split(".")[0].replace(",", "").lstrip("-")) > 15:
            return None, "number_too_large"
        amount = Decimal(text.replace(",", ""))
        return (amount, None) if abs(amount) < MAX_AMOUNT else (None, "number_too_large")
    if _EUROPEAN.fullmatch(text):
        return None, "decimal_comma"
    return None, "not_a_number"


def web_address(text: str) -> ox.NamedNode | None:
    """A web address as an IRI, the characters IRIs forbid (``"`` ``<`` ``>`` ``{`` ...) percent-encoded
    as a browser would; None when it is not an http(s) address.

    >>> web_address('https://example.org/a"b<c>{d}').value
    'https://example.org/a%22b%3Cc%3E%7Bd%7D'
    >>> web_address("www.example.org"), web_address("https://exa mple.org/")
    (None, None)
    """
    if not text.lower().startswith(("http://", "https://")) or " " in text:
        return None
    iri = _IRI_FORBIDDEN.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None
