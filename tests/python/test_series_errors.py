"""Bad input to haidian.Series: each case raises ValueError/TypeError/UnitError naming the function,
the argument and the value, never a crash or a silent NaN."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import haidian
from haidian import Series

NAN = float("nan")


@pytest.fixture
def gdp() -> Series:
    return Series([100.0, 110.0, 121.0], start=2015, unit="亿元", price_basis="current")


# ---- construction ---------------------------------------------------------------------------


def test_empty_values() -> None:
    with pytest.raises(ValueError, match="Series: values is empty"):
        Series([], start=2015)
    with pytest.raises(ValueError, match="from_pandas: s is empty"):
        Series.from_pandas(pd.Series([], dtype=float))


def test_infinite_values() -> None:
    with pytest.raises(ValueError, match=r"Series: values\[1\] is inf, but must be finite"):
        Series([1.0, np.inf], start=2015)
    with pytest.raises(ValueError, match=r"values\[0\] is -inf"):
        Series([-np.inf], start=2015)


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (["1", "2"], r"values\[0\] is '1', but must be a number"),
        ("123", "values must be a sequence of numbers, got str"),
        ([1.0, "x"], r"values\[1\] is 'x', but must be a number"),
        ([True, False], "values must hold numbers, got dtype bool"),
        (5.0, "values must be a sequence of numbers, got float"),
        (pd.DataFrame({"a": [1.0]}), "values is a DataFrame"),
        (pd.Series(["a", "b"]), "values must hold numbers, got dtype"),
    ],
    ids=["strings", "one-string", "mixed", "bools", "scalar", "dataframe", "string-series"],
)
def test_values_of_the_wrong_type(values, match: str) -> None:
    with pytest.raises(TypeError, match=match):
        Series(values, start=2015)


def test_two_dimensional_values() -> None:
    with pytest.raises(ValueError, match=r"values has shape \(2, 2\), but must be one-dimensional"):
        Series(np.ones((2, 2)), start=2015)


@pytest.mark.parametrize(
    ("start", "freq", "error", "match"),
    [
        (2015, "W", ValueError, "Series: freq is 'W', but must be one of"),
        (2015, "Q-MAR", ValueError, "freq is 'Q-MAR'"),
        (2015, 4, TypeError, "Series: freq must be a string"),
        ("2015Q5", None, ValueError, "Series: start is '2015Q5', which is not a valid period here: Period.parse: text is '2015Q5'"),
        ("yesterday", None, ValueError, "Period.parse: text is 'yesterday'"),
        (0, None, ValueError, "Series: start is 0, but must be a year within 1..9999"),
        (12345, None, ValueError, "start is 12345"),
        (2015.0, None, TypeError, "Series: start must be a year"),
        (True, None, TypeError, "start must be a year, a period string or a pandas Period, got bool"),
        ("2015Q3", "A", haidian.UnitError, "Series: start is .2015Q3., which is not a valid period here: .*frequency Q, but frequency A was asked for"),
    ],
    ids=["unknown-freq", "fiscal-freq", "freq-type", "bad-quarter", "bad-text", "year-0", "year-5-digits",
         "float-start", "bool-start", "freq-mismatch"],
)
def test_bad_start_and_frequency(start, freq, error, match: str) -> None:
    with pytest.raises(error, match=match):
        Series([1.0], start=start, freq=freq)


def test_bad_unit_price_basis_and_name_types() -> None:
    with pytest.raises(TypeError, match="Series: unit must be a string"):
        Series([1.0], start=2015, unit=5)
    with pytest.raises(TypeError, match="Series: price_basis must be None"):
        Series([1.0], start=2015, price_basis=2020)
    with pytest.raises(ValueError, match="PriceBasis.parse: price_basis is 'comparable'"):
        Series([1.0], start=2015, price_basis="comparable")
    with pytest.raises(TypeError, match="Series: name must be a string"):
        Series([1.0], start=2015, name=3)


def test_series_running_past_9999() -> None:
    with pytest.raises(ValueError, match="runs past the year 9999"):
        Series([1.0, 2.0], start=9999)


# ---- from_pandas --------------------------------------------------------------------------------


def test_from_pandas_gap_becomes_missing_values() -> None:
    s = Series.from_pandas(pd.Series([1.0, 2.0, 3.0], index=[2016, 2017, 2019]))
    assert str(s.start) == "2016" and len(s) == 4 and np.isnan(s[2018]) and s[2019] == 3.0
    quarterly = Series.from_pandas(pd.Series([1.0, 2.0], index=pd.PeriodIndex(["2020Q1", "2020Q3"], freq="Q")))
    assert len(quarterly) == 3 and np.isnan(quarterly.values[1])


def test_from_pandas_duplicate_is_named() -> None:
    s = pd.Series([1.0, 2.0, 3.0], index=[2016, 2018, 2018])
    with pytest.raises(ValueError, match="s.index has the duplicate period 2018"):
        Series.from_pandas(s)


def test_from_pandas_wrong_kinds() -> None:
    with pytest.raises(TypeError, match="from_pandas: s must be a pandas Series, got ndarray"):
        Series.from_pandas(np.ones(3))
    with pytest.raises(ValueError, match=r"the index holds 'region A', which is not a period"):
        Series.from_pandas(pd.Series([1.0], index=["region A"]))
    dates = pd.Series([1.0], index=pd.DatetimeIndex(["2015-01-01"]))
    with pytest.raises(ValueError, match="timestamps without a frequency; pass freq="):
        Series.from_pandas(dates)
    with pytest.raises(TypeError, match="index has dtype timedelta64"):
        Series.from_pandas(pd.Series([1.0], index=pd.to_timedelta([1], unit="D")))
    with pytest.raises(TypeError, match="s must hold numbers"):
        Series.from_pandas(pd.Series(["a"], index=[2015]))
    with pytest.raises(ValueError, match="the index holds the year 0, but years must be within 1..9999"):
        Series.from_pandas(pd.Series([1.0], index=[0]))


def test_from_pandas_fiscal_periods() -> None:
    fiscal = pd.Series([1.0], index=pd.period_range("2020Q1", periods=1, freq="Q-MAR"))
    with pytest.raises(ValueError, match="freq is 'Q-MAR'"):
        Series.from_pandas(fiscal)


# ---- periods out of range, missing and non-positive values --------------------------------------


def test_periods_out_of_range(gdp: Series) -> None:
    with pytest.raises(ValueError, match=r"Series.cagr: end is 2030, but must be within the series' periods 2015..2017"):
        gdp.cagr(2015, 2030)
    with pytest.raises(ValueError, match="Series.cagr: end is 2015, but must be after start 2017"):
        gdp.cagr(2017, 2015)
    with pytest.raises(ValueError, match="Series.at: period is 2014"):
        gdp[2014]
    with pytest.raises(ValueError, match="Series.rebase: period is 2020"):
        gdp.rebase(2020)
    with pytest.raises(ValueError, match="Series.average_growth: years is 3, but the series starts at 2015"):
        gdp.average_growth(3)
    with pytest.raises(ValueError, match="years is 0, but must be at least 1"):
        gdp.average_growth(0)
    with pytest.raises(haidian.UnitError, match="Series.cagr: start is Period.*2015Q1.* is a period of frequency Q"):
        gdp.cagr(pd.Period("2015Q1", freq="Q"), pd.Period("2016Q1", freq="Q"))


def test_missing_zero_and_negative_values() -> None:
    s = Series([0.0, 2.0, NAN, -1.0, 5.0], start=2015)
    with pytest.raises(ValueError, match="Series.cagr: value at 2015 is 0, but must be positive and finite"):
        s.cagr(2015, 2016)
    with pytest.raises(ValueError, match="Series.cagr: value at 2017 is nan, but must be positive"):
        s.cagr(2016, 2017)
    with pytest.raises(ValueError, match="value at 2018 is -1"):
        s.cagr(2016, 2018)
    with pytest.raises(ValueError, match="Series.growth: value at 2015 is 0, but must be positive"):
        s.growth()
    with pytest.raises(ValueError, match="Series.yoy: value at 2015 is 0"):
        s.yoy()
    with pytest.raises(ValueError, match="Series.rebase: value at 2017 is nan"):
        s.rebase(2017)
    with pytest.raises(ValueError, match="Series.rebase: to is -100"):
        s.rebase(2016, to=-100)
    positive = Series([1.0, 2.0], start=2015)
    with pytest.raises(ValueError, match="Series.ratio: denominator at 2015 is 0, but must be positive"):
        positive.ratio(s)
    with pytest.raises(ValueError, match="Series.share: total at 2015 is 0"):
        positive.share(s)
    with pytest.raises(ValueError, match="Series.multiply: factor is nan, but must be finite"):
        positive * NAN
    with pytest.raises(ValueError, match="Series.divide: divisor is 0, but must be non-zero"):
        positive / 0


def test_bad_growth_rates() -> None:
    with pytest.raises(ValueError, match=r"Series.from_growth: rates\[1\] \(2017\) is nan, but must be finite and "
                                         r"greater than -1"):
        Series.from_growth([0.1, NAN], 100.0, 2015)
    with pytest.raises(ValueError, match=r"rates\[0\] \(2016\) is -1"):
        Series.from_growth([-1.0], 100.0, 2015)
    with pytest.raises(ValueError, match="from_growth: base_value is 0, but must be positive"):
        Series.from_growth([0.1], 0.0, 2015)
    with pytest.raises(ValueError, match="base_value is nan"):
        Series.from_growth([0.1], NAN, 2015)
    with pytest.raises(ValueError, match=r"base_period is 2014, but must be within 2015..2016"):
        Series.from_growth([0.1], 100.0, 2014, start=2016)
    with pytest.raises(ValueError, match="from_growth: rates is empty"):
        Series.from_growth([], 100.0, 2015)
    with pytest.raises(TypeError, match="from_growth: base_value must be a number, got str"):
        Series.from_growth([0.1], "100", 2015)
    with pytest.raises(TypeError, match=r"from_growth: rates\[0\] is '0.1', but must be a number"):
        Series.from_growth(["0.1"], 100.0, 2015)
    with pytest.raises(haidian.UnitError, match="from_growth: unit '亿元'"):
        Series.from_growth(Series([0.1], start=2016, unit="亿元"), 100.0, 2015)
    with pytest.raises(ValueError, match=r"average_growth: rates\[1\] is -1.5"):
        haidian.average_growth([0.1, -1.5])
    with pytest.raises(ValueError, match="average_growth: rates is empty"):
        haidian.average_growth([])
    with pytest.raises(TypeError, match=r"average_growth: rates\[0\] is 'a', but must be a number"):
        haidian.average_growth(["a"])


# ---- incompatible units, frequencies, price bases -----------------------------------------------


def test_incompatible_units(gdp: Series) -> None:
    dollars = Series([1.0, 2.0, 3.0], start=2015, unit="亿美元", price_basis="current")
    with pytest.raises(haidian.UnitError, match="Series.add: unit '亿美元' .* cannot be converted to '亿元'"):
        gdp + dollars
    with pytest.raises(haidian.UnitError, match="Series.subtract"):
        gdp - dollars
    with pytest.raises(haidian.UnitError, match="Series.isclose"):
        gdp.isclose(dollars)
    with pytest.raises(haidian.UnitError, match="Series.share"):
        gdp.share(dollars)
    with pytest.raises(haidian.UnitError, match="Series.to: unit '亿元' .* cannot be converted to '吨标准煤'"):
        gdp.to("tce")
    assert issubclass(haidian.UnitError, ValueError)


def test_incompatible_price_bases_and_frequencies(gdp: Series) -> None:
    real = Series([1.0, 2.0, 3.0], start=2015, unit="亿元", price_basis="comparable 2015")
    with pytest.raises(haidian.UnitError, match="price bases 'current' and 'comparable 2015' differ"):
        gdp + real
    quarterly = Series([1.0, 2.0], start="2015Q1", unit="亿元", price_basis="current")
    with pytest.raises(haidian.UnitError, match="different frequencies"):
        gdp + quarterly
    with pytest.raises(haidian.UnitError, match="different frequencies"):
        haidian.align(gdp, quarterly)
    later = Series([1.0], start=2030, unit="亿元", price_basis="current")
    with pytest.raises(ValueError, match="the series cover 2015..2017 and 2030..2030, which have no period in common"):
        gdp + later
    with pytest.raises(TypeError, match="Series.add: other must be a haidian.Series or a pandas Series, got list"):
        gdp + [1.0]


def test_deflate_errors(gdp: Series) -> None:
    index = Series([100.0, 105.0, 110.0], start=2015, unit="index")
    with pytest.raises(haidian.UnitError, match="price basis is 'comparable 2015', but deflating needs current"):
        gdp.deflate(index, 2015).deflate(index, 2015)
    with pytest.raises(haidian.UnitError, match="price_index has unit '亿元'"):
        gdp.deflate(gdp, 2015)
    with pytest.raises(ValueError, match="Series.deflate: price_index period is 2014"):
        gdp.deflate(index, 2014)
    with pytest.raises(ValueError, match="price_index at 2016 is -5"):
        gdp.deflate(Series([100.0, -5.0, 110.0], start=2015), 2015)
    with pytest.raises(TypeError, match="base_year must be an int, got str"):
        gdp.deflate(index, "2015")
    with pytest.raises(TypeError, match="price_index must be a haidian.Series or a pandas Series"):
        gdp.deflate([100.0, 105.0, 110.0], 2015)


def test_nothing_passed_in_is_modified() -> None:
    values = np.array([0.0, 100.0])
    before = values.copy()
    s = Series(values, start=2015)
    with pytest.raises(ValueError):
        s.growth()
    np.testing.assert_array_equal(values, before)
