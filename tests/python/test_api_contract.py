"""The contract every public numeric function keeps, whatever it is given.

For random arguments of every kind an analyst might pass (numbers from 5e-324 to 1e308, zero,
negative, NaN, inf, arrays, pandas Series, strings, None, empty lists):
- the call returns, or raises ValueError or TypeError (haidian.UnitError is a ValueError) with a
  message; never another exception type (RuntimeError, SystemError, IndexError, OverflowError,
  ZeroDivisionError, ...), never a crash;
- a result computed from finite inputs holds no infinity (an overflow must be an error);
- nothing the caller passed in is modified.
"""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import scaled_examples
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian

finite = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-300, 1e300, -1e300, 1.0, -1.0, 0.035, -0.03, 3.5, 106.9]),
)
special = st.sampled_from([math.nan, math.inf, -math.inf])
number = st.one_of(finite, special, st.integers(min_value=-(2**70), max_value=2**70))
array = st.lists(st.one_of(finite, special), min_size=0, max_size=5).map(lambda v: np.array(v, dtype=float))
series = st.lists(finite, min_size=1, max_size=5).map(
    lambda v: pd.Series(v, index=pd.Index(range(2015, 2015 + len(v)), name="year")))
junk = st.sampled_from(["abc", "", None, [], {}, object(), b"1", True, [1.0, "x"], pd.DataFrame()])
argument = st.one_of(number, number, array, series, junk)

ALLOWED = (ValueError, TypeError)


def _snapshot(args):
    return [copy.deepcopy(a) for a in args]


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, (pd.Series, pd.DataFrame)):
        return a.equals(b)
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    try:
        return bool(a == b) if not isinstance(a, object) or a.__class__ is not object else a is not None
    except Exception:  # noqa: BLE001 - objects without equality compare as unchanged
        return True


def _all_finite(args) -> bool:
    for a in args:
        if isinstance(a, (bool, np.bool_)):
            continue
        if isinstance(a, (int, float)):
            if not math.isfinite(a):
                return False
        elif isinstance(a, np.ndarray):
            if a.dtype.kind == "f" and not np.isfinite(a).all():
                return False
        elif isinstance(a, pd.Series):
            if not np.isfinite(a.to_numpy(dtype=float)).all():
                return False
        else:
            return False
    return True


def _numbers_in(result):
    """The floats a result carries (scalars, arrays, Series, frames, result objects' fields)."""
    if isinstance(result, (float, np.floating)):
        yield float(result)
    elif isinstance(result, np.ndarray) and result.dtype.kind == "f":
        yield from result.ravel().tolist()
    elif isinstance(result, pd.Series) and result.dtype.kind == "f":
        yield from result.tolist()
    elif isinstance(result, pd.DataFrame):
        for column in result.columns:
            yield from _numbers_in(result[column])
    elif hasattr(result, "__dict__") and not isinstance(result, type):
        for value in vars(result).values():
            yield from _numbers_in(value)


def _check(function, args):
    before = _snapshot(args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # plausibility warnings are part of the contract, not errors
        try:
            result = function(*args)
        except ALLOWED as error:
            assert str(error), f"{function.__name__} raised {type(error).__name__} without a message"
            result = None
        except Exception as error:  # noqa: BLE001 - any other type breaks the contract
            pytest.fail(f"{function.__name__}{tuple(args)!r} raised {type(error).__name__}: {error}")
    for old, new in zip(before, args):
        assert _same(old, new), f"{function.__name__} modified its argument {old!r} -> {new!r}"
    if result is not None and _all_finite(args):
        values = list(_numbers_in(result))
        assert not any(math.isinf(v) for v in values), (
            f"{function.__name__}{tuple(args)!r} returned an infinity from finite input: {result!r}")


TWO_ARGUMENTS = [
    haidian.intensity_change, haidian.implied_resource_growth, haidian.implied_output_growth,
    haidian.annual_rate, haidian.cumulative_change, haidian.tapio, haidian.decoupling_ratio,
    haidian.decoupling_factor, haidian.energy_elasticity, haidian.log_mean,
    haidian.rounded_intensity_change,
]
ONE_ARGUMENT = [haidian.chain_rates, haidian.average_growth]
THREE_ARGUMENTS = [haidian.resource_cap, haidian.target_progress, haidian.check_consistency,
                   haidian.rounded_intensity_change]


@pytest.mark.parametrize("function", ONE_ARGUMENT, ids=lambda f: f.__name__)
@settings(max_examples=scaled_examples(150))
@given(a=argument)
def test_one_argument_contract(function, a):
    _check(function, [a])


@pytest.mark.parametrize("function", TWO_ARGUMENTS, ids=lambda f: f.__name__)
@settings(max_examples=scaled_examples(150))
@given(a=argument, b=argument)
def test_two_argument_contract(function, a, b):
    _check(function, [a, b])


@pytest.mark.parametrize("function", THREE_ARGUMENTS, ids=lambda f: f.__name__)
@settings(max_examples=scaled_examples(150))
@given(a=argument, b=argument, c=argument)
def test_three_argument_contract(function, a, b, c):
    _check(function, [a, b, c])


def _series_call(name, *extra):
    def call(values):
        return getattr(haidian.Series(values, start=2015, freq="Y"), name)(*extra)

    call.__name__ = f"Series.{name}"
    return call


SERIES_CALLS = [_series_call("growth"), _series_call("yoy"), _series_call("cagr", 2015, 2017),
                _series_call("rebase", 2015), _series_call("average_growth", 2, 2017)]


@pytest.mark.parametrize("function", SERIES_CALLS, ids=lambda f: f.__name__)
@settings(max_examples=scaled_examples(150))
@given(values=argument)
def test_series_method_contract(function, values):
    _check(function, [values])


@settings(max_examples=scaled_examples(150))
@given(rates=argument, base_value=argument)
def test_from_growth_contract(rates, base_value):
    def from_growth(r, b):
        return haidian.Series.from_growth(r, base_value=b, base_period=2015, start=2016, freq="Y")

    _check(from_growth, [rates, base_value])


panel = st.lists(st.lists(st.one_of(finite, special), min_size=2, max_size=2), min_size=1, max_size=4).map(
    lambda rows: np.array(rows, dtype=float).T.copy())


@pytest.mark.parametrize("method", ["lmdi1", "lmdi2", "shapley"])
@pytest.mark.parametrize("mode", ["additive", "multiplicative"])
@settings(max_examples=scaled_examples(100))
@given(a=st.one_of(panel, junk, argument), b=st.one_of(panel, junk, argument))
def test_decompose_contract(method, mode, a, b):
    def call(x, y):
        return haidian.decompose({"a": x, "b": y}, method=method, mode=mode)

    call.__name__ = "decompose"
    _check(call, [a, b])
