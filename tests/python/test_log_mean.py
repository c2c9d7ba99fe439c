"""haidian.log_mean against 50-digit mpmath values in every regime (a ≈ b, a ≪ b, extremes)."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian

mpmath.mp.dps = 50


def reference(a: float, b: float) -> float:
    """L(a, b) with 50 significant digits, rounded once to double."""
    if a == b:
        return a
    if a == 0.0 or b == 0.0:
        return 0.0
    x, y = mpmath.mpf(a), mpmath.mpf(b)
    return float((x - y) / mpmath.log(x / y))


def ulps(x: float, y: float) -> int:
    return abs(int(np.float64(x).view(np.int64)) - int(np.float64(y).view(np.int64)))


CASES = [
    (1.0, 1.0 + 2.0**-52), (1.0, 1.0 + 1e-12), (1.0, 1.0 + 1e-8), (1.0, 1.0 - 1e-5), (3.0, 3.0001),
    (1.0, 1.5), (1.0, 2.0), (1.0, 2.5), (1.0, 10.0), (1.0, 1e-10), (1e-300, 1e300), (5e-324, 1.0),
    (1.7e308, 1e-308), (2.2e-308, 2.3e-308), (1e-320, 3e-320), (123456.789, 123456.7891),
]


@pytest.mark.parametrize("a, b", CASES, ids=[f"{a:g},{b:g}" for a, b in CASES])
def test_few_ulps_in_every_regime(a: float, b: float) -> None:
    assert ulps(haidian.log_mean(a, b), reference(a, b)) <= 4
    assert ulps(haidian.log_mean(b, a), reference(a, b)) <= 4


@settings(max_examples=150, deadline=None)
@given(st.floats(min_value=1e-300, max_value=1e300), st.floats(min_value=-1e-3, max_value=1e-3))
def test_close_arguments_random(a: float, relative: float) -> None:
    b = a * (1.0 + relative)
    if not (b > 0 and math.isfinite(b)):
        return
    assert ulps(haidian.log_mean(a, b), reference(a, b)) <= 4


@settings(max_examples=150, deadline=None)
@given(st.floats(min_value=5e-324, max_value=1.7e308), st.floats(min_value=5e-324, max_value=1.7e308))
def test_any_positive_arguments_random(a: float, b: float) -> None:
    assert ulps(haidian.log_mean(a, b), reference(a, b)) <= 4


def test_naive_formula_would_fail_this_test() -> None:
    # The textbook (a - b)/(ln a - ln b) is off by thousands of ulps here: the test has teeth.
    a = 3.7
    b = a * (1.0 + 3e-11)
    naive = (a - b) / (math.log(a) - math.log(b))
    assert ulps(naive, reference(a, b)) > 1000
    assert ulps(haidian.log_mean(a, b), reference(a, b)) <= 4


def test_limits_and_arrays() -> None:
    assert haidian.log_mean(2.5, 2.5) == 2.5
    assert haidian.log_mean(0.0, 0.0) == 0.0
    assert haidian.log_mean(3.0, 0.0) == 0.0
    out = haidian.log_mean(np.array([1.0, 2.0, 0.0]), 2.0)
    assert isinstance(out, np.ndarray) and out.shape == (3,)
    assert out[1] == 2.0 and out[2] == 0.0


def test_pandas_in_pandas_out() -> None:
    a = pd.Series([1.0, 2.0], index=["x", "y"], name="energy")
    out = haidian.log_mean(a, 2.0)
    assert isinstance(out, pd.Series) and list(out.index) == ["x", "y"] and out["y"] == 2.0


@pytest.mark.parametrize("a, b", [(-1.0, 2.0), (float("nan"), 1.0), (1.0, float("inf"))])
def test_bad_values(a: float, b: float) -> None:
    with pytest.raises(ValueError, match=r"log_mean: [ab] is .*, but must be non-negative and finite"):
        haidian.log_mean(a, b)


def test_non_numeric() -> None:
    with pytest.raises(TypeError, match="log_mean: a has dtype"):
        haidian.log_mean(np.array(["x"]), 1.0)
