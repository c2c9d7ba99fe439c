"""The plots of haidian.plotting: rendered to PNG (Agg) and checked for the artists and labels they
promise, with numbers recomputed independently here; Chinese labels on both font paths."""

from __future__ import annotations

import io
import math
import re
import sys
import warnings
from types import SimpleNamespace
from typing import Iterator, List

import matplotlib

matplotlib.use("Agg")  # before pyplot: headless, deterministic

import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.patches import Polygon, Rectangle

import haidian
from haidian import _cjk_text
from haidian import plotting as hp

CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def _fresh_figures_and_font_lookup() -> Iterator[None]:
    _cjk_text.find_cjk_font.cache_clear()
    # As if the once-per-session FontWarning had been given; the tests of that warning reset it.
    warned = _cjk_text._warned_missing_font
    _cjk_text._warned_missing_font = True
    yield
    _cjk_text._warned_missing_font = warned
    plt.close("all")
    _cjk_text.find_cjk_font.cache_clear()


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_cjk_text, "find_cjk_font", lambda: None)


@pytest.fixture
def cjk_font(monkeypatch: pytest.MonkeyPatch) -> _cjk_text.CjkFont:
    # A stand-in "CJK" font (DejaVu's file, so it is registered with matplotlib); these tests check
    # that Chinese text is kept and given the CJK family, without rendering (DejaVu lacks the glyphs).
    from matplotlib import font_manager

    path = font_manager.findfont("DejaVu Sans")
    font = _cjk_text.CjkFont("DejaVu Sans", path)
    monkeypatch.setattr(_cjk_text, "find_cjk_font", lambda: font)
    return font


def render(ax) -> np.ndarray:
    """Draw the figure to PNG bytes and read them back: the PNG must be non-empty and not blank."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Without a CJK font Chinese labels are drawn as boxes, as documented; nothing else may warn.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        ax.figure.savefig(buffer, format="png", dpi=60)
    data = buffer.getvalue()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 2000
    buffer.seek(0)
    image = matplotlib.image.imread(buffer, format="png")
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    assert float(image[..., :3].std()) > 0.01  # something was drawn
    return image


def bars(ax) -> List[Rectangle]:
    return [patch for container in ax.containers if isinstance(container, BarContainer)
            for patch in container.patches]


def all_texts(ax) -> List[str]:
    texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    texts += [t.get_text() for t in ax.texts]
    texts += [t.get_text() for t in ax.get_xticklabels()]
    legend = ax.get_legend()
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
    right = getattr(ax, "right_ax", None)
    if right is not None:
        texts.append(right.get_ylabel())
    return texts


# ---------------------------------------------------------------------------------------------------
# Waterfall
# ---------------------------------------------------------------------------------------------------

EFFECTS = pd.Series({"activity": 120.0, "structure": -40.0, "intensity": -65.0})


def test_waterfall_runs_from_start_to_end_with_one_floating_bar_per_factor() -> None:
    ax = hp.waterfall(EFFECTS, start=1000.0, start_label="2021", end_label="2022", unit="10^4 tce")
    render(ax)
    patches = bars(ax)
    assert len(patches) == len(EFFECTS) + 2
    # Start bar from 0 to 1000; each effect floats from the running level; the end bar is the sum.
    running = 1000.0
    assert patches[0].get_y() == 0.0 and patches[0].get_height() == 1000.0
    for patch, effect in zip(patches[1:-1], EFFECTS):
        assert patch.get_y() == pytest.approx(running, rel=1e-15)
        assert patch.get_height() == pytest.approx(effect, rel=1e-15)
        running += effect
    assert patches[-1].get_y() == 0.0
    assert patches[-1].get_height() == pytest.approx(1000.0 + 120.0 - 40.0 - 65.0, rel=1e-15)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "activity", "structure",
                                                            "intensity", "2022"]
    assert ax.get_ylabel() == "value (10^4 tce)"
    assert ax.get_title()
    # Increases and decreases are told apart by colour.
    assert patches[1].get_facecolor() != patches[2].get_facecolor()
    assert patches[2].get_facecolor() == patches[3].get_facecolor()


def test_waterfall_without_start_ends_on_the_total_change() -> None:
    ax = hp.waterfall(np.array([3.0, -1.0]))
    render(ax)
    patches = bars(ax)
    assert len(patches) == 3
    assert patches[-1].get_height() == pytest.approx(2.0, rel=1e-15)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["factor 1", "factor 2", "total change"]
    assert ax.get_ylabel() == "change"


def test_waterfall_sums_the_rows_of_a_frame_of_chained_steps_and_draws_on_the_given_axes() -> None:
    frame = pd.DataFrame({"activity": [10.0, 12.0], "intensity": [-4.0, -6.0]}, index=[2021, 2022])
    frame.attrs["unit"] = "亿元"
    before = frame.copy(deep=True)
    fig, ax = plt.subplots()
    returned = hp.waterfall(frame, start=100.0)
    assert returned is not ax  # no ax: a new figure
    returned = hp.waterfall(frame, start=100.0, ax=ax)
    assert returned is ax
    render(ax)
    heights = [p.get_height() for p in bars(ax)]
    assert heights == pytest.approx([100.0, 22.0, -10.0, 112.0], rel=1e-15)
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "2022"  # end period from the index
    pd.testing.assert_frame_equal(frame, before)


def test_waterfall_accepts_a_decomposition_result_chained_or_fixed_base() -> None:
    effects = pd.DataFrame({"activity": [10.0, 12.0], "intensity": [-4.0, -6.0]}, index=[2021, 2022])
    chained = SimpleNamespace(effects=effects, total=effects.sum(axis=1), mode="additive",
                              chained=True, unit="万吨标准煤", periods=[2020, 2021, 2022])
    ax = hp.waterfall(chained, start=50.0)
    assert [p.get_height() for p in bars(ax)] == pytest.approx([50.0, 22.0, -10.0, 62.0], rel=1e-15)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "activity", "intensity", "2022"]
    fixed = SimpleNamespace(effects=effects, total=effects.sum(axis=1), mode="additive",
                            chained=False, base=2020)
    ax = hp.waterfall(fixed, start=50.0)
    assert [p.get_height() for p in bars(ax)] == pytest.approx([50.0, 12.0, -6.0, 56.0], rel=1e-15)
    render(ax)


def test_waterfall_checks_that_the_effects_close_between_start_and_end() -> None:
    ax = hp.waterfall(EFFECTS, start=1000.0, end=1015.0)
    assert bars(ax)[-1].get_height() == pytest.approx(1015.0, rel=1e-15)
    with pytest.raises(ValueError, match=r"waterfall: end is 1020.0, but start \+ sum\(effects\) is "
                                         r"1015.0: the effects do not close"):
        hp.waterfall(EFFECTS, start=1000.0, end=1020.0)
    with pytest.raises(ValueError, match="waterfall: end is given, but start is not"):
        hp.waterfall(EFFECTS, end=1015.0)


@pytest.mark.parametrize(
    ("effects", "kwargs", "error", "match"),
    [
        (pd.Series(dtype=float), {}, ValueError, "waterfall: effects is empty"),
        (pd.Series({"activity": 1.0, "structure": np.nan}), {}, ValueError,
         r"waterfall: effects\[structure\] is nan, but must be finite"),
        (pd.Series({"activity": np.inf}), {}, ValueError, r"waterfall: effects\[activity\] is inf"),
        (np.ones((2, 2)), {}, ValueError, r"waterfall: effects has shape \(2, 2\)"),
        (["a", "b"], {}, TypeError, "waterfall: effects must be numeric"),
        (EFFECTS, {"start": float("nan")}, ValueError, "waterfall: start is nan, but must be finite"),
        (EFFECTS, {"ax": "not axes"}, TypeError, "waterfall: ax is str, but must be a matplotlib Axes"),
        (SimpleNamespace(effects=pd.DataFrame({"a": [1.1]}), mode="multiplicative"), {}, ValueError,
         "waterfall: effects is a multiplicative decomposition"),
    ],
    ids=["empty", "nan", "inf", "2-d", "text", "start-nan", "bad-ax", "multiplicative"],
)
def test_waterfall_bad_input(effects, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        hp.waterfall(effects, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Effects over time
# ---------------------------------------------------------------------------------------------------

STEPS = pd.DataFrame({"activity": [10.0, 12.0, 8.0], "structure": [-3.0, 2.0, -5.0],
                      "intensity": [-4.0, -6.0, -2.0]}, index=pd.Index([2020, 2021, 2022], name="period"))


def line_data(ax) -> np.ndarray:
    lines = [line for line in ax.get_lines() if line.get_label() and not line.get_label().startswith("_")]
    assert len(lines) == 1
    return np.asarray(lines[0].get_ydata(), dtype=float)


@pytest.mark.parametrize("cumulative", [True, False], ids=["cumulative", "per-step"])
def test_effects_over_time_stacks_the_effects_and_draws_the_total(cumulative: bool, no_cjk_font) -> None:
    before = STEPS.copy(deep=True)
    ax = hp.effects_over_time(STEPS, cumulative=cumulative, unit="万吨标准煤")
    render(ax)
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(containers) == STEPS.shape[1]
    assert all(len(c.patches) == STEPS.shape[0] for c in containers)
    shown = STEPS.cumsum() if cumulative else STEPS  # independent: pandas' cumsum
    for container, column in zip(containers, STEPS.columns):
        assert [p.get_height() for p in container.patches] == pytest.approx(shown[column].tolist(), rel=1e-15)
    # Stacking: positives start where the previous positives ended, negatives likewise below zero.
    for step in range(STEPS.shape[0]):
        up = down = 0.0
        for container in containers:
            patch = container.patches[step]
            if patch.get_height() >= 0:
                assert patch.get_y() == pytest.approx(up, rel=1e-12, abs=1e-12)
                up += patch.get_height()
            else:
                assert patch.get_y() == pytest.approx(down, rel=1e-12, abs=1e-12)
                down += patch.get_height()
    expected_total = shown.sum(axis=1).to_numpy()
    np.testing.assert_allclose(line_data(ax), expected_total, rtol=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021", "2022"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert set(STEPS.columns) <= set(legend)
    assert ("cumulative total change" if cumulative else "total change") in legend
    assert ax.get_ylabel().endswith("(万吨标准煤)")  # the user's unit as given, even without a CJK font
    pd.testing.assert_frame_equal(STEPS, before)


def test_effects_over_time_from_a_result_uses_its_total_and_refuses_a_total_that_does_not_close() -> None:
    result = SimpleNamespace(effects=STEPS, total=STEPS.sum(axis=1), mode="additive", chained=True,
                             unit="tce")
    ax = hp.effects_over_time(result)
    np.testing.assert_allclose(line_data(ax), STEPS.sum(axis=1).cumsum().to_numpy(), rtol=1e-12)
    render(ax)
    wrong = SimpleNamespace(effects=STEPS, total=STEPS.sum(axis=1) + [0.0, 1.0, 0.0],
                            mode="additive", chained=True)
    with pytest.raises(ValueError, match=r"effects_over_time: total\[2021\] is 9.0, but the effects "
                                         r"sum to 8.0"):
        hp.effects_over_time(wrong)


def test_effects_over_time_fixed_base_is_not_cumulated_again() -> None:
    against_base = SimpleNamespace(effects=STEPS.cumsum(), mode="additive", chained=False, total=None)
    ax = hp.effects_over_time(against_base)
    np.testing.assert_allclose(line_data(ax), STEPS.cumsum().sum(axis=1).to_numpy(), rtol=1e-12)
    assert "fixed base" in ax.get_title()


@pytest.mark.parametrize(
    ("effects", "kwargs", "error", "match"),
    [
        (STEPS["activity"], {}, TypeError, "effects_over_time: effects is Series, but must be a pandas "
                                           "DataFrame"),
        (STEPS.iloc[:0], {}, ValueError, r"effects_over_time: effects has shape \(0, 3\)"),
        (STEPS.assign(structure=[1.0, np.nan, 2.0]), {}, ValueError,
         r"effects_over_time: effects\[structure\]\[2021\] is nan"),
        (STEPS, {"total": [1.0, 2.0]}, ValueError, "effects_over_time: total has 2 values, but effects "
                                                   "has 3 steps"),
        (SimpleNamespace(effects=STEPS, mode="multiplicative"), {}, ValueError,
         "effects_over_time: effects is a multiplicative decomposition"),
        (STEPS, {"ax": 3}, TypeError, "effects_over_time: ax is int"),
        (STEPS, {"total": STEPS.sum(axis=1).iloc[::-1]}, ValueError,
         "effects_over_time: total is a Series whose index"),
    ],
    ids=["series", "empty", "nan", "total-length", "multiplicative", "bad-ax", "total-index"],
)
def test_effects_over_time_bad_input(effects, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        hp.effects_over_time(effects, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Tapio diagram
# ---------------------------------------------------------------------------------------------------


def tapio_state(resource_growth: float, output_growth: float) -> str:
    """Independent classification from Tapio (2005, Transport Policy 12:137-151, Fig. 1), for points off the axes and off the band edges."""
    elasticity = resource_growth / output_growth
    if output_growth > 0:
        if resource_growth < 0:
            return "strong decoupling"
        return ("weak decoupling" if elasticity < 0.8 else
                "expansive coupling" if elasticity <= 1.2 else "expansive negative decoupling")
    if resource_growth > 0:
        return "strong negative decoupling"
    return ("weak negative decoupling" if elasticity < 0.8 else
            "recessive coupling" if elasticity <= 1.2 else "recessive decoupling")


def region_patches(ax) -> List[Polygon]:
    polygons = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(polygons) == 8
    return polygons


def test_tapio_state_names_are_the_library_s() -> None:
    assert hp.TAPIO_STATES == tuple(haidian.TAPIO_STATES)
    assert hp.TAPIO_STATES == (
        "strong decoupling", "weak decoupling", "expansive coupling", "expansive negative decoupling",
        "strong negative decoupling", "weak negative decoupling", "recessive coupling",
        "recessive decoupling",
    )  # Tapio's (2005) eight names


def test_tapio_diagram_shades_and_names_eight_regions_and_annotates_points() -> None:
    periods = [2018, 2019, 2020, 2021, 2022]
    resource = pd.Series([0.02, 0.05, -0.01, 0.03, -0.06], index=periods, name="energy")
    output = pd.Series([0.06, 0.045, 0.04, -0.02, -0.04], index=periods, name="GDP")
    before = (resource.copy(), output.copy())
    ax = hp.tapio_diagram(resource, output)
    render(ax)
    region_patches(ax)
    texts = [t.get_text() for t in ax.texts]
    for state in hp.TAPIO_STATES:
        assert texts.count(state) == 1
    annotations = [child.get_text() for child in ax.get_children()
                   if type(child).__name__ == "Annotation"]
    assert annotations == [str(p) for p in periods]
    scatter = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatter) == 1
    np.testing.assert_array_equal(scatter[0].get_offsets(), np.column_stack([output, resource]))
    assert ax.get_xlabel() == "GDP growth" and ax.get_ylabel() == "energy growth"
    # The band edges: lines through the origin with slopes 0.8 and 1.2.
    slopes = sorted(
        (line.get_ydata()[1] - line.get_ydata()[0]) / (line.get_xdata()[1] - line.get_xdata()[0])
        for line in ax.get_lines() if line.get_label().startswith("elasticity"))
    assert slopes == pytest.approx([0.8, 1.2], rel=1e-12)
    # Square, symmetric limits that contain every point.
    low, high = ax.get_xlim()
    assert (low, high) == pytest.approx(ax.get_ylim(), rel=1e-15) and low == pytest.approx(-high, rel=1e-15)
    assert high >= 0.06
    pd.testing.assert_series_equal(resource, before[0])
    pd.testing.assert_series_equal(output, before[1])


@settings(max_examples=60, deadline=None)
@given(
    output=st.floats(min_value=-0.2, max_value=0.2).filter(lambda v: abs(v) > 1e-3),
    resource=st.floats(min_value=-0.2, max_value=0.2).filter(lambda v: abs(v) > 1e-3),
)
def test_tapio_regions_contain_exactly_the_points_of_their_state(output: float, resource: float) -> None:
    elasticity = resource / output
    if min(abs(elasticity - 0.8), abs(elasticity - 1.2)) < 1e-6:
        return  # on a band edge: both neighbouring polygons touch the point
    fig, ax = plt.subplots()
    try:
        hp.tapio_diagram([resource], [output], annotate=False, limit=0.25, ax=ax)
        polygons = region_patches(ax)
        containing = [p for p in polygons if p.get_path().contains_point((output, resource))]
        assert len(containing) == 1
        # The region's own name is written at a point inside the same polygon.
        label = next(t for t in ax.texts
                     if containing[0].get_path().contains_point(t.get_position()))
        assert label.get_text() == tapio_state(resource, output)
        # ... and agrees with haidian.tapio, computed by the C++ core.
        assert haidian.tapio(resource_growth=resource, output_growth=output).state == label.get_text()
    finally:
        plt.close(fig)


def test_tapio_diagram_takes_a_frame_a_tapio_result_and_labels() -> None:
    frame = pd.DataFrame({"resource_growth": [0.01, -0.02], "output_growth": [0.05, 0.03]},
                         index=["haidian", "beijing"])
    ax = hp.tapio_diagram(frame)
    annotations = [c.get_text() for c in ax.get_children() if type(c).__name__ == "Annotation"]
    assert annotations == ["haidian", "beijing"]
    result = haidian.tapio(resource_growth=0.00395, output_growth=0.035)
    ax = hp.tapio_diagram(result, labels=["2022"])
    scatter = next(c for c in ax.collections if isinstance(c, PathCollection))
    np.testing.assert_allclose(scatter.get_offsets(), [[0.035, 0.00395]], rtol=1e-15)
    render(ax)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (([0.01, 0.02], [0.03]), {}, ValueError,
         "tapio_diagram: resource_growth has 2 values, but output_growth has 1"),
        (([], []), {}, ValueError, "tapio_diagram: resource_growth is empty"),
        (([np.nan], [0.03]), {}, ValueError, r"tapio_diagram: resource_growth\[1\] is nan"),
        (([0.01], [np.inf]), {}, ValueError, r"tapio_diagram: output_growth\[1\] is inf"),
        (([0.01],), {}, TypeError, "tapio_diagram: output_growth is missing"),
        ((["x"], [0.01]), {}, TypeError, "tapio_diagram: resource_growth must be numeric"),
        (([0.01], [0.03]), {"labels": ["a", "b"]}, ValueError,
         "tapio_diagram: labels has 2 entries, but there are 1 points"),
        (([0.01], [0.03]), {"limit": -1.0}, ValueError, "tapio_diagram: limit is -1.0"),
        ((pd.DataFrame({"resource_growth": [0.1]}),), {}, ValueError,
         r"tapio_diagram: resource_growth is a DataFrame without the column\(s\) \['output_growth'\]"),
        (([0.01], [0.03]), {"ax": object()}, TypeError, "tapio_diagram: ax is object"),
        ((pd.Series([0.01, 0.02], index=[2021, 2022]), pd.Series([0.03, 0.04], index=[2022, 2021])),
         {}, ValueError, "tapio_diagram: resource_growth and output_growth are Series with different "
                         "indexes"),
    ],
    ids=["lengths", "empty", "nan", "inf", "missing", "text", "labels", "limit", "frame", "bad-ax",
         "index-mismatch"],
)
def test_tapio_diagram_bad_input(args, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        hp.tapio_diagram(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Level and growth
# ---------------------------------------------------------------------------------------------------


def test_level_and_growth_draws_levels_and_their_growth_on_a_twin_axis(no_cjk_font) -> None:
    gdp = pd.Series([100.0, 103.5, 110.0, 108.0], index=[2019, 2020, 2021, 2022], name="GDP")
    gdp.attrs["unit"] = "亿元"
    before = gdp.copy()
    ax = hp.level_and_growth(gdp)
    render(ax)
    assert [p.get_height() for p in bars(ax)] == pytest.approx(gdp.tolist(), rel=1e-15)
    right = ax.right_ax
    growth = np.asarray(right.get_lines()[0].get_ydata(), dtype=float)
    assert math.isnan(growth[0])
    np.testing.assert_allclose(growth[1:], [103.5 / 100 - 1, 110 / 103.5 - 1, 108 / 110 - 1], rtol=1e-14)
    assert ax.get_ylabel() == "GDP (亿元)"  # the user's unit as given, even without a CJK font
    assert right.get_ylabel() == "GDP growth"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020", "2021", "2022"]
    assert ax.get_title() == "GDP"
    pd.testing.assert_series_equal(gdp, before)


def test_level_and_growth_averages_growth_across_gaps() -> None:
    # The article's figures: GDP 1000 (2004), 5000 (2015), 10206.9 (2022) 亿元. Over 2004-2015 the
    # average annual growth is 5^(1/11) - 1.
    gdp = pd.Series([1000.0, 5000.0, 10206.9], index=[2004, 2015, 2022], name="gdp")
    ax = hp.level_and_growth(gdp)
    growth = np.asarray(ax.right_ax.get_lines()[0].get_ydata(), dtype=float)
    np.testing.assert_allclose(growth[1:], [5 ** (1 / 11) - 1, (10206.9 / 5000) ** (1 / 7) - 1],
                               rtol=1e-13)
    assert "average per period" in ax.right_ax.get_ylabel()


def test_level_and_growth_uses_given_growth_and_quarterly_year_on_year() -> None:
    gdp = pd.Series([100.0, 120.0], index=[2021, 2022], name="GDP")
    comparable = pd.Series([0.035], index=[2022])  # real growth next to nominal levels
    ax = hp.level_and_growth(gdp, growth=comparable)
    growth = np.asarray(ax.right_ax.get_lines()[0].get_ydata(), dtype=float)
    assert math.isnan(growth[0]) and growth[1] == 0.035
    quarters = pd.period_range("2021Q1", periods=6, freq="Q")
    values = pd.Series([10.0, 11.0, 12.0, 13.0, 10.5, 12.1], index=quarters, name="output")
    ax = hp.level_and_growth(values)
    growth = np.asarray(ax.right_ax.get_lines()[0].get_ydata(), dtype=float)
    assert np.isnan(growth[:4]).all()
    np.testing.assert_allclose(growth[4:], [10.5 / 10 - 1, 12.1 / 11 - 1], rtol=1e-14)
    assert "year on year" in ax.right_ax.get_ylabel()
    render(ax)


def test_level_and_growth_takes_a_haidian_series(no_cjk_font) -> None:
    series = haidian.Series([1000.0, 1050.0, 1100.0], start=2020, name="GDP", unit="亿元")
    ax = hp.level_and_growth(series)
    growth = np.asarray(ax.right_ax.get_lines()[0].get_ydata(), dtype=float)
    np.testing.assert_allclose(growth[1:], [0.05, 1100 / 1050 - 1], rtol=1e-14)
    assert ax.get_ylabel() == "GDP (亿元)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021", "2022"]
    render(ax)


@pytest.mark.parametrize(
    ("series", "kwargs", "error", "match"),
    [
        (pd.Series(dtype=float), {}, ValueError, "level_and_growth: series is empty"),
        (pd.Series([1.0, np.inf], index=[2021, 2022]), {}, ValueError,
         r"level_and_growth: series\[2022\] is inf"),
        (pd.Series([0.0, 1.0], index=[2021, 2022]), {}, ValueError,
         r"level_and_growth: series\[2021\] is 0, so the growth to the next period is undefined"),
        (pd.Series([-1.0, 2.0], index=[2021, 2022]), {}, ValueError,
         r"level_and_growth: series\[2021\] is -1, but must be positive .* pass growth= explicitly"),
        (pd.Series([1.0, -2.0], index=[2004, 2015]), {}, ValueError,
         r"level_and_growth: value at 2015 is -2, but must be positive .* pass growth= explicitly"),
        (pd.Series([1.0, 2.0], index=[2022, 2021]), {}, ValueError,
         "level_and_growth: series periods must increase, but 2022 is followed by 2021"),
        (pd.Series([1.0, 2.0], index=[2021, 2022]), {"growth": [0.1]}, ValueError,
         "level_and_growth: growth has 1 values, but series has 2"),
        (pd.Series([1.0, 2.0], index=[2021, 2022]), {"growth": pd.Series([0.1], index=[2030])},
         ValueError, "level_and_growth: growth has the period 2030"),
        (pd.DataFrame({"a": [1.0]}), {}, TypeError, "level_and_growth: series is a DataFrame"),
        (["a"], {}, TypeError, "level_and_growth: series must be numeric"),
        (pd.Series([1.0, 2.0]), {"ax": "ax"}, TypeError, "level_and_growth: ax is str"),
    ],
    ids=["empty", "inf", "zero", "negative", "negative-across-gap", "order", "growth-length", "growth-period", "frame", "text", "bad-ax"],
)
def test_level_and_growth_bad_input(series, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        hp.level_and_growth(series, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Chinese labels: a CJK font when present, a clean English fallback otherwise
# ---------------------------------------------------------------------------------------------------


def chinese_inputs():
    effects = pd.Series({"活动": 120.0, "结构": -40.0, "某新因素": -65.0})
    steps = pd.DataFrame({"活动": [1.0, 2.0], "强度": [-0.5, -1.0]}, index=[2021, 2022])
    steps.attrs["unit"] = "万吨标准煤"
    levels = pd.Series([1000.0, 1035.0], index=[2021, 2022], name="地区生产总值")
    levels.attrs["unit"] = "亿元"
    resource = pd.Series([0.004], index=["海淀"], name="能源消费")
    output = pd.Series([0.035], index=["海淀"], name="地区生产总值")
    return effects, steps, levels, resource, output


def draw_all_chinese():
    effects, steps, levels, resource, output = chinese_inputs()
    return [
        hp.waterfall(effects, start=1000.0, unit="万吨标准煤"),
        hp.effects_over_time(steps),
        hp.level_and_growth(levels),
        hp.tapio_diagram(resource, output),
    ]


def test_without_a_cjk_font_user_labels_are_kept_and_one_font_warning_says_what_to_install(
        no_cjk_font) -> None:
    _cjk_text._warned_missing_font = False  # a fresh session
    with pytest.warns(hp.FontWarning, match="fonts-noto-cjk") as caught:
        axes = draw_all_chinese()
    assert len([w for w in caught if issubclass(w.category, hp.FontWarning)]) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", hp.FontWarning)
        hp.waterfall(pd.Series({"活动": 1.0}))  # once per session: no second warning
    for ax in axes:
        render(ax)
    waterfall, steps, levels, tapio = axes
    assert [t.get_text() for t in waterfall.get_xticklabels()] == [
        "start", "活动", "结构", "某新因素", "end"]
    assert waterfall.get_ylabel() == "value (万吨标准煤)"
    assert {t.get_text() for t in steps.get_legend().get_texts()} >= {"活动", "强度"}
    assert levels.get_ylabel() == "地区生产总值 (亿元)"
    assert levels.right_ax.get_ylabel() == "地区生产总值 growth"
    assert tapio.get_xlabel() == "地区生产总值 growth" and tapio.get_ylabel() == "能源消费 growth"
    annotations = [c.get_text() for c in tapio.get_children() if type(c).__name__ == "Annotation"]
    assert annotations == ["海淀"]


def test_without_a_cjk_font_lang_zh_keeps_the_library_s_words_in_english(no_cjk_font) -> None:
    ax = hp.tapio_diagram([0.01], [0.03], lang="zh")
    assert ax.get_xlabel() == "output growth" and ax.get_title() == "Tapio decoupling"
    assert set(hp.TAPIO_STATES) <= {t.get_text() for t in ax.texts}


def test_with_a_cjk_font_chinese_labels_are_kept_and_drawn_with_that_font(cjk_font) -> None:
    waterfall, steps, levels, tapio = draw_all_chinese()
    ticks = waterfall.get_xticklabels()
    assert [t.get_text() for t in ticks] == ["start", "活动", "结构", "某新因素", "end"]
    assert cjk_font.family in ticks[1].get_fontfamily()
    assert waterfall.get_ylabel() == "value (万吨标准煤)"
    assert cjk_font.family in waterfall.yaxis.label.get_fontfamily()
    legend = steps.get_legend().get_texts()
    assert {t.get_text() for t in legend} >= {"活动", "强度"}
    assert all(cjk_font.family in t.get_fontfamily() for t in legend if CJK.search(t.get_text()))
    assert levels.get_ylabel() == "地区生产总值 (亿元)"
    assert tapio.get_xlabel() == "地区生产总值 growth"
    annotation = next(c for c in tapio.get_children() if type(c).__name__ == "Annotation")
    assert annotation.get_text() == "海淀" and cjk_font.family in annotation.get_fontfamily()


def test_find_cjk_font_checks_glyphs_not_just_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    dejavu = font_manager.findfont("DejaVu Sans")
    # A font calling itself Noto Sans CJK SC but without Chinese glyphs is not taken.
    liar = SimpleNamespace(name="Noto Sans CJK SC", fname=dejavu)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [liar])
    _cjk_text.find_cjk_font.cache_clear()
    assert _cjk_text.find_cjk_font() is None
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    _cjk_text.find_cjk_font.cache_clear()
    assert _cjk_text.find_cjk_font() is None
    # And a file with the glyphs is taken, under its own family name.
    monkeypatch.setattr(_cjk_text, "_covers", lambda path: path == "/fonts/real-cjk.otf")
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [liar, SimpleNamespace(name="WenQuanYi Micro Hei", fname="/fonts/real-cjk.otf")])
    _cjk_text.find_cjk_font.cache_clear()
    assert _cjk_text.find_cjk_font() == _cjk_text.CjkFont("WenQuanYi Micro Hei", "/fonts/real-cjk.otf")


def test_has_cjk() -> None:
    assert not _cjk_text.has_cjk("GDP 10^4 tce km²")
    assert _cjk_text.has_cjk("（")  # full-width punctuation is CJK too


def test_missing_matplotlib_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # makes the import fail
    with pytest.raises(ImportError, match=r"pip install haidian\[plot\]"):
        hp.waterfall(EFFECTS)


# ---------------------------------------------------------------------------------------------------
# With real haidian results
# ---------------------------------------------------------------------------------------------------


def sector_panel():
    years = pd.Index([2020, 2021, 2022], name="period")
    energy = pd.DataFrame({"industry": [50.0, 48.0, 45.0], "services": [30.0, 33.0, 36.0]}, index=years)
    output = pd.DataFrame({"industry": [40.0, 41.0, 41.0], "services": [60.0, 63.0, 67.0]}, index=years)
    return energy, output


@pytest.mark.parametrize("chained", [True, False], ids=["chained", "fixed-base"])
def test_plots_of_a_haidian_decomposition(chained: bool) -> None:
    energy, output = sector_panel()
    result = haidian.decompose_intensity(energy, output, chained=chained,
                                         **({} if chained else {"base": 2020}))
    ax = hp.waterfall(result)
    render(ax)
    heights = [p.get_height() for p in bars(ax)]
    # Independently: the bars run from total energy in 2020 to total energy in 2022.
    assert heights[0] == pytest.approx(energy.loc[2020].sum(), rel=1e-15)
    assert heights[-1] == pytest.approx(energy.loc[2022].sum(), rel=1e-12)
    # The effects close to rounding of their magnitudes (a few units), not of their small sum.
    assert sum(heights[1:-1]) == pytest.approx(energy.loc[2022].sum() - energy.loc[2020].sum(), abs=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", *result.factors, "2022"]
    ax = hp.effects_over_time(result)
    render(ax)
    change_since_2020 = (energy.sum(axis=1) - energy.sum(axis=1).loc[2020]).loc[[2021, 2022]]
    np.testing.assert_allclose(line_data(ax), change_since_2020.to_numpy(), rtol=1e-12)


def test_plots_refuse_a_multiplicative_haidian_decomposition() -> None:
    energy, output = sector_panel()
    result = haidian.decompose_intensity(energy, output, mode="multiplicative")
    with pytest.raises(ValueError, match="waterfall: effects is a multiplicative decomposition"):
        hp.waterfall(result)
    with pytest.raises(ValueError, match="effects_over_time: effects is a multiplicative decomposition"):
        hp.effects_over_time(result)


# ---------------------------------------------------------------------------------------------------
# Report quality: the library's words in Chinese or English, number labels, headroom, regions
# ---------------------------------------------------------------------------------------------------

# The Chinese names of Tapio's states as used in Chinese decoupling studies, written out here.
TAPIO_ZH = {
    "strong decoupling": "强脱钩", "weak decoupling": "弱脱钩", "expansive coupling": "扩张连接",
    "expansive negative decoupling": "扩张负脱钩", "strong negative decoupling": "强负脱钩",
    "weak negative decoupling": "弱负脱钩", "recessive coupling": "衰退连接",
    "recessive decoupling": "衰退脱钩",
}


def test_tapio_state_names_in_both_languages() -> None:
    assert hp.tapio_state_names("zh") == TAPIO_ZH
    assert list(hp.tapio_state_names("zh")) == list(haidian.TAPIO_STATES)
    assert hp.tapio_state_names() == {state: state for state in haidian.TAPIO_STATES}


def test_lang_zh_writes_the_library_s_words_in_chinese_and_keeps_the_user_s(cjk_font) -> None:
    tapio = hp.tapio_diagram([0.01, -0.02], [0.03, 0.04], labels=["2021", "2022"], lang="zh")
    texts = [t.get_text() for t in tapio.texts]
    assert set(TAPIO_ZH.values()) <= set(texts)
    assert not set(haidian.TAPIO_STATES) & set(texts)
    assert tapio.get_xlabel() == "产出增长率" and tapio.get_ylabel() == "资源增长率"
    named = hp.tapio_diagram(pd.Series([0.01], name="能源消费"), pd.Series([0.03], name="GDP"),
                             lang="zh")
    assert named.get_xlabel() == "GDP增长率" and named.get_ylabel() == "能源消费增长率"
    levels = pd.Series([100.0, 110.0], index=[2021, 2022], name="地区生产总值")
    ax = hp.level_and_growth(levels, lang="zh")
    assert ax.get_xlabel() == "时期" and ax.right_ax.get_ylabel() == "地区生产总值增长率"
    ax = hp.waterfall([3.0, -1.0], start=10.0, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["期初", "因素 1", "因素 2", "期末"]
    assert ax.get_ylabel() == "数值"
    ax = hp.effects_over_time(STEPS, lang="zh")
    assert ax.get_xlabel() == "时期"
    english = hp.effects_over_time(STEPS)  # the default stays English
    assert english.get_xlabel() == "period" and not CJK.search(english.get_title())


def test_growth_is_not_said_twice_in_axis_labels() -> None:
    ax = hp.tapio_diagram(pd.Series([0.01], name="energy growth"), pd.Series([0.03], name="GDP Growth"))
    assert ax.get_xlabel() == "GDP Growth" and ax.get_ylabel() == "energy growth"
    ax = hp.tapio_diagram([0.01], [0.03], output_name="GDP", resource_name="能耗增长率")
    assert ax.get_xlabel() == "GDP growth" and ax.get_ylabel() == "能耗增长率"


@pytest.mark.parametrize("lang, error", [("fr", ValueError), ("ZH", ValueError), (None, TypeError)])
def test_lang_must_be_en_or_zh(lang, error) -> None:
    for draw in (lambda: hp.waterfall(EFFECTS, lang=lang),
                 lambda: hp.effects_over_time(STEPS, lang=lang),
                 lambda: hp.tapio_diagram([0.01], [0.02], lang=lang),
                 lambda: hp.level_and_growth(pd.Series([1.0, 2.0]), lang=lang),
                 lambda: hp.tapio_state_names(lang)):
        with pytest.raises(error, match="lang"):
            draw()


def test_number_labels_share_one_format_with_separators() -> None:
    ax = hp.waterfall(pd.Series({"规模效应": 29110.4, "强度效应": -5696.2}), start=150000.0)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["150,000", "+29,110", "-5,696", "173,414"]  # 173,414.2: no digit rounded away
    # The largest in range (0.0125) asks for 5 decimals, which every label in range then shows;
    # 2.5e-5 and 3.2e12 are outside [1e-3, 1e12): scientific.
    small = hp.waterfall(pd.Series({"a": 0.0125, "b": -0.0031, "c": 2.5e-5, "d": 3.2e12}))
    assert [t.get_text() for t in small.texts][:4] == ["+0.01250", "-0.00310", "+2.5e-05", "+3.2e+12"]
    # Largest 10.75: 2 decimals give its 4 digits, and every label shows 2.
    tenths = hp.waterfall(pd.Series({"a": 1.25, "b": -0.5}), start=10.0)
    assert [t.get_text() for t in tenths.texts] == ["10.00", "+1.25", "-0.50", "10.75"]


def test_the_y_range_leaves_room_beyond_the_highest_and_lowest_bars() -> None:
    ax = hp.waterfall(pd.Series({"up": 500.0, "down": -1800.0}), start=1000.0)
    ends = [end for p in bars(ax) for end in (p.get_y(), p.get_y() + p.get_height())]
    low, high = ax.get_ylim()
    assert high > max(ends) + 0.05 * (max(ends) - min(ends))  # the start + up bar: 1500
    assert low < min(ends) - 0.05 * (max(ends) - min(ends))  # the end bar: -300
    positive = hp.waterfall(pd.Series({"up": 5.0}), start=10.0)
    assert positive.get_ylim()[0] == 0.0 and positive.get_ylim()[1] > 15.0 * 1.05


def test_tapio_diagram_draws_one_labelled_series_per_region() -> None:
    index = pd.MultiIndex.from_product([["东城", "西城", "海淀"], [2021, 2022]])
    frame = pd.DataFrame({"resource_growth": [0.01, -0.02, 0.03, 0.0, -0.01, 0.02],
                          "output_growth": [0.03, 0.04, 0.02, 0.05, 0.01, 0.03]}, index=index)
    ax = hp.tapio_diagram(frame)
    collections = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(collections) == 3
    for collection, region in zip(collections, ["东城", "西城", "海淀"]):
        np.testing.assert_array_equal(collection.get_offsets(),
                                      frame.loc[region, ["output_growth", "resource_growth"]].to_numpy())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["东城", "西城", "海淀"]
    annotations = [c.get_text() for c in ax.get_children() if type(c).__name__ == "Annotation"]
    assert annotations == ["2021", "2022"] * 3
    # Regions as the index: each point is named by its region, whatever fonts exist.
    flat = hp.tapio_diagram(pd.Series([0.01, 0.02, -0.01], index=["东城", "西城", "海淀"]),
                            pd.Series([0.03, 0.01, 0.02], index=["东城", "西城", "海淀"]))
    annotations = [c.get_text() for c in flat.get_children() if type(c).__name__ == "Annotation"]
    assert annotations == ["东城", "西城", "海淀"]
