"""Saved competency questions: named SPARQL queries with Thai and English descriptions.

Each ``queries/NAME.rq`` file starts with comment lines ``# title_en:``, ``# title_th:``,
``# about_en:``, ``# about_th:``, ``# headings_th:`` (the Thai column headings) and holds a standard SPARQL 1.1 query that any client can
run. Labels come out in the language of the line ``VALUES ?lang { "en" }``, which
:func:`sparql_for` switches.

Example
-------
>>> from abegraph.graph.questions import questions, get_question
>>> len(questions()) >= 12
True
>>> q = get_question("root-causes")
>>> q.title("th")
'สาเหตุราก และจำนวนประเด็นที่แต่ละสาเหตุส่งผลถึง'
>>> 'VALUES ?lang { "th" }' in q.sparql_for("th")
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..exceptions import NotFound

__all__ = ["Question", "questions", "get_question", "QUERY_DIR"]

QUERY_DIR = Path(__file__).parent / "queries"
_LANG_LINE = 'VALUES ?lang { "en" }'


@dataclass(frozen=True)
class Question:
    name: str
    sparql: str
    meta: dict

    def title(self, lang: str = "en") -> str:
        return self.meta.get(f"title_{lang}", self.meta.get("title_en", self.name))

    def about(self, lang: str = "en") -> str:
        return self.meta.get(f"about_{lang}", self.meta.get("about_en", ""))

    def headings(self, lang: str = "en") -> dict[str, str]:
        """Result variable -> its column heading in ``lang`` (``# headings_th: var=heading, ...``);
        empty for English, where the variables are the headings.

        >>> get_question("root-causes").headings("th")["issuesReached"]
        'จำนวนประเด็นที่ส่งผลถึง'
        """
        line = self.meta.get(f"headings_{lang}", "")
        pairs = (part.split("=", 1) for part in line.split(",") if "=" in part)
        return {var.strip(): text.strip() for var, text in pairs}

    def sparql_for(self, lang: str = "en") -> str:
        """The query with labels in ``lang`` (``en`` or ``th``)."""
        return self.sparql.replace(_LANG_LINE, f'VALUES ?lang {{ "{lang}" }}')


@lru_cache(maxsize=1)
def questions() -> dict[str, Question]:
    """Every saved question by name, sorted by name."""
    found = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        meta = {}
        for line in text.splitlines():
            if line.startswith("# ") and ":" in line:
                key, _, value = line[2:].partition(":")
                meta[key.strip()] = value.strip()
        found[path.stem] = Question(path.stem, text, meta)
    return found


def get_question(name: str) -> Question:
    """The saved question ``name``; raises :class:`NotFound` naming the known ones."""
    try:
        return questions()[name]
    except KeyError:
        known = ", ".join(questions())
        raise NotFound(f"no saved question named {name!r}; known: {known}") from None
