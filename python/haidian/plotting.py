"""Report-ready plots: decomposition waterfall, effects over time, the Tapio diagram, level and growth.

Every function takes plain pandas/numpy inputs (a Series of effects, a DataFrame of effects per step,
arrays of growth rates, a pandas Series of levels) and also haidian's own result objects, draws on
the ``ax`` it is given (or a new figure), takes its labels from the data (names, units, periods) and
returns the matplotlib ``Axes``. Your labels are drawn as given: Chinese ones with a CJK font when
one is installed, else as empty boxes with a :class:`FontWarning` (once) saying what to install. The
words the plots write themselves (titles, axis words, made-up factor names, the Tapio states) are in
English, or in Chinese with ``lang="zh"`` (in English when no CJK font can draw them).

matplotlib is an optional dependency (``pip install haidian[plot]``); it is imported only when a
plot is drawn.

Growth rates are fractions (0.035 is 3.5%); axes that show them are formatted in percent.

Examples
--------
>>> import pandas as pd, haidian.plotting as hp
>>> ax = hp.waterfall(pd.Series({"activity": 120.0, "intensity": -65.0}), start=1000.0)
>>> len(ax.patches)  # start, two effects, end
4
"""

from __future__ import annotations

import math
import numbers
import re
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _cjk_text
from ._cjk_text import GLOSSARY, FontWarning
from . import _core, _internal, decoupling as _decoupling
from ._internal import float64_copy
from .series import Series

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.axes import Axes

__all__ = [
    "FontWarning",
    "GLOSSARY",
    "TAPIO_STATES",
    "tapio_state_names",
    "effects_over_time",
    "level_and_growth",
    "tapio_diagram",
    "waterfall",
]

TAPIO_STATES: Tuple[str, ...] = _decoupling.TAPIO_STATES  # the core's names, in Tapio's order
"""The eight Tapio (2005) decoupling states, with the names haidian uses everywhere.

Examples
--------
>>> import haidian
>>> haidian.plotting.TAPIO_STATES == haidian.TAPIO_STATES
True
"""

def tapio_state_names(lang: str = "en") -> Dict[str, str]:
    """The eight Tapio states named in ``lang``, keyed by the core's names (for tables and labels).

    Parameters
    ----------
    lang : {"en", "zh"}, default "en"
        "zh" gives the names used in Chinese reports (强脱钩, 弱脱钩, 扩张连接, ...), whatever fonts
        are installed; "en" the core's own names.

    Returns
    -------
    dict
        ``{core name: name in lang}`` in the order of :data:`TAPIO_STATES`.

    Examples
    --------
    >>> import haidian.plotting as hp
    >>> hp.tapio_state_names("zh")["strong decoupling"]
    '强脱钩'
    >>> import pandas as pd
    >>> pd.Series(["weak decoupling", "recessive coupling"]).map(hp.tapio_state_names("zh")).tolist()
    ['弱脱钩', '衰退连接']
    """
    _cjk_text.check_lang("tapio_state_names", lang)
    return {state: _cjk_text.chinese(state) if lang == "zh" else state for state in TAPIO_STATES}


#: Tapio's coupling band: 0.8 <= elasticity <= 1.2 (Tapio 2005, Transport Policy 12:137-151, Fig. 1).
TAPIO_BAND: Tuple[float, float] = _internal.TAPIO_BAND

# Colours: decoupling greens, coupling greys, negative decoupling reds (colour-blind-safe enough to
# tell good from bad, and the region names are written on the plot anyway).
_REGION_COLOURS: Dict[str, str] = {
    "strong decoupling": "#1b9e77",
    "weak decoupling": "#a6dba0",
    "expansive coupling": "#d9d9d9",
    "expansive negative decoupling": "#fbc4a6",
    "strong negative decoupling": "#ef8a62",
    "weak negative decoupling": "#fddbc7",
    "recessive coupling": "#bdbdbd",
    "recessive decoupling": "#d9f0d3",
}
_INCREASE, _DECREASE, _LEVEL = "#d6604d", "#4393c3", "#7f7f7f"


# ---------------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------------


def _pyplot() -> Any:
    """matplotlib.pyplot, or an ImportError that says how to get it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ImportError(
            "haidian.plotting needs matplotlib, an optional dependency: install it with "
            "`pip install haidian[plot]` (or `pip install matplotlib`). Original error: "
            f"{error}"
        ) from error
    return plt


def _axes(function: str, ax: Any) -> "Axes":
    """The Axes to draw on: the caller's, checked, or a new figure's."""
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 4.5))
        return ax
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"{function}: ax is {type(ax).__name__}, but must be a matplotlib Axes or None")
    return ax


def _text(text: Any) -> Tuple[str, Dict[str, Any]]:
    """Label text as given and the font properties that draw its Chinese characters."""
    return _cjk_text.display_text(text)


_word = _cjk_text.word  # one of the library's own words, in the language asked for


def _joined(name: str, words: str) -> str:
    """``name`` followed by library words: "GDP growth", "地区生产总值增长率" (no space before Chinese)."""
    return f"{name}{words}" if _cjk_text.has_cjk(words[:1]) else f"{name} {words}"


def _growth_label(name: str, lang: str) -> str:
    """"<name> growth" / "<name>增长率", without repeating the word when ``name`` already says it."""
    if name.rstrip().lower().endswith("growth") or name.rstrip().endswith("增长率"):
        return name
    return _joined(name, _word("growth", lang))


def _numbers(values: Sequence[float], signed: Sequence[bool]) -> List[str]:
    """Bar labels in one format: thousands separators and the same decimals for every label, enough
    for 4 significant digits of the largest, so no digit of a large number is rounded away
    ("1,000", "+120", "-40", "173,414"); scientific notation only for |value| outside [1e-3, 1e12)."""
    in_range = [abs(v) for v in values if 1e-3 <= abs(v) < 1e12]
    decimals = max(0, 3 - math.floor(math.log10(max(in_range)))) if in_range else 0
    labels = []
    for value, sign in zip(values, signed):
        plus = "+" if sign else ""
        if value != 0 and not 1e-3 <= abs(value) < 1e12:
            labels.append(f"{value:{plus}.4g}")
        else:
            labels.append(f"{value:{plus},.{decimals}f}")
    return labels


def _headroom(ax: "Axes", low: float, high: float) -> None:
    """y limits with room beyond the highest and lowest bar ends (a zero baseline stays put)."""
    low, high = min(low, 0.0), max(high, 0.0)
    pad = 0.08 * (high - low) if high > low else 1.0
    ax.set_ylim(low - pad if low < 0 else low, high + pad if high > 0 else high)


def _set_label(setter: Any, text: Any, **kwargs: Any) -> None:
    label, properties = _text(text)
    setter(label, **properties, **kwargs)


def _set_ticks(ax: "Axes", axis: "Literal['x', 'y']", positions: Any, labels: Sequence[Any],
               **kwargs: Any) -> None:
    """Fixed tick labels on ``axis`` ("x" or "y"), Chinese ones with the CJK font."""
    texts = [_text(label) for label in labels]
    families = next((properties["fontfamily"] for _, properties in texts if properties), None)
    getattr(ax, f"set_{axis}ticks")(list(positions))
    getattr(ax, f"set_{axis}ticklabels")([label for label, _ in texts], **kwargs)
    if families is not None:
        # Fallback family list on every tick label (also those matplotlib creates later).
        try:
            ax.tick_params(axis=axis, labelfontfamily=families)  # matplotlib >= 3.8
        except (TypeError, ValueError, AttributeError):  # pragma: no cover - older matplotlib
            for tick_label in getattr(ax, f"get_{axis}ticklabels")():
                tick_label.set_fontfamily(families)


def _unit_suffix(unit: Optional[str]) -> str:
    return f" ({unit})" if unit else ""


def _period_text(label: Any) -> str:
    """A period label as text: 2022 for an integer year, str() of a pandas Period, etc."""
    if isinstance(label, (numbers.Integral, np.integer)):
        return str(int(label))
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    return str(label)


def _finite(function: str, argument: str, values: np.ndarray, labels: Sequence[Any]) -> None:
    """Refuse NaN/inf with the function, argument, position and value in the message."""
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        where = bad[0]
        raise ValueError(
            f"{function}: {argument}[{labels[where]!s}] is {values[where]}, but must be finite"
        )


def _mode_of(result: Any) -> Optional[str]:
    mode = getattr(result, "mode", None)
    return str(mode) if mode is not None else None


def _refuse_multiplicative(function: str, result: Any) -> None:
    if _mode_of(result) == "multiplicative":
        raise ValueError(
            f"{function}: effects is a multiplicative decomposition (ratios that multiply), but a "
            "stacked or waterfall chart needs additive effects (changes that add up): decompose with "
            "mode='additive', or plot the logarithms of the indices"
        )


def _is_result(obj: Any) -> bool:
    """A decomposition result (duck-typed: it has .effects as a DataFrame)."""
    return isinstance(getattr(obj, "effects", None), pd.DataFrame)


def _result_unit(result: Any) -> Optional[str]:
    unit = getattr(result, "unit", None)
    return str(unit) if unit else None


# ---------------------------------------------------------------------------------------------------
# Waterfall
# ---------------------------------------------------------------------------------------------------


def _waterfall_inputs(effects: Any, lang: str) -> Tuple[pd.Series, Dict[str, Any]]:
    """Effects over the whole span as a Series (factor -> change), and what a result tells us."""
    info: Dict[str, Any] = {}
    if _is_result(effects):
        _refuse_multiplicative("waterfall", effects)
        frame = effects.effects
        info["unit"] = _result_unit(effects)
        chained = getattr(effects, "chained", True)
        # Chained: the span's effect is the sum of the steps; fixed-base: each row already compares
        # with the base, so the span's effect is the last row.
        series = frame.sum(axis=0) if chained else frame.iloc[-1]
        if len(frame.index):
            info["end_label"] = _period_text(frame.index[-1])
        start_period = getattr(effects, "base", None)
        if start_period is None:
            periods = getattr(effects, "periods", None)
            if periods is not None and len(periods):
                start_period = list(periods)[0]
        if start_period is not None:
            info["start_label"] = _period_text(start_period)
        # The aggregate at both ends of the span (haidian.Decomposition.start_value / end_value).
        if getattr(effects, "start_value", None) is not None:
            info["start"] = float(effects.start_value)
            if getattr(effects, "end_value", None) is not None:
                info["end"] = float(effects.end_value)
        return series, info
    if isinstance(effects, pd.DataFrame):
        info["unit"] = effects.attrs.get("unit")
        if len(effects.index):
            info["end_label"] = _period_text(effects.index[-1])
        return effects.sum(axis=0), info  # one row per chained step: the span is their sum
    if isinstance(effects, pd.Series):
        info["unit"] = effects.attrs.get("unit")
        return effects, info
    if isinstance(effects, Mapping):
        return pd.Series(dict(effects), dtype=float), info
    values = float64_copy("waterfall", "effects", effects)
    if values.ndim != 1:
        raise ValueError(f"waterfall: effects has shape {values.shape}, but must be one-dimensional")
    factor = _word("factor", lang)
    return pd.Series(values, index=[f"{factor} {i + 1}" for i in range(values.size)]), info


def waterfall(effects: Any, *, start: Optional[float] = None, end: Optional[float] = None,
              start_label: Optional[str] = None, end_label: Optional[str] = None,
              unit: Optional[str] = None, title: Optional[str] = None,
              lang: str = "en", ax: Optional["Axes"] = None) -> "Axes":
    """Waterfall of decomposition effects, from the start value to the end value.

    A bar for the start value, one floating bar per factor (up for an increase, down for a
    decrease), and a bar for the end value; for additive decompositions the end value is the start
    value plus the sum of the effects.

    Parameters
    ----------
    effects : decomposition result, pandas.Series, pandas.DataFrame, dict or array_like
        The additive effects. A result of :func:`haidian.decompose` (additive mode) is summed over
        its steps when chained and read from its last row when fixed-base; its ``start_value`` and
        ``end_value`` give the first and last bars. A Series maps factor
        name -> effect; a DataFrame has one row per chained step and one column per factor (the rows
        are summed); an array gets the names "factor 1", "factor 2", ... (因素 1, ... in Chinese)
    start : float, optional
        The aggregate's value at the start (V⁰). When given, the chart runs from ``start`` to
        ``start + sum(effects)``; when omitted, from zero to the total change.
    end : float, optional
        The aggregate's value at the end (Vᵀ), checked against ``start + sum(effects)``: a mismatch
        means the effects do not close and is an error. Needs ``start``.
    start_label, end_label : str, optional
        Labels of the first and last bars (default: the start and end periods when the input says
        them, else "start"/"end", or "total change" without ``start``).
    unit : str, optional
        Unit of the aggregate for the y axis (default: the result's ``unit`` or ``effects.attrs["unit"]``).
    title : str, optional
        Axes title (default: "Decomposition of the change", 变化分解).
    lang : {"en", "zh"}, default "en"
        Language of the words the chart writes itself (title, "value", "start", "end", made-up
        factor names); your labels are drawn as given.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: ``len(effects) + 2`` bars with ``start`` (``+ 1`` without it), each
        labelled with its value ("+29,110", "-5,696": one number format for all labels), and room above the
        highest bar and below the lowest.

    Raises
    ------
    ValueError
        Empty or non-finite effects, multiplicative results, ``end`` without ``start`` or an
        ``end`` that does not equal ``start + sum(effects)``.
    TypeError
        Non-numeric effects, or ``ax`` that is not an Axes.

    Examples
    --------
    >>> import pandas as pd, haidian.plotting as hp
    >>> ax = hp.waterfall(pd.Series({"activity": 120.0, "structure": -40.0, "intensity": -65.0}),
    ...                   start=1000.0, start_label="2021", end_label="2022", unit="10^4 tce")
    >>> [text.get_text() for text in ax.texts]
    ['1,000', '+120', '-40', '-65', '1,015']

    With ``lang="zh"`` the library's own words (factor names it makes up, "total change") are in
    Chinese when a CJK font is installed (因素 1, 因素 2, 总变化), else in English:

    >>> ax = hp.waterfall([29110.0, -5696.0], lang="zh")
    """
    _cjk_text.check_lang("waterfall", lang)
    series, info = _waterfall_inputs(effects, lang)
    names = [str(name) for name in series.index]
    values = float64_copy("waterfall", "effects", series.to_numpy())
    if values.size == 0:
        raise ValueError("waterfall: effects is empty, but must have at least one factor")
    _finite("waterfall", "effects", values, names)
    if start is None and info.get("start") is not None:
        start = info["start"]
        if end is None:
            end = info.get("end")  # so the result's own closure is checked too
    if end is not None and start is None:
        raise ValueError("waterfall: end is given, but start is not; pass start as well")
    if start is not None and not math.isfinite(float(start)):
        raise ValueError(f"waterfall: start is {start}, but must be finite")
    total = float(np.sum(values))
    if start is not None and end is not None:
        if not math.isfinite(float(end)):
            raise ValueError(f"waterfall: end is {end}, but must be finite")
        expected = float(start) + total
        if not _internal.closes(_internal.additive_closure(values, float(end) - float(start),
                                                           abs(float(start)) + abs(float(end)))):
            raise ValueError(
                f"waterfall: end is {end}, but start + sum(effects) is {expected}: the effects do not "
                "close (are they additive effects of this aggregate over this span?)"
            )
    unit = unit if unit is not None else info.get("unit")
    ax = _axes("waterfall", ax)

    labels: List[str] = []
    bottoms: List[float] = []
    heights: List[float] = []
    colours: List[str] = []
    running = 0.0
    if start is not None:
        labels.append(start_label or info.get("start_label") or _word("start", lang))
        bottoms.append(0.0)
        heights.append(float(start))
        colours.append(_LEVEL)
        running = float(start)
    for name, value in zip(names, values):
        labels.append(name)
        bottoms.append(running)
        heights.append(float(value))
        colours.append(_INCREASE if value >= 0 else _DECREASE)
        running += float(value)
    if start is not None:
        labels.append(end_label or info.get("end_label") or _word("end", lang))
        bottoms.append(0.0)
        heights.append(running)
    else:
        labels.append(end_label or _word("total change", lang))
        bottoms.append(0.0)
        heights.append(total)
    colours.append(_LEVEL)

    positions = np.arange(len(labels), dtype=float)
    bars = ax.bar(positions, heights, bottom=bottoms, color=colours, edgecolor="black",
                  linewidth=0.5, label="_nolegend_")
    # Connectors: from the top of each bar's running level to the next bar.
    levels = np.array(bottoms) + np.array(heights)
    for position, level in zip(positions[:-1], levels[:-1]):
        ax.plot([position + 0.4, position + 0.6], [level, level], color="black", linewidth=0.6)
    # Effects carry their sign; the start and end levels do not (a change without start does).
    signed = [0 < i < len(heights) - 1 or start is None for i in range(len(heights))]
    ax.bar_label(bars, labels=_numbers(heights, signed),
                 label_type="center", fontsize=8)
    _set_ticks(ax, "x", positions, labels, rotation=0)
    _set_label(ax.set_ylabel, _word("value" if start is not None else "change", lang)
               + _unit_suffix(unit))
    _set_label(ax.set_title, title or _word("Decomposition of the change", lang))
    ax.axhline(0.0, color="black", linewidth=0.8)
    _headroom(ax, float(np.min(levels.tolist() + bottoms)), float(np.max(levels.tolist() + bottoms)))
    return ax


# ---------------------------------------------------------------------------------------------------
# Stacked effects over time
# ---------------------------------------------------------------------------------------------------


def effects_over_time(effects: Any, *, total: Any = None, cumulative: bool = True,
                      unit: Optional[str] = None, title: Optional[str] = None,
                      lang: str = "en", ax: Optional["Axes"] = None) -> "Axes":
    """Stacked effects per period with the total as a line.

    Parameters
    ----------
    effects : decomposition result or pandas.DataFrame
        Additive effects, one row per step (labelled by the step's end period) and one column per
        factor: a result of :func:`haidian.decompose` in additive mode, or such a DataFrame.
    total : pandas.Series or array_like, optional
        The change per step (default: the result's ``.total``, or the row sums). Checked against the
        row sums of ``effects``: additive effects must close.
    cumulative : bool, default True
        True: the bars are the running sums of chained year-on-year effects from the first period
        (for a fixed-base result, the effects against the base as they are) and the line is the
        cumulative total change. False: the bars are the per-step effects and the line the change
        per step.
    unit : str, optional
        Unit of the aggregate for the y axis (default: the result's ``unit`` or ``effects.attrs["unit"]``).
    title : str, optional
        Axes title.
    lang : {"en", "zh"}, default "en"
        Language of the words the chart writes itself (title, axis words, the total's legend entry);
        your labels are drawn as given.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes: one bar container per factor (positive parts stacked up, negative parts down)
        and one line for the total, with a legend.

    Raises
    ------
    ValueError
        Empty or non-finite effects, a multiplicative result, or a ``total`` that is not the sum of
        the effects.
    TypeError
        ``effects`` that is not a DataFrame or result, or ``ax`` that is not an Axes.

    Examples
    --------
    >>> import pandas as pd, haidian.plotting as hp
    >>> effects = pd.DataFrame({"activity": [120.0, 90.0], "intensity": [-65.0, -80.0]}, index=[2021, 2022])
    >>> ax = hp.effects_over_time(effects)
    >>> len(ax.containers)  # one bar container per factor
    2
    >>> ax = hp.effects_over_time(effects, lang="zh")
    >>> ax.get_xlabel() in ("时期", "period")  # "period" when no CJK font is installed
    True
    """
    function = "effects_over_time"
    _cjk_text.check_lang(function, lang)
    chained = True
    if _is_result(effects):
        _refuse_multiplicative(function, effects)
        result = effects
        frame = result.effects
        chained = bool(getattr(result, "chained", True))
        if total is None and getattr(result, "total", None) is not None:
            total = result.total
        unit = unit if unit is not None else _result_unit(result)
    elif isinstance(effects, pd.DataFrame):
        frame = effects
        unit = unit if unit is not None else frame.attrs.get("unit")
    else:
        raise TypeError(
            f"{function}: effects is {type(effects).__name__}, but must be a pandas DataFrame (one "
            "row per step, one column per factor) or a decomposition result"
        )
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"{function}: effects has shape {frame.shape}, but needs at least one step "
                         "and one factor")
    values = float64_copy(function, "effects", frame.to_numpy())
    periods = [_period_text(label) for label in frame.index]
    factors = [str(column) for column in frame.columns]
    for column in range(values.shape[1]):
        _finite(function, f"effects[{factors[column]}]", values[:, column], periods)
    sums = values.sum(axis=1)
    if total is None:
        totals = sums
    else:
        if isinstance(total, pd.Series) and not total.index.equals(frame.index):
            raise ValueError(f"{function}: total is a Series whose index {list(total.index)[:6]} is not "
                             f"the effects' index {list(frame.index)[:6]}")
        totals = float64_copy(function, "total", np.asarray(total))
        if totals.shape != sums.shape:
            raise ValueError(f"{function}: total has {totals.size} values, but effects has "
                             f"{sums.size} steps")
        _finite(function, "total", totals, periods)
        for step in range(sums.size):
            if not _internal.closes(_internal.additive_closure(values[step], totals[step])):
                raise ValueError(
                    f"{function}: total[{periods[step]}] is {totals[step]}, but the effects sum to "
                    f"{sums[step]}: additive effects must add up to the total change"
                )
    if cumulative and chained:
        values = np.cumsum(values, axis=0)
        totals = np.cumsum(totals)
    ax = _axes(function, ax)
    plt = _pyplot()
    colours = plt.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
    positions = np.arange(len(periods), dtype=float)
    up = np.zeros(len(periods))
    down = np.zeros(len(periods))
    for column, factor in enumerate(factors):
        column_values = values[:, column]
        bottom = np.where(column_values >= 0, up, down)
        label, _ = _text(factor)
        ax.bar(positions, column_values, bottom=bottom, width=0.7,
               color=colours[column % len(colours)], edgecolor="white", linewidth=0.5, label=label)
        up = up + np.where(column_values >= 0, column_values, 0.0)
        down = down + np.where(column_values < 0, column_values, 0.0)
    what = "cumulative total change" if (cumulative and chained) else "total change"
    if cumulative and not chained:
        what = "total change against the base"
    what = _word(what, lang)
    ax.plot(positions, totals, color="black", marker="o", linewidth=1.5, label=what)
    ax.axhline(0.0, color="black", linewidth=0.8)
    _set_ticks(ax, "x", positions, periods)
    ylabel = _word("cumulative effect" if cumulative else "effect per step", lang) + _unit_suffix(unit)
    _set_label(ax.set_ylabel, ylabel)
    _set_label(ax.set_xlabel, _word("period", lang))
    default_title = "Effects over time" + (" (chained)" if chained else " (fixed base)")
    _set_label(ax.set_title, title or _word(default_title, lang))
    _headroom(ax, float(np.min(np.concatenate([down, totals]))),
              float(np.max(np.concatenate([up, totals]))))
    families = next((p["fontfamily"] for p in (_text(f)[1] for f in factors + [what]) if p), None)
    legend = ax.legend(fontsize=8, loc="best")
    if families is not None:
        for text in legend.get_texts():
            text.set_fontfamily(families)
    return ax


# ---------------------------------------------------------------------------------------------------
# Tapio decoupling diagram
# ---------------------------------------------------------------------------------------------------


def _growth_vector(function: str, argument: str, values: Any) -> Tuple[np.ndarray, Optional[List[str]],
                                                                        Optional[str]]:
    """Growth rates as a 1-D float array, with labels and a name when pandas supplies them."""
    labels: Optional[List[str]] = None
    name: Optional[str] = None
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{function}: {argument} is a DataFrame, but must be a Series, an array or "
                        "a number")
    if isinstance(values, pd.Series):
        labels = [_period_text(label) for label in values.index]
        name = str(values.name) if values.name is not None else None
        values = values.to_numpy()
    array = float64_copy(function, argument, values)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise ValueError(f"{function}: {argument} has shape {array.shape}, but must be "
                         "one-dimensional")
    if array.size == 0:
        raise ValueError(f"{function}: {argument} is empty, but needs at least one growth rate")
    return array, labels, name


def _sector_polygons(reach: float) -> Dict[str, List[Tuple[float, float]]]:
    """The eight Tapio regions as polygons from the origin out to ``reach`` (clipped by the axes).

    x is output growth, y resource growth; the elasticity is y / x, so the band edges are the lines
    y = 0.8 x and y = 1.2 x (Tapio 2005, Fig. 1).
    """
    low, high = TAPIO_BAND
    r = reach
    return {
        # Output grows (x > 0).
        "strong decoupling": [(0, 0), (r, 0), (r, -r), (0, -r)],
        "weak decoupling": [(0, 0), (r, 0), (r, low * r)],
        "expansive coupling": [(0, 0), (r, low * r), (r, high * r)],
        "expansive negative decoupling": [(0, 0), (r, high * r), (0, high * r)],
        # Output falls (x < 0).
        "strong negative decoupling": [(0, 0), (0, r), (-r, r), (-r, 0)],
        "weak negative decoupling": [(0, 0), (-r, 0), (-r, -low * r)],
        "recessive coupling": [(0, 0), (-r, -low * r), (-r, -high * r)],
        "recessive decoupling": [(0, 0), (-r, -high * r), (0, -high * r)],
    }


def _label_positions() -> Dict[str, Tuple[float, float, str, float]]:
    """Where each region's name is written: (x, y) as fractions of the axis half-width, the
    horizontal alignment and the rotation. The axes are square (both from -limit to +limit), so
    these points lie inside their regions whatever the data; the two narrow coupling wedges get
    their names along the wedge's middle line."""
    low, high = TAPIO_BAND
    middle = (math.degrees(math.atan(low)) + math.degrees(math.atan(high))) / 2
    along = (0.75 * math.cos(math.radians(middle)), 0.75 * math.sin(math.radians(middle)))
    return {
        "strong decoupling": (0.5, -0.5, "center", 0.0),
        "weak decoupling": (0.62, 0.2, "center", 0.0),
        "expansive coupling": (along[0], along[1], "center", middle),
        "expansive negative decoupling": (0.03, 0.9, "left", 0.0),
        "strong negative decoupling": (-0.5, 0.5, "center", 0.0),
        "weak negative decoupling": (-0.62, -0.2, "center", 0.0),
        "recessive coupling": (-along[0], -along[1], "center", middle),
        "recessive decoupling": (-0.03, -0.9, "right", 0.0),
    }


def tapio_diagram(resource_growth: Any, output_growth: Any = None, *, labels: Any = None,
                  annotate: bool = True, resource_name: Optional[str] = None,
                  output_name: Optional[str] = None, limit: Optional[float] = None,
                  title: Optional[str] = None, lang: str = "en",
                  ax: Optional["Axes"] = None) -> "Axes":
    """The Tapio decoupling diagram: resource growth against output growth, eight regions shaded.

    The plane of output growth (x) and resource growth (y) is split by the signs of both and by the
    elasticity band 0.8 ≤ e ≤ 1.2 (e = resource growth / output growth; Tapio 2005, Transport Policy
    12:137–151) into the eight states of :data:`TAPIO_STATES`; each region is shaded and labelled,
    and each observation is a point annotated by its period or region.

    Parameters
    ----------
    resource_growth : float, array_like, pandas.Series, pandas.DataFrame or TapioResult
        Growth of resource use (energy, water, land), as fractions. A DataFrame with the columns
        ``resource_growth`` and ``output_growth`` supplies both (its index labels the points), and
        so does the :class:`haidian.TapioResult` of a single period. A two-level index
        (region, period) draws one series of points per region, in its own colour and with a
        legend entry, each point labelled by its period.
    output_growth : float, array_like or pandas.Series
        Growth of output (GDP at comparable prices), as fractions; same length as
        ``resource_growth``.
    labels : sequence of str, optional
        Annotation of each point (default: the pandas index, e.g. the periods or regions, or the
        periods of a (region, period) index).
    annotate : bool, default True
        Write the labels next to the points.
    resource_name, output_name : str, optional
        Names for the axis labels "<name> growth" (default: the Series names, else "resource" and
        "output"); a name already ending in "growth" (or 增长率) is used as it is.
    limit : float, optional
        Half-width of both axes, as a fraction (default: 1.25 × the largest absolute growth, at
        least 1%). Both axes share it so the band edges keep their slopes.
    title : str, optional
        Axes title (default: "Tapio decoupling").
    lang : {"en", "zh"}, default "en"
        Language of the words the diagram writes itself: the eight state names
        (:func:`tapio_state_names`), "growth", the default names and title; your labels are drawn as
        given.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes: eight shaded region patches, the two band edges as lines, the points as one
        scatter collection, and the region names and point labels as texts.

    Raises
    ------
    ValueError
        Empty, non-finite or mismatched growth rates, labels of the wrong length, or a limit that is
        not positive.
    TypeError
        Non-numeric growth rates, a missing ``output_growth``, or ``ax`` that is not an Axes.

    Examples
    --------
    >>> import haidian.plotting as hp
    >>> ax = hp.tapio_diagram([0.00395, -0.02], [0.035, 0.04], labels=[2021, 2022])
    >>> [text.get_text() for text in ax.texts][-2:]  # after the eight region names
    ['2021', '2022']
    >>> import pandas as pd
    >>> index = pd.MultiIndex.from_product([["Haidian", "Chaoyang"], [2021, 2022]])
    >>> frame = pd.DataFrame({"resource_growth": [0.004, -0.02, 0.03, 0.01],
    ...                       "output_growth": [0.035, 0.04, 0.02, 0.05]}, index=index)
    >>> ax = hp.tapio_diagram(frame, output_name="GDP growth", lang="zh")
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['Haidian', 'Chaoyang']
    >>> ax.get_xlabel()
    'GDP growth'
    """
    function = "tapio_diagram"
    _cjk_text.check_lang(function, lang)
    if isinstance(resource_growth, pd.DataFrame):
        frame = resource_growth
        missing = [c for c in ("resource_growth", "output_growth") if c not in frame.columns]
        if missing:
            raise ValueError(f"{function}: resource_growth is a DataFrame without the column(s) "
                             f"{missing}; it needs 'resource_growth' and 'output_growth'")
        if output_growth is not None:
            raise TypeError(f"{function}: output_growth must be omitted when resource_growth is a "
                            "DataFrame holding both")
        resource_growth = frame["resource_growth"]
        output_growth = frame["output_growth"]
    if (output_growth is None and hasattr(resource_growth, "resource_growth")
            and hasattr(resource_growth, "output_growth")):
        # A TapioResult of haidian.tapio: one period, with both growth rates.
        resource_growth, output_growth = (resource_growth.resource_growth,
                                          resource_growth.output_growth)
    if output_growth is None:
        raise TypeError(f"{function}: output_growth is missing")
    if (isinstance(resource_growth, pd.Series) and isinstance(output_growth, pd.Series)
            and not resource_growth.index.equals(output_growth.index)):
        # Pairing by position would silently mix periods; aligning would hide missing ones.
        raise ValueError(f"{function}: resource_growth and output_growth are Series with different "
                         f"indexes ({list(resource_growth.index)[:6]} and "
                         f"{list(output_growth.index)[:6]}); give them the same index")
    index = next((v.index for v in (resource_growth, output_growth) if isinstance(v, pd.Series)), None)
    groups: Optional[List[str]] = None
    if isinstance(index, pd.MultiIndex) and index.nlevels == 2:
        # (region, period): one series of points per region, each point named by its period.
        groups = [str(region) for region in index.get_level_values(0)]
        periods_of_points = [_period_text(period) for period in index.get_level_values(1)]
    resource, resource_labels, resource_series_name = _growth_vector(function, "resource_growth",
                                                                     resource_growth)
    output, output_labels, output_series_name = _growth_vector(function, "output_growth",
                                                               output_growth)
    if resource.size != output.size:
        raise ValueError(f"{function}: resource_growth has {resource.size} values, but "
                         f"output_growth has {output.size}")
    point_labels = (list(labels) if labels is not None
                    else (periods_of_points if groups is not None else None)
                    or resource_labels or output_labels
                    or ([] if resource.size == 1 else [str(i + 1) for i in range(resource.size)]))
    if labels is not None and len(point_labels) != resource.size:
        raise ValueError(f"{function}: labels has {len(point_labels)} entries, but there are "
                         f"{resource.size} points")
    index_labels = point_labels or [str(i + 1) for i in range(resource.size)]
    _finite(function, "resource_growth", resource, index_labels)
    _finite(function, "output_growth", output, index_labels)
    if limit is None:
        largest = float(np.max(np.abs(np.concatenate([resource, output]))))
        limit = max(0.01, 1.25 * largest)
    elif not (isinstance(limit, numbers.Real) and math.isfinite(limit) and limit > 0):
        raise ValueError(f"{function}: limit is {limit}, but must be a positive number")
    limit = float(limit)
    ax = _axes(function, ax)
    from matplotlib.patches import Polygon
    from matplotlib.ticker import PercentFormatter

    for state, vertices in _sector_polygons(10.0 * limit).items():
        ax.add_patch(Polygon(vertices, closed=True, facecolor=_REGION_COLOURS[state], alpha=0.55,
                             edgecolor="none", zorder=0, label="_nolegend_"))
    reach = 10.0 * limit
    for slope in TAPIO_BAND:
        ax.plot([-reach, reach], [-slope * reach, slope * reach], color="#525252", linewidth=0.7,
                linestyle="--", zorder=1, label=f"{_word('elasticity', lang)} {slope}")
    ax.axhline(0.0, color="black", linewidth=0.8, zorder=1)
    ax.axvline(0.0, color="black", linewidth=0.8, zorder=1)
    for state, (x, y, align, rotation) in _label_positions().items():
        name, properties = _text(_word(state, lang))
        ax.text(x * limit, y * limit, name, ha=align, va="center", fontsize=7, color="#252525",
                rotation=rotation, rotation_mode="anchor", zorder=2, **properties)
    if groups is None:
        ax.scatter(output, resource, s=28, color="black", zorder=4,
                   label=_word("observations", lang))
    else:
        handles = []
        for number, region in enumerate(dict.fromkeys(groups)):
            members = np.array([group == region for group in groups])
            handles.append(ax.scatter(output[members], resource[members], s=28, zorder=4,
                                      color=f"C{number % 10}", label=_text(region)[0]))
        legend = ax.legend(handles=handles, fontsize=8, loc="best")
        families = next((p["fontfamily"] for p in (_text(g)[1] for g in groups) if p), None)
        if families is not None:
            for text in legend.get_texts():
                text.set_fontfamily(families)
    if annotate and point_labels:
        for index, (x, y) in enumerate(zip(output, resource)):
            label, properties = _text(point_labels[index])
            # Text to the right of the point, or to its left near the right edge (stays inside).
            right_side = x > 0.35 * limit
            ax.annotate(label, (x, y), xytext=(-4, 4) if right_side else (4, 4),
                        textcoords="offset points", ha="right" if right_side else "left",
                        fontsize=8, zorder=5, **properties)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    output_label = output_name or output_series_name or _word("output", lang)
    resource_label = resource_name or resource_series_name or _word("resource", lang)
    _set_label(ax.set_xlabel, _growth_label(output_label, lang))
    _set_label(ax.set_ylabel, _growth_label(resource_label, lang))
    _set_label(ax.set_title, title or _word("Tapio decoupling", lang))
    return ax


# ---------------------------------------------------------------------------------------------------
# Level and growth
# ---------------------------------------------------------------------------------------------------


def _level_series(function: str, series: Any, name: Optional[str], unit: Optional[str]
                  ) -> Tuple[pd.Series, Optional[str], Optional[str], Optional[pd.Series]]:
    """Levels as a pandas Series, with name, unit and (for a haidian.Series) its own growth."""
    own_growth: Optional[pd.Series] = None
    if hasattr(series, "to_pandas") and not isinstance(series, (pd.Series, pd.DataFrame)):
        # A haidian.Series knows its unit, name and how to compute growth (year on year for
        # sub-annual data): use its own numbers rather than recomputing them here.
        freq = str(getattr(series, "freq", "A"))
        method = getattr(series, "growth" if freq == "A" else "yoy", None)
        if callable(method):
            computed = method()
            own_growth = computed.to_pandas() if hasattr(computed, "to_pandas") else computed
        series = series.to_pandas()
    if isinstance(series, pd.Series):
        unit = unit if unit is not None else series.attrs.get("unit")
        name = name if name is not None else (str(series.name) if series.name else None)
        return series, name, unit, own_growth
    if isinstance(series, pd.DataFrame):
        raise TypeError(f"{function}: series is a DataFrame, but must be one indicator (a pandas "
                        "Series, a haidian.Series or an array)")
    values = float64_copy(function, "series", series)
    if values.ndim != 1:
        raise ValueError(f"{function}: series has shape {values.shape}, but must be "
                         "one-dimensional")
    return pd.Series(values), name, unit, own_growth


def _computed_growth(function: str, levels: pd.Series, values: np.ndarray, periods: List[str]
                     ) -> Tuple[np.ndarray, str]:
    """Growth from the levels by the core, and the words that say which growth it is: year on year
    for quarters and months, else from each label to the next, the average per period
    (:meth:`haidian.Series.cagr`) across a gap of several periods."""
    rates = np.full(values.shape, np.nan)
    keys = _internal.period_keys(levels.index)  # None: labels that are not periods follow each other
    gaps = np.ones(max(values.size - 1, 0), dtype=np.int64) if keys is None else np.diff(keys[1])
    if np.any(gaps <= 0):
        where = int(np.flatnonzero(gaps <= 0)[0])
        raise ValueError(f"{function}: series periods must increase, but {periods[where]} is followed "
                         f"by {periods[where + 1]}")
    if values.size < 2:
        return rates, "growth"
    bare = pd.Series(values, index=levels.index)  # no unit or price basis: only the growth is wanted
    if keys is not None and keys[0] != "A":
        # Sub-annual: year on year (同比), x_t / x_{t-k} - 1 with k = 4 or 12 periods.
        yoy = _growth_by_core(function, periods, lambda: Series.from_pandas(bare).yoy())
        return yoy.values[keys[1] - keys[1][0]], "growth (year on year)"
    if np.any(values[:-1] == 0):
        where = int(np.flatnonzero(values[:-1] == 0)[0])
        raise ValueError(f"{function}: series[{periods[where]}] is 0, so the growth to the next "
                         "period is undefined; pass growth= explicitly")
    rates[1:] = _growth_by_core(function, periods, lambda: _core.period_growth(values, function, "series"))
    if not np.any(gaps > 1):
        return rates, "growth"
    # Over a gap of n periods the rate shown is the average per period, (x_t / x_s)^(1/n) - 1
    # (geometric, as "N年平均增长" is published), so gaps do not inflate the rate.
    series = Series.from_pandas(bare)
    for step in np.flatnonzero((gaps > 1) & ~np.isnan(rates[1:])):
        start, end = (_core.Period.from_ordinal(keys[0], int(keys[1][i])) for i in (step, step + 1))
        rates[step + 1] = _growth_by_core(function, periods, lambda: series.cagr(start, end))
    return rates, "growth (average per period across gaps)"


def _growth_by_core(function: str, periods: List[str], compute: Any) -> Any:
    """``compute()``, its ValueError (a level that is not positive) said for this plot: positions
    become periods."""
    try:
        return compute()
    except ValueError as error:
        reason = re.sub(r"\bseries\[(\d+)\]", lambda match: f"series[{periods[int(match.group(1))]}]",
                        str(error).split(": ", 1)[-1])
        raise ValueError(f"{function}: {reason}; growth needs positive levels, so pass growth= "
                         "explicitly") from None


def level_and_growth(series: Any, growth: Any = None, *, name: Optional[str] = None,
                     unit: Optional[str] = None, title: Optional[str] = None,
                     lang: str = "en", ax: Optional["Axes"] = None) -> "Axes":
    """An indicator's level (bars, left axis) and its growth rate (line, right axis, in percent).

    Parameters
    ----------
    series : pandas.Series, haidian.Series or array_like
        The levels, indexed by period (a PeriodIndex or integer years); NaN marks a missing value.
    growth : pandas.Series or array_like, optional
        Growth rates (fractions) to draw instead of the ones computed from the levels: e.g. GDP
        growth at comparable prices next to GDP at current prices. A Series is aligned on the
        levels' periods; an array must have one rate per level (NaN where there is none).
        Default: a haidian.Series's own ``.growth()`` (``.yoy()`` when sub-annual); for pandas
        input the period-on-period change of the levels, averaged per period across a gap of n
        periods, ``(x_t / x_s)^(1/n) - 1`` (so 2004 -> 2015 shows the 11-year average rate), and
        year on year for quarterly or monthly PeriodIndexes.
    name : str, optional
        Indicator name for the labels (default: the Series name, else "level").
    unit : str, optional
        Unit of the levels (default: the haidian.Series unit or ``series.attrs["unit"]``).
    title : str, optional
        Axes title (default: the indicator name).
    lang : {"en", "zh"}, default "en"
        Language of the words the chart writes itself ("period", "growth", "level"); your labels
        are drawn as given.
    ax : matplotlib.axes.Axes, optional
        Axes for the levels; the growth axis is its twin. A new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The levels' Axes; the growth Axes is ``ax.right_ax`` (as pandas names a secondary axis).

    Raises
    ------
    ValueError
        Empty levels, infinite levels, periods that do not increase, a zero level followed by
        another (growth undefined), growth of the wrong length, or growth on periods the levels
        do not have.
    TypeError
        Non-numeric input, a DataFrame, or ``ax`` that is not an Axes.

    Examples
    --------
    >>> import pandas as pd, haidian.plotting as hp
    >>> gdp = pd.Series([1000.0, 5000.0, 10206.9], index=[2004, 2015, 2022], name="GDP")
    >>> gdp.attrs["unit"] = "10^8 yuan"
    >>> ax = hp.level_and_growth(gdp)
    >>> ax.right_ax.get_ylabel()
    'GDP growth (average per period across gaps)'
    >>> ax = hp.level_and_growth(gdp, lang="zh")
    >>> ax.get_xlabel() in ("时期", "period")  # "period" when no CJK font is installed
    True
    """
    function = "level_and_growth"
    _cjk_text.check_lang(function, lang)
    levels, name, unit, own_growth = _level_series(function, series, name, unit)
    if levels.size == 0:
        raise ValueError(f"{function}: series is empty, but needs at least one period")
    periods = [_period_text(label) for label in levels.index]
    level_values = float64_copy(function, "series", levels.to_numpy())
    if np.any(np.isinf(level_values)):
        where = int(np.flatnonzero(np.isinf(level_values))[0])
        raise ValueError(f"{function}: series[{periods[where]}] is {level_values[where]}, but must "
                         "be finite (NaN marks a missing value)")
    if growth is None and own_growth is not None:
        growth = own_growth
    words = "growth"
    if growth is None:
        rates, words = _computed_growth(function, levels, level_values, periods)
    elif isinstance(growth, pd.Series):
        known = set(levels.index)
        unknown = [p for p in growth.index if p not in known]
        if unknown:
            raise ValueError(f"{function}: growth has the period {_period_text(unknown[0])}, which "
                             "the levels do not have")
        rates = float64_copy(function, "growth", growth.reindex(levels.index).to_numpy())
    else:
        rates = float64_copy(function, "growth", growth)
        if rates.shape != level_values.shape:
            raise ValueError(f"{function}: growth has {rates.size} values, but series has "
                             f"{level_values.size}")
    if np.any(np.isinf(rates)):
        where = int(np.flatnonzero(np.isinf(rates))[0])
        raise ValueError(f"{function}: growth[{periods[where]}] is {rates[where]}, but must be "
                         "finite (NaN marks a missing rate)")
    ax = _axes(function, ax)
    from matplotlib.ticker import PercentFormatter

    positions = np.arange(len(periods), dtype=float)
    label = name or _word("level", lang)
    growth_label = (_growth_label(label, lang) if words == "growth"
                    else _joined(label, _word(words, lang)))
    ax.bar(positions, level_values, width=0.6, color="#9ecae1", edgecolor="#3182bd", label=label)
    right = ax.twinx()
    right.plot(positions, rates, color="#de2d26", marker="o", linewidth=1.5, label=growth_label)
    right.axhline(0.0, color="#de2d26", linewidth=0.6, linestyle=":")
    right.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    _set_ticks(ax, "x", positions, periods)
    _set_label(ax.set_ylabel, label + _unit_suffix(unit))
    _set_label(right.set_ylabel, growth_label)
    _set_label(ax.set_xlabel, _word("period", lang))
    _set_label(ax.set_title, title or label)
    ax.right_ax = right  # type: ignore[attr-defined]  # pandas' name for a secondary axis
    return ax
