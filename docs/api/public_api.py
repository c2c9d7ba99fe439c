"""The public API as the reference documents it: every public module (``haidian`` and the modules
its ``__all__`` names, recursively) and every name in their ``__all__``, each under one path.

Shared by the Sphinx extension that writes the API page and by tests/python/test_docs.py, so the page
and the test that every public name has an Examples section follow ``__all__`` as it changes.
"""

from __future__ import annotations

import ast
import inspect
import sys
import types
from dataclasses import dataclass

import haidian


@dataclass(frozen=True)
class Entry:
    """One public object under the path the reference documents it at."""

    module: str  # where it is documented: a public module, or for a constant the one that assigns it
    name: str
    value: object
    kind: str  # "class", "exception", "function" or "data"

    @property
    def path(self) -> str:
        return f"{self.module}.{self.name}"


def public_modules() -> list[types.ModuleType]:
    """haidian, then the modules listed in a public module's ``__all__``, depth first."""
    found: list[types.ModuleType] = []

    def visit(module: types.ModuleType) -> None:
        if module in found:
            return
        found.append(module)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, types.ModuleType) and value.__name__.startswith("haidian."):
                visit(value)

    visit(haidian)
    return found


def _kind(value: object) -> str:
    if inspect.isclass(value):
        return "exception" if issubclass(value, BaseException) else "class"
    return "function" if callable(value) else "data"


def attribute_docstring(module: types.ModuleType, name: str) -> str | None:
    """The string literal right after ``name = ...`` at module level (the docstring autodoc shows)."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError):
        return None
    body = tree.body
    for statement, following in zip(body, body[1:]):
        targets = (statement.targets if isinstance(statement, ast.Assign)
                   else [statement.target] if isinstance(statement, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant) \
                    and isinstance(following.value.value, str):
                return inspect.cleandoc(following.value.value)
            return None
    return None


def _assigning_module(name: str, modules: list[types.ModuleType]) -> types.ModuleType | None:
    loaded = [m for n, m in sorted(sys.modules.items()) if n.startswith("haidian.") and m is not None]
    for module in modules + [m for m in loaded if m not in modules]:
        if attribute_docstring(module, name) is not None:
            return module
    return None


def entries() -> list[Entry]:
    """Every public non-module name once: classes and functions under the first public submodule
    that lists them (else ``haidian``), constants under the module that assigns them."""
    modules = public_modules()
    order = modules[1:] + modules[:1]  # submodules first: haidian.Series is haidian.series.Series
    seen: dict[int, Entry] = {}
    for module in order:
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, types.ModuleType) or id(value) in seen:
                continue
            kind = _kind(value)
            home = module
            if kind == "data":
                home = _assigning_module(name, modules) or module
            seen[id(value)] = Entry(home.__name__, name, value, kind)
    return list(seen.values())


def docstring(entry: Entry) -> str:
    """The docstring the reference shows for an entry ('' when it has none)."""
    if entry.kind == "data":
        return attribute_docstring(sys.modules[entry.module], entry.name) or ""
    return inspect.getdoc(entry.value) or ""
