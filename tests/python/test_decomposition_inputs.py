"""What decompose, decompose_intensity and kaya do with the pandas inputs analysts actually pass:
periods in any order or spelling, sectors in another column order, gaps, duplicates, labels in
every error, wrong types, and inputs left as they were."""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from conftest import scaled_examples
from hypothesis import strategies as st

import haidian
from haidian import decomposition

YEARS = [2015, 2016, 2017, 2018]
SECTORS = ["工业", "建筑业", "服务业"]


def log_mean(a: float, b: float) -> float:
    return a if a == b else (a - b) / math.log(a / b)


def lmdi1_additive(factors: dict, t0: int, t1: int) -> list:
    """Independent LMDI-I additive effects of one step (Ang 2005, eq. 1), cell by cell in Python."""
    arrays = {k: np.asarray(v, dtype=float) for k, v in factors.items()}
    n = max(a.shape[1] for a in arrays.values() if a.ndim == 2)
    cell = {k: (a if a.ndim == 2 else np.repeat(a[:, None], n, axis=1)) for k, a in arrays.items()}
    effects = []
    for k in cell:
        total = 0.0
        for i in range(n):
            v0 = math.prod(c[t0, i] for c in cell.values())
            v1 = math.prod(c[t1, i] for c in cell.values())
            total += log_mean(v1, v0) * math.log(cell[k][t1, i] / cell[k][t0, i])
        effects.append(total)
    return effects


@pytest.fixture
def factors():
    rng = np.random.default_rng(5)
    years = pd.Index(YEARS, name="year")
    sectors = pd.Index(SECTORS, name="sector")
    return {
        "activity": pd.Series([100.0, 104.0, 110.0, 113.0], index=years),
        "structure": pd.DataFrame(rng.dirichlet(np.ones(3), 4), index=years, columns=sectors),
        "intensity": pd.DataFrame(rng.uniform(0.2, 2.0, (4, 3)), index=years, columns=sectors),
    }


def plain(frames: dict) -> dict:
    return {k: v.to_numpy() for k, v in frames.items()}


# ---------------------------------------------------------------------------------------------------
# Order of periods
# ---------------------------------------------------------------------------------------------------


def test_descending_years_give_the_ascending_decomposition(factors) -> None:
    reference = [lmdi1_additive(plain(factors), t - 1, t) for t in (1, 2, 3)]
    descending = {k: v.iloc[::-1] for k, v in factors.items()}
    r = haidian.decompose(descending)
    assert list(r.effects.index) == [2016, 2017, 2018]
    np.testing.assert_allclose(r.effects.to_numpy(), reference, rtol=1e-12)
    assert list(r.steps) == ["2015→2016", "2016→2017", "2017→2018"]


def test_shuffled_periods_of_each_factor_are_matched_by_label(factors) -> None:
    reference = [lmdi1_additive(plain(factors), t - 1, t) for t in (1, 2, 3)]
    shuffled = {"activity": factors["activity"].iloc[[2, 0, 3, 1]],
                "structure": factors["structure"].iloc[[3, 1, 0, 2]],
                "intensity": factors["intensity"]}
    r = haidian.decompose(shuffled)
    np.testing.assert_allclose(r.effects.to_numpy(), reference, rtol=1e-12)
    fixed = haidian.decompose(shuffled, chained=False, base=2016)
    assert list(fixed.effects.index) == [2015, 2017, 2018]
    np.testing.assert_allclose(fixed.effects.loc[2018].to_numpy(), lmdi1_additive(plain(factors), 1, 3), rtol=1e-12)


def test_periods_argument_in_descending_order_sorts_numpy_rows(factors) -> None:
    arrays = {k: v.to_numpy()[::-1].copy() for k, v in factors.items()}
    r = haidian.decompose(arrays, periods=YEARS[::-1])
    assert list(r.effects.index) == [2016, 2017, 2018]
    np.testing.assert_allclose(r.effects.to_numpy(), [lmdi1_additive(plain(factors), t - 1, t) for t in (1, 2, 3)],
                               rtol=1e-12)


def test_numpy_factors_follow_the_row_order_of_the_first_pandas_factor(factors) -> None:
    descending = dict(factors)
    descending["structure"] = factors["structure"].iloc[::-1]
    descending["intensity"] = factors["intensity"].to_numpy()[::-1].copy()  # rows as the structure's
    descending["activity"] = factors["activity"].iloc[::-1]
    r = haidian.decompose({"structure": descending["structure"], "activity": descending["activity"],
                           "intensity": descending["intensity"]})
    expected = lmdi1_additive({"structure": plain(factors)["structure"], "activity": plain(factors)["activity"],
                               "intensity": plain(factors)["intensity"]}, 2, 3)
    np.testing.assert_allclose(r.effects.loc[2018].to_numpy(), expected, rtol=1e-12)


def test_string_labels_keep_the_order_given() -> None:
    # Labels with no time order are taken as they come (documented), not sorted alphabetically.
    r = haidian.decompose({"q": np.array([1.0, 2.0, 4.0])}, periods=["base", "mid", "end"])
    assert list(r.steps) == ["base→mid", "mid→end"]
    assert r.effects["q"].tolist() == pytest.approx([1.0, 2.0], rel=1e-14)


def test_duplicated_periods_are_refused_by_name(factors) -> None:
    doubled = dict(factors)
    doubled["intensity"] = pd.concat([factors["intensity"], factors["intensity"].iloc[[1]]])
    with pytest.raises(ValueError, match=r"decompose: factors\['intensity'\] has the period\(s\) 2016 more than "
                                         r"once"):
        haidian.decompose(doubled)
    with pytest.raises(ValueError, match=r"decompose: periods has the period\(s\) 2020 more than once"):
        haidian.decompose({"q": np.ones(3)}, periods=[2019, 2020, 2020])


def test_missing_period_label_is_refused() -> None:
    q = pd.Series([1.0, 2.0, 3.0], index=[2019.0, np.nan, 2021.0])
    with pytest.raises(ValueError, match=r"factors\['q'\] has a missing period label \(NaN\)"):
        haidian.decompose({"q": q})


# ---------------------------------------------------------------------------------------------------
# Sectors
# ---------------------------------------------------------------------------------------------------


def test_sectors_in_another_column_order_are_aligned_by_label(factors) -> None:
    reference = haidian.decompose(factors)
    reordered = dict(factors)
    reordered["intensity"] = factors["intensity"][SECTORS[::-1]]
    r = haidian.decompose(reordered)
    np.testing.assert_allclose(r.effects.to_numpy(), reference.effects.to_numpy(), rtol=1e-14)
    assert list(r.sectors) == SECTORS
    pd.testing.assert_frame_equal(r.by_sector(), reference.by_sector())


def test_decompose_intensity_aligns_sectors_with_a_zero_cell() -> None:
    years = pd.Index([2020, 2021, 2022], name="year")
    output = pd.DataFrame({"工业": [300.0, 320.0, 330.0], "建筑业": [0.0, 50.0, 60.0]}, index=years)
    resource = pd.DataFrame({"建筑业": [0.0, 20.0, 22.0], "工业": [1666.0, 1650.0, 1600.0]}, index=years)
    r = haidian.decompose_intensity(resource, output)
    aligned = haidian.decompose_intensity(resource, output[["建筑业", "工业"]])
    np.testing.assert_array_equal(r.effects.to_numpy(), aligned.effects.to_numpy())
    assert list(r.sectors) == ["建筑业", "工业"]  # the first input's order
    # The decomposed total is the resource's own change (independent of the sector order).
    np.testing.assert_allclose(r.total.to_numpy(), np.diff(resource.sum(axis=1).to_numpy()), rtol=1e-12)
    assert r.closes


def test_different_sector_sets_are_named(factors) -> None:
    other = dict(factors)
    other["intensity"] = factors["intensity"].rename(columns={"建筑业": "采矿业"})
    with pytest.raises(ValueError, match=r"decompose: the sectors of the inputs differ: factors\['intensity'\] lacks "
                                         r"'建筑业' \(in factors\['structure'\]\); factors\['intensity'\] has "
                                         r"'采矿业' \(not in factors\['structure'\]\)"):
        haidian.decompose(other)
    output = factors["structure"]
    with pytest.raises(ValueError, match=r"decompose_intensity: the sectors of the inputs differ: output lacks "
                                         r"'服务业' \(in resource\)"):
        haidian.decompose_intensity(output, output.drop(columns="服务业"))


def test_duplicated_sectors_are_refused(factors) -> None:
    doubled = dict(factors)
    doubled["intensity"] = factors["intensity"].set_axis(["工业", "工业", "服务业"], axis=1)
    with pytest.raises(ValueError, match=r"factors\['intensity'\] has the sector\(s\) '工业' more than once"):
        haidian.decompose(doubled)


# ---------------------------------------------------------------------------------------------------
# Labels in errors
# ---------------------------------------------------------------------------------------------------


def test_nan_is_reported_by_period_and_sector(factors) -> None:
    broken = copy.deepcopy(factors)
    broken["intensity"].loc[2017, "建筑业"] = np.nan
    for method in ("lmdi1", "lmdi2", "shapley"):
        with pytest.raises(ValueError, match=r"decompose: factors\['intensity'\] at \(2017, '建筑业'\) is nan, but must "
                                             r"be finite"):
            haidian.decompose(broken, method=method)
    descending = {k: v.iloc[::-1] for k, v in broken.items()}  # positions change, labels do not
    with pytest.raises(ValueError, match=r"factors\['intensity'\] at \(2017, '建筑业'\) is nan"):
        haidian.decompose(descending)
    activity = factors["activity"].copy()
    activity.loc[2016] = np.inf
    with pytest.raises(ValueError, match=r"decompose: factors\['activity'\] at 2016 is inf, but must be finite"):
        haidian.decompose({**factors, "activity": activity})


def test_negative_value_under_lmdi_is_reported_by_label(factors) -> None:
    broken = copy.deepcopy(factors)
    broken["structure"].loc[2018, "服务业"] = -0.25
    with pytest.raises(ValueError, match=r"factors\['structure'\] at \(2018, '服务业'\) is -0.25, but LMDI .* "
                                         r"method='shapley'"):
        haidian.decompose(broken)
    assert haidian.decompose(broken, method="shapley").closes


def test_zero_aggregate_is_reported_by_period() -> None:
    q = pd.Series([0.0, 2.0, 3.0], index=pd.period_range("2016", periods=3, freq="Y"))
    with pytest.raises(ValueError, match=r"decompose: the aggregate is 0.0 in period 2016 and 2.0 in period 2017, "
                                         r"but the multiplicative form needs it positive"):
        haidian.decompose({"q": q}, mode="multiplicative")
    with pytest.raises(ValueError, match=r"aggregate is 0.0 in period 2016 and 2.0 in period 2017, but LMDI-II"):
        haidian.decompose({"q": q}, method="lmdi2")


def test_option_errors_are_not_rewritten_for_labelled_data(factors) -> None:
    broken = copy.deepcopy(factors)
    broken["intensity"].loc[2017, "工业"] = np.nan
    # The options are wrong whatever the data: the core's message, not a (true but other) data problem.
    with pytest.raises(ValueError, match="zeros is 'small', but Shapley has no logarithms"):
        haidian.decompose(broken, method="shapley", zeros="small")


def test_decompose_intensity_errors_name_period_and_sector() -> None:
    years = pd.Index([2016, 2017], name="year")
    output = pd.DataFrame({"工业": [300.0, 320.0], "建筑业": [40.0, 0.0]}, index=years)
    resource = pd.DataFrame({"建筑业": [20.0, 22.0], "工业": [1666.0, 1650.0]}, index=years)
    with pytest.raises(ValueError, match=r"decompose_intensity: output at \(2017, '建筑业'\) is 0 but resource at "
                                         r"\(2017, '建筑业'\) is 22.0; the intensity .* is infinite"):
        haidian.decompose_intensity(resource, output)
    with pytest.raises(ValueError, match=r"decompose_intensity: resource at \(2016, '工业'\) is -1.0, but must be "
                                         r"non-negative"):
        haidian.decompose_intensity(resource.assign(工业=[-1.0, 1.0]), output.assign(建筑业=[40.0, 1.0]))
    with pytest.raises(ValueError, match=r"decompose_intensity: output at \(2016, '工业'\) is nan, but must be finite"):
        haidian.decompose_intensity(resource, output.assign(工业=[np.nan, 1.0]))
    with pytest.raises(ValueError, match=r"decompose_intensity: total output in period 2017 is 0.0, but must be "
                                         r"positive"):
        haidian.decompose_intensity(resource * np.array([[1, 1], [0, 0]]), output * np.array([[1, 1], [0, 0]]))


def test_kaya_errors_name_period_and_region() -> None:
    index = pd.Index([2020, 2021])
    population = pd.DataFrame({"北京": [21.9, 21.9], "上海": [24.9, 0.0]}, index=index)
    ones = population.map(lambda _: 1.0)
    with pytest.raises(ValueError, match=r"kaya: population at \(2021, '上海'\) is 0.0, but must be positive"):
        haidian.kaya(population, ones, ones, ones)
    with pytest.raises(ValueError, match=r"kaya: emissions at \(2020, '北京'\) is -1.0, but must be non-negative"):
        haidian.kaya(ones, ones, ones, ones * np.array([[-1, 1], [1, 1]]))


def test_ratios_that_overflow_are_named() -> None:
    years = pd.Index([2015, 2016, 2017])
    tiny = pd.Series([1.0, 1e-300, 1.0], index=years)
    huge = pd.Series([1e300, 1e300, 1.0], index=years)
    one = pd.Series(1.0, index=years)
    with pytest.raises(ValueError, match=r"kaya: gdp / population at 2016 overflows a double; rescale the inputs"):
        haidian.kaya(tiny, huge, one, one)
    output = pd.DataFrame({"工业": [1e-300, 1.0], "建筑业": [1.0, 1.0]}, index=years[:2])
    with pytest.raises(ValueError, match=r"decompose_intensity: resource / output at \(2015, '工业'\) overflows"):
        haidian.decompose_intensity(output * 0 + 1e300, output)


# ---------------------------------------------------------------------------------------------------
# Gaps
# ---------------------------------------------------------------------------------------------------


def gapped() -> dict:
    index = pd.Index([2015, 2016, 2018])
    return {"q": pd.Series([10.0, 11.0, 13.0], index=index),
            "i": pd.DataFrame({"工业": [2.0, 1.9, 1.7], "服务业": [0.5, 0.5, 0.45]}, index=index)}


def test_a_missing_year_warns_and_names_the_step() -> None:
    assert issubclass(haidian.GapWarning, UserWarning)
    with pytest.warns(haidian.GapWarning, match=r"decompose: the periods skip 2017, so the chained step\(s\) "
                                                r"2016→2018 span more than one period") as record:
        r = haidian.decompose(gapped())
    assert record[0].filename == __file__  # the warning points at the caller's line
    assert list(r.steps) == ["2015→2016", "2016→2018"]
    assert "2016→2018" in repr(r) and "2016→2018" in r._repr_html_()
    assert r.start_periods.loc[2018] == 2016


def test_gaps_raise_and_allow() -> None:
    with pytest.raises(ValueError, match=r"the periods skip 2017"):
        haidian.decompose(gapped(), gaps="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = haidian.decompose(gapped(), gaps="allow")
        haidian.decompose(gapped(), chained=False)  # every step starts at the base: nothing bridged
    # The bridged step is the plain two-year change, decomposed as one step.
    arrays = plain(gapped())
    np.testing.assert_allclose(r.effects.loc[2018].to_numpy(), lmdi1_additive(arrays, 1, 2), rtol=1e-12)
    with pytest.raises(ValueError, match=r"decompose: gaps is 'skip', but must be one of \['warn', 'raise', 'allow'\]"):
        haidian.decompose(gapped(), gaps="skip")


def test_gaps_in_quarters_and_through_the_identities() -> None:
    quarters = pd.PeriodIndex(["2020Q1", "2020Q2", "2020Q4"], freq="Q")
    with pytest.warns(haidian.GapWarning, match=r"skip 2020Q3, so the chained step\(s\) 2020Q2→2020Q4"):
        haidian.decompose({"q": pd.Series([1.0, 2.0, 3.0], index=quarters)})
    output = gapped()["i"] * 100
    with pytest.warns(haidian.GapWarning, match=r"decompose_intensity: the periods skip 2017") as record:
        haidian.decompose_intensity(output * 0.3, output)
    assert record[0].filename == __file__
    with pytest.raises(ValueError, match=r"kaya: the periods skip 2017"):
        haidian.kaya(output, output, output, output, gaps="raise")
    with pytest.warns(haidian.GapWarning, match=r"skip 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024 and 5 more, "
                                                r"so the chained step\(s\) 2016→2030"):
        haidian.decompose({"q": np.array([1.0, 2.0, 3.0])}, periods=[2015, 2016, 2030])


# ---------------------------------------------------------------------------------------------------
# Years in any spelling
# ---------------------------------------------------------------------------------------------------


def test_annual_periods_and_integer_years_meet(factors) -> None:
    reference = haidian.decompose(factors)
    periods = pd.PeriodIndex([str(y) for y in YEARS], freq="Y")
    mixed = dict(factors)
    mixed["activity"] = factors["activity"].set_axis(periods)  # as from haidian.Series.to_pandas()
    r = haidian.decompose(mixed)
    np.testing.assert_array_equal(r.effects.to_numpy(), reference.effects.to_numpy())
    assert list(r.effects.index) == [2016, 2017, 2018]  # mixed spellings: integer years
    for stamps in (pd.date_range("2015", periods=4, freq="YS"), pd.date_range("2015", periods=4, freq="YE"),
                   pd.Index([2015.0, 2016.0, 2017.0, 2018.0]), pd.Index(["2015", "2016", "2017", "2018"])):
        mixed["activity"] = factors["activity"].set_axis(stamps)
        np.testing.assert_array_equal(haidian.decompose(mixed).effects.to_numpy(), reference.effects.to_numpy())


def test_one_spelling_is_kept_and_base_matches_any_spelling(factors) -> None:
    periods = pd.PeriodIndex([str(y) for y in YEARS[::-1]], freq="Y")
    same = {k: v.set_axis(periods) for k, v in {k: v.iloc[::-1] for k, v in factors.items()}.items()}
    r = haidian.decompose(same, chained=False, base=2016)
    assert isinstance(r.effects.index, pd.PeriodIndex)
    assert list(r.effects.index.year) == [2015, 2017, 2018]
    reference = haidian.decompose(factors, chained=False, base=2016)
    np.testing.assert_array_equal(r.effects.to_numpy(), reference.effects.to_numpy())
    indices = haidian.decompose(same, mode="multiplicative").index(base=2017)
    assert (indices.loc[pd.Period("2017", freq="Y")] == 1.0).all()
    with pytest.raises(ValueError, match=r"Decomposition.index: base is 2030, but must be one of the periods "
                                         r"2015, 2016, 2017, 2018"):
        haidian.decompose(same, mode="multiplicative").index(base=2030)


def test_a_quarter_and_a_year_do_not_meet(factors) -> None:
    mixed = dict(factors)
    mixed["activity"] = factors["activity"].set_axis(pd.period_range("2015Q1", periods=4, freq="Q"))
    with pytest.raises(ValueError, match=r"decompose: factors\['activity'\] has quarterly periods \(Q-DEC\) "
                                         r"\(2015Q1, 2015Q2, 2015Q3, …\), but factors\['structure'\] has years "
                                         r"\(2015, 2016, 2017, …\); convert them to one frequency"):
        haidian.decompose(mixed)
    months = pd.period_range("2015-01", periods=4, freq="M")
    with pytest.raises(ValueError, match=r"monthly periods \(M\).*quarterly periods \(Q-DEC\)"):
        haidian.decompose({"a": pd.Series(np.ones(4), index=months),
                           "b": pd.Series(np.ones(4), index=pd.period_range("2015Q1", periods=4, freq="Q"))})


def test_different_years_are_named(factors) -> None:
    shifted = dict(factors)
    shifted["activity"] = factors["activity"].set_axis(pd.PeriodIndex(["2016", "2017", "2018", "2019"], freq="Y"))
    with pytest.raises(ValueError, match=r"the periods of the inputs differ: factors\['activity'\] lacks 2015 "
                                         r"\(in factors\['structure'\]\); factors\['activity'\] has 2019 \(not in"):
        haidian.decompose({"structure": factors["structure"], "activity": shifted["activity"]})


# ---------------------------------------------------------------------------------------------------
# Types, empty input, the fast path, and inputs left alone
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("options", "message"), [
    ({"small_value": "1e-20"}, r"decompose: small_value is '1e-20', but must be a number"),
    ({"threads": "2"}, r"decompose: threads is '2', but must be a positive integer"),
    ({"chained": "yes"}, r"decompose: chained is 'yes', but must be True or False"),
    ({"by_sector": None}, r"decompose: by_sector is None, but must be True or False"),
    ({"method": 1}, r"decompose: method is 1, but must be one of"),
    ({"unit": 5}, r"decompose: unit is 5, but must be a string"),
])
def test_wrong_option_types_are_type_errors(factors, options, message) -> None:
    with pytest.raises(TypeError, match=message):
        haidian.decompose(factors, **options)


def test_strings_where_numbers_belong_are_type_errors(factors) -> None:
    with pytest.raises(TypeError, match=r"decompose: factors\['activity'\] has dtype <U3, but must be numeric"):
        haidian.decompose({**factors, "activity": "abc"})
    text = factors["structure"].astype(object)
    text.iloc[1, 1] = "n/a"
    with pytest.raises(TypeError, match=r"decompose_intensity: output must be numeric"):
        haidian.decompose_intensity(factors["structure"], text)
    with pytest.raises(TypeError, match=r"kaya: unexpected option\(s\) \['treads'\]"):
        haidian.kaya(np.ones(2), np.ones(2), np.ones(2), np.ones(2), treads=2)


def test_empty_inputs_are_refused(factors) -> None:
    with pytest.raises(ValueError, match=r"decompose: factors have 0 period\(s\), but at least 2 are needed"):
        haidian.decompose({"q": pd.Series([], dtype=float)})
    with pytest.raises(ValueError, match=r"decompose: factors\['x'\] has no sectors"):
        haidian.decompose({"x": pd.DataFrame(index=[2020, 2021])})
    with pytest.raises(ValueError, match=r"decompose_intensity: inputs have 0 period\(s\)"):
        haidian.decompose_intensity(pd.DataFrame(), pd.DataFrame())


def test_float64_arrays_reach_the_core_without_a_copy(monkeypatch) -> None:
    seen = []
    core = decomposition._core.decompose

    def spy(arrays, *args):
        seen.extend(arrays)
        return core(arrays, *args)

    monkeypatch.setattr(decomposition._core, "decompose", spy)
    activity = np.linspace(1.0, 2.0, 5)
    intensity = np.random.default_rng(3).uniform(1, 2, (5, 40))
    haidian.decompose({"activity": activity, "intensity": intensity}, periods=range(2018, 2023))
    assert seen[0] is activity and seen[1] is intensity


def everything_is_unchanged(before: list, after: list) -> None:
    for old, new in zip(before, after):
        if isinstance(old, dict):
            everything_is_unchanged(list(old.values()), list(new.values()))
        elif isinstance(old, (pd.Series, pd.DataFrame)):
            assert type(new) is type(old)
            (pd.testing.assert_series_equal if isinstance(old, pd.Series) else pd.testing.assert_frame_equal)(new, old)
            assert new.attrs == old.attrs
        else:
            np.testing.assert_array_equal(new, old)


def test_inputs_are_never_modified(factors) -> None:
    messy = {"activity": factors["activity"].iloc[::-1],
             "structure": factors["structure"][SECTORS[::-1]].iloc[[2, 0, 3, 1]],
             "intensity": factors["intensity"].set_axis(pd.PeriodIndex([str(y) for y in YEARS], freq="Y"))}
    calls = [
        (haidian.decompose, [messy], {"method": "shapley"}),
        (haidian.decompose, [messy], {"mode": "multiplicative", "chained": False, "base": 2017}),
        (haidian.decompose_intensity, [factors["structure"].iloc[::-1], factors["intensity"][SECTORS[::-1]]], {}),
        (haidian.kaya, [factors["intensity"].iloc[::-1], factors["intensity"], factors["intensity"],
                        factors["structure"]], {}),
        (haidian.decompose, [{"q": np.array([3.0, 2.0, 1.0])}], {"periods": [2022, 2021, 2020]}),
    ]
    for function, args, options in calls:
        before = copy.deepcopy(args)
        function(*args, **options)
        everything_is_unchanged(before, args)


# ---------------------------------------------------------------------------------------------------
# Properties: any row and column order gives the same decomposition
# ---------------------------------------------------------------------------------------------------


@settings(max_examples=scaled_examples(40))
@given(seed=st.integers(0, 2**32 - 1), method=st.sampled_from(["lmdi1", "lmdi2", "shapley"]),
       mode=st.sampled_from(["additive", "multiplicative"]))
def test_row_and_column_order_do_not_matter(seed, method, mode) -> None:
    rng = np.random.default_rng(seed)
    years = pd.Index(range(2010, 2016))
    sectors = pd.Index([f"部门{i}" for i in range(4)])
    frames = {k: pd.DataFrame(rng.uniform(0.5, 2.0, (6, 4)), index=years, columns=sectors) for k in "abc"}
    reference = haidian.decompose(frames, method=method, mode=mode)
    shuffled = {k: v.iloc[rng.permutation(6), rng.permutation(4)] for k, v in frames.items()}
    r = haidian.decompose(shuffled, method=method, mode=mode)
    # Sectors are summed in another order: equal to rounding of the largest effect.
    scale = np.abs(reference.effects.to_numpy()).max()
    np.testing.assert_allclose(r.effects.to_numpy(), reference.effects.to_numpy(), rtol=1e-12, atol=1e-13 * scale)
    assert list(r.effects.index) == list(reference.effects.index)
    assert r.closes
    if mode == "additive":
        np.testing.assert_allclose(r.effects.sum(axis=1), r.total, rtol=1e-10)
