"""Run every docstring example of the installed package as a test.

The repository root is the package itself (``package_dir = abegraph = .``), so pytest's
``--doctest-modules`` would import the files under the checkout folder's name; importing
them as ``abegraph.*`` here works wherever the checkout lives.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import abegraph

SKIP = ("abegraph.bench", "abegraph.tests", "abegraph.cli")  # cli's example runs in test_cli


def _modules():
    names = ["abegraph"]
    for info in pkgutil.walk_packages(abegraph.__path__, "abegraph."):
        if not info.name.startswith(SKIP) and not info.name.endswith("__main__"):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name, demo_store, demo_store_path):
    """Examples may use ``demo_store`` (an in-memory store holding the Khon Kaen demo) and
    ``store_path`` (a closed store folder holding it)."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={"demo_store": demo_store, "store_path": demo_store_path},
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_every_public_module_has_an_example():
    missing = []
    for name in _modules():
        module = importlib.import_module(name)
        if not getattr(module, "__path__", None) and ">>>" not in (module.__doc__ or ""):
            missing.append(name)
    assert not missing, f"modules without an Example in their docstring: {missing}"
