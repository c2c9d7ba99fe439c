"""haidian.decompose as an API: pandas labels in and out, result views, pickling, no copies, the GIL,
threads, decompose_intensity and kaya, and a clear error for every bad input."""

from __future__ import annotations

import pickle
import sys
import threading
import time

import numpy as np
import pandas as pd
import pytest

import haidian
from haidian import _core


@pytest.fixture
def frames():
    years = pd.Index([2019, 2020, 2021, 2022], name="year")
    sectors = pd.Index(["industry", "services", "farming"], name="sector")
    rng = np.random.default_rng(42)
    output = pd.Series([100.0, 104.0, 110.0, 113.0], index=years)
    share = pd.DataFrame(rng.dirichlet(np.ones(3), 4), index=years, columns=sectors)
    intensity = pd.DataFrame(rng.uniform(0.2, 2.0, (4, 3)), index=years, columns=sectors)
    return {"activity": output, "structure": share, "intensity": intensity}


def test_pandas_labels_flow_through(frames) -> None:
    r = haidian.decompose(frames)
    assert list(r.effects.index) == [2020, 2021, 2022]
    assert r.effects.index.name == "period"
    assert list(r.effects.columns) == ["activity", "structure", "intensity"]
    assert list(r.total.index) == [2020, 2021, 2022]
    assert list(r.by_sector().columns) == ["industry", "services", "farming"]
    assert r.by_sector().index.names == ["period", "factor"]
    assert list(r.values.columns) == ["start_period", "start_value", "end_value"]
    assert r.start_value == r.values["start_value"].iloc[0]
    assert r.end_value == r.values["end_value"].iloc[-1]
    tidy = r.to_frame()
    assert list(tidy.columns) == ["period", "start_period", "factor", "effect"]
    assert len(tidy) == 9 and tidy["effect"].sum() == pytest.approx(r.total.sum(), rel=1e-12)
    assert r.effects.attrs["method"] == "lmdi1" and r.effects.attrs["chained"] is True


def test_result_says_what_it_is(frames) -> None:
    r = haidian.decompose(frames, method="lmdi2", mode="multiplicative", chained=False, base=2020)
    assert (r.method, r.mode, r.chained, r.base) == ("lmdi2", "multiplicative", False, 2020)
    assert list(r.effects.index) == [2019, 2021, 2022]
    text = repr(r)
    assert "LMDI-II multiplicative" in text and "fixed base 2020" in text and "closes" in text
    assert "<table" in r._repr_html_()
    chained = haidian.decompose(frames)
    assert "chained year-on-year" in repr(chained)


def test_pickle_round_trip(frames) -> None:
    for method in ("lmdi1", "shapley"):
        r = haidian.decompose(frames, method=method)
        back = pickle.loads(pickle.dumps(r))
        assert back == r
        pd.testing.assert_frame_equal(back.effects, r.effects)
        pd.testing.assert_frame_equal(back.by_sector(), r.by_sector())


def test_periods_argument_labels_numpy_input() -> None:
    r = haidian.decompose({"q": np.array([1.0, 2.0, 3.0]), "i": np.ones((3, 2))}, periods=["a", "b", "c"])
    assert list(r.effects.index) == ["b", "c"]
    assert list(r.sectors) == [0, 1]


def test_index_rebases_multiplicative_effects(frames) -> None:
    r = haidian.decompose(frames, mode="multiplicative")
    index = r.index()
    assert list(index.index) == [2019, 2020, 2021, 2022]
    assert (index.loc[2019] == 1.0).all()
    assert np.allclose(index.iloc[1:].to_numpy(), r.cumulative().to_numpy(), rtol=1e-13, atol=0)
    rebased = r.index(base=2021)
    assert (rebased.loc[2021] == 1.0).all()
    assert np.allclose(rebased.loc[2022], index.loc[2022] / index.loc[2021], rtol=1e-13, atol=0)
    fixed = haidian.decompose(frames, mode="multiplicative", chained=False, base=2020).index()
    assert (fixed.loc[2020] == 1.0).all()
    with pytest.raises(ValueError, match="index: the result is additive"):
        haidian.decompose(frames).index()
    with pytest.raises(ValueError, match="index: base is 1990, but must be one of the periods"):
        r.index(base=1990)


def test_fixed_base_cumulative_is_the_effects(frames) -> None:
    r = haidian.decompose(frames, chained=False)
    pd.testing.assert_frame_equal(r.cumulative(), r.effects)


def test_by_group_refused_where_not_consistent_in_aggregation(frames) -> None:
    groups = {"industry": "secondary", "services": "tertiary", "farming": "primary"}
    assert haidian.decompose(frames).by_group(groups).shape == (9, 3)
    assert haidian.decompose(frames, method="shapley").by_group(groups).shape == (9, 3)
    with pytest.raises(ValueError, match="LMDI-II additive is not consistent in aggregation"):
        haidian.decompose(frames, method="lmdi2").by_group(groups)
    with pytest.raises(ValueError, match="LMDI-I multiplicative is not consistent in aggregation"):
        haidian.decompose(frames, mode="multiplicative").by_group(groups)
    with pytest.raises(ValueError, match=r"by_group: groups has no group for sector\(s\) \['farming'\]"):
        haidian.decompose(frames).by_group({"industry": "a", "services": "b"})


def test_by_sector_unavailable_cases(frames) -> None:
    with pytest.raises(ValueError, match="by_sector: not defined for multiplicative Shapley"):
        haidian.decompose(frames, method="shapley", mode="multiplicative").by_sector()
    with pytest.raises(ValueError, match="decompose with by_sector=True"):
        haidian.decompose(frames, by_sector=False).by_sector()


def test_c_contiguous_float64_inputs_are_not_copied() -> None:
    activity = np.linspace(1.0, 2.0, 6)
    intensity = np.random.default_rng(1).uniform(1, 2, (6, 50))
    readonly = intensity.copy()
    readonly.flags.writeable = False  # pandas can hand out read-only views
    raw = _core.decompose([activity, intensity, readonly])
    addresses = [a.__array_interface__["data"][0] for a in (activity, intensity, readonly)]
    assert raw["input_addresses"] == addresses
    # A strided view must be copied (once) into a contiguous buffer, and still give the same numbers.
    strided = np.asfortranarray(intensity)
    raw_strided = _core.decompose([activity, strided, readonly])
    assert raw_strided["input_addresses"][1] != strided.__array_interface__["data"][0]
    assert np.array_equal(raw_strided["effects"], raw["effects"])


def test_inputs_are_not_modified(frames) -> None:
    before = {k: v.copy() for k, v in frames.items()}
    haidian.decompose(frames, zeros="small")
    for k in frames:
        pd.testing.assert_frame_equal(pd.DataFrame(frames[k]), pd.DataFrame(before[k]))


def test_results_identical_for_any_thread_count() -> None:
    rng = np.random.default_rng(9)
    factors = {"q": rng.uniform(1, 2, 8), "s": rng.uniform(0.1, 1, (8, 5000)), "i": rng.uniform(1, 3, (8, 5000))}
    for method in ("lmdi1", "lmdi2", "shapley"):
        one = haidian.decompose(factors, method=method, threads=1)
        two = haidian.decompose(factors, method=method, threads=2)
        assert np.array_equal(one.effects.to_numpy(), two.effects.to_numpy())
        assert np.array_equal(one.by_sector().to_numpy(), two.by_sector().to_numpy())


def _counter_progress_during(call) -> int:
    """How often a second Python thread increments a counter while ``call()`` runs.

    With the switch interval raised out of reach, the interpreter never takes the GIL away from this
    thread, and the counter thread yields it back after every increment: the counter can only advance
    while ``call()`` itself has released the GIL. A call holding the GIL gives exactly 0.
    """
    count = 0
    stop = False
    started = threading.Event()

    def counter() -> None:
        nonlocal count
        started.set()
        while not stop:
            count += 1
            time.sleep(0)  # releases the GIL, so this thread never keeps it from the caller

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    thread = threading.Thread(target=counter)
    try:
        thread.start()
        started.wait()
        before = count
        call()
        after = count
    finally:
        stop = True
        thread.join()
        sys.setswitchinterval(interval)
    return after - before


def test_gil_is_released_during_the_computation() -> None:
    rng = np.random.default_rng(2)
    factors = [rng.uniform(1, 2, (50, 200_000)), rng.uniform(1, 2, (50, 200_000))]
    # The witness tells the two apart: pure Python code holds the GIL throughout.
    assert _counter_progress_during(lambda: sum(range(1_000_000))) == 0
    assert _counter_progress_during(lambda: _core.decompose(factors, threads=1)) > 0


def test_decompose_intensity_builds_activity_structure_intensity(frames) -> None:
    years = frames["activity"].index
    output = frames["structure"].mul(frames["activity"], axis=0)
    resource = output * frames["intensity"]
    r = haidian.decompose_intensity(resource, output)
    direct = haidian.decompose(frames)
    assert list(r.effects.columns) == ["activity", "structure", "intensity"]
    assert np.allclose(r.effects.to_numpy(), direct.effects.to_numpy(), rtol=1e-12)
    assert list(r.effects.index) == list(years[1:])
    ratio = haidian.decompose_intensity(resource, output, aggregate="intensity", mode="multiplicative")
    assert list(ratio.effects.columns) == ["structure", "intensity"]
    aggregate_intensity = resource.sum(axis=1) / output.sum(axis=1)
    assert np.allclose(ratio.total.to_numpy(), (aggregate_intensity.iloc[1:].to_numpy()
                                                / aggregate_intensity.iloc[:-1].to_numpy()), rtol=1e-12, atol=0)


def test_decompose_intensity_entering_sector() -> None:
    output = np.array([[10.0, 0.0], [10.0, 5.0]])
    resource = np.array([[20.0, 0.0], [20.0, 5.0]])
    r = haidian.decompose_intensity(resource, output)
    assert r.closes
    assert r.effects.sum(axis=1).iloc[0] == pytest.approx(5.0, rel=1e-12)
    with pytest.raises(ValueError, match=r"decompose_intensity: output\[0, 1\] is 0 but resource\[0, 1\] is 3.0"):
        haidian.decompose_intensity(np.array([[1.0, 3.0], [1.0, 1.0]]), np.array([[1.0, 0.0], [1.0, 1.0]]))
    with pytest.raises(ValueError, match=r"decompose_intensity: inputs have different shapes \(resource: \(2, 2\), output: \(2, 3\)\)"):
        haidian.decompose_intensity(np.ones((2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"decompose_intensity: output\[1, 0\] is -1.0, but must be non-negative"):
        haidian.decompose_intensity(np.ones((2, 2)), np.array([[1.0, 1.0], [-1.0, 1.0]]))


def test_kaya_regions_sum() -> None:
    population = pd.DataFrame({"north": [10.0, 11.0], "south": [20.0, 21.0]}, index=[2020, 2021])
    gdp = population * np.array([[3.0, 2.0], [3.3, 2.1]])
    energy = gdp * 0.5
    emissions = energy * np.array([[2.0, 2.5], [1.9, 2.5]])
    r = haidian.kaya(population, gdp, energy, emissions)
    assert list(r.effects.columns) == ["population", "affluence", "energy_intensity", "carbon_intensity"]
    assert list(r.sectors) == ["north", "south"]
    assert r.total.iloc[0] == pytest.approx(emissions.sum(axis=1).diff().iloc[1], rel=1e-12)
    with pytest.raises(ValueError, match=r"kaya: population\[0\] is 0.0, but must be positive"):
        haidian.kaya([0.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0])


# ---------------------------------------------------------------------------------------------------
# Bad input: one test per case
# ---------------------------------------------------------------------------------------------------


def test_empty_factor_dict() -> None:
    with pytest.raises(ValueError, match="decompose: factors is empty"):
        haidian.decompose({})


def test_factors_not_a_dict() -> None:
    with pytest.raises(TypeError, match="decompose: factors is a list, but must be a dict"):
        haidian.decompose([np.ones(3)])


def test_factors_of_different_shapes() -> None:
    with pytest.raises(ValueError, match=r"decompose: factors have different shapes \('a': \(3, 2\), 'b': \(3, 4\)\)"):
        haidian.decompose({"a": np.ones((3, 2)), "b": np.ones((3, 4))})


def test_factor_with_no_sectors_among_others() -> None:
    # A (periods x 0) factor next to a (periods x 4) one is a shape mismatch, whatever the order
    # (the numpy fast path of decompose keeps the same checks as the converting path).
    for order in ((0, 4), (4, 0)):
        factors = {"a": np.ones((3, order[0])), "b": np.ones((3, order[1]))}
        with pytest.raises(ValueError, match=r"decompose: factors have different shapes"):
            haidian.decompose(factors)


def test_numpy_fast_path_matches_converted_and_pandas_inputs() -> None:
    # float64 ndarrays skip conversion; int, float32, list and pandas inputs are converted first.
    # All must give exactly the same numbers and the same result labels 0, 1, ...
    rng = np.random.default_rng(3)
    activity = rng.uniform(1, 2, 4)
    share = rng.uniform(0.1, 1, (4, 3))
    counts = rng.integers(1, 9, (4, 3))
    fast = haidian.decompose({"activity": activity, "share": share, "count": counts.astype(np.float64)})
    converted = haidian.decompose({"activity": list(activity), "share": pd.DataFrame(share), "count": counts})
    assert np.array_equal(fast.effects.to_numpy(), converted.effects.to_numpy())
    assert np.array_equal(fast.total.to_numpy(), converted.total.to_numpy())
    assert list(fast.effects.index) == [1, 2, 3] and list(fast.sectors) == [0, 1, 2]
    assert fast._start.dtype == np.intp and fast._end.dtype == np.intp


def test_factors_with_different_periods() -> None:
    with pytest.raises(ValueError, match=r"decompose: factors have different numbers of periods \('a': 3, 'b': 4\)"):
        haidian.decompose({"a": np.ones(3), "b": np.ones((4, 2))})


def test_misaligned_pandas_indexes() -> None:
    a = pd.Series([1.0, 2.0], index=[2020, 2021])
    b = pd.Series([1.0, 2.0], index=[2021, 2022])
    with pytest.raises(ValueError, match=r"decompose: the periods of the inputs differ: factors\['b'\] lacks 2020 \(in factors\['a'\]\); "
                       r"factors\['b'\] has 2022 \(not in factors\['a'\]\)"):
        haidian.decompose({"a": a, "b": b})


def test_fewer_than_two_periods() -> None:
    with pytest.raises(ValueError, match=r"decompose: factors have 1 period\(s\), but at least 2 are needed"):
        haidian.decompose({"a": np.ones((1, 3))})


def test_nan_value() -> None:
    x = np.ones((3, 2))
    x[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"decompose: factors\['x'\]\[2, 1\] is nan, but must be finite"):
        haidian.decompose({"q": np.ones(3), "x": x})
    with pytest.raises(ValueError, match=r"factors\['x'\]\[2, 1\] is nan"):
        haidian.decompose({"q": np.ones(3), "x": x}, method="shapley")


def test_infinite_value() -> None:
    with pytest.raises(ValueError, match=r"decompose: factors\['q'\]\[1\] is inf, but must be finite"):
        haidian.decompose({"q": np.array([1.0, np.inf])})


def test_negative_value_under_lmdi_suggests_shapley() -> None:
    x = np.ones((2, 2))
    x[1, 0] = -0.5
    for method in ("lmdi1", "lmdi2"):
        with pytest.raises(ValueError, match=r"factors\['x'\]\[1, 0\] is -0.5, but LMDI .*[Ss]hapley"):
            haidian.decompose({"x": x}, method=method)
    assert haidian.decompose({"x": x}, method="shapley").closes


def test_unknown_method_mode_zeros() -> None:
    with pytest.raises(ValueError, match=r"decompose: method is 'lmdi', but must be one of \['lmdi1', 'lmdi2', 'shapley'\]"):
        haidian.decompose({"a": np.ones(2)}, method="lmdi")
    with pytest.raises(ValueError, match="decompose: mode is 'mult', but must be one of"):
        haidian.decompose({"a": np.ones(2)}, mode="mult")
    with pytest.raises(ValueError, match="decompose: zeros is 'drop', but must be one of"):
        haidian.decompose({"a": np.ones(2)}, zeros="drop")
    with pytest.raises(ValueError, match="decompose: method is 'bogus', but must be 'lmdi1'"):
        _core.decompose([np.ones(2)], method="bogus")


def test_zero_total_in_multiplicative_mode() -> None:
    with pytest.raises(ValueError, match="aggregate is 0 in period 0 and 2 in period 1, but the multiplicative form"):
        haidian.decompose({"a": [0.0, 2.0]}, mode="multiplicative")


def test_non_numeric_values() -> None:
    with pytest.raises(TypeError, match=r"decompose: factors\['a'\] has dtype <U1, but must be numeric"):
        haidian.decompose({"a": np.array(["x", "y"])})


def test_three_dimensional_factor() -> None:
    with pytest.raises(ValueError, match=r"decompose: factors\['a'\] has 3 dimensions"):
        haidian.decompose({"a": np.ones((2, 2, 2))})


def test_base_errors() -> None:
    with pytest.raises(ValueError, match="decompose: base is 2020, but a base period is only used with chained=False"):
        haidian.decompose({"a": pd.Series([1.0, 2.0], index=[2020, 2021])}, base=2020)
    with pytest.raises(ValueError, match="decompose: base is 1999, but must be one of the periods"):
        haidian.decompose({"a": pd.Series([1.0, 2.0], index=[2020, 2021])}, chained=False, base=1999)


def test_bad_threads_and_small_value() -> None:
    with pytest.raises(ValueError, match="decompose: threads is 0, but must be a positive integer"):
        haidian.decompose({"a": np.ones(2)}, threads=0)
    with pytest.raises(ValueError, match="decompose: small_value is -1, but must be positive and finite"):
        haidian.decompose({"a": np.ones(2)}, zeros="small", small_value=-1.0)
    with pytest.raises(ValueError, match="zeros is 'small', but Shapley has no logarithms"):
        haidian.decompose({"a": np.ones(2)}, method="shapley", zeros="small")


def test_too_many_factors_for_multiplicative_shapley() -> None:
    factors = {f"f{k}": np.ones(2) for k in range(17)}
    with pytest.raises(ValueError, match="multiplicative Shapley with 17 factors"):
        haidian.decompose(factors, method="shapley", mode="multiplicative")


def test_haidian_simd_caps_the_instruction_set() -> None:
    # HAIDIAN_SIMD=generic (read once per process) makes the kernels plain C++: the same numbers to
    # rounding as the vector kernels this machine picks by default.
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, numpy as np, haidian\n"
        "from haidian import _core\n"
        "rng = np.random.default_rng(7)\n"
        "f = {'a': rng.uniform(0.5, 2, (6, 37)), 'b': rng.uniform(0.5, 2, (6, 37))}\n"
        "print(json.dumps([_core.simd_name(), haidian.decompose(f).effects.values.tolist()]))\n"
    )

    def run(cap: str | None) -> tuple[str, np.ndarray]:
        env = {k: v for k, v in os.environ.items() if k != "HAIDIAN_SIMD"}
        if cap is not None:
            env["HAIDIAN_SIMD"] = cap
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        name, effects = json.loads(out.stdout)
        return name, np.array(effects)

    best_name, best = run(None)
    generic_name, generic = run("generic")
    assert best_name in {"generic", "avx2", "avx512"}
    assert best_name == _core.simd_name() or "HAIDIAN_SIMD" in os.environ
    assert generic_name == "generic"
    np.testing.assert_allclose(best, generic, rtol=0, atol=1e-13 * np.abs(generic).max())
