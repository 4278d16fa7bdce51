"""Network maps and the planning atlas: self-contained, offline HTML pages.

* :func:`build_map` / :func:`store_map` -> :class:`Map` (``.html()``, ``.write(path)``, and
  inline display in notebooks), one view of the network: ``agencies``, ``resources``,
  ``issues``, ``datasets``, ``everything`` (:data:`VIEWS`).
* :func:`build_report` / :func:`write_report`: the atlas, every view with the analysis tables.

The renderer is vis-network (the build pyvis ships), inlined; positions are computed in Python.
"""
from .maps import Map, build_map, filters_caption, store_map
from .payload import GROUP_ABOVE
from .report import build_report, write_report
from .views import VIEWS, resolve_view, view_graph

__all__ = ["Map", "build_map", "store_map", "filters_caption", "build_report", "write_report", "VIEWS",
           "GROUP_ABOVE", "resolve_view", "view_graph"]
