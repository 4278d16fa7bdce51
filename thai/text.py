"""Thai-aware normalisation of cell text, so that the same name typed twice matches.

Example
-------
>>> from abegraph.thai.text import clean, match_key
>>> clean("  สพป.ขอนแก่น\u200b  เขต ๑ ")
'สพป.ขอนแก่น เขต 1'
>>> match_key("สพป. ขอนแก่น เขต 1") == match_key("สพป.ขอนแก่น เขต ๑")
True
>>> match_key("ESAO KK1.") == match_key("esao kk1")
True
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["clean", "match_key", "is_thai", "THAI_DIGITS"]

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
_NIKHAHIT_AA = re.compile("\u0e4d\u0e32")  # sara am typed as nikhahit + sara aa
_PUNCT_FOR_MATCH = re.compile(r"[.\u0e2f,'\"()\[\]{}]")  # full stops, paiyannoi, quotes, brackets
_SPACE_AROUND_SLASH = re.compile(r"\s*/\s*")
_DOUBLED_SARA_E = re.compile("\u0e40\u0e40")  # sara ae typed as two sara e (เเ for แ)


def clean(value: object) -> str:
    """Text as it should be stored: NFC, sara am composed, no zero-width characters,
    Arabic digits, single inner spaces, no surrounding spaces."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _NIKHAHIT_AA.sub("\u0e33", text.translate(_INVISIBLE)).translate(THAI_DIGITS)
    return _SPACES.sub(" ", text).strip()


def match_key(value: object) -> str:
    """A key for comparing names: :func:`clean`, case-folded, without full stops,
    brackets or spaces (Thai is written without spaces between words, so
    ``สพป. ขอนแก่น`` and ``สพป.ขอนแก่น`` are the same name), and sara ae typed as two
    sara e written as one letter.

    >>> match_key("ขอนเเก่น") == match_key("ขอนแก่น")
    True
    """
    text = _SPACE_AROUND_SLASH.sub("/", _DOUBLED_SARA_E.sub("\u0e41", clean(value)).casefold())
    return _PUNCT_FOR_MATCH.sub("", text).replace(" ", "")


def is_thai(text: str) -> bool:
    """True when the text contains Thai letters (used to tag a literal ``@th`` or ``@en``)."""
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)
