"""Tidy long tables <-> wide panels (haidian.to_panels / to_panel / to_tidy): round trips as a
property, the bundled dataset, and one test per bad input."""

from __future__ import annotations

import copy
import csv
import pathlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian

DATA = pathlib.Path(haidian.__file__).parent / "app" / "data" / "haidian_2022.csv"


def table() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": ["energy"] * 4 + ["output"] * 4,
        "region": ["industry", "services"] * 4,
        "period": [2021, 2021, 2022, 2022] * 2,
        "value": [1.0, 2.0, 1.5, 2.5, 10.0, 20.0, 11.0, 22.0],
        "unit": ["万吨标准煤"] * 4 + ["亿元"] * 4,
    })


def test_to_panels_builds_one_labelled_panel_per_indicator() -> None:
    data = table()
    before = data.copy(deep=True)
    panels = haidian.to_panels(data)
    assert list(panels) == ["energy", "output"]
    energy = panels["energy"]
    expected = pd.DataFrame({"industry": [1.0, 1.5], "services": [2.0, 2.5]},
                            index=pd.Index([2021, 2022], name="period"))
    expected.columns.name = "region"
    pd.testing.assert_frame_equal(energy, expected)
    assert energy.attrs == {"indicator": "energy", "unit": "万吨标准煤"}
    assert panels["output"].attrs["unit"] == "亿元"
    pd.testing.assert_frame_equal(data, before)  # the input is not modified
    pd.testing.assert_frame_equal(haidian.to_panel(data, "output"), panels["output"])


def test_panel_order_periods_sorted_columns_as_first_seen() -> None:
    data = table().iloc[::-1].reset_index(drop=True)
    panel = haidian.to_panel(data, "energy")
    assert list(panel.index) == [2021, 2022]
    assert list(panel.columns) == ["services", "industry"]  # first seen in the reversed table


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["2021", "2021", "2022", "2022"], pd.Index([2021, 2022], dtype="int64")),
        ([2021.0, 2021.0, 2022.0, 2022.0], pd.Index([2021, 2022], dtype="int64")),
        ([pd.Period("2022Q1")] * 2 + [pd.Period("2022Q2")] * 2,
         pd.PeriodIndex(["2022Q1", "2022Q2"], freq="Q")),
        (["2022-01", "2022-01", "2022-02", "2022-02"], pd.PeriodIndex(["2022-01", "2022-02"], freq="M")),
    ],
    ids=["year-strings", "year-floats", "periods", "month-strings"],
)
def test_period_labels_become_years_or_a_period_index(periods, expected) -> None:
    data = table().iloc[:4].assign(period=periods)
    panel = haidian.to_panel(data, "energy")
    pd.testing.assert_index_equal(panel.index, expected.rename("period"))


def test_filters_select_rows_before_pivoting() -> None:
    data = pd.concat([table(), table().assign(unit="fraction", kind="growth", value=0.1)])
    data["kind"] = data["kind"].fillna("level")
    panel = haidian.to_panel(data, "energy", kind="level")
    assert panel.attrs["unit"] == "万吨标准煤"
    assert panel.loc[2022, "services"] == 2.5
    panels = haidian.to_panels(data, ["output"], kind=["growth"])
    assert list(panels) == ["output"] and (panels["output"].to_numpy() == 0.1).all()


def test_bundled_dataset_levels_pivot_to_the_article_s_figures() -> None:
    data = haidian.datasets.haidian_2022()
    before = data.copy(deep=True)
    gdp = haidian.to_panel(data, "gdp", kind="level", region="haidian")
    # The article: GDP first reached 1000 亿元 in 2004, passed 5000 亿元 in 2015 and was 10206.9
    # 亿元 in 2022 (article 全国首个减量发展城市北京怎么做?, 2023: "从2004年经济总量首次达到1000亿元..." and "10206.9亿元").
    assert gdp.attrs["unit"] == "亿元"
    assert gdp.loc[2022, "haidian"] == 10206.9
    # Independently: every level row of the CSV for gdp/haidian is in the panel with its value.
    with open(DATA, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle)
                if r["indicator"] == "gdp" and r["region"] == "haidian" and r["kind"] == "level"]
    assert len(rows) == gdp.shape[0]
    for row in rows:
        assert gdp.loc[int(row["period"]), "haidian"] == float(row["value"])
    pd.testing.assert_frame_equal(data, before)


def test_bundled_dataset_mixed_kinds_are_refused_with_a_hint() -> None:
    data = haidian.datasets.haidian_2022()
    # Levels (亿元), growth rates and shares (fractions) of GDP: the hint names the column to filter on.
    with pytest.raises(haidian.UnitError, match="to_panels: indicator 'gdp' is given in more than one "
                                                r"unit .* select rows with e.g. kind='level'"):
        haidian.to_panel(data, "gdp")


def test_to_tidy_gives_the_dataset_columns_in_order() -> None:
    panel = pd.DataFrame({"a": [1.0, 1.5], "b": [2.0, np.nan]}, index=[2021, 2022])
    before = panel.copy()
    long = haidian.to_tidy({"energy": panel}, unit="万吨标准煤")
    assert list(long.columns) == ["indicator", "region", "period", "value", "unit"]
    assert long[["region", "period"]].values.tolist() == [["a", 2021], ["b", 2021], ["a", 2022],
                                                          ["b", 2022]]
    np.testing.assert_array_equal(long["value"], [1.0, 2.0, 1.5, np.nan])
    assert set(long["unit"]) == {"万吨标准煤"}
    assert len(haidian.to_tidy({"energy": panel}, unit="万吨标准煤", dropna=True)) == 3
    pd.testing.assert_frame_equal(panel, before)
    sector = haidian.to_tidy(panel, indicator="energy", unit="tce", columns="sector", index="year")
    assert list(sector.columns) == ["indicator", "sector", "year", "value", "unit"]
    single = pd.Series([3.0, 4.0], index=[2021, 2022], name="haidian")
    one = haidian.to_tidy(single, indicator="gdp", unit="亿元")
    assert one["region"].tolist() == ["haidian", "haidian"]


names = st.text(alphabet="abcdefgh海淀能源", min_size=1, max_size=5)


@settings(max_examples=40, deadline=None)
@given(
    indicators=st.lists(names, min_size=1, max_size=3, unique=True),
    regions=st.lists(names, min_size=1, max_size=4, unique=True),
    first=st.integers(1990, 2030),
    count=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_round_trip_panels_tidy_panels(indicators, regions, first, count, seed) -> None:
    rng = np.random.default_rng(seed)
    panels = {}
    for position, name in enumerate(indicators):
        frame = pd.DataFrame(rng.normal(size=(count, len(regions))),
                             index=pd.Index(range(first, first + count), name="period"),
                             columns=pd.Index(regions, name="region"))
        frame.attrs["unit"] = ["亿元", "万吨标准煤", "km²"][position % 3]
        panels[name] = frame
    back = haidian.to_panels(haidian.to_tidy(panels))
    assert list(back) == indicators
    for name in indicators:
        pd.testing.assert_frame_equal(back[name], panels[name])
        assert back[name].attrs["unit"] == panels[name].attrs["unit"]


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "match"),
    [
        (table().assign(period=[2021, None, 2022, 2022] * 2), {}, ValueError,
         r"to_panels: data\['period'\] at row 1 is missing \(indicator 'energy'\)"),
        (table().assign(region=["industry", None] * 4), {}, ValueError,
         r"to_panels: data\['region'\] at row 1 is missing"),
        ("not a frame", {}, TypeError, "to_panels: data is str, but must be a pandas DataFrame"),
        (table().drop(columns="unit"), {}, ValueError, "to_panels: data has no column 'unit'"),
        (table(), {"columns": "sector"}, ValueError, "to_panels: data has no column 'sector'"),
        (table(), {"missing": "drop"}, ValueError, "to_panels: missing is 'drop', but must be"),
        (table(), {"indicators": ["water"]}, ValueError,
         "to_panels: indicators contains 'water', which is not in data"),
        (table(), {"region": "nowhere"}, ValueError, "to_panels: no rows of data match"),
        (table().iloc[:0], {}, ValueError, "to_panels: data has no rows"),
        (pd.concat([table(), table().iloc[[0]].assign(source="another table")]), {}, ValueError,
         r"to_panels: indicator 'energy' has 2 rows for region 'industry', period 2021 .*they differ "
         r"in \['source'\]"),
        (table().assign(period=["2021", "2021", "2022", "2022"] * 2).pipe(
            lambda d: pd.concat([d, d.iloc[[0]].assign(period=2021)])), {}, ValueError,
         "to_panels: indicator 'energy' has 2 rows for region 'industry', period"),
        (table().iloc[1:], {}, ValueError,
         r"to_panels: indicator 'energy' has no value for region 'industry', period 2021 \(1 missing"),
        (table().assign(value=[1.0, np.nan] + [1.0] * 6), {}, ValueError,
         "to_panels: indicator 'energy' has no value for region 'services', period 2021"),
        (table().assign(value=["1", "x"] + [1.0] * 6), {}, TypeError,
         r"to_panels: data\['value'\] at row 1 is 'x', but must be a number"),
        (table().assign(unit=["万吨标准煤", "吨标准煤"] + ["亿元"] * 6), {}, haidian.UnitError,
         r"to_panels: indicator 'energy' is given in more than one unit .*row 1 has '吨标准煤'"),
        (table().assign(value=[1.0, np.inf] + [1.0] * 6), {}, ValueError,
         r"to_panels: data\['value'\] at row 1 is inf, but must be finite \(indicator 'energy'\)"),
        (table().assign(period=[pd.Period("2021Q1", freq="Q"), 2021, 2022, 2022] * 2), {}, ValueError,
         r"to_panels: data\['period'\] \(indicator 'energy'\) mixes quarterly periods \(Q-DEC\) and years "
         r"\(e.g. 2021Q1, 2021\); convert the periods to one frequency"),
        (table().assign(region=["工业", "建筑业", "工业", "工业"] * 2), {}, ValueError,
         r"to_panels: indicator 'energy' has 2 rows for region '工业', period 2022"),
    ],
    ids=["period-missing", "region-missing", "not-frame", "no-unit-column", "no-sector-column", "bad-missing", "unknown-indicator",
         "filter-empty", "no-rows", "duplicate", "duplicate-after-conversion", "missing-cell",
         "nan-cell", "text-value", "two-units", "inf-cell", "quarter-and-year", "chinese-labels"],
)
def test_to_panels_bad_input(data, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        haidian.to_panels(data, **kwargs)


def test_missing_cells_can_be_kept_as_nan() -> None:
    panel = haidian.to_panel(table().iloc[1:], "energy", missing="keep")
    assert np.isnan(panel.loc[2021, "industry"]) and panel.loc[2022, "industry"] == 1.5


@pytest.mark.parametrize(
    ("panels", "kwargs", "error", "match"),
    [
        ({}, {}, ValueError, "to_tidy: panels is empty"),
        ({"e": pd.DataFrame({"a": [1.0]})}, {}, ValueError, r"to_tidy: panels\['e'\] has no unit"),
        ({"e": [1.0]}, {"unit": "t"}, TypeError, r"to_tidy: panels\['e'\] is list, but must be"),
        ({"e": pd.DataFrame({"a": [1.0]})}, {"unit": 5}, TypeError,
         r"to_tidy: the unit of panels\['e'\] is 5, but must be a string"),
        ({"e": pd.DataFrame({"a": [1.0, 2.0]}, index=[2021, 2021])}, {"unit": "t"}, ValueError,
         r"to_tidy: panels\['e'\] has the period 2021 twice"),
        ({"e": pd.DataFrame([[1.0, 2.0]], columns=["a", "a"])}, {"unit": "t"}, ValueError,
         r"to_tidy: panels\['e'\] has the column 'a' twice"),
        ({"e": pd.DataFrame({"a": ["x"]})}, {"unit": "t"}, TypeError,
         r"to_tidy: panels\['e'\] holds a value that is not a number"),
        (pd.DataFrame({"a": [1.0]}), {"unit": "t"}, ValueError,
         "to_tidy: panels is a single DataFrame without a name"),
        ({"e": pd.DataFrame({"a": [1.0]})}, {"unit": "t", "indicator": "e"}, ValueError,
         "to_tidy: indicator is only for a single DataFrame"),
        ([pd.DataFrame({"a": [1.0]})], {"unit": "t"}, TypeError, "to_tidy: panels is list"),
    ],
    ids=["empty", "no-unit", "not-frame", "unit-not-text", "dup-period", "dup-column", "text", "unnamed", "indicator-dict",
         "list"],
)
def test_to_tidy_bad_input(panels, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        haidian.to_tidy(panels, **kwargs)


def test_years_in_mixed_spellings_are_one_year() -> None:
    # Rows appended from a pandas Series (annual Periods, year-start stamps) to rows read from a file
    # (integers) name the same years.
    periods = [pd.Period("2021", freq="Y"), pd.Timestamp("2021-01-01"), "2022", 2022] * 2
    panel = haidian.to_panel(table().assign(period=periods), "energy")
    expected = haidian.to_panel(table(), "energy")
    pd.testing.assert_frame_equal(panel, expected)
    assert panel.index.dtype == np.int64


def test_panels_go_straight_into_decompose_in_any_row_order() -> None:
    data = table().iloc[::-1].reset_index(drop=True)
    panels = haidian.to_panels(data)
    r = haidian.decompose_intensity(panels["energy"], panels["output"])
    # Energy total 3.0 -> 4.0: the decomposed change is +1.0 whatever the order of the rows.
    assert r.total.loc[2022] == pytest.approx(1.0, rel=1e-14)
    assert list(r.sectors) == ["services", "industry"]


def test_to_panels_and_to_tidy_leave_their_inputs_alone() -> None:
    data = table().assign(period=[pd.Period("2021", freq="Y"), 2021, 2022, 2022] * 2)
    before = copy.deepcopy(data)
    haidian.to_panels(data)
    pd.testing.assert_frame_equal(data, before)
    panel = pd.DataFrame({"工业": [1.0, 2.0], "建筑业": [3.0, np.nan]}, index=[2022, 2021])
    panel.attrs["unit"] = "万吨标准煤"
    snapshot = copy.deepcopy(panel)
    tidy = haidian.to_tidy({"energy": panel}, dropna=True)
    pd.testing.assert_frame_equal(panel, snapshot)
    assert panel.attrs == snapshot.attrs
    assert list(tidy["region"]) == ["工业", "建筑业", "工业"]
