"""haidian.Series frequencies: to_annual / to_quarterly (sum, mean, last; incomplete years), and
year-to-date (累计) totals to discrete values and back.

Expected numbers come from pandas (groupby on the calendar year or quarter, ``diff``/``cumsum`` within
a year) or are worked out by hand in the comment next to them, never from the code under test.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian import PriceBasis, Series, Unit

NAN = float("nan")


def _pandas_by(s: pd.Series, key: str, how: str) -> pd.Series:
    """pandas' own aggregation of a PeriodIndex-ed series by calendar year or quarter."""
    groups = s.groupby(s.index.asfreq(key))
    return getattr(groups, how)()


# ---- aggregation against pandas -----------------------------------------------------------------


@pytest.mark.parametrize("how", ["sum", "mean", "last"])
@pytest.mark.parametrize("start", ["2019Q1", "2019-01"])
def test_to_annual_matches_pandas(how: str, start: str) -> None:
    rng = np.random.default_rng(7)
    n = 12 if "Q" in start else 36  # three whole years
    values = rng.uniform(100.0, 1000.0, n)
    s = Series(values, start=start, unit="亿元", name="GDP", price_basis="comparable 2020")
    annual = s.to_annual(how)
    expected = _pandas_by(s.to_pandas(), "Y", how)
    assert [str(p) for p in annual.periods] == ["2019", "2020", "2021"]
    assert annual.values == pytest.approx(expected.to_numpy(), rel=1e-14)
    assert annual.unit == Unit("亿元") and annual.name == "GDP"
    assert annual.price_basis == PriceBasis.comparable(2020)
    assert annual.freq == "A"


@pytest.mark.parametrize("how", ["sum", "mean", "last"])
def test_to_quarterly_matches_pandas(how: str) -> None:
    values = np.arange(1.0, 13.0) ** 1.5
    s = Series(values, start="2022-01", unit="万吨标准煤")
    quarterly = s.to_quarterly(how)
    expected = _pandas_by(s.to_pandas(), "Q", how)
    assert [str(p) for p in quarterly.periods] == ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    assert quarterly.values == pytest.approx(expected.to_numpy(), rel=1e-14)


def test_to_annual_by_hand_and_pandas_resample() -> None:
    # 2022: 100 + 110 + 120 + 130 = 460 (sum), 115 (mean), 130 (last).
    q = Series([100.0, 110.0, 120.0, 130.0], start="2022Q1", unit="亿元")
    assert q.to_annual("sum")[2022] == 460.0
    assert q.to_annual("mean")[2022] == 115.0
    assert q.to_annual(how="last")[2022] == 130.0
    assert q.to_annual("sum").values.tolist() == q.to_pandas().resample("Y").sum().tolist()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1e6), min_size=4, max_size=40),
       st.integers(min_value=1, max_value=4), st.sampled_from(["sum", "mean", "last"]))
def test_property_drop_keeps_exactly_pandas_complete_years(values: list[float], first_quarter: int,
                                                           how: str) -> None:
    s = Series(values, start=f"2010Q{first_quarter}")
    p = s.to_pandas()
    years = p.groupby(p.index.year)
    # With no missing values only the first and last years can be incomplete: sum and mean need all
    # 4 quarters, last needs the fourth.
    if how == "last":
        complete = [year for year, group in years if group.index[-1].quarter == 4]
    else:
        complete = [year for year, group in years if len(group) == 4]
    if not complete:
        with pytest.raises(ValueError, match="must have at least one complete year"):
            s.to_annual(how, incomplete="drop")
        return
    annual = s.to_annual(how, incomplete="drop")
    expected = getattr(years, how)().loc[complete]
    assert [period.year for period in annual.periods] == complete
    assert annual.values == pytest.approx(expected.to_numpy(), rel=1e-12)


# ---- incomplete years ---------------------------------------------------------------------------


def test_incomplete_years_raise_with_the_missing_period() -> None:
    late = Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], start="2021Q2")
    with pytest.raises(ValueError, match=r"Series.to_annual: year 2021 is incomplete \(2021Q1 is outside the series' "
                                         r"periods 2021Q2..2022Q4\), but how='sum' needs all 4 quarters of a year; "
                                         r"pass incomplete='drop' to drop incomplete years"):
        late.to_annual("sum")
    gap = Series([1.0, 2.0, NAN, 4.0], start="2022Q1")
    # Never a partial sum (a pandas groupby sum would skip the NaN and give 7.0).
    with pytest.raises(ValueError, match=r"year 2022 is incomplete \(the value at 2022Q3 is nan\), but how='sum'"):
        gap.to_annual("sum")
    with pytest.raises(ValueError, match=r"year 2022 is incomplete \(the value at 2022Q3 is nan\), but how='mean'"):
        gap.to_annual("mean")
    # Dropping: edges cut off; an incomplete year between complete ones is missing.
    values = [9.0, 1, 2, 3, 4, 5, NAN, 7, 8, 9, 10, 11, 12, 13]
    dropped = Series(values, start="2020Q4").to_annual("sum", incomplete="drop")
    assert [str(p) for p in dropped.periods] == ["2021", "2022", "2023"]
    assert dropped[2021] == 10.0 and np.isnan(dropped[2022]) and dropped[2023] == 42.0  # by hand
    # 'last' needs only the last quarter.
    assert late.to_annual("last").values.tolist() == [3.0, 7.0]


def test_aggregation_argument_errors() -> None:
    q = Series([1.0, 2.0, 3.0, 4.0], start="2022Q1")
    with pytest.raises(ValueError, match="Series.to_annual: how is 'avg', but must be 'sum'"):
        q.to_annual("avg")
    with pytest.raises(ValueError, match="Series.to_annual: incomplete is 'skip', but must be 'raise' or 'drop'"):
        q.to_annual("sum", incomplete="skip")
    with pytest.raises(TypeError, match="Series.to_annual: how must be a string, got int"):
        q.to_annual(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Series.to_quarterly: incomplete must be a string, got bool"):
        Series([1.0, 2.0, 3.0], start="2022-01").to_quarterly("sum", incomplete=True)
    with pytest.raises(TypeError):
        q.to_annual()  # type: ignore[call-arg]  # how has no default: flows and stocks differ
    with pytest.raises(ValueError, match=r"Series.to_annual: the series is annual \(2020..2021\), but must be "
                                         r"quarterly or monthly"):
        Series([1.0, 2.0], start=2020).to_annual("sum")
    with pytest.raises(ValueError, match="Series.to_quarterly: the series is quarterly"):
        q.to_quarterly("sum")


def test_annual_growth_is_not_the_mean_of_quarterly_growth() -> None:
    # Comparable-price quarters 2021: 100, 200, 100, 200; 2022: 110, 200, 110, 200. Quarterly yoy
    # 10 %, 0 %, 10 %, 0 % averages 5 %, but the year grew 620/600 - 1 = 3.33 % (by hand).
    q = Series([100.0, 200, 100, 200, 110, 200, 110, 200], start="2021Q1", unit="亿元",
               price_basis="comparable 2020")
    assert np.nanmean(q.yoy().values[4:]) == pytest.approx(0.05, rel=1e-14)
    assert q.to_annual("sum").growth()[2022] == pytest.approx(620 / 600 - 1, rel=1e-14)


# ---- year-to-date totals ------------------------------------------------------------------------


def test_to_discrete_matches_pandas_diff_within_years() -> None:
    # 1季度 2, 1-2季度 5, 1-3季度 9, 全年 14, then 2023: 3, 7.
    ytd = Series([2.0, 5.0, 9.0, 14.0, 3.0, 7.0], start="2022Q1", unit="亿元", name="GDP", price_basis="current")
    p = ytd.to_pandas()
    expected = p.groupby(p.index.year).diff().fillna(p)  # first quarter of a year: the total itself
    q = ytd.to_discrete()
    assert q.values.tolist() == [2.0, 3.0, 4.0, 5.0, 3.0, 4.0]  # by hand
    assert q.values.tolist() == expected.tolist()
    assert q.unit == Unit("亿元") and q.price_basis == PriceBasis.current() and q.name == "GDP"
    back = q.to_cumulative()
    assert back.equals(ytd)
    assert back.values.tolist() == q.to_pandas().groupby(q.to_pandas().index.year).cumsum().tolist()


def test_combined_january_february_and_mid_year_starts() -> None:
    # "1-2月" 10, "1-3月" 16, "1-4月" 23: January and February missing, March 6, April 7.
    m = Series([NAN, 10.0, 16.0, 23.0], start="2022-01").to_discrete()
    assert np.isnan(m.values[:2]).all() and m.values[2:].tolist() == [6.0, 7.0]
    q = Series([5.0, 9.0, 14.0, 3.0], start="2022Q2").to_discrete()
    assert np.isnan(q["2022Q2"]) and q.values[1:].tolist() == [4.0, 5.0, 3.0]


def test_decreasing_year_to_date_totals() -> None:
    with pytest.raises(ValueError, match=r"Series.to_discrete: value at 2022Q3 is 105, but must not be below 110 at "
                                         r"2022Q2: the year-to-date total of a non-negative flow cannot decrease"):
        Series([100.0, 110.0, 105.0], start="2022Q1").to_discrete()
    with pytest.raises(ValueError, match="value at 2022-01 is -3, but must be non-negative"):
        Series([-3.0, 1.0], start="2022-01").to_discrete()
    assert Series([5.0, 3.0], start="2022Q1").to_discrete(nonnegative=False).values.tolist() == [5.0, -2.0]
    with pytest.raises(TypeError, match="Series.to_discrete: nonnegative must be a bool, got str"):
        Series([5.0, 3.0], start="2022Q1").to_discrete("no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Series.to_discrete: the series is annual"):
        Series([1.0], start=2020).to_discrete()
    with pytest.raises(ValueError, match="Series.to_cumulative: the series is annual"):
        Series([1.0], start=2020).to_cumulative()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1e6), min_size=1, max_size=30),
       st.integers(min_value=1, max_value=12))
def test_property_cumulative_round_trips_and_matches_pandas(values: list[float], first_month: int) -> None:
    s = Series(values, start=f"2010-{first_month:02d}")
    ytd = s.to_cumulative()
    p = s.to_pandas()
    full = p.groupby(p.index.year).cumsum()
    # Years cut off at the start are missing (their earlier months are not there).
    complete = np.array([first_month == 1 or period.year > 2010 for period in p.index])
    assert ytd.values[complete] == pytest.approx(full.to_numpy()[complete], rel=1e-12)
    assert np.isnan(ytd.values[~complete]).all()
    back = ytd.to_discrete()
    assert back.values[complete] == pytest.approx(np.asarray(values)[complete], rel=1e-9, abs=1e-6)


def test_results_pickle_and_inputs_are_not_modified() -> None:
    data = np.array([2.0, 5.0, 9.0, 14.0])
    before = data.copy()
    s = Series(data, start="2022Q1", unit="亿元")
    for result in (s.to_discrete(), s.to_cumulative(), s.to_annual("last"), s * s):
        assert pickle.loads(pickle.dumps(result)).equals(result)
    np.testing.assert_array_equal(data, before)
    assert s.values.tolist() == before.tolist()
    assert isinstance(s.to_annual("sum"), haidian.Series)
