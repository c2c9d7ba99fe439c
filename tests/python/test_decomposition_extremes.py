"""Extreme magnitudes: results from finite valid input are finite and match an exact (mpmath, 200-bit)
evaluation of the published formulas, or an error states a reason the exact values confirm.

References for the formulas: LMDI-I Ang (2005), Energy Policy 33:867-871; LMDI-II Ang & Choi (1997),
Energy Journal 18(3):59-73; zero-value limits Ang & Liu (2007), Energy Policy 35:238-246; Shapley/Sun
Sun (1998), Energy Economics 20:85-100, as the average over all factor orderings.
"""

from __future__ import annotations

import itertools
import math
from typing import Dict, List, Tuple

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian.decomposition import CLOSURE_TOLERANCES
from conftest import scaled_examples

METHODS = ["lmdi1", "lmdi2", "shapley"]
MODES = ["additive", "multiplicative"]
MP = mpmath.mp.clone()
MP.prec = 200  # products of three doubles are exact; logs far beyond double precision
LARGEST = mpmath.mpf(np.finfo(float).max)


# ---------------------------------------------------------------------------------------------------
# Exact reference: each effect (ΔV_k, or ln D_k in multiplicative mode) and the size of the terms it
# is summed from, which bounds the rounding any double evaluation must have (its condition).
# ---------------------------------------------------------------------------------------------------


def log_mean(a, b):
    if a == b:
        return a
    if a == 0 or b == 0:
        return MP.mpf(0)
    return (a - b) / (MP.log(a) - MP.log(b))


def cells(xs: List[np.ndarray], t: int) -> List[List]:
    n = max([f.shape[1] for f in xs if f.ndim == 2] + [1])
    return [[MP.mpf(float(f[t] if f.ndim == 1 else f[t, i])) for f in xs] for i in range(n)]


def lmdi_terms(x0: List, x1: List, p, q) -> List[List]:
    """Each factor's term of one cell: L(p, q) ln(x^T/x^0), or the analytical limits."""
    K = len(x0)
    if p == 0 and q == 0:
        return [[] for _ in range(K)]
    if q == 0 or p == 0:
        entering = q == 0
        zero = [k for k in range(K) if (x0 if entering else x1)[k] == 0]
        share = (p if entering else -q) / len(zero)
        return [[share] if k in zero else [] for k in range(K)]
    w = log_mean(p, q)
    return [[w * (MP.log(x1[k]) - MP.log(x0[k]))] for k in range(K)]


def exact(xs: List[np.ndarray], t0: int, t1: int, method: str, mode: str):
    """(effects, condition scales, V^0, V^T): mpmath values; raises ZeroDivisionError / ValueError
    where the method is undefined (zero aggregate, no LMDI-II weight)."""
    c0, c1 = cells(xs, t0), cells(xs, t1)
    K = len(xs)
    V0 = [MP.fprod(c) for c in c0]
    V1 = [MP.fprod(c) for c in c1]
    S0, S1 = MP.fsum(V0), MP.fsum(V1)
    if method == "shapley":
        if mode == "additive":
            effects, scales = [MP.mpf(0)] * K, [MP.mpf(0)] * K
            for a, b in zip(c0, c1):
                phi = shapley([a], [b], K, log=False)
                effects = [e + f for e, f in zip(effects, phi)]
                scales = [s + abs(f) for s, f in zip(scales, phi)]
            return effects, scales, S0, S1
        phi = shapley(c0, c1, K, log=True)
        size = max(abs(v) for v in subset_logs(c0, c1, K).values())
        return phi, [size] * K, S0, S1
    if method == "lmdi1":
        p_of, q_of, weight = V1, V0, None
    else:
        p_of, q_of = [v / S1 for v in V1], [v / S0 for v in V0]
        weight = MP.fsum(log_mean(p, q) for p, q in zip(p_of, q_of) if p > 0 and q > 0)
        if weight == 0:
            raise ValueError("no LMDI-II weight")
    sums, sizes = [MP.mpf(0)] * K, [MP.mpf(0)] * K
    for a, b, p, q in zip(c0, c1, p_of, q_of):
        for k, terms in enumerate(lmdi_terms(a, b, p, q)):
            sums[k] += MP.fsum(terms)
            sizes[k] += MP.fsum(abs(t) for t in terms)
    if method == "lmdi1":
        if mode == "additive":
            return sums, sizes, S0, S1
        L = log_mean(S1, S0)
        if L == 0:
            raise ValueError("zero aggregate")
        return [s / L for s in sums], [z / L for z in sizes], S0, S1
    to_effect = 1 / weight if mode == "multiplicative" else log_mean(S1, S0) / weight
    return [s * to_effect for s in sums], [z * to_effect for z in sizes], S0, S1


def subset_logs(c0, c1, K) -> Dict[Tuple[bool, ...], object]:
    out = {}
    for state in itertools.product([False, True], repeat=K):
        total = MP.fsum(MP.fprod(b[k] if e else a[k] for k, e in enumerate(state)) for a, b in zip(c0, c1))
        if total <= 0:
            raise ValueError("non-positive mixed aggregate")
        out[state] = MP.log(total)
    return out


def shapley(c0, c1, K, log: bool) -> List:
    """Average over all K! orderings of the marginal changes of V (or ln V)."""
    if log:
        logs = subset_logs(c0, c1, K)
        game = logs.__getitem__
    else:
        def game(state):
            return MP.fsum(MP.fprod(b[k] if e else a[k] for k, e in enumerate(state)) for a, b in zip(c0, c1))
    totals = [MP.mpf(0)] * K
    orders = list(itertools.permutations(range(K)))
    for order in orders:
        state = [False] * K
        before = game(tuple(state))
        for k in order:
            state[k] = True
            after = game(tuple(state))
            totals[k] += after - before
            before = after
    return [t / len(orders) for t in totals]


# ---------------------------------------------------------------------------------------------------
# Panels over 1e-300 .. 1e300: each factor has its own decimal scale per period, drawn so that every
# product of factors (and every partial product) stays within the doubles; a third of the cells may be
# 0 (sectors entering and leaving).
# ---------------------------------------------------------------------------------------------------


@st.composite
def extreme_panels(draw) -> Dict[str, np.ndarray]:
    T = draw(st.integers(2, 3))
    N = draw(st.integers(1, 4))
    K = draw(st.integers(1, 3))
    exponents = np.array([[draw(st.integers(-300, 300)) for _ in range(K)] for _ in range(T)], dtype=float)
    for t in range(T):  # keep sum_k |e_k| <= 300 in every period
        total = np.abs(exponents[t]).sum()
        if total > 300:
            exponents[t] = np.trunc(exponents[t] * 300 / total)
    mantissa = st.floats(0.1, 10.0)
    factors = {}
    for k in range(K):
        aggregate = k == 0 and draw(st.booleans())
        shape = (T,) if aggregate else (T, N)
        values = np.empty(shape)
        for index in np.ndindex(shape):
            zero = not aggregate and draw(st.integers(0, 2)) == 0
            values[index] = 0.0 if zero else draw(mantissa) * 10.0 ** exponents[index[0], k]
        factors[f"f{k}"] = values
    return factors


def justified(message: str, xs, t0: int, t1: int, method: str, mode: str) -> bool:
    """Whether the exact values confirm the reason an error gives."""
    try:
        effects, _, S0, S1 = exact(xs, t0, t1, method, mode)
    except (ValueError, ZeroDivisionError):
        return True  # the method is undefined here (zero aggregate, no weight, non-positive mix)
    if "aggregate is" in message and ("needs it positive" in message or "must be finite" in message):
        return S0 <= 0 or S1 <= 0 or S0 > LARGEST or S1 > LARGEST
    if "its reciprocal overflows" in message:
        return min(S0, S1) < 1 / LARGEST
    if "a ratio beyond the range of a double" in message:
        return not (1 / LARGEST <= S1 / S0 <= LARGEST) or min(S0, S1) < mpmath.mpf(2) ** -1074
    if "beyond the range of a double" in message:
        if mode == "multiplicative":  # D_k overflows, or underflows to 0
            return any(e > MP.log(LARGEST) or e < MP.log(mpmath.mpf(2) ** -1075) for e in effects)
        return any(abs(e) > LARGEST for e in effects)
    return False


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=scaled_examples(60), deadline=None)
@given(factors=extreme_panels(), chained=st.booleans())
def test_extreme_magnitudes_close_and_match_exact_values(factors, method, mode, chained) -> None:
    xs = list(factors.values())
    T = len(xs[0])
    base = T - 1
    try:
        r = haidian.decompose(factors, method=method, mode=mode, chained=chained,
                              base=None if chained else base, threads=1)
    except ValueError as error:
        steps = [(t - 1, t) for t in range(1, T)] if chained else [(base, t) for t in range(T) if t != base]
        assert any(justified(str(error), xs, t0, t1, method, mode) for t0, t1 in steps), str(error)
        return
    effects = r.effects.to_numpy()
    assert np.isfinite(effects).all()
    assert np.abs(r.closure.to_numpy()).max() <= CLOSURE_TOLERANCES[method]
    assert r.closes
    starts = r.values["start_period"].to_numpy()
    for s, end in enumerate(r.effects.index):
        expected, scales, _, _ = exact(xs, int(starts[s]), int(end), method, mode)
        for k in range(len(xs)):
            got = MP.log(effects[s, k]) if mode == "multiplicative" else MP.mpf(effects[s, k])
            # Rounding of the terms each effect is summed from, plus the last ulps of the effect. An
            # index D_k is compared through ln D_k: its own rounding is 2^-52 there, more when D_k is
            # subnormal (spacing 2^-1074 relative to D_k).
            allowed = 1e-11 * scales[k] + 1e-14 * abs(expected[k]) + MP.mpf(2) ** -1070
            if mode == "multiplicative":
                allowed += MP.mpf(2) ** -52 + MP.mpf(2) ** -1074 / effects[s, k]
            assert abs(got - expected[k]) <= allowed, (s, k, got, expected[k], scales[k])


# ---------------------------------------------------------------------------------------------------
# The cases users reported, each against its value worked out by hand
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["lmdi1", "lmdi2"])
def test_a_ratio_that_overflows_is_a_difference_of_logs(method) -> None:
    # a: 1e-300 -> 1e300, b: 1 -> 2: one sector, so ΔV_k = L(V^T, V^0) ln(x_k^T/x_k^0).
    r = haidian.decompose({"a": [[1e-300], [1e300]], "b": [[1.0], [2.0]]}, method=method)
    L = 2e300 / (600 * math.log(10) + math.log(2))
    assert r.effects.iloc[0].to_numpy() == pytest.approx([L * 600 * math.log(10), L * math.log(2)], rel=1e-13)
    assert r.total.iloc[0] == 2e300
    assert r.closes


def test_a_ratio_that_underflows_is_a_difference_of_logs() -> None:
    r = haidian.decompose({"a": [[2.0], [5e-324]], "b": [[1.0], [1.0]]})
    assert r.effects.iloc[0].to_numpy() == pytest.approx([-2.0, 0.0], rel=1e-15, abs=1e-300)


@pytest.mark.parametrize("method", METHODS)
def test_a_multiplicative_index_beyond_the_doubles_is_an_error(method) -> None:
    with pytest.raises(ValueError, match="a ratio beyond the range of a double; use additive mode"):
        haidian.decompose({"a": [[1e-300], [1e300]], "b": [[1.0], [2.0]]}, method=method, mode="multiplicative")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("eps", [1e-8, 1e-12, 1e-14])
def test_lmdi2_closes_as_the_continuing_share_shrinks(mode, eps) -> None:
    # A sector leaves, one enters, the continuing one's share is ~eps; only a changes in it, so a
    # takes the whole change (b's index is 1).
    a = np.array([[1.0, eps, 0.0], [0.0, 1.1 * eps, 1.0]])
    b = np.array([[2.0, 1.0, 3.0], [2.0, 1.0, 3.0]])
    r = haidian.decompose({"a": a, "b": b}, method="lmdi2", mode=mode)
    V0, VT = 2.0 + eps, 3.0 + 1.1 * eps
    if mode == "additive":
        assert r.effects.iloc[0].to_numpy() == pytest.approx([VT - V0, 0.0], rel=1e-13, abs=1e-15)
    else:
        assert r.effects.iloc[0].to_numpy() == pytest.approx([VT / V0, 1.0], rel=1e-13)
    assert abs(r.closure.iloc[0]) <= 1e-15
    assert r.closes


def test_lmdi2_random_panels_with_zeros_close_to_rounding() -> None:
    rng = np.random.default_rng(7)
    worst = 0.0
    for _ in range(300):
        x = rng.uniform(0.1, 10.0, (2, 4, 6))
        x[rng.random(x.shape) < 0.3] = 0.0
        try:
            r = haidian.decompose({"a": x[0], "b": x[1]}, method="lmdi2")
        except ValueError:
            continue
        worst = max(worst, float(np.abs(r.closure.to_numpy()).max()))
    assert worst <= 1e-14


def test_shapley_zero_times_infinity_inside_the_formula() -> None:
    r = haidian.decompose({"c": [0.0, 0.0], "a": [1e300, 1e300], "b": [1e300, 1e300]}, method="shapley")
    assert r.effects.iloc[0].to_numpy().tolist() == [0.0, 0.0, 0.0]
    assert r.closes


def test_shapley_closes_when_the_aggregate_is_zero_at_both_ends() -> None:
    a = np.array([[1e20, 3e20], [1.1e20, 2.9e20]])
    b = np.array([[0.3, -0.1], [0.3, -0.3 * 1.1 / 2.9]])
    r = haidian.decompose({"a": a, "b": b}, method="shapley")
    assert abs(r.effects.iloc[0, 0]) > 1e18
    assert abs(r.values["end_value"].iloc[0]) <= 1e6  # zero up to rounding
    assert r.closes
