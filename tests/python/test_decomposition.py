"""Decomposition numbers: an independent plain-loop implementation, brute-force Shapley, hypothesis
properties over random panels, and the published formulas and limits (each cited where used)."""

from __future__ import annotations

import itertools
import math
from typing import Dict, List

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import haidian

METHODS = ["lmdi1", "lmdi2", "shapley"]
MODES = ["additive", "multiplicative"]


# ---------------------------------------------------------------------------------------------------
# Independent implementation: plain Python loops, straight from the papers' formulas.
# ---------------------------------------------------------------------------------------------------


def L(a: float, b: float) -> float:
    """Logarithmic mean, textbook form with its limits (Ang 2005, footnote 2).

    For a/b in [1/2, 2] the log is taken as log1p((a - b)/b), whose argument is exact up to one
    rounding (a - b is exact there, Sterbenz): the plain log(a/b) rounds the ratio first, which for
    a and b a few ulps apart (two cells that swap values, summed in another order) makes L wrong
    in its first digit (hypothesis found this: a 1-ulp change of the aggregate).
    """
    if a == b:
        return a
    if a == 0.0 or b == 0.0:
        return 0.0
    if 0.5 <= a / b <= 2.0:
        return (a - b) / math.log1p((a - b) / b)
    return (a - b) / math.log(a / b)


def value(f: np.ndarray, t: int, i: int) -> float:
    return float(f[t] if f.ndim == 1 else f[t, i])


def contributions(xs: List[np.ndarray], t0: int, t1: int, i: int, p: float, q: float, shift: float) -> List[float]:
    """c_k = L(p, q) ln(x_k^T/x_k^0) for one cell, with the analytical limits of Ang & Liu (2007,
    Energy Policy 35:238-246) when p or q is zero: the change goes to the factor(s) at zero, split equally."""
    x0 = [value(f, t0, i) for f in xs]
    x1 = [value(f, t1, i) for f in xs]
    if p == 0.0 and q == 0.0:
        return [0.0] * len(xs)
    if q == 0.0:
        zero = [k for k in range(len(xs)) if x0[k] == 0.0]
        return [p / len(zero) if k in zero else 0.0 for k in range(len(xs))]
    if p == 0.0:
        zero = [k for k in range(len(xs)) if x1[k] == 0.0]
        return [-q / len(zero) if k in zero else 0.0 for k in range(len(xs))]
    return [L(p, q) * math.log(x1[k] / x0[k]) for k in range(len(xs))]


def reference_lmdi(xs: List[np.ndarray], t0: int, t1: int, method: str, mode: str) -> List[float]:
    n = max([f.shape[1] for f in xs if f.ndim == 2] + [1])
    V0 = [math.prod(value(f, t0, i) for f in xs) for i in range(n)]
    V1 = [math.prod(value(f, t1, i) for f in xs) for i in range(n)]
    S0, S1 = sum(V0), sum(V1)
    K = len(xs)
    if method == "lmdi1":
        sums = [0.0] * K
        for i in range(n):
            for k, c in enumerate(contributions(xs, t0, t1, i, V1[i], V0[i], 0.0)):
                sums[k] += c
        if mode == "additive":
            return sums
        return [math.exp(s / L(S1, S0)) for s in sums]
    # LMDI-II (Ang & Choi 1997; Ang & Liu 2001): weights from the shares.
    sums = [0.0] * K
    weight = 0.0
    for i in range(n):
        p, q = V1[i] / S1, V0[i] / S0
        weight += L(p, q)
        for k, c in enumerate(contributions(xs, t0, t1, i, p, q, 0.0)):
            sums[k] += c
    logs = [s / weight for s in sums]
    if mode == "multiplicative":
        return [math.exp(v) for v in logs]
    return [L(S1, S0) * v for v in logs]


def aggregate(xs: List[np.ndarray], t0: int, t1: int, at_end: List[bool]) -> float:
    n = max([f.shape[1] for f in xs if f.ndim == 2] + [1])
    return sum(math.prod(value(f, t1 if e else t0, i) for f, e in zip(xs, at_end)) for i in range(n))


def brute_force_shapley(xs: List[np.ndarray], t0: int, t1: int, mode: str) -> List[float]:
    """Average over all K! orderings of each factor's marginal change (Shapley 1953; Sun 1998;
    Ang, Liu & Chew 2003): of V (additive) or of ln V (multiplicative, returned as exp)."""
    K = len(xs)
    game = (lambda s: math.log(aggregate(xs, t0, t1, s))) if mode == "multiplicative" else (
        lambda s: aggregate(xs, t0, t1, s))
    totals = [0.0] * K
    orders = list(itertools.permutations(range(K)))
    for order in orders:
        state = [False] * K
        before = game(state)
        for k in order:
            state[k] = True
            after = game(state)
            totals[k] += after - before
            before = after
    phi = [t / len(orders) for t in totals]
    return [math.exp(v) for v in phi] if mode == "multiplicative" else phi


def reference(xs: List[np.ndarray], t0: int, t1: int, method: str, mode: str) -> List[float]:
    if method == "shapley":
        return brute_force_shapley(xs, t0, t1, mode)
    return reference_lmdi(xs, t0, t1, method, mode)


# ---------------------------------------------------------------------------------------------------
# Random panels
# ---------------------------------------------------------------------------------------------------


@st.composite
def panels(draw, min_value: float = 0.05, max_value: float = 20.0, zeros: bool = False,
           max_factors: int = 4) -> Dict[str, np.ndarray]:
    T = draw(st.integers(2, 5))
    N = draw(st.integers(1, 6))
    K = draw(st.integers(1, max_factors))
    elements = st.floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    if zeros:
        elements = st.one_of(elements, st.just(0.0))
    factors = {}
    for k in range(K):
        aggregate_factor = draw(st.booleans()) and k == 0
        shape = (T,) if aggregate_factor else (T, N)
        factors[f"f{k}"] = draw(hnp.arrays(np.float64, shape, elements=elements))
    return factors


def relative(a: float, b: float, scale: float) -> float:
    return abs(a - b) / max(scale, 1e-300)


# ---------------------------------------------------------------------------------------------------
# Against the independent implementation
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=60, deadline=None)
@given(factors=panels(), chained=st.booleans(), base=st.integers(0, 1))
def test_matches_independent_implementation(factors, method, mode, chained, base) -> None:
    xs = list(factors.values())
    r = haidian.decompose(factors, method=method, mode=mode, chained=chained, base=None if chained else base)
    effects = r.effects.to_numpy()
    starts = r.values["start_period"].to_numpy()
    for s, end in enumerate(r.effects.index):
        expected = reference(xs, int(starts[s]), int(end), method, mode)
        scale = abs(r.values["start_value"].iloc[s]) + abs(r.values["end_value"].iloc[s])
        for k in range(len(xs)):
            if mode == "additive":
                assert relative(effects[s, k], expected[k], scale) < 1e-10
            else:
                assert effects[s, k] == pytest.approx(expected[k], rel=1e-10)


@pytest.mark.parametrize("method", ["lmdi1", "lmdi2"])
@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=80, deadline=None)
@given(factors=panels(zeros=True))
def test_zero_cells_match_the_analytical_limits(factors, method, mode) -> None:
    xs = list(factors.values())
    try:
        r = haidian.decompose(factors, method=method, mode=mode)
    except ValueError as error:
        # Only a zero aggregate (multiplicative or LMDI-II) or undefined LMDI-II weights may be refused.
        assert "aggregate is" in str(error) or "LMDI-II weights are undefined" in str(error)
        return
    for s, end in enumerate(r.effects.index):
        expected = reference(xs, int(end) - 1, int(end), method, mode)
        scale = abs(r.values["start_value"].iloc[s]) + abs(r.values["end_value"].iloc[s])
        for k in range(len(xs)):
            got = r.effects.iloc[s, k]
            if mode == "additive":
                assert relative(got, expected[k], scale) < 1e-10
            else:
                assert got == pytest.approx(expected[k], rel=1e-10)
    assert r.closes


# ---------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=80, deadline=None)
@given(factors=panels(min_value=1e-3, max_value=1e3), chained=st.booleans())
def test_additive_effects_sum_to_the_change(factors, method, chained) -> None:
    r = haidian.decompose(factors, method=method, chained=chained)
    values = r.values
    scale = values["start_value"].abs() + values["end_value"].abs()
    residual = (r.effects.sum(axis=1) - (values["end_value"] - values["start_value"])).abs()
    assert (residual <= 1e-10 * scale).all()
    assert (r.total - (values["end_value"] - values["start_value"])).abs().max() <= 1e-12 * scale.max()
    assert r.closes


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=80, deadline=None)
@given(factors=panels(min_value=1e-3, max_value=1e3), chained=st.booleans())
def test_multiplicative_effects_multiply_to_the_ratio(factors, method, chained) -> None:
    r = haidian.decompose(factors, method=method, mode="multiplicative", chained=chained)
    ratio = r.values["end_value"] / r.values["start_value"]
    assert np.allclose(r.effects.prod(axis=1), ratio, rtol=1e-10, atol=0)
    assert np.allclose(r.total, ratio, rtol=1e-13, atol=0)


@settings(max_examples=80, deadline=None)
@given(factors=panels())
def test_lmdi1_log_of_multiplicative_is_additive_over_log_mean(factors) -> None:
    # Ang (2005), Energy Policy 33:867-871, eq. (7): ln D_k = ΔV_k / L(V^T, V^0).
    add = haidian.decompose(factors, method="lmdi1")
    mult = haidian.decompose(factors, method="lmdi1", mode="multiplicative")
    weights = np.array([L(end, start) for end, start in zip(add.values["end_value"], add.values["start_value"])])
    assert np.allclose(np.log(mult.effects.to_numpy()), add.effects.to_numpy() / weights[:, None],
                       rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None)
@given(factors=panels())
def test_multiplicative_time_reversal(factors, method) -> None:
    # Index-number time-reversal test (Ang 2004): D(0 -> T) · D(T -> 0) = 1 for every factor.
    forward = haidian.decompose(factors, method=method, mode="multiplicative")
    backward = haidian.decompose({k: v[::-1] for k, v in factors.items()}, method=method, mode="multiplicative")
    product = forward.effects.to_numpy() * backward.effects.to_numpy()[::-1]
    assert np.allclose(product, 1.0, rtol=1e-12, atol=0)


@settings(max_examples=60, deadline=None)
@given(factors=panels())
def test_lmdi2_multiplicative_activity_effect_is_the_activity_ratio(factors) -> None:
    # Normalised LMDI-II weights sum to one, so an aggregate factor's index is its own ratio.
    q = np.linspace(1.0, 2.0, len(next(iter(factors.values()))))
    factors = {"activity": q, **factors}
    r = haidian.decompose(factors, method="lmdi2", mode="multiplicative")
    assert np.allclose(r.effects["activity"].to_numpy(), q[1:] / q[:-1], rtol=1e-13, atol=0)


@settings(max_examples=60, deadline=None)
@given(factors=panels(min_value=-5.0, max_value=5.0, max_factors=5))
def test_shapley_equals_brute_force_even_with_negative_values(factors) -> None:
    xs = list(factors.values())
    r = haidian.decompose(factors, method="shapley")
    for s in range(len(r.effects)):
        expected = brute_force_shapley(xs, s, s + 1, "additive")
        scale = sum(abs(aggregate(xs, s, s + 1, [e] * len(xs))) for e in (False, True)) + 1.0
        for k in range(len(xs)):
            assert relative(r.effects.iloc[s, k], expected[k], scale) < 1e-10


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=40, deadline=None)
@given(factors=panels())
def test_chained_cumulative_is_the_running_sum_or_product_of_steps(factors, method, mode) -> None:
    r = haidian.decompose(factors, method=method, mode=mode)
    steps = r.effects.to_numpy()
    expected = np.cumprod(steps, axis=0) if mode == "multiplicative" else np.cumsum(steps, axis=0)
    assert np.array_equal(r.cumulative().to_numpy(), expected)
    last = r.cumulative_total().iloc[-1]
    first_to_last = r.values["end_value"].iloc[-1] / r.values["start_value"].iloc[0] if mode == "multiplicative" \
        else r.values["end_value"].iloc[-1] - r.values["start_value"].iloc[0]
    assert last == pytest.approx(first_to_last, rel=1e-10, abs=1e-10)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=30, deadline=None)
@given(factors=panels())
def test_fixed_base_over_two_periods_equals_chained(factors, method) -> None:
    first_two = {k: v[:2] for k, v in factors.items()}
    chained = haidian.decompose(first_two, method=method)
    fixed = haidian.decompose(first_two, method=method, chained=False)
    assert np.array_equal(chained.effects.to_numpy(), fixed.effects.to_numpy())
    assert fixed.chained is False and chained.chained is True


@pytest.mark.parametrize("method", METHODS)
def test_fixed_base_compares_every_period_with_the_base(method) -> None:
    rng = np.random.default_rng(3)
    factors = {"q": rng.uniform(1, 2, 5), "i": rng.uniform(1, 2, (5, 3))}
    fixed = haidian.decompose(factors, method=method, chained=False, base=2)
    assert list(fixed.effects.index) == [0, 1, 3, 4]
    assert list(fixed.values["start_period"]) == [2, 2, 2, 2]
    for end in (0, 1, 3, 4):
        pair = haidian.decompose({k: v[[2, end]] for k, v in factors.items()}, method=method)
        assert np.allclose(fixed.effects.loc[end].to_numpy(), pair.effects.iloc[0].to_numpy(), rtol=1e-13)


# ---------------------------------------------------------------------------------------------------
# Published formulas and limits, as worked examples (numbers derived by hand from the cited formula)
# ---------------------------------------------------------------------------------------------------


def test_sun_1998_jointly_created_and_equally_distributed() -> None:
    # Sun (1998), Energy Economics 20:85-100: for V = x·y the interaction Δx·Δy is split equally,
    # ΔV_x = Δx·y0 + Δx·Δy/2. x: 4 -> 7, y: 10 -> 6: ΔV_x = 30 - 6 = 24, ΔV_y = -16 - 6 = -22.
    r = haidian.decompose({"x": [4.0, 7.0], "y": [10.0, 6.0]}, method="shapley")
    assert r.effects.iloc[0].tolist() == [24.0, -22.0]
    assert r.total.iloc[0] == 2.0


def test_ang_liu_2007_zero_value_limits_worked_example() -> None:
    # Ang & Liu (2007), Energy Policy 35:238-246: lim L(V^T, V^0)·ln(x^T/x^0) is V^T for a factor
    # leaving zero, -V^0 for one reaching zero, 0 for the others. Sector B enters (output share from
    # 0), sector C exits (intensity to 0). E = Q·S·I; Q: 10 -> 12.
    q = [10.0, 12.0]
    s = np.array([[0.6, 0.0, 0.4], [0.5, 0.2, 0.3]])
    i = np.array([[2.0, 5.0, 1.5], [2.0, 5.0, 0.0]])
    r = haidian.decompose({"activity": q, "structure": s, "intensity": i}, periods=[2020, 2021])
    sectors = r.by_sector()
    assert sectors.loc[(2021, "structure"), 1] == pytest.approx(12 * 0.2 * 5, rel=1e-14)   # V^T of B
    assert sectors.loc[(2021, "activity"), 1] == 0.0
    assert sectors.loc[(2021, "intensity"), 2] == pytest.approx(-10 * 0.4 * 1.5, rel=1e-14)  # -V^0 of C
    assert sectors.loc[(2021, "structure"), 2] == 0.0
    # Sector A (no zeros) by the plain LMDI-I formula.
    LA = L(12 * 0.5 * 2.0, 10 * 0.6 * 2.0)
    assert sectors.loc[(2021, "activity"), 0] == pytest.approx(LA * math.log(1.2), rel=1e-14)
    assert sectors.loc[(2021, "structure"), 0] == pytest.approx(LA * math.log(0.5 / 0.6), rel=1e-14)
    assert r.effects.iloc[0].sum() == pytest.approx(r.total.iloc[0], rel=1e-14)


def test_two_factors_at_zero_in_one_cell_are_split_equally() -> None:
    # The limit is path-dependent when two factors leave zero together; haidian splits equally,
    # which is the cell's Shapley value (and the small-value result with one common δ).
    factors = {"a": np.array([[0.0, 1.0], [2.0, 1.0]]), "b": np.array([[0.0, 3.0], [3.0, 3.0]])}
    lmdi = haidian.decompose(factors)
    shapley = haidian.decompose(factors, method="shapley")
    assert lmdi.by_sector().loc[(1, "a"), 0] == 3.0
    assert lmdi.by_sector().loc[(1, "b"), 0] == 3.0
    assert np.allclose(lmdi.by_sector().to_numpy(), shapley.by_sector().to_numpy(), rtol=1e-14, atol=0)


def test_small_value_strategy_converges_logarithmically() -> None:
    # Wood & Lenzen (2006), Energy Policy 34:1326-1331: with δ for zero the error shrinks only like
    # 1/ln(1/δ). a: 0 -> 1, b: 1 -> 2; limit: a gets 2, b gets 0; with δ, b gets (2-δ) ln2 / ln(2/δ).
    factors = {"a": [0.0, 1.0], "b": [1.0, 2.0]}
    limit = haidian.decompose(factors)
    assert limit.effects.iloc[0].tolist() == [2.0, 0.0]
    for delta in (1e-10, 1e-20):
        small = haidian.decompose(factors, zeros="small", small_value=delta)
        assert small.effects["b"].iloc[0] == pytest.approx((2 - delta) * math.log(2) / math.log(2 / delta), rel=1e-12)
        assert small.zeros == "small" and small.small_value == delta


def test_kaya_multiplicative_single_country_gives_factor_ratios() -> None:
    # For one product every multiplicative method gives D_k = x_k^T/x_k^0 (Ang 2015, Table 2, M-I/M-II).
    for method in METHODS:
        r = haidian.kaya([100.0, 105.0], [200.0, 252.0], [160.0, 176.4], [480.0, 511.56], method=method,
                         mode="multiplicative")
        assert np.allclose(r.effects.iloc[0].to_numpy(), [1.05, 1.2, 0.875, 2.9 / 3.0], rtol=1e-13)


def test_by_sector_sums_to_effects_and_groups_aggregate_consistently() -> None:
    rng = np.random.default_rng(5)
    factors = {"q": rng.uniform(1, 2, 4), "s": rng.uniform(0.1, 1, (4, 6)), "i": rng.uniform(1, 3, (4, 6))}
    r = haidian.decompose(factors)
    sums = r.by_sector().sum(axis=1).unstack("factor")[r.factors]
    assert np.allclose(sums.to_numpy(), r.effects.to_numpy(), rtol=1e-12)
    groups = {0: "g1", 1: "g1", 2: "g2", 3: "g2", 4: "g2", 5: "g3"}
    by_group = r.by_group(groups)
    # LMDI-I is consistent in aggregation: a group's effects equal decomposing its own sub-aggregate.
    sub = haidian.decompose({"q": factors["q"], "s": factors["s"][:, 2:5], "i": factors["i"][:, 2:5]})
    assert np.allclose(by_group["g2"].unstack("factor")[r.factors].to_numpy(), sub.effects.to_numpy(), rtol=1e-12)
