"""Datasets bundled with haidian, and the reader and checker of tidy indicator tables.

The tidy indicator table has one row per published figure::

    indicator, region, period, value, unit, price_basis, kind, source,
    label_zh, relative_to, qualifier, source_line

The first eight columns are required in a user's file; the last four are optional (defaults: empty
label, empty ``relative_to``, qualifier ``"exact"``, no source line). The conventions, shared with the
C++ reader ``haidian/dataset.hpp`` (which applies the same rules and words its errors the same way):

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
"""

from __future__ import annotations

import math
import numbers
import os
import re
from importlib import resources
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "KINDS",
    "PRICE_BASES",
    "QUALIFIERS",
    "DataFileError",
    "haidian_2022",
    "load_csv",
    "check_table",
    "period_years",
]

#: Every column of a tidy indicator table, in file order.
COLUMNS: Tuple[str, ...] = (
    "indicator", "region", "period", "value", "unit", "price_basis", "kind", "source",
    "label_zh", "relative_to", "qualifier", "source_line",
)
#: The columns a user's file must have (the others get defaults).
REQUIRED_COLUMNS: Tuple[str, ...] = COLUMNS[:8]
KINDS: Tuple[str, ...] = ("level", "growth", "share", "count", "rank")
PRICE_BASES: Tuple[str, ...] = ("", "current", "comparable")
QUALIFIERS: Tuple[str, ...] = ("exact", "approx", "at_least", "at_most")

_STRING_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "source_line"))
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*\Z")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{4})|-(\d{2})(?:-(\d{2}))?)?\Z")
# Plain decimal numbers only (no "nan", "inf", "1_000", hex, spaces), so C++ and Python agree.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_DATA_FILE = "haidian_2022.csv"


class DataFileError(ValueError):
    """A tidy indicator table that breaks a rule, located by line (or row) and column.

    Attributes
    ----------
    where : str
        The file name and line (``"my.csv line 7"``) or the table row (``"data row 3"``).
    column : str or None
        The offending column, or None when the problem is the row or file as a whole.
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
        ``2022``, ``"2022"``, ``"2016-2020"``, ``"2023-02"`` or ``"2023-01-05"``.

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
    problem = _period_problem(str(period))
    if problem:
        raise ValueError(f"period_years: period is {period!r}, but {problem}")
    match = _PERIOD.match(str(period))
    assert match is not None
    first = int(match.group(1))
    return first, int(match.group(2)) if match.group(2) else first


def _period_problem(text: str) -> str:
    """Why ``text`` is not a period ("" when it is one)."""
    match = _PERIOD.match(text)
    if not match:
        return "must be YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD"
    year, end, month, day = match.groups()
    if end is not None and int(end) <= int(year):
        return "the span must end after it starts"
    if month is not None and not 1 <= int(month) <= 12:
        return "the month must be 01 to 12"
    if day is not None:
        y, m = int(year), int(month)
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        if not 1 <= int(day) <= days:
            return f"the day must be 01 to {days:02d}"
    return ""


# ---------------------------------------------------------------------------------------------
# CSV text -> records. A small RFC 4180 reader written to match haidian/dataset.hpp rule for rule
# (Python's csv module accepts a stray quote inside an unquoted field; we reject it, as C++ does).


def _parse_csv(text: str, name: str, function: str) -> List[Tuple[int, List[str]]]:
    """Split CSV text into (line number of the record's first line, fields); blank lines skipped."""
    if text.startswith("\ufeff"):  # a UTF-8 byte-order mark, as spreadsheet programs write
        text = text[1:]
    records: List[Tuple[int, List[str]]] = []
    i, n, line = 0, len(text), 1
    while i < n:
        start_line = line
        fields: List[str] = []
        while True:  # one field per iteration
            if i < n and text[i] == '"':
                i += 1
                chunk: List[str] = []
                while True:
                    if i >= n:
                        raise DataFileError(
                            f"{function}: {name} line {start_line}: a quoted field is not closed",
                            f"{name} line {start_line}")
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            chunk.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\n":
                        line += 1
                    chunk.append(c)
                    i += 1
                field = "".join(chunk)
                if i < n and text[i] not in ",\r\n":
                    raise DataFileError(
                        f"{function}: {name} line {line}: unexpected text after a closing quote",
                        f"{name} line {line}")
            else:
                j = i
                while j < n and text[j] not in ',\r\n"':
                    j += 1
                if j < n and text[j] == '"':
                    raise DataFileError(
                        f"{function}: {name} line {line}: a quote inside an unquoted field "
                        "(quote the whole field and double the quote)", f"{name} line {line}")
                field, i = text[i:j], j
            fields.append(field)
            if i < n and text[i] == ",":
                i += 1
                continue
            # end of record: \n, \r\n, a lone \r, or end of text
            if i < n and text[i] == "\r":
                i += 1
            if i < n and text[i] == "\n":
                i += 1
            line += 1
            break
        if fields != [""]:
            records.append((start_line, fields))
    return records


# ---------------------------------------------------------------------------------------------
# One record -> checked, typed values.


def _shown(value: float) -> str:
    """Shortest round-trip text of a float, as the C++ reader prints it (2.0 -> "2")."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _fail(function: str, where: str, column: Optional[str], problem: str) -> DataFileError:
    place = f"{where}, column '{column}'" if column else where
    return DataFileError(f"{function}: {place}: {problem}", where, column)


def _check_record(raw: Dict[str, Any], where: str, function: str) -> Dict[str, Any]:
    """Check one row (strings from a file, or Python/numpy values from a DataFrame); return it typed."""

    def text(column: str, default: str = "") -> str:
        value = raw.get(column, default)
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            return default
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (str, numbers.Integral)):
            raise _fail(function, where, column, f"{value!r} is not text")
        return str(value)

    row: Dict[str, Any] = {}
    for column in ("indicator", "region"):
        value = text(column)
        if not _IDENTIFIER.match(value):
            raise _fail(function, where, column,
                        f"{value!r} is not a snake_case id ([a-z][a-z0-9_]*)")
        row[column] = value

    period = text("period")
    problem = _period_problem(period)
    if problem:
        raise _fail(function, where, "period", f"{period!r} is not a period: {problem}")
    row["period"] = period

    kind = text("kind")
    if kind not in KINDS:
        raise _fail(function, where, "kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    row["kind"] = kind

    raw_value = raw.get("value")
    if isinstance(raw_value, str):
        if not _NUMBER.match(raw_value):
            raise _fail(function, where, "value", f"{raw_value!r} is not a number")
        number = float(raw_value)
    elif isinstance(raw_value, numbers.Real) and not isinstance(raw_value, (bool, np.bool_)):
        number = float(raw_value)
    else:
        raise _fail(function, where, "value", f"{raw_value!r} is not a number")
    if not math.isfinite(number):
        raise _fail(function, where, "value", f"{_shown(number)} is not finite")
    if kind == "growth" and not number > -1.0:
        raise _fail(function, where, "value",
                    f"{_shown(number)} is a growth rate of -100% or less "
                    "(growth is a fraction: -0.05 is -5%)")
    if kind == "share" and not 0.0 <= number <= 1.0:
        raise _fail(function, where, "value",
                    f"{_shown(number)} is a share outside [0, 1] (shares are fractions: 0.35 is 35%)")
    if kind == "count" and number < 0.0:
        raise _fail(function, where, "value", f"{_shown(number)} is a negative count")
    if kind == "rank" and (number < 1.0 or number != math.floor(number)):
        raise _fail(function, where, "value", f"{_shown(number)} is not a rank (an integer >= 1)")
    row["value"] = number

    unit = text("unit")
    if not unit:
        raise _fail(function, where, "unit", "is empty")
    wanted_unit = {"growth": "fraction", "share": "fraction", "rank": "rank"}.get(kind)
    if wanted_unit and unit != wanted_unit:
        raise _fail(function, where, "unit",
                    f"{unit!r} for a {kind}, but it must be {wanted_unit!r}")
    row["unit"] = unit

    price_basis = text("price_basis")
    if price_basis not in PRICE_BASES:
        raise _fail(function, where, "price_basis",
                    f"{price_basis!r} is not one of current, comparable or empty")
    row["price_basis"] = price_basis

    row["source"] = text("source")
    row["label_zh"] = text("label_zh")
    row["relative_to"] = text("relative_to")
    qualifier = text("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise _fail(function, where, "qualifier",
                    f"{qualifier!r} is not one of {', '.join(QUALIFIERS)}")
    row["qualifier"] = qualifier

    line = raw.get("source_line")
    if line is None or line is pd.NA or (isinstance(line, float) and math.isnan(line)) or line == "":
        row["source_line"] = pd.NA
    else:
        if isinstance(line, str):
            ok = line.isascii() and line.isdigit()
            number = int(line) if ok else 0
        else:
            ok = isinstance(line, numbers.Real) and not isinstance(line, (bool, np.bool_)) \
                and float(line) == math.floor(float(line))
            number = int(line) if ok else 0
        if not ok or number < 1:
            raise _fail(function, where, "source_line", f"{line!r} is not a line number (>= 1)")
        row["source_line"] = number
    return row


def _build_frame(rows: List[Dict[str, Any]], wheres: List[str], function: str) -> pd.DataFrame:
    """Check uniqueness of (indicator, region, period, kind) and assemble the typed DataFrame."""
    seen: Dict[Tuple[str, str, str, str], str] = {}
    for row, where in zip(rows, wheres):
        key = (row["indicator"], row["region"], row["period"], row["kind"])
        if key in seen:
            raise _fail(function, where, None,
                        f"repeats indicator {key[0]!r}, region {key[1]!r}, period {key[2]!r}, "
                        f"kind {key[3]!r} of {seen[key]}")
        seen[key] = where
    data = {
        column: pd.Series([row[column] for row in rows], dtype="str")  # pandas 3: str; 2: object
        for column in _STRING_COLUMNS
    }
    data["value"] = pd.Series([row["value"] for row in rows], dtype=np.float64)
    data["source_line"] = pd.Series([row["source_line"] for row in rows], dtype="Int64")
    return pd.DataFrame({column: data[column] for column in COLUMNS})


def _frame_from_text(text: str, name: str, function: str) -> pd.DataFrame:
    records = _parse_csv(text, name, function)
    if not records:
        raise DataFileError(f"{function}: {name} is empty (it needs a header line)", name)
    header_line, header = records[0]
    for position, column in enumerate(header):
        if column in header[:position]:
            raise DataFileError(f"{function}: {name} line {header_line}: column '{column}' "
                                "appears twice in the header", f"{name} line {header_line}", column)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise DataFileError(
            f"{function}: {name} line {header_line}: the header lacks column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(repr(c) for c in missing)}",
            f"{name} line {header_line}", missing[0])
    rows, wheres = [], []
    for line, fields in records[1:]:
        where = f"{name} line {line}"
        if len(fields) != len(header):
            raise DataFileError(f"{function}: {where}: has {len(fields)} fields but the header "
                                f"has {len(header)}", where)
        rows.append(_check_record(dict(zip(header, fields)), where, function))
        wheres.append(where)
    if not rows:
        raise DataFileError(f"{function}: {name} has a header but no data rows", name)
    return _build_frame(rows, wheres, function)


_BUNDLED: Optional[pd.DataFrame] = None


def haidian_2022() -> pd.DataFrame:
    """Every figure about Haidian or Beijing in the article on Haidian's reduction development in 2022.

    The article is "全国首个减量发展城市北京怎么做?升降间海淀是'压舱石'" (2023). One row per
    figure; a figure repeated in the article is one row (its first statement is the source). Figures about
    single companies (revenue, patents, staff) are left out. See ``docs/dataset.md``.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`: text columns of dtype ``str``, ``value`` float64 and
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
        resource = resources.files("haidian").joinpath("data").joinpath(_DATA_FILE)
        text = resource.read_text(encoding="utf-8")
        _BUNDLED = _frame_from_text(text, _DATA_FILE, "haidian_2022")
    return _BUNDLED.copy(deep=True)


def load_csv(path: Union[str, "os.PathLike[str]"]) -> pd.DataFrame:
    """Read and check a tidy indicator table from a UTF-8 CSV file.

    Parameters
    ----------
    path : str or path-like
        The file. It needs the columns of :data:`REQUIRED_COLUMNS` (any order, extra columns
        ignored); :data:`COLUMNS` lists the optional ones.

    Returns
    -------
    pandas.DataFrame
        The same columns and types as :func:`haidian_2022`.

    Raises
    ------
    DataFileError
        A ValueError naming the file, the line and the column of the first bad field, e.g.
        ``load_csv: my.csv line 7, column 'value': 'abc' is not a number``.
    FileNotFoundError
        If the file does not exist.
    """
    path = os.fspath(path)
    name = os.path.basename(path) or path
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataFileError(f"load_csv: {name} line {line}: is not UTF-8 text", f"{name} line {line}")
    return _frame_from_text(text, name, "load_csv")


def check_table(data: pd.DataFrame, function: str = "check_table") -> pd.DataFrame:
    """Check a tidy indicator table held in memory; return a checked, typed copy.

    Parameters
    ----------
    data : pandas.DataFrame
        Columns as in :func:`load_csv`. ``period`` may hold integers (years).
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
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{function}: data is a {type(data).__name__}, but must be a pandas DataFrame")
    missing = [column for column in REQUIRED_COLUMNS if column not in data.columns]
    if missing:
        raise DataFileError(f"{function}: data lacks column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(c) for c in missing)}", "data", missing[0])
    if data.empty:
        raise DataFileError(f"{function}: data has no rows", "data")
    present = [column for column in COLUMNS if column in data.columns]
    rows, wheres = [], []
    for position, (label, values) in enumerate(zip(data.index, data[present].itertuples(index=False))):
        where = f"data row {position} (index {label!r})"
        rows.append(_check_record(dict(zip(present, values)), where, function))
        wheres.append(where)
    return _build_frame(rows, wheres, function)
