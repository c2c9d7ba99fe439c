"""Period and sector labels of pandas inputs: one meaning of a year, alignment by label, gaps.

Private helpers shared by :mod:`haidian.decomposition` and :mod:`haidian.tidy`. Analysts' years
arrive in several spellings: integers (frames read from files), annual pandas Periods
(:meth:`haidian.Series.to_pandas`), year-start or year-end timestamps (``date_range(freq="YS")``),
strings such as ``"2021"``. They all name the same calendar year and are matched as one; a quarter
and a year are not, and mixing them is an error naming both.
"""

from __future__ import annotations

import numbers
from typing import Any, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

#: The pandas frequency of calendar years (Periods from ``freq="Y"``).
CALENDAR_YEAR = "Y-DEC"

_FREQUENCY_NAMES = {"Y": "annual", "Q": "quarterly", "M": "monthly", "W": "weekly", "D": "daily", "h": "hourly"}


def show(value: Any) -> str:
    """A label for a message: 2021, 'industry', 2022Q1 (no numpy reprs such as np.int64(2021))."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return str(value.date()) if value == value.normalize() else str(value)
    return repr(value)


def plain(value: Any) -> str:
    """A label as text without quotes (for step labels such as "2016→2018")."""
    text = show(value)
    return text[1:-1] if isinstance(value, str) else text


def show_list(values: Sequence[Any], limit: int = 8) -> str:
    """Up to ``limit`` labels, comma separated, with "…" when there are more."""
    items = [show(v) for v in list(values)[:limit]]
    return ", ".join(items) + (", …" if len(values) > limit else "")


def year_of(item: Any) -> Optional[int]:
    """The calendar year an item names, or None: 2021, 2021.0, "2021", Period("2021", "Y-DEC"),
    and timestamps on 1 January or 31 December at midnight (year-start and year-end stamps)."""
    if isinstance(item, (bool, np.bool_)):
        return None
    if isinstance(item, (numbers.Integral, np.integer)):
        return int(item)
    if isinstance(item, (float, np.floating)):
        return int(item) if np.isfinite(item) and float(item).is_integer() else None
    if isinstance(item, str):
        text = item.strip()
        return int(text) if text.lstrip("-").isdigit() else None
    if isinstance(item, pd.Period):
        return int(item.year) if item.freqstr == CALENDAR_YEAR else None
    if isinstance(item, pd.Timestamp):
        if item.tz is None and item == item.normalize() and (item.month, item.day) in ((1, 1), (12, 31)):
            return int(item.year)
    return None


def kind_of(item: Any) -> str:
    """What an item is, for a message: "years", "quarterly periods (Q-DEC)", "dates", "labels"."""
    if year_of(item) is not None:
        return "years"
    if isinstance(item, pd.Period):
        code = item.freqstr
        return f"{_FREQUENCY_NAMES.get(code[0], code)} periods ({code})"
    if isinstance(item, (pd.Timestamp, np.datetime64)):
        return "dates"
    if isinstance(item, (numbers.Real, np.number)) and not isinstance(item, (bool, np.bool_)):
        return "numbers"
    return "labels"


class PeriodAxis(NamedTuple):
    """An index classified: its kind, its calendar years (or None) and its time positions.

    ``ordinals`` are integers that advance by one per period (years, or pandas Period ordinals),
    or None when the index has no such count (dates of no fixed frequency, numbers, labels);
    ``sort_key`` orders the periods in time, or is None for labels with no time order (strings).
    """

    kind: str
    years: Optional[np.ndarray]
    ordinals: Optional[np.ndarray]
    sort_key: Optional[np.ndarray]


def classify(index: pd.Index) -> PeriodAxis:
    """Classifies a period index (small: one entry per period)."""
    if isinstance(index, pd.PeriodIndex):
        if index.freqstr == CALENDAR_YEAR:
            years = np.asarray(index.year, dtype=np.int64)
            return PeriodAxis("years", years, years, years)
        ordinals = np.asarray(index.asi8, dtype=np.int64)
        return PeriodAxis(kind_of(index[0]) if len(index) else "periods", None, ordinals, ordinals)
    if isinstance(index, pd.DatetimeIndex):
        if len(index) and index.tz is None and (index == index.normalize()).all() and (
                ((index.month == 1) & (index.day == 1)).all() or ((index.month == 12) & (index.day == 31)).all()):
            years = np.asarray(index.year, dtype=np.int64)
            return PeriodAxis("years", years, years, years)
        return PeriodAxis("dates", None, None, np.asarray(index.asi8))
    kind = index.dtype.kind
    if kind in "iu":
        years = np.asarray(index, dtype=np.int64)
        return PeriodAxis("years", years, years, years)
    if kind == "f":
        values = np.asarray(index, dtype=np.float64)
        if np.all(np.isfinite(values)) and np.all(values == np.round(values)):
            years = values.astype(np.int64)
            return PeriodAxis("years", years, years, years)
        return PeriodAxis("numbers", None, None, values)
    found = [year_of(item) for item in index]
    if found and all(year is not None for year in found):
        years = np.asarray(found, dtype=np.int64)
        return PeriodAxis("years", years, years, years)
    kinds = {kind_of(item) for item in index}
    return PeriodAxis(kinds.pop() if len(kinds) == 1 else "mixed labels", None, None, None)


class Aligned(NamedTuple):
    """Labels agreed on by several labelled inputs, and how each input's rows map onto them.

    ``labels`` are in time order (periods) or the first input's order (columns); ``rows[j]`` are
    the positions in input ``j`` of each label (None when they are 0, 1, ... already).
    """

    labels: pd.Index
    rows: List[Optional[np.ndarray]]


def _identity(positions: np.ndarray) -> bool:
    return bool(np.array_equal(positions, np.arange(len(positions))))


def _refuse_duplicates(function: str, name: str, index: pd.Index, what: str) -> None:
    if not isinstance(index, pd.MultiIndex) and index.hasnans:
        raise ValueError(f"{function}: {name} has a missing {what} label (NaN); label every {what}")
    if not index.is_unique:
        repeated = index[index.duplicated()].unique()
        raise ValueError(f"{function}: {name} has the {what}(s) {show_list(repeated)} more than once; each "
                         f"{what} must appear once (aggregate or select the rows first)")


def _refuse_difference(function: str, what: str, first: Tuple[str, pd.Index], other: Tuple[str, pd.Index],
                       keys: Tuple[pd.Index, pd.Index]) -> None:
    """The error for two inputs whose labels are not the same set, naming what differs."""
    lacking = keys[0].difference(keys[1], sort=False)
    extra = keys[1].difference(keys[0], sort=False)
    # Name the labels as the user wrote them, not as matched (2017, not the year key).
    lacking = first[1][keys[0].get_indexer(lacking)]
    extra = other[1][keys[1].get_indexer(extra)]
    parts = []
    if len(lacking):
        parts.append(f"{other[0]} lacks {show_list(lacking)} (in {first[0]})")
    if len(extra):
        parts.append(f"{other[0]} has {show_list(extra)} (not in {first[0]})")
    raise ValueError(f"{function}: the {what}s of the inputs differ: {'; '.join(parts)}; give every input "
                     f"the same {what}s")


def align_periods(function: str, sources: Sequence[Tuple[str, pd.Index]]) -> Aligned:
    """Matches the period labels of several inputs and puts them in time order.

    Years match whatever their spelling (see :func:`year_of`); the result keeps the first input's
    labels when every input spells them alike, and is integer years when they differ. Other labels
    match when they are equal (a quarter never matches a year). Duplicated or missing labels, and
    inputs whose periods are not the same set, are refused with errors naming the labels.
    """
    first_name, first = sources[0]
    for j, (name, index) in enumerate(sources):
        if j == 0 or index is not first:  # the same index object (frames built on one index) once
            _refuse_duplicates(function, name, index, "period")
    keys: List[pd.Index] = [index for _, index in sources]
    labels = first
    rows: List[Optional[np.ndarray]] = [None] * len(sources)
    if any(index is not first and not (index.dtype == first.dtype and index.equals(first)) for _, index in sources):
        rows = [None]
        axes = [classify(index) for _, index in sources]
        if all(axis.years is not None for axis in axes):
            keys = [pd.Index(axis.years) for axis in axes]
            alike = all(index.dtype == first.dtype for _, index in sources) and first.dtype != object
            labels = first if alike else pd.Index(axes[0].years, name=first.name)
        else:
            for (name, index), axis in zip(sources, axes):
                if axis.kind == "mixed labels":
                    raise ValueError(f"{function}: {name} mixes kinds of period labels ({show_list(index, 4)}); "
                                     "use one kind (e.g. integer years, or pandas Periods of one frequency)")
            other = next((j for j, axis in enumerate(axes) if axis.kind != axes[0].kind), None)
            if other is not None:
                name, index = sources[other]
                raise ValueError(f"{function}: {first_name} has {axes[0].kind} ({show_list(first, 3)}), but {name} "
                                 f"has {axes[other].kind} ({show_list(index, 3)}); convert them to one frequency "
                                 "first")
        for j in range(1, len(sources)):
            if keys[j] is keys[0] or keys[j].equals(keys[0]):
                rows.append(None)
                continue
            positions = keys[j].get_indexer(keys[0])
            if (positions < 0).any() or len(keys[j]) != len(keys[0]):
                _refuse_difference(function, "period", sources[0], sources[j], (keys[0], keys[j]))
            rows.append(None if _identity(positions) else positions)
    if len(labels) > 1 and not _increasing(labels):
        key = classify(labels).sort_key
        if key is not None and not bool(np.all(np.diff(key) > 0)):
            order = np.argsort(key, kind="stable")
            labels = labels[order]
            rows = [order if r is None else r[order] for r in rows]
    return Aligned(labels, rows)


def _increasing(index: pd.Index) -> bool:
    """Whether pandas sees the labels as increasing (cached on the index; False when incomparable)."""
    try:
        return bool(index.is_monotonic_increasing)
    except TypeError:
        return False


def align_columns(function: str, sources: Sequence[Tuple[str, pd.Index]], what: str = "sector") -> Aligned:
    """Matches the column labels (sectors, regions) of several inputs, in the first input's order.

    Equal sets in another order are reordered; different sets are refused naming the labels that
    are missing from, or extra in, which input.
    """
    first = sources[0][1]
    for j, (name, index) in enumerate(sources):
        if j == 0 or index is not first:
            _refuse_duplicates(function, name, index, what)
    rows: List[Optional[np.ndarray]] = [None]
    for j in range(1, len(sources)):
        index = sources[j][1]
        if index is first or index.equals(first):
            rows.append(None)
            continue
        positions = index.get_indexer(first)
        if (positions < 0).any() or len(index) != len(first):
            _refuse_difference(function, what, sources[0], sources[j], (first, index))
        rows.append(None if _identity(positions) else positions)
    return Aligned(first, rows)


def missing_between(axis: PeriodAxis, labels: pd.Index, jumps: Sequence[int], limit: int = 8) -> str:
    """The periods missing after each position in ``jumps`` of ``labels``, as text ("2017")."""
    assert axis.ordinals is not None
    found: List[int] = []
    count = 0
    for t in jumps:
        start, end = int(axis.ordinals[t]), int(axis.ordinals[t + 1])
        count += end - start - 1
        found.extend(range(start + 1, min(end, start + 1 + limit - len(found))))
    named: Sequence[Any] = found
    if axis.years is None and isinstance(labels, pd.PeriodIndex):
        named = list(pd.PeriodIndex.from_ordinals(found, freq=labels.freq))
    more = count - len(found)
    return ", ".join(plain(v) for v in named) + (f" and {more} more" if more > 0 else "")
