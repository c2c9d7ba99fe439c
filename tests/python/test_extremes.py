"""Extreme magnitudes (1e-300..1e300, 5e-324) and randomised inputs for Series, decoupling and targets.

Every result from finite valid input is finite and accurate (checked against mpmath), or a ValueError
that names the problem; random invalid input gives ValueError or TypeError with a message, never another
exception type. The properties checked are identities of the formulas (chain_rates then annual_rate
round-trips, cumulative_change of an annual rate is the product, CAGR of chain-linked levels is the
geometric mean of the rates, decoupling factor = -intensity change, and so on).
"""

from __future__ import annotations

import math
import sys
import warnings

import mpmath
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import haidian
from haidian import RateWarning, Series

mpmath.mp.dps = 50


def _mp(x: float) -> mpmath.mpf:
    return mpmath.mpf(x)


def _geometric_mean_rate(rates) -> float:
    """((1+g_1)...(1+g_N))^(1/N) - 1 in 50 digits."""
    return float(mpmath.power(mpmath.fprod([1 + _mp(g) for g in rates]), mpmath.mpf(1) / len(rates)) - 1)


# ---- the reported cases -----------------------------------------------------------------------


def test_cagr_over_600_orders_of_magnitude_is_the_true_rate():
    s = Series([1e-300] + [float("nan")] * 6 + [1e300], start=2015, name="GDP")
    reference = float(mpmath.power(_mp(1e300) / _mp(1e-300), mpmath.mpf(1) / 7) - 1)  # 5.18e85
    assert math.isfinite(s.cagr(2015, 2022))
    assert s.cagr(2015, 2022) == pytest.approx(reference, rel=1e-12)


def test_growth_names_the_overflowing_ratio():
    with pytest.raises(ValueError) as error:
        Series([1e-300, 1e300], start=2021).growth()
    message = str(error.value)
    assert "ratio" in message and "overflows a double" in message and "is inf" not in message


@pytest.mark.parametrize("call, what", [
    (lambda: haidian.energy_elasticity(1.0, 5e-324), "energy_elasticity: the coefficient"),
    (lambda: haidian.cumulative_change(13.0, 269), "cumulative_change: the cumulative change"),
    (lambda: haidian.implied_resource_growth(1e200, 1e200), "implied_resource_growth"),
    (lambda: haidian.decoupling_ratio(1e308, -0.999999), "decoupling_ratio"),
    (lambda: haidian.annual_rate(1.0, 1e-300), "annual_rate"),
    (lambda: haidian.chain_rates([1e300, 1e300, 1e300]), "chain_rates"),
    (lambda: haidian.rounded_intensity_change(1e-4, 1e305), "rounded_intensity_change"),
    (lambda: haidian.resource_cap(1e300, [1e10], 0.0), "resource_cap"),
    (lambda: haidian.tapio(1.0, 5e-324), "tapio"),
    (lambda: haidian.decoupling_effort(pd.DataFrame({"activity": [1e-300], "intensity": [-1e300]}), "activity"),
     "decoupling_effort"),
])
def test_results_beyond_a_double_are_named_errors_not_inf(call, what):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RateWarning)
        with pytest.raises(ValueError, match=r"overflows a double") as error:
            call()
    assert str(error.value).startswith(what)


def test_element_positions_are_named_in_array_overflows():
    with pytest.raises(ValueError, match=r"energy_growth\[2022\]"):
        haidian.energy_elasticity(pd.Series([0.1, 1.0], index=[2021, 2022]),
                                  pd.Series([0.1, 5e-324], index=[2021, 2022]))


def test_extreme_but_representable_results_are_accurate():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RateWarning)
        assert haidian.cumulative_change(13.0, 200) == pytest.approx(float(_mp(14) ** 200 - 1), rel=1e-12)
        assert haidian.annual_rate(1e300, 2) == pytest.approx(1e150, rel=1e-13)
        assert haidian.rounded_intensity_change(1.0, 1e300) == pytest.approx(1e300, rel=1e-15)
        cap = haidian.resource_cap(1e-300, [1e150 - 1, 1e150 - 1], 0.0)
        assert cap.tolist() == pytest.approx([1e-150, 1.0], rel=1e-12)
        assert haidian.energy_elasticity(1e-300, 1e-8) == pytest.approx(1e-292, rel=1e-15)
        # Levels at both ends of the range.
        s = Series([5e-324, 1e-300, 1e300, 1.7e308], start=2019)
        assert s.cagr(2020, 2022) == pytest.approx(float(mpmath.sqrt(_mp(1.7e308) / _mp(1e-300)) - 1), rel=1e-12)


def test_cli_style_cagr_is_never_inf():
    gdp = Series([1e-300, 1e300], start=2021)
    with pytest.raises(ValueError, match="overflows a double"):
        gdp.cagr(2021, 2022)  # 1e600 - 1 is beyond a double: an error, not "inf%"


# ---- hypothesis: identities on random valid input ----------------------------------------------

rates = st.floats(min_value=-0.95, max_value=1.0, allow_nan=False, allow_infinity=False)
small_rates = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False, allow_infinity=False)
levels = st.floats(min_value=1e-300, max_value=1e300, allow_nan=False, allow_infinity=False)


@given(st.lists(small_rates, min_size=1, max_size=30))
def test_chain_rates_then_annual_rate_round_trips(values):
    chained = haidian.chain_rates(values)
    assert math.isfinite(chained)
    reference = float(mpmath.fprod([1 + _mp(g) for g in values]) - 1)
    assert chained == pytest.approx(reference, rel=1e-11, abs=1e-14)
    mean = haidian.annual_rate(chained, len(values))
    # 1 + chained can be as small as 1e-9, where it holds only 7 digits: hence the tolerance.
    assert mean == pytest.approx(_geometric_mean_rate(values), rel=1e-7, abs=1e-12)


@given(rates, st.floats(min_value=0.5, max_value=60.0))
def test_cumulative_change_of_an_annual_rate_is_the_power(rate, years):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RateWarning)
        c = haidian.cumulative_change(rate, years)
        assert math.isfinite(c)
        reference = float(mpmath.power(1 + _mp(rate), _mp(years)) - 1)
        assert c == pytest.approx(reference, rel=1e-12, abs=1e-15)
        if c > -0.999999:  # 1 + c keeps enough digits to give the rate back
            assert haidian.annual_rate(c, years) == pytest.approx(rate, rel=1e-8, abs=1e-11)


@given(st.lists(small_rates, min_size=1, max_size=25), st.floats(min_value=1e-3, max_value=1e6))
def test_cagr_of_chain_linked_levels_is_the_geometric_mean_of_the_rates(values, base):
    s = Series.from_growth(values, base, 2000)
    assert np.isfinite(s.values).all()
    cagr = s.cagr(2000, 2000 + len(values))
    assert cagr == pytest.approx(_geometric_mean_rate(values), rel=1e-9, abs=1e-12)
    # And growth() gives the rates back.
    assert s.growth().values[1:] == pytest.approx(values, rel=1e-9, abs=1e-12)


@given(st.lists(levels, min_size=2, max_size=10))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_cagr_of_any_positive_levels_is_finite_and_accurate_or_an_overflow_error(values):
    s = Series(values, start=2000)
    n = len(values) - 1
    reference = mpmath.power(_mp(values[-1]) / _mp(values[0]), mpmath.mpf(1) / n) - 1
    largest = sys.float_info.max
    if reference > largest * (1 + 1e-12):
        with pytest.raises(ValueError, match="overflows"):
            s.cagr(2000, 2000 + n)
        return
    assume(reference < largest * (1 - 1e-12))  # within rounding of the largest double either answer is fair
    assert s.cagr(2000, 2000 + n) == pytest.approx(float(reference), rel=1e-12, abs=1e-15)


@given(rates, rates)
def test_decoupling_identities(resource, output):
    assume(output != 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RateWarning)
        factor = haidian.decoupling_factor(resource, output)
        assert factor == -haidian.intensity_change(resource, output)
        ratio = haidian.decoupling_ratio(resource, output)
        assert ratio == pytest.approx(1 - factor, rel=1e-12, abs=1e-15)
        reference = float((1 + _mp(resource)) / (1 + _mp(output)))
        assert ratio == pytest.approx(reference, rel=1e-15)
        assert haidian.implied_resource_growth(output, haidian.intensity_change(resource, output)) == \
            pytest.approx(resource, rel=1e-12, abs=1e-15)
        if abs(_mp(resource) / _mp(output)) > sys.float_info.max:  # e.g. output growth 2.2e-309
            with pytest.raises(ValueError, match="overflows"):
                haidian.tapio(resource, output)
            with pytest.raises(ValueError, match="overflows"):
                haidian.energy_elasticity(resource, output)
            return
        result = haidian.tapio(resource, output)
        assert result.elasticity == haidian.energy_elasticity(resource, output) or resource == 0.0


@given(st.lists(st.tuples(small_rates, small_rates), min_size=1, max_size=15), st.floats(min_value=1.0, max_value=1e6))
def test_resource_cap_is_the_base_times_the_chained_factors(pairs, base):
    growth = [p[0] for p in pairs]
    change = [p[1] for p in pairs]
    cap = haidian.resource_cap(base, growth, change)
    reference = [float(_mp(base) * mpmath.fprod([(1 + _mp(g)) * (1 + _mp(r)) for g, r in pairs[:t + 1]]))
                 for t in range(len(pairs))]
    assert cap.tolist() == pytest.approx(reference, rel=1e-12)


# ---- hypothesis: random invalid input gives ValueError or TypeError ---------------------------

junk = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.binary(max_size=3), st.complex_numbers(),
    st.floats(), st.integers(min_value=-10**30, max_value=10**30),
    st.lists(st.one_of(st.floats(), st.text(max_size=2), st.none(), st.booleans()), max_size=4),
    st.dictionaries(st.text(max_size=2), st.floats(), max_size=2),
    st.builds(object),
)

FUNCTIONS = [
    lambda a, b: haidian.tapio(a, b),
    lambda a, b: haidian.decoupling_ratio(a, b),
    lambda a, b: haidian.decoupling_factor(a, b),
    lambda a, b: haidian.energy_elasticity(a, b),
    lambda a, b: haidian.intensity_change(a, b),
    lambda a, b: haidian.implied_resource_growth(a, b),
    lambda a, b: haidian.implied_output_growth(a, b),
    lambda a, b: haidian.annual_rate(a, b),
    lambda a, b: haidian.cumulative_change(a, b),
    lambda a, b: haidian.chain_rates(a),
    lambda a, b: haidian.average_growth(a),
    lambda a, b: haidian.target_progress(a, 5, b),
    lambda a, b: haidian.resource_cap(a, b, 0.0),
    lambda a, b: haidian.rounded_intensity_change(a, b),
    lambda a, b: haidian.check_consistency(a, b, 0.0),
    lambda a, b: Series(a, start=2000).cagr(2000, 2001),
    lambda a, b: Series.from_growth(a, 100.0, 2000),
    lambda a, b: Series.from_index(a, 100.0, 2000),
    lambda a, b: Series([1.0, 2.0], start=2000) * a,
    lambda a, b: haidian.tapio(resource=a, output=b),
]


@pytest.mark.parametrize("function", range(len(FUNCTIONS)))
@given(a=junk, b=junk)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_random_input_gives_a_result_or_a_value_or_type_error(function, a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RateWarning)
        try:
            result = FUNCTIONS[function](a, b)
        except (ValueError, TypeError) as error:
            assert str(error), "errors carry a message"
            return
    # Whatever came back from finite input holds no infinity.
    for value in _numbers_in(result):
        assert not math.isinf(value), (a, b, result)


def _numbers_in(result):
    if isinstance(result, float):
        return [result]
    if isinstance(result, Series):
        return result.values.tolist()
    if isinstance(result, pd.Series) and pd.api.types.is_float_dtype(result.dtype):
        return result.tolist()
    if isinstance(result, pd.DataFrame):
        return result["elasticity"].tolist() if "elasticity" in result else []
    if hasattr(result, "elasticity"):
        return [result.elasticity]
    return []


@given(st.lists(st.floats(allow_nan=True, allow_infinity=False, width=64), min_size=1, max_size=8),
       st.lists(st.floats(allow_nan=True, allow_infinity=False, width=64), min_size=1, max_size=8))
@settings(max_examples=200)
def test_finite_rates_never_give_inf_anywhere(a, b):
    n = min(len(a), len(b))
    a, b = np.array(a[:n]), np.array(b[:n])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RateWarning)
        for function in (haidian.decoupling_ratio, haidian.decoupling_factor, haidian.energy_elasticity,
                         haidian.intensity_change, haidian.implied_resource_growth, haidian.implied_output_growth):
            try:
                out = function(a, b)
            except ValueError as error:
                assert str(error)
                continue
            assert not np.isinf(out.to_numpy()).any()
