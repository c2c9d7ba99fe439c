"""Benchmark: `python -m haidian report --data FILE` on generated tidy tables of 1e4, 1e5 and 1e6 rows.

Usage, from the source tree (the reader is C++: a _core built from the same tree, e.g. by
scripts/dev.sh NAME into build/dev-NAME/python):

    PYTHONPATH=python .venv/bin/python benchmarks/bench_report.py                 # 1e4, 1e5, 1e6
    PYTHONPATH=python .venv/bin/python benchmarks/bench_report.py --rows 10000 100000

Each size is run in a fresh process (so its peak memory is its own), which runs the command line's
`main` (reading the file, checking it once, building the report; output discarded), then times
reading alone. It prints the file size, wall and CPU seconds of reading and of the whole command,
the peak resident memory of the command above the process's size after imports (in MB and as a
multiple of the file size) and, against the smallest size, the ratio of CPU seconds per row: a
linear implementation keeps it at or below 1 (fixed costs spread over more rows); a quadratic one
grows it with the size. On a shared, loaded machine wall time is mostly waiting: CPU time is the
measure to compare.

Measured on a loaded two-core machine, 1e6 rows (89.6 MB): reading 1.6-2.0 s of CPU, the whole
command 2.2 s of CPU and a peak of 180 MB, 2.0 times the file (with the earlier Python reader:
3.1 s, 4.1 s and 296 MB, 3.3 times). The peak is while reading: the file's bytes and the reader's
columns.

The generated file is a valid table of about 95 bytes a row: 100 regions (one of them haidian, whose
shares of the city make resource_productivity do a lookup per share row), 25 indicators with Chinese
units, labels and sources, each with a level, a growth, a share of beijing and a count row a year
for 120 years (haidian's rows come first, so every size has a long GDP series to report on).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from typing import Dict, List

INDICATORS = ["gdp", "energy_intensity", "energy_use", "land_area", "industrial_land_area",
              "population", "fdi_actual_use", "retail_sales", "disposable_income_per_capita",
              "high_tech_enterprises"] + [f"indicator_{i:02d}" for i in range(15)]
REGIONS = ["haidian"] + [f"region_{i:02d}" for i in range(99)]
YEARS = 120  # 1903-2022: room for 1.2e6 rows
HEADER = ("indicator,region,period,value,unit,price_basis,kind,source,label_zh,relative_to,qualifier,"
          "source_line\n")


def write_table(path: str, rows: int, seed: int = 0) -> int:
    """Write a valid table of `rows` rows (years from 2022 backwards); return its size in bytes."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for written in range(0, rows, 4):
            place, step = divmod(written // 4, YEARS)  # the years of one place, then the next
            region, indicator = REGIONS[place // len(INDICATORS)], INDICATORS[place % len(INDICATORS)]
            year = 2022 - step
            level = round(rng.uniform(10.0, 20000.0), 1)
            growth = round(rng.uniform(-0.08, 0.15), 3)
            share = round(rng.uniform(0.01, 0.4), 3)
            line = rng.randrange(1, 200)
            out.write(f"{indicator},{region},{year},{level},亿元,current,level,"
                      f"达到{level}亿元,指标水平,,exact,{line}\n"
                      f"{indicator},{region},{year},{growth},fraction,comparable,growth,"
                      f"同比增长{growth * 100:.1f}%,指标增速,{year - 1},,{line}\n"
                      f"{indicator},{region},{year},{share},fraction,,share,"
                      f"占全市{share * 100:.1f}%,占全市比重,beijing,,{line}\n"
                      f"{indicator},{region},{year},{rng.randrange(1, 9000)},家,,count,"
                      f"企业数量,企业数,,approx,{line}\n")
    return os.path.getsize(path)


CHILD = r"""
import io, json, resource, sys, time
from contextlib import redirect_stdout
import haidian.app.cli as cli, haidian.datasets as datasets, haidian.app.report  # imports first
import matplotlib, pyarrow  # loaded by pandas/report paths later; count them in the baseline
path = sys.argv[1]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
with redirect_stdout(io.StringIO()):
    status = cli.main(["report", "--data", path, "--region", "haidian"])
total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
datasets.load_csv(path)
read, read_cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"status": status, "read": read, "read_cpu": read_cpu, "total": total,
                  "total_cpu": total_cpu, "peak_kb": peak - base}))
"""


def measure(path: str) -> Dict[str, float]:
    result = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: List[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args(argv)
    print(f"{'rows':>9} {'file MB':>8} {'read s':>7} {'(CPU)':>6} {'report s':>9} {'(CPU)':>6} "
          f"{'peak MB':>8} {'peak/file':>9} {'CPU s/row vs first':>19}")
    first = None
    with tempfile.TemporaryDirectory() as work:
        for rows in args.rows:
            path = os.path.join(work, f"table_{rows}.csv")
            size = write_table(path, rows)
            result = measure(path)
            assert result["status"] == 0, result
            per_row = result["total_cpu"] / rows
            first = first or per_row
            peak_mb = result["peak_kb"] / 1024
            print(f"{rows:>9} {size / 2**20:>8.1f} {result['read']:>7.2f} {result['read_cpu']:>6.2f} "
                  f"{result['total']:>9.2f} {result['total_cpu']:>6.2f} {peak_mb:>8.0f} "
                  f"{peak_mb / (size / 2**20):>9.2f} {per_row / first:>19.2f}")
            os.remove(path)


if __name__ == "__main__":
    main(sys.argv[1:])
