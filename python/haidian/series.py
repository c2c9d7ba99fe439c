"""Indicator time series: values over contiguous periods with a unit, a frequency and a price basis.

Design
------
``haidian.Series`` is a small pure-Python class holding exactly one compiled ``haidian._core.Series``.
The C++ object owns the values and does every computation (growth, CAGR, chain-linking, deflation,
unit checks), so C++ and Python behave identically; this module only converts Python and pandas input
(ints, strings, ``pandas.Period``, ``PeriodIndex``-ed Series, lists, numpy arrays) into core objects,
raises ``TypeError`` for arguments of the wrong kind, and returns labelled results (``haidian.Series``,
``pandas.PeriodIndex``, ``pandas.Series``). The series is immutable: ``.values`` is a read-only numpy
view of the C++ storage (no copy), and every operation returns a new Series.

Why a wrapper rather than the bound class itself: pickling, ``__repr__``/``_repr_html_``, pandas
conversion and friendly argument handling are easier to get right and to read in Python, while pickling
a plain-Python object with a plain-data state (numpy array, strings, numbers) keeps Dask and
multiprocessing working and does not depend on the layout of the compiled class.

Conventions (the same in C++; formulas and sources in docs/series.md):

* growth rates are fractions (0.035 is 3.5%);
* ``from_growth``: the rate at period t is the growth of t over t-1;
* binary operations work on the periods two series have in common and need the same frequency;
  adding, subtracting, comparing and taking shares also need compatible units and the same price basis;
  products and ratios derive their unit and price basis;
* aggregating to a lower frequency (``to_annual``, ``to_quarterly``) needs ``how`` ("sum" for flows,
  "mean" or "last" for stocks) and raises for an incomplete year unless asked to drop it.

Examples
--------
>>> import haidian
>>> gdp = haidian.series.Series([100.0, 103.5, 107.1], start=2020, unit="亿元", name="gdp")
>>> gdp.growth().values.round(4).tolist()
[nan, 0.035, 0.0348]
"""

from __future__ import annotations

import datetime
import html
import numbers
from typing import Any, Iterator, Optional, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._core import PriceBasis, Unit
from ._internal import float_vector
from ._rates import RateWarning, time_keys, warn_implausible

__all__ = ["Series", "Unit", "PriceBasis", "RateWarning", "align", "average_growth"]

_PANDAS_FREQ = {"A": "Y", "Q": "Q", "M": "M"}
_FREQ_WORDS = {"A": "annual", "Q": "quarterly", "M": "monthly"}

PeriodLike = Union[int, str, "pd.Period", "_core.Period"]


# ---------------------------------------------------------------------------------------------
# argument conversion


def _freq_code(freq: Any, function: str) -> Optional[str]:
    """'A'/'Q'/'M' from a frequency string or pandas offset; None stays None."""
    if freq is None:
        return None
    if isinstance(freq, str):
        try:
            return _core.parse_frequency(freq)
        except ValueError as error:
            raise ValueError(str(error).replace("parse_frequency", function, 1)) from None
    freqstr = getattr(freq, "freqstr", None)  # a pandas DateOffset / period dtype frequency
    if isinstance(freqstr, str):
        return _freq_code(freqstr, function)
    raise TypeError(f"{function}: freq must be a string such as 'A', 'Q' or 'M', got {type(freq).__name__}")


def _period(value: Any, freq: Optional[str], function: str, argument: str) -> _core.Period:
    """A core Period from an int year, a string, a pandas Period or a core Period."""
    try:
        return _parse_period(value, freq, function, argument)
    except (TypeError, ValueError) as error:  # UnitError is a ValueError
        message = str(error)
        if message.startswith(function + ":"):
            raise
        # Name the caller and the argument, keep the core's reason and the exception type.
        raise type(error)(f"{function}: {argument} is {value!r}, which is not a valid period here: {message}") from None


def _parse_period(value: Any, freq: Optional[str], function: str, argument: str) -> _core.Period:
    if isinstance(value, _core.Period):
        period = value
        if freq is not None and period.freq != freq:
            period = _core.Period(str(period), freq)  # raises UnitError for a mismatched frequency
        return period
    if isinstance(value, pd.Period):
        code = _freq_code(value.freqstr, function)
        return _parse_period(_core.Period(str(value), code), freq, function, argument)
    if isinstance(value, (pd.Timestamp, datetime.date, np.datetime64)):
        code = freq or "A"  # a timestamp names its year, quarter and month; the series says which
        return _core.Period(str(pd.Timestamp(value).to_period(_PANDAS_FREQ[code])), code)
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{function}: {argument} must be a year, a period string or a pandas Period, got bool")
    if isinstance(value, numbers.Integral):
        year = int(value)
        if not 1 <= year <= 9999:
            raise ValueError(f"{function}: {argument} is {year}, but must be a year within 1..9999")
        return _core.Period(f"{year:04d}", freq or "A")
    if isinstance(value, str):
        return _core.Period(value, freq) if freq is not None else _core.Period(value)
    raise TypeError(
        f"{function}: {argument} must be a year (int), a period string ('2022', '2022Q3', '2022-07'), a "
        f"pandas Period or a timestamp, got {type(value).__name__}"
    )


def _unit(unit: Any, function: str) -> _core.Unit:
    if unit is None:
        return _core.Unit()
    if isinstance(unit, _core.Unit):
        return unit
    if isinstance(unit, str):
        return _core.Unit(unit)
    raise TypeError(f"{function}: unit must be a string such as '亿元' or a haidian.Unit, got {type(unit).__name__}")


def _price_basis(price_basis: Any, function: str) -> _core.PriceBasis:
    if price_basis is None:
        return _core.PriceBasis()
    if isinstance(price_basis, _core.PriceBasis):
        return price_basis
    if isinstance(price_basis, str):
        return _core.PriceBasis(price_basis)
    raise TypeError(
        f"{function}: price_basis must be None, 'current', 'comparable YYYY' or a haidian.PriceBasis, "
        f"got {type(price_basis).__name__}"
    )


def _number(value: Any, function: str, argument: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{function}: {argument} must be a number, got {type(value).__name__}")
    return float(value)


def _integer(value: Any, function: str, argument: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{function}: {argument} must be an int, got {type(value).__name__}")
    return int(value)


def _string(value: Any, function: str, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{function}: {argument} must be a string, got {type(value).__name__}")
    return value


def _as_series(value: Any, function: str, argument: str) -> "Series":
    """A haidian.Series from a haidian.Series or a pandas Series (via from_pandas)."""
    if isinstance(value, Series):
        return value
    if isinstance(value, pd.Series):
        return Series.from_pandas(value)
    raise TypeError(f"{function}: {argument} must be a haidian.Series or a pandas Series, got {type(value).__name__}")


def _chain_inputs(function: str, argument: str, values: Any, base_period: Any, start: Any,
                  freq: Any) -> Tuple[_core.Series, _core.Period]:
    """The rates (indices) to chain-link as a core Series, and the base period, for from_growth/from_index."""
    if isinstance(values, (Series, pd.Series)):
        if start is not None:
            raise TypeError(f"{function}: start is only for array {argument}; a Series carries its own periods")
        core = _as_series(values, function, argument)._core
        code = core.freq
    else:
        array = float_vector(function, argument, values)
        if array.size == 0:
            raise ValueError(f"{function}: {argument} is empty")
        code = _freq_code(freq, function)
        if code is None:
            code = _period(base_period, None, function, "base_period").freq
        first = (_period(start, code, function, "start") if start is not None
                 else _period(base_period, code, function, "base_period") + 1)
        core = _core.Series(array, first)
    return core, _period(base_period, code, function, "base_period")


def _wrap(core: _core.Series) -> "Series":
    series = Series.__new__(Series)
    series._core = core
    return series


def _pandas_period(period: _core.Period) -> pd.Period:
    return pd.Period(str(period), freq=_PANDAS_FREQ[period.freq])


# ---------------------------------------------------------------------------------------------
# the Series


class Series:
    """One indicator over contiguous periods, with name, unit, frequency and price basis.

    Parameters
    ----------
    values : array_like or pandas.Series
        One number per period; NaN (or None) marks a missing value. Copied, never modified.
    start : int, str or pandas.Period
        First period: a year (``2015``), or ``"2022Q3"``, ``"2022-07"``, or a ``pandas.Period``.
        An int year at quarterly/monthly frequency means its first quarter/month.
    freq : str, optional
        ``"A"`` (annual), ``"Q"`` or ``"M"``; pandas spellings ``"Y"``, ``"Y-DEC"``, ``"A-DEC"``,
        ``"Q-DEC"``, ``"ME"`` are accepted. Default: the frequency of ``start`` (annual for an int).
    name : str, optional
        Indicator name.
    unit : str or Unit, optional
        E.g. ``"亿元"``, ``"万吨标准煤"``, ``"吨标准煤/万元"``, ``"km2"``; dimensionless by default.
    price_basis : str or PriceBasis, optional
        ``"current"``, ``"comparable 2020"``, or None (no prices: energy, land, people).

    Raises
    ------
    TypeError
        If values are not numbers or an argument has the wrong type.
    ValueError
        For empty values, infinite values, an unknown frequency or a malformed period.

    Examples
    --------
    >>> gdp = Series([8000.0, 9000.0, 10206.9], start=2020, name="GDP", unit="亿元",
    ...              price_basis="current")
    >>> round(gdp.cagr(2020, 2022), 6)
    0.129541
    """

    __slots__ = ("_core",)
    _core: _core.Series

    # pandas defers to a Series on either side of an operator (pd_series * s is s's product, with units).
    __pandas_priority__ = 5000

    def __init__(self, values: Any, start: PeriodLike, freq: Optional[str] = None, name: Optional[str] = None,
                 unit: Union[str, Unit, None] = None, price_basis: Union[str, PriceBasis, None] = None) -> None:
        function = "Series"
        array = float_vector(function, "values", values)
        if array.size == 0:
            raise ValueError(f"{function}: values is empty")
        if name is not None and not isinstance(name, str):
            raise TypeError(f"{function}: name must be a string, got {type(name).__name__}")
        code = _freq_code(freq, function)
        first = _period(start, code, function, "start")
        self._core = _core.Series(array, first, _unit(unit, function), name or "",
                                  _price_basis(price_basis, function))

    # ---- construction from pandas and from growth rates ----

    @classmethod
    def from_pandas(cls, s: pd.Series, name: Optional[str] = None, unit: Union[str, Unit, None] = None,
                    price_basis: Union[str, PriceBasis, None] = None, freq: Optional[str] = None) -> "Series":
        """Series from a pandas Series indexed by periods: Periods, integer years or timestamps.

        A year is a year however it is written: a ``PeriodIndex`` (what :meth:`to_pandas` returns),
        integer years (what files give), whole-number float years, period strings (``"2022"``,
        ``"2022Q3"``), timestamps, or an object index mixing these, as long as all are of one frequency.
        The index may be in any order. Periods missing from it (census years 2004, 2015, 2022 with the
        years between unpublished) become missing values (NaN), so :meth:`growth` is NaN next to them
        and :meth:`cagr` between two known points counts the calendar years between them.

        Parameters
        ----------
        s : pandas.Series
            Numeric values on a time index.
        name : str, optional
            Default: ``s.name``.
        unit, price_basis : optional
            Default: ``s.attrs["unit"]`` and ``s.attrs["price_basis"]`` if present (``to_pandas`` sets them).
        freq : str, optional
            ``"A"``, ``"Q"`` or ``"M"``: needed for timestamps when the index has no frequency pandas can
            tell (a timestamp is read as the year, quarter or month it falls in).

        Returns
        -------
        Series

        Raises
        ------
        TypeError
            If ``s`` is not a pandas Series, its values are not numbers, or its index holds no periods.
        ValueError
            If ``s`` is empty, or its index has a duplicate period, labels of different frequencies, or
            a label that is not a period (the message names it).

        Examples
        --------
        >>> census = pd.Series([1000.0, 5000.0, 8000.0], index=[2004, 2015, 2022])
        >>> s = Series.from_pandas(census)
        >>> len(s), round(s.cagr(2015, 2022), 6)
        (19, 0.069449)
        """
        function = "Series.from_pandas"
        if not isinstance(s, pd.Series):
            raise TypeError(f"{function}: s must be a pandas Series, got {type(s).__name__}")
        if len(s) == 0:
            raise ValueError(f"{function}: s is empty")
        code, ordinals = time_keys(s.index, function, _freq_code(freq, function))
        order = np.argsort(ordinals, kind="stable")
        ordinals = ordinals[order]
        steps = np.diff(ordinals)
        if np.any(steps == 0):
            k = int(np.flatnonzero(steps == 0)[0])
            duplicate = _core.Period.from_ordinal(code, int(ordinals[k]))
            labels = [repr(s.index[i]) for i in order[k:k + 2]]
            raise ValueError(f"{function}: s.index has the duplicate period {duplicate} ({labels[0]} and {labels[1]})")
        present = float_vector(function, "s", s).take(order)
        values = np.full(int(ordinals[-1] - ordinals[0]) + 1, np.nan)
        values[ordinals - ordinals[0]] = present  # periods the index skips stay missing
        attrs = getattr(s, "attrs", {}) or {}
        if name is None:
            name = "" if s.name is None else str(s.name)
        result = cls.__new__(cls)
        result._core = _core.Series(
            values,
            _core.Period.from_ordinal(code, int(ordinals[0])),
            _unit(unit if unit is not None else attrs.get("unit"), function),
            name,
            _price_basis(price_basis if price_basis is not None else attrs.get("price_basis"), function),
        )
        return result

    @classmethod
    def from_growth(cls, rates: Any, base_value: float, base_period: PeriodLike, start: Optional[PeriodLike] = None,
                    freq: Optional[str] = None, name: Optional[str] = None, unit: Union[str, Unit, None] = None,
                    price_basis: Union[str, PriceBasis, None] = None) -> "Series":
        """Levels from growth rates chain-linked onto a base level.

        The rate at period t is the growth of t over t-1, so ``L_t = L_{t-1} * (1 + g_t)``. Rates for
        periods r0..rn give levels for r0-1..rn; the base period may be any of them, including r0-1.
        Chain-linking comparable-price growth onto a base year's current-price level gives levels at
        comparable prices of that year, which is the default price basis.

        Rates are fractions. A rate above 1 (more than doubling in a period) reads like a percentage
        and one of 50 or more like an index with the previous period = 100 (上年=100): both are used as
        given but raise a :class:`haidian.RateWarning`; for published indices use :meth:`from_index`.

        Parameters
        ----------
        rates : haidian.Series, pandas.Series or array_like
            Growth rates as fractions (a haidian.Series in ``"%"`` is converted).
        base_value : float
            The level at ``base_period`` (positive).
        base_period : int, str or pandas.Period
            Where the level is known.
        start : int, str or pandas.Period, optional
            Period of the first rate, for array input only. Default: the period after ``base_period``.
        freq : str, optional
            Frequency for array input (default: that of ``base_period``).
        name : str, optional
        unit : str or Unit, optional
        price_basis : str or PriceBasis, optional
            Default: comparable prices of the base period's year.

        Returns
        -------
        Series

        Raises
        ------
        ValueError
            For a missing, infinite or <= -1 rate, a base value that is not positive, or a base
            period outside r0-1..rn.
        UnitError
            If the rates are not dimensionless or have another frequency than ``base_period``.

        Examples
        --------
        Haidian 2022: GDP 10206.9 亿元, +3.5% at comparable prices, gives 2021 at 2022 prices:

        >>> s = Series.from_growth([0.035], 10206.9, 2022, start=2022, unit="亿元")
        >>> round(s[2021], 4)
        9861.7391
        """
        function = "Series.from_growth"
        value = _number(base_value, function, "base_value")
        core_rates, base = _chain_inputs(function, "rates", rates, base_period, start, freq)
        if core_rates.unit.is_dimensionless:  # else the core raises UnitError
            labels = [str(core_rates.start + i) for i in range(len(core_rates))]
            warn_implausible(function, "rates", core_rates.values * core_rates.unit.scale, labels)
        result = cls.__new__(cls)
        result._core = _core.Series.from_growth(
            core_rates, value, base, _unit(unit, function), name or "",
            None if price_basis is None else _price_basis(price_basis, function))
        return result

    @classmethod
    def from_index(cls, indices: Any, base_value: float, base_period: PeriodLike, start: Optional[PeriodLike] = None,
                   freq: Optional[str] = None, name: Optional[str] = None, unit: Union[str, Unit, None] = None,
                   price_basis: Union[str, PriceBasis, None] = None, *, base: float = 100.0) -> "Series":
        """Levels from a chain index with the previous period = ``base`` (上年=100), chain-linked.

        NBS publishes comparable-price growth as indices: "上年=100" 106.9 is growth of +6.9%. The index
        at period t is ``base * x_t / x_{t-1}``, so ``L_t = L_{t-1} * I_t / base``, the factor taken
        from the index itself (no detour through a rate). Otherwise as :meth:`from_growth`.

        Parameters
        ----------
        indices : haidian.Series, pandas.Series or array_like
            Chain indices, one per period (dimensionless or unit ``"index"``).
        base_value : float
            The level at ``base_period`` (positive).
        base_period : int, str or pandas.Period
            Where the level is known: any period from the one before the first index to the last.
        start : int, str or pandas.Period, optional
            Period of the first index, for array input only. Default: the period after ``base_period``.
        freq : str, optional
            Frequency for array input (default: that of ``base_period``).
        name, unit, price_basis : optional
            As for :meth:`from_growth` (default price basis: comparable prices of the base year).
        base : float, default 100
            The index value meaning no change (100 for 上年=100; 1 for growth factors).

        Returns
        -------
        Series

        Raises
        ------
        ValueError
            For a missing, infinite or non-positive index or ``base``, a base value that is not
            positive, a base period outside the chain, or a level beyond a double.
        UnitError
            If the indices have a unit.

        Examples
        --------
        >>> s = Series.from_index([106.9, 108.1], 100.0, 2020, unit="亿元")  # 上年=100
        >>> s.values.round(4).tolist()
        [100.0, 106.9, 115.5589]
        """
        function = "Series.from_index"
        value = _number(base_value, function, "base_value")
        core_indices, base_at = _chain_inputs(function, "indices", indices, base_period, start, freq)
        result = cls.__new__(cls)
        result._core = _core.Series.from_index(
            core_indices, value, base_at, _number(base, function, "base"), _unit(unit, function), name or "",
            None if price_basis is None else _price_basis(price_basis, function))
        return result

    # ---- metadata ----

    @property
    def name(self) -> str:
        """Indicator name ('' if none)."""
        return self._core.name

    @property
    def unit(self) -> Unit:
        """Unit of the values."""
        return self._core.unit

    @property
    def price_basis(self) -> PriceBasis:
        """Price basis: none, current, or comparable prices of a base year."""
        return self._core.price_basis

    @property
    def freq(self) -> str:
        """Frequency code: 'A', 'Q' or 'M'."""
        return self._core.freq

    @property
    def start(self) -> pd.Period:
        """First period."""
        return _pandas_period(self._core.start)

    @property
    def end(self) -> pd.Period:
        """Last period."""
        return _pandas_period(self._core.end)

    @property
    def periods(self) -> pd.PeriodIndex:
        """The periods as a pandas PeriodIndex."""
        return pd.period_range(start=self.start, periods=len(self), freq=_PANDAS_FREQ[self.freq])

    @property
    def values(self) -> np.ndarray:
        """The values: a read-only numpy view of the C++ storage (no copy); NaN where missing."""
        return self._core.values

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[float]:
        return iter(self.values.tolist())

    def __array__(self, dtype: Any = None, copy: Optional[bool] = None) -> np.ndarray:
        if copy:
            return np.array(self.values, dtype=dtype, copy=True)
        return self.values if dtype is None else self.values.astype(dtype)

    def __getitem__(self, key: Any) -> Any:
        """``s[2022]`` is the value at 2022 (NaN if missing); ``s[2015:2020]`` the periods 2015..2020."""
        if isinstance(key, slice):
            if key.step is not None:
                raise ValueError("Series.__getitem__: a step is not supported in a period slice")
            first = self._core.start if key.start is None else _period(key.start, self.freq, "Series.slice", "first")
            last = self._core.end if key.stop is None else _period(key.stop, self.freq, "Series.slice", "last")
            return _wrap(self._core.slice(first, last))
        return self._core.at(_period(key, self.freq, "Series.at", "period"))

    def at(self, period: PeriodLike) -> float:
        """Value at a period.

        Parameters
        ----------
        period : int, str or pandas.Period

        Returns
        -------
        float
            NaN if missing.

        Raises
        ------
        ValueError
            If the period is outside the series.
        """
        return self._core.at(_period(period, self.freq, "Series.at", "period"))

    def rename(self, name: str) -> "Series":
        """A copy with another name.

        Parameters
        ----------
        name : str

        Returns
        -------
        Series
        """
        if not isinstance(name, str):
            raise TypeError(f"Series.rename: name must be a string, got {type(name).__name__}")
        return _wrap(self._core.renamed(name))

    # ---- pandas ----

    def to_pandas(self) -> pd.Series:
        """A pandas Series on a PeriodIndex (values copied), with unit and price basis in ``attrs``.

        Returns
        -------
        pandas.Series
        """
        out = pd.Series(np.array(self.values), index=self.periods, name=self.name or None)
        out.attrs["unit"] = self.unit.symbol
        out.attrs["price_basis"] = str(self.price_basis)
        return out

    # ---- growth ----

    def growth(self) -> "Series":
        """Period-on-period growth ``x_t / x_{t-1} - 1`` as fractions (环比; 同比 for annual data).

        Returns
        -------
        Series
            Dimensionless, same periods; the first, and any period whose own or previous value is
            missing, is NaN: across a gap (census years with the years between missing) there is no
            one-period growth; use :meth:`cagr` between the known points.

        Raises
        ------
        ValueError
            If a present previous value is zero or negative, or the ratio of two values is beyond a
            double (1e-300 to 1e300 in one period); the message names both values.
        """
        return _wrap(self._core.growth())

    def yoy(self) -> "Series":
        """Year-on-year growth ``x_t / x_{t-k} - 1`` with k = 1, 4 or 12 periods (同比).

        Returns
        -------
        Series
            Dimensionless; the first k periods are NaN.

        Raises
        ------
        ValueError
            If a present value a year earlier is zero or negative.
        """
        return _wrap(self._core.yoy())

    def cagr(self, start: PeriodLike, end: PeriodLike) -> float:
        """Compound annual growth rate ``(x_end / x_start)^(1/years) - 1`` between two periods.

        ``years`` is the calendar distance (2004 to 2015 is 11 years, whatever lies between); values in
        between may be missing; sub-annual series give an annualised rate. Computed in logs, so levels
        from 1e-300 to 1e300 give the true rate, and a rate beyond a double is an error, never inf.

        Parameters
        ----------
        start, end : int, str or pandas.Period
            Periods of the series with present, positive values; end after start.

        Returns
        -------
        float

        Raises
        ------
        ValueError
            If a period is outside the series, end is not after start, or an endpoint is missing or
            not positive.
        UnitError
            If a period has another frequency.

        Examples
        --------
        >>> s = Series([1000.0] + [float("nan")] * 10 + [5000.0], start=2004)
        >>> abs(s.cagr(2004, 2015) - (5 ** (1 / 11) - 1)) < 1e-15
        True
        """
        return self._core.cagr(_period(start, self.freq, "Series.cagr", "start"),
                               _period(end, self.freq, "Series.cagr", "end"))

    def average_growth(self, years: int, end: Optional[PeriodLike] = None) -> float:
        """"N年平均增长": geometric average annual growth over ``years`` years ending at ``end``.

        Equal to ``cagr(end - years, end)``; for the same figure from published annual rates use
        :func:`haidian.average_growth`.

        Parameters
        ----------
        years : int
            At least 1.
        end : int, str or pandas.Period, optional
            Default: the last period.

        Returns
        -------
        float

        Raises
        ------
        ValueError
            If years < 1, the series is too short, or an endpoint is missing or not positive.
        """
        count = _integer(years, "Series.average_growth", "years")
        last = None if end is None else _period(end, self.freq, "Series.average_growth", "end")
        return self._core.average_growth(count, last)

    # ---- indices, deflation, units ----

    def rebase(self, period: PeriodLike, to: float = 100.0) -> "Series":
        """An index equal to ``to`` at ``period``: ``x_t * to / x_period`` (unit "index").

        Parameters
        ----------
        period : int, str or pandas.Period
        to : float, default 100

        Returns
        -------
        Series

        Raises
        ------
        ValueError
            If the period is outside the series, its value is missing or not positive, or ``to``
            is not positive and finite.
        """
        return _wrap(self._core.rebase(_period(period, self.freq, "Series.rebase", "period"),
                                       _number(to, "Series.rebase", "to")))

    def deflate(self, price_index: Any, base_year: int) -> "Series":
        """Current-price values at comparable prices of ``base_year``: ``x_t * P_base / P_t``.

        The index may have any reference period (2010 = 100, 2015 = 1, ...): only ratios of it
        enter. For quarterly/monthly series ``P_base`` is the index's mean over the base year.

        Parameters
        ----------
        price_index : haidian.Series or pandas.Series
            Dimensionless (or "index") price index of the same frequency, covering every period of
            this series and the base year.
        base_year : int

        Returns
        -------
        Series
            With price basis ``comparable base_year``.

        Raises
        ------
        UnitError
            If this series is not at current prices, or the index has a unit or another frequency.
        ValueError
            If the index misses a needed period or a needed index value is missing or not positive.
        """
        function = "Series.deflate"
        index = _as_series(price_index, function, "price_index")
        return _wrap(self._core.deflate(index._core, _integer(base_year, function, "base_year")))

    def to(self, unit: Union[str, Unit]) -> "Series":
        """The values in another unit of the same dimension (亿元 -> 万元 multiplies by 1e4).

        Parameters
        ----------
        unit : str or Unit

        Returns
        -------
        Series

        Raises
        ------
        UnitError
            If the dimensions differ (亿元 -> 美元, 亿元 -> 吨标准煤).
        """
        return _wrap(self._core.to(_unit(unit, "Series.to")))

    # ---- combining two series ----

    def ratio(self, denominator: Any) -> "Series":
        """``self / denominator`` on the common periods, in the derived unit (intensity).

        E.g. 万吨标准煤 / 亿元 is in 万吨标准煤/亿元 (= 吨标准煤/万元, scale 1e-4). If the dimensions cancel
        the result is dimensionless with the scale folded into the values.

        Parameters
        ----------
        denominator : haidian.Series or pandas.Series

        Returns
        -------
        Series

        Raises
        ------
        ValueError
            If no periods are common or a present denominator value is zero or negative.
        UnitError
            If the frequencies differ.
        """
        other = _as_series(denominator, "Series.ratio", "denominator")
        return _wrap(self._core.ratio(other._core))

    intensity = ratio

    def share(self, total: Any) -> "Series":
        """``self / total`` as a dimensionless fraction on the common periods.

        Parameters
        ----------
        total : haidian.Series or pandas.Series
            In a compatible unit and the same price basis.

        Returns
        -------
        Series

        Raises
        ------
        UnitError
            For incompatible units, frequencies or price bases.
        ValueError
            If no periods are common or a present total is zero or negative.
        """
        other = _as_series(total, "Series.share", "total")
        return _wrap(self._core.share(other._core))

    def product(self, other: Any) -> "Series":
        """``self * other`` on the common periods, in the product unit (e.g. intensity × output).

        Units multiply, and a known unit's symbol is used where the product has its dimension and
        scale, so ``(a/b) * b`` is ``a``: 吨标准煤/万元 × 亿元 = 万吨标准煤, 万元/人 × 万人 = 亿元. A
        dimensionless factor (a share, ``"%"``) keeps the other factor's unit and cancelling
        dimensions give a dimensionless result, the scale folded into the values in both cases.

        Price basis (consistent with :meth:`ratio`): none × none is none; a priced series times an
        unpriced one keeps the priced basis; two priced series need the same basis and give none
        (intensity per comparable 万元 × comparable GDP is energy, which has no prices).

        Parameters
        ----------
        other : haidian.Series or pandas.Series

        Returns
        -------
        Series
            Named ``"self × other"``.

        Raises
        ------
        UnitError
            If the frequencies or two price bases differ.
        ValueError
            If no periods are common or a product overflows.

        Examples
        --------
        >>> intensity = Series([0.30, 0.28], start=2021, unit="吨标准煤/万元", price_basis="comparable 2020")
        >>> gdp = Series([10000.0, 10350.0], start=2021, unit="亿元", price_basis="comparable 2020")
        >>> energy = intensity.product(gdp)   # or intensity * gdp
        >>> energy.unit.symbol, round(energy[2022], 6), str(energy.price_basis)
        ('万吨标准煤', 2898.0, 'none')
        """
        other_series = _as_series(other, "Series.product", "other")
        return _wrap(self._core.product(other_series._core))

    # ---- frequencies and year-to-date values ----

    def to_annual(self, how: str, incomplete: str = "raise") -> "Series":
        """Quarterly or monthly values aggregated to calendar years.

        There is no default for ``how``: whether an indicator is a flow or a stock is not something the
        series knows. To compare with pandas: ``s.to_pandas().resample("Y").sum()`` (or ``.mean()``,
        ``.last()``), except that pandas sums incomplete years silently.

        Parameters
        ----------
        how : {"sum", "mean", "last"}
            ``"sum"`` for flows (GDP, energy use: the year's total); ``"mean"`` for levels averaged
            over the year (average population, price indices); ``"last"`` for stocks at the end of
            the year (year-end population, built-up land) and for year-to-date totals (the
            full-year value). Intensities are not averaged: aggregate numerator and denominator,
            then take :meth:`ratio`.
        incomplete : {"raise", "drop"}, default "raise"
            A year is complete when the values ``how`` needs are in the series and not missing: all
            4 quarters (12 months) for sum and mean, the last one for last. ``"raise"`` raises for an
            incomplete year (never a partial sum); ``"drop"`` leaves incomplete years out at the
            ends and makes them missing (NaN) between complete years.

        Returns
        -------
        Series
            Annual, with the same name, unit and price basis.

        Raises
        ------
        ValueError
            If the series is annual, ``how``/``incomplete`` is unknown, a year is incomplete (with
            ``"raise"``, naming the year and the missing period), or no year is complete (``"drop"``).
        TypeError
            If ``how`` or ``incomplete`` is not a string.

        Examples
        --------
        >>> q = Series([100.0, 110.0, 120.0, 130.0, 105.0], start="2022Q1", unit="亿元")
        >>> q.to_annual("sum", incomplete="drop").to_pandas().to_dict()
        {Period('2022', 'Y-DEC'): 460.0}
        """
        function = "Series.to_annual"
        return _wrap(self._core.to_annual(_string(how, function, "how"), _string(incomplete, function, "incomplete")))

    def to_quarterly(self, how: str, incomplete: str = "raise") -> "Series":
        """Monthly values aggregated to quarters, by the rules of :meth:`to_annual`.

        Parameters
        ----------
        how : {"sum", "mean", "last"}
            As in :meth:`to_annual`; ``"last"`` takes the quarter's last month.
        incomplete : {"raise", "drop"}, default "raise"
            As in :meth:`to_annual`: a quarter needs all 3 months (its last month for ``"last"``).

        Returns
        -------
        Series
            Quarterly, with the same name, unit and price basis.

        Raises
        ------
        ValueError
            If the series is not monthly, ``how``/``incomplete`` is unknown, or a quarter is
            incomplete (with ``"raise"``).
        TypeError
            If ``how`` or ``incomplete`` is not a string.
        """
        function = "Series.to_quarterly"
        return _wrap(self._core.to_quarterly(_string(how, function, "how"),
                                             _string(incomplete, function, "incomplete")))

    def to_discrete(self, nonnegative: bool = True) -> "Series":
        """Year-to-date totals (累计: "1-3季度累计", "1-11月累计") to the value of each quarter or month.

        ``d_p = c_p`` for the year's first quarter (January), else ``c_p - c_{p-1}``. A value whose
        predecessor in the year is missing or before the series is missing (NaN): a monthly series
        with the combined "1-2月" figure and no January gives NaN for January and February.

        Parameters
        ----------
        nonnegative : bool, default True
            The flow cannot be negative (GDP, energy, water, land use): a negative first value or a
            year-to-date total that decreases raises, which also catches data that were not
            cumulative. Pass False for flows that can be negative (net exports, profits).

        Returns
        -------
        Series
            Same periods, name, unit and price basis.

        Raises
        ------
        ValueError
            If the series is annual, or (with ``nonnegative``) a total decreases or is negative; the
            message names the period.
        TypeError
            If ``nonnegative`` is not a bool.

        Examples
        --------
        >>> ytd = Series([2.0, 5.0, 9.0, 14.0], start="2022Q1", unit="亿元")  # 1季度, 1-2季度, ...
        >>> ytd.to_discrete().values.tolist()
        [2.0, 3.0, 4.0, 5.0]
        """
        if not isinstance(nonnegative, (bool, np.bool_)):
            raise TypeError(f"Series.to_discrete: nonnegative must be a bool, got {type(nonnegative).__name__}")
        return _wrap(self._core.to_discrete(bool(nonnegative)))

    def to_cumulative(self) -> "Series":
        """Year-to-date totals (累计) of quarterly or monthly values; the inverse of :meth:`to_discrete`.

        Returns
        -------
        Series
            ``c_p`` = sum of the year's values up to p; missing (NaN) where one of them is missing or
            before the series.

        Raises
        ------
        ValueError
            If the series is annual.
        """
        return _wrap(self._core.to_cumulative())

    def align(self, other: Any) -> Tuple["Series", "Series"]:
        """Both series restricted to their common periods (units may differ).

        Parameters
        ----------
        other : haidian.Series or pandas.Series

        Returns
        -------
        tuple of Series

        Raises
        ------
        UnitError
            If the frequencies differ.
        ValueError
            If there is no common period.
        """
        return align(self, other)

    def isclose(self, other: Any, rtol: float = 1e-9, atol: float = 0.0) -> bool:
        """Same periods, and values within ``atol + rtol * |other|`` after unit conversion.

        Parameters
        ----------
        other : haidian.Series or pandas.Series
        rtol, atol : float

        Returns
        -------
        bool

        Raises
        ------
        UnitError
            For incompatible units, frequencies or price bases.
        """
        other_series = _as_series(other, "Series.isclose", "other")
        return self._core.isclose(other_series._core, _number(rtol, "Series.isclose", "rtol"),
                                  _number(atol, "Series.isclose", "atol"))

    def equals(self, other: Any) -> bool:
        """Exactly equal: name, unit, price basis, periods and values (NaN matching NaN).

        Parameters
        ----------
        other : object

        Returns
        -------
        bool
        """
        return isinstance(other, Series) and self._core.equals(other._core)

    def __add__(self, other: Any) -> "Series":
        return _wrap(self._core.add(_as_series(other, "Series.add", "other")._core))

    def __sub__(self, other: Any) -> "Series":
        return _wrap(self._core.subtract(_as_series(other, "Series.subtract", "other")._core))

    def __mul__(self, other: Any) -> "Series":
        if isinstance(other, (Series, pd.Series)):
            return self.product(other)
        return _wrap(self._core.multiply(_number(other, "Series.multiply", "factor")))

    def __rmul__(self, other: Any) -> "Series":
        if isinstance(other, (Series, pd.Series)):
            return _as_series(other, "Series.product", "other").product(self)
        return _wrap(self._core.multiply(_number(other, "Series.multiply", "factor")))

    def __truediv__(self, other: Any) -> "Series":
        if isinstance(other, (Series, pd.Series)):
            return self.ratio(other)
        return _wrap(self._core.divide(_number(other, "Series.divide", "divisor")))

    def __radd__(self, other: Any) -> "Series":
        if isinstance(other, pd.Series):
            return _as_series(other, "Series.add", "other") + self
        return NotImplemented

    def __rsub__(self, other: Any) -> "Series":
        if isinstance(other, pd.Series):
            return _as_series(other, "Series.subtract", "other") - self
        return NotImplemented

    def __rtruediv__(self, other: Any) -> "Series":
        if isinstance(other, pd.Series):
            return _as_series(other, "Series.ratio", "numerator").ratio(self)
        return NotImplemented

    # numpy: a numpy scalar or array on the left of an operator calls the ufunc with this Series as an
    # operand. The arithmetic ufuncs go to the Series operators, so np.float64(2) * s is a Series with
    # s's unit (and np.float64(2) + s the same TypeError as 2 + s); every other ufunc (np.log, np.sqrt,
    # comparisons) works on the values and returns a plain array, since its result has no unit haidian
    # could name.
    _ARITHMETIC = {"multiply": ("__mul__", "__rmul__"), "true_divide": ("__truediv__", "__rtruediv__"),
                   "add": ("__add__", None), "subtract": ("__sub__", None)}

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        operators = self._ARITHMETIC.get(ufunc.__name__)
        if operators is not None and method == "__call__" and not kwargs and len(inputs) == 2:
            left, right = inputs
            if isinstance(left, Series):
                return getattr(left, operators[0])(right.item() if isinstance(right, np.generic) else right)
            if operators[1] is None or isinstance(left, np.ndarray) and left.ndim > 0:
                return NotImplemented  # number + Series, array * Series: not defined
            return getattr(right, operators[1])(left.item() if isinstance(left, np.generic) else left)
        arrays = tuple(np.asarray(x.values) if isinstance(x, Series) else x for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(x.values) if isinstance(x, Series) else x for x in kwargs["out"])
        return getattr(ufunc, method)(*arrays, **kwargs)

    # ---- pickling and display ----

    def __getstate__(self) -> dict:
        unit = self.unit
        return {
            "values": np.array(self.values),
            "start": str(self._core.start),
            "freq": self.freq,
            "unit": (unit.symbol, unit.scale, dict(unit.dimension)),
            "name": self.name,
            "price_basis": str(self.price_basis),
        }

    def __setstate__(self, state: dict) -> None:
        symbol, scale, dimension = state["unit"]
        self._core = _core.Series(
            np.asarray(state["values"], dtype=np.float64),
            _core.Period(state["start"], state["freq"]),
            _core.Unit.from_parts(symbol, scale, dimension),
            state["name"],
            _core.PriceBasis(state["price_basis"]),
        )

    def _header(self) -> str:
        name = repr(self.name) if self.name else "(unnamed)"
        unit = self.unit.symbol
        return (f"haidian.Series {name}: unit {unit}, price basis {self.price_basis}, "
                f"{_FREQ_WORDS[self.freq]} {self._core.start}..{self._core.end} ({len(self)} periods)")

    def __repr__(self) -> str:
        frame = pd.Series(np.array(self.values), index=[str(p) for p in self.periods], dtype=np.float64)
        if len(frame) > 12:
            body = "\n".join(
                [frame.head(6).to_string(), "...", frame.tail(6).to_string()])
        else:
            body = frame.to_string()
        return f"{self._header()}\n{body}"

    def _repr_html_(self) -> str:
        periods = [str(p) for p in self.periods]
        values = list(self.values)
        rows = list(zip(periods, values))
        if len(rows) > 12:
            rows = rows[:6] + [("…", None)] + rows[-6:]
        cells = "".join(
            f"<tr><th>{html.escape(p)}</th><td>{'' if v is None else ('NaN' if np.isnan(v) else f'{v:.6g}')}</td></tr>"
            for p, v in rows)
        name = html.escape(self.name) if self.name else "(unnamed)"
        return (
            f"<div class='haidian-series'><strong>haidian.Series</strong> {name}<br>"
            f"unit: {html.escape(self.unit.symbol)} &middot; price basis: {html.escape(str(self.price_basis))} "
            f"&middot; {_FREQ_WORDS[self.freq]} {self._core.start}..{self._core.end} ({len(self)} periods)"
            f"<table><thead><tr><th>period</th><th>value</th></tr></thead><tbody>{cells}</tbody></table></div>"
        )


# ---------------------------------------------------------------------------------------------
# module-level functions


def align(a: Any, b: Any) -> Tuple[Series, Series]:
    """Two series restricted to the periods they have in common.

    Units may differ: aligning energy use with GDP before taking an intensity is the common case.

    Parameters
    ----------
    a, b : haidian.Series or pandas.Series

    Returns
    -------
    tuple of Series

    Raises
    ------
    UnitError
        If the frequencies differ.
    ValueError
        If there is no common period.

    Examples
    --------
    >>> import haidian
    >>> a = haidian.Series([1.0, 2.0, 3.0], start=2020)
    >>> b = haidian.Series([10.0, 20.0], start=2021)
    >>> x, y = haidian.align(a, b)
    >>> x.values.tolist(), y.values.tolist()
    ([2.0, 3.0], [10.0, 20.0])
    """
    left = _as_series(a, "align", "a")
    right = _as_series(b, "align", "b")
    x, y = _core.align(left._core, right._core)
    return _wrap(x), _wrap(y)


def average_growth(rates: Any) -> float:
    """"N年平均增长" from published growth rates: ``((1+g_1)...(1+g_N))^(1/N) - 1`` (geometric).

    Parameters
    ----------
    rates : array_like, pandas.Series or haidian.Series
        Growth rates as fractions (a haidian.Series in "%" is converted); none may be missing.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If empty, or a rate is missing, infinite or not greater than -1.
    UnitError
        If a haidian.Series of rates is not dimensionless.

    Examples
    --------
    >>> round(average_growth([0.05, 0.10]), 6)  # sqrt(1.05 * 1.10) - 1
    0.074709
    """
    if isinstance(rates, Series):
        if not rates.unit.is_dimensionless:
            raise _core.UnitError(f"average_growth: rates has unit {rates.unit.describe()}, but must be "
                                  "dimensionless (fractions or '%')")
        array = rates.to(Unit()).values
    else:
        array = float_vector("average_growth", "rates", rates)
    warn_implausible("average_growth", "rates", array)
    return _core.average_growth(array)
