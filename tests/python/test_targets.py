"""Target arithmetic against hand calculations and published statistics (sources cited per test)."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian import (
    ConsistencyCheck,
    TargetProgress,
    annual_rate,
    chain_rates,
    check_consistency,
    cumulative_change,
    implied_output_growth,
    implied_resource_growth,
    intensity_change,
    resource_cap,
    rounded_intensity_change,
    target_progress,
)

# --------------------------------------------------------------------------------------------------
# Intensity change and implied growth
# --------------------------------------------------------------------------------------------------


def test_haidian_2022_implied_energy_growth() -> None:
    # Article 全国首个减量发展城市北京怎么做? (2023; 海淀 2022): GDP +3.5%, 单位地区生产总值能耗降幅 3%
    # -> energy 1.035 * 0.97 - 1 = +0.395%.
    assert implied_resource_growth(output_growth=0.035, intensity_change=-0.03) == pytest.approx(0.00395, abs=1e-15)
    assert intensity_change(resource_growth=0.00395, output_growth=0.035) == pytest.approx(-0.03, abs=1e-15)
    assert implied_output_growth(resource_growth=0.00395, intensity_change=-0.03) == pytest.approx(0.035, abs=1e-15)


# Published triples (GDP growth at comparable prices, energy consumption growth, intensity change, the
# intensity's published percentage decimals).
PUBLISHED = [
    # NBS 2021 statistical communiqué (中华人民共和国2021年国民经济和社会发展统计公报): GDP +8.1%,
    # energy consumption +5.2%, 万元国内生产总值能耗 -2.7%.
    pytest.param(0.081, 0.052, -0.027, 1, id="china-2021"),
    # NBS/NDRC/NEA, 2020年分省(区、市)万元地区生产总值能耗降低率等指标公报 (2021-08-23), note 3:
    # national intensity -0.1%, energy +2.2%; NBS 2020 communiqué: GDP +2.3%.
    pytest.param(0.023, 0.022, -0.001, 1, id="china-2020"),
    # Same bulletin, Beijing: intensity -9.18%, energy -8.1%; 北京市2020年统计公报: GDP +1.2%.
    pytest.param(0.012, -0.081, -0.0918, 2, id="beijing-2020"),
]


@pytest.mark.parametrize("gdp, energy, intensity, decimals", PUBLISHED)
def test_published_intensity_changes_reproduce_within_rounding(gdp: float, energy: float, intensity: float,
                                                               decimals: int) -> None:
    computed = intensity_change(resource_growth=energy, output_growth=gdp)
    # Inputs carry one decimal in percent: the computed rate may differ from the published one by at
    # most about 0.05 pp through the inputs' rounding, plus the published figure's own half unit.
    assert abs(computed - intensity) <= 0.0005 * 2 + 0.5 * 10 ** -(decimals + 2)
    check = check_consistency(gdp, energy, intensity, decimals=(1, 1, decimals))
    assert check.consistent
    assert check.excess == 0.0
    assert check.discrepancy == pytest.approx(intensity - computed, abs=1e-15)


def test_rounded_to_the_published_decimals_the_national_figures_match() -> None:
    assert round(intensity_change(resource_growth=0.052, output_growth=0.081) * 100, 1) == -2.7
    assert round(intensity_change(resource_growth=0.022, output_growth=0.023) * 100, 1) == -0.1


def test_series_in_series_out() -> None:
    years = pd.Index([2021, 2022], name="year")
    gdp = pd.Series([0.081, 0.035], index=years)
    intensity = pd.Series([-0.027, -0.03], index=years)
    energy = implied_resource_growth(output_growth=gdp, intensity_change=intensity)
    assert isinstance(energy, pd.Series) and energy.name == "implied_resource_growth"
    assert energy.index.equals(years)
    assert energy.loc[2022] == pytest.approx(1.035 * 0.97 - 1, abs=1e-15)
    back = intensity_change(resource_growth=energy, output_growth=gdp)
    np.testing.assert_allclose(back.to_numpy(), intensity.to_numpy(), atol=1e-15)
    arr = intensity_change(resource_growth=np.array([0.0, 0.1]), output_growth=0.1)
    assert arr.index.equals(pd.RangeIndex(2)) and arr.iloc[1] == 0.0


rate = st.floats(min_value=-0.95, max_value=3.0, allow_nan=False)


@pytest.mark.filterwarnings("ignore::haidian.RateWarning")  # large random rates are the point here
@settings(max_examples=300, deadline=None)
@given(rate, rate)
def test_implied_growth_inverts_intensity_change(output_growth: float, intensity: float) -> None:
    energy = implied_resource_growth(output_growth=output_growth, intensity_change=intensity)
    assert energy == pytest.approx((1 + output_growth) * (1 + intensity) - 1, rel=1e-12, abs=1e-14)
    if energy > -1:
        assert intensity_change(resource_growth=energy, output_growth=output_growth) == pytest.approx(
            intensity, rel=1e-9, abs=1e-12)
        assert implied_output_growth(resource_growth=energy, intensity_change=intensity) == pytest.approx(
            output_growth, rel=1e-9, abs=1e-12)


def test_intensity_change_keeps_digits_when_growth_rates_are_close() -> None:
    # (1 + g_R)/(1 + g_Y) - 1 loses ~8 digits here; the core's (g_R - g_Y)/(1 + g_Y) does not.
    resource_growth = 0.05 + 1e-10  # the double's difference from 0.05 is exact (Sterbenz), 1e-10 is not
    assert intensity_change(resource_growth=resource_growth, output_growth=0.05) == pytest.approx(
        (resource_growth - 0.05) / 1.05, rel=1e-14, abs=0)


# --------------------------------------------------------------------------------------------------
# Cumulative <-> annual
# --------------------------------------------------------------------------------------------------


def test_five_year_cut_of_13_5_percent_is_2_859_a_year() -> None:
    # 14th five-year plan energy-intensity target: -13.5% over 2021-2025 = 1 - 0.865^(1/5) a year.
    a = annual_rate(-0.135, 5)
    assert a == pytest.approx(0.865 ** 0.2 - 1, rel=1e-13)
    assert round(a * 100, 3) == -2.859
    assert cumulative_change(a, 5) == pytest.approx(-0.135, rel=1e-13)


def test_chain_and_average_rates() -> None:
    rates = pd.Series([0.081, 0.030, 0.052], index=[2021, 2022, 2023])
    assert chain_rates(rates) == pytest.approx(1.081 * 1.03 * 1.052 - 1, rel=1e-13)
    assert annual_rate(chain_rates(rates), len(rates)) == pytest.approx((1.081 * 1.03 * 1.052) ** (1 / 3) - 1,
                                                                     rel=1e-13)
    assert chain_rates([]) == 0.0
    series = annual_rate(pd.Series([-0.135, 0.2], index=["energy", "gdp"]), 5)
    assert series.index.tolist() == ["energy", "gdp"] and series.name == "annual_rate"


@pytest.mark.filterwarnings("ignore::haidian.RateWarning")  # large random rates are the point here
@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-0.9, max_value=5.0), st.integers(min_value=1, max_value=30))
def test_annual_and_cumulative_round_trip(change: float, years: int) -> None:
    a = annual_rate(change, years)
    assert cumulative_change(a, years) == pytest.approx(change, rel=1e-10, abs=1e-13)
    assert chain_rates([a] * years) == pytest.approx(change, rel=1e-10, abs=1e-13)


@pytest.mark.parametrize(
    "call, error, pattern",
    [
        (lambda: annual_rate(-0.135, 0), ValueError, r"annual_rate: years is 0, but must be positive"),
        (lambda: annual_rate(-1.0, 5), ValueError, r"annual_rate: cumulative_change is -1, but must be a growth rate"),
        (lambda: annual_rate([0.1, math.inf], 5), ValueError, r"annual_rate: cumulative_change\[1\] is inf"),
        (lambda: annual_rate(0.1, "5"), TypeError, r"annual_rate: years is '5', but must be a number"),
        (lambda: cumulative_change(-1.5, 5), ValueError, r"cumulative_change: annual_rate is -1.5"),
        (lambda: chain_rates(pd.Series([0.1, -1.0], index=[2021, 2022])), ValueError,
         r"chain_rates: rates\[2022\] is -1"),
        (lambda: chain_rates([0.1, math.inf]), ValueError, r"chain_rates: rates\[1\] is inf"),
    ],
    ids=["zero-years", "minus-100%", "nan-in-array", "string-years", "cumulative-bad-rate", "series-label",
         "inf"],
)
def test_rate_conversions_bad_input(call, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        call()


# --------------------------------------------------------------------------------------------------
# Plan progress
# --------------------------------------------------------------------------------------------------


def test_progress_and_cut_still_needed() -> None:
    achieved = pd.Series([-0.027, -0.001], index=pd.Index([2021, 2022], name="year"))
    p = target_progress(-0.135, 5, achieved)
    assert isinstance(p, TargetProgress)
    done = 0.973 * 0.999
    assert p.achieved_cumulative == pytest.approx(done - 1, rel=1e-13)
    assert p.required_annual == pytest.approx((0.865 / done) ** (1 / 3) - 1, rel=1e-12)
    assert p.scheduled_cumulative == pytest.approx(0.865 ** 0.4 - 1, rel=1e-12)
    assert not p.on_schedule and not p.target_met
    assert p.remaining_years == 3
    assert p.share_of_target == pytest.approx((done - 1) / -0.135, rel=1e-12)
    assert p.achieved.index.equals(achieved.index)
    text = repr(p)
    assert "-13.500% over 5 years" in text and "remaining 3 years" in text
    assert "TargetProgress" in p._repr_html_()
    assert pickle.loads(pickle.dumps(p)).required_annual == p.required_annual
    assert p.to_series()["on_schedule"] is False


def test_progress_when_the_plan_is_complete() -> None:
    a = annual_rate(-0.135, 5)
    p = target_progress(-0.135, 5, [a] * 5)
    assert p.target_met and p.on_schedule
    assert p.required_annual is None
    assert "needed" not in repr(p)
    over = target_progress(-0.135, 5, [-0.04] * 5)
    assert over.target_met and over.share_of_target == pytest.approx((0.96 ** 5 - 1) / -0.135, rel=1e-12)


def test_progress_towards_a_growth_target() -> None:
    # "GDP up 20% in four years": two years of +5% is ahead of the even path of 1.2^(1/4) - 1 a year.
    p = target_progress(0.2, 4, [0.05, 0.05])
    assert p.on_schedule and not p.target_met
    assert p.required_annual == pytest.approx((1.2 / 1.05 ** 2) ** 0.5 - 1, rel=1e-13)


def test_progress_bad_input() -> None:
    with pytest.raises(ValueError, match=r"target_progress: achieved has 6 years but the plan has only 5"):
        target_progress(-0.135, 5, [-0.01] * 6)
    with pytest.raises(ValueError, match=r"target_progress: plan_years is 2.5, but must be a whole number"):
        target_progress(-0.135, 2.5, [-0.01])
    with pytest.raises(ValueError, match=r"target_progress: achieved\[1\] is nan"):
        target_progress(-0.135, 5, [-0.01, math.nan])
    with pytest.raises(ValueError, match=r"target_progress: target_change is -1"):
        target_progress(-1.0, 5, [])
    with pytest.raises(TypeError, match=r"target_progress: target_change must be a single number"):
        target_progress([-0.1, -0.2], 5, [])
    with pytest.raises(TypeError, match=r"target_progress: plan_years is '5', but must be a number"):
        target_progress(-0.135, "5", [])
    achieved = pd.Series([-0.03, -0.02], index=[2021, 2022])
    before = achieved.copy()
    target_progress(-0.135, plan_years=5, achieved=achieved)
    pd.testing.assert_series_equal(achieved, before)


# --------------------------------------------------------------------------------------------------
# Resource cap
# --------------------------------------------------------------------------------------------------


def test_resource_cap_from_annual_and_cumulative_intensity_targets() -> None:
    years = pd.Index([2021, 2022, 2023], name="year")
    gdp = pd.Series([0.06, 0.05, 0.05], index=years)
    cap = resource_cap(1000.0, gdp, intensity_change=-0.03)
    assert cap.name == "resource_cap" and cap.index.equals(years)
    assert cap.loc[2021] == pytest.approx(1000 * 1.06 * 0.97, rel=1e-14)
    assert cap.loc[2023] == pytest.approx(1000 * 1.06 * 1.05 * 1.05 * 0.97 ** 3, rel=1e-14)
    # A cumulative cut of 10% over the three years, spread evenly: the last cap is 1000 * prod(1 + g) * 0.9.
    cap = resource_cap(1000.0, gdp, cumulative_intensity_change=-0.10)
    assert cap.loc[2023] == pytest.approx(1000 * 1.06 * 1.05 * 1.05 * 0.9, rel=1e-13)
    # One year: the cap grows with output and falls with intensity, as implied_resource_growth says.
    first = resource_cap(1000.0, [0.035], intensity_change=[-0.03]).iloc[0]
    assert first == pytest.approx(1000 * 1.035 * 0.97, rel=1e-14)
    assert first == pytest.approx(1000 * (1 + implied_resource_growth(output_growth=0.035, intensity_change=-0.03)),
                                  rel=1e-14)


def test_resource_cap_bad_input() -> None:
    with pytest.raises(ValueError, match=r"resource_cap: base_resource is 0, but must be positive"):
        resource_cap(0.0, [0.05], intensity_change=-0.03)
    with pytest.raises(ValueError, match=r"resource_cap: output_growth has 2 elements but intensity_change has 3"):
        resource_cap(100.0, [0.05, 0.05], intensity_change=[-0.03] * 3)
    with pytest.raises(ValueError, match=r"resource_cap: give exactly one of"):
        resource_cap(100.0, [0.05], intensity_change=-0.03, cumulative_intensity_change=-0.1)
    with pytest.raises(ValueError, match=r"resource_cap: give exactly one of"):
        resource_cap(100.0, [0.05])
    with pytest.raises(ValueError, match=r"resource_cap: output_growth\[2022\] is nan"):
        resource_cap(100.0, pd.Series([0.05, math.nan], index=[2021, 2022]), intensity_change=-0.03)


# --------------------------------------------------------------------------------------------------
# Rounding and consistency of published triples
# --------------------------------------------------------------------------------------------------


def test_rounded_levels_need_not_reproduce_published_rates() -> None:
    # NBS/NDRC/NEA 2009 bulletin: national intensities revised to 1.241 (2006), 1.179 (2007), 1.118 (2008)
    # tce per 10,000 yuan; published rates -5.04% (2007) and -5.20% (2008). From the printed levels the
    # rates come out at -5.00% and -5.17%: the rate is taken from less rounded levels.
    r2007 = rounded_intensity_change(1.241, 1.179, decimals=3)
    r2008 = rounded_intensity_change(1.179, 1.118, decimals=3)
    assert round(r2007 * 100, 2) == -5.00 and round(r2008 * 100, 2) == -5.17
    # The published rates lie within what rounding the levels to 3 decimals allows: between the rates
    # from the ends of the levels' rounding intervals (which 4 decimals leave as they are).
    assert rounded_intensity_change(1.2415, 1.1785) <= -0.0504 <= rounded_intensity_change(1.2405, 1.1795)
    assert rounded_intensity_change(1.1795, 1.1175) <= -0.0520 <= rounded_intensity_change(1.1785, 1.1185)
    # Levels are rounded before the rate (default 4 decimals).
    assert rounded_intensity_change(1.23456, 1.11111) == pytest.approx(1.1111 / 1.2346 - 1, rel=1e-14)
    with pytest.raises(ValueError,
                       match=r"rounded_intensity_change: intensity_start is 4e-05, which rounds to 0 at 4 decimals"):
        rounded_intensity_change(0.00004, 1.0)
    with pytest.raises(ValueError, match=r"rounded_intensity_change: intensity_end is -1"):
        rounded_intensity_change(1.0, -1.0)
    with pytest.raises(TypeError, match=r"rounded_intensity_change: decimals is 4.5"):
        rounded_intensity_change(1.0, 1.0, decimals=4.5)
    with pytest.raises(ValueError, match=r"rounded_intensity_change: decimals is 16, but must be in 0..15"):
        rounded_intensity_change(1.0, 1.0, decimals=16)


def test_an_inconsistent_triple_is_reported_not_raised() -> None:
    # GDP +5%, energy +2%, published intensity -5%: implied -2.86%, two points away.
    check = check_consistency(0.05, 0.02, -0.05)
    assert isinstance(check, ConsistencyCheck)
    assert not check.consistent
    assert check.implied_change == pytest.approx(1.02 / 1.05 - 1, rel=1e-13)
    assert check.discrepancy == pytest.approx(-0.05 - (1.02 / 1.05 - 1), rel=1e-12)
    assert check.excess == pytest.approx((1.0195 / 1.0505 - 1) - (-0.0495), rel=1e-12)
    assert "INCONSISTENT" in repr(check) and "INCONSISTENT" in check._repr_html_()
    assert pickle.loads(pickle.dumps(check)).excess == check.excess
    assert check.to_series()["consistent"] is False


def test_level_rounding_widens_the_admissible_range() -> None:
    plain = check_consistency(0.012, -0.081, -0.0918, decimals=(1, 1, 2))
    levels = check_consistency(0.012, -0.081, -0.0918, decimals=(1, 1, 2), base_intensity=0.2142)
    assert levels.lower < plain.lower and levels.upper > plain.upper
    assert levels.consistent
    # A figure just outside the growth-only range can be explained by level rounding of a small intensity.
    tight = check_consistency(0.05, 0.02, -0.0300, decimals=(1, 1, 2))
    assert not tight.consistent
    loose = check_consistency(0.05, 0.02, -0.0300, decimals=(1, 1, 2), base_intensity=0.01, intensity_decimals=4)
    assert loose.consistent


def test_consistency_bad_input() -> None:
    with pytest.raises(ValueError, match=r"check_consistency: output_growth is nan"):
        check_consistency(math.nan, 0.02, -0.03)
    with pytest.raises(ValueError, match=r"check_consistency: decimals has 2 entries, but must have 3"):
        check_consistency(0.05, 0.02, -0.03, decimals=(1, 1))
    with pytest.raises(ValueError, match=r"check_consistency: decimals is -1, but must be non-negative"):
        check_consistency(0.05, 0.02, -0.03, decimals=-1)
    with pytest.raises(ValueError, match=r"check_consistency: base_intensity is 0, but must be positive"):
        check_consistency(0.05, 0.02, -0.03, base_intensity=0)
    with pytest.raises(TypeError, match=r"check_consistency: output_growth must be a single number"):
        check_consistency([0.05, 0.06], 0.02, -0.03)
    with pytest.raises(ValueError, match=r"check_consistency: intensity_change is -1.2"):
        check_consistency(0.05, 0.02, -1.2)
    with pytest.raises(TypeError, match=r"check_consistency: intensity_decimals is 4.5, but must be an integer"):
        check_consistency(0.05, 0.02, -0.03, base_intensity=0.5, intensity_decimals=4.5)
    with pytest.raises(ValueError, match=r"check_consistency: intensity_decimals is 16, but must be in 0..15"):
        check_consistency(0.05, 0.02, -0.03, base_intensity=0.5, intensity_decimals=16)


def test_haidian_series_in_percent_are_read_as_fractions() -> None:
    import haidian

    gdp = haidian.Series([8.1, 3.0], start=2021, freq="Y", unit="%")
    energy = implied_resource_growth(output_growth=gdp, intensity_change=-0.03)
    assert energy.iloc[0] == pytest.approx(1.081 * 0.97 - 1, rel=1e-13)
    assert [p.year for p in energy.index] == [2021, 2022]
