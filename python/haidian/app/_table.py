"""What the application's modules share about tidy tables: getting a checked one, walking its rows,
writing its numbers into formulas, and refusing figures that left the float range.

Private to :mod:`haidian.app`; the scorecard and the report import these, nothing else does.
"""

from __future__ import annotations

import collections
import functools
import itertools
from typing import Any, Callable, Iterator, Optional

import numpy as np
import pandas as pd

from .. import datasets


def checked_table(data: Optional[pd.DataFrame], function: str) -> pd.DataFrame:
    """The checked table: the bundled dataset when ``data`` is None."""
    return datasets.haidian_2022() if data is None else datasets.check_table(data, function)


def each_row(frame: pd.DataFrame) -> Iterator[Any]:
    """``frame.itertuples(index=False)``, one conversion per column rather than per cell (iterating
    a pyarrow-backed text column cell by cell is slow)."""
    row = collections.namedtuple("Row", list(frame.columns))  # type: ignore[misc]
    return itertools.starmap(row, zip(*(frame[column].tolist() for column in frame.columns)))


def fraction(value: float) -> str:
    """A fraction as a percentage with enough digits to reproduce the published figure."""
    return f"{value * 100:+.4g}%"


def number(value: float) -> str:
    """An input written into a formula: enough digits to reproduce it."""
    return f"{value:.10g}"


def one_plus(value: float) -> str:
    """"(1 + 0.035)" or "(1 - 0.03)": a growth factor written with its input."""
    return f"(1 {'-' if value < 0 else '+'} {number(abs(value))})"


def overflow_is_checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``function`` without numpy's overflow warnings: its results go through :func:`finite`,
    which turns a value out of the float range into an error naming it."""

    @functools.wraps(function)
    def quiet(*args: Any, **kwargs: Any) -> Any:
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            return function(*args, **kwargs)

    return quiet


def finite(value: float, what: str, function: str) -> float:
    """``value``, or a ValueError naming the figure and its inputs when it is not finite (inputs
    at the ends of the float range, such as 1e308 / 1e-308, overflow)."""
    if not np.isfinite(value):
        raise ValueError(f"{function}: {what} gives {value}, not a finite number: inputs too large "
                         "or too small for a float; check those rows of the data")
    return float(value)
