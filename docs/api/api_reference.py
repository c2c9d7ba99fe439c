"""Sphinx extension: the ``haidian-api`` directive writes the Python API reference from ``__all__``.

One section per public module (its docstring, a summary table, then each name it owns with autodoc),
so a name added to, moved between or removed from an ``__all__`` changes the page with no edit here.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from public_api import entries, public_modules

DIRECTIVES = {"class": "autoclass", "exception": "autoexception", "function": "autofunction",
              "data": "autodata"}


def reference_lines() -> list[str]:
    owned = entries()
    lines: list[str] = []
    for module in public_modules():
        name = module.__name__
        lines += [name, "-" * len(name), "", f".. automodule:: {name}", "   :no-members:", ""]
        listed = [e for e in owned if e.module == name]
        # Names the module re-exports from where they are documented (haidian.Series, ...).
        elsewhere = [n for n in getattr(module, "__all__", ())
                     if not any(e.module == name and e.name == n for e in owned)]
        if elsewhere:
            lines += [f"Also in ``{name}``: " + ", ".join(
                _reference(module, n, owned) for n in elsewhere) + ".", ""]
        if listed:
            lines += [".. autosummary::", ""] + [f"   {e.name}" for e in listed] + [""]
        for entry in listed:
            lines += [f".. {DIRECTIVES[entry.kind]}:: {entry.path}"]
            if entry.kind in ("class", "exception"):
                lines += ["   :members:"]
            lines += [""]
    return lines


def _reference(module, name: str, owned) -> str:
    value = getattr(module, name)
    for entry in owned:
        if entry.value is value and entry.name == name:
            role = {"data": "data", "function": "func"}.get(entry.kind, "class")
            return f":{role}:`{name} <{entry.path}>`"
    return f":mod:`{value.__name__}`" if hasattr(value, "__path__") or hasattr(value, "__file__") \
        else f"``{name}``"


class HaidianApi(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(reference_lines(), "<haidian-api>"), container)
        return container.children


def setup(app):
    app.add_directive("haidian-api", HaidianApi)
    return {"parallel_read_safe": True}
