"""numpy/scipy reference for the structural decomposition benchmark (OpenBLAS LU, same steps as haidian).

Also provides the synthetic productive tables both sides use. Run on its own:

    .venv/bin/python benchmarks/numpy_sda.py --n 2000

prints one JSON line: seconds for the Leontief solve and for the full three-factor exact SDA, and peak
resident memory measured in dense n x n matrices. The numpy side is written as a careful user would:
I - A built in place, scipy's LU on the Fortran-ordered transpose (no copy), solves with trans=1,
and the same 2^3 mixes of years and Shapley weights as haidian.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import resource
import sys
import time

import numpy as np


def make_year(n: int, seed: int, stressors: int = 1, categories: int = 3) -> dict[str, np.ndarray]:
    """A synthetic productive table: Z (n x n, C order), Y (n x categories), x, F (stressors x n).

    Columns of A sum to 0.2-0.6, so the system is productive; Y = x - Z 1 is positive for the output
    drawn here. Built in place so that generating it holds one n x n matrix.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 2.0, n)
    Z = rng.random((n, n))
    Z *= (rng.uniform(0.2, 0.6, n) * x / Z.sum(axis=0))[None, :]  # Z = A x̂ with column sums of A as drawn
    net = x - Z.sum(axis=1)
    if net.min() <= 0.0:  # pragma: no cover - not reached for these ranges
        raise RuntimeError("synthetic table has non-positive final demand; change the ranges")
    shares = rng.dirichlet(np.ones(categories), n)
    Y = net[:, None] * shares
    F = rng.uniform(0.1, 1.0, (stressors, n)) * x
    return {"Z": Z, "Y": Y, "x": x, "F": F}


def resident_bytes() -> int:
    """Current resident memory of this process (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def peak_matrices(n: int, baseline: int) -> float:
    """Peak resident memory above a baseline (taken after imports), in dense n x n double matrices."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return (peak - baseline) / (8.0 * n * n)


def _factorise(Z: np.ndarray, x: np.ndarray):
    from scipy.linalg import lu_factor

    M = Z / x  # A: the one new n x n matrix
    np.negative(M, out=M)
    M.flat[:: M.shape[0] + 1] += 1.0  # I - A, in place
    # LAPACK wants Fortran order: factor the transpose view (no copy) and solve with trans=1.
    return lu_factor(M.T, overwrite_a=True, check_finite=False)


def _solve(lu, b: np.ndarray) -> np.ndarray:
    from scipy.linalg import lu_solve

    return lu_solve(lu, b, trans=1, check_finite=False)


def leontief_solve(year: dict[str, np.ndarray]) -> np.ndarray:
    """x = L y for the table's own final demand."""
    return _solve(_factorise(year["Z"], year["x"]), year["Y"].sum(axis=1))


def sda_exact(year0: dict[str, np.ndarray], year1: dict[str, np.ndarray]) -> np.ndarray:
    """Exact (Shapley) additive SDA of R = f' L y over intensity, leontief, final_demand."""
    lus = [_factorise(year["Z"], year["x"]) for year in (year0, year1)]
    f = [year["F"] / year["x"] for year in (year0, year1)]
    y = [year["Y"].sum(axis=1) for year in (year0, year1)]
    K = 3
    values = {}
    for bits in itertools.product((0, 1), repeat=K):
        values[bits] = f[bits[0]] @ _solve(lus[bits[1]], y[bits[2]])
    effects = np.zeros((K, f[0].shape[0]))
    for k in range(K):
        for bits, value in values.items():
            if bits[k] == 0:
                continue
            size = sum(bits) - 1
            weight = math.factorial(size) * math.factorial(K - size - 1) / math.factorial(K)
            without = tuple(0 if j == k else b for j, b in enumerate(bits))
            effects[k] += weight * (value - values[without])
    return effects


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="number of sectors (8000 for the full benchmark)")
    parser.add_argument("--what", choices=["solve", "sda"], default="sda")
    args = parser.parse_args(argv)
    import scipy.linalg  # noqa: F401  (imported before the baseline, like haidian's imports)

    baseline = resident_bytes()
    year0 = make_year(args.n, 1)
    year1 = make_year(args.n, 2) if args.what == "sda" else None
    start = time.perf_counter()
    if args.what == "solve":
        leontief_solve(year0)
    else:
        sda_exact(year0, year1)
    seconds = time.perf_counter() - start
    print(json.dumps({"impl": "numpy", "what": args.what, "n": args.n, "seconds": seconds, "peak_matrices": peak_matrices(args.n, baseline)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
