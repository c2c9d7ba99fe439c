"""Index decomposition: LMDI-I/II (additive and multiplicative) and Shapley/Sun, on the C++ core.

The aggregate is ``V_t = Σ_i Π_k x_{k,t,i}`` over sectors ``i`` (or regions, or sector × region
cells) and factors ``k``. :func:`decompose` splits its change over each step into one effect per
factor; :func:`decompose_intensity` and :func:`kaya` build the factors of the two most common
identities first. Results are :class:`Decomposition` objects: plain Python holding numpy arrays and
pandas labels (they pickle), with pandas views ``.effects``, ``.total``, ``.cumulative()``,
``.by_sector()``, ``.to_frame()``.

Methods and references (see docs/decomposition.md):

- LMDI-I: Ang (2005), Energy Policy 33:867-871; Ang (2015), Energy Policy 86:233-238.
- LMDI-II: Ang & Choi (1997), Energy Journal 18(3):59-73; Ang & Liu (2001), Energy 26:537-548.
- Shapley/Sun: Sun (1998), Energy Economics 20:85-100; Ang, Liu & Chew (2003), Energy Policy
  31:1561-1566.
- Zeros: Ang, Zhang & Choi (1998), Energy 23:489-495; Ang & Liu (2007), Energy Policy 35:238-246.

Examples
--------
Output up from 100 to 120 while intensity fell from 0.5 to 0.4: use went from 50 to 48, and the
LMDI-I effects are ``L(48, 50) ln 1.2`` and ``L(48, 50) ln 0.8`` with ``L(48, 50) = -2 / ln 0.96``.

>>> import haidian
>>> r = haidian.decomposition.decompose({"activity": [100.0, 120.0], "intensity": [0.5, 0.4]})
>>> r.effects.round(4).iloc[0].to_dict()
{'activity': 8.9325, 'intensity': -10.9325}
"""

from __future__ import annotations

import html
import numbers
import warnings
from collections.abc import Hashable, Mapping
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _core, _labels
from ._internal import CLOSURE_TOLERANCE, closes, float64_array

__all__ = ["Decomposition", "GapWarning", "RegionEffects", "decompose", "decompose_intensity", "kaya",
           "log_mean"]

_METHODS = ("lmdi1", "lmdi2", "shapley")
_MODES = ("additive", "multiplicative")
_ZEROS = ("limit", "small")
_GAPS = ("warn", "raise", "allow")
_FLOAT64 = np.dtype(np.float64)  # the native float64 dtype (a singleton): the no-conversion fast path
_INTP = np.dtype(np.intp)
_METHOD_NAMES = {"lmdi1": "LMDI-I", "lmdi2": "LMDI-II", "shapley": "Shapley/Sun"}

#: Largest ``|closure|`` of a correct result, per method (both modes): the one tolerance every closure
#: check of haidian uses. The core's residuals are relative to the size of every term of the identity
#: (see :attr:`Decomposition.closure`), so correct results sit at rounding level (~1e-15) for any
#: magnitude from 1e-300 to 1e300, entering and exiting sectors included; the margin covers sums over
#: ~10^6 sectors in the worst rounding order.
CLOSURE_TOLERANCES = dict.fromkeys(_METHODS, CLOSURE_TOLERANCE)


def log_mean(a: Any, b: Any) -> Any:
    """Logarithmic mean ``L(a, b) = (a - b) / ln(a / b)``, elementwise.

    ``L(a, a) = a`` and ``L(a, 0) = L(0, a) = 0``; accurate to a few ulps in every regime
    (``a ≈ b``, ``a ≪ b``), which the textbook formula is not.

    Parameters
    ----------
    a, b : float, array_like, pandas.Series or pandas.DataFrame
        Non-negative finite values; broadcast against each other.

    Returns
    -------
    float, numpy.ndarray or pandas object
        ``L(a, b)``, a pandas object labelled like ``a`` (or ``b``) when one of them is one.

    Raises
    ------
    ValueError
        When a value is negative, NaN or infinite, or the shapes of a and b do not broadcast.
    TypeError
        When a value is not numeric.

    Examples
    --------
    >>> float(log_mean(2.0, 2.0))
    2.0
    >>> round(float(log_mean(1.0, 2.0)), 12)  # 1 / ln 2
    1.442695040889
    """
    template = a if isinstance(a, (pd.Series, pd.DataFrame)) else b
    x = float64_array("log_mean", "a", a)
    y = float64_array("log_mean", "b", b)
    try:
        np.broadcast_shapes(np.shape(x), np.shape(y))
    except ValueError:
        raise ValueError(f"log_mean: a has shape {np.shape(x)} and b has shape {np.shape(y)}, "
                         "which do not broadcast against each other") from None
    out = _core.log_mean(x, y)
    if isinstance(template, (pd.Series, pd.DataFrame)) and np.shape(out) == template.shape:
        return template._constructor(np.asarray(out), index=template.index,
                                     **({"columns": template.columns} if isinstance(template, pd.DataFrame)
                                        else {"name": template.name}))
    if np.ndim(out) == 0:
        return float(out)
    return out


# ---------------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------------


class RegionEffects(NamedTuple):
    """Each region's effects, from :meth:`Decomposition.by_region`.

    ``contribution`` (the region's share of the effects of the whole) and ``own`` (the region
    decomposed on its own) have rows (period, factor) and one column per region; ``change`` has rows
    period and one column per region, the region's own change, to which both sum over factors.

    Examples
    --------
    Two regions of one sector each: every region's own decomposition is its share of the whole's
    when the factors are plain levels (no factor relative to the whole).

    >>> import haidian, pandas as pd
    >>> cells = pd.MultiIndex.from_tuples([("a", "industry"), ("b", "industry")],
    ...                                   names=["region", "sector"])
    >>> activity = pd.DataFrame([[10.0, 20.0], [20.0, 20.0]], index=[2020, 2021], columns=cells)
    >>> intensity = pd.DataFrame([[1.0, 1.0], [1.0, 0.5]], index=[2020, 2021], columns=cells)
    >>> both = haidian.decompose({"activity": activity, "intensity": intensity}).by_region()
    >>> isinstance(both, haidian.RegionEffects)
    True
    >>> both.change.loc[2021].to_dict()  # a: 20 - 10; b: 10 - 20
    {'a': 10.0, 'b': -10.0}
    >>> bool((both.own - both.contribution).abs().max().max() < 1e-12)
    True
    """

    contribution: pd.DataFrame
    own: pd.DataFrame
    change: pd.DataFrame


class Decomposition:
    """Result of :func:`decompose`: effects per step and factor, and what they decompose.

    Plain Python holding numpy arrays and pandas labels, so it pickles and travels to Dask or
    multiprocessing workers. The pandas views are built on access.

    Attributes
    ----------
    method : str
        ``"lmdi1"``, ``"lmdi2"`` or ``"shapley"``.
    mode : str
        ``"additive"`` (effects in units of the aggregate, summing to ``ΔV``) or
        ``"multiplicative"`` (indices multiplying to ``V^T/V^0``).
    chained : bool
        True for year-on-year steps ``t-1 → t``, False for a fixed base ``base → t``.
    base : label or None
        The base period of a fixed-base decomposition (None when chained).
    zeros : str
        ``"limit"`` or ``"small"``; ``small_value`` is the delta of the latter.
    factors : list of str
        Factor names, in the order given.
    periods : pandas.Index
        All periods of the input.
    sectors : pandas.Index
        The sectors (a single unnamed sector for purely aggregate identities).
    unit : str or None
        Unit of the aggregate, when given.

    Examples
    --------
    >>> import haidian
    >>> r = haidian.decompose({"activity": [100.0, 120.0], "intensity": [0.5, 0.4]})
    >>> r.method, r.mode, r.closes
    ('lmdi1', 'additive', True)
    >>> r.total.tolist()  # 48 - 50
    [-2.0]
    """

    def __init__(self, *, method: str, mode: str, chained: bool, base: Any, zeros: str, small_value: float,
                 factors: List[str], periods: Optional[pd.Index], sectors: Optional[pd.Index],
                 n_periods: int, n_sectors: int, start: Sequence[int],
                 end: Sequence[int], effects: np.ndarray, total: np.ndarray, start_value: np.ndarray,
                 end_value: np.ndarray, closure: np.ndarray, by_sector: Optional[np.ndarray],
                 unit: Optional[str] = None) -> None:
        self.method = method
        self.mode = mode
        self.chained = chained
        self.base = base
        self.zeros = zeros
        self.small_value = small_value
        self.factors = list(factors)
        # Labels are built on first use (None means 0, 1, ...): a pandas Index costs more than a
        # small decomposition itself.
        self._periods = periods
        self._sectors = sectors
        self._n_periods = int(n_periods)
        self._n_sectors = int(n_sectors)
        self.unit = unit
        self._start = start if type(start) is np.ndarray and start.dtype is _INTP else np.asarray(start, dtype=np.intp)
        self._end = end if type(end) is np.ndarray and end.dtype is _INTP else np.asarray(end, dtype=np.intp)
        self._effects = effects
        self._total = total
        self._start_value = start_value
        self._end_value = end_value
        self._closure = closure
        self._by_sector = by_sector
        # What :meth:`by_region` needs to decompose a region on its own: (run, aligned inputs, options);
        # kept only for cells with levels, set by the public functions.
        self._source: Optional[Tuple[Any, List[np.ndarray], Dict[str, Any]]] = None

    # -- labels ---------------------------------------------------------------------------------

    @property
    def periods(self) -> pd.Index:
        """All periods of the input."""
        if self._periods is None:
            self._periods = pd.RangeIndex(self._n_periods)
        return self._periods

    @property
    def sectors(self) -> pd.Index:
        """The sectors (cells) of the input."""
        if self._sectors is None:
            self._sectors = pd.RangeIndex(self._n_sectors)
        return self._sectors

    @property
    def _step_index(self) -> pd.Index:
        index = self.periods[self._end]
        return index.rename("period")

    @property
    def steps(self) -> pd.Index:
        """Each step as text "start→end" ("2016→2018"), in the order of the rows of :attr:`effects`.

        The rows of the results are labelled by their end period; this shows where each step
        starts, which matters for a chained step over missing periods (see ``gaps`` in
        :func:`decompose`).
        """
        periods = self.periods
        return pd.Index([f"{_labels.plain(periods[s])}→{_labels.plain(periods[e])}"
                         for s, e in zip(self._start, self._end)], name="step")

    @property
    def start_periods(self) -> pd.Series:
        """The start period of each step, indexed by the step's end period."""
        return pd.Series(np.asarray(self.periods[self._start]), index=self._step_index, name="start_period")

    # -- the contract ---------------------------------------------------------------------------

    @property
    def effects(self) -> pd.DataFrame:
        """Effects, one row per step (labelled by its end period), one column per factor.

        Additive: ``ΔV_k`` in units of the aggregate; multiplicative: the index ``D_k``.
        """
        frame = pd.DataFrame(self._effects, index=self._step_index, columns=pd.Index(self.factors, name="factor"))
        frame.attrs.update(self._attrs())
        return frame

    @property
    def total(self) -> pd.Series:
        """The change per step: ``ΔV = V^T - V^0`` (additive) or ``V^T / V^0`` (multiplicative)."""
        series = pd.Series(self._total, index=self._step_index, name="total")
        series.attrs.update(self._attrs())
        return series

    @property
    def values(self) -> pd.DataFrame:
        """The aggregate at the start (``V^0``) and end (``V^T``) of each step, per step."""
        return pd.DataFrame({"start_period": np.asarray(self.periods[self._start]),
                             "start_value": self._start_value, "end_value": self._end_value},
                            index=self._step_index)

    @property
    def start_value(self) -> float:
        """The aggregate at the start of the span: the first period (chained) or the base (fixed)."""
        return float(self._start_value[0])

    @property
    def end_value(self) -> float:
        """The aggregate at the end of the span: the last step's end value."""
        return float(self._end_value[-1])

    @property
    def closure(self) -> pd.Series:
        """Closure residual per step, relative to the size of the identity's terms.

        Additive: ``(Σ_k ΔV_k - ΔV) / (|V^0| + |V^T| + Σ_k |ΔV_k|)``; multiplicative:
        ``(Σ_k ln D_k - ln(V^T/V^0)) / max(1, Σ_k |ln D_k| + |ln(V^T/V^0)|)``. Rounding level (~1e-15)
        when the effects close, also when the aggregate is 0 at both ends (Shapley with signed values).
        """
        return pd.Series(self._closure, index=self._step_index, name="closure")

    @property
    def closes(self) -> bool:
        """True when every step's :attr:`closure` is within the method's relative tolerance.

        The tolerance (:data:`CLOSURE_TOLERANCES`, the same for every method and mode) is 1e-10. All
        three methods close exactly in theory (LMDI-II too when sectors enter or exit); correct results
        stay near 1e-15.
        """
        return closes(self._closure)

    def cumulative(self) -> pd.DataFrame:
        """Effects accumulated over the steps: running sums (additive) or products (multiplicative).

        Chained: the row for period ``t`` decomposes the change from the first period to ``t``. Fixed
        base: every row already compares with the base, so the effects are returned as they are.

        Returns
        -------
        pandas.DataFrame
            Same shape and labels as :attr:`effects`.
        """
        frame = self.effects
        if not self.chained:
            return frame
        return frame.cumprod() if self.mode == "multiplicative" else frame.cumsum()

    def cumulative_total(self) -> pd.Series:
        """The total accumulated like :meth:`cumulative` (``V_t - V_first`` or ``V_t / V_first``)."""
        series = self.total
        if not self.chained:
            return series
        return series.cumprod() if self.mode == "multiplicative" else series.cumsum()

    def index(self, base: Any = None) -> pd.DataFrame:
        """Multiplicative effects as indices over all periods, equal to 1 in the base period.

        Chained results are cumulated (products of the steps, 1 in the first period); fixed-base
        results are the effects with 1 in their base. ``base`` re-bases the indices: each column is
        divided by its value in that period.

        Parameters
        ----------
        base : label, optional
            The period whose index value becomes 1 (default: the first period, or the fixed base).

        Returns
        -------
        pandas.DataFrame
            Periods × factors.

        Raises
        ------
        ValueError
            For an additive result, or a base that is not one of the periods.
        """
        if self.mode != "multiplicative":
            raise ValueError("Decomposition.index: the result is additive; indices need mode='multiplicative'")
        factors = pd.Index(self.factors, name="factor")
        if self.chained:
            values = np.vstack([np.ones(len(self.factors)), np.cumprod(self._effects, axis=0)])
            labels = self.periods[np.concatenate([[self._start[0]], self._end])]
        else:
            values = np.ones((len(self.periods), len(self.factors)))  # 1 in the base period
            values[self._end] = self._effects
            labels = self.periods
        frame = pd.DataFrame(values, index=pd.Index(labels, name="period"), columns=factors)
        if base is not None:  # a year in any spelling, as in decompose
            frame = frame / frame.iloc[_base_position("Decomposition.index", base, frame.index, len(frame))]
        return frame

    def by_sector(self) -> pd.DataFrame:
        """Each sector's part of each effect: rows (period, factor), one column per sector.

        Additive: in units of the aggregate, summing over sectors to :attr:`effects`.
        Multiplicative LMDI: each sector's part of ``ln D_k``, so ``exp`` of the row sum is ``D_k``.

        Raises
        ------
        ValueError
            When the result was computed with ``by_sector=False``, or for multiplicative Shapley
            (the log of a sum does not split by sector).
        """
        if self._by_sector is None:
            if self.method == "shapley" and self.mode == "multiplicative":
                raise ValueError("Decomposition.by_sector: not defined for multiplicative Shapley (the log of a "
                                 "sum does not split by sector); decompose with mode='additive' or method='lmdi1'")
            raise ValueError("Decomposition.by_sector: the sector contributions were not kept; decompose "
                             "with by_sector=True")
        rows = pd.MultiIndex.from_product([self._step_index, pd.Index(self.factors, name="factor")])
        # (region, sector) cells keep their level names; a single level is called "sector".
        columns = self.sectors if isinstance(self.sectors, pd.MultiIndex) else self.sectors.rename("sector")
        frame = pd.DataFrame(self._by_sector, index=rows, columns=columns)
        frame.attrs.update(self._attrs())
        return frame

    def by_group(self, groups: Any = None) -> pd.DataFrame:
        """Effects by groups of sectors, where the method is consistent in aggregation.

        The groups are given by a mapping sector → group, or, for (region, sector) cells (columns
        that are a pandas MultiIndex), by a level of the cells: ``by_group("region")``. Each group's
        column is its share of the effects of the whole aggregate: the columns sum to
        :attr:`effects`. Only additive LMDI-I and additive Shapley split this way consistently
        (Ang & Liu 2001); LMDI-II and the multiplicative forms are refused. When a factor is
        relative to the whole (a structure share ``Q_i / Q``), a group's share differs from the
        decomposition of the group on its own; :meth:`by_region` gives both.

        Parameters
        ----------
        groups : Mapping, pandas.Series, level name or level position, optional
            The group of every sector, or the level of the cells to group by (default: the first
            level, for MultiIndex cells).

        Returns
        -------
        pandas.DataFrame
            Rows (period, factor), one column per group (named by the level, or "group").

        Raises
        ------
        ValueError
            For a method that is not consistent in aggregation, a sector without a group, or a level
            that the cells do not have (naming it and the levels they have).
        TypeError
            For groups that are neither a mapping nor a level.
        """
        function = "Decomposition.by_group"
        self._require_consistent(function)
        frame = self.by_sector()
        if groups is None or not isinstance(groups, (Mapping, pd.Series)):
            level = self._level(function, groups)
            return frame.T.groupby(level=level, sort=False).sum().T
        mapping = groups.to_dict() if isinstance(groups, pd.Series) else groups
        missing = [sector for sector in self.sectors if sector not in mapping]
        if missing:
            raise ValueError(f"{function}: groups has no group for sector(s) {missing[:5]}")
        return frame.T.groupby([mapping[s] for s in frame.columns], sort=False).sum().T.rename_axis(
            columns="group")

    def by_region(self, level: Any = 0) -> "RegionEffects":
        """Each region's effects two ways: its share of the whole's, and its own decomposition.

        For (region, sector) cells (DataFrame columns that are a pandas MultiIndex):

        - ``contribution``: each region's part of the effects of the whole aggregate, as
          :meth:`by_group` gives it; summed over the regions it is :attr:`effects`.
        - ``own``: the same method run on the region's sub-panel alone, its factors built from the
          region's own data (e.g. the structure share of :func:`decompose_intensity` relative to the
          region's total output, not the nation's); summed over factors it is the region's own change.

        Both sum over factors to the region's change, but split it differently when a factor is
        relative to the whole; with plain factors given to :func:`decompose` they agree.

        Parameters
        ----------
        level : level name or position, default 0
            The level of the cells that names the region.

        Returns
        -------
        RegionEffects
            ``contribution`` and ``own``: rows (period, factor), one column per region; ``change``:
            rows period, one column per region (the region's own ``ΔV``).

        Raises
        ------
        ValueError
            For cells that are not a MultiIndex, a level they do not have, a method that is not
            consistent in aggregation, or a result not built by :func:`decompose`,
            :func:`decompose_intensity` or :func:`kaya` on pandas data.

        Examples
        --------
        Two regions with two sectors each, intensities constant. Region "东城" doubles its output
        while "b" stays put. On its own, 东城's change (250 - 125 = 125) is all activity; as a
        share of the national effects, part of it is structure (its sectors gain national share),
        and b, which did not change, takes part of the national activity effect and an equal and
        opposite structure effect.

        >>> import haidian, pandas as pd
        >>> cells = pd.MultiIndex.from_product([["东城", "b"], ["industry", "services"]],
        ...                                    names=["region", "sector"])
        >>> output = pd.DataFrame([[50.0, 50.0, 100.0, 100.0], [100.0, 100.0, 100.0, 100.0]],
        ...                       index=[2020, 2021], columns=cells)
        >>> energy = output * [2.0, 0.5, 1.0, 1.0]
        >>> both = haidian.decompose_intensity(energy, output).by_region("region")
        >>> both.contribution.loc[2021].round(2)  # doctest: +NORMALIZE_WHITESPACE
        region        东城      b
        factor
        activity   51.88  57.54
        structure  73.12 -57.54
        intensity   0.00   0.00
        >>> both.own.loc[2021].round(2)  # doctest: +NORMALIZE_WHITESPACE
        region        东城    b
        factor
        activity   125.0  0.0
        structure    0.0  0.0
        intensity    0.0  0.0
        >>> both.change.loc[2021].to_dict()  # 250 - 125 and 200 - 200
        {'东城': 125.0, 'b': 0.0}
        """
        function = "Decomposition.by_region"
        self._require_consistent(function)
        position = self._level(function, level)
        if self._source is None:
            raise ValueError(f"{function}: the result keeps no inputs to decompose each region on its own; build "
                             "it with decompose, decompose_intensity or kaya from DataFrames whose columns are "
                             "a MultiIndex (region, sector)")
        run, arrays, options = self._source
        cells = self.sectors
        regions = cells.get_level_values(position)
        name = cells.names[position]
        own: Dict[Any, pd.DataFrame] = {}
        change: Dict[Any, np.ndarray] = {}
        for region in regions.unique():
            mask = np.asarray(regions == region)
            parts = [pd.Series(a, index=self.periods) if a.ndim == 1 else
                     pd.DataFrame(a[:, mask], index=self.periods, columns=cells[mask]) for a in arrays]
            result = run(parts, options)
            own[region] = result.effects.stack()
            change[region] = result._total
        contribution = self.by_group(position)
        own_frame = pd.DataFrame(own).reindex(contribution.index).rename_axis(columns=name)
        change_frame = pd.DataFrame(change, index=self._step_index).rename_axis(columns=name)
        return RegionEffects(contribution, own_frame, change_frame)

    def _require_consistent(self, function: str) -> None:
        if self.mode != "additive" or self.method == "lmdi2":
            raise ValueError(f"{function}: {_METHOD_NAMES[self.method]} {self.mode} is not consistent in "
                             "aggregation (group effects would differ from decomposing the groups); use "
                             "method='lmdi1' or 'shapley' with mode='additive'")

    def _level(self, function: str, level: Any) -> int:
        """The position of a level of the cells, by name or position (None: the first)."""
        cells = self.sectors
        if not isinstance(level, Hashable):
            raise TypeError(f"{function}: {level!r} is neither a mapping sector -> group nor a level (a name "
                            "or a position)")
        if not isinstance(cells, pd.MultiIndex):
            raise ValueError(f"{function}: the level {level!r} needs cells with levels (DataFrame columns that "
                             "are a MultiIndex such as (region, sector)), but the sectors have one level; pass "
                             "a mapping sector -> group")
        if level is None:
            return 0
        if isinstance(level, numbers.Integral) and not isinstance(level, (bool, np.bool_)):
            if -cells.nlevels <= level < cells.nlevels:
                return int(level) % cells.nlevels
        elif level in cells.names:
            return cells.names.index(level)
        raise ValueError(f"{function}: the cells have no level {level!r}; their levels are "
                         f"{list(cells.names)} (or positions 0 to {cells.nlevels - 1})")

    def to_frame(self) -> pd.DataFrame:
        """A tidy long table: one row per step and factor, columns period, start_period, factor, effect."""
        frame = self.effects
        long = frame.stack().rename("effect").reset_index()
        starts = dict(zip(range(len(self._start)), np.asarray(self.periods[self._start])))
        long.insert(1, "start_period", [starts[i // len(self.factors)] for i in range(len(long))])
        long.attrs.update(self._attrs())
        return long

    # -- presentation ---------------------------------------------------------------------------

    def _attrs(self) -> Dict[str, Any]:
        return {"method": self.method, "mode": self.mode, "chained": self.chained, "unit": self.unit}

    def _describe(self) -> str:
        steps = "chained year-on-year steps" if self.chained else f"fixed base {self.base}"
        zeros = "" if self.method == "shapley" else (
            ", zeros by analytical limits" if self.zeros == "limit" else f", zeros -> {self.small_value:g}")
        return (f"{_METHOD_NAMES[self.method]} {self.mode} decomposition, {steps}{zeros}; "
                f"{len(self.factors)} factors × {len(self.sectors)} sectors × {len(self._end)} steps")

    def _table(self) -> pd.DataFrame:
        table = self.effects.copy()
        table.insert(len(table.columns), "total", self._total)
        table.index = self.steps
        return table

    def __repr__(self) -> str:
        check = "closes" if self.closes else "DOES NOT CLOSE"
        worst = float(np.max(np.abs(self._closure))) if len(self._closure) else 0.0
        return (f"<Decomposition: {self._describe()}>\n{self._table().to_string()}\n"
                f"closure: {check} (max residual {worst:.1e})")

    def _repr_html_(self) -> str:
        check = "closes" if self.closes else "<strong>does not close</strong>"
        worst = float(np.max(np.abs(self._closure))) if len(self._closure) else 0.0
        return (f"<div><p><strong>Decomposition</strong>: {html.escape(self._describe())}</p>"
                f"{self._table().to_html()}<p>closure: {check} (max residual {worst:.1e})</p></div>")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decomposition):
            return NotImplemented
        arrays = ("_start", "_end", "_effects", "_total", "_start_value", "_end_value", "_closure")
        same = all(np.array_equal(getattr(self, a), getattr(other, a)) for a in arrays)
        by = (self._by_sector is None and other._by_sector is None) or (
            self._by_sector is not None and other._by_sector is not None
            and np.array_equal(self._by_sector, other._by_sector))
        return (same and by and self.method == other.method and self.mode == other.mode
                and self.chained == other.chained and self.factors == other.factors
                and self.periods.equals(other.periods) and self.sectors.equals(other.sectors))

    __hash__ = None  # type: ignore[assignment]


# ---------------------------------------------------------------------------------------------------
# Inputs: labels aligned, periods in time order
# ---------------------------------------------------------------------------------------------------


class GapWarning(UserWarning):
    """A chained decomposition steps over missing periods (e.g. 2016→2018 with 2017 absent).

    Such a step is a two-year change reported as one; pass ``gaps="allow"`` to accept it silently,
    or ``gaps="raise"`` to make it an error.

    Examples
    --------
    >>> import warnings, haidian, pandas as pd
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     r = haidian.decompose({"x": pd.Series([1.0, 2.0, 3.0], index=[2016, 2018, 2019])})
    >>> caught[0].category is haidian.GapWarning
    True
    """


class _Inputs(NamedTuple):
    """Inputs as float64 arrays with their rows in time order and their columns matched by label."""

    group: str  # what the inputs are called together: "factors" (of decompose) or "inputs"
    names: List[str]
    arrays: List[np.ndarray]
    periods: Optional[pd.Index]  # None: unlabelled (0, 1, ...)
    sectors: Optional[pd.Index]

    def argument(self, j: int) -> str:
        """How input ``j`` is named in messages: "factors['x']" or "resource"."""
        return _argument(self.group, self.names[j])


def _argument(group: str, name: str) -> str:
    return f"factors[{name!r}]" if group == "factors" else name


def _where(argument: str, t: int, i: Optional[int], periods: Optional[pd.Index], sectors: Optional[pd.Index]) -> str:
    """A cell for a message: by label when the input is labelled, else by position."""
    if periods is None and sectors is None:
        return f"{argument}[{t}]" if i is None else f"{argument}[{t}, {i}]"
    period = _labels.show(periods[t]) if periods is not None else str(t)
    if i is None:
        return f"{argument} at {period}"
    sector = _labels.show(sectors[i]) if sectors is not None else str(i)
    return f"{argument} at ({period}, {sector})"


def _shape_error(function: str, group: str, names: List[str], arrays: List[np.ndarray]) -> None:
    """Raises the ValueError for inputs whose periods (first) or sector counts differ."""
    if len({a.shape[0] for a in arrays}) > 1:
        detail = ", ".join(f"{n}: {a.shape[0]}" for n, a in zip(names, arrays))
        raise ValueError(f"{function}: {group} have different numbers of periods ({detail}); they must match")
    detail = ", ".join(f"{n}: {a.shape}" for n, a in zip(names, arrays) if a.ndim == 2)
    raise ValueError(f"{function}: {group} have different shapes ({detail}); periods x sectors {group} must "
                     "all have the same shape (aggregate ones are 1-D)")


def _inputs(function: str, group: str, names: List[str], values: Sequence[Any], periods: Any) -> _Inputs:
    """Converts, aligns by label and sorts by period; checks shapes.

    Pandas inputs are matched by their labels: periods by meaning (a year is a year whether it is
    written 2021, Period("2021") or a year-start timestamp), sectors by name (reordered to the first
    input's order). Unlabelled arrays are read in the row order of ``periods`` (or of the first
    pandas input) and the column order of the first DataFrame. Rows are then put in time order.
    Nothing is copied for unlabelled C-contiguous float64 input. ``group`` names the inputs together
    in messages: "factors" (then input "x" is "factors['x']") or "inputs" (then it is "x").
    """
    arrays: List[np.ndarray] = []
    row_sources: List[Tuple[str, pd.Index]] = []
    row_owners: List[int] = []
    column_sources: List[Tuple[str, pd.Index]] = []
    column_owners: List[int] = []
    for name, value in zip(names, values):
        if type(value) is np.ndarray and value.dtype is _FLOAT64 and 1 <= value.ndim <= 2:
            # The common case first (plain float64 arrays, as from a simulation loop): nothing to
            # convert and no labels; the shape checks below still run for it.
            arrays.append(value)
            continue
        argument = _argument(group, name)
        if isinstance(value, (pd.Series, pd.DataFrame)):
            row_sources.append((argument, value.index))
            row_owners.append(len(arrays))
            if isinstance(value, pd.DataFrame):
                column_sources.append((argument, value.columns))
                column_owners.append(len(arrays))
        array = float64_array(function, argument, value)
        if array.ndim not in (1, 2):
            raise ValueError(f"{function}: {argument} has {array.ndim} dimensions, but must have 1 (periods) or "
                             "2 (periods x sectors)")
        arrays.append(array)
    if periods is not None:
        try:
            given = periods if isinstance(periods, pd.Index) else pd.Index(periods)
        except TypeError:
            raise TypeError(f"{function}: periods is a {type(periods).__name__}, but must be a sequence of period "
                            "labels") from None
        row_sources.insert(0, ("periods", given))
        row_owners.insert(0, -1)
    n_periods = arrays[0].shape[0]
    width: Optional[int] = None
    uniform = True  # one loop instead of two sets: this runs on every small call
    for a in arrays:
        if a.shape[0] != n_periods:
            uniform = False
        elif a.ndim == 2:
            if width is None:
                width = a.shape[1]
            elif a.shape[1] != width:
                uniform = False
    rows = columns = None
    if row_sources:
        rows = _labels.align_periods(function, row_sources)  # labels first: their errors say more
    if column_sources:
        columns = _labels.align_columns(function, column_sources)
    if not uniform:
        _shape_error(function, group, [repr(n) if group == "factors" else n for n in names], arrays)
    if rows is not None and len(rows.labels) != n_periods:
        raise ValueError(f"{function}: periods has {len(rows.labels)} labels, but the {group} have {n_periods} "
                         "periods")
    if n_periods < 2:
        raise ValueError(f"{function}: {group} have {n_periods} period(s), but at least 2 are needed")
    if width == 0:
        first = next(_argument(group, n) for n, a in zip(names, arrays) if a.ndim == 2)
        raise ValueError(f"{function}: {first} has no sectors (no columns), but needs at least one")
    if rows is None and columns is None:
        return _Inputs(group, names, arrays, None, None)
    # Reorder (a copy, only for inputs that need it): labelled rows by their own mapping, unlabelled
    # ones like the first row source; columns to the first DataFrame's order.
    row_maps = [] if rows is None else rows.rows
    column_maps = [] if columns is None else columns.rows
    if any(m is not None for m in row_maps) or any(m is not None for m in column_maps):
        row_map = {owner: r for owner, r in zip(row_owners, row_maps) if owner >= 0}
        column_map = dict(zip(column_owners, column_maps))
        unlabelled_rows = row_maps[0] if row_maps else None
        for j, array in enumerate(arrays):
            r = row_map[j] if j in row_map else unlabelled_rows
            c = column_map.get(j)
            if r is not None:
                array = array.take(r, axis=0)
            if c is not None:
                array = array.take(c, axis=1)
            arrays[j] = array
    return _Inputs(group, names, arrays, None if rows is None else rows.labels,
                   None if columns is None else columns.labels)


def _check_gaps(function: str, inputs: _Inputs, gaps: str, stacklevel: int) -> None:
    """A chained step over missing periods: GapWarning, ValueError or nothing, as ``gaps`` says."""
    labels = inputs.periods
    if gaps == "allow" or labels is None:
        return
    if labels.dtype.kind in "iu" and labels[-1] - labels[0] == len(labels) - 1:
        return  # consecutive integers (sorted and unique by now): the common case, without a pass
    axis = _labels.classify(labels)
    if axis.ordinals is None:
        return
    jumps = np.flatnonzero(np.diff(axis.ordinals) > 1)
    if jumps.size == 0:
        return
    steps = ", ".join(f"{_labels.plain(labels[t])}→{_labels.plain(labels[t + 1])}" for t in jumps[:6])
    missing = _labels.missing_between(axis, labels, [int(t) for t in jumps])
    message = (f"{function}: the periods skip {missing}, so the chained step(s) {steps} span more than one "
               "period each; add the missing periods, or pass gaps='allow' to accept longer steps "
               "(gaps='raise' makes this an error)")
    if gaps == "raise":
        raise ValueError(message)
    warnings.warn(message, GapWarning, stacklevel=stacklevel)


def _diagnose(function: str, inputs: _Inputs, method: str, mode: str, chained: bool,
              base_position: int) -> Optional[str]:
    """The first problem in labelled data values, as a message naming periods and sectors.

    Run only after the core refused the data (the fast path makes no extra pass). Looks for what the
    core checks: values that are not finite (or negative, under LMDI), then an aggregate that is
    not positive where the method needs it positive.
    """
    periods, sectors = inputs.periods, inputs.sectors
    lmdi = method != "shapley"
    with np.errstate(invalid="ignore"):
        for j, a in enumerate(inputs.arrays):
            bad = ~np.isfinite(a)
            if lmdi:
                bad |= a < 0
            if bad.any():
                cell = tuple(int(v) for v in np.argwhere(bad)[0])
                where = _where(inputs.argument(j), cell[0], cell[1] if a.ndim == 2 else None, periods, sectors)
                x = float(a[cell])
                if not np.isfinite(x):
                    return f"{function}: {where} is {x!r}, but must be finite"
                return (f"{function}: {where} is {x!r}, but LMDI takes logarithms and needs values >= 0 (a sign "
                        "change has no logarithm); use method='shapley' for negative values")
    if mode != "multiplicative" and method != "lmdi2":
        return None
    n = inputs.arrays[0].shape[0]
    with np.errstate(all="ignore"):
        product = np.ones((n, 1))
        for a in inputs.arrays:
            product = product * (a if a.ndim == 2 else a[:, None])
        aggregate = product.sum(axis=1)
    if chained:
        pairs = [(t - 1, t) for t in range(1, n)]
    else:
        pairs = [(base_position, t) for t in range(n) if t != base_position]
    why = ("LMDI-II needs it positive (its weights are shares)" if method == "lmdi2" else
           "multiplicative Shapley needs it positive" if method == "shapley" else
           "the multiplicative form needs it positive (V^T/V^0 and its log)")
    label = (lambda t: _labels.show(periods[t])) if periods is not None else str
    for start, end in pairs:
        if not (aggregate[start] > 0 and aggregate[end] > 0):
            return (f"{function}: the aggregate is {float(aggregate[start])!r} in period {label(start)} and "
                    f"{float(aggregate[end])!r} in period {label(end)}, but {why}")
    return None


def _run(function: str, inputs: _Inputs, method: str, mode: str, chained: Any, base: Any,
         zeros: str, small_value: Any, by_sector: Any, threads: Any, unit: Any, gaps: Any,
         stacklevel: int) -> Decomposition:
    """Checks the options, calls the core, and labels any error about the data."""
    # Exact-type tests first: they pass the defaults without the slower abstract-class checks.
    for argument, flag in (("chained", chained), ("by_sector", by_sector)):
        if type(flag) is not bool and not isinstance(flag, np.bool_):
            raise TypeError(f"{function}: {argument} is {flag!r}, but must be True or False")
    if type(small_value) is not float and (not isinstance(small_value, numbers.Real)
                                           or isinstance(small_value, (bool, np.bool_))):
        raise TypeError(f"{function}: small_value is {small_value!r}, but must be a number")
    if unit is not None and not isinstance(unit, str):
        raise TypeError(f"{function}: unit is {unit!r}, but must be a string (or None)")
    if type(gaps) is not str and not isinstance(gaps, str) or gaps not in _GAPS:
        raise ValueError(f"{function}: gaps is {gaps!r}, but must be one of {list(_GAPS)}")
    if threads is None:
        threads = 0
    elif type(threads) is int and threads >= 1:
        pass  # the common case, without the slower abstract-class checks below
    elif not isinstance(threads, numbers.Integral) or isinstance(threads, (bool, np.bool_)):
        raise TypeError(f"{function}: threads is {threads!r}, but must be a positive integer (or None)")
    elif threads < 1:
        raise ValueError(f"{function}: threads is {threads!r}, but must be a positive integer (or None)")
    period_index = inputs.periods
    n_periods = inputs.arrays[0].shape[0]
    if chained:
        if base is not None:
            raise ValueError(f"{function}: base is {base!r}, but a base period is only used with chained=False "
                             "(for re-based indices of a chained result use Decomposition.index(base=...))")
        base_position = 0
        _check_gaps(function, inputs, gaps, stacklevel + 1)
    elif base is None:
        base_position = 0
    else:
        base_position = _base_position(function, base, period_index, n_periods)
    base_label = None if chained else (base_position if period_index is None else period_index[base_position])
    if isinstance(base_label, np.generic):
        base_label = base_label.item()  # a plain Python label (2020, not np.int64(2020)) in the result
    keep = bool(by_sector) and not (method == "shapley" and mode == "multiplicative")
    # Positional: pybind11 matches keyword arguments by name, which costs more than the small
    # decomposition itself. Order: factors, method, mode, chained, base, zeros, small_value,
    # by_sector, threads, names.
    try:
        raw = _core.decompose(inputs.arrays, method, mode, bool(chained), base_position, zeros, float(small_value),
                              keep, int(threads), inputs.names)
    except ValueError as error:
        if period_index is None and inputs.sectors is None:
            raise
        raise _labelled(function, error, inputs, method, mode, bool(chained), base_position, zeros,
                        float(small_value)) from None
    n_sectors = next((a.shape[1] for a in inputs.arrays if a.ndim == 2), 1)
    return Decomposition(method=method, mode=mode, chained=bool(chained), base=base_label, zeros=zeros,
                         small_value=float(small_value), factors=inputs.names, periods=period_index,
                         sectors=inputs.sectors, n_periods=n_periods, n_sectors=n_sectors, start=raw["start"],
                         end=raw["end"], effects=raw["effects"], total=raw["total"],
                         start_value=raw["start_value"], end_value=raw["end_value"], closure=raw["closure"],
                         by_sector=raw["by_sector"], unit=unit)


def _base_position(function: str, base: Any, labels: Optional[pd.Index], n_periods: int) -> int:
    """The row of the base period; a year matches in any spelling (2020, Period("2020"), ...)."""
    index = labels if labels is not None else pd.RangeIndex(n_periods)
    try:
        located = index.get_loc(base)
    except (KeyError, TypeError):
        year = _labels.year_of(base)
        years = None if labels is None or year is None else _labels.classify(labels).years
        hits = np.flatnonzero(years == year) if years is not None else np.array([], dtype=np.intp)
        if hits.size != 1:
            raise ValueError(f"{function}: base is {base!r}, but must be one of the periods "
                             f"{_labels.show_list(index, 12)}") from None
        located = int(hits[0])
    if not isinstance(located, numbers.Integral):
        raise ValueError(f"{function}: base is {base!r}, but must name exactly one period")
    return int(located)


def _labelled(function: str, error: ValueError, inputs: _Inputs, method: str, mode: str,
              chained: bool, base_position: int, zeros: str, small_value: float) -> ValueError:
    """The core's error about labelled data, restated with period and sector labels.

    Whether the data (not an option) caused it is asked of the core itself, by the same call on
    data that is valid for every option: no parsing of the core's wording.
    """
    n_periods = inputs.arrays[0].shape[0]
    try:
        _core.decompose([np.ones((n_periods, 1)) for _ in inputs.arrays], method, mode, chained, base_position,
                        zeros, small_value, False, 1, inputs.names)
    except ValueError:
        return error  # an option the core refuses whatever the data
    message = _diagnose(function, inputs, method, mode, chained, base_position)
    if message is None and inputs.periods is not None:
        positions = ", ".join(f"{t} = {_labels.plain(p)}" for t, p in enumerate(inputs.periods[:12]))
        message = f"{error} (periods by position: {positions}{', …' if n_periods > 12 else ''})"
    return type(error)(message if message is not None else str(error))


def decompose(factors: Mapping[str, Any], method: str = "lmdi1", mode: str = "additive", chained: bool = True,
              base: Any = None, zeros: str = "limit", periods: Any = None, *, small_value: float = 1e-20,
              by_sector: bool = True, threads: Optional[int] = None, unit: Optional[str] = None,
              gaps: str = "warn") -> Decomposition:
    """Decompose the change of ``V_t = Σ_i Π_k x_{k,t,i}`` into one effect per factor.

    Parameters
    ----------
    factors : dict name -> array_like or pandas object
        The factors, in order. Each is periods × sectors (2-D array, or a DataFrame with periods as
        index and sectors as columns) or per period only (1-D array or Series: an aggregate factor
        such as total output, the same for every sector). Pandas inputs are matched by label: their
        periods must be the same set (a year matches whether it is written 2021, an annual
        ``Period`` or a year-start/-end timestamp), and their sectors too (reordered to the first
        DataFrame's order). Rows are taken in time order, whatever their order in the input.
        Unlabelled arrays are read in the row order of ``periods`` (or of the first pandas factor).
        C-contiguous float64 arrays are read in place, never copied or modified.
    method : {"lmdi1", "lmdi2", "shapley"}
        LMDI-I (Ang 2005), LMDI-II (Ang & Choi 1997; Ang & Liu 2001) or Shapley (Sun 1998; the exact
        average over all factor orderings).
    mode : {"additive", "multiplicative"}
        Effects in units of the aggregate that sum to ``ΔV``, or indices that multiply to ``V^T/V^0``.
        Multiplicative Shapley is the Shapley value of ``ln V`` (so a single product gives
        ``D_k = x_k^T / x_k^0``).
    chained : bool
        True: one step per pair of consecutive periods (year-on-year), cumulated by
        :meth:`Decomposition.cumulative`. False: each period against ``base`` directly.
    base : label, optional
        Base period of a fixed-base decomposition (default: the first period). Only with
        ``chained=False``.
    zeros : {"limit", "small"}
        LMDI only. "limit": the analytical limits (Ang, Zhang & Choi 1998; Ang & Liu 2007): a cell
        entering from zero credits its end value to the factor(s) that leave zero, a cell exiting
        credits minus its start value to the factor(s) that reach zero; when several factors of one
        cell are zero together the change is split equally between them (the Shapley value of such
        a cell). "small": every zero is replaced by ``small_value`` (converges only like
        ``1/ln(1/δ)``).
    periods : sequence, optional
        Period labels of the rows of unlabelled (numpy) factors (default: the index of the pandas
        factors, or 0, 1, ...). With pandas factors too, they must name the same periods.
    small_value : float, default 1e-20
        The δ of ``zeros="small"`` (Ang & Liu 2007 use 1e-10 to 1e-20).
    by_sector : bool, default True
        Keep the factor × sector contributions for :meth:`Decomposition.by_sector` (memory: steps ×
        factors × sectors doubles). Ignored for multiplicative Shapley.
    threads : int, optional
        Worker threads (default: all cores for large panels, 1 for small ones). Results are
        bit-identical for any number of threads.
    unit : str, optional
        Unit of the aggregate, carried to the result (for plots and reports).
    gaps : {"warn", "raise", "allow"}, default "warn"
        What a chained step over missing periods (2016 → 2018 with no 2017) does: a
        :class:`GapWarning`, a ValueError, or nothing. Judged for years and pandas Periods.

    Returns
    -------
    Decomposition
        ``.effects`` (steps × factors), ``.total``, ``.cumulative()``, ``.by_sector()``,
        ``.to_frame()``, the aggregate per step in ``.values``, and a closure check ``.closes``.

    Raises
    ------
    ValueError
        For an empty factor dict, factors of different shapes, periods or sectors (naming what
        differs), duplicated periods or sectors, periods of different frequencies, fewer than two
        periods, NaN or infinite values, negative values under LMDI (use ``method="shapley"``),
        unknown method, mode, zeros or gaps names, a zero aggregate in multiplicative mode or under
        LMDI-II, and a gap in the periods with ``gaps="raise"``. Errors about labelled data name the
        period and sector.
    TypeError
        For factors that are not a dict, values that are not numeric, or options of the wrong type.

    Warns
    -----
    GapWarning
        For a chained step over missing periods, with ``gaps="warn"``.

    Examples
    --------
    >>> import numpy as np
    >>> r = decompose({"activity": np.array([100.0, 120.0]),
    ...                "intensity": np.array([[0.5, 0.2], [0.4, 0.25]])})
    >>> r.closes
    True
    >>> list(r.effects.columns)
    ['activity', 'intensity']
    """
    function = "decompose"
    _check_names(function, method, mode, zeros)
    if type(factors) is not dict and not isinstance(factors, Mapping):  # (the exact-type test is cheaper)
        raise TypeError(f"{function}: factors is a {type(factors).__name__}, but must be a dict name -> "
                        "array-like (periods x sectors, or 1-D per period)")
    if len(factors) == 0:
        raise ValueError(f"{function}: factors is empty; give at least one factor")
    names = [key if type(key) is str else str(key) for key in factors]
    inputs = _inputs(function, "factors", names, list(factors.values()), periods)
    result = _run(function, inputs, method, mode, chained, base, zeros, small_value, by_sector, threads, unit, gaps,
                  stacklevel=3)
    return _keep_source(result, inputs, _rerun_decompose, inputs.arrays,
                        dict(names=names, small_value=small_value, threads=threads, unit=unit))


def _keep_source(result: Decomposition, inputs: _Inputs, run: Any, arrays: List[np.ndarray],
                 options: Dict[str, Any]) -> Decomposition:
    """Keeps the aligned inputs of (region, sector) cells, for :meth:`Decomposition.by_region`."""
    if isinstance(inputs.sectors, pd.MultiIndex):
        # The regions repeat the whole's choices; the whole already warned about gaps.
        options.update(method=result.method, mode=result.mode, chained=result.chained, base=result.base,
                       zeros=result.zeros, by_sector=False, gaps="allow")
        result._source = (run, arrays, options)
    return result


# Module-level (not closures), so that results keeping them pickle.
def _rerun_decompose(parts: List[Any], options: Dict[str, Any]) -> Decomposition:
    settings = dict(options)
    names = settings.pop("names")
    return decompose(dict(zip(names, parts)), **settings)


def _rerun_intensity(parts: List[Any], options: Dict[str, Any]) -> Decomposition:
    return decompose_intensity(*parts, **options)


def _rerun_kaya(parts: List[Any], options: Dict[str, Any]) -> Decomposition:
    return kaya(*parts, **options)


def _check_names(function: str, method: Any, mode: Any, zeros: Any) -> None:
    if type(method) is str and type(mode) is str and type(zeros) is str and (
            method in _METHODS and mode in _MODES and zeros in _ZEROS):
        return  # the common case, in one test
    for argument, value, allowed in (("method", method, _METHODS), ("mode", mode, _MODES), ("zeros", zeros, _ZEROS)):
        if not isinstance(value, str):
            raise TypeError(f"{function}: {argument} is {value!r}, but must be one of {list(allowed)}")
        if value not in allowed:
            raise ValueError(f"{function}: {argument} is {value!r}, but must be one of {list(allowed)}")


def _options(function: str, options: Mapping[str, Any]) -> Dict[str, Any]:
    """The keyword options of :func:`decompose` that the identities pass on, checked by name."""
    known = ("small_value", "by_sector", "threads", "unit", "gaps")
    unknown = [name for name in options if name not in known]
    if unknown:
        raise TypeError(f"{function}: unexpected option(s) {unknown}; the options are {list(known)}")
    defaults: Dict[str, Any] = {"small_value": 1e-20, "by_sector": True, "threads": None, "unit": None,
                                "gaps": "warn"}
    defaults.update(options)
    return defaults


# ---------------------------------------------------------------------------------------------------
# Identities
# ---------------------------------------------------------------------------------------------------


def _first_cell(mask: np.ndarray) -> Tuple[int, Optional[int]]:
    cell = np.argwhere(mask)[0]
    return int(cell[0]), (int(cell[1]) if mask.ndim == 2 else None)


def _require_finite_ratio(function: str, ratio: str, value: np.ndarray, inputs: _Inputs) -> None:
    """A ratio of two inputs that overflows a double: an error naming the cell, not an infinite factor."""
    if not np.isfinite(value).all():
        t, i = _first_cell(~np.isfinite(value))
        i = None if value.ndim == 1 or (inputs.sectors is None and value.shape[1] == 1) else i
        raise ValueError(f"{function}: {_where(ratio, t, i, inputs.periods, inputs.sectors)} overflows a double; "
                         "rescale the inputs (e.g. other units)")


def decompose_intensity(resource: Any, output: Any, method: str = "lmdi1", mode: str = "additive",
                        chained: bool = True, base: Any = None, zeros: str = "limit", periods: Any = None, *,
                        aggregate: str = "resource", **options: Any) -> Decomposition:
    """Activity, structure and intensity effects of sectoral resource use (energy, water, land).

    With output ``Q_i`` and resource use ``E_i`` per period and sector, ``Q = Σ_i Q_i``,
    ``S_i = Q_i / Q`` and ``I_i = E_i / Q_i``: ``E = Σ_i Q · S_i · I_i`` (Ang 2005, Table 1's
    identity), decomposed into "activity", "structure" and "intensity". With
    ``aggregate="intensity"`` the aggregate intensity ``E/Q = Σ_i S_i · I_i`` is decomposed into
    "structure" and "intensity" instead.

    A sector with zero output and zero resource use in a period (not yet or no longer present) has
    structure 0 and, by convention, intensity 0 there; under the analytical limits its entry or exit
    is then split equally between the structure and intensity effects (see docs/decomposition.md).

    Parameters
    ----------
    resource : array_like or pandas.DataFrame
        Resource use, periods × sectors, non-negative.
    output : array_like or pandas.DataFrame
        Output (value added at comparable prices), periods × sectors, non-negative. Matched to
        ``resource`` by label like the factors of :func:`decompose`.
    method, mode, chained, base, zeros, periods
        As in :func:`decompose`.
    aggregate : {"resource", "intensity"}
        Decompose the resource total (3 factors) or the aggregate intensity (2 factors).
    **options
        Passed to :func:`decompose` (``small_value``, ``by_sector``, ``threads``, ``unit``, ``gaps``).

    Returns
    -------
    Decomposition

    Raises
    ------
    ValueError
        For shapes, periods or sectors that differ, negative or non-finite values, output zero where
        resource use is not, or a period with zero total output (naming the period and sector); and
        everything :func:`decompose` raises.

    Examples
    --------
    Both sectors grow 20% with unchanged intensities: the whole change, 36 - 30, is activity.

    >>> import haidian, pandas as pd
    >>> output = pd.DataFrame({"industry": [50.0, 60.0], "services": [50.0, 60.0]}, index=[2020, 2021])
    >>> energy = pd.DataFrame({"industry": [10.0, 12.0], "services": [20.0, 24.0]}, index=[2020, 2021])
    >>> haidian.decompose_intensity(energy, output).effects.loc[2021].round(6).to_dict()
    {'activity': 6.0, 'structure': 0.0, 'intensity': 0.0}
    """
    function = "decompose_intensity"
    _check_names(function, method, mode, zeros)
    if aggregate not in ("resource", "intensity"):
        raise ValueError(f"{function}: aggregate is {aggregate!r}, but must be 'resource' or 'intensity'")
    settings = _options(function, options)
    inputs = _inputs(function, "inputs", ["resource", "output"], [resource, output], periods)
    e, q = (a if a.ndim == 2 else a[:, None] for a in inputs.arrays)
    if e.shape != q.shape:
        raise ValueError(f"{function}: resource has shape {e.shape} but output has {q.shape}; they must match")
    labels = (inputs.periods, inputs.sectors)
    with np.errstate(invalid="ignore"):
        for name, array in (("resource", e), ("output", q)):
            bad = ~np.isfinite(array)
            if bad.any():
                t, i = _first_cell(bad)
                raise ValueError(f"{function}: {_where(name, t, i, *labels)} is {float(array[t, i])!r}, but must "
                                 "be finite")
            if (array < 0).any():
                t, i = _first_cell(array < 0)
                raise ValueError(f"{function}: {_where(name, t, i, *labels)} is {float(array[t, i])!r}, but must "
                                 "be non-negative")
    orphan = (q == 0) & (e != 0)
    if orphan.any():
        t, i = _first_cell(orphan)
        raise ValueError(f"{function}: {_where('output', t, i, *labels)} is 0 but {_where('resource', t, i, *labels)} "
                         f"is {float(e[t, i])!r}; the intensity of a sector with resource use but no output is "
                         "infinite")
    total = q.sum(axis=1)
    if (total <= 0).any():
        t = int(np.argmax(total <= 0))
        period = _labels.show(inputs.periods[t]) if inputs.periods is not None else str(t)
        raise ValueError(f"{function}: total output in period {period} is {float(total[t])!r}, but must be "
                         "positive")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        structure = q / total[:, None]
        intensity = np.where(q > 0, e / np.where(q > 0, q, 1.0), 0.0)
    _require_finite_ratio(function, "resource / output", intensity, inputs)
    if aggregate == "resource":
        names, arrays = ["activity", "structure", "intensity"], [total, structure, intensity]
    else:
        names, arrays = ["structure", "intensity"], [structure, intensity]
    derived = _Inputs("factors", names, arrays, inputs.periods, inputs.sectors)
    result = _run(function, derived, method, mode, chained, base, zeros, stacklevel=3, **settings)
    return _keep_source(result, inputs, _rerun_intensity, [e, q], dict(settings, aggregate=aggregate))


def kaya(population: Any, gdp: Any, energy: Any, emissions: Any, method: str = "lmdi1", mode: str = "additive",
         chained: bool = True, base: Any = None, zeros: str = "limit", periods: Any = None,
         **options: Any) -> Decomposition:
    """Kaya identity ``C = P · (G/P) · (E/G) · (C/E)`` decomposed (Kaya 1990; Ang 2015's example).

    Factors "population", "affluence" (GDP per person), "energy_intensity" (energy per GDP) and
    "carbon_intensity" (emissions per energy). Inputs per period (1-D) for one country, or periods ×
    regions to decompose the sum of the regions' emissions.

    Parameters
    ----------
    population, gdp, energy : array_like or pandas object
        Positive values, per period or periods × regions, all the same shape (pandas inputs matched
        by label like the factors of :func:`decompose`).
    emissions : array_like or pandas object
        Non-negative emissions, same shape.
    method, mode, chained, base, zeros, periods
        As in :func:`decompose`.
    **options
        Passed to :func:`decompose` (``small_value``, ``by_sector``, ``threads``, ``unit``, ``gaps``).

    Returns
    -------
    Decomposition

    Raises
    ------
    ValueError
        For shapes, periods or regions that differ, non-positive population, GDP or energy, negative
        emissions (naming the period and region), and everything :func:`decompose` raises.

    Examples
    --------
    GDP, energy and emissions all up 10% with a constant population: the whole change of emissions,
    22 - 20, is affluence.

    >>> import haidian
    >>> r = haidian.kaya([10.0, 10.0], [100.0, 110.0], [50.0, 55.0], [20.0, 22.0])
    >>> r.effects.round(6).iloc[0].to_dict()
    {'population': 0.0, 'affluence': 2.0, 'energy_intensity': 0.0, 'carbon_intensity': 0.0}
    """
    function = "kaya"
    _check_names(function, method, mode, zeros)
    settings = _options(function, options)
    names = ("population", "gdp", "energy", "emissions")
    inputs = _inputs(function, "inputs", list(names), [population, gdp, energy, emissions], periods)
    shapes = {name: a.shape for name, a in zip(names, inputs.arrays)}
    if len(set(shapes.values())) > 1:
        raise ValueError(f"{function}: inputs have different shapes {shapes}; they must match")
    arrays = dict(zip(names, inputs.arrays))
    labels = (inputs.periods, inputs.sectors)
    with np.errstate(invalid="ignore"):
        for name in names:
            array = arrays[name]
            bad = ~(array >= 0) if name == "emissions" else ~(array > 0)
            bad |= ~np.isfinite(array)
            if bad.any():
                t, i = _first_cell(bad)
                value = float(array[t] if i is None else array[t, i])
                need = ("finite" if not np.isfinite(value) else "non-negative" if name == "emissions"
                        else "positive (it divides another factor)")
                raise ValueError(f"{function}: {_where(name, t, i, *labels)} is {value!r}, but must be {need}")
    p, g, e, c = (arrays[name] for name in names)
    with np.errstate(over="ignore"):
        ratios = {"gdp / population": g / p, "energy / gdp": e / g, "emissions / energy": c / e}
    for ratio, value in ratios.items():
        _require_finite_ratio(function, ratio, value, inputs)
    derived = _Inputs("factors", ["population", "affluence", "energy_intensity", "carbon_intensity"],
                      [p, *ratios.values()], inputs.periods, inputs.sectors)
    result = _run(function, derived, method, mode, chained, base, zeros, stacklevel=3, **settings)
    return _keep_source(result, inputs, _rerun_kaya, [p, g, e, c], dict(settings))
