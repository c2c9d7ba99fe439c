"""Sphinx configuration: the user guide (docs/*.md, MyST), the API reference from the docstrings
(numpydoc) and the C++ reference Doxygen writes to build/api/html.

Build from the repository root: ``sphinx-build -W --keep-going -b html docs build/docs/html``
(``bash scripts/test.sh`` runs it in its docs step, after Doxygen).
"""

from __future__ import annotations

import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "api"))  # the api_reference extension

import haidian  # noqa: E402  (the installed package, or PYTHONPATH=python)

project = "haidian"
author = "haidian contributors"
release = version = haidian.__version__

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "api_reference",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Doxyfile", "cpp/api_mainpage.md"]  # the main page is Doxygen's own
language = "en"

myst_heading_anchors = 3  # the pages link to each other's sections by GitHub's anchors
myst_enable_extensions = ["dollarmath"]

autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc Parameters sections give the types
autosummary_generate = False  # one page, written by api_reference from the modules' __all__
numpydoc_show_class_members = False  # members come from autoclass :members:
numpydoc_class_members_toctree = False

html_theme = "alabaster"
html_title = f"haidian {release}"

# The C++ reference: Doxygen's HTML (the docs step runs `doxygen docs/Doxyfile` first) is copied
# under cpp-api/ of the site, where docs/cpp/reference.md links to it.
DOXYGEN_HTML = ROOT / "build" / "api" / "html"


def _copy_doxygen(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        if not DOXYGEN_HTML.is_dir():
            raise RuntimeError(f"no Doxygen HTML in {DOXYGEN_HTML}: run `doxygen docs/Doxyfile` first")
        shutil.copytree(DOXYGEN_HTML, pathlib.Path(app.outdir) / "cpp-api", dirs_exist_ok=True)


def setup(app) -> None:
    app.connect("build-finished", _copy_doxygen)
