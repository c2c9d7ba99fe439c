"""The command line `python -m haidian report`, run as a user runs it: in a subprocess (and in-process
through `main` where only the outcome matters)."""

from __future__ import annotations

import importlib
import json
import os
import pathlib
import re
import subprocess
import sys

import pandas as pd
import pytest

import haidian
from haidian import datasets
from haidian.app.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE_PARENT = str(pathlib.Path(haidian.__file__).resolve().parent.parent)


def run(*arguments: str, cwd: pathlib.Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = PACKAGE_PARENT + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    env["MPLBACKEND"] = "Agg"
    return subprocess.run([sys.executable, "-m", "haidian", *arguments], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)


def test_report_with_no_arguments_reports_haidian_2022() -> None:
    result = run("report")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Haidian 2022: reduction development report")
    # derived numbers, checked against the article's figures computed here
    assert f"{(1.035 * 0.97 - 1) * 100:.4g}%" in out  # implied energy growth 0.395%
    assert "weak decoupling" in out
    assert f"{(5 ** (1 / 11) - 1) * 100:.4g}%" in out  # GDP CAGR 2004-2015
    assert f"{((10206.9 / 5000) ** (1 / 7) - 1) * 100:.4g}%" in out  # GDP CAGR 2015-2022
    assert f"{10206.9 / 430.8:.6g} 亿元/km²" in out
    assert "(1 + 0.035)(1 - 0.03) - 1" in out  # the formula with its inputs


def test_no_command_means_report() -> None:
    assert run("--format", "markdown").stdout == run("report", "--format", "markdown").stdout


def test_json_format() -> None:
    result = run("report", "--format", "json")
    assert result.returncode == 0
    parsed = json.loads(result.stdout)
    values = {f["key"]: f["value"] for f in parsed["figures"]}
    assert values["gdp"] == 10206.9
    assert values["tapio_state"] == "weak decoupling"
    assert values["decoupling_factor"] == pytest.approx(0.03, rel=1e-12)
    assert values["tapio_elasticity"] == pytest.approx((1.035 * 0.97 - 1) / 0.035, rel=1e-13)


def test_markdown_format() -> None:
    result = run("report", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout.startswith("# Haidian 2022")
    assert "## Scorecard (升降之间)" in result.stdout


def test_plot(tmp_path) -> None:
    path = tmp_path / "haidian.png"
    result = run("report", "--plot", str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 20_000  # a real page, not an empty canvas
    assert "weak decoupling" in result.stdout


def test_user_data_file(tmp_path) -> None:
    path = tmp_path / "chaoyang.csv"
    path.write_text("indicator,region,period,value,unit,price_basis,kind,source\n"
                    "gdp,chaoyang,2022,8000,亿元,current,level,\n"
                    "gdp,chaoyang,2022,0.02,fraction,comparable,growth,\n"
                    "energy_intensity,chaoyang,2022,-0.05,fraction,comparable,growth,\n",
                    encoding="utf-8")
    result = run("report", "--data", str(path), "--region", "chaoyang", "--format", "json")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    values = {f["key"]: f["value"] for f in parsed["figures"]}
    assert values["implied_energy_growth"] == pytest.approx(1.02 * 0.95 - 1, rel=1e-13)
    assert values["tapio_state"] == "strong decoupling"
    assert parsed["data"] == str(path)
    assert any("GDP CAGR" in m for m in parsed["missing"])


BAD = [
    ("indicator,region,period,value,unit,price_basis,kind,source\n"
     "gdp,haidian,2022,10206.9,亿元,current,level,\n"
     "gdp,haidian,2022,3.5%,fraction,comparable,growth,\n",
     "haidian report: error: load_csv: bad.csv line 3, column 'value': '3.5%' is not a number"),
    ("indicator,region,period,value,unit,price_basis,kind,source\n"
     "gdp,haidian,2022,3.5,%,comparable,growth,\n",
     "haidian report: error: load_csv: bad.csv line 2, column 'unit': '%' for a growth, but it must "
     "be 'fraction'"),
    ("indicator,region,value\ngdp,haidian,1\n",
     "haidian report: error: load_csv: bad.csv line 1: the header lacks columns 'period', 'unit', "
     "'price_basis', 'kind', 'source'"),
    ("indicator,region,period,value,unit,price_basis,kind,source\n"
     "gdp,haidian,2022,1,亿元,current,level,\"unclosed\n",
     "haidian report: error: load_csv: bad.csv line 2: a quoted field is not closed"),
]


HEAD = "indicator,region,period,value,unit,price_basis,kind,source,label_zh,relative_to,qualifier,source_line\n"
BAD += [
    # Found by users: a source line of 2^63 gave a 43-line OverflowError traceback.
    (HEAD + "gdp,haidian,2022,10206.9,亿元,current,level,s,,,,9223372036854775808\n",
     "haidian report: error: load_csv: bad.csv line 2, column 'source_line': '9223372036854775808' "
     "is not a line number (1 to 2147483647)"),
    # Full-width digits were read as a year: ２０１５ beside 2015 passed the duplicate check and the
    # report crashed with an IndexError.
    (HEAD + "gdp,haidian,2015,5000,亿元,current,level,s,,,,\n"
            "gdp,haidian,２０１５,5000,亿元,current,level,s,,,,\n",
     "haidian report: error: load_csv: bad.csv line 3, column 'period': '２０１５' is not a period: "
     "must be YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD"),
    (HEAD + "gdp,haidian,2022,１０２０６.９,亿元,current,level,s,,,,\n",
     "haidian report: error: load_csv: bad.csv line 2, column 'value': '１０２０６.９' is not a number"),
    # A field with a line break inside is shown escaped: the message stays on one line.
    (HEAD + 'gdp,haidian,2022,"1\n2",亿元,current,level,s,,,,\n',
     "haidian report: error: load_csv: bad.csv line 2, column 'value': '1\\x0a2' is not a number"),
]


@pytest.mark.parametrize("text,message", BAD, ids=["value", "unit", "header", "quote", "line 2^63",
                                                   "full-width year", "full-width value",
                                                   "newline in a field"])
def test_bad_data_file_gives_one_clear_line_and_exit_1(tmp_path, text, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    result = run("report", "--data", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == message + "\n"
    assert "Traceback" not in result.stderr


def test_missing_data_file(tmp_path) -> None:
    result = run("report", "--data", str(tmp_path / "absent.csv"))
    assert result.returncode == 1
    assert result.stderr == f"haidian report: error: No such file or directory: {tmp_path / 'absent.csv'}\n"


def test_region_without_rows() -> None:
    result = run("report", "--region", "chaoyang")
    assert result.returncode == 1
    assert result.stderr.startswith("haidian report: error: build_report: region is 'chaoyang'")
    assert "Traceback" not in result.stderr


def test_unwritable_plot_path(tmp_path) -> None:
    result = run("report", "--plot", str(tmp_path / "no" / "such" / "dir" / "x.png"))
    assert result.returncode == 1
    assert result.stderr.startswith("haidian report: error: No such file or directory")


def test_usage_errors_exit_2() -> None:
    result = run("report", "--format", "html")
    assert result.returncode == 2
    assert "invalid choice: 'html'" in result.stderr
    assert run("frobnicate").returncode == 2


def test_help() -> None:
    result = run("report", "--help")
    assert result.returncode == 0
    assert "--plot FILE.png" in result.stdout and "--data FILE.csv" in result.stdout


def test_data_command_prints_the_bundled_dataset_as_csv(tmp_path) -> None:
    result = run("data", "--format", "csv")
    assert result.returncode == 0
    path = tmp_path / "copy.csv"
    path.write_text(result.stdout, encoding="utf-8")
    pd.testing.assert_frame_equal(datasets.load_csv(path), datasets.haidian_2022())
    text = run("data").stdout
    assert "10206.9" in text and "energy_intensity" in text


def test_main_in_process_returns_the_exit_status(capsys, tmp_path) -> None:
    assert main(["report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["year"] == "2022"
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator\n", encoding="utf-8")
    assert main(["report", "--data", str(bad)]) == 1
    assert "lacks columns" in capsys.readouterr().err


def test_console_script_is_declared() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^haidian = "([\w.]+):(\w+)"$', pyproject, re.M)
    assert declared is not None
    module, function = declared.groups()
    assert getattr(importlib.import_module(module), function) is main


def run_in_process(capsys, *arguments: str):
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_whitespace_only_line_is_a_blank_line(capsys, tmp_path) -> None:
    # It used to be an error ("has 1 fields") while an empty line was skipped.
    path = tmp_path / "spaces.csv"
    path.write_text(HEAD + "   \n" + "gdp,haidian,2022,10206.9,亿元,current,level,s,,,,\n \t\n",
                    encoding="utf-8")
    status, out, err = run_in_process(capsys, "report", "--data", str(path), "--format", "json")
    assert (status, err) == (0, "")
    assert {f["key"]: f["value"] for f in json.loads(out)["figures"]}["gdp"] == 10206.9


@pytest.mark.parametrize("rows,figure", [
    # GDP levels 1e-300 and 1e300 a year apart: the CAGR, 1e600 - 1, is not a float ("inf%" before;
    # Series.cagr now says it overflows, and the report names the figure).
    ("gdp,haidian,2021,1e-300,亿元,current,level,s,,,,\ngdp,haidian,2022,1e300,亿元,current,level,s,,,,\n",
     "GDP CAGR 2021-2022 from levels 1e-300 and 1e+300: "),
    # GDP per km² of 1e300 / 1e-300.
    ("gdp,haidian,2022,1e300,亿元,current,level,s,,,,\nland_area,haidian,2022,1e-300,km²,,level,s,,,,\n",
     "gdp_per_km2_land"),
    # The city total a share implies: 1e300 / 1e-300.
    ("fdi_actual_use,haidian,2022,1e300,亿美元,current,level,s,,,,\n"
     "fdi_actual_use,haidian,2022,1e-300,fraction,,share,s,,beijing,,\n", "city_total:fdi_actual_use"),
])
def test_a_result_out_of_the_float_range_is_an_error_not_inf(capsys, tmp_path, rows, figure) -> None:
    path = tmp_path / "huge.csv"
    path.write_text(HEAD + rows, encoding="utf-8")
    for output in ("text", "json"):
        status, out, err = run_in_process(capsys, "report", "--data", str(path), "--format", output)
        assert status == 1 and out == ""
        assert len(err.splitlines()) == 1 and err.startswith("haidian report: error: build_report: ")
        assert figure in err
        assert "GDP CAGR" in figure or "not a finite number" in err
