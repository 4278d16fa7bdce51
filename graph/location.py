"""Open the store a location names: a folder, memory, or a SPARQL endpoint.

Example
-------
>>> from abegraph.graph.location import open_store
>>> type(open_store(None)).__name__
'Store'

An ``http(s)://`` address opens a :class:`~abegraph.graph.remote.RemoteStore` (which asks the
server what it is at once).
"""
from __future__ import annotations

from pathlib import Path

from .remote import RemoteStore, is_remote
from .store import Store

__all__ = ["open_store"]


def open_store(location: str | Path | None = None, *, must_exist: bool = False, wait: float = 10.0,
               shared: bool = False, on_wait=None):
    """A :class:`~abegraph.graph.store.Store` on disk or in memory (``None``), or a
    :class:`~abegraph.graph.remote.RemoteStore` for an ``http(s)://`` SPARQL endpoint."""
    if is_remote(location):
        return RemoteStore(str(location))
    return Store.open(location, must_exist=must_exist, wait=wait, shared=shared, on_wait=on_wait)
