"""The example notebook examples/haidian_2022.ipynb runs top to bottom, so it can never rot.

It is executed with nbclient in a kernel of the interpreter running this test (through a kernelspec
written to a temporary JUPYTER_PATH), with the haidian under test first on the kernel's import path.
The notebook checks its own numbers with ``assert`` against independent arithmetic; here we check
that every cell ran, that nothing was written to stderr (no warnings, e.g. no missing-glyph
warnings from Chinese labels), and that the plots came out as images.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

import nbformat
import pytest
from nbclient import NotebookClient

import haidian

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "haidian_2022.ipynb"
KERNEL = "haidian-test-kernel"


@pytest.fixture
def kernel_environment(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "haidian test kernel",
        "language": "python",
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # no platformdirs migration warning
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    # Build matplotlib's font cache here, in the shared default place, so the kernel finds it and
    # never logs "Matplotlib is building the font cache" to the notebook's stderr.
    import matplotlib.font_manager  # noqa: F401

    package_parent = str(pathlib.Path(haidian.__file__).resolve().parent.parent)
    existing = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([package_parent] + existing))
    workdir = tmp_path / "work"
    workdir.mkdir()
    return workdir


def test_notebook_is_stored_without_outputs() -> None:
    # Outputs are produced by running it; stored outputs would go stale and bloat diffs.
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(code) >= 10
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_notebook_executes_top_to_bottom(kernel_environment: pathlib.Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, kernel_name=KERNEL, timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(kernel_environment)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)
    stderr = [output.get("text", "") for cell in code for output in cell.outputs
              if output.get("output_type") == "stream" and output.get("name") == "stderr"]
    assert stderr == [], "the notebook wrote to stderr:\n" + "\n".join(stderr)
    images = [output for cell in code for output in cell.outputs
              if "image/png" in output.get("data", {})]
    assert len(images) >= 4  # level and growth; Tapio; waterfall with effects over time; fixed base
    html = [output for cell in code for output in cell.outputs if "text/html" in output.get("data", {})]
    assert html  # results and tables display as HTML
