"""Inputs as users have them: gapped census years, year labels of different kinds, rates given in percent
or as indices (上年=100), numpy scalars and pandas Series on either side of an operator, NaN in
element-wise functions."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import haidian
from haidian import RateWarning, Series


# ---- gapped year index -------------------------------------------------------------------------


def test_census_years_give_a_series_with_missing_years_between():
    # Economic census years: figures published for 2004, 2015 and 2022 only.
    census = pd.Series([1000.0, 5000.0, 8000.0], index=[2004, 2015, 2022], name="GDP")
    s = Series.from_pandas(census, unit="亿元")
    assert (str(s.start), str(s.end), len(s)) == ("2004", "2022", 19)
    assert s[2004] == 1000.0 and s[2015] == 5000.0 and s[2022] == 8000.0
    assert np.isnan(s.values[1:11]).all() and np.isnan(s.values[12:18]).all()
    # CAGR between two known points counts the calendar years between them (11 and 7), not observations.
    assert s.cagr(2004, 2015) == pytest.approx(5.0 ** (1 / 11) - 1, rel=1e-14)
    assert s.cagr(2015, 2022) == pytest.approx(1.6 ** (1 / 7) - 1, rel=1e-14)
    assert s.cagr(2004, 2022) == pytest.approx(8.0 ** (1 / 18) - 1, rel=1e-14)
    # Growth and yoy are NaN where the previous period is missing: never a multi-year change passed
    # off as one year's.
    assert np.isnan(s.growth().values).all()
    assert np.isnan(s.yoy().values).all()


def test_growth_next_to_a_gap_is_missing_and_elsewhere_computed():
    s = Series.from_pandas(pd.Series([100.0, 110.0, 121.0, 133.1], index=[2018, 2019, 2021, 2022]))
    g = s.growth().values
    assert np.isnan(g[0]) and g[1] == pytest.approx(0.1, rel=1e-14) and np.isnan(g[2]) and np.isnan(g[3])
    assert g[4] == pytest.approx(0.1, rel=1e-14)


def test_from_pandas_sorts_and_names_duplicates():
    s = Series.from_pandas(pd.Series([3.0, 1.0, 2.0], index=[2022, 2020, 2021]))
    assert s.values.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match=r"duplicate period 2021"):
        Series.from_pandas(pd.Series([1.0, 2.0], index=[2021, 2021]))


# ---- year labels of different kinds ------------------------------------------------------------


@pytest.mark.parametrize("index", [
    [2020, 2021, 2022],
    pd.PeriodIndex(["2020", "2021", "2022"], freq="Y"),
    pd.Index([2020.0, 2021.0, 2022.0]),
    pd.Index(["2020", "2021", "2022"]),
    pd.Index([2020, pd.Period("2021", freq="Y"), "2022"], dtype=object),
    pd.DatetimeIndex(["2020-12-31", "2021-12-31", "2022-12-31"]),
])
def test_a_year_is_a_year_however_it_is_written(index):
    expected = Series([1.0, 2.0, 3.0], start=2020)
    assert Series.from_pandas(pd.Series([1.0, 2.0, 3.0], index=index)).equals(expected)


def test_timestamps_without_a_frequency_need_freq():
    stamps = pd.Series([1.0, 2.0], index=pd.to_datetime(["2021-03-31", "2022-03-31"]))
    with pytest.raises(ValueError, match="pass freq="):
        Series.from_pandas(stamps)
    assert Series.from_pandas(stamps, freq="A").equals(Series([1.0, 2.0], start=2021))
    quarterly = Series.from_pandas(stamps.iloc[:1], freq="Q")
    assert str(quarterly.start) == "2021Q1"


def test_mixed_frequencies_are_refused_clearly():
    mixed = pd.Series([1.0, 2.0], index=pd.Index([pd.Period("2021", freq="Y"), pd.Period("2022Q1", freq="Q")],
                                                 dtype=object))
    with pytest.raises(ValueError, match=r"mixes frequencies: .* is annual but .* is quarterly"):
        Series.from_pandas(mixed)
    with pytest.raises(ValueError, match="not a whole year"):
        Series.from_pandas(pd.Series([1.0], index=[2021.5]))
    with pytest.raises(TypeError, match="index"):
        Series.from_pandas(pd.Series([1.0], index=[True]))


def test_series_meets_integer_year_data_from_a_file():
    s = Series([100.0, 110.0], start=2021, unit="亿元")
    shares = pd.Series([0.5, 0.25], index=[2021, 2022])  # as read from a CSV: integer years, no unit
    part = s * shares
    assert part.unit.symbol == "亿元" and part.values.tolist() == [50.0, 27.5]
    from_file = pd.Series([10.0, 20.0], index=[2022, 2021])  # any order
    from_file.attrs["unit"] = "亿元"
    assert (s + from_file).values.tolist() == [120.0, 120.0]
    # And a haidian result (PeriodIndex) meets integer-year rates in the element-wise functions.
    growth = Series([100.0, 103.0, 106.09], start=2020).growth()[2021:2022]
    output = pd.Series([0.05, 0.04], index=[2021, 2022])
    change = haidian.intensity_change(growth, output)
    assert change.tolist() == pytest.approx([1.03 / 1.05 - 1, 1.03 / 1.04 - 1], rel=1e-12)
    # ... in any order: labels are matched, not positions.
    reversed_output = output.iloc[::-1]
    assert haidian.intensity_change(growth, reversed_output).tolist() == pytest.approx(change.tolist(), rel=1e-15)
    with pytest.raises(ValueError, match="different indexes"):
        haidian.intensity_change(growth, pd.Series([0.05, 0.04], index=[2022, 2023]))


def test_timestamp_periods_index_a_series():
    s = Series([1.0, 2.0], start=2021)
    assert s[pd.Timestamp("2022-06-30")] == 2.0
    q = Series([1.0, 2.0], start="2022Q1")
    assert q.at(pd.Timestamp("2022-05-01")) == 2.0


# ---- rates in percent or as indices ------------------------------------------------------------


def test_tapio_with_percentages_warns():
    with pytest.warns(RateWarning) as record:
        haidian.tapio(3.5, 6.0)
    messages = [str(w.message) for w in record]
    assert messages[0].startswith("tapio: resource_growth is 3.5, a growth of 350% in one period; rates are "
                                  "fractions (0.035 is 3.5%), so if this is a percentage, divide it by 100")
    assert messages[1].startswith("tapio: output_growth is 6, a growth of 600% in one period")
    assert record[0].filename == __file__  # the warning points at the caller's line
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert haidian.tapio(0.035, 0.06).state == "weak decoupling"
        haidian.tapio(1.0, 0.5)  # a doubling is plausible
        haidian.tapio(-0.6, 0.1)  # so is a 60% fall


def test_from_growth_with_indices_warns_and_from_index_reads_them():
    # Comparable-price indices (上年=100) fed as rates: +10,690% a year, levels to 3.7e8.
    indices = [106.9, 108.1, 107.2]
    with pytest.warns(RateWarning, match=r"rates\['2021'\] is 106.9.*index with the previous period = 100.*0.069"):
        Series.from_growth(indices, 100.0, 2020)
    s = Series.from_index(indices, 100.0, 2020, unit="亿元")
    by_hand = [100.0, 106.9, 106.9 * 1.081, 106.9 * 1.081 * 1.072]
    assert s.values.tolist() == pytest.approx(by_hand, rel=1e-15)
    assert str(s.price_basis) == "comparable 2020"
    ratios = Series.from_index([1.069, 1.081], 100.0, 2020, base=1.0)
    assert ratios.values.tolist() == pytest.approx(by_hand[:3], rel=1e-15)
    # A pandas Series of indices carries its periods.
    labelled = Series.from_index(pd.Series(indices, index=[2021, 2022, 2023]), 100.0, 2020)
    assert labelled.values.tolist() == pytest.approx(by_hand, rel=1e-15)
    with pytest.raises(ValueError, match=r"indices\[1\] \(2022\) is nan.*missing index breaks the chain"):
        Series.from_index([106.9, float("nan")], 100.0, 2020)
    with pytest.raises(ValueError, match="base is 0"):
        Series.from_index(indices, 100.0, 2020, base=0.0)


@pytest.mark.parametrize("call", [
    lambda: haidian.decoupling_ratio(5.2, 8.1),
    lambda: haidian.decoupling_factor(5.2, 8.1),
    lambda: haidian.energy_elasticity(5.2, 8.1),
    lambda: haidian.intensity_change(5.2, 8.1),
    lambda: haidian.implied_resource_growth(8.1, 0.02),
    lambda: haidian.implied_output_growth(5.2, 0.02),
    lambda: haidian.cumulative_change(3.5, 5),
    lambda: haidian.annual_rate(13.5, 1),
    lambda: haidian.chain_rates([3.5, 4.0]),
    lambda: haidian.average_growth([3.5, 4.0]),
    lambda: haidian.target_progress(0.1, 5, [3.5]),
    lambda: haidian.resource_cap(100.0, [8.1], [0.02]),
    lambda: haidian.resource_cap(100.0, [0.081], cumulative_intensity_change=86.5),
    lambda: haidian.check_consistency(8.1, 5.2, -0.027),
])
def test_every_function_taking_rates_warns_about_percent_like_rates(call):
    with pytest.warns(RateWarning):
        call()


def test_percent_below_minus_one_is_refused_with_a_hint():
    with pytest.raises(ValueError, match=r"output_growth is -3.5, .*a percentage such as -3.5% is -0.035"):
        haidian.tapio(0.01, -3.5)


def test_cumulative_changes_are_judged_per_year():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        haidian.annual_rate(1.0, 10)  # doubling over a decade (翻一番)
        haidian.annual_rate(3.0, 20)  # quadrupling over twenty years (翻两番)
        haidian.target_progress(-0.135, 5, [-0.03])


def test_rate_warning_is_exported():
    assert issubclass(haidian.RateWarning, UserWarning)
    assert "RateWarning" in haidian.__all__


# ---- numpy scalars and pandas on the left of an operator ---------------------------------------


def test_numpy_scalar_times_series_keeps_the_unit():
    s = Series([1.0, 2.0], start=2021, unit="亿元", name="GDP")
    for left in (np.float64(2), np.int64(2), np.float32(2)):
        product = left * s
        assert isinstance(product, Series)
        assert product.unit.symbol == "亿元" and product.name == "GDP" and product.values.tolist() == [2.0, 4.0]
    assert isinstance(s * np.float64(2), Series)
    assert isinstance(s / np.float64(2), Series)
    with pytest.raises(TypeError):
        np.float64(2) + s  # as 2 + s: adding a bare number to a quantity with a unit
    with pytest.raises(TypeError):
        np.array([1.0, 2.0]) * s


def test_numpy_ufuncs_still_work_on_the_values():
    s = Series([1.0, math.e], start=2021, unit="亿元")
    logs = np.log(s)
    assert isinstance(logs, np.ndarray) and logs.tolist() == pytest.approx([0.0, 1.0], rel=1e-15, abs=0)
    assert np.sqrt(s).tolist() == pytest.approx([1.0, math.sqrt(math.e)], rel=1e-15)
    assert (np.float64(2) < s).tolist() == [False, True]
    assert np.asarray(s).tolist() == [1.0, math.e]


def test_pandas_series_on_the_left_defers_to_the_haidian_series():
    s = Series([1.0, 2.0], start=2021, unit="亿元")
    share = pd.Series([0.5, 0.25], index=[2021, 2022])
    product = share * s
    assert isinstance(product, Series) and product.unit.symbol == "亿元"
    assert product.values.tolist() == [0.5, 0.5]
    other = pd.Series([1.0, 1.0], index=pd.PeriodIndex(["2021", "2022"], freq="Y"), name="x")
    other.attrs["unit"] = "亿元"
    assert (other + s).values.tolist() == [2.0, 3.0]
    assert (other - s).values.tolist() == [0.0, -1.0]
    assert isinstance(other / s, Series)


# ---- NaN: element-wise functions pass it through -----------------------------------------------


def test_nan_in_element_wise_functions_gives_nan_for_that_period():
    growth = pd.Series([0.02, np.nan, 0.01], index=[2020, 2021, 2022])
    output = pd.Series([0.05, 0.04, np.nan], index=[2020, 2021, 2022])
    frame = haidian.tapio(growth, output)
    assert frame.state.iloc[0] == "weak decoupling" and frame.state.isna().tolist() == [False, True, True]
    assert frame.elasticity.isna().tolist() == [False, True, True]
    ratio = haidian.decoupling_ratio(growth, output)
    assert ratio.isna().tolist() == [False, True, True]
    assert ratio.iloc[0] == pytest.approx(1.02 / 1.05, rel=1e-14)
    assert haidian.energy_elasticity(growth, output).isna().tolist() == [False, True, True]
    assert haidian.intensity_change(growth, output).isna().tolist() == [False, True, True]
    assert haidian.annual_rate(growth, 5).isna().tolist() == [False, True, False]
    single = haidian.tapio(float("nan"), 0.05)
    assert single.state is None and math.isnan(single.elasticity)
    assert "missing" in repr(single)
    assert math.isnan(haidian.rounded_intensity_change(float("nan"), 1.0))


def test_nan_where_it_makes_the_whole_answer_meaningless_is_an_error():
    with pytest.raises(ValueError, match=r"chain_rates: rates\[2021\] is nan"):
        haidian.chain_rates(pd.Series([0.1, np.nan], index=[2020, 2021]))
    with pytest.raises(ValueError, match="achieved"):
        haidian.target_progress(-0.1, 5, [0.01, np.nan])
    with pytest.raises(ValueError):
        haidian.resource_cap(100.0, [0.05, np.nan], 0.0)
    with pytest.raises(ValueError):
        haidian.check_consistency(np.nan, 0.01, 0.0)


def test_levels_with_gaps_give_missing_growth_next_to_the_gap():
    energy = pd.Series([100.0, 101.0, 103.0], index=[2019, 2020, 2022])
    gdp = pd.Series([200.0, 210.0, 231.0], index=pd.PeriodIndex(["2019", "2020", "2022"], freq="Y"))
    frame = haidian.tapio(resource=energy, output=gdp)
    assert frame.index.tolist() == [2020, 2021, 2022]
    assert frame.state.iloc[0] == "weak decoupling"
    assert frame.state.isna().tolist() == [False, True, True]


def test_chained_rates_are_put_in_time_order_and_gaps_refused():
    rates = pd.Series([0.02, 0.01, 0.03], index=[2022, 2020, 2021])
    assert haidian.chain_rates(rates) == pytest.approx(1.01 * 1.03 * 1.02 - 1, rel=1e-14)
    progress = haidian.target_progress(-0.135, 5, pd.Series([-0.02, -0.03], index=[2022, 2021]))
    assert progress.achieved.index.tolist() == [2021, 2022]
    with pytest.raises(ValueError, match="gap after 2020 .missing 2021"):
        haidian.chain_rates(pd.Series([0.01, 0.02], index=[2020, 2022]))
    cap = haidian.resource_cap(100.0, pd.Series([0.05, 0.10], index=[2022, 2021]),
                               pd.Series([-0.02, -0.01], index=[2021, 2022]))
    assert cap.index.tolist() == [2021, 2022]
    assert cap.tolist() == pytest.approx([100 * 1.10 * 0.98, 100 * 1.10 * 0.98 * 1.05 * 0.99], rel=1e-14)


# ---- wrong types and units ---------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["0.1", b"x", [0.1, "x"], np.array([1j]), 1j, object(), [True, False],
                                 pd.Series(["a", "b"])])
def test_wrong_types_are_type_errors_naming_the_argument(bad):
    with pytest.raises(TypeError, match="resource_growth"):
        haidian.decoupling_ratio(bad, 0.1)


def test_rates_with_a_unit_are_unit_errors():
    money = Series([1.0, 2.0], start=2021, unit="亿元")
    with pytest.raises(haidian.UnitError, match="intensity_change: resource_growth has unit"):
        haidian.intensity_change(money, 0.1)
    percent = Series([3.5, 6.0], start=2021, unit="%")
    assert haidian.intensity_change(percent, 0.0).tolist() == pytest.approx([0.035, 0.06], rel=1e-14)


def test_inputs_are_never_modified():
    rates = np.array([0.1, 0.2, np.nan])
    frame = pd.Series([0.03, 0.01, 0.02], index=[2022, 2020, 2021])
    before = (rates.copy(), frame.copy())
    haidian.tapio(rates, rates)
    haidian.chain_rates(frame)
    haidian.resource_cap(10.0, frame, frame)
    Series.from_pandas(frame)
    np.testing.assert_array_equal(rates, before[0])
    pd.testing.assert_series_equal(frame, before[1])
