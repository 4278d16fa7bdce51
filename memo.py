"""Remembering the answers of pure functions of a text, for short texts only.

Users and clients send the same short texts again and again (a workbook's types and agency
names, a script's query, a browser's Accept header), so their answers are worth keeping; a long
text is rare and would make the cache large, so it is computed each time. The memory a cache
holds is then at most ``maxsize`` entries of at most ``longest`` characters, whatever comes in.

Example
-------
>>> from abegraph.memo import remember_short
>>> @remember_short(maxsize=128, longest=10)
... def shout(text: str) -> str:
...     return text.upper()
>>> shout("ขอนแก่น ok"), shout("x" * 11) == "X" * 11, shout.cache_info().currsize
('ขอนแก่น OK', True, 1)
"""
from __future__ import annotations

import functools

__all__ = ["remember_short"]


def remember_short(maxsize: int, longest: int):
    """Decorate ``function(text, ...)`` (a pure function; its other arguments hashable) with an LRU cache
    of ``maxsize`` answers, used when ``len(text) <= longest``. Exceptions are not remembered."""
    def decorate(function):
        cached = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text, *args, **kwargs):
            return cached(text, *args, **kwargs) if len(text) <= longest else function(text, *args, **kwargs)

        call.cache_info, call.cache_clear = cached.cache_info, cached.cache_clear
        return call
    return decorate
