"""The two tidy-table readers against one corpus, and bounded fuzzing of the readers and the CLI.

tests/fuzz/corpus holds real-looking files (UTF-8 BOM, GBK, CRLF and lone CR, quoted commas and
newlines, duplicate rows, blank and whitespace-only lines, Chinese headers and labels, 1e308, 2^63,
2^64, Unicode digits, empty and header-only files) with, next to each, the outcome both readers must
give; tests/cpp/test_dataset.cpp holds the C++ reader to the same files. The fuzzing (tests/fuzz/
harness.py, docs/fuzzing.md) runs here for a bounded time with a fixed seed.
"""

from __future__ import annotations

import json
import math
import pathlib
import random
import sys
from typing import Any, List

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian import datasets
from haidian.datasets import DataFileError, load_csv

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import harness  # noqa: E402
import make_corpus  # noqa: E402

CORPUS_FILES = sorted(harness.CORPUS.glob("*.csv"))
FUZZ_SECONDS = 35.0


def outcome(path: pathlib.Path) -> Any:
    """What load_csv makes of a file, in the corpus expectations' form."""
    try:
        frame = load_csv(path)
    except DataFileError as error:
        return {"error": str(error).split(": ", 1)[1]}
    return {"rows": [[r.indicator, r.region, r.period, float(r.value), r.unit, r.price_basis, r.kind,
                      r.source, r.label_zh, r.relative_to, r.qualifier,
                      None if r.source_line is pd.NA else int(r.source_line)]
                     for r in frame.itertuples(index=False)]}


def same(got: Any, want: Any) -> bool:
    if "error" in want or "error" in got:
        return got == want
    if len(got["rows"]) != len(want["rows"]):
        return False
    for g, w in zip(got["rows"], want["rows"]):
        if g[:3] + g[4:] != w[:3] + w[4:] or g[3] != w[3] \
                or math.copysign(1.0, g[3]) != math.copysign(1.0, w[3]):
            return False
    return True


def test_corpus_is_what_make_corpus_writes() -> None:
    assert {path.stem for path in CORPUS_FILES} == set(make_corpus.CASES)
    for name, (data, expectation) in make_corpus.CASES.items():
        assert (harness.CORPUS / f"{name}.csv").read_bytes() == data, name
        assert (harness.CORPUS / f"{name}.json").read_text(encoding="utf-8") == \
            make_corpus.expectation_text(expectation), name


@pytest.mark.parametrize("chunk,arrow", [(1 << 20, True), (64, False), (200, True)],
                         ids=["pyarrow, 1-MB chunks", "python, 64-byte chunks",
                              "pyarrow, 200-byte chunks"])
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.stem for p in CORPUS_FILES])
def test_python_reader_gives_the_corpus_expectation(monkeypatch, path, chunk, arrow) -> None:
    # Both paths of the reader (pyarrow's splitter for simple chunks, the Python one for the rest)
    # and chunk boundaries anywhere.
    monkeypatch.setattr(datasets, "_CHUNK", chunk)
    if not arrow:
        monkeypatch.setattr(datasets, "_pyarrow_csv", None)
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = outcome(path)
    assert same(got, want), (got, want)


@pytest.fixture(scope="module")
def driver():
    program = harness.find_driver()
    assert program is not None, (
        "the C++ reader driver is needed (it is built with the C++ tests): cmake --build BUILD "
        "--target haidian_reader_driver, or set HAIDIAN_READER_DRIVER; a build older than "
        "include/haidian/dataset.hpp does not count")
    process = harness.Driver(program)
    yield process
    process.close()


def test_readers_agree_on_the_bundled_file(driver) -> None:
    path = ROOT / "python" / "haidian" / "app" / "data" / "haidian_2022.csv"
    kind, rows = driver.read(str(path))
    assert kind == "rows"
    python = outcome(path)["rows"]
    assert len(rows) == len(python) == 78
    assert harness.same_rows(python, rows)


def test_error_values_are_shown_as_cpp_to_chars_shows_them(driver, tmp_path) -> None:
    # A share outside [0, 1] is quoted in the message: Python's _shown must write every double as
    # std::to_chars does (shortest digits, fixed or scientific, exact digits of large integers).
    rng = random.Random(7)
    path = tmp_path / "v.csv"
    for _ in range(150):
        value = rng.choice([-1, 1]) * 10 ** rng.uniform(-320, 308)
        value = value - 1.0 if value < 0 else value + 1.5  # outside [0, 1] however it is written
        text = rng.choice([repr(value), f"{value:.17g}", f"{value:.3e}", f"{round(value)}"])
        path.write_text(f"{make_corpus.REQUIRED}\ns,x,2020,{text},fraction,,share,s\n",
                        encoding="utf-8")
        kind, message = driver.read(str(path))
        with pytest.raises(DataFileError) as caught:
            load_csv(path)
        assert kind == "error"
        assert harness.strip_function(message, "read_dataset") == \
            harness.strip_function(str(caught.value), "load_csv")


@given(st.text(alphabet="0123456789+-.eE", max_size=12))
@settings(max_examples=300, deadline=None)
def test_float_accepts_exactly_the_number_grammar_among_number_characters(text: str) -> None:
    # The reader's fast path converts a column with float() when it holds only these characters.
    try:
        float(text)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == bool(datasets._NUMBER.fullmatch(text))


def test_fuzzing_the_readers_and_the_command_line_finds_nothing(driver) -> None:
    # Bounded by time, not by a count of cases: how many run depends on the machine's load (about
    # 1,000 on an idle two-core machine). The seed fixes the sequence of cases.
    stats = harness.run(FUZZ_SECONDS, seed=0, driver_program=driver.program)
    assert stats.cases >= 1
    details: List[str] = [f"{f.kind}: {f.detail}\n  input: {f.data[:300]!r}"
                          for f in stats.findings[:5]]
    assert not stats.findings, "\n".join(details)
