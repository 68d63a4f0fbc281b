"""The walkthroughs in notebooks/: committed clean, and each runs from a fresh kernel.

Every notebook is executed with nbclient in a new ``python3`` kernel of this environment
(jupyter_client starts the kernel with the interpreter running the tests; a first cell,
added here only, checks that), from the notebooks' folder as a reader would run them, with
matplotlib on Agg and the notebooks' files written to a temporary folder. A cell that
raises fails the test.
"""

from __future__ import annotations

import sys

import nbformat
import pytest
from conftest import REPO_ROOT
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = REPO_ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = {"01_from_articles_to_graph.ipynb", "02_sparql.ipynb", "03_networks.ipynb",
            "04_news_vs_sipri.ipynb"}
MAX_BYTES = 1_000_000
CELL_TIMEOUT = 300  # seconds, per cell

# run first in the kernel: the kernel is this environment's Python, not another one
KERNEL_CHECK = f"""\
import sys
assert sys.prefix == {sys.prefix!r}, f"the kernel runs {{sys.executable}}, not this environment"
"""


def test_the_walkthroughs_are_there():
    assert {p.name for p in PATHS} >= EXPECTED, sorted(p.name for p in PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_and_under_1_mb(path):
    assert path.stat().st_size < MAX_BYTES, f"{path.name}: {path.stat().st_size:,} bytes"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty} before committing"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebook_runs_from_a_clean_kernel(path, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("ARMSGRAPH_NOTEBOOK_OUT", str(tmp_path))
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(KERNEL_CHECK))
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name}: a cell failed\n{exc}", pytrace=False)

    errors = [out for cell in nb.cells for out in cell.get("outputs", [])
              if out.get("output_type") == "error"]
    assert not errors, errors
    ran = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in ran), "some cells did not run"
    assert any(tmp_path.iterdir()), "the notebook wrote nothing to ARMSGRAPH_NOTEBOOK_OUT"
