"""Target arithmetic: intensity changes, implied growth, cumulative and annual rates, plan progress,
resource caps and the consistency of published triples under statistical rounding.

Growth rates are fractions everywhere (0.035 is 3.5%); rates that look like percentages or indices
(above 1, or 50 and more) raise a :class:`haidian.RateWarning`. Every function takes Python numbers,
numpy arrays or pandas Series: a number gives a float, an array a Series on a RangeIndex, a Series a
Series on the same index; the element-wise functions and :func:`target_progress` also take a periods ×
regions DataFrame (see docs/targets.md). Element-wise functions give NaN for a NaN (missing) rate; functions that
chain rates refuse one. Two Series are matched by period (integer years, Periods and timestamps of a
year are the same year; any order), never silently aligned on different periods. The arithmetic runs
in the C++ core (``include/haidian/targets.hpp``).

Examples
--------
Intensity falls 5% when output grows 5% and resource use stays flat (1 / 1.05 - 1):

>>> import haidian
>>> round(haidian.targets.intensity_change(resource_growth=0.0, output_growth=0.05), 6)
-0.047619
"""

from __future__ import annotations

import html
import numbers
from typing import Any, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._rates import warn_implausible
from ._internal import (RateLike, call_core, call_core_cells, frame_pair, frame_result, frame_values, match_periods,
                        period_keys, rate_array, rate_pair, rate_result, real_array)

__all__ = [
    "intensity_change",
    "implied_resource_growth",
    "implied_output_growth",
    "annual_rate",
    "cumulative_change",
    "chain_rates",
    "target_progress",
    "TargetProgress",
    "resource_cap",
    "rounded_intensity_change",
    "check_consistency",
    "ConsistencyCheck",
]

def _in_time_order(function: str, name: str, array: np.ndarray, index: Optional[pd.Index]):
    """Rates on a period index sorted into time order, for functions that chain them. Raises ValueError for
    a duplicate period or a gap (a missing year breaks the chain). Other indexes keep their order."""
    keys = period_keys(index)
    if keys is None or len(array) == 0:
        return array, index
    code, ordinals = keys
    order = np.argsort(ordinals, kind="stable")
    steps = np.diff(ordinals[order])
    if np.any(steps == 0):
        k = int(np.flatnonzero(steps == 0)[0])
        raise ValueError(f"{function}: {name} has the period {_core.Period.from_ordinal(code, int(ordinals[order][k]))} "
                         "twice")
    if np.any(steps > 1):
        k = int(np.flatnonzero(steps > 1)[0])
        after = _core.Period.from_ordinal(code, int(ordinals[order][k]))
        raise ValueError(f"{function}: {name} has a gap after {after} (missing {after + 1}); chaining rates needs "
                         "every period")
    return array[order], index[order]


def _two_rates(function: str, core_function, name_a: str, a: Any, name_b: str, b: Any):
    """``core_function`` element-wise over two rate arguments (see :func:`rate_pair`): a float for two
    numbers, a DataFrame on the periods and regions of a DataFrame argument, else a Series named
    ``function`` on the input's index."""
    if isinstance(a, pd.DataFrame) or isinstance(b, pd.DataFrame):
        xa, xb, index, columns = frame_pair(function, name_a, a, name_b, b)
        return frame_result(call_core_cells((name_a, name_b), index, columns, core_function, xa, xb), index, columns)
    xa, xb, index, scalar = rate_pair(function, name_a, a, name_b, b)
    return rate_result(call_core((name_a, name_b), index, scalar, core_function, xa, xb), index, scalar, function)


def _years(function: str, years: Any, name: str = "years") -> float:
    """A number of years as a float (its range is checked by the core); TypeError for a non-number."""
    if isinstance(years, (bool, np.bool_)) or not isinstance(years, numbers.Real):
        raise TypeError(f"{function}: {name} is {years!r}, but must be a number")
    return float(years)


def _rates_over_years(function: str, core_function, name: str, value: Any, years: Any):
    """``core_function(rates, years)`` for one rate argument and a number of years; labelled like
    :func:`_two_rates`."""
    n = _years(function, years)
    if isinstance(value, pd.DataFrame):
        x = frame_values(function, name, value)
        warn_implausible(function, name, x, None, n if name == "cumulative_change" else 1.0)
        cells = call_core_cells((name,), value.index, value.columns, core_function, x.reshape(-1), n)
        return frame_result(cells, value.index, value.columns)
    x, index, scalar = rate_array(function, name, value, n if name == "cumulative_change" else 1.0)
    return rate_result(call_core((name,), index, scalar, core_function, x, n), index, scalar, function)


def _html_list(title: str, lines: Sequence[str]) -> str:
    """The ``_repr_html_`` of a result shown as a title over a list of lines."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"<div><strong>{html.escape(title)}</strong><ul>{items}</ul></div>"


def _percent(value: Optional[float], digits: int = 3) -> str:
    if value is None:
        return "n/a"
    return f"{value * 100:.{digits}f}%"


# --------------------------------------------------------------------------------------------------
# Intensity and implied growth
# --------------------------------------------------------------------------------------------------


def intensity_change(resource_growth: RateLike, output_growth: RateLike):
    """Change of intensity (resource use per unit of output): ``(1 + g_R)/(1 + g_Y) - 1``.

    Parameters
    ----------
    resource_growth : float, array-like or pandas.Series
        Growth of resource use (energy, water, land), as fractions > -1.
    output_growth : float, array-like or pandas.Series
        Output growth at comparable prices, as fractions > -1.

    Returns
    -------
    float or pandas.Series
        The intensity change; a Series named ``intensity_change`` for array or Series input.

    Raises
    ------
    ValueError
        For infinite or <= -1 rates (NaN gives NaN), a result beyond a double, different lengths or different Series indexes.
    TypeError
        For arguments that are not numbers.

    Examples
    --------
    >>> round(intensity_change(resource_growth=0.00395, output_growth=0.035), 6)
    -0.03
    """
    return _two_rates("intensity_change", _core.intensity_change, "resource_growth", resource_growth,
                      "output_growth", output_growth)


def implied_resource_growth(output_growth: RateLike, intensity_change: RateLike):
    """Resource growth implied by output growth and an intensity change: ``(1 + g_Y)(1 + r) - 1``.

    Parameters
    ----------
    output_growth : float, array-like or pandas.Series
        Output growth at comparable prices, fractions > -1.
    intensity_change : float, array-like or pandas.Series
        Change of intensity, fractions > -1 (-0.03 for a 3% fall).

    Returns
    -------
    float or pandas.Series
        Implied resource growth; a Series named ``implied_resource_growth`` for array input.

    Raises
    ------
    ValueError
        For infinite or <= -1 rates (NaN gives NaN), a result beyond a double, different lengths or indexes.
    TypeError
        For arguments that are not numbers.

    Examples
    --------
    Haidian 2022: GDP +3.5%, energy intensity -3%:

    >>> round(implied_resource_growth(output_growth=0.035, intensity_change=-0.03), 5)
    0.00395
    """
    return _two_rates("implied_resource_growth", _core.implied_resource_growth, "output_growth", output_growth,
                      "intensity_change", intensity_change)


def implied_output_growth(resource_growth: RateLike, intensity_change: RateLike):
    """Output growth compatible with a resource growth and an intensity change: ``(1 + g_R)/(1 + r) - 1``.

    Parameters
    ----------
    resource_growth : float, array-like or pandas.Series
        Growth of resource use, fractions > -1.
    intensity_change : float, array-like or pandas.Series
        Change of intensity, fractions > -1.

    Returns
    -------
    float or pandas.Series
        Implied output growth; a Series named ``implied_output_growth`` for array input.

    Raises
    ------
    ValueError
        For infinite or <= -1 rates (NaN gives NaN), a result beyond a double, different lengths or indexes.
    TypeError
        For arguments that are not numbers.

    Examples
    --------
    Resource use may grow 2% while intensity falls 3%: output must grow 1.02 / 0.97 - 1.

    >>> import haidian
    >>> round(haidian.implied_output_growth(0.02, -0.03), 6)
    0.051546
    """
    return _two_rates("implied_output_growth", _core.implied_output_growth, "resource_growth", resource_growth,
                      "intensity_change", intensity_change)


# --------------------------------------------------------------------------------------------------
# Cumulative <-> annual
# --------------------------------------------------------------------------------------------------


def annual_rate(cumulative_change: RateLike, years: float):
    """Average annual rate of a cumulative change over ``years``: ``(1 + c)^(1/N) - 1``.

    This is the geometric "N年平均" of Chinese statistics: a five-year cut of 13.5% (``c = -0.135``)
    is ``-0.02859`` a year.

    Parameters
    ----------
    cumulative_change : float, array-like or pandas.Series
        Cumulative changes, fractions > -1 (negative for cuts).
    years : float
        Number of years N > 0.

    Returns
    -------
    float or pandas.Series
        The average annual rate (a Series named ``annual_rate`` for array input).

    Raises
    ------
    ValueError
        For infinite or <= -1 changes (NaN gives NaN), years <= 0, or a result beyond a double.
    TypeError
        For non-numeric arguments.

    Examples
    --------
    >>> round(annual_rate(-0.135, 5), 5)
    -0.02859
    """
    return _rates_over_years("annual_rate", _core.annual_rate, "cumulative_change", cumulative_change, years)


def cumulative_change(annual_rate: RateLike, years: float):
    """Cumulative change after ``years`` at a constant annual rate: ``(1 + a)^N - 1``.

    Parameters
    ----------
    annual_rate : float, array-like or pandas.Series
        Annual rates, fractions > -1.
    years : float
        Number of years N > 0.

    Returns
    -------
    float or pandas.Series
        Cumulative changes (a Series named ``cumulative_change`` for array input).

    Raises
    ------
    ValueError
        For infinite or <= -1 rates (NaN gives NaN), years <= 0, or a result beyond a double.
    TypeError
        For non-numeric arguments.

    Examples
    --------
    Five years of -3% a year: 0.97 ** 5 - 1.

    >>> import haidian
    >>> round(haidian.cumulative_change(-0.03, 5), 6)
    -0.141266
    """
    return _rates_over_years("cumulative_change", _core.cumulative_change, "annual_rate", annual_rate, years)


def chain_rates(rates: RateLike) -> float:
    """Cumulative change of successive annual rates: ``prod(1 + g_i) - 1``.

    Parameters
    ----------
    rates : array-like or pandas.Series
        Annual rates, fractions > -1, in time order.

    Returns
    -------
    float
        The chained change (0.0 for an empty sequence). For the geometric average of the same
        rates ("N年平均增长") use :func:`haidian.average_growth`.

    Raises
    ------
    ValueError
        For NaN (missing), infinite or <= -1 rates, a gap in a Series of years, or a result beyond a double.
    TypeError
        For non-numeric input.

    Examples
    --------
    >>> import haidian
    >>> round(haidian.chain_rates([0.05, 0.04]), 6)  # 1.05 * 1.04 - 1
    0.092
    """
    g, index, _ = rate_array("chain_rates", "rates", rates)
    g, index = _in_time_order("chain_rates", "rates", g, index)
    return float(call_core(("rates",), index, False, _core.chain_rates, g))


# --------------------------------------------------------------------------------------------------
# Plan targets
# --------------------------------------------------------------------------------------------------


class TargetProgress:
    """Where a plan stands against its cumulative target; returned by :func:`target_progress`.

    Attributes
    ----------
    target_change : float
        Cumulative change the plan sets (e.g. -0.135 for a 13.5% cut).
    plan_years : int
        Years of the plan.
    elapsed_years : int
        Years achieved so far.
    achieved : pandas.Series
        The achieved annual changes.
    target_annual : float
        Even annual change that meets the target.
    achieved_cumulative : float
        Cumulative change achieved so far.
    scheduled_cumulative : float
        Cumulative change an even path would have reached by now.
    share_of_target : float
        ``achieved_cumulative / target_change``.
    completion : float
        完成进度, the same share of the target reached, ``achieved_cumulative / target_change``, under the
        bureaus' name.
    time_progress : float
        时间进度, the share of the plan's years elapsed, ``elapsed_years / plan_years``.
    on_schedule : bool
        The even-geometric-path test: at least as far as ``(1 + target_annual)^k - 1`` after k years, in the
        target's direction.
    on_time_schedule : bool
        The bureaus' test (完成进度不低于时间进度): ``completion >= time_progress``. It is linear in time, so
        it can differ from ``on_schedule``: 40.85% of a -13.5% target after 2 of 5 years is on the time
        schedule (0.4085 >= 0.4) but short of the even path (-5.52% vs -5.64%).
    target_met : bool
        The whole target is already reached.
    required_annual : float or None
        Annual change needed in each remaining year (None when no years remain).

    Examples
    --------
    A 13.5% cut over five years, with -3% and -2.5% achieved (0.97 * 0.975 - 1 = -5.425%):

    >>> import haidian
    >>> progress = haidian.target_progress(-0.135, 5, [-0.03, -0.025])
    >>> round(progress.achieved_cumulative, 6), progress.elapsed_years, progress.on_schedule
    (-0.05425, 2, False)
    """

    #: Figures of :meth:`to_series` and :meth:`to_frame`, in order.
    FIELDS = ("target_change", "plan_years", "elapsed_years", "target_annual", "achieved_cumulative",
              "scheduled_cumulative", "share_of_target", "completion", "time_progress", "on_schedule",
              "on_time_schedule", "target_met", "required_annual")

    def __init__(self, achieved: pd.Series, values: dict, region: Any = None) -> None:
        self.achieved = achieved
        self.region = region
        self.target_change = float(values["target_change"])
        self.plan_years = int(values["plan_years"])
        self.elapsed_years = int(values["elapsed_years"])
        self.target_annual = float(values["target_annual"])
        self.achieved_cumulative = float(values["achieved_cumulative"])
        self.scheduled_cumulative = float(values["scheduled_cumulative"])
        self.share_of_target = float(values["share_of_target"])
        self.on_schedule = bool(values["on_schedule"])
        self.target_met = bool(values["target_met"])
        required = values["required_annual"]
        self.required_annual = None if required is None else float(required)
        self.completion = self.share_of_target
        self.time_progress = self.elapsed_years / self.plan_years
        self.on_time_schedule = bool(self.completion >= self.time_progress - 1e-12)  # a few ulps of slack

    @property
    def remaining_years(self) -> int:
        """Years of the plan still to come."""
        return self.plan_years - self.elapsed_years

    def to_series(self) -> pd.Series:
        """The figures as a labelled Series (object dtype: the tests stay booleans, no required change stays
        None), named by the region (the name of the achieved Series) or ``target_progress``.

        Examples
        --------
        >>> import haidian, pandas as pd
        >>> progress = haidian.target_progress(-0.135, 5, pd.Series([-0.03, -0.025], name="北京"))
        >>> figures = progress.to_series()
        >>> figures.name, figures["time_progress"], figures["on_time_schedule"]
        ('北京', 0.4, True)
        """
        return pd.Series({name: getattr(self, name) for name in self.FIELDS}, dtype=object,
                         name="target_progress" if self.region is None else self.region)

    def to_frame(self) -> pd.DataFrame:
        """The figures as one row of float columns (booleans 1.0/0.0, no required change NaN), indexed by the
        region; the rows of :func:`target_progress` for a DataFrame.

        Examples
        --------
        >>> import haidian, pandas as pd
        >>> row = haidian.target_progress(-0.135, 5, pd.Series([-0.03, -0.025], name="北京")).to_frame()
        >>> row.index.tolist(), str(row.dtypes.unique()[0]), float(row.loc["北京", "on_schedule"])
        (['北京'], 'float64', 0.0)
        """
        values = [getattr(self, name) for name in self.FIELDS]
        return pd.DataFrame([[np.nan if v is None else float(v) for v in values]], columns=list(self.FIELDS),
                            index=["target_progress" if self.region is None else self.region], dtype=float)

    def _lines(self) -> list:
        direction = "at most" if self.target_change <= 0 else "at least"
        lines = [
            f"target: {_percent(self.target_change)} over {self.plan_years} years ({direction}), "
            f"{_percent(self.target_annual)} a year",
            f"achieved after {self.elapsed_years} years: {_percent(self.achieved_cumulative)} "
            f"(even path: {_percent(self.scheduled_cumulative)}; {self.share_of_target:.1%} of the target)",
            f"on the even path: {'yes' if self.on_schedule else 'no'}; completion {self.completion:.1%} vs time "
            f"{self.time_progress:.1%}: {'on' if self.on_time_schedule else 'behind'} the time schedule; "
            f"target met: {'yes' if self.target_met else 'no'}",
        ]
        if self.required_annual is not None:
            lines.append(f"needed in each of the remaining {self.remaining_years} years: "
                         f"{_percent(self.required_annual)}")
        return lines

    def __repr__(self) -> str:
        return "TargetProgress\n  " + "\n  ".join(self._lines())

    def _repr_html_(self) -> str:
        return _html_list("TargetProgress", self._lines())


def target_progress(target_change: float, plan_years: int, achieved: RateLike) -> TargetProgress:
    """Progress against a cumulative plan target and the annual change still needed.

    With a target ``T`` over ``N`` years and achieved annual changes ``a_1..a_k``, the achieved
    cumulative change is ``A = prod(1 + a_i) - 1`` and each of the remaining ``N - k`` years needs
    ``((1 + T)/(1 + A))^(1/(N - k)) - 1``. A target <= 0 is a ceiling (a cut of at least ``-T``), a
    target > 0 a floor.

    Two schedule tests are reported. ``on_schedule`` compares ``A`` with the even geometric path
    ``(1 + T)^(k/N) - 1``. ``on_time_schedule`` is the provincial bureaus' test of 完成进度 against
    时间进度 (the evaluation of the 能耗双控 targets of the 14th Five-Year Plan, e.g. the NDRC's
    《完善能源消费强度和总量双控制度方案》 (2021) and the provinces' 年度目标完成情况 bulletins):
    ``completion = A / T >= time_progress = k / N``.

    A DataFrame of achieved changes (periods × regions, years in any order) gives one row of float
    figures per region (booleans as 1.0/0.0, no required change as NaN), with a target per region as a
    Series on the regions or one number for all; a region with a missing (NaN) year gets a row of NaN.

    Parameters
    ----------
    target_change : float
        Cumulative change set by the plan, e.g. -0.135 for "energy intensity down 13.5% in five years".
    plan_years : int
        Plan length N (whole years >= 1).
    achieved : float, array-like, pandas.Series or pandas.DataFrame
        Annual changes achieved in the first k <= N years (a Series keeps its year labels, and its name
        labels the region in :meth:`TargetProgress.to_series`); a DataFrame has one column per region.

    Returns
    -------
    TargetProgress or pandas.DataFrame
        The figures, with a readable repr; for a DataFrame one row per region with the columns of
        :attr:`TargetProgress.FIELDS`.

    Raises
    ------
    ValueError
        For NaN (outside a DataFrame), infinite or <= -1 rates, a bad plan length, more achieved years than
        the plan has, or targets for other regions than the achieved changes.
    TypeError
        For non-numeric arguments.

    Examples
    --------
    >>> p = target_progress(-0.135, 5, [-0.03, -0.025])
    >>> round(p.required_annual, 5)
    -0.02931

    A province 40.85% of the way to a 13.5% cut after 2 of 5 years meets the bureaus' time schedule
    (0.4085 >= 0.4) but not the even geometric path:

    >>> second = (1 - 0.135 * 0.4085) / 0.97 - 1
    >>> p = target_progress(-0.135, 5, [-0.03, second])
    >>> round(p.completion, 4), p.time_progress, p.on_time_schedule, p.on_schedule
    (0.4085, 0.4, True, False)

    Every province at once:

    >>> import pandas as pd
    >>> a = pd.DataFrame({"北京": [-0.025, -0.03], "上海": [-0.0352, -0.02]}, index=[2022, 2021])
    >>> table = target_progress(-0.135, 5, a)
    >>> table[["time_progress", "on_schedule", "on_time_schedule"]].round(4)
        time_progress  on_schedule  on_time_schedule
    北京            0.4          0.0               1.0
    上海            0.4          0.0               1.0
    """
    function = "target_progress"
    years = _years(function, plan_years, "plan_years")
    if isinstance(achieved, pd.DataFrame):
        return _regions_progress(target_change, years, achieved)
    t, _, t_scalar = rate_array(function, "target_change", target_change, years if years > 0 else 1.0)
    if not t_scalar or t.size != 1:
        raise TypeError("target_progress: target_change must be a single number")
    region = achieved.name if isinstance(achieved, pd.Series) else None
    a, index, _ = rate_array(function, "achieved", achieved)
    a, index = _in_time_order(function, "achieved", a, index)
    values = call_core(("achieved",), index, False, _core.target_progress, float(t[0]), years, a)
    series = pd.Series(a, index=index, name="achieved")
    return TargetProgress(series, values, region)


def _regions_progress(target_change: Any, years: float, achieved: pd.DataFrame) -> pd.DataFrame:
    """:func:`target_progress` for each region (column) of a periods × regions frame: one row of figures per
    region, NaN for a region with a missing year. The core takes one series at a time."""
    function = "target_progress"
    regions = achieved.columns
    if isinstance(target_change, pd.Series):
        if target_change.index.has_duplicates or set(target_change.index) != set(regions):
            raise ValueError(f"{function}: target_change has regions {list(target_change.index)}, but achieved has "
                             f"{list(regions)}; give one target per region")
        targets, _ = real_array(function, "target_change", target_change.reindex(regions))
    else:
        t, _, t_scalar = rate_array(function, "target_change", target_change, years if years > 0 else 1.0)
        if not t_scalar:
            raise TypeError(f"{function}: target_change must be a number or a Series with one target per region")
        targets = np.full(len(regions), t[0])
    warn_implausible(function, "target_change", targets, regions, years if years > 0 else 1.0)
    values = frame_values(function, "achieved", achieved)
    warn_implausible(function, "achieved", values, None)
    order, periods = _in_time_order(function, "achieved", np.arange(len(achieved.index)), achieved.index)
    values = values[order]
    rows = []
    for column, region in enumerate(regions):
        series = values[:, column]
        if np.isnan(series).any() or np.isnan(targets[column]):
            rows.append(np.full(len(TargetProgress.FIELDS), np.nan))
            continue
        figures = call_core_cells(("achieved",), periods, pd.Index([region]), _core.target_progress,
                                  float(targets[column]), years, np.ascontiguousarray(series))
        progress = TargetProgress(pd.Series(series, index=periods, name="achieved"), figures, region)
        rows.append(progress.to_frame().to_numpy()[0])
    return pd.DataFrame(np.array(rows, dtype=float).reshape(len(regions), len(TargetProgress.FIELDS)), index=regions,
                        columns=list(TargetProgress.FIELDS))


def resource_cap(base_resource: float, output_growth: RateLike, intensity_change: Optional[RateLike] = None, *,
                 cumulative_intensity_change: Optional[float] = None, plan_years: Optional[int] = None) -> pd.Series:
    """Resource-use cap implied by an intensity target and an output path.

    ``cap_t = R_0 * prod_{i<=t} (1 + g_Y,i)(1 + r_i)``: the most resource use each year may take
    while meeting the intensity path.

    Parameters
    ----------
    base_resource : float
        Resource use in the base year (> 0), e.g. 10,000 tce.
    output_growth : float, array-like or pandas.Series
        Annual output growth at comparable prices for each year of the path.
    intensity_change : float, array-like or pandas.Series, optional
        Annual intensity change (a single number applies to every year).
    cumulative_intensity_change : float, optional
        Instead of ``intensity_change``: a cumulative change, spread evenly (geometrically) over
        ``plan_years``, or, without ``plan_years``, over the years of ``output_growth``.
    plan_years : int, optional
        Years of the plan the cumulative target covers (5 for a five-year plan). With two years of
        output growth and ``plan_years=5`` each of the two years gets the annual rate of the five-year
        target, ``(1 + c)^(1/5) - 1``, as the plan's annual 能耗强度 targets are set; without it the
        whole target would be squeezed into those two years. Only with ``cumulative_intensity_change``.

    Returns
    -------
    pandas.Series
        The cap for each year, named ``resource_cap``, on the index of ``output_growth``.

    Raises
    ------
    ValueError
        For a bad base, bad rates, different lengths, or both or neither intensity argument.
    TypeError
        For non-numeric arguments.

    Examples
    --------
    Output grows 5% a year and intensity must fall 3% a year from 100 units of resource use: the caps
    are 100 * 1.05 * 0.97 and 100 * (1.05 * 0.97) ** 2.

    >>> import haidian
    >>> haidian.resource_cap(100.0, [0.05, 0.05], -0.03).round(4).tolist()
    [101.85, 103.7342]

    The first two years of a five-year plan to cut intensity 13.5%: each year may cut
    ``0.865 ** (1/5) - 1 = -2.859%``, so the second year's cap is ``100 * (1.05 * 0.865 ** 0.2) ** 2``:

    >>> haidian.resource_cap(100.0, [0.05, 0.05], cumulative_intensity_change=-0.135, plan_years=5).round(4).tolist()
    [101.9982, 104.0363]
    """
    function = "resource_cap"
    if (intensity_change is None) == (cumulative_intensity_change is None):
        raise ValueError(f"{function}: give exactly one of intensity_change and cumulative_intensity_change")
    if plan_years is not None and cumulative_intensity_change is None:
        raise ValueError(f"{function}: plan_years spreads cumulative_intensity_change; give that instead of "
                         "intensity_change")
    y, index, _ = rate_array(function, "output_growth", output_growth)
    if cumulative_intensity_change is not None:
        if y.size == 0:
            raise ValueError(f"{function}: output_growth is empty")
        if plan_years is None:
            span = float(y.size)
        else:
            span = _years(function, plan_years, "plan_years")
            if not (span >= 1 and span == int(span)):
                raise ValueError(f"{function}: plan_years is {plan_years!r}, but must be a whole number of years >= 1")
            if y.size > span:
                raise ValueError(f"{function}: output_growth has {y.size} years, but the plan has {int(span)}")
        c, _, c_scalar = rate_array(function, "cumulative_intensity_change", cumulative_intensity_change, span)
        if not c_scalar:
            raise TypeError(f"{function}: cumulative_intensity_change must be a single number")
        try:
            annual = float(_core.annual_rate(c, span)[0])
        except ValueError as error:
            raise ValueError(str(error).replace("annual_rate: cumulative_change", f"{function}: "
                                                "cumulative_intensity_change", 1)) from None
        intensity_change = annual
    r, r_index, r_scalar = rate_array(function, "intensity_change", intensity_change)
    if r_scalar:
        r = np.full(y.shape, r[0])
    elif index is not None and r_index is not None:
        order = match_periods(function, "output_growth", index, "intensity_change", r_index)
        if order is not None:
            r = r[order]
    elif index is None and r_index is not None and r.size == y.size:
        index = r_index
    y_sorted, sorted_index = _in_time_order(function, "output_growth", y, index)
    if sorted_index is not index:
        order = np.argsort(period_keys(index)[1], kind="stable")  # type: ignore[index]
        y, r, index = y_sorted, r[order], sorted_index
    b, _, b_scalar = rate_array(function, "base_resource", base_resource, years=None)
    if not b_scalar:
        raise TypeError(f"{function}: base_resource must be a single number")
    cap = call_core(("output_growth", "intensity_change"), index, False, _core.resource_cap, float(b[0]), y, r)
    return pd.Series(cap, index=index, name="resource_cap")


# --------------------------------------------------------------------------------------------------
# Rounding and published triples
# --------------------------------------------------------------------------------------------------


def rounded_intensity_change(intensity_start: float, intensity_end: float, decimals: int = 4) -> float:
    """Intensity change as statistics offices take it: levels rounded to ``decimals`` first.

    Parameters
    ----------
    intensity_start, intensity_end : float
        Intensity levels (> 0), e.g. tce per 10,000 yuan.
    decimals : int, default 4
        Decimals the levels are rounded to before the rate is formed.

    Returns
    -------
    float
        ``round(I_end, decimals) / round(I_start, decimals) - 1``.

    Raises
    ------
    ValueError
        For non-positive levels, a start level that rounds to 0, or decimals outside 0..15.
    TypeError
        For non-numeric arguments.

    Examples
    --------
    The levels become 0.3123 and 0.2988 before the rate is taken:

    >>> import haidian
    >>> round(haidian.rounded_intensity_change(0.31234, 0.29876), 6)
    -0.043228
    """
    if isinstance(decimals, (bool, np.bool_)) or not isinstance(decimals, numbers.Integral):
        raise TypeError(f"rounded_intensity_change: decimals is {decimals!r}, but must be an integer")
    if not 0 <= decimals <= 15:
        raise ValueError(f"rounded_intensity_change: decimals is {decimals!r}, but must be in 0..15")
    for name, value in (("intensity_start", intensity_start), ("intensity_end", intensity_end)):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(f"rounded_intensity_change: {name} is {value!r}, but must be a number")
    # A NaN (missing) level gives NaN, as in the other element-wise functions.
    return float(_core.rounded_intensity_change(float(intensity_start), float(intensity_end), int(decimals)))


class ConsistencyCheck:
    """Whether a published (output growth, resource growth, intensity change) triple adds up.

    Returned by :func:`check_consistency`; never raises on a discrepancy, it reports it.

    Attributes
    ----------
    output_growth, resource_growth, intensity_change : float
        The published triple (fractions).
    decimals : tuple of int
        Percentage decimals each was published with.
    implied_change : float
        ``(1 + g_R)/(1 + g_Y) - 1`` from the published growth rates.
    discrepancy : float
        ``intensity_change - implied_change``.
    lower, upper : float
        Range of intensity changes that unrounded inputs could give.
    consistent : bool
        The published change lies within rounding of that range.
    excess : float
        How far outside the range (0 when consistent).

    Examples
    --------
    >>> import haidian
    >>> check = haidian.check_consistency(0.012, -0.081, -0.0918)
    >>> check.consistent, check.excess
    (True, 0.0)
    """

    def __init__(self, triple: Tuple[float, float, float], decimals: Tuple[int, int, int], values: dict,
                 base_intensity: Optional[float], intensity_decimals: int) -> None:
        self.output_growth, self.resource_growth, self.intensity_change = (float(v) for v in triple)
        self.decimals = tuple(int(d) for d in decimals)
        self.base_intensity = base_intensity
        self.intensity_decimals = int(intensity_decimals)
        self.implied_change = float(values["implied_change"])
        self.discrepancy = float(values["discrepancy"])
        self.lower = float(values["lower"])
        self.upper = float(values["upper"])
        self.published_lower = float(values["published_lower"])
        self.published_upper = float(values["published_upper"])
        self.consistent = bool(values["consistent"])
        self.excess = float(values["excess"])

    def to_series(self) -> pd.Series:
        """The figures as a labelled Series (object dtype)."""
        return pd.Series({
            "output_growth": self.output_growth,
            "resource_growth": self.resource_growth,
            "intensity_change": self.intensity_change,
            "implied_change": self.implied_change,
            "discrepancy": self.discrepancy,
            "lower": self.lower,
            "upper": self.upper,
            "consistent": self.consistent,
            "excess": self.excess,
        }, dtype=object, name="consistency")

    def _lines(self) -> list:
        verdict = "consistent up to rounding" if self.consistent else (
            f"INCONSISTENT: {self.excess * 100:.3f} percentage points beyond what rounding explains")
        lines = [
            f"published: output {_percent(self.output_growth)}, resource {_percent(self.resource_growth)}, "
            f"intensity {_percent(self.intensity_change)}",
            f"implied intensity change (1+g_R)/(1+g_Y)-1 = {_percent(self.implied_change, 4)}; "
            f"discrepancy {self.discrepancy * 100:+.4f} percentage points",
            f"rounding of the inputs allows [{_percent(self.lower, 4)}, {_percent(self.upper, 4)}]",
            verdict,
        ]
        return lines

    def __repr__(self) -> str:
        return "ConsistencyCheck\n  " + "\n  ".join(self._lines())

    def _repr_html_(self) -> str:
        return _html_list("ConsistencyCheck", self._lines())


def check_consistency(output_growth: float, resource_growth: float, intensity_change: float, *,
                      decimals: Union[int, Tuple[int, int, int]] = 1, base_intensity: Optional[float] = None,
                      intensity_decimals: int = 4) -> ConsistencyCheck:
    """Check a published (output growth, resource growth, intensity change) triple against rounding.

    Each published percentage is read as rounded to ``decimals`` places, so its true value lies
    within half a unit of its last digit. The check computes the range of ``(1 + g_R)/(1 + g_Y) - 1``
    over those rounding intervals and reports whether the published intensity change (itself
    rounded) can meet it. With ``base_intensity``, intensity levels are also rounded to
    ``intensity_decimals`` (4, tce per 10,000 yuan) before the rate is taken, as the NBS does, which
    widens the range. A discrepancy is reported in the result, never raised.

    Parameters
    ----------
    output_growth, resource_growth, intensity_change : float
        The published triple as fractions (0.012, -0.081, -0.0918 for "1.2%, -8.1%, -9.18%").
    decimals : int or tuple of three int, default 1
        Percentage decimals of the published figures (one for all, or output, resource, intensity).
    base_intensity : float, optional
        Base-year intensity level to include the rounding of levels.
    intensity_decimals : int, default 4
        Decimals of the intensity levels.

    Returns
    -------
    ConsistencyCheck
        Implied change, discrepancy, the admissible range and the verdict.

    Raises
    ------
    ValueError
        For NaN, infinite or <= -1 rates, negative decimals, or a non-positive base intensity.
    TypeError
        For non-numeric arguments.

    Examples
    --------
    GDP +1.2%, energy -8.1%, intensity -9.18%: 0.919 / 1.012 - 1 = -9.1897%, within rounding.

    >>> import haidian
    >>> check = haidian.check_consistency(0.012, -0.081, -0.0918)
    >>> round(check.implied_change, 6), check.consistent
    (-0.091897, True)
    """
    function = "check_consistency"
    triple = []
    for name, value in (("output_growth", output_growth), ("resource_growth", resource_growth),
                        ("intensity_change", intensity_change)):
        x, _, scalar = rate_array(function, name, value)
        if not scalar:
            raise TypeError(f"{function}: {name} must be a single number")
        triple.append(float(x[0]))
    if isinstance(decimals, numbers.Integral) and not isinstance(decimals, (bool, np.bool_)):
        places = (int(decimals),) * 3
    else:
        try:
            places = tuple(int(d) for d in decimals)  # type: ignore[union-attr]
        except TypeError:
            raise TypeError(f"{function}: decimals is {decimals!r}, but must be an int or three ints") from None
        if len(places) != 3:
            raise ValueError(f"{function}: decimals has {len(places)} entries, but must have 3 "
                             "(output, resource, intensity)")
    for d in places:
        if d < 0:
            raise ValueError(f"{function}: decimals is {decimals!r}, but must be non-negative")
    if isinstance(intensity_decimals, (bool, np.bool_)) or not isinstance(intensity_decimals, numbers.Integral):
        raise TypeError(f"{function}: intensity_decimals is {intensity_decimals!r}, but must be an integer")
    half = [0.5 * 10.0 ** -(d + 2) for d in places]  # percentages: one more factor 100
    if base_intensity is None:
        base = 0.0
    else:
        if isinstance(base_intensity, (bool, np.bool_)) or not isinstance(base_intensity, numbers.Real):
            raise TypeError(f"{function}: base_intensity is {base_intensity!r}, but must be a number")
        base = float(base_intensity)
        if not (base > 0.0 and np.isfinite(base)):
            raise ValueError(f"{function}: base_intensity is {base_intensity!r}, but must be positive and finite")
    values = _core.check_consistency(triple[0], triple[1], triple[2], half[0], half[1], half[2], base,
                                     int(intensity_decimals))
    return ConsistencyCheck(tuple(triple), places, values, base_intensity, intensity_decimals)
