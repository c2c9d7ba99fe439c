"""haidian.Series: construction, pandas round trips, growth, chain-linking, deflation, ratios, pickling.

Every expected number is computed independently in the test (by hand or from the cited figure), never
taken from the code under test.
"""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian import PriceBasis, Series, Unit

NAN = float("nan")


# ---- construction and metadata ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "freq", "first", "last"),
    [
        (2015, None, "2015", "2017"),
        (2015, "A", "2015", "2017"),
        (2015, "Y", "2015", "2017"),
        (2015, "Y-DEC", "2015", "2017"),
        (2015, "A-DEC", "2015", "2017"),
        ("2022Q3", None, "2022Q3", "2023Q1"),
        ("2022Q3", "Q-DEC", "2022Q3", "2023Q1"),
        (2022, "Q", "2022Q1", "2022Q3"),
        ("2022-11", None, "2022-11", "2023-01"),
        ("2022-11", "ME", "2022-11", "2023-01"),
        (pd.Period("2022-11", freq="M"), None, "2022-11", "2023-01"),
        (pd.Period("2022Q4", freq="Q"), None, "2022Q4", "2023Q2"),
    ],
    ids=lambda x: str(x),
)
def test_start_and_frequency_spellings(start, freq, first, last) -> None:
    s = Series([1.0, 2.0, 3.0], start=start, freq=freq)
    assert str(s.start) == first
    assert str(s.end) == last
    assert len(s) == 3


def test_metadata_and_periods() -> None:
    s = Series([8000.0, 9000.0, 10206.9], start=2020, name="GDP", unit="亿元", price_basis="current")
    assert s.name == "GDP"
    assert s.unit == Unit("亿元")
    assert s.price_basis == PriceBasis.current()
    assert s.freq == "A"
    expected = pd.period_range("2020", periods=3, freq="Y")
    assert isinstance(s.periods, pd.PeriodIndex)
    assert s.periods.equals(expected)
    assert s[2021] == 9000.0
    assert s.at("2022") == 10206.9


def test_values_are_a_read_only_view_without_copies() -> None:
    s = Series(np.array([1.0, 2.0, 3.0]), start=2020)
    first, second = s.values, s.values
    assert np.shares_memory(first, second)
    assert not first.flags.writeable
    with pytest.raises(ValueError):
        first[0] = 10.0
    assert np.asarray(s).tolist() == [1.0, 2.0, 3.0]


def test_input_is_copied_not_modified() -> None:
    data = np.array([100.0, 110.0])
    s = Series(data, start=2020)
    data[0] = -1.0
    assert s[2020] == 100.0
    pandas_input = pd.Series([1.0, 2.0], index=[2020, 2021])
    before = pandas_input.copy()
    Series.from_pandas(pandas_input).growth()
    pd.testing.assert_series_equal(pandas_input, before)


def test_accepts_lists_ints_none_and_nullable_pandas() -> None:
    assert Series([1, 2, 3], start=2020).values.dtype == np.float64
    assert math.isnan(Series([1.0, None, 3.0], start=2020)[2021])
    nullable = pd.Series(pd.array([1.0, None, 3.0], dtype="Float64"), index=[2020, 2021, 2022])
    assert math.isnan(Series.from_pandas(nullable)[2021])


# ---- pandas round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("freq", ["Y", "Q", "M"])
def test_from_pandas_to_pandas_round_trip(freq: str) -> None:
    index = pd.period_range("2021", periods=5, freq=freq)
    original = pd.Series([1.0, 2.0, NAN, 4.0, 5.0], index=index, name="x")
    s = Series.from_pandas(original, unit="万吨标准煤")
    back = s.to_pandas()
    pd.testing.assert_series_equal(back, original, check_freq=False)
    assert back.index.equals(index)
    assert back.attrs == {"unit": "万吨标准煤", "price_basis": "none"}
    again = Series.from_pandas(back)
    assert again.equals(s)


def test_from_pandas_with_integer_years_sorts_the_index() -> None:
    s = Series.from_pandas(pd.Series([3.0, 1.0, 2.0], index=[2022, 2020, 2021], name="GDP"))
    assert s.values.tolist() == [1.0, 2.0, 3.0]
    assert str(s.start) == "2020"
    assert s.name == "GDP"


def test_to_pandas_copies() -> None:
    s = Series([1.0, 2.0], start=2020)
    out = s.to_pandas()
    out.iloc[0] = 99.0
    assert s[2020] == 1.0


# ---- growth and CAGR ---------------------------------------------------------------------------


def test_cagr_1000_to_5000_over_2004_2015() -> None:
    # Census-year levels: (5000/1000)^(1/11) - 1, with the years in between missing.
    s = Series([1000.0] + [NAN] * 10 + [5000.0], start=2004, unit="亿元")
    assert s.cagr(2004, 2015) == pytest.approx(5 ** (1 / 11) - 1, rel=1e-14)
    assert s.cagr(pd.Period("2004", freq="Y"), "2015") == pytest.approx(5 ** (1 / 11) - 1, rel=1e-14)


def test_growth_and_yoy() -> None:
    s = Series([100.0, 110.0, 121.0, NAN, 150.0], start=2018, name="GDP")
    g = s.growth()
    assert math.isnan(g[2018]) and math.isnan(g[2021]) and math.isnan(g[2022])
    assert g[2019] == pytest.approx(0.1, rel=1e-14)
    assert g.unit.is_dimensionless
    assert g.name == "GDP growth"
    q = Series([100.0, 90.0, 95.0, 120.0, 110.0, 99.0], start="2021Q1")
    y = q.yoy()
    assert np.isnan(y.values[:4]).all()
    assert y.values[4:] == pytest.approx([110 / 100 - 1, 99 / 90 - 1], rel=1e-14)


def test_average_growth_of_levels_and_of_rates() -> None:
    # A 13.5% cut over five years is 1 - 0.865^(1/5) = 2.859% a year.
    levels = Series([1.0, NAN, NAN, NAN, NAN, 0.865], start=2015)
    assert levels.average_growth(5) == pytest.approx(0.865 ** 0.2 - 1, rel=1e-13)
    assert round(-levels.average_growth(5), 5) == 0.02859
    assert haidian.average_growth([0.05, 0.10]) == pytest.approx(math.sqrt(1.05 * 1.10) - 1, rel=1e-14)
    assert haidian.average_growth(pd.Series([0.05, 0.10])) == pytest.approx(math.sqrt(1.155) - 1, rel=1e-14)
    in_percent = Series([5.0, 10.0], start=2021, unit="%")
    assert haidian.average_growth(in_percent) == pytest.approx(math.sqrt(1.155) - 1, rel=1e-14)


# ---- levels from growth, rebasing, deflation ---------------------------------------------------


def test_haidian_2022_comparable_growth_implies_2021_level() -> None:
    # Source: Haidian district 2022 report: "2022年北京海淀地区生产总值达到10206.9亿元，同比增长3.5%".
    s = Series.from_growth([0.035], 10206.9, 2022, start=2022, unit="亿元", name="GDP")
    assert s[2021] == pytest.approx(10206.9 / 1.035, rel=1e-14)
    assert s[2022] == 10206.9
    assert s.price_basis == PriceBasis.comparable(2022)
    # Same from a pandas Series of rates and with the default start (the period after the base).
    rates = pd.Series([0.035], index=pd.period_range("2022", periods=1, freq="Y"))
    assert Series.from_growth(rates, 10206.9, 2022, unit="亿元", name="GDP").isclose(s)
    from_base_2021 = Series.from_growth([0.035], 10206.9 / 1.035, 2021)
    assert from_base_2021[2022] == pytest.approx(10206.9, rel=1e-14)


def test_from_growth_base_anywhere_in_the_span() -> None:
    rates = [0.10, 0.20, -0.10]  # 2016..2018; with 2015 = 100: 100, 110, 132, 118.8
    expected = [100.0, 110.0, 132.0, 118.8]
    for base, value in zip([2015, 2016, 2017, 2018], expected):
        s = Series.from_growth(rates, value, base, start=2016)
        assert s.values.tolist() == pytest.approx(expected, rel=1e-13)


def test_chain_linking_then_rebasing_round_trips() -> None:
    rates = [0.071, 0.068, 0.069, 0.060, 0.022]
    levels = Series.from_growth(rates, 5000.0, 2020, start=2016)
    index = levels.rebase(2015, to=100)
    direct = Series.from_growth(rates, 100.0, 2015, start=2016)
    assert index.values == pytest.approx(direct.values, rel=1e-13)
    assert index.unit == Unit("index")


def test_deflate_with_an_index_of_any_base() -> None:
    nominal = Series([100.0, 121.0, 146.41], start=2020, unit="亿元", price_basis="current")
    index_2020 = Series([100.0, 110.0, 121.0], start=2020, unit="index")
    real = nominal.deflate(index_2020, 2020)
    assert real.values == pytest.approx([100.0, 110.0, 121.0], rel=1e-13)
    assert real.price_basis == PriceBasis("comparable 2020")
    index_2022 = pd.Series([1 / 1.21, 1 / 1.1, 1.0], index=[2020, 2021, 2022])  # 2022 = 1
    assert nominal.deflate(index_2022, 2020).isclose(real, rtol=1e-13)


# ---- ratios, shares, alignment, arithmetic -----------------------------------------------------


def test_intensity_in_a_derived_unit() -> None:
    # 1000 万吨标准煤 / 10350 亿元 = 1e7 tce / 1.035e12 yuan = 1000/10350 吨标准煤/万元.
    energy = Series([1000.0, 990.0], start=2021, unit="万吨标准煤", name="energy")
    gdp = Series([10000.0, 10350.0, 10700.0], start=2020, unit="亿元", name="GDP", price_basis="comparable 2020")
    intensity = energy.ratio(gdp)
    assert intensity.unit == Unit("吨标准煤/万元")
    assert str(intensity.start) == "2021"
    assert intensity.to("吨标准煤/万元").values == pytest.approx([1000 / 10350, 990 / 10700], rel=1e-14)
    assert intensity.price_basis == PriceBasis.comparable(2020)
    assert (energy / gdp).equals(intensity)
    assert energy.intensity(gdp.to_pandas()).isclose(intensity)


def test_share_align_and_arithmetic() -> None:
    part = Series([10206.9], start=2022, unit="亿元", price_basis="current")
    total = Series([4.16106], start=2022, unit="万亿元", price_basis="current")
    assert part.share(total)[2022] == pytest.approx(10206.9 / 41610.6, rel=1e-14)
    a = Series([1.0, 2.0, 3.0, 4.0], start=2018, unit="亿元")
    b = Series([10000.0, 20000.0, 30000.0], start=2020, unit="万元")
    x, y = haidian.align(a, b)
    assert str(x.start) == str(y.start) == "2020" and len(x) == len(y) == 2
    assert y.unit == Unit("万元")
    # 万元 -> 亿元 multiplies by 1e-4, which is not a double: a few ulps.
    assert (a + b).values.tolist() == pytest.approx([4.0, 6.0], rel=1e-14)
    assert (a - b).values.tolist() == pytest.approx([2.0, 2.0], rel=1e-14)
    assert (2 * a).values.tolist() == [2.0, 4.0, 6.0, 8.0]
    assert (a / 4).values.tolist() == [0.25, 0.5, 0.75, 1.0]
    assert a[2019:2020].values.tolist() == [2.0, 3.0]


# ---- products ------------------------------------------------------------------------------------


def test_intensity_times_output_is_resource_use() -> None:
    # By hand: 0.30 吨标准煤/万元 × 10000 亿元 = 0.30 tce/1e4 yuan × 1e12 yuan = 3e7 tce = 3000 万吨标准煤.
    intensity = Series([0.30, 0.28, 0.26], start=2021, unit="吨标准煤/万元", name="intensity",
                       price_basis="comparable 2020")
    gdp = Series([9500.0, 10000.0, 10350.0], start=2020, unit="亿元", name="GDP", price_basis="comparable 2020")
    energy = intensity * gdp
    assert energy.unit.symbol == "万吨标准煤"
    assert str(energy.start) == "2021" and len(energy) == 2
    assert energy.values == pytest.approx([0.30 * 10000, 0.28 * 10350], rel=1e-14)
    assert energy.price_basis == PriceBasis.none()
    assert energy.name == "intensity × GDP"
    assert (gdp * intensity).isclose(energy, rtol=1e-15)
    assert intensity.product(gdp.to_pandas()).equals(energy)
    # In 吨标准煤 the same energy is 1e4 times larger, as an independent numpy product shows.
    expected = np.array([0.30, 0.28]) * np.array([10000.0, 10350.0]) * 1e8 / 1e4
    assert energy.to("吨标准煤").values == pytest.approx(expected, rel=1e-14)


def test_ratio_then_product_round_trips() -> None:
    energy = Series([1000.0, 990.0, NAN], start=2020, unit="万吨标准煤", name="energy")
    gdp = Series([10000.0, 10350.0, 10700.0], start=2020, unit="亿元", price_basis="comparable 2020")
    back = energy.ratio(gdp) * gdp
    assert back.unit.symbol == "万吨标准煤"
    assert back.price_basis == PriceBasis.none()
    assert back.rename("energy").isclose(energy, rtol=1e-15)
    # 12 万元/人 × 2000 万人 = 24000 亿元, current prices kept from the priced factor.
    total = Series([12.0], start=2022, unit="万元/人", price_basis="current") * Series([2000.0], start=2022, unit="万人")
    assert total.unit.symbol == "亿元" and total[2022] == pytest.approx(24000.0, rel=1e-14)
    assert total.price_basis == PriceBasis.current()


def test_product_units_and_scalars() -> None:
    gdp = Series([10000.0, 12000.0], start=2021, unit="亿元", price_basis="current")
    share = Series([30.0, 25.0], start=2021, unit="%")
    part = share * gdp
    assert part.unit.symbol == "亿元" and part.values == pytest.approx([3000.0, 3000.0], rel=1e-14)
    assert part.price_basis == PriceBasis.current()
    cost = Series([0.5], start=2022, unit="吨标准煤/万元") * Series([2000.0], start=2022, unit="元/吨标准煤")
    assert cost.unit.is_dimensionless and cost[2022] == pytest.approx(0.1, rel=1e-14)
    per_person = Series([0.3], start=2022, unit="吨标准煤/万元") * Series([15.0], start=2022, unit="万元/人")
    assert per_person.unit == Unit("吨标准煤/人") and per_person.to("吨标准煤/人")[2022] == pytest.approx(4.5, rel=1e-14)
    # Scalars on either side keep unit, basis and name.
    assert (gdp * 2).values.tolist() == [20000.0, 24000.0]
    assert (0.5 * gdp).values.tolist() == [5000.0, 6000.0]
    assert (0.5 * gdp).unit == gdp.unit and (gdp * np.float64(2.0)).price_basis == gdp.price_basis


def test_product_errors() -> None:
    real = Series([0.3], start=2022, unit="吨标准煤/万元", price_basis="comparable 2020")
    nominal = Series([12000.0], start=2022, unit="亿元", price_basis="current")
    with pytest.raises(haidian.UnitError, match="Series.product: price bases 'comparable 2020' and 'current' differ"):
        real * nominal
    with pytest.raises(haidian.UnitError, match="Series.product: periods .* have different frequencies"):
        real * Series([1.0], start="2022Q1")
    with pytest.raises(ValueError, match="Series.product: the series cover 2022..2022 and 2030..2030"):
        real.product(Series([1.0], start=2030))
    with pytest.raises(ValueError, match=r"the product at 2022 of 1e\+200 and 1e\+200 overflows a double"):
        Series([1e200], start=2022) * Series([1e200], start=2022)
    with pytest.raises(TypeError, match="Series.product: other must be a haidian.Series or a pandas Series, got list"):
        real.product([1.0])
    with pytest.raises(TypeError, match="Series.multiply: factor must be a number, got str"):
        real * "2"
    with pytest.raises(TypeError, match="Series.multiply: factor must be a number, got str"):
        "2" * real


# ---- pickling and display ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "series",
    [
        Series([1.0, NAN, 3.0], start=2015, name="GDP", unit="亿元", price_basis="comparable 2015"),
        Series([0.1, 0.2], start="2021Q4", unit="万吨标准煤/亿元"),
        Series([5.0], start="2022-07", unit="件/万元", name="专利"),
        Series([1.0, 2.0], start=2020),
    ],
    ids=["annual-priced", "quarterly-derived", "monthly-opaque", "plain"],
)
def test_pickle_round_trip(series: Series) -> None:
    back = pickle.loads(pickle.dumps(series))
    assert back.equals(series)
    assert back.unit.scale == series.unit.scale
    assert back.unit.symbol == series.unit.symbol


def test_repr_and_html() -> None:
    s = Series(np.arange(1.0, 21.0), start=2001, name="GDP <Haidian>", unit="亿元", price_basis="current")
    text = repr(s)
    assert "GDP <Haidian>" in text and "亿元" in text and "current" in text and "2001..2020" in text
    assert "..." in text  # long series are shortened
    page = s._repr_html_()
    assert "<table>" in page and "GDP &lt;Haidian&gt;" in page and "2020" in page and "亿元" in page


# ---- properties --------------------------------------------------------------------------------



# Growth g = x_t/x_{t-1} - 1 carries an absolute error of about 1e-16, so 1 + g loses relative accuracy
# when a level falls by orders of magnitude in one period; keep steps within a factor 1e4.
moderate_levels = st.lists(st.floats(min_value=1.0, max_value=1e4), min_size=2, max_size=15)


@pytest.mark.filterwarnings("ignore::haidian.RateWarning")  # large random rates are the point here
@settings(max_examples=60, deadline=None)
@given(moderate_levels, st.integers(min_value=1900, max_value=2100))
def test_property_growth_then_from_growth_reproduces_levels(levels: list[float], start: int) -> None:
    s = Series(levels, start=start)
    rates = s.growth().values[1:]
    rebuilt = Series.from_growth(rates, levels[0], start, start=start + 1, price_basis=None)
    assert rebuilt.values == pytest.approx(levels, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(moderate_levels.filter(lambda xs: len(xs) >= 3), st.data())
def test_property_cagr_composes_over_a_split(levels: list[float], data: st.DataObject) -> None:
    n = len(levels)
    a = 2000
    b = a + data.draw(st.integers(min_value=1, max_value=n - 2))
    c = a + data.draw(st.integers(min_value=b - a + 1, max_value=n - 1))
    s = Series(levels, start=a)
    whole = (1 + s.cagr(a, c)) ** (c - a)
    parts = (1 + s.cagr(a, b)) ** (b - a) * (1 + s.cagr(b, c)) ** (c - b)
    assert whole == pytest.approx(parts, rel=1e-9)
    assert whole == pytest.approx(levels[c - a] / levels[0], rel=1e-9)


money = ["元", "千元", "万元", "亿元", "万亿元", "yuan", "10k yuan", "100m yuan"]
area = ["平方米", "亩", "公顷", "平方公里", "km2", "ha", "m2"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([money, area]).flatmap(lambda units: st.tuples(st.sampled_from(units),
                                                                      st.sampled_from(units))),
       # Magnitudes whose conversions stay normal doubles (an underflow is an error: test_extremes.py).
       st.lists(st.floats(min_value=-1e9, max_value=1e9).filter(lambda v: v == 0.0 or abs(v) > 1e-290),
                min_size=1, max_size=5))
def test_property_unit_conversions_round_trip(pair: tuple[str, str], values: list[float]) -> None:
    a, b = pair
    s = Series(values, start=2020, unit=a)
    back = s.to(b).to(a)
    assert back.values == pytest.approx(values, rel=1e-12, abs=1e-300)
    assert s.to(b).unit == Unit(b)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=-0.5, max_value=0.5), min_size=1, max_size=12))
def test_property_average_growth_of_rates_equals_cagr_of_chained_levels(rates: list[float]) -> None:
    levels = Series.from_growth(rates, 100.0, 2000)
    assert haidian.average_growth(rates) == pytest.approx(
        levels.cagr(2000, 2000 + len(rates)), rel=1e-9, abs=1e-12)


def test_average_growth_ending_before_the_last_period_and_monthly_yoy() -> None:
    s = Series([100.0, 107.0, 112.0, 125.0], start=2019)
    assert s.average_growth(2, end=2021) == pytest.approx((112 / 100) ** 0.5 - 1, rel=1e-14)
    monthly = Series(np.arange(1.0, 15.0), start="2021-01")
    y = monthly.yoy()
    assert np.isnan(y.values[:12]).all()
    assert y.values[12:] == pytest.approx([13 / 1 - 1, 14 / 2 - 1], rel=1e-14)
    assert str(y.start) == "2021-01"
