"""Look at SPARQL text without running it: tokens outside strings, comments and IRIs.

Example
-------
>>> from abegraph.graph.sparql_text import declares_dataset
>>> declares_dataset("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
True
>>> declares_dataset("SELECT * WHERE { ?s ?p 'FROM <urn:g>' }  # FROM <urn:h>")
False
"""
from __future__ import annotations

import re

__all__ = ["tokens", "declares_dataset"]

_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*|[?$]\w+)
  | (?P<other>\S)
''', re.VERBOSE)


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of a SPARQL request, without comments."""
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]


def declares_dataset(text: str) -> bool:
    """True when the query names its own dataset with FROM or FROM NAMED; the union
    default graph must then give way to what it names."""
    return any(kind == "word" and word.upper() == "FROM" for kind, word in tokens(text))
