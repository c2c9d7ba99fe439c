"""Decoupling: Tapio states in all four quadrants and at the band edges, zero-growth conventions,
OECD ratio and factor, energy elasticity coefficient, decoupling effort; pandas in and out."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian import TAPIO_STATES, decoupling_effort, decoupling_factor, decoupling_ratio, energy_elasticity, tapio

# --------------------------------------------------------------------------------------------------
# Tapio states
# --------------------------------------------------------------------------------------------------

# (resource growth, output growth, state); e = g_R / g_Y by hand in the comment.
EIGHT_STATES = [
    (-0.02, 0.05, "strong decoupling"),  # e = -0.4, output up
    (0.02, 0.05, "weak decoupling"),  # e = 0.4
    (0.05, 0.05, "expansive coupling"),  # e = 1.0
    (0.10, 0.05, "expansive negative decoupling"),  # e = 2.0
    (0.02, -0.05, "strong negative decoupling"),  # e = -0.4, output down
    (-0.02, -0.05, "weak negative decoupling"),  # e = 0.4
    (-0.05, -0.05, "recessive coupling"),  # e = 1.0
    (-0.10, -0.05, "recessive decoupling"),  # e = 2.0
]


def test_the_eight_state_names_are_tapios() -> None:
    assert TAPIO_STATES == (
        "strong decoupling", "weak decoupling", "expansive coupling", "expansive negative decoupling",
        "strong negative decoupling", "weak negative decoupling", "recessive coupling", "recessive decoupling",
    )


@pytest.mark.parametrize("resource_growth, output_growth, state", EIGHT_STATES, ids=[s for *_, s in EIGHT_STATES])
def test_tapio_state(resource_growth: float, output_growth: float, state: str) -> None:
    result = tapio(resource_growth=resource_growth, output_growth=output_growth)
    assert result.state == state
    assert result.elasticity == resource_growth / output_growth


@pytest.mark.parametrize(
    "quadrant, resource_growth, output_growth, states",
    [
        ("output up, resource down", -0.03, 0.04, {"strong decoupling"}),
        ("output up, resource up", 0.03, 0.04, {"weak decoupling", "expansive coupling",
                                                 "expansive negative decoupling"}),
        ("output down, resource up", 0.03, -0.04, {"strong negative decoupling"}),
        ("output down, resource down", -0.03, -0.04, {"weak negative decoupling", "recessive coupling",
                                                       "recessive decoupling"}),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_quadrant_only_has_its_states(quadrant: str, resource_growth: float, output_growth: float,
                                           states: set) -> None:
    for scale in (0.1, 0.5, 1.0, 2.0, 5.0):
        assert tapio(resource_growth=resource_growth * scale, output_growth=output_growth).state in states


def test_output_decline_quadrant_is_not_read_like_the_growth_quadrant() -> None:
    # The known bug of ad-hoc scripts: with output falling 5% and resource falling 10% (e = 2), reusing the
    # growth thresholds gives "expansive negative decoupling"; Tapio (2005) calls it recessive decoupling.
    assert tapio(resource_growth=-0.10, output_growth=-0.05).state == "recessive decoupling"
    # Resource falling less than output (e = 0.4) is the bad case here: weak *negative* decoupling.
    assert tapio(resource_growth=-0.02, output_growth=-0.05).state == "weak negative decoupling"


@pytest.mark.parametrize(
    "resource_growth, output_growth, state",
    [
        (0.4, 0.5, "expansive coupling"),  # e = 0.8 exactly (division by 0.5 is exact in binary)
        (0.6, 0.5, "expansive coupling"),  # e = 1.2 exactly
        (-0.4, -0.5, "recessive coupling"),
        (-0.6, -0.5, "recessive coupling"),
        (0.39, 0.5, "weak decoupling"),  # e = 0.78
        (0.61, 0.5, "expansive negative decoupling"),  # e = 1.22
        (-0.39, -0.5, "weak negative decoupling"),
        (-0.61, -0.5, "recessive decoupling"),
    ],
)
def test_band_edges_belong_to_the_coupling_band(resource_growth: float, output_growth: float, state: str) -> None:
    assert tapio(resource_growth=resource_growth, output_growth=output_growth).state == state


def test_edges_tolerate_binary_representation() -> None:
    # 2.8% / 3.5% is exactly 0.8 in decimal, 0.7999999999999999 in binary; still the coupling band.
    assert tapio(resource_growth=0.028, output_growth=0.035).state == "expansive coupling"
    # An elasticity one ulp below the edge (growth over 1.0 is exact) is on the edge too.
    just_below = tapio(resource_growth=math.nextafter(0.8, 0.0), output_growth=1.0)
    assert just_below.elasticity < 0.8 and just_below.state == "expansive coupling"


@pytest.mark.parametrize(
    "resource_growth, output_growth, state, elasticity",
    [
        (0.0, 0.05, "strong decoupling", 0.0),  # flat use, growing output: absolute decoupling (OECD 2002)
        (0.0, -0.05, "strong negative decoupling", 0.0),
        (-0.01, 0.0, "strong decoupling", math.nan),  # flat output: e undefined, sign of g_R decides
        (0.01, 0.0, "strong negative decoupling", math.nan),
        (0.0, 0.0, "no change", math.nan),
    ],
)
def test_zero_growth_conventions(resource_growth: float, output_growth: float, state: str, elasticity: float) -> None:
    result = tapio(resource_growth=resource_growth, output_growth=output_growth)
    assert result.state == state
    if math.isnan(elasticity):
        assert math.isnan(result.elasticity)
        assert "undefined" in repr(result)
    else:
        assert result.elasticity == elasticity and math.copysign(1.0, result.elasticity) == 1.0


def test_haidian_2022() -> None:
    # Article 全国首个减量发展城市北京怎么做? (2023): GDP +3.5%, energy intensity -3% -> energy 1.035 * 0.97 - 1 = +0.395%; e = 0.395 / 3.5.
    energy_growth = haidian.implied_resource_growth(output_growth=0.035, intensity_change=-0.03)
    result = tapio(resource_growth=energy_growth, output_growth=0.035)
    assert result.state == "weak decoupling"
    assert result.elasticity == pytest.approx(0.00395 / 0.035, rel=1e-12)
    assert decoupling_factor(resource_growth=energy_growth, output_growth=0.035) == pytest.approx(0.03, rel=1e-12)


# --------------------------------------------------------------------------------------------------
# Arrays, Series and levels
# --------------------------------------------------------------------------------------------------


def test_series_give_a_dataframe_on_the_same_index() -> None:
    years = pd.Index([2019, 2020, 2021], name="year")
    r = pd.Series([0.02, 0.0, -0.10], index=years)
    y = pd.Series([0.05, 0.0, -0.05], index=years)
    frame = tapio(resource_growth=r, output_growth=y)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["elasticity", "state"]
    assert frame.index.equals(years)
    assert frame["state"].tolist() == ["weak decoupling", "no change", "recessive decoupling"]
    assert frame.loc[2019, "elasticity"] == 0.02 / 0.05
    assert math.isnan(frame.loc[2020, "elasticity"])


def test_numpy_arrays_and_lists_give_a_range_index() -> None:
    frame = tapio(resource_growth=np.array([0.02, -0.02]), output_growth=[0.05, 0.05])
    assert frame.index.equals(pd.RangeIndex(2))
    assert frame["state"].tolist() == ["weak decoupling", "strong decoupling"]


def test_a_scalar_broadcasts_against_a_series() -> None:
    r = pd.Series([0.01, 0.06], index=["a", "b"])
    frame = tapio(resource_growth=r, output_growth=0.05)
    assert frame.index.equals(r.index)
    assert frame["state"].tolist() == ["weak decoupling", "expansive coupling"]


def test_levels_give_per_period_growth_labelled_by_end_period() -> None:
    years = pd.Index([2020, 2021, 2022], name="year")
    energy = pd.Series([100.0, 103.0, 101.0], index=years)
    gdp = pd.Series([200.0, 210.0, 214.2], index=years)
    frame = tapio(resource=energy, output=gdp)
    assert frame.index.equals(years[1:])
    # By hand: 2021 e = 0.03 / 0.05 = 0.6 (weak), 2022 energy -1.94%, GDP +2% (strong).
    assert frame.loc[2021, "elasticity"] == pytest.approx(0.6, rel=1e-12)
    assert frame["state"].tolist() == ["weak decoupling", "strong decoupling"]
    factor = decoupling_factor(resource=energy, output=gdp)
    assert factor.loc[2021] == pytest.approx(1 - (103 / 210) / (100 / 200), rel=1e-12)
    ratio = decoupling_ratio(resource=energy, output=gdp)
    assert ratio.loc[2022] == pytest.approx((101 / 214.2) / (103 / 210), rel=1e-12)


def test_inputs_are_not_modified() -> None:
    r = pd.Series([0.02, -0.1])
    y = np.array([0.05, -0.05])
    r_copy, y_copy = r.copy(), y.copy()
    tapio(resource_growth=r, output_growth=y)
    decoupling_factor(resource_growth=r, output_growth=y)
    pd.testing.assert_series_equal(r, r_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_read_only_arrays_are_accepted() -> None:
    r = np.array([0.02, -0.1])
    r.setflags(write=False)
    assert tapio(resource_growth=r, output_growth=[0.05, 0.05])["state"].tolist() == [
        "weak decoupling", "strong decoupling"]


def test_results_pickle_and_print() -> None:
    result = tapio(resource_growth=0.02, output_growth=0.05)
    assert pickle.loads(pickle.dumps(result)) == result
    assert "weak decoupling" in repr(result)
    assert "weak decoupling" in result._repr_html_()


# --------------------------------------------------------------------------------------------------
# OECD and energy elasticity
# --------------------------------------------------------------------------------------------------


def test_oecd_ratio_and_factor_from_levels_by_hand() -> None:
    # R 100 -> 103, Y 200 -> 220: DR = (103/220)/(100/200), DF = 1 - DR (OECD 2002).
    dr = (103 / 220) / (100 / 200)
    assert decoupling_ratio(resource_growth=0.03, output_growth=0.10) == pytest.approx(dr, rel=1e-15)
    assert decoupling_factor(resource_growth=0.03, output_growth=0.10) == pytest.approx(1 - dr, rel=1e-13)


def test_energy_elasticity_nbs_2021() -> None:
    # NBS 2021 statistical communiqué: energy consumption +5.2%, GDP +8.1% -> coefficient 0.64.
    assert energy_elasticity(energy_growth=0.052, output_growth=0.081) == pytest.approx(0.052 / 0.081, rel=1e-15)
    assert round(energy_elasticity(energy_growth=0.052, output_growth=0.081), 2) == 0.64
    # The same number as Tapio's elasticity.
    assert tapio(resource_growth=0.052, output_growth=0.081).elasticity == energy_elasticity(
        energy_growth=0.052, output_growth=0.081)


def test_energy_elasticity_rejects_zero_output_growth() -> None:
    with pytest.raises(ValueError, match=r"energy_elasticity: output_growth\[1\] is 0"):
        energy_elasticity(energy_growth=[0.01, 0.02], output_growth=[0.05, 0.0])


growth = st.floats(min_value=-0.9, max_value=2.0, allow_nan=False)


@pytest.mark.filterwarnings("ignore::haidian.RateWarning")  # large random rates are the point here
@settings(max_examples=300, deadline=None)
@given(growth, growth)
def test_tapio_state_follows_its_definition(resource_growth: float, output_growth: float) -> None:
    if output_growth != 0 and math.isinf(resource_growth / output_growth):
        # An elasticity beyond a double (1 / 5e-324) is an error naming it, never inf.
        with pytest.raises(ValueError, match="the elasticity resource_growth / output_growth overflows a double"):
            tapio(resource_growth=resource_growth, output_growth=output_growth)
        return
    result = tapio(resource_growth=resource_growth, output_growth=output_growth)
    if output_growth == 0:
        assert math.isnan(result.elasticity)
        return
    e = resource_growth / output_growth
    assert result.elasticity == (0.0 if resource_growth == 0 else e)
    band = "below" if e < 0.8 * (1 - 1e-12) else ("above" if e > 1.2 * (1 + 1e-12) else "in")
    if output_growth > 0:
        expected = ("strong decoupling" if resource_growth <= 0 else
                    {"below": "weak decoupling", "in": "expansive coupling",
                     "above": "expansive negative decoupling"}[band])
    else:
        expected = ("strong negative decoupling" if resource_growth >= 0 else
                    {"below": "weak negative decoupling", "in": "recessive coupling",
                     "above": "recessive decoupling"}[band])
    assert result.state == expected


@pytest.mark.filterwarnings("ignore::haidian.RateWarning")  # large random rates are the point here
@settings(max_examples=200, deadline=None)
@given(growth, growth)
def test_decoupling_factor_is_minus_intensity_change(resource_growth: float, output_growth: float) -> None:
    df = decoupling_factor(resource_growth=resource_growth, output_growth=output_growth)
    assert df == pytest.approx(-haidian.intensity_change(resource_growth=resource_growth,
                                                         output_growth=output_growth), abs=1e-15)
    assert decoupling_ratio(resource_growth=resource_growth, output_growth=output_growth) == pytest.approx(
        1 - df, rel=1e-12, abs=1e-15)
    # Positive factor exactly when intensity falls, i.e. resource grows slower than output.
    assert (df > 0) == (resource_growth < output_growth)


# --------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, pattern",
    [
        ({"resource_growth": math.inf, "output_growth": 0.05}, ValueError, r"tapio: resource_growth is inf"),
        ({"resource_growth": 0.02, "output_growth": -1.0}, ValueError,
         r"tapio: output_growth is -1, but must be a growth rate greater than -1"),
        ({"resource_growth": [0.02, -1.5], "output_growth": [0.05, 0.05]}, ValueError,
         r"tapio: resource_growth\[1\] is -1.5"),
        ({"resource_growth": [0.02, 0.03], "output_growth": [0.05, 0.05, 0.05]}, ValueError,
         r"tapio: resource_growth has 2 elements but output_growth has 3"),
        ({"resource_growth": math.inf, "output_growth": 0.05}, ValueError, r"tapio: resource_growth is inf"),
        ({"resource_growth": "3%", "output_growth": 0.05}, TypeError, r"tapio: resource_growth is a string"),
        ({"resource_growth": 0.02}, TypeError, r"tapio: output_growth is required"),
        ({"resource_growth": True, "output_growth": 0.05}, TypeError, r"tapio: resource_growth is a bool"),
        ({"resource_growth": pd.DataFrame({"a": [0.1]}), "output_growth": 0.05}, TypeError, r"is a DataFrame"),
        ({"resource_growth": np.ones((2, 2)), "output_growth": 0.05}, ValueError, r"must be one-dimensional"),
        ({"resource_growth": 0.02, "output_growth": 0.05, "resource": [1.0, 2.0], "output": [1.0, 2.0]},
         ValueError, r"tapio: give growth rates .* or levels .*, not both"),
        ({"resource": [1.0, 2.0]}, TypeError, r"tapio: output is required together with resource"),
        ({"resource": [1.0, 0.0], "output": [1.0, 2.0]}, ValueError,
         r"tapio: resource\[1\] is 0.0, but levels must be positive"),
        ({"resource": [1.0], "output": [1.0]}, ValueError, r"needs at least 2"),
        ({"resource": [1.0, 2.0, 3.0], "output": [1.0, 2.0]}, ValueError,
         r"tapio: resource has 3 values but output has 2"),
    ],
    ids=["nan", "minus-100%", "index-in-array", "lengths", "inf", "string", "missing", "bool", "dataframe",
         "2-d", "growth-and-levels", "half-levels", "zero-level", "one-level", "level-lengths"],
)
def test_tapio_bad_input(kwargs: dict, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        tapio(**kwargs)


def test_series_with_different_indexes_are_not_silently_aligned() -> None:
    r = pd.Series([0.02, 0.03], index=[2020, 2021])
    y = pd.Series([0.05, 0.05], index=[2021, 2022])
    with pytest.raises(ValueError, match=r"tapio: resource_growth and output_growth have different indexes"):
        tapio(resource_growth=r, output_growth=y)
    with pytest.raises(ValueError, match=r"decoupling_factor: resource and output have different indexes"):
        decoupling_factor(resource=pd.Series([1.0, 2.0], index=[1, 2]), output=pd.Series([1.0, 2.0], index=[2, 3]))


def test_decoupling_ratio_bad_input() -> None:
    with pytest.raises(ValueError, match=r"decoupling_ratio: output_growth is -2"):
        decoupling_ratio(resource_growth=0.1, output_growth=-2.0)


# --------------------------------------------------------------------------------------------------
# Decoupling effort (Diakoulaki & Mandaraka 2007)
# --------------------------------------------------------------------------------------------------


def _log_mean(a: float, b: float) -> float:
    return a if a == b else (a - b) / math.log(a / b)


def _two_factor_lmdi(e0: float, e1: float, y0: float, y1: float) -> pd.DataFrame:
    """Additive LMDI-I of E = Y * (E/Y), written out independently of the library."""
    weight = _log_mean(e1, e0)
    activity = weight * math.log(y1 / y0)
    intensity = weight * math.log((e1 / y1) / (e0 / y0))
    return pd.DataFrame({"activity": [activity], "intensity": [intensity]}, index=pd.Index([2022], name="year"))


def test_effort_of_a_two_factor_lmdi_has_a_closed_form() -> None:
    # For E = Y * I the log-mean weight cancels: D = -ln(1 + r) / ln(1 + g_Y). Haidian 2022: g_Y = 3.5%,
    # r = -3% -> D = 0.8854..., a weak decoupling effort (intensity took back 89% of the activity push).
    effects = _two_factor_lmdi(100.0, 100.0 * 1.035 * 0.97, 1.0, 1.035)
    result = decoupling_effort(effects, "activity")
    assert result.effort.loc[2022] == pytest.approx(-math.log(0.97) / math.log(1.035), rel=1e-12)
    assert result.state.loc[2022] == "weak decoupling effort"
    assert result.factor_effort.loc[2022, "intensity"] == pytest.approx(result.effort.loc[2022], rel=1e-15)
    assert result.other_effects.loc[2022] == effects.loc[2022, "intensity"]


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0.001, max_value=0.3), st.floats(min_value=-0.3, max_value=0.3).filter(lambda x: x != 0))
def test_effort_closed_form_property(output_growth: float, intensity_change: float) -> None:
    effects = _two_factor_lmdi(50.0, 50.0 * (1 + output_growth) * (1 + intensity_change), 10.0,
                               10.0 * (1 + output_growth))
    effort = decoupling_effort(effects, "activity").effort.iloc[0]
    assert effort == pytest.approx(-math.log1p(intensity_change) / math.log1p(output_growth), rel=1e-9)
    # Strong effort (D >= 1) exactly when resource use did not rise (Tapio's strong decoupling).
    state = decoupling_effort(effects, "activity").state.iloc[0]
    assert (state == "strong decoupling effort") == ((1 + output_growth) * (1 + intensity_change) <= 1 + 1e-12) or \
        abs(effort - 1) < 1e-9


def test_effort_states_by_hand() -> None:
    effects = pd.DataFrame(
        {"activity": [100.0, 100.0, 100.0, -50.0, 0.0], "intensity": [-90.0, -50.0, 20.0, -20.0, -20.0],
         "structure": [-30.0, 10.0, -10.0, 0.0, 5.0]},
        index=pd.Index(["t1", "t2", "t3", "t4", "t5"], name="period"))
    before = effects.copy()
    result = decoupling_effort(effects, "activity")
    pd.testing.assert_frame_equal(effects, before)
    # effort = -(other effects) / activity effect: one division, so a few ulps at most.
    assert result.effort.loc["t1"] == pytest.approx(1.2, rel=1e-14)
    assert result.effort.loc["t2"] == pytest.approx(0.4, rel=1e-14)
    assert result.effort.loc["t3"] == pytest.approx(-0.1, rel=1e-14)
    assert result.effort.loc["t4"] == pytest.approx(-0.4, rel=1e-14)
    assert math.isnan(result.effort.loc["t5"])
    assert result.state.tolist() == ["strong decoupling effort", "weak decoupling effort", "no decoupling effort",
                                     "activity decline (not classified)", "no activity effect"]
    assert list(result.factor_effort.columns) == ["intensity", "structure"]
    np.testing.assert_allclose(result.factor_effort.sum(axis=1).iloc[:4], result.effort.iloc[:4], rtol=1e-14)
    frame = result.to_frame()
    assert list(frame.columns) == ["activity_effect", "other_effects", "effort", "state", "effort_intensity",
                                   "effort_structure"]
    assert "strong decoupling effort" in repr(result) and "<table" in result._repr_html_()
    clone = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(clone.to_frame(), frame)


def test_effort_accepts_an_object_with_effects_and_a_series() -> None:
    class Decomposition:  # stands in for a haidian.decompose result: anything with `.effects`
        effects = pd.DataFrame({"activity": [10.0], "intensity": [-4.0]})

    assert decoupling_effort(Decomposition(), "activity").effort.iloc[0] == pytest.approx(0.4, rel=1e-14)
    one_period = pd.Series({"activity": 10.0, "intensity": -15.0}, name=2022)
    result = decoupling_effort(one_period, "activity")
    assert result.effort.loc[2022] == pytest.approx(1.5, rel=1e-14)
    assert result.state.loc[2022] == "strong decoupling effort"


def test_effort_bad_input() -> None:
    effects = pd.DataFrame({"activity": [10.0], "intensity": [-4.0]})
    with pytest.raises(ValueError, match=r"decoupling_effort: activity is 'output', but the effects have columns"):
        decoupling_effort(effects, "output")
    with pytest.raises(ValueError, match=r"decoupling_effort: effects\[0, 1\] is inf, but must be finite"):
        decoupling_effort(pd.DataFrame({"activity": [10.0], "intensity": [math.inf]}), "activity")
    missing = decoupling_effort(pd.DataFrame({"activity": [10.0, 10.0], "intensity": [math.nan, -4.0]}), "activity")
    assert missing.state.tolist() == [None, "weak decoupling effort"]
    assert math.isnan(missing.effort.iloc[0]) and missing.effort.iloc[1] == pytest.approx(0.4, rel=1e-14)
    with pytest.raises(ValueError, match=r"decoupling_effort: effects is empty"):
        decoupling_effort(pd.DataFrame({"activity": [], "intensity": []}, dtype=float), "activity")
    with pytest.raises(TypeError, match=r"decoupling_effort: effects is a list"):
        decoupling_effort([1.0, 2.0], "activity")
    with pytest.raises(TypeError, match=r"decoupling_effort: effects must hold numbers"):
        decoupling_effort(pd.DataFrame({"activity": ["x"], "intensity": [1.0]}), "activity")


def test_effort_from_a_haidian_decomposition() -> None:
    # Two sectors; E = Q * S_i * I_i decomposed by haidian.decompose_intensity (additive LMDI-I). The
    # activity effect is Σ_i L(E_i^T, E_i^0) ln(Q^T / Q^0), so D = 1 - ΔE / ΔE_Y, computed here by hand.
    periods = pd.Index([2021, 2022], name="year")
    energy = pd.DataFrame({"industry": [60.0, 55.0], "services": [40.0, 43.0]}, index=periods)
    output = pd.DataFrame({"industry": [300.0, 290.0], "services": [700.0, 760.0]}, index=periods)
    result = haidian.decompose_intensity(energy, output)
    q0, q1 = output.sum(axis=1)
    weights = sum(_log_mean(energy.loc[2022, s], energy.loc[2021, s]) for s in energy.columns)
    activity_effect = weights * math.log(q1 / q0)
    total = energy.loc[2022].sum() - energy.loc[2021].sum()
    effort = decoupling_effort(result, "activity")
    assert effort.activity_effect.iloc[0] == pytest.approx(activity_effect, rel=1e-12)
    assert effort.effort.iloc[0] == pytest.approx(1 - total / activity_effect, rel=1e-10)
    assert effort.state.iloc[0] == "strong decoupling effort"  # energy fell 2% while output grew 5%
    assert list(effort.factor_effort.columns) == ["structure", "intensity"]
    assert effort.factor_effort.loc[2022, "structure"] > 0  # the shift to services saves energy


def test_effort_refuses_multiplicative_decompositions() -> None:
    periods = pd.Index([2021, 2022])
    result = haidian.decompose_intensity(pd.DataFrame({"a": [10.0, 9.0]}, index=periods),
                                         pd.DataFrame({"a": [5.0, 6.0]}, index=periods), mode="multiplicative")
    with pytest.raises(ValueError, match=r"decoupling_effort: effects are multiplicative"):
        decoupling_effort(result, "activity")


def test_haidian_series_of_levels_and_of_percent_rates() -> None:
    energy = haidian.Series([100.0, 103.0, 101.0], start=2020, freq="Y")
    gdp = haidian.Series([200.0, 210.0, 214.2], start=2020, freq="Y")
    frame = tapio(resource=energy, output=gdp)
    assert [p.year for p in frame.index] == [2021, 2022]
    assert frame["elasticity"].iloc[0] == pytest.approx(0.03 / 0.05, rel=1e-12)
    # Rates held in "%" are converted to fractions, never read as 3.5 = 350%.
    rates = haidian.Series([3.5], start=2022, freq="Y", unit="%")
    assert tapio(resource_growth=rates, output_growth=0.035)["state"].iloc[0] == "expansive coupling"
