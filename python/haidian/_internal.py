"""What several modules share: turning user input into float arrays with errors that name the function
and the argument, turning rate arguments (numbers, arrays, pandas or haidian Series, matched by
period) into what the core takes and back into labelled results, and when effects close.

Private: the public modules import these; nothing here is part of the API.
"""

from __future__ import annotations

import numbers
import re
from typing import Any, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._labels import align_columns
from ._rates import time_keys, warn_implausible

#: Tapio's coupling band, both edges included: the core's tapio_coupling_lower and tapio_coupling_upper
#: (include/haidian/decoupling.hpp), which the compiled module does not expose; the plots draw it and
#: the report names it, the classification itself is the core's.
TAPIO_BAND: Tuple[float, float] = (0.8, 1.2)

#: Largest relative closure residual of correct effects, every method and mode: the core's
#: closure_tolerance (include/haidian/decomposition.hpp), which the compiled module does not expose.
CLOSURE_TOLERANCE = 1e-10

# --------------------------------------------------------------------------------------------------
# Closure: do the effects add up (or multiply up) to the change?
# --------------------------------------------------------------------------------------------------


def additive_closure(effects: Any, total: Any, levels: Any = None) -> np.ndarray:
    """Relative closure residual of additive effects, the core's detail::additive_closure:
    ``(Σ_k ΔV_k - ΔV) / (|V^0| + |V^T| + Σ_k |ΔV_k|)`` per row of ``effects`` (factors along the last
    axis). ``levels`` is ``|V^0| + |V^T|``; when the levels are unknown ``|ΔV|`` stands in for them (it
    is never larger, so the check is no looser). The residual itself where every term is 0."""
    effects = np.asarray(effects, dtype=np.float64)
    total = np.asarray(total, dtype=np.float64)
    residual = effects.sum(axis=-1) - total
    scale = (np.abs(total) if levels is None else np.asarray(levels, dtype=np.float64)) + \
        np.abs(effects).sum(axis=-1)
    return np.where(scale > 0.0, residual / np.where(scale > 0.0, scale, 1.0), residual)


def multiplicative_closure(effects: Any, ratio: Any) -> np.ndarray:
    """Relative closure residual of multiplicative effects in logs, the core's
    detail::multiplicative_closure: ``(Σ_k ln D_k - ln R) / max(1, Σ_k |ln D_k| + |ln R|)`` per row of
    ``effects`` (factors along the last axis), R the ratio of the aggregate."""
    with np.errstate(divide="ignore", invalid="ignore"):  # a non-positive effect gives NaN: no closure
        logs = np.log(np.asarray(effects, dtype=np.float64))
        log_total = np.log(np.asarray(ratio, dtype=np.float64))
    return (logs.sum(axis=-1) - log_total) / np.maximum(1.0, np.abs(logs).sum(axis=-1) + np.abs(log_total))


def closes(residuals: Any) -> bool:
    """Whether every relative closure residual is within :data:`CLOSURE_TOLERANCE` (NaN never is)."""
    return bool(np.all(np.abs(np.asarray(residuals, dtype=np.float64)) <= CLOSURE_TOLERANCE))


# --------------------------------------------------------------------------------------------------
# Input coercion
# --------------------------------------------------------------------------------------------------


def float64_array(function: str, argument: str, value: Any) -> np.ndarray:
    """``value`` as float64 (a view when it already is), or a TypeError naming the argument."""
    if type(value) is np.ndarray and value.dtype == np.float64:
        return value  # the common case, first: no conversion, no copy
    if isinstance(value, (pd.Series, pd.DataFrame)):
        try:
            return value.to_numpy(dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{function}: {argument} must be numeric, but {error}") from None
    try:
        array = np.asarray(value)
    except Exception as error:  # pragma: no cover - exotic array-likes
        raise TypeError(f"{function}: {argument} must be numeric, but {error}") from None
    if array.dtype == np.float64:
        return array
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{function}: {argument} has dtype {array.dtype}, but must be numeric")
    return array.astype(np.float64)


def float64_copy(function: str, argument: str, values: Any) -> np.ndarray:
    """A float64 copy of ``values``, or a TypeError naming the argument."""
    try:
        return np.array(values, dtype=float)  # a copy: nothing the caller passed is modified
    except (TypeError, ValueError) as error:
        raise TypeError(f"{function}: {argument} must be numeric, but {error}") from None


def float_vector(function: str, argument: str, values: Any) -> np.ndarray:
    """A 1-d float64 array from a list, numpy array or pandas Series (None/pd.NA become NaN)."""
    if is_haidian_series(values):
        return values.values
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{function}: {argument} must be a sequence of numbers, got {type(values).__name__}")
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{function}: {argument} is a DataFrame, but must be one-dimensional")
    if isinstance(values, (pd.Series, pd.Index)):
        if not (pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype)):
            raise TypeError(f"{function}: {argument} must hold numbers, got dtype {values.dtype}")
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isscalar(values) or values is None:
        raise TypeError(f"{function}: {argument} must be a sequence of numbers, got {type(values).__name__}")
    array = np.asarray(values)
    if array.dtype.kind == "O":
        for i, item in enumerate(array.ravel()):
            if item is None or item is pd.NA:
                continue
            if isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
                raise TypeError(f"{function}: {argument}[{i}] is {item!r}, but must be a number")
        array = np.array([np.nan if (x is None or x is pd.NA) else x for x in array.ravel()],
                         dtype=np.float64).reshape(array.shape)
    elif array.dtype.kind in "US":
        items = list(values) if isinstance(values, (list, tuple)) else list(array.ravel())
        i = next((k for k, item in enumerate(items) if isinstance(item, (str, bytes, np.str_, np.bytes_))), 0)
        raise TypeError(f"{function}: {argument}[{i}] is {str(items[i])!r}, but must be a number")
    elif array.dtype.kind not in "fiu":
        raise TypeError(f"{function}: {argument} must hold numbers, got dtype {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{function}: {argument} has shape {array.shape}, but must be one-dimensional")
    return np.asarray(array, dtype=np.float64)


# --------------------------------------------------------------------------------------------------
# Rate arguments: numbers, arrays, pandas and haidian Series
# --------------------------------------------------------------------------------------------------


RateLike = Union[float, Sequence[float], np.ndarray, pd.Series]


def is_haidian_series(value: Any) -> bool:
    return type(value).__module__ == "haidian.series" and type(value).__name__ == "Series"


def from_haidian_series(value: Any, rates: bool, function: str = "", name: str = "") -> Any:
    """A haidian.Series as a pandas Series on its PeriodIndex; rates in "%" become fractions.

    Raises UnitError naming ``function`` and ``name`` for rates with a unit that is not dimensionless.
    """
    if not is_haidian_series(value):
        return value
    if rates:
        if not value.unit.is_dimensionless:
            raise _core.UnitError(f"{function}: {name} has unit {value.unit.describe()}, but growth rates must be "
                                  "dimensionless (fractions or '%')")
        value = value.to(_core.Unit())
    return value.to_pandas()


def real_array(function: str, name: str, value: Any) -> Tuple[np.ndarray, Optional[pd.Index]]:
    """``(float array, index or None)`` of a pandas Series or an array-like; None and pandas NA become NaN.

    Raises TypeError when the values are not real numbers (strings, booleans, complex numbers, objects).
    """
    index = value.index if isinstance(value, pd.Series) else None
    if index is not None:
        dtype = value.dtype
        if (pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_complex_dtype(dtype)
                or not (pd.api.types.is_numeric_dtype(dtype) or dtype == object)):
            raise TypeError(f"{function}: {name} must hold real numbers, got dtype {dtype}")
        items = value.to_numpy(dtype=object) if dtype == object else None
        if items is None:
            return np.asarray(value.to_numpy(dtype=float, na_value=np.nan), dtype=float), index
    else:
        try:
            items = np.asarray(value)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{function}: {name} must hold numbers ({error})") from None
        if items.dtype.kind in "fiu":
            return np.asarray(items, dtype=float), None
        if items.dtype.kind != "O":
            raise TypeError(f"{function}: {name} must hold real numbers, got dtype {items.dtype}")
    flat = []
    for i, item in enumerate(items.ravel()):
        if item is None or item is pd.NA:
            flat.append(np.nan)
        elif isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
            raise TypeError(f"{function}: {name}[{i}] is {item!r}, but must be a number")
        else:
            flat.append(float(item))
    return np.array(flat, dtype=float).reshape(items.shape), index


def rate_array(function: str, name: str, value: Any, years: Optional[float] = 1.0
           ) -> Tuple[np.ndarray, Optional[pd.Index], bool]:
    """Converts one rate argument to ``(1-D float array, index or None, was_scalar)``.

    Raises TypeError for things that are not numbers (strings, None, DataFrames, complex numbers) and
    ValueError for arrays that are not one-dimensional; the values themselves are checked by the C++
    core. Warns (RateWarning) about a rate that reads like a percentage or an index, judging a
    cumulative change over ``years`` by its annual equivalent; ``years=None`` skips that (not a rate).
    """
    if value is None:
        raise TypeError(f"{function}: {name} is required")
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{function}: {name} is a bool, but must be a number, an array or a Series")
    if isinstance(value, numbers.Real):
        array, index, scalar = np.array([float(value)]), None, True
    else:
        if isinstance(value, pd.DataFrame):
            raise TypeError(f"{function}: {name} is a DataFrame, but must be a number, an array or a Series; "
                            "pick one column")
        if isinstance(value, (str, bytes)):
            raise TypeError(f"{function}: {name} is a string ({value!r}), but must be a number, an array or a "
                            "Series")
        if isinstance(value, numbers.Complex):
            raise TypeError(f"{function}: {name} is {value!r}, but must be a real number, an array or a Series")
        value = from_haidian_series(value, True, function, name)
        array, index = real_array(function, name, value)
        scalar = array.ndim == 0
        if scalar:
            array = array.reshape(1)
        elif array.ndim != 1:
            raise ValueError(f"{function}: {name} has shape {array.shape}, but must be one-dimensional")
    if years is not None:
        warn_implausible(function, name, array, index, years)
    return array, index, scalar


def period_keys(index: Optional[pd.Index]) -> Optional[Tuple[str, np.ndarray]]:
    """``(frequency, ordinals)`` if ``index`` holds periods (years as int, Periods, timestamps), else None."""
    if index is None or isinstance(index, pd.RangeIndex):
        return None
    try:
        return time_keys(index, "")
    except (TypeError, ValueError):
        return None


def match_periods(function: str, name_a: str, ia: pd.Index, name_b: str, ib: pd.Index) -> Optional[np.ndarray]:
    """Positions in ``ib`` of the labels of ``ia``: None if the indexes are equal, else a permutation when
    both hold the same periods (a year is a year, in any order); ValueError for anything else."""
    if ia.equals(ib):
        return None
    ka, kb = period_keys(ia), period_keys(ib)
    if ka is not None and kb is not None and ka[0] == kb[0] and len(ka[1]) == len(kb[1]):
        position = {int(o): i for i, o in enumerate(kb[1])}
        if len(position) == len(kb[1]) and len(set(ka[1].tolist())) == len(ka[1]) and all(
                int(o) in position for o in ka[1]):
            return np.array([position[int(o)] for o in ka[1]], dtype=np.intp)

    def shown(index: pd.Index) -> str:
        return ", ".join(label_text(x) for x in index[:5]) + (", ..." if len(index) > 5 else "")

    raise ValueError(f"{function}: {name_a} and {name_b} have different indexes ([{shown(ia)}] vs [{shown(ib)}]); "
                     "align them first")


def rate_pair(function: str, name_a: str, a: Any, name_b: str, b: Any):
    """Two rate arguments as equally long arrays plus the index of the result.

    A scalar is broadcast against an array; two Series must carry the same index (they are never
    silently aligned, which would hide missing periods). Different lengths are reported by the core,
    naming both arguments. Returns ``(a, b, index, scalar)``.
    """
    xa, ia, sa = rate_array(function, name_a, a)
    xb, ib, sb = rate_array(function, name_b, b)
    if sa and not sb:
        xa = np.full(xb.shape, xa[0])
    elif sb and not sa:
        xb = np.full(xa.shape, xb[0])
    if ia is not None and ib is not None:
        order = match_periods(function, name_a, ia, name_b, ib)
        if order is not None:
            xb = xb[order]
    index = ia if ia is not None else ib
    return xa, xb, index, (sa and sb)


def label_text(value: Any) -> str:
    """repr of an index label without numpy's wrapper (2021, not np.int64(2021))."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _with_labels(names: Sequence[str], label: Any, core_function, *args):
    """Calls the core, rewriting ``name[i]`` in its error message (the core only knows positions) to
    ``label(name, i)``: the one place where the core's positions become the caller's labels."""
    try:
        return core_function(*args)
    except ValueError as error:
        pattern = r"\b(" + "|".join(re.escape(n) for n in names) + r")\[(\d+)\]"

        def relabel(match: "re.Match[str]") -> str:
            return label(match.group(1), int(match.group(2))) or match.group(0)

        raise type(error)(re.sub(pattern, relabel, str(error))) from None


def call_core(names: Sequence[str], index: Optional[pd.Index], scalar: bool, core_function, *args):
    """Calls the core, writing ``name[i]`` in its error message as the caller passed the argument:
    just ``name`` for a number, ``name[label]`` for a Series."""

    def label(name: str, position: int) -> Optional[str]:
        if scalar:
            return name
        if index is not None and position < len(index):
            return f"{name}[{label_text(index[position])}]"
        return None

    return _with_labels(names, label, core_function, *args)


def rate_result(values: np.ndarray, index: Optional[pd.Index], scalar: bool, name: str):
    """A float for scalar input, else a Series named ``name`` on the input's index (or a RangeIndex)."""
    if scalar:
        return float(values[0])
    return pd.Series(np.asarray(values, dtype=float), index=index, name=name)


# --------------------------------------------------------------------------------------------------
# Years × regions DataFrames: every cell is one rate, the core runs over the flattened cells
# --------------------------------------------------------------------------------------------------


def frame_values(function: str, name: str, frame: pd.DataFrame) -> np.ndarray:
    """A DataFrame of rates as a 2-D float array (missing values NaN); TypeError for a column that is not
    numeric."""
    for column, dtype in frame.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
            raise TypeError(f"{function}: {name}[{label_text(column)}] has dtype {dtype}, but must hold numbers")
    return frame.to_numpy(dtype=np.float64, na_value=np.nan)


def frame_pair(function: str, name_a: str, a: Any, name_b: str, b: Any
               ) -> Tuple[np.ndarray, np.ndarray, pd.Index, pd.Index]:
    """Two rate arguments of which at least one is a periods × regions DataFrame, as two flat arrays (row by
    row) plus the frame's index and columns. The other argument must be a DataFrame with the same periods
    (in any order) and regions."""
    frame = a if isinstance(a, pd.DataFrame) else b
    flat = []
    for name, value in ((name_a, a), (name_b, b)):
        if isinstance(value, pd.DataFrame):
            values = frame_values(function, name, value)
            if value is not frame:
                # Regions matched by label as decompose matches sectors, naming any that differ.
                columns = align_columns(function, [(name_a, frame.columns), (name, value.columns)], "region").rows[1]
                if columns is not None:
                    values = values[:, columns]
                order = match_periods(function, name_a, frame.index, name_b, value.index)
                if order is not None:
                    values = values[order]
        else:  # a number is not broadcast: it is too easily a national figure passed by mistake
            other = name_a if name == name_b else name_b
            raise TypeError(f"{function}: {other} is a DataFrame, but {name} is a {type(value).__name__}; give both "
                            "as DataFrames of the same periods and regions")
        warn_implausible(function, name, values, None)
        flat.append(np.ascontiguousarray(values, dtype=np.float64).reshape(-1))
    return flat[0], flat[1], frame.index, frame.columns


def call_core_cells(names: Sequence[str], index: pd.Index, columns: pd.Index, core_function, *args):
    """Calls the core on the flattened cells of a periods × regions frame, writing ``name[i]`` in its
    error message as ``name[period, region]``."""

    def label(name: str, position: int) -> Optional[str]:
        row, column = divmod(position, len(columns))
        if row >= len(index):
            return None
        return f"{name}[{label_text(index[row])}, {label_text(columns[column])}]"

    return _with_labels(names, label, core_function, *args)


def frame_result(values: np.ndarray, index: pd.Index, columns: pd.Index) -> pd.DataFrame:
    """Flat per-cell results as a DataFrame on the input's periods and regions."""
    return pd.DataFrame(np.asarray(values, dtype=np.float64).reshape(len(index), len(columns)), index=index,
                        columns=columns)
