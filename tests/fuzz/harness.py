"""Mutation fuzzing of the tidy-table reader and the command line, over the corpus.

There is one reader, in C++ (haidian/dataset.hpp), which ``haidian.datasets.load_csv`` binds; this
is a robustness harness. Each case is a corpus file (tests/fuzz/corpus, plus the bundled
haidian_2022.csv) changed by one to four random mutations: bytes flipped, inserted or deleted, fields
replaced by awkward values (1e308, 2^63, Unicode digits, quotes, BOMs, NULs, CRs), lines duplicated,
swapped or spliced from another file, GBK re-encoding, truncation. The case is written to a file
``fuzz.csv`` and given to

* the reader, ``haidian.datasets.load_csv``;
* the command line, ``haidian.app.cli.main(["report", "--data", "fuzz.csv", ...])`` in-process,
  for every accepted file and one in eight rejected ones.

Accepted outcomes: a DataFrame that keeps every invariant of docs/dataset.md (checked here
independently of the reader: columns and dtypes, ids, periods, finite values within their kind's
range, units, words, source lines, unique keys), or a DataFileError (a ValueError) whose message is
one line naming the file; the command line exits 0 with finite figures, or 1 with one line on
stderr. Anything else is a finding: another exception, a traceback, a broken invariant, a
multi-line message, a case taking longer than the time limit. A crash of the reader ends the
process: tests/python/test_fuzz_readers.py runs the harness in a child process for that reason. Run
it with tests/fuzz/run.py (on demand, for minutes) or through that test (bounded).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import math
import os
import pathlib
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from typing import Any, Dict, List, Optional, Tuple

import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
CASE_SECONDS = 20.0  # a case using more CPU seconds than this is a hang (the C++ reader: 3x, wall)

# Values a field is replaced by: number edge cases, digits of other scripts, quoting and line-end
# characters, control characters, and the words the readers and the report act on.
AWKWARD = [
    "1e308", "-1e308", "1e309", "1.7976931348623157e308", "9223372036854775808", "-9223372036854775809",
    "18446744073709551616", "2147483647", "2147483648", "-0", "0", "0.0", "4e-320", "5e-324", "1e-400",
    "1e-300", ".", "+", "-", "e5", "1e", "1e+", ".5", "5.", "+.5e-3", "00012", "nan", "inf", "-inf",
    "Infinity", "1_000", "0x10", " 1", "1 ", "１０２０６.９", "٣", "２０１５", "৩", "2015", "2016-2020",
    "2023-02-29", "2024-02-29", "2023-13", "2023-00", "0000", "9999", "2020-2016", "2022-2022",
    '"', '""', '"a,b"', '"x""y"', ",", " ", "\t", "   ", "\u3000", "\x00", "\ufeff", "\u2028", "\x85",
    "\x7f", "\\", "'", "a" * 100, "海淀" * 50, "level", "growth", "share", "count", "rank",
    "fraction", "current", "comparable", "exact", "approx", "at_least", "at_most", "beijing",
    "haidian", "gdp", "land_area", "industrial_land_area", "energy_intensity", "energy_use",
    "population", "fdi_actual_use", "万人", "persons", "亿元", "元", "km²", "0.5", "1", "-1", "1.5",
    "100", "-0.99999999", "-0.9999999999999999", "1e-320", "0.035", "-0.03", "10206.9",
]
LINE_ENDS = [b"\n", b"\r\n", b"\r"]
_NUMBER = re.compile(rb"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclasses.dataclass
class Finding:
    """A case whose outcome is not an accepted one."""

    kind: str
    detail: str
    data: bytes


@dataclasses.dataclass
class Stats:
    cases: int = 0
    accepted: int = 0
    cli_runs: int = 0
    seconds: float = 0.0
    findings: List[Finding] = dataclasses.field(default_factory=list)


# -------------------------------------------------------------------------------------------------
# The reader and the command line


class _TooLong(BaseException):
    """Raised in the case being run when it exceeds CASE_SECONDS (a BaseException, so that no
    `except Exception` in the code under test swallows it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise _TooLong in the block after ``seconds`` of this process's CPU time (not wall time: on a
    loaded machine a case can wait long for a core without being slow)."""
    def expire(signum: int, frame: Any) -> None:
        raise _TooLong()

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


_ID = re.compile(r"[a-z][a-z0-9_]*")
_PERIOD = re.compile(r"[0-9]{4}(-[0-9]{4}|-[0-9]{2}(-[0-9]{2})?)?")
_KINDS = ("level", "growth", "share", "count", "rank")


def broken_invariant(frame: pd.DataFrame) -> Optional[str]:
    """The first invariant of docs/dataset.md that ``frame`` breaks, or None."""
    from haidian import datasets

    if tuple(frame.columns) != datasets.COLUMNS or len(frame) == 0:
        return f"columns {tuple(frame.columns)}, {len(frame)} rows"
    if frame["value"].dtype != "float64" or frame["source_line"].dtype != "Int64":
        return f"dtypes {frame.dtypes.to_dict()}"
    for row in frame.itertuples(index=False):
        value, kind = row.value, row.kind
        problems = [
            (not (_ID.fullmatch(row.indicator) and _ID.fullmatch(row.region)), "id"),
            (not _PERIOD.fullmatch(row.period), "period"),
            (kind not in _KINDS, "kind"),
            (not math.isfinite(value), "value not finite"),
            (kind == "growth" and not value > -1, "growth <= -1"),
            (kind == "share" and not 0 <= value <= 1, "share outside [0, 1]"),
            (kind == "count" and value < 0, "negative count"),
            (kind == "rank" and (value < 1 or value != math.floor(value)), "rank"),
            (not row.unit or (kind in ("growth", "share") and row.unit != "fraction")
             or (kind == "rank" and row.unit != "rank"), "unit"),
            (row.price_basis not in ("", "current", "comparable"), "price_basis"),
            (row.qualifier not in ("exact", "approx", "at_least", "at_most"), "qualifier"),
            (row.source_line is not pd.NA and not 1 <= row.source_line <= 2**31 - 1, "source_line"),
        ]
        for bad, what in problems:
            if bad:
                return f"{what}: {tuple(row)!r}"
        first, last = datasets.period_years(row.period)
        if last < first:
            return f"period {row.period!r}"
    if frame[["indicator", "region", "period", "kind"]].duplicated().any():
        return "a repeated (indicator, region, period, kind)"
    return None


def read(path: str) -> Tuple[str, Any]:
    """("rows", frame), ("error", message) or ("finding", what went wrong) from load_csv."""
    from haidian import datasets

    try:
        with _time_limit(CASE_SECONDS):
            frame = datasets.load_csv(path)
    except datasets.DataFileError as error:
        return "error", str(error)
    except _TooLong:
        return "finding", "the reader took too long (hang)"
    except Exception:  # any other exception is what the fuzzing looks for
        return "finding", "the reader raised:\n" + traceback.format_exc()
    return "rows", frame


def strip_function(message: str, function: str) -> Optional[str]:
    prefix = function + ": "
    return message[len(prefix):] if message.startswith(prefix) else None


def run_cli(path: str, region: Optional[str], output_format: str) -> Optional[str]:
    """None if `haidian report` behaved, else what went wrong."""
    from haidian.app.cli import main

    arguments = ["report", "--data", path, "--format", output_format]
    if region is not None:
        arguments += ["--region", region]
    out, err = io.StringIO(), io.StringIO()
    try:
        with _time_limit(CASE_SECONDS), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            status = main(arguments)
    except _TooLong:
        return "the command line took too long (hang)"
    except BaseException:  # SystemExit included: main returns its status
        return "the command line raised (a traceback):\n" + traceback.format_exc()
    stdout, stderr = out.getvalue(), err.getvalue()
    if status == 1:
        lines = stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("haidian report: error: ") or stdout:
            return f"exit 1 without exactly one error line: stderr {stderr!r}"
        return None
    if status != 0 or stderr:
        return f"exit {status}, stderr {stderr!r}"
    if output_format == "json":
        try:
            report = json.loads(stdout)
        except ValueError as error:
            return f"the JSON report does not parse: {error}"
        for figure in report["figures"]:
            if not isinstance(figure["value"], (str, int, float)):
                return f"figure {figure['key']} has value {figure['value']!r}"
        for table in ("scorecard", "productivity"):
            for row in report[table]:
                for key in ("change", "value"):
                    if key in row and not isinstance(row[key], (int, float)):
                        return f"{table} row {row} has {key} {row[key]!r}"
    elif any(word in stdout for word in ("inf%", " inf ", "nan%", " nan ")):
        return "the text report shows inf or nan"
    return None


# -------------------------------------------------------------------------------------------------
# Mutations


def seeds() -> Tuple[List[bytes], List[bytes]]:
    """The corpus files the reader accepts (and the bundled file), and the others."""
    good = [ROOT / "python" / "haidian" / "app" / "data" / "haidian_2022.csv"]
    bad = []
    for path in sorted(CORPUS.glob("*.csv")):
        expectation = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        (good if "rows" in expectation else bad).append(path)
    return [p.read_bytes() for p in good], [p.read_bytes() for p in bad]


def _lines(data: bytes) -> List[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _field_spans(data: bytes) -> List[Tuple[int, int]]:
    spans, start = [], 0
    for i, byte in enumerate(data):
        if byte in b",\n":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(data)))
    return spans


def mutate(rng: random.Random, data: bytes, pool: List[bytes]) -> bytes:
    """``data`` with one to four random mutations (mostly one, so that many files stay valid and
    reach the report)."""
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        choice = rng.randrange(14)
        if choice == 0 and data:  # flip a bit
            i = rng.randrange(len(data))
            data = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
        elif choice == 1:  # insert an awkward value
            i = rng.randint(0, len(data))
            data = data[:i] + rng.choice(AWKWARD).encode("utf-8") + data[i:]
        elif choice == 2 and data:  # delete a span
            i = rng.randrange(len(data))
            data = data[:i] + data[i + rng.randint(1, 20):]
        elif choice in (3, 4):  # replace a field by an awkward value
            start, end = rng.choice(_field_spans(data))
            data = data[:start] + rng.choice(AWKWARD).encode("utf-8") + data[end:]
        elif choice == 5:  # duplicate a line
            lines = _lines(data)
            i = rng.randrange(len(lines))
            lines.insert(rng.randint(0, len(lines)), lines[i])
            data = b"".join(lines)
        elif choice == 6:  # swap two lines
            lines = _lines(data)
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"".join(lines)
        elif choice == 7:  # splice lines of another file
            other = _lines(rng.choice(pool))
            lines = _lines(data)
            k = rng.randrange(len(other))
            lines[rng.randrange(len(lines)):] = other[k:k + rng.randint(1, 5)]
            data = b"".join(lines)
        elif choice == 8 and data:  # truncate
            data = data[:rng.randrange(len(data))]
        elif choice == 9:  # change the line ends
            end = rng.choice(LINE_ENDS)
            data = b"".join(line.rstrip(b"\r\n") + end for line in _lines(data))
        elif choice == 10:  # byte-order mark, or GBK
            if rng.random() < 0.5:
                data = b"\xef\xbb\xbf" + data
            else:
                try:
                    data = data.decode("utf-8").encode("gbk")
                except (UnicodeDecodeError, UnicodeEncodeError):
                    data = data + "备注\n".encode("gbk")
        elif choice >= 12:  # another number in a number's place, of any magnitude and form
            spans = [(a, b) for a, b in _field_spans(data) if _NUMBER.fullmatch(data[a:b])]
            if spans:
                start, end = rng.choice(spans)
                value = rng.choice([-1, 1]) * 10 ** rng.uniform(-330, 308.2)
                text = rng.choice([repr(value), f"{value:.3g}", f"{value:e}", str(int(value))
                                   if abs(value) < 1e30 else repr(value), f"{value:.1f}"])
                data = data[:start] + text.encode() + data[end:]
        else:  # a digit of another script
            digits = [i for i, byte in enumerate(data) if 0x30 <= byte <= 0x39]
            if digits:
                i = rng.choice(digits)
                script = rng.choice([0xFF10, 0x0660, 0x09E6, 0x0966])
                data = data[:i] + chr(script + data[i] - 0x30).encode("utf-8") + data[i + 1:]
    return data


# -------------------------------------------------------------------------------------------------
# The loop


def check(data: bytes, path: str, rng: random.Random, run_the_cli: bool,
          stats: Stats) -> List[Finding]:
    """Run one case through the reader (and the command line); the findings it gives."""
    pathlib.Path(path).write_bytes(data)
    findings: List[Finding] = []
    kind, result = read(path)
    if kind == "finding":
        return [Finding("reader", result, data)]
    if kind == "error":
        rest = strip_function(result, "load_csv")
        if rest is None or "\n" in result or not rest.startswith("fuzz.csv"):
            findings.append(Finding("message", f"not one line naming the file: {result!r}", data))
    else:
        stats.accepted += 1
        broken = broken_invariant(result)
        if broken is not None:
            findings.append(Finding("invariant", broken, data))
    if kind == "rows" or run_the_cli:
        stats.cli_runs += 1
        region = str(result["region"].iloc[0]) if kind == "rows" else None
        problem = run_cli(path, region, rng.choice(["json", "text"]))
        if problem is not None:
            findings.append(Finding("command line", problem, data))
    return findings


def run(seconds: float, seed: int = 0, max_cases: Optional[int] = None,
        findings_dir: Optional[pathlib.Path] = None, progress: bool = False) -> Stats:
    """Fuzz for ``seconds`` (or ``max_cases``) with a fixed seed; findings are saved to
    ``findings_dir`` (``<sha1>.csv`` and ``<sha1>.txt``) when given."""
    import matplotlib

    matplotlib.use("Agg")
    rng = random.Random(seed)
    good, bad = seeds()
    pool = good + bad
    stats = Stats()
    start = time.monotonic()
    seen: Dict[str, bool] = {}
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "fuzz.csv")
        while time.monotonic() - start < seconds and (max_cases is None
                                                        or stats.cases < max_cases):
            # valid files half the time, so that many cases reach the report
            data = mutate(rng, rng.choice(good if rng.random() < 0.5 else bad), pool)
            stats.cases += 1
            for finding in check(data, path, rng, stats.cases % 8 == 0, stats):
                key = finding.kind + hashlib.sha1(finding.data).hexdigest()
                if key in seen:
                    continue
                seen[key] = True
                stats.findings.append(finding)
                if findings_dir is not None:
                    findings_dir.mkdir(parents=True, exist_ok=True)
                    name = hashlib.sha1(finding.data).hexdigest()[:16]
                    (findings_dir / f"{name}.csv").write_bytes(finding.data)
                    (findings_dir / f"{name}.txt").write_text(
                        f"{finding.kind}\n{finding.detail}\n", encoding="utf-8")
            if progress and stats.cases % 500 == 0:
                print(f"{stats.cases} cases, {stats.accepted} accepted, {stats.cli_runs} "
                      f"command lines, {len(stats.findings)} findings, "
                      f"{time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    stats.seconds = time.monotonic() - start
    return stats
