"""The docstrings' examples: every public name has an Examples section, and every example runs.

The doctests run against the installed package (the one every other test imports): each module of
haidian, the compiled ``haidian._core`` included, through ``doctest``'s finder, and the docstrings
of module constants (a string right after the assignment, which the API reference shows). The list
of public names is the one the API reference is written from (docs/api/public_api.py).
"""

from __future__ import annotations

import doctest
import importlib
import pathlib
import pkgutil
import re
import sys

import numpy as np
import pandas as pd
import pytest

import haidian

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "docs" / "api"))
import public_api  # noqa: E402

EXAMPLES = re.compile(r"^Examples\n--------\n(?:.*\n)*?\s*>>> ", re.MULTILINE)


def _modules() -> list:
    names = ["haidian"] + [m.name for m in pkgutil.walk_packages(haidian.__path__, "haidian.")
                           if not m.name.endswith("__main__")]
    return [importlib.import_module(name) for name in names]


def _doctests() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder()
    found = [test for module in _modules() for test in finder.find(module) if test.examples]
    parser = doctest.DocTestParser()
    for entry in public_api.entries():
        if entry.kind == "data":
            text = public_api.docstring(entry)
            found.append(parser.get_doctest(text, {}, entry.path, None, 0))
    return sorted((t for t in found if t.examples), key=lambda t: t.name)


@pytest.fixture
def print_options():
    """Doctest output does not depend on the terminal or on settings an earlier test changed."""
    with np.printoptions(precision=8, linewidth=100, suppress=False), \
            pd.option_context("display.width", 100, "display.max_columns", 20, "display.precision", 6):
        yield


DOCTESTS = _doctests()


@pytest.mark.parametrize("test", DOCTESTS, ids=[t.name for t in DOCTESTS])
def test_docstring_examples_run(test: doctest.DocTest, print_options) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.REPORT_NDIFF)
    output: list[str] = []
    result = runner.run(test, out=output.append)
    assert result.failed == 0, "".join(output)


def _public() -> list[tuple[str, str]]:
    modules = [(m.__name__, m.__doc__ or "") for m in public_api.public_modules()]
    names = [(e.path, public_api.docstring(e)) for e in public_api.entries()]
    return modules + names


@pytest.mark.parametrize(("name", "doc"), _public(), ids=[name for name, _ in _public()])
def test_public_name_has_examples_section(name: str, doc: str) -> None:
    import inspect

    assert EXAMPLES.search(inspect.cleandoc(doc) + "\n"), \
        f"{name}: its docstring has no numpydoc Examples section with a >>> line"


def test_public_names_include_every_all_entry() -> None:
    """The list the two tests above use covers every name in every public __all__."""
    documented = {id(e.value) for e in public_api.entries()}
    for module in public_api.public_modules():
        for name in module.__all__:
            value = getattr(module, name)
            assert id(value) in documented or value in public_api.public_modules(), \
                f"{module.__name__}.{name} is public but not in the reference"


def test_doctests_cover_the_compiled_core() -> None:
    """The names haidian re-exports from _core are among the doctests, so their examples run."""
    core = {f"haidian._core.{name}" for name in ("Unit", "PriceBasis", "UnitError", "set_simd",
                                                 "simd_limit", "simd_name")}
    assert core <= {t.name for t in DOCTESTS}, sorted(core - {t.name for t in DOCTESTS})
