"""Growth-rate inputs shared by haidian.series, haidian.decoupling and haidian.targets.

* :class:`RateWarning`: a rate that reads like a percentage (``3.5`` for 3.5%) or an index with the
  previous period = 100 (``106.9``) rather than a fraction. Which rates are flagged is decided in the
  C++ core (``haidian/growth_rates.hpp``: above ``percent_like_rate`` = 1, i.e. more than doubling in
  one period, or at or above ``index_like_rate`` = 50); this module only turns the core's verdict into
  a Python warning that points at the caller's line.
* :func:`time_keys`: a year is a year whether it is written ``2022``, ``pd.Period("2022")`` or
  ``pd.Timestamp("2022-12-31")``: annual, quarterly and monthly labels become comparable
  ``(frequency, ordinal)`` keys, so a Series from ``to_pandas()`` (Periods) meets data read from a file
  (integer years); mixed frequencies are refused.
"""

from __future__ import annotations

import datetime
import numbers
import os
import sys
import warnings
from typing import Any, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _core

__all__ = ["RateWarning", "warn_implausible", "time_keys"]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_FREQ_WORDS = {"A": "annual", "Q": "quarterly", "M": "monthly"}


class RateWarning(UserWarning):
    """A growth rate that looks like a percentage or an index rather than a fraction.

    haidian takes growth rates as fractions (0.035 is 3.5%). A rate above 1 (growth of more than
    100% in one period) is more often a percentage typed as a number, and a rate of 50 or more reads
    like an index with the previous period = 100 (上年=100; use :meth:`haidian.Series.from_index`).
    Real growth that large exists (small sectors, new products), so such rates are used as given and
    only warned about; silence the warning for a call with
    ``warnings.simplefilter("ignore", haidian.RateWarning)`` inside ``warnings.catch_warnings()``.

    Examples
    --------
    A rate of 3.5 (meant as 3.5%) is used as given, with a warning:

    >>> import warnings, haidian
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     rate = haidian.average_growth([3.5, 3.5])
    >>> caught[0].category is haidian.RateWarning, round(rate, 4)
    (True, 3.5)
    """


def _caller_stacklevel() -> int:
    """The stacklevel of the first frame outside the haidian package, so warnings name user code."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _PACKAGE_DIR:
        frame = frame.f_back
        level += 1
    return level


def warn_implausible(function: str, argument: str, values: np.ndarray, labels: Optional[Sequence[Any]] = None,
                     years: float = 1.0) -> None:
    """Warns (RateWarning) about the first rate in ``values`` that reads like a percentage or an index.

    ``labels`` (an index) names the element in the message instead of its position.
    """
    array = np.ascontiguousarray(values, dtype=np.float64).reshape(-1)
    array = np.where(np.isfinite(array), array, np.nan)  # infinities are refused by the checks, not judged
    found = _core.implausible_rate(array, function, argument, float(years))
    if found is None:
        return
    position, message = found
    if labels is not None and array.size > 1 and position < len(labels):
        label = labels[position]
        shown = repr(label.item() if isinstance(label, np.generic) else label)
        message = message.replace(f"{argument}[{position}]", f"{argument}[{shown}]", 1)
    warnings.warn(message, RateWarning, stacklevel=_caller_stacklevel())


# ----------------------------------------------------------------------------------------------
# time labels


def _pandas_freq_code(freqstr: str, function: str) -> str:
    try:
        return _core.parse_frequency(freqstr)
    except ValueError as error:
        raise ValueError(str(error).replace("parse_frequency", function, 1)) from None


def _datetime_freq_code(freqstr: str, function: str) -> str:
    """'A'/'Q'/'M' of a timestamp frequency: period-start spellings (YS-JAN, QS-OCT, MS) name calendar
    years, quarters and months too, since a timestamp is read as the period it falls in."""
    starts = {"YS": "A", "AS": "A", "BYS": "A", "BAS": "A", "QS": "Q", "BQS": "Q", "MS": "M", "BMS": "M"}
    head = freqstr.split("-")[0].upper()
    return starts[head] if head in starts else _pandas_freq_code(freqstr, function)


def _key_of(label: Any, freq: Optional[str], function: str) -> Tuple[str, int]:
    """``(frequency code, ordinal)`` of one label; ValueError/TypeError naming it otherwise."""
    if isinstance(label, pd.Period):
        code = _pandas_freq_code(label.freqstr, function)
        period = _core.Period(str(label), code)
        return code, period.ordinal
    if isinstance(label, _core.Period):
        return label.freq, label.ordinal
    if isinstance(label, (bool, np.bool_)):
        raise TypeError(f"{function}: the index holds {label!r}, which is not a period")
    if isinstance(label, numbers.Integral):
        year = int(label)
        if not 1 <= year <= 9999:
            raise ValueError(f"{function}: the index holds the year {year}, but years must be within 1..9999")
        return "A", year
    if isinstance(label, numbers.Real):
        value = float(label)
        if not (np.isfinite(value) and value == int(value)):
            raise ValueError(f"{function}: the index holds {value!r}, which is not a whole year")
        return _key_of(int(value), freq, function)
    if isinstance(label, (pd.Timestamp, datetime.date, np.datetime64)):
        if freq is None:
            raise ValueError(f"{function}: the index holds the timestamp {label!r}, but timestamps do not say "
                             "whether the data are annual, quarterly or monthly; pass freq='A', 'Q' or 'M'")
        stamp = pd.Timestamp(label)
        period = _core.Period(str(stamp.to_period({"A": "Y", "Q": "Q", "M": "M"}[freq])), freq)
        return freq, period.ordinal
    if isinstance(label, str):
        try:
            period = _core.Period(label) if freq is None else _core.Period(label, freq)
        except ValueError as error:
            raise ValueError(f"{function}: the index holds {label!r}, which is not a period ({error})") from None
        return period.freq, period.ordinal
    raise TypeError(f"{function}: the index holds {label!r} of type {type(label).__name__}, which is not a "
                    "period (years as int, pandas Periods, period strings or timestamps)")


def time_keys(index: pd.Index, function: str, freq: Optional[str] = None) -> Tuple[str, np.ndarray]:
    """The frequency code and the period ordinals of a time index, one per label.

    Accepts a PeriodIndex, integer (or whole float) years, a DatetimeIndex (with ``freq``, its own
    frequency, or one pandas can infer), or an object/string index mixing ints, Periods, strings and
    timestamps of one frequency. Raises ValueError for mixed frequencies or labels that are not periods,
    TypeError for an index of another kind.
    """
    if isinstance(index, pd.MultiIndex):
        raise TypeError(f"{function}: the index is a MultiIndex, but must hold periods")
    if isinstance(index, pd.PeriodIndex):
        code = _pandas_freq_code(index.freqstr, function)
        if freq is not None and freq != code:
            raise ValueError(f"{function}: the index is {_FREQ_WORDS[code]}, but freq={freq!r} was asked for")
        years = index.year.to_numpy(dtype=np.int64)
        if code == "A":
            return code, years
        if code == "Q":
            return code, years * 4 + index.quarter.to_numpy(dtype=np.int64) - 1
        return code, years * 12 + index.month.to_numpy(dtype=np.int64) - 1
    if isinstance(index, pd.DatetimeIndex):
        code = freq
        if code is None and index.freqstr is not None:
            code = _datetime_freq_code(index.freqstr, function)
        if code is None and len(index) >= 3:
            with warnings.catch_warnings():  # pandas 3 announces an offset instead of a string; take either
                warnings.simplefilter("ignore")
                inferred = pd.infer_freq(index)
            if inferred is not None:
                code = _datetime_freq_code(getattr(inferred, "freqstr", inferred), function)
        if code is None:
            raise ValueError(f"{function}: the index holds timestamps without a frequency; pass freq='A', 'Q' or 'M'")
        return time_keys(index.to_period({"A": "Y", "Q": "Q", "M": "M"}[code]), function, code)
    if pd.api.types.is_bool_dtype(index.dtype):
        raise TypeError(f"{function}: the index holds booleans, but must hold periods")
    if pd.api.types.is_integer_dtype(index.dtype) or pd.api.types.is_float_dtype(index.dtype):
        codes_ordinals = [_key_of(x, freq, function) for x in index.tolist()]
    elif index.dtype == object or pd.api.types.is_string_dtype(index.dtype):
        codes_ordinals = [_key_of(x, freq, function) for x in index.tolist()]
    else:
        raise TypeError(f"{function}: the index has dtype {index.dtype}, but must hold periods (years as int, "
                        "pandas Periods, period strings or timestamps)")
    if not codes_ordinals:
        return freq or "A", np.zeros(0, dtype=np.int64)
    codes: List[str] = [c for c, _ in codes_ordinals]
    first = codes[0]
    for label, code in zip(index.tolist(), codes):
        if code != first:
            raise ValueError(f"{function}: the index mixes frequencies: {index[0]!r} is {_FREQ_WORDS[first]} but "
                             f"{label!r} is {_FREQ_WORDS[code]}; convert one of them first")
    return first, np.array([o for _, o in codes_ordinals], dtype=np.int64)


def is_time_index(index: Optional[pd.Index]) -> bool:
    """Whether ``index`` holds periods that :func:`time_keys` can read (without a freq argument)."""
    if index is None or isinstance(index, pd.RangeIndex):
        return False
    try:
        time_keys(index, "is_time_index")
    except (TypeError, ValueError):
        return False
    return True
