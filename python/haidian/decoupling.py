"""Decoupling of resource use from output: Tapio elasticity and states, OECD decoupling ratio and
factor, the energy elasticity coefficient (能源消费弹性系数) and the decoupling effort of Diakoulaki &
Mandaraka (2007) from an LMDI decomposition.

Growth rates are fractions (0.035 is 3.5%); rates that look like percentages or indices raise a
:class:`haidian.RateWarning`. Functions take numbers, numpy arrays or pandas Series of growth rates,
two periods × regions DataFrames of growth rates, or two Series (or arrays) of levels, from which per-period
growth is taken (NaN next to a missing
level or across a gap in the years). Every function is element-wise: a NaN (missing) rate gives NaN
(and the state None) for its period. The arithmetic runs in the C++ core
(``include/haidian/decoupling.hpp``).

Examples
--------
Energy use up 0.395% while GDP grew 3.5%:

>>> import haidian
>>> haidian.decoupling.tapio(resource_growth=0.00395, output_growth=0.035).state
'weak decoupling'
"""

from __future__ import annotations

import html
import numbers
from typing import Any, Optional, Tuple

import numpy as np
import pandas as pd

from . import _core
from ._internal import (RateLike, call_core, call_core_cells, frame_pair, frame_result, from_haidian_series,
                        label_text, match_periods, period_keys, rate_pair, rate_result, real_array)

__all__ = [
    "TAPIO_STATES",
    "TapioResult",
    "tapio",
    "decoupling_ratio",
    "decoupling_factor",
    "energy_elasticity",
    "DecouplingEffort",
    "decoupling_effort",
]

TAPIO_STATES: Tuple[str, ...] = tuple(_core.tapio_state_names[:8])
"""The eight Tapio (2005) states in Tapio's order, as the library spells them.

Examples
--------
>>> import haidian
>>> len(haidian.TAPIO_STATES), haidian.TAPIO_STATES[:2]
(8, ('strong decoupling', 'weak decoupling'))
"""
#: State labels by the core's codes: the eight states, "no change" (output and resource flat), and None
#: for a period whose growth is missing (the core's "missing").
_TAPIO_LABELS: Tuple[Optional[str], ...] = tuple(None if n == "missing" else n for n in _core.tapio_state_names)
#: Categories of a frame of states (the eight states and "no change") and each core code's position in them.
_STATE_DTYPE = pd.CategoricalDtype([n for n in _TAPIO_LABELS if n is not None])
_STATE_CODES: Tuple[int, ...] = tuple(-1 if n is None else list(_STATE_DTYPE.categories).index(n) for n in _TAPIO_LABELS)
_EFFORT_LABELS: Tuple[Optional[str], ...] = tuple(None if n == "missing" else n for n in _core.effort_state_names)


# --------------------------------------------------------------------------------------------------
# Levels -> per-period growth
# --------------------------------------------------------------------------------------------------


def _levels(function: str, name: str, value: Any) -> Tuple[np.ndarray, Optional[pd.Index]]:
    """Levels as a float array in time order, with their index. On a period index (years as int,
    Periods, timestamps; any order) the periods are sorted and those the index skips become NaN."""
    if value is None or isinstance(value, (bool, np.bool_, numbers.Number, str, bytes)):
        raise TypeError(f"{function}: {name} must be a Series or array of levels (at least two), got {value!r}")
    if isinstance(value, pd.DataFrame):
        raise TypeError(f"{function}: {name} is a DataFrame, but must be a Series or array of levels")
    value = from_haidian_series(value, rates=False)
    array, index = real_array(function, name, value)
    if array.ndim != 1:
        raise ValueError(f"{function}: {name} has shape {array.shape}, but must be one-dimensional")
    keys = period_keys(index)
    if keys is not None and array.size > 0:
        code, ordinals = keys
        order = np.argsort(ordinals, kind="stable")
        ordinals = ordinals[order]
        if np.any(np.diff(ordinals) == 0):
            k = int(np.flatnonzero(np.diff(ordinals) == 0)[0])
            raise ValueError(f"{function}: {name} has the period "
                             f"{_core.Period.from_ordinal(code, int(ordinals[k]))} twice")
        filled = np.full(int(ordinals[-1] - ordinals[0]) + 1, np.nan)
        filled[ordinals - ordinals[0]] = array[order]
        every = np.arange(ordinals[0], ordinals[-1] + 1)
        if pd.api.types.is_integer_dtype(index.dtype) and code == "A":
            index = pd.Index(every, dtype=index.dtype)
        else:
            index = pd.PeriodIndex([str(_core.Period.from_ordinal(code, int(o))) for o in every],
                                   freq={"A": "Y", "Q": "Q", "M": "M"}[code])
        array = filled
    if array.size < 2:
        raise ValueError(f"{function}: {name} has {array.size} values, but per-period growth needs at least 2")
    for i, x in enumerate(array):
        if not np.isnan(x) and not (np.isfinite(x) and x > 0):
            label = label_text(index[i]) if index is not None else str(i)
            raise ValueError(f"{function}: {name}[{label}] is {float(x)!r}, but levels must be positive and finite "
                             "(or NaN where missing)")
    return array, index


def _growth_pair(function: str, resource: Any, output: Any, resource_name: str = "resource",
                 output_name: str = "output"):
    """Per-period growth of two level series (the core's period_growth: NaN next to a missing level);
    labelled by the end period of each step."""
    r, ri = _levels(function, resource_name, resource)
    y, yi = _levels(function, output_name, output)
    if ri is not None and yi is not None:
        order = match_periods(function, resource_name, ri, output_name, yi)
        if order is not None:
            y = y[order]
    if r.size != y.size:
        raise ValueError(f"{function}: {resource_name} has {r.size} values but {output_name} has {y.size}; "
                         "they must match")
    index = ri if ri is not None else yi
    growth_index = index[1:] if index is not None else pd.RangeIndex(1, r.size)
    names = (resource_name, output_name)
    gr = call_core(names, index, False, _core.period_growth, r, function, resource_name)
    gy = call_core(names, index, False, _core.period_growth, y, function, output_name)
    return gr, gy, growth_index


def _inputs(function: str, growth_names: Tuple[str, str], growth: Tuple[Any, Any], levels: Tuple[Any, Any],
            level_names: Tuple[str, str] = ("resource", "output")):
    """Either two growth arguments or two level arguments; returns ``(a, b, index, scalar)``."""
    have_growth = [g is not None for g in growth]
    have_levels = [v is not None for v in levels]
    if any(have_growth) and any(have_levels):
        raise ValueError(f"{function}: give growth rates ({', '.join(growth_names)}) or levels "
                         f"({', '.join(level_names)}), not both")
    if all(have_levels):
        a, b, index = _growth_pair(function, levels[0], levels[1], *level_names)
        return a, b, index, False
    if any(have_levels):
        missing = level_names[have_levels.index(False)]
        raise TypeError(f"{function}: {missing} is required together with {level_names[have_levels.index(True)]}")
    if not all(have_growth):
        missing = growth_names[have_growth.index(False)]
        raise TypeError(f"{function}: {missing} is required")
    if isinstance(growth[0], pd.DataFrame) or isinstance(growth[1], pd.DataFrame):
        a, b, index, columns = frame_pair(function, growth_names[0], growth[0], growth_names[1], growth[1])
        return a, b, _Cells(index, columns), False
    return rate_pair(function, growth_names[0], growth[0], growth_names[1], growth[1])


class _Cells:
    """The periods and regions of a DataFrame argument, whose cells were flattened row by row."""

    def __init__(self, index: pd.Index, columns: pd.Index) -> None:
        self.index, self.columns = index, columns

    def call(self, names: Tuple[str, ...], core_function, *args):
        return call_core_cells(names, self.index, self.columns, core_function, *args)

    def frame(self, values: Any) -> pd.DataFrame:
        return frame_result(values, self.index, self.columns)


def _two_growths(function: str, core_function, growth_names: Tuple[str, str], growth: Tuple[Any, Any],
                 levels: Tuple[Any, Any], level_names: Tuple[str, str] = ("resource", "output")):
    """``core_function`` element-wise over growth rates or the growth of levels (see :func:`_inputs`):
    a float for two numbers, else a Series named ``function``."""
    a, b, index, scalar = _inputs(function, growth_names, growth, levels, level_names)
    if isinstance(index, _Cells):
        return index.frame(index.call(growth_names, core_function, a, b))
    return rate_result(call_core(growth_names, index, scalar, core_function, a, b), index, scalar, function)


# --------------------------------------------------------------------------------------------------
# Tapio
# --------------------------------------------------------------------------------------------------


class TapioResult:
    """Tapio elasticity and state of one period; returned by :func:`tapio` for scalar input.

    Attributes
    ----------
    elasticity : float
        ``e = g_R / g_Y``; NaN (undefined) when output growth is exactly 0, where ``state`` still
        says what happened.
    state : str or None
        One of :data:`TAPIO_STATES`, ``"no change"`` when neither output nor resource changed, or None
        when a growth rate is missing (NaN; the elasticity is NaN too).
    resource_growth, output_growth : float
        The inputs.

    Examples
    --------
    >>> import haidian
    >>> result = haidian.tapio(resource_growth=0.00395, output_growth=0.035)
    >>> round(result.elasticity, 4), result.state
    (0.1129, 'weak decoupling')
    """

    def __init__(self, elasticity: Any, state: Any, resource_growth: Any, output_growth: Any) -> None:
        if isinstance(elasticity, pd.DataFrame):  # periods × regions: every attribute is a frame
            self.elasticity, self.state = elasticity, state
            self.resource_growth, self.output_growth = resource_growth, output_growth
            return
        self.elasticity = float(elasticity)
        self.state = None if state is None else str(state)
        self.resource_growth = float(resource_growth)
        self.output_growth = float(output_growth)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TapioResult):
            return NotImplemented
        if isinstance(self.elasticity, pd.DataFrame) or isinstance(other.elasticity, pd.DataFrame):
            return all(isinstance(getattr(x, name), pd.DataFrame) and getattr(self, name).equals(getattr(other, name))
                       for x in (self, other)
                       for name in ("elasticity", "state", "resource_growth", "output_growth"))
        same_e = (self.elasticity == other.elasticity) or (np.isnan(self.elasticity) and np.isnan(other.elasticity))
        return bool(same_e and self.state == other.state and self.resource_growth == other.resource_growth
                    and self.output_growth == other.output_growth)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def _elasticity_text(self) -> str:
        if self.state is None:
            return "missing (a growth rate is NaN)"
        return "undefined (output growth is 0)" if np.isnan(self.elasticity) else f"{self.elasticity:.4g}"

    def __repr__(self) -> str:
        if isinstance(self.state, pd.DataFrame):
            return f"TapioResult(states of {self.state.shape[1]} regions over {self.state.shape[0]} periods)\n" + \
                self.state.to_string()
        return (f"TapioResult(state='{self.state}', elasticity={self._elasticity_text()}, "
                f"resource_growth={self.resource_growth:.4%}, output_growth={self.output_growth:.4%})")

    def _repr_html_(self) -> str:
        if isinstance(self.state, pd.DataFrame):
            return f"<div><strong>Tapio decoupling</strong>{self.state.to_html()}</div>"
        return ("<div><strong>Tapio decoupling</strong>: "
                f"{html.escape(self.state)} (elasticity {html.escape(self._elasticity_text())}; "
                f"resource {self.resource_growth:.2%}, output {self.output_growth:.2%})</div>")


def tapio(resource_growth: Optional[RateLike] = None, output_growth: Optional[RateLike] = None, *,
          resource: Any = None, output: Any = None):
    """Tapio (2005) decoupling elasticity ``e = g_R / g_Y`` and its state.

    The eight states (Tapio 2005, Transport Policy 12:137-151), with the coupling band
    ``0.8 <= e <= 1.2`` (both edges in the band):

    =================  ========================  ==============================
    output             resource                  state
    =================  ========================  ==============================
    grows (g_Y > 0)    falls or flat (g_R <= 0)  strong decoupling
    grows              grows, e < 0.8            weak decoupling
    grows              grows, 0.8 <= e <= 1.2    expansive coupling
    grows              grows, e > 1.2            expansive negative decoupling
    falls (g_Y < 0)    grows or flat (g_R >= 0)  strong negative decoupling
    falls              falls, e < 0.8            weak negative decoupling
    falls              falls, 0.8 <= e <= 1.2    recessive coupling
    falls              falls, e > 1.2            recessive decoupling
    flat (g_Y = 0)     falls                     strong decoupling (e undefined: NaN)
    flat               grows                     strong negative decoupling (e undefined: NaN)
    flat               flat                      no change (e undefined: NaN)
    =================  ========================  ==============================

    Flat resource use (g_R = 0) counts as strong decoupling with growing output (OECD 2002:
    pressure "stable or decreasing") and as strong negative decoupling with falling output.
    Elasticities within 1e-12 (relative) of 0.8 or 1.2 count as on the edge.
    A NaN (missing) growth rate gives elasticity NaN and no state for its period (None in a
    TapioResult, missing in the DataFrame); the other periods are classified. Rates above 1 or of 50 and more raise a :class:`haidian.RateWarning` (percentages
    or indices given as rates).

    Parameters
    ----------
    resource_growth : float, array-like or pandas.Series, optional
        Growth of resource use (energy, water, land), fractions > -1.
    output_growth : float, array-like or pandas.Series, optional
        Output growth at comparable prices, fractions > -1.
    resource, output : pandas.Series, haidian.Series or array-like, optional
        Instead of growth rates: levels (positive), from which per-period growth is taken; the
        result is labelled by the end period of each step.

    Returns
    -------
    TapioResult or pandas.DataFrame
        For two numbers a :class:`TapioResult`; for two periods × regions DataFrames a
        :class:`TapioResult` whose attributes are DataFrames on the first one's periods and regions
        (``state`` categorical, missing where a rate is NaN); otherwise a DataFrame with columns
        ``elasticity`` and ``state``, on the index of the input Series (or a RangeIndex).

    Raises
    ------
    ValueError
        For infinite or <= -1 growth, non-positive levels, a result beyond a double, different lengths or indexes,
        or growth and levels given together.
    TypeError
        For missing or non-numeric arguments.

    Examples
    --------
    >>> tapio(resource_growth=0.00395, output_growth=0.035).state
    'weak decoupling'
    >>> tapio(resource_growth=-0.08, output_growth=-0.05).state
    'recessive decoupling'

    Every province at once (years × provinces):

    >>> import pandas as pd
    >>> r = pd.DataFrame({"北京": [-0.02, 0.01], "上海": [0.05, float("nan")]}, index=[2021, 2022])
    >>> y = pd.DataFrame({"北京": [0.04, 0.05], "上海": [0.04, 0.03]}, index=[2021, 2022])
    >>> tapio(r, y).state
                         北京                             上海
    2021  strong decoupling  expansive negative decoupling
    2022    weak decoupling                            NaN
    """
    r, y, index, scalar = _inputs("tapio", ("resource_growth", "output_growth"), (resource_growth, output_growth),
                                  (resource, output))
    if isinstance(index, _Cells):
        elasticity, codes = index.call(("resource_growth", "output_growth"), _core.tapio, r, y)
        states = np.asarray(_STATE_CODES)[np.asarray(codes)]  # the missing state becomes -1 (NaN)
        state = pd.DataFrame({column: pd.Categorical.from_codes(states[i::len(index.columns)], dtype=_STATE_DTYPE)
                              for i, column in enumerate(index.columns)}, index=index.index)
        state.columns = index.columns
        return TapioResult(index.frame(elasticity), state, index.frame(r), index.frame(y))
    elasticity, codes = call_core(("resource_growth", "output_growth"), index, scalar, _core.tapio, r, y)
    states = [_TAPIO_LABELS[c] for c in codes]
    if scalar:
        return TapioResult(elasticity[0], states[0], r[0], y[0])
    frame = pd.DataFrame({"elasticity": np.asarray(elasticity, dtype=float),
                          "state": pd.Series(states, dtype=object).to_numpy()},
                         index=index if index is not None else pd.RangeIndex(len(states)))
    return frame


# --------------------------------------------------------------------------------------------------
# OECD and the energy elasticity coefficient
# --------------------------------------------------------------------------------------------------


def decoupling_ratio(resource_growth: Optional[RateLike] = None, output_growth: Optional[RateLike] = None, *,
                     resource: Any = None, output: Any = None):
    """OECD (2002) decoupling ratio ``DR = (R/Y)_end / (R/Y)_start = (1 + g_R)/(1 + g_Y)``.

    Parameters
    ----------
    resource_growth, output_growth : float, array-like or pandas.Series, optional
        Growth over the period, fractions > -1.
    resource, output : pandas.Series or array-like, optional
        Instead of growth rates: levels, giving one ratio per step.

    Returns
    -------
    float or pandas.Series
        The ratio (< 1 when intensity fell); a Series named ``decoupling_ratio`` for array input.

    Raises
    ------
    ValueError
        For infinite or <= -1 growth, non-positive levels, a result beyond a double, different lengths or indexes.
    TypeError
        For missing or non-numeric arguments.

    References
    ----------
    OECD (2002). Indicators to measure decoupling of environmental pressure from economic growth.
    SG/SD(2002)1/FINAL, Paris.

    Examples
    --------
    Resource use up 0.395% while output grew 3.5%: intensity fell to 1.00395 / 1.035 = 0.97 of its
    start.

    >>> import haidian
    >>> round(haidian.decoupling_ratio(resource_growth=0.00395, output_growth=0.035), 6)
    0.97
    """
    return _two_growths("decoupling_ratio", _core.decoupling_ratio, ("resource_growth", "output_growth"),
                        (resource_growth, output_growth), (resource, output))


def decoupling_factor(resource_growth: Optional[RateLike] = None, output_growth: Optional[RateLike] = None, *,
                      resource: Any = None, output: Any = None):
    """OECD (2002) decoupling factor ``DF = 1 - DR = 1 - (1 + g_R)/(1 + g_Y)``.

    Positive when resource use per unit of output fell (decoupling), zero or negative otherwise; it
    equals minus :func:`haidian.intensity_change`.

    Parameters
    ----------
    resource_growth, output_growth : float, array-like or pandas.Series, optional
        Growth over the period, fractions > -1.
    resource, output : pandas.Series or array-like, optional
        Instead of growth rates: levels, giving one factor per step.

    Returns
    -------
    float or pandas.Series
        The factor; a Series named ``decoupling_factor`` for array input.

    Raises
    ------
    ValueError
        For infinite or <= -1 growth, non-positive levels, a result beyond a double, different lengths or indexes.
    TypeError
        For missing or non-numeric arguments.

    Examples
    --------
    >>> round(decoupling_factor(resource_growth=0.00395, output_growth=0.035), 6)
    0.03
    """
    return _two_growths("decoupling_factor", _core.decoupling_factor, ("resource_growth", "output_growth"),
                        (resource_growth, output_growth), (resource, output))


def energy_elasticity(energy_growth: Optional[RateLike] = None, output_growth: Optional[RateLike] = None, *,
                      energy: Any = None, output: Any = None, average: Optional[str] = None):
    """Energy elasticity coefficient (能源消费弹性系数) ``g_E / g_GDP``.

    The number Chinese statistics publish as 能源消费弹性系数; it equals Tapio's elasticity but has
    no state to fall back on, so zero output growth is an error.

    Parameters
    ----------
    energy_growth, output_growth : float, array-like or pandas.Series, optional
        Growth of energy use and of GDP at comparable prices, fractions > -1, output growth nonzero.
    energy, output : pandas.Series or array-like, optional
        Instead of growth rates: levels, giving one coefficient per step.
    average : {None, "annual", "cumulative"}, default None
        None: one coefficient per period. "annual": one coefficient for the whole span, the NBS
        multi-year coefficient (e.g. "十三五"时期能源消费弹性系数): the average annual energy growth over
        the average annual GDP growth, both geometric, ``((Π(1+g_E))^(1/n) - 1) / ((Π(1+g_Y))^(1/n) - 1)``.
        "cumulative": the ratio of the cumulative growths ``(Π(1+g_E) - 1) / (Π(1+g_Y) - 1)``. The two
        differ because compounding is not linear: with energy +2% and GDP +6% a year for five years the
        annual form gives 0.3333 and the cumulative one 0.1041 / 0.3382 = 0.3077; the NBS uses the annual
        form. A span with a missing (NaN) year gives NaN.

    Returns
    -------
    float, pandas.Series or pandas.DataFrame
        The coefficient; a Series named ``energy_elasticity`` for array input, a DataFrame on the periods and
        regions of a DataFrame. With ``average``: a float for one series, a Series on the regions for a
        DataFrame.

    Raises
    ------
    ValueError
        For zero output growth, infinite or <= -1 growth, a coefficient beyond a double, different lengths or indexes.
    TypeError
        For missing or non-numeric arguments.

    Examples
    --------
    >>> import haidian
    >>> round(haidian.energy_elasticity(energy_growth=0.00395, output_growth=0.035), 4)
    0.1129

    From levels, one coefficient per year (2/100 over 2/50, then 1/102 over 2/52):

    >>> haidian.energy_elasticity(energy=[100.0, 102.0, 103.0], output=[50.0, 52.0, 54.0]).round(4).tolist()
    [0.5, 0.2549]

    Five years of energy +2% and GDP +6% a year, as the NBS averages them and as cumulative growths:

    >>> round(haidian.energy_elasticity([0.02] * 5, [0.06] * 5, average="annual"), 4)
    0.3333
    >>> round(haidian.energy_elasticity([0.02] * 5, [0.06] * 5, average="cumulative"), 4)
    0.3077

    A DataFrame of years × provinces gives one coefficient per cell, or one per province:

    >>> import pandas as pd
    >>> e = pd.DataFrame({"北京": [0.01, 0.02], "上海": [0.03, 0.01]}, index=[2021, 2022])
    >>> y = pd.DataFrame({"北京": [0.04, 0.05], "上海": [0.06, 0.02]}, index=[2021, 2022])
    >>> float(haidian.energy_elasticity(e, y).loc[2021, "上海"])
    0.5
    >>> haidian.energy_elasticity(e, y, average="annual").round(4).to_dict()
    {'北京': 0.3331, '上海': 0.5012}
    """
    function, names = "energy_elasticity", ("energy_growth", "output_growth")
    if average is None:
        return _two_growths(function, _core.energy_elasticity, names, (energy_growth, output_growth),
                            (energy, output), ("energy", "output"))
    if average not in ("annual", "cumulative"):
        raise ValueError(f"{function}: average is {average!r}, but must be None, 'annual' or 'cumulative'")
    a, b, index, _ = _inputs(function, names, (energy_growth, output_growth), (energy, output), ("energy", "output"))
    regions = index.columns if isinstance(index, _Cells) else None
    periods = index.index if isinstance(index, _Cells) else index
    width = 1 if regions is None else len(regions)
    a, b = a.reshape(-1, width), b.reshape(-1, width)
    if a.shape[0] == 0:
        raise ValueError(f"{function}: no periods to average over")
    spans = np.full((width, 2), np.nan)
    for column in range(width):  # the core chains one series at a time
        for k, g in enumerate((a[:, column], b[:, column])):
            if np.isnan(g).any():
                continue  # a missing year: NaN for the span
            where = "" if regions is None else f" of {label_text(regions[column])}"
            try:
                total = call_core(("rates",), periods, False, _core.chain_rates, g)
            except ValueError as error:
                raise ValueError(str(error).replace("chain_rates: rates", f"{function}: {names[k]}{where}", 1)) from None
            spans[column, k] = float(_core.annual_rate(np.array([total]), float(g.size))[0]) \
                if average == "annual" else total
    values = call_core(names, regions, regions is None, _core.energy_elasticity, spans[:, 0].copy(), spans[:, 1].copy())
    if regions is None:
        return float(values[0])
    return pd.Series(values, index=regions, name=function)


# --------------------------------------------------------------------------------------------------
# Decoupling effort (Diakoulaki & Mandaraka 2007)
# --------------------------------------------------------------------------------------------------


class DecouplingEffort:
    """Decoupling effort of each period; returned by :func:`decoupling_effort`.

    Attributes
    ----------
    activity : str
        Name of the activity (output) factor.
    activity_effect : pandas.Series
        ``ΔR_Y``, the activity factor's effect.
    other_effects : pandas.Series
        ``ΔF``, the sum of all other effects (the effort in resource units).
    effort : pandas.Series
        ``D = -ΔF / ΔR_Y`` (NaN where the activity effect is exactly 0).
    factor_effort : pandas.DataFrame
        ``D_k = -ΔR_k / ΔR_Y`` for each non-activity factor; the columns sum to ``effort``.
    state : pandas.Series
        "strong decoupling effort" (D >= 1), "weak decoupling effort" (0 < D < 1),
        "no decoupling effort" (D <= 0) when the activity effect is positive;
        "activity decline (not classified)" when it is negative; "no activity effect" when 0.

    Examples
    --------
    Output added 100 units of resource use and lower intensity saved 120: ``D = 120 / 100``.

    >>> import haidian, pandas as pd
    >>> effort = haidian.decoupling_effort(pd.DataFrame({"activity": [100.0], "intensity": [-120.0]}), "activity")
    >>> effort.factor_effort["intensity"].tolist(), effort.state.tolist()
    ([1.2], ['strong decoupling effort'])
    """

    def __init__(self, activity: str, activity_effect: pd.Series, other_effects: pd.Series, effort: pd.Series,
                 factor_effort: pd.DataFrame, state: pd.Series) -> None:
        self.activity = activity
        self.activity_effect = activity_effect
        self.other_effects = other_effects
        self.effort = effort
        self.factor_effort = factor_effort
        self.state = state

    def to_frame(self) -> pd.DataFrame:
        """One row per period: activity effect, other effects, effort, state, then ``effort_<factor>``."""
        frame = pd.DataFrame({"activity_effect": self.activity_effect, "other_effects": self.other_effects,
                              "effort": self.effort, "state": self.state})
        for column in self.factor_effort.columns:
            frame[f"effort_{column}"] = self.factor_effort[column]
        return frame

    def __repr__(self) -> str:
        return (f"DecouplingEffort(activity='{self.activity}'; D = -(other effects)/(activity effect), "
                "Diakoulaki & Mandaraka 2007)\n" + self.to_frame().to_string())

    def _repr_html_(self) -> str:
        return (f"<div><strong>Decoupling effort</strong> (activity factor: {html.escape(str(self.activity))})"
                f"{self.to_frame().to_html()}</div>")


def decoupling_effort(effects: Any, activity: str) -> DecouplingEffort:
    """Decoupling effort of Diakoulaki & Mandaraka (2007) from any additive decomposition.

    With the change of resource use split into an activity (output) effect ``ΔR_Y`` and other
    effects ``ΔR_k`` (intensity, structure, ...), the decoupling effort is ``ΔF = Σ_k ΔR_k`` and the
    indicator ``D = -ΔF / ΔR_Y = Σ_k D_k``, ``D_k = -ΔR_k / ΔR_Y``: the share of the activity-driven
    increase that the other factors took back. While the activity effect is positive, ``D >= 1`` is
    a strong decoupling effort, ``0 < D < 1`` a weak one, ``D <= 0`` none. When it is negative the
    scale would misread reductions as "no effort", so such periods are reported with D but not
    classified. See docs/decoupling.md.

    Parameters
    ----------
    effects : pandas.DataFrame, pandas.Series or object with an ``effects`` DataFrame
        Additive effects in resource units, one column per factor (one row per period); a Series is
        one period indexed by factor. An additive result of :func:`haidian.decompose` or
        :func:`haidian.decompose_intensity` works directly (multiplicative ones are refused).
    activity : str
        Name of the activity (output) factor's column.

    Returns
    -------
    DecouplingEffort
        Effort, per-factor efforts and states, labelled by the effects' rows.

    Raises
    ------
    ValueError
        For an unknown activity name, an empty table or non-finite effects.
    TypeError
        For effects that are not a table of numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> d = decoupling_effort(pd.DataFrame({"activity": [100.0], "intensity": [-120.0]}), "activity")
    >>> float(d.effort.iloc[0]), d.state.iloc[0]
    (1.2, 'strong decoupling effort')
    """
    function = "decoupling_effort"
    table = getattr(effects, "effects", effects) if not isinstance(effects, (pd.DataFrame, pd.Series)) else effects
    if getattr(effects, "mode", "additive") == "multiplicative":
        raise ValueError(f"{function}: effects are multiplicative (indices), but the decoupling effort needs "
                         "additive effects in resource units; decompose with mode='additive'")
    if isinstance(table, pd.Series):
        table = table.to_frame().T
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{function}: effects is a {type(effects).__name__}, but must be a DataFrame of effects "
                        "(one column per factor), a Series, or have an `effects` DataFrame")
    if not isinstance(activity, str) and not isinstance(activity, numbers.Integral):
        raise TypeError(f"{function}: activity is {activity!r}, but must be the name of a column")
    columns = list(table.columns)
    if activity not in columns:
        raise ValueError(f"{function}: activity is {activity!r}, but the effects have columns {columns}")
    if columns.count(activity) > 1:
        raise ValueError(f"{function}: the effects have more than one column named {activity!r}")
    try:
        values = np.ascontiguousarray(table.to_numpy(dtype=float, na_value=np.nan))
    except (TypeError, ValueError) as error:
        raise TypeError(f"{function}: effects must hold numbers ({error})") from None
    raw = _core.decoupling_effort(values, columns.index(activity))
    index = table.index
    others = [c for c in columns if c != activity]
    return DecouplingEffort(
        activity=activity,
        activity_effect=pd.Series(raw["activity_effect"], index=index, name="activity_effect"),
        other_effects=pd.Series(raw["other_effects"], index=index, name="other_effects"),
        effort=pd.Series(raw["effort"], index=index, name="effort"),
        factor_effort=pd.DataFrame(np.asarray(raw["factor_effort"]).reshape(len(index), len(others)), index=index,
                                   columns=others),
        state=pd.Series([_EFFORT_LABELS[c] for c in raw["state"]], index=index, name="state", dtype=object),
    )
