"""Thai-aware normalisation of cell text, so that the same name typed twice matches.

:func:`clean` is the one place where typed text becomes stored text, and every name key,
reference and match goes through it (:func:`match_key`, :mod:`abegraph.thai.names`). Besides
Unicode NFC, zero-width characters, Thai digits and spacing, it applies PyThaiNLP's Thai
typing rules (:func:`pythainlp.util.normalize`): ``เเ`` (two sara e) typed for ``แ``, a tone
mark typed before its vowel (``ท่ี`` for ``ที่``), nikhahit + sara aa for sara am, a follow
vowel before its tone mark, lakkhangyao for sara aa, repeated vowels and tone marks, a mark
left dangling after a space.

PyThaiNLP's rules are about 30 regular expressions run one after the other: 116 µs a cell
against 9 µs for the rest of :func:`clean` (112,000 demo cells: 13.0 s against 1.0 s), and
importing ``pythainlp.util`` takes 0.28 s. So :func:`clean` first asks one compiled pattern,
:data:`NEEDS_THAI_RULES`, whether any of those rules could change the text, and only then
calls PyThaiNLP (imported on first use). The pattern matches wherever one of the rules
would; ``tests/test_thai_text.py`` checks that against PyThaiNLP itself on random Thai text.

Example
-------
>>> from abegraph.thai.text import clean, match_key
>>> clean("  สพป.ขอนแก่น\u200b  เขต ๑ ")
'สพป.ขอนแก่น เขต 1'
>>> match_key("สพป. ขอนแก่น เขต 1") == match_key("สพป.ขอนแก่น เขต ๑")
True
>>> match_key("ESAO KK1.") == match_key("esao kk1")
True
>>> clean("โรงเรียนเเม่จริม") == "โรงเรียนแม่จริม"    # two sara e for sara ae
True
>>> clean("ท\u0e48\u0e35") == "ที่"                    # tone mark typed before the vowel
True
"""
from __future__ import annotations

import re
import unicodedata

from abegraph.memo import remember_short

__all__ = ["clean", "match_key", "is_thai", "THAI_DIGITS", "NEEDS_THAI_RULES"]

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
_PUNCT_FOR_MATCH = re.compile(r"[.\u0e2f,'\"()\[\]{}]")  # full stops, paiyannoi, quotes, brackets
_SPACE_AROUND_SLASH = re.compile(r"\s*/\s*")
_DOUBLED_SARA_E = re.compile("\u0e40\u0e40")
_THAI_LETTER = re.compile("[\u0e00-\u0e7f]")  # sara ae typed as two sara e (เเ for แ)

# The character classes of pythainlp.util.normalize (pythainlp/__init__.py, util/normalize.py)
_ABOVE, _BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47", "\u0e38\u0e39"
_TONES, _FOLLOW, _LEAD = "\u0e48\u0e49\u0e4a\u0e4b", "\u0e30\u0e32\u0e33\u0e45", "\u0e40\u0e41\u0e42\u0e43\u0e44"
_DANGLING = _ABOVE + _BELOW + _TONES + "\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = _FOLLOW + _LEAD + _ABOVE + _BELOW + "\u0e3a\u0e4c\u0e4d\u0e4e"
#: Text that one of PyThaiNLP's rules would change, once :func:`clean` has removed zero-width
#: characters and runs of spaces: dangling marks (at the start or after a space), sara e
#: twice, a tone mark or thanthakhat before an above/below vowel, nikhahit, a follow vowel
#: before a tone mark, lakkhangyao, a vowel or sign repeated (spaces between), tone marks in a row.
NEEDS_THAI_RULES = re.compile(
    f"(?=[{_DANGLING} \u0e40{_TONES}\u0e4c{_FOLLOW}{_NO_REPEAT}])"  # one class first: half the time
    f"(?:(?:^| )[{_DANGLING}]|\u0e40\u0e40|[{_TONES}\u0e4c][{_ABOVE}{_BELOW}]|\u0e4d|[{_FOLLOW}][{_TONES}]|\u0e45"
    f"|([{_NO_REPEAT}]) *\\1|[{_TONES}]{{2}})")


def _thai_rules(text: str) -> str:
    # imported on first use: pythainlp.util costs 0.28 s to import, and most text never needs it
    from pythainlp.util import normalize

    return normalize(text)


def clean(value: object) -> str:
    """Text as it should be stored: NFC, no zero-width characters, Arabic digits, single
    inner spaces, no surrounding spaces, and Thai typing variants in their standard form
    (see the module docstring)."""
    if value is None:
        return ""
    return _clean_text(str(value))


#: a workbook repeats its words (types, dimensions, agency names): a 10,000-row one asked for
#: 867,000 cleanings of far fewer texts (6.6 s of a 38 s validate, profiled)
@remember_short(maxsize=1 << 16, longest=256)
def _clean_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value).translate(_INVISIBLE).translate(THAI_DIGITS)
    text = _SPACES.sub(" ", text).strip()
    for _ in range(8):  # a rule's output can call for another (ๅๅ -> าๅ -> า): until nothing changes
        if not NEEDS_THAI_RULES.search(text):
            break
        # removing a dangling mark may leave two spaces, or one at the end; NFC again because
        # it orders phinthu before a tone mark, the rules the other way
        text, before = unicodedata.normalize("NFC", _SPACES.sub(" ", _thai_rules(text)).strip()), text
        if text == before:
            break
    return text


def match_key(value: object) -> str:
    """A key for comparing names: :func:`clean`, case-folded, without full stops,
    brackets or spaces (Thai is written without spaces between words, so
    ``สพป. ขอนแก่น`` and ``สพป.ขอนแก่น`` are the same name), and sara ae typed as two
    sara e written as one letter.

    >>> match_key("ขอนเเก่น") == match_key("ขอนแก่น")
    True
    """
    return _match_text(clean(value))


@remember_short(maxsize=1 << 16, longest=256)
def _match_text(text: str) -> str:
    text = _SPACE_AROUND_SLASH.sub("/", _DOUBLED_SARA_E.sub("\u0e41", text).casefold())
    return _PUNCT_FOR_MATCH.sub("", text).replace(" ", "")


def is_thai(text: str) -> bool:
    """True when the text contains Thai letters (used to tag a literal ``@th`` or ``@en``)."""
    return _THAI_LETTER.search(text) is not None
