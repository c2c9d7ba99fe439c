"""Benchmark: haidian's Leontief solve and three-factor exact SDA against numpy/scipy (OpenBLAS).

Each measurement runs in a fresh process (so peak memory is its own) on the same synthetic productive
tables (benchmarks/numpy_sda.py: make_year). Usage, from the source tree with a dev build:

    PYTHONPATH=build/dev-NAME/python .venv/bin/python benchmarks/bench_sda.py --n 2000
    PYTHONPATH=build/dev-NAME/python .venv/bin/python benchmarks/bench_sda.py --n 8000   # ~2 GB per table pair

Prints seconds, the haidian/numpy time ratio (below 1: haidian faster) and peak resident memory in
dense n x n matrices above the process's size after imports (the input tables count: 1 for the
solve, 2 for the SDA). Also times the whole SDA at n = 150, the size
of a national table, which should be interactive.

The speed depends on how the module was built: with HAIDIAN_USE_BLAS (the default when CMake finds
OpenBLAS and LAPACKE; see docs/io.md, Benchmark) Eigen's LU is LAPACK's dgetrf, otherwise Eigen's own.
`ldd` on haidian/_core*.so shows which (libopenblas listed or not).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from numpy_sda import make_year, peak_matrices, resident_bytes  # noqa: E402


def _haidian_run(n: int, what: str) -> dict:
    import haidian

    baseline = resident_bytes()
    year0 = make_year(n, 1)
    year1 = make_year(n, 2) if what == "sda" else None
    start = time.perf_counter()
    if what == "solve":
        table = haidian.IOTable(year0["Z"], year0["Y"], x=year0["x"], F=year0["F"])
        table.solve(year0["Y"].sum(axis=1))
    else:
        tables = [haidian.IOTable(y["Z"], y["Y"], x=y["x"], F=y["F"]) for y in (year0, year1)]
        haidian.sda(tables[0], tables[1], factors=["intensity", "leontief", "final_demand"], method="exact")
    seconds = time.perf_counter() - start
    return {"impl": "haidian", "what": what, "n": n, "seconds": seconds, "peak_matrices": peak_matrices(n, baseline)}


def _in_subprocess(impl: str, n: int, what: str) -> dict:
    if impl == "numpy":
        command = [sys.executable, os.path.join(HERE, "numpy_sda.py"), "--n", str(n), "--what", what]
    else:
        command = [sys.executable, os.path.abspath(__file__), "--child", "--n", str(n), "--what", what]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="haidian vs numpy: Leontief solve and three-factor SDA")
    parser.add_argument("--n", type=int, default=2000, help="number of sectors (8000 for the full benchmark)")
    parser.add_argument("--what", choices=["solve", "sda"], default="sda", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_haidian_run(args.n, args.what)))
        return 0
    rows = []
    for what in ("solve", "sda"):
        result = {impl: _in_subprocess(impl, args.n, what) for impl in ("haidian", "numpy")}
        rows.append((what, result))
    print(f"n = {args.n}")
    print(f"{'step':<8}{'haidian s':>12}{'numpy s':>12}{'ratio':>8}{'haidian peak':>14}{'numpy peak':>12}  (peak in n x n matrices)")
    for what, result in rows:
        h, p = result["haidian"], result["numpy"]
        print(f"{what:<8}{h['seconds']:>12.3f}{p['seconds']:>12.3f}{h['seconds'] / p['seconds']:>8.2f}"
              f"{h['peak_matrices']:>14.2f}{p['peak_matrices']:>12.2f}")
    small = _in_subprocess("haidian", 150, "sda")
    print(f"whole exact SDA at n = 150 (national table): {small['seconds'] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
