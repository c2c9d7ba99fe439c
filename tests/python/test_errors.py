"""Each haidian C++ exception arrives in Python as documented: invalid_argument and domain_error as
ValueError, unit_error as haidian.UnitError (a ValueError subclass), type_error as TypeError, each
with the C++ message ("function: what is wrong")."""

from __future__ import annotations

import pytest

import haidian
from haidian import _core


@pytest.mark.parametrize(
    "kind, python_type",
    [
        ("invalid_argument", ValueError),
        ("domain_error", ValueError),
        ("unit_error", haidian.UnitError),
        ("type_error", TypeError),
    ],
)
def test_cpp_exception_arrives_as_documented_python_type(kind: str, python_type: type) -> None:
    with pytest.raises(python_type) as caught:
        _core._raise_error(kind, "argument x is wrong")
    assert type(caught.value) is python_type
    assert str(caught.value) == "_raise_error: argument x is wrong"


def test_unit_error_is_caught_as_value_error() -> None:
    with pytest.raises(ValueError):
        _core._raise_error("unit_error", "units differ")


def test_type_error_is_not_a_value_error() -> None:
    with pytest.raises(TypeError) as caught:
        _core._raise_error("type_error", "not a number")
    assert not isinstance(caught.value, ValueError)


def test_unknown_kind_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match="kind is 'no_such_kind'"):
        _core._raise_error("no_such_kind", "x")
