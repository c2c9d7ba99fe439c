"""Every province at once: the decoupling and target functions on a years × provinces DataFrame against a
loop of the one-series functions written here, and the bureaus' plan conventions against closed forms."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import haidian

PROVINCES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
             "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"]
YEARS = [2026, 2025, 2024, 2023, 2022, 2021]  # descending, as bulletins list them


def _frame(low: float, high: float, seed: int) -> pd.DataFrame:
    values = np.random.default_rng(seed).uniform(low, high, size=(len(YEARS), len(PROVINCES)))
    return pd.DataFrame(values, index=pd.Index(YEARS, name="year"), columns=pd.Index(PROVINCES, name="province"))


@pytest.fixture
def growth():
    energy = _frame(-0.04, 0.06, 1)
    gdp = _frame(0.01, 0.08, 2)
    energy.loc[2023, "西藏"] = np.nan  # a missing province-year
    # GDP on the years in ascending order and the provinces in another order: matched by label
    return energy, gdp.iloc[::-1, ::-1]


def _per_province(function, energy, gdp):
    """The one-series function province by province, on the energy frame's layout."""
    return pd.DataFrame({p: function(energy[p], gdp[p].reindex(energy.index)) for p in energy.columns},
                        index=energy.index)


@pytest.mark.parametrize("name", ["intensity_change", "decoupling_ratio", "decoupling_factor", "energy_elasticity"])
def test_element_wise_frames_match_a_loop(growth, name: str) -> None:
    energy, gdp = growth
    function = getattr(haidian, name)
    result = function(energy, gdp)
    assert isinstance(result, pd.DataFrame)
    assert result.index.equals(energy.index) and result.columns.equals(energy.columns)
    expected = _per_province(lambda e, y: function(e, y), energy, gdp)
    pd.testing.assert_frame_equal(result, expected, check_names=False, rtol=1e-15, atol=0)
    assert math.isnan(result.loc[2023, "西藏"])
    assert result.drop(columns="西藏").notna().all().all()


def test_intensity_change_closed_form(growth) -> None:
    energy, gdp = growth
    result = haidian.intensity_change(energy, gdp)
    e, y = energy.loc[2024, "广东"], gdp.loc[2024, "广东"]
    assert result.loc[2024, "广东"] == pytest.approx((1 + e) / (1 + y) - 1, rel=1e-13)


def test_implied_growth_and_annual_rate_frames(growth) -> None:
    energy, gdp = growth
    cut = haidian.intensity_change(energy, gdp)
    implied = haidian.implied_resource_growth(gdp.loc[energy.index, energy.columns], cut)
    mask = energy.notna()
    np.testing.assert_allclose(implied[mask].to_numpy(dtype=float), energy[mask].to_numpy(dtype=float), rtol=0,
                               atol=1e-15)
    five = haidian.annual_rate(cut * 5, 5)
    assert five.loc[2022, "江苏"] == pytest.approx((1 + 5 * cut.loc[2022, "江苏"]) ** 0.2 - 1, rel=1e-13)
    assert math.isnan(five.loc[2023, "西藏"])


def test_tapio_frame(growth) -> None:
    energy, gdp = growth
    result = haidian.tapio(energy, gdp)
    assert isinstance(result.elasticity, pd.DataFrame) and isinstance(result.state, pd.DataFrame)
    assert result.state.columns.equals(energy.columns) and result.state.index.equals(energy.index)
    for province in PROVINCES:
        one = haidian.tapio(energy[province], gdp[province].reindex(energy.index))
        np.testing.assert_array_equal(result.elasticity[province].to_numpy(), one["elasticity"].to_numpy())
        def labels(states):
            return [None if pd.isna(state) else state for state in states]

        assert labels(result.state[province].tolist()) == labels(one["state"].tolist())
    assert pd.isna(result.state.loc[2023, "西藏"]) and math.isnan(result.elasticity.loc[2023, "西藏"])
    # by hand: energy falling while GDP grows is strong decoupling
    falling = energy.to_numpy() < 0
    assert (result.state.to_numpy()[falling] == "strong decoupling").all()


def test_nbs_multi_year_elasticity(growth) -> None:
    energy, gdp = growth
    annual = haidian.energy_elasticity(energy, gdp, average="annual")
    cumulative = haidian.energy_elasticity(energy, gdp, average="cumulative")
    assert isinstance(annual, pd.Series) and annual.index.equals(energy.columns)
    for province in PROVINCES:
        if province == "西藏":
            assert math.isnan(annual[province]) and math.isnan(cumulative[province])
            continue
        e = np.prod(1 + energy[province].to_numpy())
        y = np.prod(1 + gdp[province].to_numpy())
        n = len(YEARS)
        assert annual[province] == pytest.approx((e ** (1 / n) - 1) / (y ** (1 / n) - 1), rel=1e-12)
        assert cumulative[province] == pytest.approx((e - 1) / (y - 1), rel=1e-12)


def test_nbs_elasticity_by_hand() -> None:
    # energy +2%, GDP +6% a year for five years: the averages are the annual rates themselves
    assert haidian.energy_elasticity([0.02] * 5, [0.06] * 5, average="annual") == pytest.approx(1 / 3, rel=1e-13)
    assert haidian.energy_elasticity([0.02] * 5, [0.06] * 5, average="cumulative") == pytest.approx(
        (1.02 ** 5 - 1) / (1.06 ** 5 - 1), rel=1e-13)
    with pytest.raises(ValueError, match="average is 'mean'"):
        haidian.energy_elasticity([0.02], [0.06], average="mean")


def test_target_progress_per_province(growth) -> None:
    energy, gdp = growth
    achieved = haidian.intensity_change(energy, gdp).loc[[2023, 2022]]  # two years of a five-year plan
    targets = pd.Series(np.linspace(-0.10, -0.16, len(PROVINCES)), index=PROVINCES[::-1])
    table = haidian.target_progress(targets, 5, achieved)
    assert table.index.equals(achieved.columns)
    assert all(str(t) == "float64" for t in table.dtypes)
    for province in PROVINCES:
        row = table.loc[province]
        if province == "西藏":
            assert row.isna().all()
            continue
        one = haidian.target_progress(float(targets[province]), 5, achieved[province])
        assert row["achieved_cumulative"] == pytest.approx(one.achieved_cumulative, rel=1e-15)
        assert row["required_annual"] == pytest.approx(one.required_annual, rel=1e-15)
        assert row["on_schedule"] == float(one.on_schedule)
        done = (1 + achieved.loc[2022, province]) * (1 + achieved.loc[2023, province]) - 1
        assert row["completion"] == pytest.approx(done / targets[province], rel=1e-12)
        assert row["time_progress"] == 0.4
        assert row["on_time_schedule"] == float(done / targets[province] >= 0.4)


def test_time_schedule_closed_form() -> None:
    # 40.85% of a 13.5% cut after 2 of 5 years: on the bureaus' schedule, short of the even path
    second = (1 - 0.135 * 0.4085) / 0.97 - 1
    p = haidian.target_progress(-0.135, 5, pd.Series([-0.03, second], index=[2021, 2022], name="河北"))
    assert p.completion == pytest.approx(0.4085, rel=1e-12)
    assert p.time_progress == 0.4 and p.on_time_schedule
    assert -0.135 * 0.4085 > 0.865 ** 0.4 - 1 and not p.on_schedule
    row = p.to_frame()
    assert row.index.tolist() == ["河北"] and (row.dtypes == np.float64).all()
    assert p.to_series().name == "河北"
    behind = haidian.target_progress(-0.135, 5, [-0.03, (1 - 0.135 * 0.39) / 0.97 - 1])
    assert not behind.on_time_schedule


def test_resource_cap_plan_years() -> None:
    cap = haidian.resource_cap(100.0, pd.Series([0.05, 0.06], index=[2021, 2022]), cumulative_intensity_change=-0.135,
                               plan_years=5)
    annual = 0.865 ** 0.2
    assert cap.tolist() == pytest.approx([100 * 1.05 * annual, 100 * 1.05 * 1.06 * annual ** 2], rel=1e-13)
    squeezed = haidian.resource_cap(100.0, [0.05, 0.06], cumulative_intensity_change=-0.135)
    assert squeezed.iloc[-1] == pytest.approx(100 * 1.05 * 1.06 * 0.865, rel=1e-13)
    with pytest.raises(ValueError, match="output_growth has 6 years, but the plan has 5"):
        haidian.resource_cap(100.0, [0.05] * 6, cumulative_intensity_change=-0.135, plan_years=5)
    with pytest.raises(ValueError, match="plan_years spreads cumulative_intensity_change"):
        haidian.resource_cap(100.0, [0.05], -0.03, plan_years=5)


def test_errors_name_period_and_province(growth) -> None:
    energy, gdp = growth
    bad = energy.copy()
    bad.loc[2024, "湖南"] = -1.5
    with pytest.raises(ValueError, match=r"resource_growth\[2024, '湖南'\] is -1.5"):
        haidian.intensity_change(bad, gdp)
    with pytest.raises(ValueError, match=r"output_growth\[2022, '河南'\] is 0"):
        zero = gdp.copy()
        zero.loc[2022, "河南"] = 0.0
        haidian.energy_elasticity(energy, zero)
    with pytest.raises(ValueError, match=r"achieved\[2024, '湖南'\] is -1.5"):
        haidian.target_progress(-0.135, 6, bad.fillna(0.0))
    with pytest.raises(ValueError, match=r"the regions of the inputs differ: output_growth lacks '北京'"):
        haidian.tapio(energy, gdp.drop(columns="北京"))
    with pytest.raises(TypeError, match="give both as DataFrames"):
        haidian.intensity_change(energy, 0.05)
    with pytest.raises(TypeError, match=r"\['北京'\] has dtype object"):
        haidian.intensity_change(energy.astype({"北京": object}), gdp)
