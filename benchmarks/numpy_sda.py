"""numpy/scipy reference for the structural decomposition benchmark (OpenBLAS LU, same steps as haidian).

Also provides the synthetic productive tables both sides use. Run on its own:

    .venv/bin/python benchmarks/numpy_sda.py --n 2000
    .venv/bin/python benchmarks/numpy_sda.py --n 8000 --sparse mrio --permc MMD_AT_PLUS_A

prints one JSON line: seconds for the Leontief solve and for the full three-factor exact SDA, and peak
resident memory measured in dense n x n matrices. The numpy side is written as a careful user would:
I - A built in place, scipy's LU on the Fortran-ordered transpose (no copy), solves with trans=1,
and the same 2^3 mixes of years and Shapley weights as haidian. With --sparse: I - A as a
scipy.sparse CSC matrix factorised by scipy.sparse.linalg.splu (SuperLU) with the given column
ordering, solves with lu.solve, the same mixes.
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


def make_sparse_year(n: int, seed: int, pattern: str = "mrio", stressors: int = 1, categories: int = 3) -> dict:
    """A synthetic productive table with a sparse Z (scipy CSC), Y (n x categories), x, F.

    pattern "mrio": 50 regions of n/50 sectors (n a multiple of 50); every sector buys from every
    sector of its own region (dense domestic blocks) and imports from 5 (region, sector) pairs of other
    regions, drawn among each region's first n/400 "traded" sectors. Density 1/50 + 5/n (2.1 % at
    n = 8,000); a symmetric minimum-degree ordering keeps the LU factors at about 6 % of n². This is
    the structure where a sparse LU pays: trade flows through few sectors.
    pattern "random": each flow present with probability 2 % (plus a cycle through all sectors so none
    is without inputs): the same density without structure; its LU factors fill in almost completely.

    Column sums of A drawn in 0.2-0.5, positive final demand Y, x = L Y 1 by the Neumann series
    x = Σ Aᵏ y (converges geometrically: the spectral radius of A is at most 0.5), Z = A x̂.
    """
    import scipy.sparse as sp

    rng = np.random.default_rng(seed)
    if pattern == "mrio":
        regions = 50
        if n % regions:
            raise ValueError(f"make_sparse_year: pattern 'mrio' needs n a multiple of {regions}, got {n}")
        sectors, imports = n // regions, 5
        traded = max(1, sectors // 8)
        local_rows, local_cols = np.meshgrid(np.arange(sectors), np.arange(sectors), indexing="ij")
        offsets = np.arange(regions)[:, None] * sectors
        rows = (offsets + local_rows.ravel()[None, :]).ravel()
        cols = (offsets + local_cols.ravel()[None, :]).ravel()
        buyers = np.repeat(np.arange(n), imports)
        seller_regions = (buyers // sectors + rng.integers(1, regions, buyers.size)) % regions  # another region
        sellers = seller_regions * sectors + rng.integers(0, traded, buyers.size)
        rows, cols = np.concatenate([rows, sellers]), np.concatenate([cols, buyers])
    elif pattern == "random":
        mask = sp.random(n, n, density=0.02, format="coo", random_state=rng)
        rows = np.concatenate([mask.row, (np.arange(n) + 1) % n])
        cols = np.concatenate([mask.col, np.arange(n)])
    else:
        raise ValueError(f"make_sparse_year: pattern is {pattern!r}, but must be 'mrio' or 'random'")
    weights = sp.csc_matrix((rng.random(rows.size), (rows, cols)), shape=(n, n))
    weights.sum_duplicates()
    column_sums = np.asarray(weights.sum(axis=0)).ravel()
    A = sp.csc_matrix(weights @ sp.diags(rng.uniform(0.2, 0.5, n) / column_sums))
    Y = rng.uniform(0.5, 1.5, n)[:, None] * rng.dirichlet(np.ones(categories), n)
    x = term = Y.sum(axis=1)
    while np.abs(term).max() > 1e-17 * np.abs(x).max():
        term = A @ term
        x = x + term
    Z = sp.csc_matrix(A @ sp.diags(x))
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


def reset_peak() -> None:
    """Hand freed heap memory back to the system (glibc malloc_trim) and reset the peak resident memory
    to the current one (Linux >= 4.0: /proc/self/clear_refs).

    Used by the sparse benchmark after building its inputs: make_sparse_year's index arrays are larger
    than the sparse tables they build, and are freed but kept by malloc, so without this its own
    scratch memory would be the measured peak (0.27 n x n matrices at n = 8,000, on both sides). Not
    needed for the dense tables, which make_year builds in place (its peak is the tables themselves).
    """
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


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


def _factorise_sparse(Z, x: np.ndarray, permc: str):
    import scipy.sparse as sp
    from scipy.sparse.linalg import splu

    system = sp.csc_matrix(sp.identity(Z.shape[0], format="csc") - Z @ sp.diags(1.0 / x))  # I - A
    return splu(system, permc_spec=permc)


def sparse_leontief_solve(year: dict, permc: str) -> np.ndarray:
    """x = L y for the table's own final demand, by SuperLU."""
    return _factorise_sparse(year["Z"], year["x"], permc).solve(year["Y"].sum(axis=1))


def sda_exact(year0: dict[str, np.ndarray], year1: dict[str, np.ndarray], permc: str | None = None) -> np.ndarray:
    """Exact (Shapley) additive SDA of R = f' L y over intensity, leontief, final_demand (sparse Z with
    SuperLU when permc is given)."""
    if permc is None:
        lus = [_factorise(year["Z"], year["x"]) for year in (year0, year1)]
        solve = _solve
    else:
        lus = [_factorise_sparse(year["Z"], year["x"], permc) for year in (year0, year1)]

        def solve(lu, b):
            return lu.solve(b)

    f = [year["F"] / year["x"] for year in (year0, year1)]
    y = [year["Y"].sum(axis=1) for year in (year0, year1)]
    K = 3
    values = {}
    for bits in itertools.product((0, 1), repeat=K):
        values[bits] = f[bits[0]] @ solve(lus[bits[1]], y[bits[2]])
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
    parser.add_argument("--sparse", choices=["mrio", "random"], default=None, help="sparse tables of this pattern (scipy splu)")
    parser.add_argument("--permc", default="MMD_AT_PLUS_A", help="splu column ordering for --sparse")
    args = parser.parse_args(argv)
    import scipy.linalg  # noqa: F401  (imported before the baseline, like haidian's imports)
    import scipy.sparse.linalg  # noqa: F401

    baseline = resident_bytes()
    if args.sparse:
        year0 = make_sparse_year(args.n, 1, args.sparse)
        year1 = make_sparse_year(args.n, 2, args.sparse) if args.what == "sda" else None
        reset_peak()  # inputs count, the generator's scratch does not
    else:
        year0 = make_year(args.n, 1)
        year1 = make_year(args.n, 2) if args.what == "sda" else None
    permc = args.permc if args.sparse else None
    start = time.perf_counter()
    if args.what == "solve":
        sparse_leontief_solve(year0, permc) if permc else leontief_solve(year0)
    else:
        sda_exact(year0, year1, permc)
    seconds = time.perf_counter() - start
    impl = f"scipy splu {permc}" if permc else "numpy"
    print(json.dumps({"impl": impl, "what": args.what, "n": args.n, "seconds": seconds, "peak_matrices": peak_matrices(args.n, baseline)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
