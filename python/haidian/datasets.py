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

import io
import math
import numbers
import os
import re
from array import array
from importlib import resources
from typing import IO, Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

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
#: The largest ``source_line`` (the C++ reader stores it in an ``int``).
MAX_SOURCE_LINE = 2**31 - 1

_STRING_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "source_line"))
# ASCII only ([0-9], not \d): "２０１５" and "٣" are not digits to the C++ reader, so not to us either.
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{4})|-([0-9]{2})(?:-([0-9]{2}))?)?")
# Plain decimal numbers only (no "nan", "inf", "1_000", hex, spaces), so C++ and Python agree.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DIGITS = re.compile(r"[0-9]+")
_DATA_FILE = "haidian_2022.csv"
_BLANK = " \t"  # a record of one field made only of these is a blank line, skipped


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
    problem = _period_problem(str(period))
    if problem:
        raise ValueError(f"period_years: period is {period!r}, but {problem}")
    match = _PERIOD.fullmatch(str(period))
    assert match is not None
    first = int(match.group(1))
    return first, int(match.group(2)) if match.group(2) else first


def _period_problem(text: str) -> str:
    """Why ``text`` is not a period ("" when it is one)."""
    match = _PERIOD.fullmatch(text)
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
# How messages show user text and numbers: the C++ reader (haidian/dataset.hpp) shows them the same.

_QUOTED_LIMIT = 80  # characters of a field shown in a message; longer ones end in "..."
_UNSAFE = re.compile("[\\\\'\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: "re.Match[str]") -> str:
    c = match.group()
    if c in "\\'":
        return "\\" + c
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def _quoted(text: str) -> str:
    """``text`` in single quotes on one line: quotes, backslashes and control characters escaped."""
    shown = text if len(text) <= _QUOTED_LIMIT else text[:_QUOTED_LIMIT] + "..."
    return "'" + _UNSAFE.sub(_escape, shown) + "'"


def _shown(value: float) -> str:
    """A float as C++ ``std::to_chars(value)`` writes it: the shortest digits that read back as the
    value, in fixed or scientific notation, whichever is shorter (fixed on a tie)."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    mantissa, _, exponent_text = repr(abs(value)).partition("e")  # Python's repr: shortest digits
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # value = 0.digits x 10**point: the decimal point sits `point` digits into `digits`
    point = len(whole.lstrip("0")) if whole.strip("0") else -(len(fraction) - len(fraction.lstrip("0")))
    point += int(exponent_text or 0)
    digits = digits.rstrip("0")
    exponent = point - 1
    scientific = digits[0] + ("." + digits[1:] if len(digits) > 1 else "") + \
        f"e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if point >= len(digits):  # an integer: to_chars writes its exact digits, not padding zeros
        fixed = str(int(abs(value)))
    elif point > 0:
        fixed = digits[:point] + "." + digits[point:]
    else:
        fixed = "0." + "0" * (-point) + digits
    return sign + (fixed if len(fixed) <= len(scientific) else scientific)


# ---------------------------------------------------------------------------------------------
# Bytes -> CSV records. A small RFC 4180 reader written to match haidian/dataset.hpp rule for rule
# (Python's csv module accepts a stray quote inside an unquoted field; we reject it, as C++ does).
# Lines end in \r\n, \n or a lone \r, inside quoted fields too; the whole file must be UTF-8 before
# anything else is looked at, so an encoding error anywhere is the error reported.

# A closing quote is one not followed by another (as the C++ scan reads it): without the lookahead,
# backtracking would close "a"" at its doubled quote.
_QUOTED_FIELD = re.compile(r'"((?:[^"]|"")*)"(?!")')
_UNQUOTED_FIELD = re.compile(r'[^,\r\n"]*')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _physical_lines(handle: IO[bytes]) -> Iterator[Tuple[bytes, bytes]]:
    """(text, line end) of each line of a binary file; the end is b"\\r\\n", b"\\n", b"\\r" or b""."""
    for raw in handle:  # split after each b"\n"
        if raw.endswith(b"\r\n"):
            body, end = raw[:-2], b"\r\n"
        elif raw.endswith(b"\n"):
            body, end = raw[:-1], b"\n"
        else:
            body, end = raw, b""
        if b"\r" in body:
            pieces = body.split(b"\r")
            for piece in pieces[:-1]:
                yield piece, b"\r"
            body = pieces[-1]
        if body or end:
            yield body, end


def _not_utf8(name: str, function: str, line: int, body: bytes, error: UnicodeDecodeError
              ) -> DataFileError:
    where = f"{name} line {line}"
    return DataFileError(f"{function}: {where}: is not UTF-8 text (byte 0x{body[error.start]:02X} at "
                         f"byte {error.start + 1} of the line; save the file as UTF-8)", where)


def _split_quoted(text: str, line: int, name: str, function: str) -> List[str]:
    """The fields of one record holding quotes (``text`` may span lines inside quoted fields)."""

    def fail(position: int, problem: str) -> DataFileError:
        at = line + len(_LINE_BREAK.findall(text, 0, position))
        return DataFileError(f"{function}: {name} line {at}: {problem}", f"{name} line {at}")

    fields: List[str] = []
    i, n = 0, len(text)
    while True:  # one field per iteration
        if i < n and text[i] == '"':
            match = _QUOTED_FIELD.match(text, i)
            if match is None:  # reported at the line the record starts on
                raise fail(0, "a quoted field is not closed")
            fields.append(match.group(1).replace('""', '"'))
            i = match.end()
            if i < n and text[i] != ",":
                raise fail(i, "unexpected text after a closing quote")
        else:
            match = _UNQUOTED_FIELD.match(text, i)
            assert match is not None
            i = match.end()
            if i < n and text[i] == '"':
                raise fail(i, "a quote inside an unquoted field (quote the whole field and double "
                              "the quote)")
            fields.append(match.group())
        if i >= n:
            return fields
        i += 1  # the comma


def _is_blank(fields: List[str]) -> bool:
    return len(fields) == 1 and not fields[0].strip(_BLANK)


_CHUNK = 1 << 20  # bytes of whole lines read at a time


try:  # optional: pandas' fast string backend; without it the reader splits lines in Python
    import pyarrow as _pyarrow
    import pyarrow.csv as _pyarrow_csv
except ImportError:  # pragma: no cover - depends on the installation
    _pyarrow = _pyarrow_csv = None


class _Records:
    """The records of a binary CSV stream, a chunk of lines at a time: (line numbers, fields) batches.

    Blank and whitespace-only lines are skipped and a byte-order mark ignored. A chunk without quotes
    or lone CRs is split in C (str.split) without a Python step per field; other chunks go line by
    line. After a CSV error the rest is still decoded: the error is raised only if the whole file is
    UTF-8, as the C++ reader checks the encoding first.
    """

    def __init__(self, handle: IO[bytes], name: str, function: str) -> None:
        self.handle, self.name, self.function = handle, name, function
        self.line = 1  # the number of the next line
        self.pending: List[str] = []  # the lines of a record whose quoted field is still open
        self.start = self.quotes = 0  # where the pending record starts; its count of quotes
        self.error: Optional[DataFileError] = None
        self.first = True
        self.width: Optional[int] = None  # fields of the header, once the reader has it

    def __iter__(self) -> Iterator[Tuple[Sequence[int], Any]]:
        """(line numbers, records): records a list of field lists, or a pyarrow Table of text."""
        while True:
            chunk = self.handle.readlines(_CHUNK)
            if not chunk:
                break
            data = b"".join(chunk)
            batch = self._arrow_table(data)
            if batch is None:
                text = self._simple_text(data)
                batch = self._line_by_line(data) if text is None else self._split(text)
            if len(batch[0]):
                yield batch
            self.release()
        if self.pending and self.error is None:  # the file ends inside a quoted field
            _split_quoted("".join(self.pending), self.start, self.name, self.function)
            raise AssertionError("an open quote at the end of the file must be an error")
        if self.error is not None:
            raise self.error

    def _arrow_table(self, data: bytes) -> Optional[Tuple[Sequence[int], Any]]:
        """A chunk of simple lines split by pyarrow's CSV reader (in C++, no Python object per
        field): only after the header, with no quote, lone CR, byte-order mark or open record, and
        only if every line has the header's number of fields (else None: the chunk goes through
        the Python reader, which words the error or skips the blank lines)."""
        if _pyarrow_csv is None or self.width is None or self.pending or self.error is not None \
                or b'"' in data or data.count(b"\r") != data.count(b"\r\n") \
                or data.startswith(b"\xef\xbb\xbf"):
            return None
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        names = [str(i) for i in range(self.width)]
        try:
            table = _pyarrow_csv.read_csv(
                io.BytesIO(data),
                read_options=_pyarrow_csv.ReadOptions(column_names=names, use_threads=False,
                                                      block_size=len(data) + 1),
                parse_options=_pyarrow_csv.ParseOptions(quote_char=False, double_quote=False,
                                                        escape_char=False, ignore_empty_lines=True),
                convert_options=_pyarrow_csv.ConvertOptions(
                    column_types={n: _pyarrow.string() for n in names}, strings_can_be_null=False,
                    quoted_strings_can_be_null=False, check_utf8=True))
        except _pyarrow.ArrowException:
            return None
        if table.num_rows != lines:  # blank lines (skipped by pyarrow): the Python reader skips them
            return None
        numbers = range(self.line, self.line + lines)
        self.line += lines
        return numbers, table

    @staticmethod
    def release() -> None:
        """Give pyarrow's freed parsing buffers back (its allocator keeps them otherwise)."""
        if _pyarrow is not None:
            _pyarrow.default_memory_pool().release_unused()

    def _simple_text(self, data: bytes) -> Optional[str]:
        """The chunk as text when it is UTF-8 without quotes or lone CRs and no record is open."""
        if self.pending or self.error is not None or b'"' in data \
                or data.count(b"\r") != data.count(b"\r\n"):
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None  # line by line, to name the line
        if self.first:
            text, self.first = (text[1:] if text.startswith("\ufeff") else text), False
        return text.replace("\r\n", "\n") if "\r" in text else text

    def _split(self, text: str) -> Tuple[Sequence[int], List[List[str]]]:
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()  # after the last line end
        numbers: Sequence[int] = range(self.line, self.line + len(lines))
        self.line += len(lines)
        fields = list(map(_comma_split, lines))
        if not all(map(_has_content, lines)):
            kept = [i for i, line in enumerate(lines) if line.strip(_BLANK)]
            numbers = [numbers[i] for i in kept]
            fields = [fields[i] for i in kept]
        return numbers, fields

    def _line_by_line(self, data: bytes) -> Tuple[Sequence[int], List[List[str]]]:
        numbers: List[int] = []
        records: List[List[str]] = []
        for body, end in _physical_lines(io.BytesIO(data)):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as decode_error:
                raise _not_utf8(self.name, self.function, self.line, body, decode_error) from None
            if self.first:
                text, self.first = (text[1:] if text.startswith("\ufeff") else text), False
            if self.error is None:
                record = self._record(text, end)
                if record is not None and not _is_blank(record[1]):
                    numbers.append(record[0])
                    records.append(record[1])
            self.line += 1
        return numbers, records

    def _record(self, text: str, end: bytes) -> Optional[Tuple[int, List[str]]]:
        """The record this line completes, or None (a quoted field goes on, or a CSV error)."""
        if not self.pending and '"' not in text:
            return self.line, text.split(",")
        if not self.pending:
            self.start, self.quotes = self.line, 0
        self.pending.append(text)
        self.quotes += text.count('"')
        if self.quotes % 2 and end:  # a quoted field goes on to the next line
            self.pending.append(end.decode("ascii"))
            return None
        record, self.pending = "".join(self.pending), []
        try:
            return self.start, _split_quoted(record, self.start, self.name, self.function)
        except DataFileError as found:
            self.error = found
            return None


def _comma_split(line: str) -> List[str]:
    return line.split(",")


def _has_content(line: str) -> bool:
    return bool(line.strip(_BLANK))


# ---------------------------------------------------------------------------------------------
# The rules of one row: the message for its first problem, checked in the C++ reader's order.


def _value_problem(kind: str, number: float) -> str:
    """Why ``number`` cannot be the value of a row of ``kind`` ("" when it can)."""
    shown = _shown(number)
    if not math.isfinite(number):
        return f"{shown} is not finite"
    if kind == "growth" and not number > -1.0:
        return f"{shown} is a growth rate of -100% or less (growth is a fraction: -0.05 is -5%)"
    if kind == "share" and not 0.0 <= number <= 1.0:
        return f"{shown} is a share outside [0, 1] (shares are fractions: 0.35 is 35%)"
    if kind == "count" and number < 0.0:
        return f"{shown} is a negative count"
    if kind == "rank" and (number < 1.0 or number != math.floor(number)):
        return f"{shown} is not a rank (an integer >= 1)"
    return ""


def _value_problems(kinds: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Rows whose value breaks :func:`_value_problem`, for whole columns at once; ``kinds`` holds
    each row's position in :data:`KINDS` (-1 for none)."""
    growth, share, count, rank = (KINDS.index(k) for k in ("growth", "share", "count", "rank"))
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(values)
        bad |= (kinds == growth) & ~(values > -1.0)
        bad |= (kinds == share) & ~((values >= 0.0) & (values <= 1.0))
        bad |= (kinds == count) & (values < 0.0)
        bad |= (kinds == rank) & ((values < 1.0) | (values != np.floor(values)))
    return bad


_WANTED_UNIT = {"growth": "fraction", "share": "fraction", "rank": "rank"}


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _text_problem(value: Any) -> str:
    """Why a table cell cannot be text ("" when it can: text, an integer, or missing)."""
    if _is_missing(value) or isinstance(value, str):
        return ""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        return f"{value!r} is not text"
    return ""


def _text(value: Any, default: str = "") -> str:
    return default if _is_missing(value) else str(value)


def _number(value: Any) -> Optional[float]:
    """The float a value cell holds, or None when it holds none."""
    if isinstance(value, str):
        return float(value) if _NUMBER.fullmatch(value) else None
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        return float(value)
    return None


def _line_number(value: Any) -> Union[int, None, str]:
    """A source_line cell as an int, None when empty, or the reason it is not a line number."""
    if _is_missing(value) or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, str):
        number = int(value) if _DIGITS.fullmatch(value) else 0
        shown = _quoted(value)
    elif isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        number, shown = int(value), repr(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) \
            and math.isfinite(float(value)) and float(value) == math.floor(float(value)):
        number, shown = int(float(value)), repr(value)
    else:
        number, shown = 0, repr(value)
    if 1 <= number <= MAX_SOURCE_LINE:
        return number
    return f"{shown} is not a line number (1 to {MAX_SOURCE_LINE})"


def _row_problem(raw: Dict[str, Any]) -> Tuple[Optional[str], str]:
    """(column, problem) of the first rule the row breaks, or (None, "") when it breaks none."""

    def text(column: str) -> str:
        problem = _text_problem(raw.get(column))
        if problem:
            raise _Broken(column, problem)
        return _text(raw.get(column))

    try:
        for column in ("indicator", "region"):
            value = text(column)
            if not _IDENTIFIER.fullmatch(value):
                return column, f"{_quoted(value)} is not a snake_case id ([a-z][a-z0-9_]*)"
        period = text("period")
        problem = _period_problem(period)
        if problem:
            return "period", f"{_quoted(period)} is not a period: {problem}"
        kind = text("kind")
        if kind not in KINDS:
            return "kind", f"{_quoted(kind)} is not one of {', '.join(KINDS)}"
        cell = raw.get("value")
        number = _number(cell)
        if number is None:
            return "value", f"{_quoted(cell) if isinstance(cell, str) else repr(cell)} is not a number"
        problem = _value_problem(kind, number)
        if problem:
            return "value", problem
        unit = text("unit")
        if not unit:
            return "unit", "is empty"
        wanted = _WANTED_UNIT.get(kind)
        if wanted and unit != wanted:
            return "unit", f"{_quoted(unit)} for a {kind}, but it must be '{wanted}'"
        basis = text("price_basis")
        if basis not in PRICE_BASES:
            return "price_basis", f"{_quoted(basis)} is not one of current, comparable or empty"
        for column in ("source", "label_zh", "relative_to"):
            text(column)
        qualifier = text("qualifier") or "exact"
        if qualifier not in QUALIFIERS:
            return "qualifier", f"{_quoted(qualifier)} is not one of {', '.join(QUALIFIERS)}"
    except _Broken as broken:
        return broken.column, broken.problem
    line = _line_number(raw.get("source_line"))
    if isinstance(line, str):
        return "source_line", line
    return None, ""


class _Broken(Exception):
    def __init__(self, column: str, problem: str) -> None:
        super().__init__(problem)
        self.column, self.problem = column, problem


# ---------------------------------------------------------------------------------------------
# Checking a chunk of rows at a time (linear time; each distinct cell checked once): which row is the
# first to break a rule. _row_problem then words that row's problem.

_NONE = -1
_NUMBER_CHARACTERS = frozenset("0123456789+-.eE")
_KEY = ("indicator", "region", "period", "kind")
_FREE_TEXT = ("source", "label_zh", "relative_to")  # a file may hold any text there: not coded
_DEFAULTS = {"qualifier": "exact"}


def _first_true(mask: np.ndarray) -> int:
    return int(np.argmax(mask)) if mask.any() else _NONE


def _earliest(positions: Sequence[int]) -> int:
    found = [p for p in positions if p != _NONE]
    return min(found) if found else _NONE


def _factorized(cells: Any) -> Tuple[np.ndarray, List[Any]]:
    """Codes into the distinct cells of a column, and those cells."""
    series = cells if isinstance(cells, pd.Series) else pd.Series(cells, dtype=object)
    try:
        codes, distinct = pd.factorize(series, use_na_sentinel=False)
    except TypeError:  # unhashable cells (lists in a DataFrame): one code per cell
        return np.arange(len(series)), series.tolist()
    return codes, list(distinct)


def _file_numbers(cells: pd.Series) -> Optional[np.ndarray]:
    """A column of text as floats when every cell is a decimal number (else None). float() accepts
    exactly the numbers of _NUMBER among texts made of _NUMBER_CHARACTERS."""
    values = cells.tolist()
    if not set("".join(values)) <= _NUMBER_CHARACTERS:
        return None
    try:
        return np.fromiter(map(float, values), dtype=np.float64, count=len(values))
    except ValueError:
        return None


class _Checker:
    """Checks a table a chunk of rows at a time and keeps only what the typed frame needs: the text
    columns, the values, the source lines and a code per key column. Once a row breaks a rule,
    later rows are only counted (the first problem is the one reported)."""

    def __init__(self, function: str) -> None:
        self.function = function
        self.rows = 0
        self.first_bad = _NONE  # the first row breaking a rule of its own (not a repeat)
        self.first_bad_cells: Dict[str, Any] = {}  # its cells, for the message
        self.texts: Dict[str, List[pd.Series]] = {column: [] for column in _STRING_COLUMNS}
        self.present: set = set()
        # Growing buffers rather than a list of small arrays per chunk: a few large blocks, which
        # the allocator returns to the system, instead of many small ones fragmenting the heap.
        self.numbers = array("d")
        self.line_values = array("q")
        self.line_missing = bytearray()
        self.keys = {column: array("i") for column in _KEY}
        self.key_codes: Dict[str, Dict[str, int]] = {column: {} for column in _KEY}
        self.verdicts: Dict[Tuple[str, Any], bool] = {}  # (rule, distinct cell) -> breaks it

    def _first(self, rule: str, bad: Callable[[Any], Any], codes: np.ndarray,
               distinct: List[Any]) -> int:
        """The first row (of the chunk) whose cell breaks ``rule``, each distinct cell judged once."""
        def verdict(cell: Any) -> bool:
            key = (rule, cell)
            try:
                if key not in self.verdicts:
                    self.verdicts[key] = bool(bad(cell))
            except TypeError:  # an unhashable cell: judged, not remembered
                return bool(bad(cell))
            return self.verdicts[key]

        wrong = np.fromiter((verdict(cell) for cell in distinct), dtype=bool, count=len(distinct))
        return _first_true(wrong[codes]) if wrong.any() else _NONE

    def add(self, chunk: Dict[str, Any], rows: int, from_file: bool) -> None:
        """Check the next ``rows`` rows. ``chunk`` maps each column present to its cells: a pandas
        Series of text read from a file (``from_file``), or a DataFrame column (a Series, or a
        numeric array for ``value``)."""
        start = self.rows
        self.rows += rows
        if self.first_bad != _NONE:
            return
        self.present |= set(chunk)
        firsts: List[int] = []
        coded: Dict[str, Tuple[np.ndarray, List[str]]] = {}
        for column in _STRING_COLUMNS:
            cells = chunk.get(column)
            if cells is None:
                continue
            if from_file and column in _FREE_TEXT:
                self.texts[column].append(cells)
                continue
            codes, distinct = _factorized(cells)
            if not from_file:
                firsts.append(self._first("text", _text_problem, codes, distinct))
            default = _DEFAULTS.get(column, "")
            text = [_text(cell) or default for cell in distinct]
            coded[column] = codes, text
            if from_file and text == distinct:
                self.texts[column].append(cells)
            else:
                self.texts[column].append(pd.Series(pd.Series(text, dtype="str").array.take(codes)))
        for column in _STRING_COLUMNS:
            if column not in coded:
                coded[column] = (np.zeros(rows, dtype=np.intp), [_DEFAULTS.get(column, "")])
        firsts.append(self._first("id", lambda v: not _IDENTIFIER.fullmatch(v), *coded["indicator"]))
        firsts.append(self._first("id", lambda v: not _IDENTIFIER.fullmatch(v), *coded["region"]))
        firsts.append(self._first("period", _period_problem, *coded["period"]))
        firsts.append(self._first("kind", lambda v: v not in KINDS, *coded["kind"]))

        cells = chunk["value"]
        numbers = cells.astype(np.float64) if isinstance(cells, np.ndarray) else \
            _file_numbers(cells) if from_file else None
        if numbers is None:
            codes, distinct = _factorized(cells)
            parsed = [_number(cell) for cell in distinct]
            firsts.append(self._first("number", lambda v: _number(v) is None, codes, distinct))
            numbers = np.array([math.nan if v is None else v for v in parsed],
                               dtype=np.float64)[codes]
        self.numbers.frombytes(numbers.tobytes())
        kind_codes, kind_text = coded["kind"]
        kind_of = np.array([KINDS.index(k) if k in KINDS else -1 for k in kind_text], dtype=np.int8)
        firsts.append(_first_true(_value_problems(kind_of[kind_codes], numbers)))

        unit_codes, unit_text = coded["unit"]
        pair_codes, pairs = pd.factorize(kind_codes.astype(np.int64) * len(unit_text) + unit_codes)
        pair_text = [(kind_text[p // len(unit_text)], unit_text[p % len(unit_text)])
                     for p in pairs.tolist()]
        firsts.append(self._first("unit", lambda p: not p[1] or p[1] != _WANTED_UNIT.get(p[0], p[1]),
                                  pair_codes, pair_text))
        firsts.append(self._first("basis", lambda v: v not in PRICE_BASES, *coded["price_basis"]))
        firsts.append(self._first("qualifier", lambda v: v not in QUALIFIERS, *coded["qualifier"]))

        if "source_line" in chunk:
            codes, distinct = _factorized(chunk["source_line"])
            meaning = [_line_number(cell) for cell in distinct]
            firsts.append(self._first("line", lambda v: isinstance(_line_number(v), str),
                                      codes, distinct))
            values = np.array([v if isinstance(v, int) else 0 for v in meaning], dtype=np.int64)
            missing = np.array([not isinstance(v, int) for v in meaning], dtype=bool)
            self.line_values.frombytes(values[codes].tobytes())
            self.line_missing += missing[codes].tobytes()
        else:
            self.line_values.frombytes(bytes(8 * rows))
            self.line_missing += b"\x01" * rows

        for column in _KEY:
            codes, text = coded[column]
            known = self.key_codes[column]
            number = np.array([known.setdefault(t, len(known)) for t in text], dtype=np.int32)
            self.keys[column].frombytes(number[codes].tobytes())

        first = _earliest(firsts)
        if first != _NONE:
            self.first_bad = start + first
            self.first_bad_cells = {column: cells.iloc[first] if isinstance(cells, pd.Series)
                                    else cells[first] for column, cells in chunk.items()}

    def frame(self, where: Callable[[int], str],
              first_error: Optional[Tuple[int, str]] = None) -> pd.DataFrame:
        """The typed DataFrame, or the DataFileError of the first problem: a row's own (or
        ``first_error``, a problem the reader found in a row, reported first in that row), or a
        repeated (indicator, region, period, kind)."""
        keys = {column: np.frombuffer(self.keys[column], dtype=np.int32) for column in _KEY}
        if math.prod(len(self.key_codes[c]) for c in _KEY) < 2**62:  # one integer per key
            combined = np.zeros(len(keys["kind"]), dtype=np.int64)
            for column in _KEY:
                combined *= len(self.key_codes[column])
                combined += keys[column]
            repeats = pd.Series(combined).duplicated().to_numpy()
            del combined
        else:
            repeats = pd.DataFrame(keys).duplicated().to_numpy()
        first_repeat = _first_true(repeats)
        row = _earliest([self.first_bad, first_repeat, first_error[0] if first_error else _NONE])
        if row == _NONE:
            return self._assemble()
        place = where(row)
        if first_error and first_error[0] == row:
            raise DataFileError(f"{self.function}: {place}: {first_error[1]}", place)
        if row == self.first_bad:
            broken, problem = _row_problem(self.first_bad_cells)
            assert broken is not None, "the chunk checks and _row_problem disagree"
            raise DataFileError(f"{self.function}: {place}, column '{broken}': {problem}", place,
                                broken)
        same = np.ones(len(repeats), dtype=bool)
        for column in _KEY:
            same &= keys[column] == keys[column][row]
        names = {column: {code: text for text, code in self.key_codes[column].items()}
                 for column in _KEY}
        ind, reg, per, kin = (names[column][int(keys[column][row])] for column in _KEY)
        raise DataFileError(f"{self.function}: {place}: repeats indicator {_quoted(ind)}, region "
                            f"{_quoted(reg)}, period {_quoted(per)}, kind {_quoted(kin)} of "
                            f"{where(int(np.argmax(same)))}", place)

    def _assemble(self) -> pd.DataFrame:
        data: Dict[str, Any] = {}
        for column in _STRING_COLUMNS:
            parts = self.texts.pop(column)
            if not parts:
                data[column] = pd.Series([_DEFAULTS.get(column, "")] * self.rows, dtype="str")
            else:
                data[column] = (parts[0].reset_index(drop=True) if len(parts) == 1 else
                                pd.concat(parts, ignore_index=True)).astype("str")
        data["value"] = pd.Series(np.frombuffer(self.numbers, dtype=np.float64).copy())
        values = np.frombuffer(self.line_values, dtype=np.int64).copy()
        missing = np.frombuffer(self.line_missing, dtype=bool).copy()
        data["source_line"] = pd.Series(pd.arrays.IntegerArray(values, missing))
        return pd.DataFrame({column: data.pop(column) for column in COLUMNS})


def _read(handle: IO[bytes], name: str, function: str) -> pd.DataFrame:
    """Read and check a tidy indicator table from a binary stream (see :func:`load_csv`)."""
    records = _Records(handle, name, function)
    batches = iter(records)
    first_batch = next(batches, None)  # reading on to the end first if there is none
    if first_batch is None:
        raise DataFileError(f"{function}: {name} is empty (it needs a header line)", name)
    header_line, header = first_batch[0][0], first_batch[1][0]
    width = records.width = len(header)
    positions = {column: header.index(column) for column in COLUMNS if column in header}
    checker = _Checker(function)
    numbers = array("q")
    count_error: Optional[Tuple[int, str]] = None
    complete = all(column in positions for column in REQUIRED_COLUMNS)

    def add(line_numbers: Sequence[int], batch: Any) -> None:
        nonlocal count_error
        if isinstance(batch, list):
            if set(map(len, batch)) != {width}:
                for i, fields in enumerate(batch):
                    if len(fields) != width:
                        if count_error is None:
                            count_error = (len(numbers) + i,
                                           f"has {len(fields)} fields but the header has {width}")
                        batch[i] = (fields + [""] * width)[:width]
            columns = list(zip(*batch))
            chunk = {column: pd.Series(list(columns[p]), dtype="str")
                     for column, p in positions.items()}
        else:  # a pyarrow Table
            chunk = {column: pd.Series(batch.column(p), dtype="str")
                     for column, p in positions.items()}
        if complete and (count_error is None or count_error[0] >= len(numbers)):
            checker.add(chunk, len(line_numbers), from_file=True)
        else:  # a problem is already known before these rows: they are only counted
            checker.rows += len(line_numbers)
        numbers.extend(line_numbers)

    if len(first_batch[0]) > 1:
        add(first_batch[0][1:], first_batch[1][1:])
    for batch in batches:
        add(*batch)
    header_where = f"{name} line {header_line}"
    for position, column in enumerate(header):
        if column in header[:position]:
            raise DataFileError(f"{function}: {header_where}: column {_quoted(column)} appears twice "
                                "in the header", header_where, column)
    if not complete:
        missing = [column for column in REQUIRED_COLUMNS if column not in positions]
        raise DataFileError(
            f"{function}: {header_where}: the header lacks column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(_quoted(c) for c in missing)}", header_where, missing[0])
    if not numbers:
        raise DataFileError(f"{function}: {name} has a header but no data rows", name)
    return checker.frame(lambda row: f"{name} line {numbers[row]}", count_error)



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
        resource = resources.files("haidian").joinpath("app").joinpath("data").joinpath(_DATA_FILE)
        _BUNDLED = _read(io.BytesIO(resource.read_bytes()), _DATA_FILE, "haidian_2022")
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
        breaks a rule. The C++ ``haidian::read_dataset`` gives the same message after its own name.
    FileNotFoundError
        If the file does not exist (other ``OSError`` if it cannot be read).
    """
    path = os.fspath(path)
    name = os.path.basename(path) or path
    with open(path, "rb") as handle:
        return _read(handle, name, "load_csv")


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
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{function}: data is a {type(data).__name__}, but must be a pandas DataFrame")
    missing = [column for column in REQUIRED_COLUMNS if column not in data.columns]
    if missing:
        raise DataFileError(f"{function}: data lacks column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(c) for c in missing)}", "data", missing[0])
    if data.empty:
        raise DataFileError(f"{function}: data has no rows", "data")
    chunk: Dict[str, Any] = {}
    for column in COLUMNS:
        if column in data.columns:
            cells = data[column].reset_index(drop=True)
            numeric = column == "value" and isinstance(cells.dtype, np.dtype) \
                and cells.dtype.kind in "fiu"
            chunk[column] = cells.to_numpy() if numeric else cells
    checker = _Checker(function)
    checker.add(chunk, len(data), from_file=False)
    labels = data.index
    return checker.frame(lambda row: f"data row {row} (index {labels[row]!r})")
