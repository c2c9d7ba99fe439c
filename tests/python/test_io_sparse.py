"""Sparse IOTable (scipy.sparse Z, sparse LU): same labelled results as the dense path, and bad input.

References: the Miller & Blair (2009, ch. 2, Table 2.3) two-sector example and pymrio's test system, as
in test_io.py; random productive systems with sparse patterns.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import haidian
from haidian import IOTable, _core, sda

MB_Z = np.array([[150.0, 500.0], [200.0, 100.0]])
MB_Y = np.array([[350.0], [1700.0]])
MB_SECTORS = ["agriculture", "manufacturing"]
TOL = 1e-10


def _random_sparse_year(rng: np.random.Generator, n: int, density: float, k: int = 2, d: int = 3, idle: int | None = None):
    """A productive table with a sparse pattern (each flow present with probability density, plus a
    cycle so every sector buys something); sector idle has no output, inputs, sales or stressor use."""
    A = np.where(rng.random((n, n)) < density, rng.random((n, n)), 0.0)
    A[np.roll(np.arange(n), -1), np.arange(n)] = rng.uniform(0.1, 1.0, n)
    if idle is not None:
        A[idle, :] = 0.0
        A[:, idle] = 0.0
    sums = A.sum(axis=0)
    A *= np.where(sums > 0, rng.uniform(0.2, 0.8, n) / np.where(sums > 0, sums, 1.0), 0.0)
    Y = rng.uniform(1.0, 10.0, (n, d))
    if idle is not None:
        Y[idle] = 0.0
    x = np.linalg.solve(np.eye(n) - A, Y.sum(axis=1))
    if idle is not None:
        x[idle] = 0.0
    Z = A * x
    F = rng.uniform(0.1, 5.0, (k, n)) * x
    return Z, Y, x, F


def _pair(Z, Y, x=None, F=None, **kwargs):
    """The same table dense and sparse."""
    return IOTable(Z, Y, x=x, F=F, **kwargs), IOTable(sp.csr_matrix(Z), Y, x=x, F=F, **kwargs)


def _close(a, b, tol=TOL):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape
    scale = max(np.abs(b).max(), 1e-300)
    assert np.abs(a - b).max() <= tol * scale, np.abs(a - b).max() / scale


# ------------------------------------------------------------------------------ the textbook ----


def test_miller_blair_example_sparse_equals_dense():
    dense, sparse = _pair(MB_Z, MB_Y, F=[[50.0, 400.0]], sectors=MB_SECTORS, stressors=["CO2"])
    assert sparse.is_sparse and not dense.is_sparse
    assert isinstance(sparse.leontief, _core.SparseLeontief) and isinstance(dense.leontief, _core.Leontief)
    np.testing.assert_allclose(sparse.leontief_inverse().to_numpy(), [[0.95, 0.25], [0.2, 0.85]] / np.float64(0.7575), rtol=1e-14)
    output = sparse.solve([600.0, 1500.0])
    np.testing.assert_allclose(output.to_numpy(), [1247.52, 1841.58], atol=5e-3)
    pd.testing.assert_series_equal(output, dense.solve([600.0, 1500.0]), rtol=TOL)
    pd.testing.assert_frame_equal(sparse.A.sparse.to_dense(), dense.A, check_exact=False, rtol=1e-15)
    pd.testing.assert_frame_equal(sparse.Z.sparse.to_dense(), dense.Z)
    pd.testing.assert_frame_equal(sparse.multipliers(), dense.multipliers(), rtol=TOL)
    pd.testing.assert_frame_equal(sparse.footprint("category"), dense.footprint("category"), rtol=TOL)
    pd.testing.assert_series_equal(sparse.footprint("total"), dense.footprint("total"), rtol=TOL)
    pd.testing.assert_frame_equal(sparse.linkages(), dense.linkages(), rtol=TOL)
    pd.testing.assert_frame_equal(sparse.leontief_inverse(), dense.leontief_inverse(), rtol=TOL)
    np.testing.assert_allclose(sparse.footprint("total").to_numpy(), [450.0], rtol=1e-14)
    assert "sparse" in repr(sparse) and "sparse" not in repr(dense)


# ------------------------------------------------------------------------------- input forms ----


def test_sparse_input_forms_and_the_callers_matrix_is_untouched():
    reference = IOTable(sp.csc_matrix(MB_Z), MB_Y, sectors=MB_SECTORS)
    # COO with a duplicate entry (150 = 100 + 50) and unsorted: canonicalised on a copy.
    coo = sp.coo_matrix(([50.0, 500.0, 200.0, 100.0, 100.0], ([0, 0, 1, 1, 0], [0, 1, 0, 1, 0])), shape=(2, 2))
    csc = coo.tocsc()
    before = (csc.data.copy(), csc.indices.copy(), csc.indptr.copy())
    for Z in (coo, csc, sp.csr_array(MB_Z), sp.lil_matrix(MB_Z)):
        table = IOTable(Z, MB_Y, sectors=MB_SECTORS)
        assert table.is_sparse
        pd.testing.assert_series_equal(table.x, reference.x)
        pd.testing.assert_series_equal(table.solve([600.0, 1500.0]), reference.solve([600.0, 1500.0]))
    np.testing.assert_array_equal(csc.data, before[0])
    np.testing.assert_array_equal(csc.indices, before[1])
    np.testing.assert_array_equal(csc.indptr, before[2])
    # A sparse DataFrame (what IOTable.Z returns for a sparse table) keeps its labels and stays sparse.
    again = IOTable(reference.Z, pd.DataFrame(MB_Y, index=MB_SECTORS, columns=["households"]))
    assert again.is_sparse and list(again.sectors) == MB_SECTORS and list(again.categories) == ["households"]
    # sparse=True converts a dense Z; sparse=False makes a sparse one dense.
    assert IOTable(MB_Z, MB_Y, sparse=True).is_sparse
    dense = IOTable(sp.csr_matrix(MB_Z), sp.csr_matrix(MB_Y), F=sp.csr_matrix([[50.0, 400.0]]), sparse=False)
    assert not dense.is_sparse and isinstance(dense.leontief, _core.Leontief)
    np.testing.assert_allclose(dense.footprint("total").to_numpy(), [450.0], rtol=1e-14)


def test_sparse_table_pickles_and_rebuilds_its_factorisation():
    table = IOTable(sp.csr_matrix(MB_Z), MB_Y, F=[[50.0, 400.0]], sectors=MB_SECTORS)
    table.footprint()
    clone = pickle.loads(pickle.dumps(table))
    assert clone.is_sparse
    pd.testing.assert_frame_equal(clone.multipliers(), table.multipliers())


def test_dense_tables_do_not_import_scipy():
    # scipy is needed only for sparse tables: a dense table, its footprints and an SDA never import it.
    code = (
        "import sys, numpy as np, haidian\n"
        "t = haidian.IOTable(np.array([[150., 500.], [200., 100.]]), np.array([[350.], [1700.]]), F=[[50., 400.]])\n"
        "t.footprint(); t.linkages(); haidian.sda(t, t)\n"
        "print(any(name == 'scipy' or name.startswith('scipy.') for name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# ------------------------------------------------------------------ random productive systems ----


@pytest.mark.parametrize(("seed", "n", "density", "idle"), [(0, 30, 0.1, None), (1, 120, 0.03, None), (2, 60, 0.05, 7), (3, 200, 0.02, 0)])
def test_random_sparse_systems_sparse_equals_dense(seed, n, density, idle):
    rng = np.random.default_rng(seed)
    Z, Y, x, F = _random_sparse_year(rng, n, density, idle=idle)
    dense, sparse = _pair(Z, Y, x=x, F=F)
    assert sparse.leontief.system_nonzeros < n * n / 4
    _close(sparse.A.sparse.to_dense().to_numpy(), dense.A.to_numpy())
    _close(sparse.solve(Y).to_numpy(), dense.solve(Y).to_numpy())
    _close(sparse.multipliers().to_numpy(), dense.multipliers().to_numpy())
    _close(sparse.footprint().to_numpy(), dense.footprint().to_numpy())
    _close(sparse.footprint("total").to_numpy(), dense.footprint("total").to_numpy())
    _close(sparse.linkages().to_numpy(), dense.linkages().to_numpy())
    _close(sparse.leontief_inverse().to_numpy(), dense.leontief_inverse().to_numpy())
    # (I - A) x = y to 1e-10 on the sparse path.
    A = sparse.A.sparse.to_coo().tocsr()
    solution = sparse.solve(Y).to_numpy()
    assert np.abs(solution - A @ solution - Y).max() <= TOL * np.abs(Y).max()


# --------------------------------------------------------------------------------------- pymrio ----


@pytest.fixture(scope="module")
def pymrio_pair():
    import pymrio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymrio's own deprecation chatter is not under test
        mrio = pymrio.load_test()
        dense = IOTable.from_pymrio(mrio)
        sparse = IOTable.from_pymrio(mrio, sparse=True)
        mrio.calc_all()
    return mrio, dense, sparse


def test_sparse_pymrio_system_agrees_with_pymrio_and_dense(pymrio_pair):
    mrio, dense, sparse = pymrio_pair
    assert sparse.is_sparse and sparse.is_multiregional
    pd.testing.assert_index_equal(sparse.sectors, mrio.Z.index)
    np.testing.assert_allclose(sparse.A.sparse.to_dense().to_numpy(), mrio.A.to_numpy(), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(sparse.leontief_inverse().to_numpy(), mrio.L.to_numpy(), rtol=1e-12, atol=1e-14)
    emissions = mrio.emissions
    np.testing.assert_allclose(sparse.multipliers().loc["emissions"].to_numpy(), emissions.M.to_numpy(), rtol=1e-12)
    product = sparse.footprint("product").loc["emissions"]
    assert list(product.columns) == list(emissions.D_cba.columns)
    np.testing.assert_allclose(product.to_numpy(), emissions.D_cba.to_numpy(), rtol=1e-12)
    by_region = sparse.footprint("region")
    pd.testing.assert_frame_equal(by_region, dense.footprint("region"), rtol=TOL)
    np.testing.assert_allclose(by_region.loc["emissions"].to_numpy(), emissions.D_cba_reg.to_numpy(), rtol=1e-12)


def test_sparse_sda_on_pymrio_system_equals_dense(pymrio_pair):
    mrio, dense0, sparse0 = pymrio_pair
    Z1 = mrio.Z.copy()
    food = [label for label in Z1.columns if label[1] == "food"]
    Z1[food] *= 0.95
    kwargs = dict(x=dense0.x, F=dense0.F, stressors=dense0.stressors)
    dense1 = IOTable(Z1, mrio.Y * 1.1, **kwargs)
    sparse1 = IOTable(Z1, mrio.Y * 1.1, sparse=True, **kwargs)
    factors = ["intensity", "leontief", "level", "mix", "destination"]
    expected = sda(dense0, dense1, factors=factors)
    for result in (sda(sparse0, sparse1, factors=factors), sda(dense0, sparse1, factors=factors)):
        pd.testing.assert_frame_equal(result.effects, expected.effects, rtol=TOL, atol=TOL * expected.effects.abs().max().max())
        pd.testing.assert_frame_equal(result.by_region, expected.by_region, rtol=TOL, atol=TOL * expected.by_region.abs().max().max())
        assert result.closes


# ------------------------------------------------------------------------------------------- SDA ----


FACTOR_LISTS = [
    ["intensity", "leontief", "final_demand"],
    ["final_demand", "intensity", "leontief"],
    ["intensity", "leontief", "level", "mix"],
    ["intensity", "leontief", "population", "per_capita", "mix", "destination"],
]


@pytest.mark.parametrize("factors", FACTOR_LISTS)
@pytest.mark.parametrize("method", ["exact", "two_polar"])
@pytest.mark.parametrize("mode", ["additive", "multiplicative"])
def test_sparse_sda_equals_dense_sda(factors, method, mode):
    rng = np.random.default_rng(42)
    years = [_random_sparse_year(rng, 50, 0.06, idle=3) for _ in range(2)]
    labels = dict(sectors=[f"s{i}" for i in range(50)], categories=["hh", "gov", "exp"], stressors=["CO2", "water"])
    pairs = [_pair(Z, Y, x=x, F=F, population=p, **labels) for (Z, Y, x, F), p in zip(years, (2.0e6, 2.1e6))]
    expected = sda(pairs[0][0], pairs[1][0], factors=factors, method=method, mode=mode)
    for table0, table1 in ((pairs[0][1], pairs[1][1]), (pairs[0][1], pairs[1][0])):
        result = sda(table0, table1, factors=factors, method=method, mode=mode)
        for name in ("effects", "exact", "two_polar"):
            _close(getattr(result, name).to_numpy(), getattr(expected, name).to_numpy())
            pd.testing.assert_index_equal(getattr(result, name).index, getattr(expected, name).index)
            pd.testing.assert_index_equal(getattr(result, name).columns, getattr(expected, name).columns)
        _close(result.total.to_numpy(), expected.total.to_numpy())
        if mode == "additive":
            _close(result.by_sector.to_numpy(), expected.by_sector.to_numpy())
            pd.testing.assert_index_equal(result.by_sector.columns, expected.by_sector.columns)
        assert result.closes


def test_sda_factorises_one_table_at_a_time_and_keeps_nothing():
    rng = np.random.default_rng(5)
    years = [_random_sparse_year(rng, 40, 0.1) for _ in range(2)]
    for sparse in (False, True):
        tables = [IOTable(Z, Y, x=x, F=F, sparse=sparse) for Z, Y, x, F in years]
        first = sda(tables[0], tables[1])
        assert tables[0]._leontief is None and tables[1]._leontief is None
        # A kept factorisation (from an earlier footprint) is re-used, and the numbers do not change.
        tables[0].footprint()
        kept = tables[0]._leontief
        again = sda(tables[0], tables[1])
        assert tables[0]._leontief is kept and tables[1]._leontief is None
        pd.testing.assert_frame_equal(again.effects, first.effects)


# -------------------------------------------------------------------------------------- bad input ----


def test_sparse_bad_input_names_the_sector():
    with pytest.raises(ValueError, match=r"IOTable: Z has 2 rows and 3 columns; it must be square"):
        IOTable(sp.csr_matrix(np.ones((2, 3))), np.ones((2, 1)))
    negative = MB_Z.copy()
    negative[1, 0] = -5.0
    with pytest.raises(ValueError, match=r"IOTable: Z\[1, 0\] \(flow from sector 1 \('manufacturing'\) to sector 0 \('agriculture'\)\) is -5, but must be non-negative"):
        IOTable(sp.csr_matrix(negative), MB_Y, sectors=MB_SECTORS)
    nan = MB_Z.copy()
    nan[0, 1] = np.nan
    with pytest.raises(ValueError, match=r"Z\[0, 1\] .* is nan, but must be non-negative and finite"):
        IOTable(sp.csr_matrix(nan), MB_Y, x=[1000.0, 2000.0], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"sector 1 \('manufacturing'\) has zero gross output but non-zero inputs \(Z\[0, 1\] is 500\)"):
        IOTable(sp.csr_matrix(MB_Z), MB_Y, x=[1000.0, 0.0], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"IOTable: sectors has 3 labels but Z has 2 rows"):
        IOTable(sp.csr_matrix(MB_Z), MB_Y, sectors=["a", "b", "c"])
    frame = pd.DataFrame.sparse.from_spmatrix(sp.csr_matrix(MB_Z), index=MB_SECTORS, columns=MB_SECTORS[::-1])
    with pytest.raises(ValueError, match=r"IOTable: Z's columns do not match its index"):
        IOTable(frame, MB_Y)
    with pytest.raises(TypeError, match=r"IOTable: Z must be a numeric array, scipy.sparse matrix or pandas object"):
        IOTable({"a": object()}, MB_Y, sparse=True)


def test_sparse_singular_and_non_productive_systems_name_the_sectors():
    Z = np.array([[600.0, 1800.0], [600.0, 100.0]])  # spectral radius of A 1.11; agriculture's inputs sum to 1.2
    table = IOTable(sp.csr_matrix(Z), MB_Y, x=[1000.0, 2000.0], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"SparseLeontief: the system is not productive .* input coefficients sum to 1 or more in sector 0 \('agriculture'\) \(1.2\)"):
        table.solve([1.0, 1.0])
    singular = sp.csr_matrix(np.array([[1000.0, 0.0], [0.0, 100.0]]))  # agriculture uses all its own output
    with pytest.raises(ValueError, match=r"SparseLeontief: I - A is singular .* sector 0 \('agriculture'\) \(1\)"):
        IOTable(singular, MB_Y, x=[1000.0, 2000.0], sectors=MB_SECTORS).leontief_inverse()
    with pytest.raises(ValueError, match=r"SparseLeontief.from_coefficients: A\[0, 1\] .* is -0.1"):
        _core.SparseLeontief.from_coefficients(sp.csc_matrix(np.array([[0.1, -0.1], [0.1, 0.1]])))
    # The same in an SDA: the table at fault is factorised there.
    good = IOTable(sp.csr_matrix(MB_Z), MB_Y, F=[[1.0, 2.0]], sectors=MB_SECTORS)
    bad = IOTable(sp.csr_matrix(Z), MB_Y, x=[1000.0, 2000.0], F=[[1.0, 2.0]], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"SparseLeontief: the system is not productive"):
        sda(good, bad)


def test_lmdi_refuses_sparse_tables():
    dense, sparse = _pair(MB_Z, MB_Y, F=[[50.0, 400.0]], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"sda: method='lmdi' forms the Leontief inverse L .* use method='exact'"):
        sda(dense, sparse, method="lmdi")
    assert sda(dense, dense, method="lmdi").closes


def test_core_two_step_sda_matches_the_one_call_form():
    rng = np.random.default_rng(9)
    years = [_random_sparse_year(rng, 20, 0.2) for _ in range(2)]
    tables = [IOTable(Z, Y, x=x, F=F) for Z, Y, x, F in years]
    factors = ["intensity", "leontief", "level", "mix"]
    args = [(t._intensities, t._Y, np.nan) for t in tables]
    demands = _core.sda_final_demands(*args[0], *args[1], factors)
    assert demands.shape == (20, 4)
    outputs = [t.leontief.solve(demands) for t in tables]
    stepwise = _core.sda_from_outputs(tables[0]._intensities, tables[0]._Y, outputs[0], tables[1]._intensities, tables[1]._Y, outputs[1], factors)
    one_call = _core.structural_decomposition(tables[0].leontief, *args[0][:2], np.nan, tables[1].leontief, *args[1][:2], np.nan, factors)
    for key in ("exact", "two_polar", "exact_by_sector", "subset_values"):
        np.testing.assert_array_equal(stepwise[key], one_call[key])
    with pytest.raises(ValueError, match=r"sda: outputs1 \(columns\) has 1 elements but final-demand mixes"):
        _core.sda_from_outputs(tables[0]._intensities, tables[0]._Y, outputs[0], tables[1]._intensities, tables[1]._Y, outputs[1][:, :1], factors)
    assert haidian.sda(tables[0], tables[1], factors=factors).closes
