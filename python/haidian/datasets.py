"""Datasets bundled with haidian, and the reader and checker of tidy indicator tables.

The tidy indicator table has one row per published figure::

    indicator, region, period, value, unit, price_basis, kind, source,
    label_zh, relative_to, qualifier, source_line

The first eight columns are required in a user's file; the last four are optional (defaults: empty
label, empty ``relative_to``, qualifier ``"exact"``, no source line). The conventions, shared with the
C++ reader ``haidian/dataset.hpp``, the one reader of these tables (this module binds it):

* ``indicator`` and ``region``: snake_case ids (``[a-z][a-z0-9_]*``). One indicator names one
  quantity; ``kind`` says which figure about it a row is, so GDP's level, growth and share of the city
  are three rows of indicator ``gdp``.
* ``period``: ``YYYY``, a span ``YYYY-YYYY`` (十三五 is ``2016-2020``), a month ``YYYY-MM`` or a day
  ``YYYY-MM-DD``. A month or day on a cumulative count means "as of".
* ``value``: a finite decimal number in ``unit``. Growth rates and shares are fractions with unit
  ``"fraction"`` (3.5% is 0.035), as everywhere in haidian; ranks have unit ``"rank"``. Money and area
  keep the statistical unit the source states (``亿元``, ``万美元``, ``万m²``, ``km²``, ``ha``);
  counts are plain numbers (1万家 is 10000 with unit ``enterprises``).
* ``price_basis``: ``current``, ``comparable`` or empty (not a money figure or its growth).
* ``kind``: ``level``, ``growth`` (period-on-period change, > -1), ``share`` (in [0, 1]), ``count``
  (>= 0) or ``rank`` (an integer >= 1).
* ``relative_to``: what the figure compares against: the base period of a growth rate, the whole of a
  share (``beijing`` = the city total), the field of a rank (``beijing_districts``).
* ``qualifier``: the source's wording: ``exact``, ``approx`` (约, 近), ``at_least`` (余, 多,
  以上, 突破, 达到), ``at_most`` (不到).
* ``source``: the exact fragment of the source text the number comes from; ``source_line`` its line.
* No two rows share (indicator, region, period, kind).

Examples
--------
>>> from haidian import datasets
>>> datasets.period_years("2016-2020")  # 十三五
(2016, 2020)
"""

from __future__ import annotations

import numbers
import os
from importlib import resources
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from . import _core

try:  # pandas' string storage when installed
    import pyarrow as _pyarrow
except ImportError:  # pragma: no cover - depends on the installation
    _pyarrow = None

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "KINDS",
    "PRICE_BASES",
    "QUALIFIERS",
    "MAX_SOURCE_LINE",
    "DataFileError",
    "haidian_2022",
    "load_csv",
    "check_table",
    "period_years",
]

COLUMNS: Tuple[str, ...] = (
    "indicator", "region", "period", "value", "unit", "price_basis", "kind", "source",
    "label_zh", "relative_to", "qualifier", "source_line",
)
"""Every column of a tidy indicator table, in file order.

Examples
--------
>>> from haidian import datasets
>>> len(datasets.COLUMNS), datasets.COLUMNS[:3]
(12, ('indicator', 'region', 'period'))
"""
REQUIRED_COLUMNS: Tuple[str, ...] = COLUMNS[:8]
"""The columns a user's file must have (the others get defaults).

Examples
--------
>>> from haidian import datasets
>>> datasets.REQUIRED_COLUMNS[-1], len(datasets.REQUIRED_COLUMNS)
('source', 8)
"""
KINDS: Tuple[str, ...] = ("level", "growth", "share", "count", "rank")
"""The values of the ``kind`` column: what a figure is.

Examples
--------
>>> from haidian import datasets
>>> datasets.KINDS
('level', 'growth', 'share', 'count', 'rank')
"""
PRICE_BASES: Tuple[str, ...] = ("", "current", "comparable")
"""The values of the ``price_basis`` column (empty for figures without a price basis).

Examples
--------
>>> from haidian import datasets
>>> datasets.PRICE_BASES
('', 'current', 'comparable')
"""
QUALIFIERS: Tuple[str, ...] = ("exact", "approx", "at_least", "at_most")
"""The values of the ``qualifier`` column: how the published figure bounds the true one.

Examples
--------
>>> from haidian import datasets
>>> datasets.QUALIFIERS
('exact', 'approx', 'at_least', 'at_most')
"""
MAX_SOURCE_LINE = 2**31 - 1
"""The largest ``source_line`` (the C++ reader stores it in an ``int``).

Examples
--------
>>> from haidian import datasets
>>> datasets.MAX_SOURCE_LINE == 2**31 - 1
True
"""

# Text columns whose few distinct values repeat down a table: categoricals (a code of one or two bytes
# a row). period (compared and sorted as text by the report) and source (nearly one value per row)
# stay plain strings.
_CATEGORICAL = ("indicator", "region", "unit", "price_basis", "kind", "label_zh", "relative_to",
                "qualifier")
_DATA_FILE = "haidian_2022.csv"


class DataFileError(ValueError):
    """A tidy indicator table that breaks a rule, located by line (or row) and column.

    Attributes
    ----------
    where : str
        The file name and line (``"my.csv line 7"``) or the table row (``"data row 3"``).
    column : str or None
        The offending column, or None when the problem is the row or file as a whole.

    Examples
    --------
    >>> import pandas as pd
    >>> from haidian import datasets
    >>> try:
    ...     datasets.check_table(pd.DataFrame({"indicator": ["gdp"]}))
    ... except datasets.DataFileError as error:
    ...     print(error.where, error.column)
    data region
    """

    def __init__(self, message: str, where: str = "", column: Optional[str] = None) -> None:
        super().__init__(message)
        self.where = where
        self.column = column

    def __reduce__(self) -> Tuple[Any, ...]:  # keep it picklable with its attributes
        return (type(self), (str(self), self.where, self.column))


def period_years(period: Union[str, int]) -> Tuple[int, int]:
    """First and last calendar year a period covers.

    Parameters
    ----------
    period : str or int
        ``2022``, ``"2022"``, ``"2016-2020"``, ``"2023-02"`` or ``"2023-01-05"`` (ASCII digits).

    Returns
    -------
    tuple of int
        ``(first_year, last_year)``; equal unless the period is a span of years.

    Raises
    ------
    ValueError
        If ``period`` does not follow the grammar above.

    Examples
    --------
    >>> period_years("2016-2020")
    (2016, 2020)
    """
    return _core.dataset_period_years(str(period))


def _columns(read: Callable[..., Dict[str, Any]], *args: Any) -> Dict[str, Any]:
    """What the C++ reader ``read(*args)`` returns, its DatasetError as a DataFileError."""
    try:
        return read(*args)
    except _core.DatasetError as error:
        message, where, column = error.args
        raise DataFileError(message, where, column or None) from None


def _frame(columns: Dict[str, Any]) -> pd.DataFrame:
    """The typed DataFrame of the reader's columns: text as codes into distinct values, value and
    source_line (0 when not given) as arrays."""
    data: Dict[str, Any] = {}
    for column in COLUMNS:
        if column == "value":
            data[column] = pd.Series(columns.pop(column), dtype=np.float64, copy=False)
        elif column == "source_line":
            lines = columns.pop(column)
            data[column] = pd.Series(pd.arrays.IntegerArray(lines.astype(np.int64), lines == 0))
        else:
            codes, distinct = columns.pop(column)
            data[column] = pd.Series(pd.Categorical.from_codes(codes, pd.Index(distinct, dtype="str"))
                                     if column in _CATEGORICAL else _strings(codes, distinct))
    return pd.DataFrame(data, copy=False)


def _strings(codes: np.ndarray, distinct: List[str]) -> Any:
    """The ``str`` array of ``distinct[codes]``: by pyarrow's take when pandas stores strings in
    pyarrow (no Python object per cell), else through a categorical."""
    if _pyarrow is not None and pd.StringDtype(na_value=np.nan).storage == "pyarrow":
        return pd.array(_pyarrow.array(distinct, type=_pyarrow.large_string()).take(codes),
                        dtype="str")
    return pd.Categorical.from_codes(codes, pd.Index(distinct, dtype="str")).astype("str")


_BUNDLED: Optional[pd.DataFrame] = None


def haidian_2022() -> pd.DataFrame:
    """Every figure about Haidian or Beijing in the article on Haidian's reduction development in 2022.

    The article is "全国首个减量发展城市北京怎么做?升降间海淀是'压舱石'" (2023). One row per
    figure; a figure repeated in the article is one row (its first statement is the source). Figures about
    single companies (revenue, patents, staff) are left out. See ``docs/dataset.md``.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`: ``period`` and ``source`` of dtype ``str``, the other
        text columns categoricals of ``str`` (their values repeat), ``value`` float64 and
        ``source_line`` Int64 (the line of the article). A new copy on each call, so changing it
        cannot affect later calls.

    Examples
    --------
    >>> data = haidian_2022()
    >>> data.query("indicator == 'gdp' and kind == 'level' and period == '2022'").value.item()
    10206.9
    """
    global _BUNDLED
    if _BUNDLED is None:
        # joinpath one part at a time: Python < 3.11 takes a single argument
        resource = resources.files("haidian").joinpath("app").joinpath("data").joinpath(_DATA_FILE)
        _BUNDLED = _frame(_columns(_core.read_dataset_columns, resource.read_bytes(), _DATA_FILE,
                                   "haidian_2022"))
    return _BUNDLED.copy(deep=True)


def load_csv(path: Union[str, "os.PathLike[str]"]) -> pd.DataFrame:
    """Read and check a tidy indicator table from a UTF-8 CSV file, in time linear in its size.

    Parameters
    ----------
    path : str or path-like
        The file: UTF-8 (a byte-order mark is fine), lines ending in CRLF, LF or CR, quoting as in
        RFC 4180; blank lines and lines of only spaces and tabs are skipped. It needs the columns
        of :data:`REQUIRED_COLUMNS` (any order, extra columns ignored); :data:`COLUMNS` lists the
        optional ones. Digits are ASCII ``0-9`` only.

    Returns
    -------
    pandas.DataFrame
        The same columns and types as :func:`haidian_2022`.

    Raises
    ------
    DataFileError
        A ValueError naming the file, the line and the column of the first problem, e.g.
        ``load_csv: my.csv line 7, column 'value': 'abc' is not a number``: the first byte that is
        not UTF-8, else the first quoting error, else a header problem, else the first row that
        breaks a rule. This is the C++ reader ``haidian::read_dataset``, which gives the same
        message after its own name.
    FileNotFoundError
        If the file does not exist (other ``OSError`` if it cannot be read).

    Examples
    --------
    >>> import os, tempfile
    >>> from haidian import datasets
    >>> text = ("indicator,region,period,value,unit,price_basis,kind,source\\n"
    ...         "gdp,haidian,2022,10206.9,亿元,current,level,yearbook\\n")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "gdp.csv")
    ...     with open(path, "w", encoding="utf-8") as handle:
    ...         _ = handle.write(text)
    ...     table = datasets.load_csv(path)
    >>> table["value"].tolist(), table["qualifier"].tolist()
    ([10206.9], ['exact'])
    """
    path = os.fspath(path)
    name = os.path.basename(path) or path
    with open(path, "rb") as handle:
        columns = _columns(_core.read_dataset_columns, handle.read(), name, "load_csv")
    return _frame(columns)  # the file's bytes are released by now


def check_table(data: pd.DataFrame, function: str = "check_table") -> pd.DataFrame:
    """Check a tidy indicator table held in memory; return a checked, typed copy.

    Parameters
    ----------
    data : pandas.DataFrame
        Columns as in :func:`load_csv`. ``period`` may hold integers (years), ``value`` and
        ``source_line`` numbers.
    function : str
        The name errors start with (the public function that received ``data``).

    Returns
    -------
    pandas.DataFrame
        A new frame with the columns of :data:`COLUMNS` in order and their types; ``data`` is not
        modified.

    Raises
    ------
    TypeError
        If ``data`` is not a DataFrame.
    DataFileError
        A ValueError naming the row (position and index label) and column of the first bad field.

    Examples
    --------
    >>> import pandas as pd
    >>> from haidian import datasets
    >>> data = pd.DataFrame({"indicator": ["gdp"], "region": ["haidian"], "period": [2022],
    ...                      "value": [10206.9], "unit": ["亿元"], "price_basis": ["current"],
    ...                      "kind": ["level"], "source": ["yearbook"]})
    >>> list(datasets.check_table(data).columns) == list(datasets.COLUMNS)
    True
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{function}: data is a {type(data).__name__}, but must be a pandas DataFrame")
    missing = [column for column in REQUIRED_COLUMNS if column not in data.columns]
    if missing:
        raise DataFileError(f"{function}: data lacks column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(c) for c in missing)}", "data", missing[0])
    if data.empty:
        raise DataFileError(f"{function}: data has no rows", "data")
    given = {column: _coded(column, data[column]) for column in COLUMNS if column in data.columns}
    labels = data.index
    return _frame(_columns(_core.check_dataset_table, given, len(data),
                           lambda row: f"data row {row} (index {labels[row]!r})", function))


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _is_integer(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _text_cell(value: Any) -> Tuple[str, str]:
    """(text, problem) of a text column's cell: missing is empty, an integer its digits."""
    if isinstance(value, str):
        return value, ""
    if _is_missing(value):
        return "", ""
    if _is_integer(value):
        return str(value), ""
    return "", f"{value!r} is not text"


def _line_cell(value: Any) -> Tuple[str, str]:
    """(text, problem) of a source_line cell: text as it is (the reader parses it), a number as its
    digits when it is a line number."""
    if isinstance(value, str):
        return value, ""
    if _is_missing(value):
        return "", ""
    if _is_real(value) and np.isfinite(float(value)) and float(value) == int(float(value)) \
            and 1 <= int(value) <= MAX_SOURCE_LINE:
        return str(int(value)), ""
    return "", f"{value!r} is not a line number (1 to {MAX_SOURCE_LINE})"


def _coded(column: str, cells: pd.Series) -> Tuple[np.ndarray, List[str], Optional[List[str]],
                                                    Optional[List[Optional[float]]]]:
    """A DataFrame column as the C++ checker takes it: (codes into the distinct cells, their text,
    per cell a problem or "", for ``value`` per cell its number or None). Each distinct cell is
    looked at once."""
    if column == "value" and isinstance(cells.dtype, np.dtype) and cells.dtype.kind in "fiu":
        codes, distinct = pd.factorize(cells.to_numpy(dtype=np.float64), use_na_sentinel=False)
        return codes.astype(np.int32), [""] * len(distinct), None, distinct.tolist()
    try:
        codes, distinct = pd.factorize(cells, use_na_sentinel=False)
        distinct = list(distinct)
    except TypeError:  # unhashable cells (lists in a DataFrame): one code per cell
        codes, distinct = np.arange(len(cells)), cells.tolist()
    numbers: Optional[List[Optional[float]]] = None
    if column == "value":
        numbers = [float(v) if _is_real(v) else None for v in distinct]
        pairs = [(v, "") if isinstance(v, str) else ("", "") if _is_real(v) else
                 ("", f"{v!r} is not a number") for v in distinct]
    else:
        pairs = [(_line_cell if column == "source_line" else _text_cell)(v) for v in distinct]
    problems = [problem for _, problem in pairs]
    return (np.asarray(codes, dtype=np.int32), [text for text, _ in pairs],
            problems if any(problems) else None, numbers)
