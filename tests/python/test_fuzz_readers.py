"""The reader against its corpus, and bounded fuzzing of the reader and the command line.

tests/fuzz/corpus holds real-looking files (UTF-8 BOM, GBK, CRLF and lone CR, quoted commas and
newlines, duplicate rows, blank and whitespace-only lines, Chinese headers and labels, 1e308, 2^63,
2^64, Unicode digits, empty and header-only files) with, next to each, the outcome the reader must
give; tests/cpp/test_dataset.cpp holds the C++ API to the same files, and this file load_csv, its
binding. The fuzzing (tests/fuzz/harness.py, docs/fuzzing.md) runs here for a bounded time with a
fixed seed.
"""

from __future__ import annotations

import json
import math
import os
import pathlib
import subprocess
import sys
from typing import Any

import pandas as pd
import pytest

from haidian.datasets import DataFileError, load_csv

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import harness  # noqa: E402
import make_corpus  # noqa: E402

CORPUS_FILES = sorted(harness.CORPUS.glob("*.csv"))
FUZZ_MINUTES = 0.5


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


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.stem for p in CORPUS_FILES])
def test_reader_gives_the_corpus_expectation(path) -> None:
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = outcome(path)
    assert same(got, want), (got, want)


def test_invariant_check_catches_a_broken_table() -> None:
    # The harness's oracle must be able to fail: a share above 1 and a repeated key.
    frame = load_csv(harness.CORPUS / "bom_crlf.csv")
    assert harness.broken_invariant(frame) is None
    bad = frame.astype({"kind": "str", "unit": "str"})
    bad.loc[0, ["kind", "unit", "value"]] = ["share", "fraction", 1.5]
    assert harness.broken_invariant(bad).startswith("share outside [0, 1]")
    assert harness.broken_invariant(pd.concat([frame, frame], ignore_index=True)) == \
        "a repeated (indicator, region, period, kind)"


def test_fuzzing_the_reader_and_the_command_line_finds_nothing(tmp_path) -> None:
    # In a child process, so that a crash of the reader is a failure here, not the end of pytest.
    # Bounded by time, not by a count of cases: how many run depends on the machine's load. The
    # seed fixes the sequence of cases.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "fuzz" / "run.py"), "--minutes", str(FUZZ_MINUTES),
         "--seed", "0", "--findings", str(tmp_path)], capture_output=True, text=True,
        env=env, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " 0 findings" in result.stdout
