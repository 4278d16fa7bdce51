"""The example notebooks run from top to bottom and show what they say they show."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    text = "\n".join(str(out.get("data", {}).get("text/plain", "")) for out in outputs)
    html = "\n".join(str(out.get("data", {}).get("text/html", "")) for out in outputs)
    assert "'agencies': 33" in text  # the demo's stats
    assert "vis-network" in html or "vis.Network" in html  # the map shows inline
    assert "Data and information" in text  # the SPARQL answer
