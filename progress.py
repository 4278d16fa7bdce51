"""How long work tells its caller how far it has got.

Long work (loading files, running the analyses, drawing a map, writing the atlas) takes a
``progress`` callable and calls it as ``progress(step, done, total)`` before each step, with a
short English ``step`` name from :data:`STEPS`, optionally followed by a detail (``"reading
FILE"``, ``"analysis: TITLE"``; work that knows the reader's language writes the title in it).
The caller decides what to show (the command line draws click's progress bar, in Thai or
English); the default says nothing.

Example
-------
>>> from abegraph.progress import quiet, step_text
>>> quiet("reading the network", 0, 3) is None
True
>>> step_text("reading table1.xlsx", "th"), step_text("map: Agencies", "en")
('กำลังอ่าน table1.xlsx', 'map: Agencies')
"""
from __future__ import annotations

from collections.abc import Callable

__all__ = ["Progress", "quiet", "STEPS", "step_text"]

#: ``progress(step, done, total)``
Progress = Callable[[str, int, int], None]

#: every step name long work reports, with its Thai words
STEPS = {
    "reading": "กำลังอ่าน",
    "checking rows": "กำลังตรวจแถว",
    "validating the graph (SHACL)": "กำลังตรวจกราฟ (SHACL)",
    "checked": "ตรวจเสร็จ",
    "writing to the store": "กำลังบันทึกลงฐานข้อมูล",
    "reading the network": "กำลังอ่านเครือข่าย",
    "analysis": "วิเคราะห์",
    "map": "แผนที่",
    "tables": "ตาราง",
    "done": "เสร็จ",
}


def quiet(step: str, done: int, total: int) -> None:
    """The default ``progress``: says nothing."""


def step_text(step: str, lang: str = "en") -> str:
    """A step's words in ``lang``: the name (or the part before ``": "`` or ``" "``) from
    :data:`STEPS`, then its detail (a file, an analysis, a view) unchanged."""
    if lang != "th":
        return step
    if step in STEPS:
        return STEPS[step]
    for separator in (": ", " "):
        name, _, detail = step.partition(separator)
        if detail and name in STEPS:
            return f"{STEPS[name]}{separator}{detail}"
    return step
