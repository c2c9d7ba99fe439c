"""Structural decomposition (haidian.sda) against independent numpy calculations and as properties.

The independent references here form L = inv(I - A) explicitly and average over orderings by brute
force with itertools.permutations (Dietzenbacher & Los 1998, Economic Systems Research 10(4):307-324:
the two polar decompositions, eqs. 5-6, and the average over all K! decompositions).
"""

from __future__ import annotations

import itertools
import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian import IOTable, sda

# ---------------------------------------------------------------- independent reference (numpy) ----


def _random_year(rng: np.random.Generator, n: int, k: int = 2, d: int = 3, sectors=None, zero_col: bool = False):
    A = rng.uniform(0.0, 1.0, (n, n))
    A *= rng.uniform(0.2, 0.8, n) / A.sum(axis=0)
    Y = rng.uniform(1.0, 10.0, (n, d))
    x = np.linalg.solve(np.eye(n) - A, Y.sum(axis=1))
    Z = A * x
    F = rng.uniform(0.1, 5.0, (k, n)) * x
    return Z, Y, x, F


def _parts(Z, Y, x, F, population=1.0):
    A = Z / x
    L = np.linalg.inv(np.eye(len(x)) - A)
    level = Y.sum()
    columns = Y.sum(axis=0)
    return {
        "intensity": F / x,
        "leontief": L,
        "final_demand": Y.sum(axis=1),
        "level": level,
        "population": population,
        "per_capita": level / population,
        "mix_total": Y.sum(axis=1) / level,
        "mix_by_column": Y / columns,
        "destination": columns / level,
    }


def _value(parts0, parts1, factors, at_end):
    """R = f' L y with the factors in at_end at end-year values, per stressor."""

    def pick(name):
        return (parts1 if name in at_end else parts0)[name]

    if "final_demand" in factors:
        y = pick("final_demand")
    else:
        level = pick("level") if "level" in factors else pick("population") * pick("per_capita")
        if "destination" in factors:
            mix = (parts1 if "mix" in at_end else parts0)["mix_by_column"]
            y = level * mix @ pick("destination")
        else:
            y = level * (parts1 if "mix" in at_end else parts0)["mix_total"]
    return pick("intensity") @ pick("leontief") @ y


def _average_over_orderings(parts0, parts1, factors, orderings):
    effects = {f: 0.0 for f in factors}
    for order in orderings:
        done: set[str] = set()
        for f in order:
            before = _value(parts0, parts1, factors, done)
            done = done | {f}
            effects[f] = effects[f] + (_value(parts0, parts1, factors, done) - before) / len(orderings)
    return np.array([effects[f] for f in factors])


def _brute_force_exact(parts0, parts1, factors):
    return _average_over_orderings(parts0, parts1, factors, list(itertools.permutations(factors)))


def _two_polar(parts0, parts1, factors):
    return _average_over_orderings(parts0, parts1, factors, [tuple(factors), tuple(reversed(factors))])


def _tables(seed=0, n=6, k=2, d=3, populations=(1.3e6, 1.4e6)):
    rng = np.random.default_rng(seed)
    years = [_random_year(rng, n, k, d) for _ in range(2)]
    sectors = [f"s{i}" for i in range(n)]
    categories = [f"c{j}" for j in range(d)]
    stressors = [f"e{j}" for j in range(k)]
    tables = [
        IOTable(Z, Y, x=x, F=F, sectors=sectors, categories=categories, stressors=stressors, population=p)
        for (Z, Y, x, F), p in zip(years, populations)
    ]
    parts = [_parts(Z, Y, x, F, p) for (Z, Y, x, F), p in zip(years, populations)]
    return tables, parts, years


THREE = ["intensity", "leontief", "final_demand"]
SIX = ["intensity", "leontief", "population", "per_capita", "mix", "destination"]
CHAINS = [
    THREE,
    ["leontief", "final_demand", "intensity"],
    ["intensity", "leontief", "level", "mix"],
    ["intensity", "leontief", "level", "mix", "destination"],
    SIX,
]

# ---------------------------------------------------------------------------- against references ----


@pytest.mark.parametrize("factors", CHAINS, ids=lambda f: "+".join(f))
def test_exact_matches_brute_force_average_over_all_orderings(factors):
    (t0, t1), (p0, p1), _ = _tables(seed=1)
    result = sda(t0, t1, factors=factors, method="exact")
    expected = _brute_force_exact(p0, p1, factors)
    scale = np.abs(expected).sum(axis=0)
    np.testing.assert_allclose(result.effects.to_numpy(), expected, rtol=0, atol=1e-11 * scale.max())


@pytest.mark.parametrize("factors", CHAINS, ids=lambda f: "+".join(f))
def test_two_polar_matches_the_two_polar_decompositions(factors):
    (t0, t1), (p0, p1), _ = _tables(seed=2)
    result = sda(t0, t1, factors=factors, method="two_polar")
    expected = _two_polar(p0, p1, factors)
    np.testing.assert_allclose(result.effects.to_numpy(), expected, rtol=0, atol=1e-11 * np.abs(expected).sum(axis=0).max())
    # The reported distance is the two-polar average minus the exact one.
    np.testing.assert_allclose(result.distance.to_numpy(), expected - _brute_force_exact(p0, p1, factors), atol=1e-9)


def test_dietzenbacher_los_polar_forms_written_out():
    # ΔR = Δf L0 y0 + f1 ΔL y0 + f1 L1 Δy and ΔR = Δf L1 y1 + f0 ΔL y1 + f0 L0 Δy (D&L 1998, eqs. 5-6).
    (t0, t1), (p0, p1), _ = _tables(seed=3)
    f0, f1, L0, L1 = p0["intensity"], p1["intensity"], p0["leontief"], p1["leontief"]
    y0, y1 = p0["final_demand"], p1["final_demand"]
    first = [(f1 - f0) @ L0 @ y0, f1 @ (L1 - L0) @ y0, f1 @ L1 @ (y1 - y0)]
    second = [(f1 - f0) @ L1 @ y1, f0 @ (L1 - L0) @ y1, f0 @ L0 @ (y1 - y0)]
    expected = 0.5 * (np.array(first) + np.array(second))
    result = sda(t0, t1, factors=THREE, method="two_polar")
    np.testing.assert_allclose(result.effects.to_numpy(), expected, rtol=1e-12)


def test_with_an_unchanged_factor_exact_and_two_polar_coincide():
    # Final demand unchanged: it is a dummy, so both averages reduce to the two orderings of f and L,
    # which are the two polar ones (D&L 1998: the polar average is exact for two factors).
    Z, Y, x, F = _random_year(np.random.default_rng(4), 5)
    t0 = IOTable(Z, Y, x=x, F=F)
    t1 = IOTable(Z * np.linspace(0.8, 1.2, 5), Y, F=F * 0.8)
    result = sda(t0, t1, factors=THREE)
    assert abs(result.effects.loc["final_demand"]).max() < 1e-9 * abs(result.effects).to_numpy().max()
    np.testing.assert_allclose(result.exact.to_numpy(), result.two_polar.to_numpy(), rtol=1e-12, atol=1e-12 * abs(result.effects).to_numpy().max())


def test_multiplicative_two_polar_is_the_geometric_mean_of_the_polar_ratios():
    (t0, t1), (p0, p1), _ = _tables(seed=5)
    factors = ["intensity", "leontief", "level", "mix"]
    result = sda(t0, t1, factors=factors, method="two_polar", mode="multiplicative")
    for position, factor in enumerate(factors):
        forward = set(factors[:position])
        backward = set(factors[position + 1 :])
        ratio1 = _value(p0, p1, factors, forward | {factor}) / _value(p0, p1, factors, forward)
        ratio2 = _value(p0, p1, factors, backward | {factor}) / _value(p0, p1, factors, backward)
        np.testing.assert_allclose(result.effects.loc[factor].to_numpy(), np.sqrt(ratio1 * ratio2), rtol=1e-12)


def test_multiplicative_exact_is_the_shapley_value_of_the_logarithm():
    (t0, t1), (p0, p1), _ = _tables(seed=6)
    result = sda(t0, t1, factors=THREE, method="exact", mode="multiplicative")
    logs = {f: 0.0 for f in THREE}
    orders = list(itertools.permutations(THREE))
    for order in orders:
        done: set[str] = set()
        for f in order:
            before = np.log(_value(p0, p1, THREE, done))
            done = done | {f}
            logs[f] = logs[f] + (np.log(_value(p0, p1, THREE, done)) - before) / len(orders)
    np.testing.assert_allclose(result.effects.to_numpy(), np.exp(np.array([logs[f] for f in THREE])), rtol=1e-12)


def _lmdi_reference(p0, p1):
    """LMDI-I additive term by term for R = Σ_ij f_i L_ij y_j (Ang 2005), with explicit loops."""
    f0, f1, L0, L1 = p0["intensity"], p1["intensity"], p0["leontief"], p1["leontief"]
    y0, y1 = p0["final_demand"], p1["final_demand"]
    k, n = f0.shape
    out = np.zeros((3, k))
    for s in range(k):
        for i in range(n):
            for j in range(n):
                v0 = f0[s, i] * L0[i, j] * y0[j]
                v1 = f1[s, i] * L1[i, j] * y1[j]
                w = v0 if v0 == v1 else (v1 - v0) / math.log(v1 / v0)
                out[0, s] += w * math.log(f1[s, i] / f0[s, i])
                out[1, s] += w * math.log(L1[i, j] / L0[i, j])
                out[2, s] += w * math.log(y1[j] / y0[j])
    return out


def test_lmdi_matches_a_term_by_term_reference():
    (t0, t1), (p0, p1), _ = _tables(seed=7, n=5)
    result = sda(t0, t1, factors=THREE, method="lmdi")
    np.testing.assert_allclose(result.effects.to_numpy(), _lmdi_reference(p0, p1), rtol=1e-10)
    multiplicative = sda(t0, t1, factors=THREE, method="lmdi", mode="multiplicative")
    R0, R1 = result.value0.to_numpy(), result.value1.to_numpy()
    log_mean = (R1 - R0) / np.log(R1 / R0)
    np.testing.assert_allclose(multiplicative.effects.to_numpy(), np.exp(result.effects.to_numpy() / log_mean), rtol=1e-12)


def test_lmdi_zero_values_take_the_analytical_limits():
    # Stressor use appears in sector 0 (intensity 0 -> positive): the whole new use is the intensity
    # effect of those terms (Ang & Liu 2007), and the decomposition still closes.
    Z, Y, x, F = _random_year(np.random.default_rng(8), 4, k=1)
    F0 = F.copy()
    F0[0, 0] = 0.0
    t0 = IOTable(Z, Y, x=x, F=F0)
    t1 = IOTable(Z, Y, x=x, F=F)
    result = sda(t0, t1, factors=THREE, method="lmdi")
    assert result.effects.loc["leontief"].abs().max() < 1e-9
    assert result.effects.loc["final_demand"].abs().max() < 1e-9
    np.testing.assert_allclose(result.effects.loc["intensity"].to_numpy(), result.total.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(result.by_sector[(0, "intensity")].iloc[0], F[0, 0] / x[0] * (np.linalg.solve(np.eye(4) - Z / x, Y.sum(axis=1)))[0], rtol=1e-10)


# ------------------------------------------------------------------------------------- properties ----

_methods = st.sampled_from(["exact", "two_polar", "lmdi"])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 8), method=_methods, chain=st.sampled_from(CHAINS))
def test_every_additive_result_closes(seed, n, method, chain):
    (t0, t1), _, _ = _tables(seed=seed, n=n)
    result = sda(t0, t1, factors=chain, method=method)
    scale = result.effects.abs().sum(axis=0).to_numpy() + np.abs(result.total.to_numpy())
    assert np.all(np.abs(result.closure.to_numpy()) <= 1e-12 * scale)
    np.testing.assert_allclose(result.effects.sum(axis=0).to_numpy(), result.total.to_numpy(), rtol=0, atol=1e-12 * scale.max())
    # By producing sector sums to the factor effects.
    assert result.closes
    summed = result.by_sector.sum(axis=0).unstack("factor")[chain].to_numpy()
    np.testing.assert_allclose(summed, result.effects.T.to_numpy(), rtol=0, atol=1e-12 * scale.max())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 8), method=_methods, chain=st.sampled_from(CHAINS))
def test_every_multiplicative_result_closes(seed, n, method, chain):
    (t0, t1), _, _ = _tables(seed=seed, n=n)
    result = sda(t0, t1, factors=chain, method=method, mode="multiplicative")
    np.testing.assert_allclose(result.effects.prod(axis=0).to_numpy(), result.total.to_numpy(), rtol=1e-12)
    assert np.all(np.abs(result.closure.to_numpy()) <= 1e-12)
    assert result.closes


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), permutation=st.permutations(SIX), mode=st.sampled_from(["additive", "multiplicative"]))
def test_exact_method_is_invariant_to_the_factor_order(seed, permutation, mode):
    (t0, t1), _, _ = _tables(seed=seed, n=5)
    reference = sda(t0, t1, factors=SIX, mode=mode).effects
    permuted = sda(t0, t1, factors=list(permutation), mode=mode).effects.loc[SIX]
    np.testing.assert_allclose(permuted.to_numpy(), reference.to_numpy(), rtol=1e-11, atol=1e-11 * reference.abs().to_numpy().max())


def test_identical_tables_give_zero_effects():
    (t0, _), _, _ = _tables(seed=9)
    for method in ("exact", "two_polar", "lmdi"):
        assert sda(t0, t0, method=method).effects.abs().to_numpy().max() == 0.0
        np.testing.assert_allclose(sda(t0, t0, method=method, mode="multiplicative").effects.to_numpy(), 1.0, rtol=1e-15)


def test_by_region_sums_by_sector_for_multiregional_tables():
    rng = np.random.default_rng(10)
    sectors = pd.MultiIndex.from_product([["north", "south"], ["farm", "mill", "shop"]], names=["region", "sector"])
    categories = pd.MultiIndex.from_product([["north", "south"], ["households", "exports"]], names=["region", "category"])
    tables = []
    for _ in range(2):
        Z, Y, x, F = _random_year(rng, 6, k=1, d=4)
        tables.append(IOTable(pd.DataFrame(Z, index=sectors, columns=sectors), pd.DataFrame(Y, index=sectors, columns=categories), x=pd.Series(x, index=sectors), F=pd.DataFrame(F, index=["CO2"], columns=sectors)))
    result = sda(*tables, factors=["intensity", "leontief", "level", "mix", "destination"])
    assert list(result.by_region.index) == ["north", "south"]
    np.testing.assert_allclose(result.by_region.sum(axis=0).to_numpy(), result.by_sector.sum(axis=0).to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(result.by_sector[("CO2", "leontief")].sum(), result.effects.loc["leontief", "CO2"], rtol=1e-12)


# ---------------------------------------------------------------------------- result object ----


def test_result_is_labelled_readable_and_pickles():
    (t0, t1), _, _ = _tables(seed=11)
    result = sda(t0, t1, factors=THREE, method="two_polar")
    assert list(result.effects.index) == THREE
    assert list(result.effects.columns) == ["e0", "e1"]
    assert result.effects.index.name == "factor"
    text = repr(result)
    assert "two_polar" in text and "relative distance" in text and "closure residual" in text
    assert "<table" in result._repr_html_()
    clone = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(clone.effects, result.effects)
    assert clone.relative_distance.equals(result.relative_distance)
    assert (result.relative_distance >= 0).all()


def test_plot_draws_one_bar_per_factor():
    import matplotlib  # in the test extras
    import matplotlib.pyplot

    matplotlib.use("Agg")
    (t0, t1), _, _ = _tables(seed=12)
    ax = sda(t0, t1).plot("e1")
    assert len(ax.patches) == 3
    matplotlib.pyplot.close(ax.figure)
    with pytest.raises(ValueError, match="stressor 'nope' is not in the result"):
        sda(t0, t1).plot("nope")


def test_inputs_are_not_modified():
    (t0, t1), _, years = _tables(seed=13)
    copies = [tuple(a.copy() for a in year) for year in years]
    sda(t0, t1, factors=SIX, method="lmdi")
    sda(t0, t1, factors=SIX, mode="multiplicative")
    for year, copy in zip(years, copies):
        for a, b in zip(year, copy):
            np.testing.assert_array_equal(a, b)


# -------------------------------------------------------------------------------------- bad input ----


def test_label_mismatch_between_years_names_the_label():
    (t0, _), _, years = _tables(seed=14)
    Z, Y, x, F = years[1]
    other = IOTable(Z, Y, x=x, F=F, sectors=["s0", "s1", "sX", "s3", "s4", "s5"], categories=["c0", "c1", "c2"], stressors=["e0", "e1"])
    with pytest.raises(ValueError, match=r"sda: sectors differ at position 2: 's2' in table0 but 'sX' in table1"):
        sda(t0, other)
    renamed = IOTable(Z, Y, x=x, F=F, sectors=[f"s{i}" for i in range(6)], categories=["c0", "c1", "c2"], stressors=["e0", "CO2"])
    with pytest.raises(ValueError, match=r"sda: stressors differ at position 1: 'e1' in table0 but 'CO2' in table1"):
        sda(t0, renamed)
    smaller = IOTable(Z[:5, :5], Y[:5], F=F[:, :5], sectors=[f"s{i}" for i in range(5)], categories=["c0", "c1", "c2"], stressors=["e0", "e1"])
    with pytest.raises(ValueError, match=r"sda: table0 has 6 sectors but table1 has 5"):
        sda(t0, smaller)


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        (["intensity", "leontief", "demand"], r"factors contains 'demand', which is not a factor"),
        (["intensity", "intensity", "leontief", "final_demand"], r"factors lists 'intensity' twice"),
        (["leontief", "final_demand"], r"factors lacks 'intensity'"),
        (["intensity", "final_demand"], r"factors lacks 'leontief'"),
        (["intensity", "leontief", "final_demand", "mix"], r"counts final demand twice"),
        (["intensity", "leontief", "mix"], r"factors has no final-demand level"),
        (["intensity", "leontief", "level"], r"factors lacks 'mix'"),
        (["intensity", "leontief", "population", "mix"], r"needs both 'population' and 'per_capita'"),
        (["intensity", "leontief", "level", "population", "per_capita", "mix"], r"counts the level twice"),
    ],
    ids=["unknown", "duplicate", "no-intensity", "no-leontief", "double-demand", "no-level", "no-mix", "half-population", "double-level"],
)
def test_bad_factor_lists(factors, message):
    (t0, t1), _, _ = _tables(seed=15)
    with pytest.raises(ValueError, match=message):
        sda(t0, t1, factors=factors)


def test_bad_method_form_and_arguments():
    (t0, t1), _, _ = _tables(seed=16)
    with pytest.raises(ValueError, match=r"sda: method is 'shapley', but must be one of exact, two_polar, lmdi"):
        sda(t0, t1, method="shapley")
    with pytest.raises(ValueError, match=r"sda: mode is 'log', but must be 'additive' or 'multiplicative'"):
        sda(t0, t1, mode="log")
    with pytest.raises(TypeError, match=r"sda: factors must be a sequence of factor names"):
        sda(t0, t1, factors="intensity")
    with pytest.raises(TypeError, match=r"sda: table0 and table1 must be IOTable objects"):
        sda(np.eye(2), t1)


def test_population_factors_need_a_population():
    rng = np.random.default_rng(17)
    Z, Y, x, F = _random_year(rng, 4)
    t0, t1 = IOTable(Z, Y, x=x, F=F), IOTable(Z, Y, x=x, F=F, population=2.0)
    with pytest.raises(ValueError, match=r"sda: the population and per_capita factors need table0.population"):
        sda(t0, t1, factors=SIX)
    with pytest.raises(ValueError, match=r"IOTable: population is -1.0, but must be positive"):
        IOTable(Z, Y, x=x, F=F, population=-1.0)


def test_multiplicative_and_lmdi_refuse_negative_values():
    Z, Y, x, F = _random_year(np.random.default_rng(18), 4, k=1)
    Fneg = F.copy()
    Fneg[0] = -F[0]  # a sink: negative stressor use everywhere
    t0, t1 = IOTable(Z, Y, x=x, F=Fneg, stressors=["CO2"]), IOTable(Z, Y * 1.1, F=Fneg * 0.9, stressors=["CO2"])
    with pytest.raises(ValueError, match=r"multiplicative form needs positive values, but stressor 0 \('CO2'\) is -"):
        sda(t0, t1, mode="multiplicative")
    with pytest.raises(ValueError, match=r"sda \(lmdi\): the intensity of stressor 0 \('CO2'\) in sector 0 \('0'\) is -"):
        sda(t0, t1, method="lmdi")
    Yneg = Y.copy()
    Yneg[2, 1] = -0.5  # an inventory draw-down
    u0, u1 = IOTable(Z, Yneg, x=x, F=F), IOTable(Z, Y, x=x, F=F)
    with pytest.raises(ValueError, match=r"final demand Y\[2, 1\] for sector 2 \('2'\) is -0.5 in the base-year table; LMDI needs non-negative"):
        sda(u0, u1, method="lmdi")
    # The exact method has no logarithms: negative values are fine and the result closes.
    result = sda(t0, t1)
    np.testing.assert_allclose(result.effects.sum().to_numpy(), result.total.to_numpy(), rtol=1e-12)


def test_zero_final_demand_level_is_refused_for_level_factors():
    Z = np.array([[0.0, 1.0], [1.0, 0.0]])
    Y = np.array([[1.0, -1.0], [2.0, -2.0]])  # exports offset by imports: level 0
    t0 = IOTable(Z, Y, x=[10.0, 10.0], F=[[1.0, 1.0]])
    with pytest.raises(ValueError, match=r"final demand of the base-year table sums to 0"):
        sda(t0, t0, factors=["intensity", "leontief", "level", "mix"])


def test_haidian_exports_the_io_api():
    assert haidian.sda is sda and haidian.IOTable is IOTable
    assert {"IOTable", "SdaResult", "sda"} <= set(haidian.__all__)
