"""Benchmark: haidian's Leontief solve and three-factor exact SDA against numpy/scipy (OpenBLAS).

Each measurement runs in a fresh process (so peak memory is its own) on the same synthetic productive
tables (benchmarks/numpy_sda.py: make_year, make_sparse_year). Usage, from the source tree with a dev build:

    PYTHONPATH=build/dev-NAME/python .venv/bin/python benchmarks/bench_sda.py --n 2000
    PYTHONPATH=build/dev-NAME/python .venv/bin/python benchmarks/bench_sda.py --n 8000 --repeat 3   # ~2 GB per table pair
    PYTHONPATH=build/dev-NAME/python .venv/bin/python benchmarks/bench_sda.py --n 8000 --sparse mrio

Dense (default): prints seconds, the haidian/numpy time ratio (below 1: haidian faster) and peak
resident memory in dense n x n matrices above the process's size after imports. With --repeat R the
two sides alternate R times and the medians are compared: on the shared 2-core machine one run's
time varies by up to +-40 %, more than any difference between the two sides. Also times the whole SDA
at n = 150, the size of a national table, which should be interactive.

Sparse (--sparse mrio|random): haidian's sparse path (IOTable from a scipy.sparse Z, SparseLeontief)
against scipy.sparse.linalg.splu (SuperLU) doing the same steps, with its symmetric-pattern ordering
MMD_AT_PLUS_A and its default COLAMD; the ratio is against the faster of the two. Peak memory is
counted from the inputs on (numpy_sda.reset_peak), in the same n x n dense units.

How peak memory is counted, and what it contains. The baseline is the resident size after imports;
everything above it counts, the input tables included (1 dense n x n matrix for the solve, 2 for the
SDA). On top of whole matrices there is a residue that is not an n x n matrix and does not grow with
n beyond its cap: OpenBLAS's per-thread work buffers and the code pages it touches (both sides, about
25 MB), and on the haidian side about 8 MB of pyarrow, which pandas imports on the first
string-labelled index (after the baseline). At n = 8,000 (512 MB per matrix) that residue is 0.05-0.07
matrices; at n = 2,000 it is 0.3-0.5. The SDA used to measure 4.07: both tables' LU factorisations
alive at once (2 inputs + 2 factorisations = 4) plus the residue. haidian.sda now solves with one
table's factorisation at a time and keeps neither (a table's own kept factorisation is re-used), so
it is the 2 inputs + 1 factorisation + residue: 3.06. The numpy reference keeps both (4.06).

The speed depends on how the module was built: with HAIDIAN_USE_BLAS (the default when CMake finds
OpenBLAS and LAPACKE; see docs/input_output.md, Benchmark) Eigen's LU is LAPACK's dgetrf, otherwise Eigen's own.
`ldd` on haidian/_core*.so shows which (libopenblas listed or not).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from numpy_sda import make_sparse_year, make_year, peak_matrices, reset_peak, resident_bytes  # noqa: E402

SCIPY_ORDERINGS = ("MMD_AT_PLUS_A", "COLAMD")  # splu's symmetric-pattern ordering and its default


def _haidian_run(n: int, what: str, sparse: str | None = None) -> dict:
    import haidian

    if sparse:
        import scipy.sparse  # noqa: F401  (imported before the baseline, as on the scipy side)
    baseline = resident_bytes()
    make = (lambda seed: make_sparse_year(n, seed, sparse)) if sparse else (lambda seed: make_year(n, seed))
    year0 = make(1)
    year1 = make(2) if what == "sda" else None
    if sparse:
        reset_peak()  # inputs count, the generator's scratch does not (numpy_sda.reset_peak)
    fill = None
    start = time.perf_counter()
    if what == "solve":
        table = haidian.IOTable(year0["Z"], year0["Y"], x=year0["x"], F=year0["F"])
        table.solve(year0["Y"].sum(axis=1))
        if sparse:
            fill = table.leontief.nonzeros / n**2
    else:
        tables = [haidian.IOTable(y["Z"], y["Y"], x=y["x"], F=y["F"]) for y in (year0, year1)]
        haidian.sda(tables[0], tables[1], factors=["intensity", "leontief", "final_demand"], method="exact")
    seconds = time.perf_counter() - start
    return {"impl": "haidian", "what": what, "n": n, "seconds": seconds, "peak_matrices": peak_matrices(n, baseline), "fill": fill}


def _in_subprocess(impl: str, n: int, what: str, sparse: str | None = None, permc: str | None = None) -> dict:
    if impl == "numpy":
        command = [sys.executable, os.path.join(HERE, "numpy_sda.py"), "--n", str(n), "--what", what]
        if sparse:
            command += ["--sparse", sparse, "--permc", permc]
    else:
        command = [sys.executable, os.path.abspath(__file__), "--child", "--n", str(n), "--what", what]
        if sparse:
            command += ["--sparse", sparse]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _machine() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def _dense(n: int, repeat: int) -> int:
    runs: dict[tuple[str, str], list[dict]] = {}
    for r in range(repeat):
        for what in ("solve", "sda"):
            order = ("haidian", "numpy") if r % 2 == 0 else ("numpy", "haidian")  # alternate: no position bias
            for impl in order:
                runs.setdefault((what, impl), []).append(_in_subprocess(impl, n, what))
    print(f"n = {n}, dense, {repeat} alternating run(s) each ({_machine()})")
    print(f"{'step':<8}{'haidian s':>18}{'numpy s':>18}{'ratio':>8}{'haidian peak':>14}{'numpy peak':>12}"
          "  (median [min-max]; ratio of medians; peak in n x n matrices, largest)")
    for what in ("solve", "sda"):
        h, p = runs[(what, "haidian")], runs[(what, "numpy")]
        hs, ps = sorted(run["seconds"] for run in h), sorted(run["seconds"] for run in p)
        hm, pm = statistics.median(hs), statistics.median(ps)
        print(f"{what:<8}{f'{hm:.2f} [{hs[0]:.2f}-{hs[-1]:.2f}]':>18}{f'{pm:.2f} [{ps[0]:.2f}-{ps[-1]:.2f}]':>18}{hm / pm:>8.2f}"
              f"{max(run['peak_matrices'] for run in h):>14.2f}{max(run['peak_matrices'] for run in p):>12.2f}")
    small = sorted(_in_subprocess("haidian", 150, "sda")["seconds"] for _ in range(max(repeat, 1)))
    print(f"whole exact SDA at n = 150 (national table): {statistics.median(small) * 1000:.1f} ms (median)")
    return 0


def _sparse(n: int, pattern: str) -> int:
    print(f"n = {n}, sparse tables, pattern {pattern!r} ({_machine()})")
    print(f"{'step':<8}{'impl':<26}{'seconds':>10}{'peak':>8}  (peak in n x n dense matrices; ratio: haidian / fastest scipy)")
    for what in ("solve", "sda"):
        h = _in_subprocess("haidian", n, what, pattern)
        scipy_runs = [_in_subprocess("numpy", n, what, pattern, permc) for permc in SCIPY_ORDERINGS]
        fill = f", LU factors {h['fill']:.1%} of n^2" if h.get("fill") is not None else ""
        print(f"{what:<8}{'haidian':<26}{h['seconds']:>10.3f}{h['peak_matrices']:>8.3f}{fill}")
        for run in scipy_runs:
            print(f"{'':<8}{run['impl']:<26}{run['seconds']:>10.3f}{run['peak_matrices']:>8.3f}")
        fastest = min(run["seconds"] for run in scipy_runs)
        print(f"{'':<8}{'ratio':<26}{h['seconds'] / fastest:>10.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="haidian vs numpy/scipy: Leontief solve and three-factor SDA")
    parser.add_argument("--n", type=int, default=2000, help="number of sectors (8000 for the full benchmark)")
    parser.add_argument("--sparse", choices=["mrio", "random"], default=None,
                        help="sparse tables of this pattern against scipy.sparse.linalg.splu (numpy_sda.make_sparse_year)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="dense: alternate haidian and numpy this many times and report medians (3 at n = 8000)")
    parser.add_argument("--what", choices=["solve", "sda"], default="sda", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_haidian_run(args.n, args.what, args.sparse)))
        return 0
    return _sparse(args.n, args.sparse) if args.sparse else _dense(args.n, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
