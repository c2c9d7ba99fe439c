"""IOTable: a textbook example, pymrio's test system, properties, and bad input."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haidian import IOTable, _core, sda

# Miller & Blair, Input-Output Analysis: Foundations and Extensions, 2nd ed. (2009), chapter 2, the
# two-sector numerical example (Table 2.3): flows 150, 500 / 200, 100; final demand 350, 1700; gross
# output 1000, 2000. A = [.15 .25; .20 .05], L = [1.2541 .3300; .2640 1.1221], and a new final
# demand (600, 1500) needs output (1247.52, 1841.58).
MB_Z = np.array([[150.0, 500.0], [200.0, 100.0]])
MB_Y = np.array([[350.0], [1700.0]])
MB_SECTORS = ["agriculture", "manufacturing"]


def _miller_blair(**kwargs) -> IOTable:
    return IOTable(MB_Z, MB_Y, sectors=MB_SECTORS, **kwargs)


def test_miller_blair_two_sector_example():
    table = _miller_blair()
    np.testing.assert_allclose(table.x.to_numpy(), [1000.0, 2000.0], rtol=1e-15)  # row sums, exact
    np.testing.assert_allclose(table.A.to_numpy(), [[0.15, 0.25], [0.20, 0.05]], rtol=1e-15)
    np.testing.assert_allclose(table.leontief_inverse().to_numpy(), [[1.2541, 0.3300], [0.2640, 1.1221]], atol=5e-5)
    output = table.solve([600.0, 1500.0])
    np.testing.assert_allclose(output.to_numpy(), [1247.52, 1841.58], atol=5e-3)
    assert list(output.index) == MB_SECTORS
    # Exact values from det(I - A) = 0.7575.
    np.testing.assert_allclose(output.to_numpy(), [(0.95 * 600 + 0.25 * 1500) / 0.7575, (0.2 * 600 + 0.85 * 1500) / 0.7575], rtol=1e-14)


def test_numpy_and_pandas_inputs_agree_and_outputs_are_labelled():
    frame = pd.DataFrame(MB_Z, index=MB_SECTORS, columns=MB_SECTORS)
    demand = pd.DataFrame(MB_Y, index=MB_SECTORS, columns=["households"])
    F = pd.DataFrame([[50.0, 400.0]], index=["CO2"], columns=MB_SECTORS)
    labelled = IOTable(frame, demand, F=F)
    plain = IOTable(MB_Z, MB_Y, F=[[50.0, 400.0]], sectors=MB_SECTORS, stressors=["CO2"], categories=["households"])
    pd.testing.assert_frame_equal(labelled.A, plain.A)
    pd.testing.assert_frame_equal(labelled.multipliers(), plain.multipliers())
    pd.testing.assert_frame_equal(labelled.footprint(), plain.footprint())
    assert list(labelled.footprint().columns) == ["households"]
    # Multipliers S L by hand: S = (0.05, 0.2).
    L = np.linalg.inv(np.eye(2) - MB_Z / [1000.0, 2000.0])
    np.testing.assert_allclose(plain.multipliers().to_numpy(), np.array([[0.05, 0.2]]) @ L, rtol=1e-14)
    # Footprint of all final demand equals production-based use (no F_Y): 50 + 400.
    np.testing.assert_allclose(plain.footprint("total").to_numpy(), [450.0], rtol=1e-14)
    np.testing.assert_allclose(plain.production_based("total").to_numpy(), [450.0], rtol=1e-15)
    frame_solution = labelled.solve(pd.DataFrame({"a": [600.0, 1500.0], "b": [350.0, 1700.0]}, index=MB_SECTORS))
    assert list(frame_solution.columns) == ["a", "b"]
    np.testing.assert_allclose(frame_solution["b"].to_numpy(), [1000.0, 2000.0], rtol=1e-14)


def test_read_only_inputs_are_accepted_and_never_modified():
    Z = MB_Z.copy()
    Y = MB_Y.copy()
    Z.setflags(write=False)
    Y.setflags(write=False)
    table = IOTable(Z, Y, F=np.array([[50.0, 400.0]]))
    table.footprint()
    table.leontief_inverse()
    table.linkages()
    np.testing.assert_array_equal(Z, MB_Z)
    np.testing.assert_array_equal(Y, MB_Y)


def _productive(seed: int, n: int):
    rng = np.random.default_rng(seed)
    A = rng.uniform(0.0, 1.0, (n, n))
    A *= rng.uniform(0.0, 0.95, n) / A.sum(axis=0)
    Y = rng.uniform(0.0, 100.0, (n, 2))
    x = np.linalg.solve(np.eye(n) - A, Y.sum(axis=1))
    return A * x, Y, x, A


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(1, 40))
def test_solution_satisfies_the_leontief_system(seed, n):
    Z, Y, x, A = _productive(seed, n)
    table = IOTable(Z, Y, x=x)
    demand = np.random.default_rng(seed + 1).uniform(0.0, 10.0, n)
    output = table.solve(demand).to_numpy()
    assert np.max(np.abs(output - A @ output - demand)) <= 1e-10 * max(1.0, np.abs(demand).max())
    # And the table's own final demand gives back its gross output.
    np.testing.assert_allclose(table.solve(Y.sum(axis=1)).to_numpy(), x, rtol=1e-9, atol=1e-9)


def test_linkages_match_the_explicit_inverses():
    Z, Y, x, A = _productive(3, 7)
    table = IOTable(Z, Y, x=x)
    L = np.linalg.inv(np.eye(7) - A)
    G = np.linalg.inv(np.eye(7) - Z / x[:, None])  # Ghosh inverse (I - B)^-1, B = x̂⁻¹ Z
    links = table.linkages()
    np.testing.assert_allclose(links["backward"].to_numpy(), L.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(links["forward"].to_numpy(), G.sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(links["backward_normalised"].mean(), 1.0, rtol=1e-14)


def test_table_pickles_and_rebuilds_its_factorisation():
    table = _miller_blair(F=[[50.0, 400.0]])
    table.footprint()
    clone = pickle.loads(pickle.dumps(table))
    pd.testing.assert_frame_equal(clone.multipliers(), table.multipliers())
    assert "2 sectors" in repr(clone)


# ------------------------------------------------------------------------------------ pymrio ----


@pytest.fixture(scope="module")
def pymrio_test_system():
    # pymrio is a test dependency (test extras); a missing install fails these tests rather than skipping.
    import pymrio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymrio's own deprecation chatter is not under test
        mrio = pymrio.load_test()
        table = IOTable.from_pymrio(mrio)
        mrio.calc_all()
    return mrio, table


def test_agrees_with_pymrio_on_its_test_system(pymrio_test_system):
    mrio, table = pymrio_test_system
    assert table.is_multiregional and table.n == 48
    pd.testing.assert_index_equal(table.sectors, mrio.Z.index)
    np.testing.assert_allclose(table.x.to_numpy(), mrio.x.iloc[:, 0].to_numpy(), rtol=1e-14)
    np.testing.assert_allclose(table.A.to_numpy(), mrio.A.to_numpy(), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(table.leontief_inverse().to_numpy(), mrio.L.to_numpy(), rtol=1e-12, atol=1e-14)
    emissions = mrio.emissions
    np.testing.assert_allclose(table.multipliers().loc["emissions"].to_numpy(), emissions.M.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(table.S.loc["emissions"].to_numpy(), emissions.S.to_numpy(), rtol=1e-14)
    product = table.footprint("product").loc["emissions"]
    assert list(product.columns) == list(emissions.D_cba.columns)
    np.testing.assert_allclose(product.to_numpy(), emissions.D_cba.to_numpy(), rtol=1e-12)
    by_region = table.footprint("region").loc["emissions"]
    assert list(by_region.columns) == list(emissions.D_cba_reg.columns)
    np.testing.assert_allclose(by_region.to_numpy(), emissions.D_cba_reg.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(table.production_based("region").loc["emissions"].to_numpy(), emissions.D_pba_reg.to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(table.production_based().loc["emissions"].to_numpy(), emissions.D_pba.to_numpy(), rtol=1e-12)
    # Footprints of the whole world equal its production-based total.
    np.testing.assert_allclose(table.footprint("total").to_numpy(), table.production_based("total").to_numpy(), rtol=1e-12)


def test_sda_on_pymrio_test_system_matches_pymrio_footprints(pymrio_test_system):
    # Year 1: pymrio's system with final demand grown 10% and 'food' inputs cut 5% in every region.
    mrio, table0 = pymrio_test_system
    Z1 = mrio.Z.copy()
    food = [label for label in Z1.columns if label[1] == "food"]
    Z1[food] *= 0.95
    table1 = IOTable(Z1, mrio.Y * 1.1, x=table0.x, F=table0.F, stressors=table0.stressors)
    factors = ["intensity", "leontief", "level", "mix", "destination"]
    result = sda(table0, table1, factors=factors)
    # R0 is pymrio's consumption-based total without direct final-demand emissions.
    emissions = mrio.emissions
    np.testing.assert_allclose(result.value0.loc["emissions"].to_numpy(), emissions.D_cba.sum(axis=1).to_numpy(), rtol=1e-12)
    assert result.closes
    np.testing.assert_allclose(result.by_region.sum(axis=0).to_numpy(), result.by_sector.sum(axis=0).to_numpy(), rtol=1e-10)
    assert list(result.by_region.index) == list(mrio.get_regions())
    # Only Z and the final-demand level changed (x kept, so intensities are unchanged): mix and
    # destination effects vanish, and so does the intensity effect.
    scale = result.effects.abs().to_numpy().max()
    assert result.effects.loc[["mix", "destination", "intensity"]].abs().to_numpy().max() < 1e-9 * scale


def test_from_pymrio_selects_extensions(pymrio_test_system):
    mrio, _ = pymrio_test_system
    table = IOTable.from_pymrio(mrio, extension="emissions")
    assert list(table.stressors) == [("emissions", "emission_type1/air"), ("emissions", "emission_type2/water")]
    with pytest.raises(ValueError, match=r"IOTable.from_pymrio: extension 'energy' is not in the system"):
        IOTable.from_pymrio(mrio, extension="energy")


# -------------------------------------------------------------------------------------- bad input ----


def test_non_square_z():
    with pytest.raises(ValueError, match=r"IOTable: Z has 2 rows and 3 columns; it must be square"):
        IOTable(np.ones((2, 3)), np.ones((2, 1)))


def test_negative_flow_names_both_sectors():
    Z = MB_Z.copy()
    Z[1, 0] = -5.0
    with pytest.raises(ValueError, match=r"Z\[1, 0\] \(flow from sector 1 \('manufacturing'\) to sector 0 \('agriculture'\)\) is -5, but must be non-negative"):
        IOTable(Z, MB_Y, sectors=MB_SECTORS)


def test_nan_flow_and_nan_final_demand():
    Z = MB_Z.copy()
    Z[0, 1] = np.nan
    with pytest.raises(ValueError, match=r"Z\[0, 1\] .* is nan, but must be non-negative and finite"):
        IOTable(Z, MB_Y, x=[1000.0, 2000.0], sectors=MB_SECTORS)
    Y = MB_Y.copy()
    Y[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"Y\[1, 0\] \(final demand for sector 1 \('manufacturing'\)\) is nan"):
        IOTable(MB_Z, Y, sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"IOTable: F_Y contains NaN"):
        IOTable(MB_Z, MB_Y, F=[[1.0, 1.0]], F_Y=[[np.nan]])


def test_zero_output_with_inputs_names_the_sector():
    with pytest.raises(ValueError, match=r"sector 1 \('manufacturing'\) has zero gross output but non-zero inputs \(Z\[0, 1\] is 500\)"):
        IOTable(MB_Z, MB_Y, x=[1000.0, 0.0], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"x\[0\] \(gross output of sector 0 \('agriculture'\)\) is -1"):
        IOTable(MB_Z, MB_Y, x=[-1.0, 2000.0], sectors=MB_SECTORS)


def test_stressor_use_without_output():
    Z = np.array([[10.0, 0.0], [5.0, 0.0]])
    with pytest.raises(ValueError, match=r"sector 1 \('b'\) has zero gross output but uses stressor 0 \('CO2'\)"):
        IOTable(Z, np.zeros((2, 1)), x=[100.0, 0.0], F=[[1.0, 2.0]], sectors=["a", "b"], stressors=["CO2"])


def test_singular_and_non_productive_systems_name_the_sectors():
    # A = [.6 .9; .6 .05] has spectral radius 1.11: not productive; agriculture's inputs sum to 1.2.
    Z = np.array([[600.0, 1800.0], [600.0, 100.0]])
    table = IOTable(Z, MB_Y, x=[1000.0, 2000.0], sectors=MB_SECTORS)
    with pytest.raises(ValueError, match=r"Leontief: the system is not productive .* input coefficients sum to 1 or more in sector 0 \('agriculture'\) \(1.2\)"):
        table.solve([1.0, 1.0])
    singular = np.array([[1000.0, 0.0], [0.0, 100.0]])  # agriculture uses all its own output
    with pytest.raises(ValueError, match=r"Leontief: I - A is singular .* sector 0 \('agriculture'\) \(1\)"):
        IOTable(singular, MB_Y, x=[1000.0, 2000.0], sectors=MB_SECTORS).leontief_inverse()
    with pytest.raises(ValueError, match=r"Leontief.from_coefficients: A\[0, 1\] .* is -0.1"):
        _core.Leontief.from_coefficients(np.array([[0.1, -0.1], [0.1, 0.1]]))


def test_label_mismatches_within_a_table():
    frame = pd.DataFrame(MB_Z, index=MB_SECTORS, columns=["manufacturing", "agriculture"])
    with pytest.raises(ValueError, match=r"IOTable: Z's columns do not match its index"):
        IOTable(frame, MB_Y)
    good = pd.DataFrame(MB_Z, index=MB_SECTORS, columns=MB_SECTORS)
    with pytest.raises(ValueError, match=r"IOTable: Y's index does not match the sectors of Z"):
        IOTable(good, pd.DataFrame(MB_Y, index=["x", "y"]))
    with pytest.raises(ValueError, match=r"IOTable: F's columns do not match the sectors of Z"):
        IOTable(good, pd.DataFrame(MB_Y, index=MB_SECTORS), F=pd.DataFrame([[1.0, 2.0]], columns=["x", "y"]))
    with pytest.raises(ValueError, match=r"IOTable: sectors has 3 labels but Z has 2 rows"):
        IOTable(MB_Z, MB_Y, sectors=["a", "b", "c"])
    with pytest.raises(ValueError, match=r"IOTable: F has 3 columns but Z has 2 sectors"):
        IOTable(MB_Z, MB_Y, F=np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"IOTable.solve: final_demand has 3 rows but the table has 2 sectors"):
        _miller_blair().solve([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"IOTable.solve: final_demand's index does not match"):
        _miller_blair().solve(pd.Series([1.0, 2.0], index=["x", "y"]))


def test_footprints_need_stressors_and_regions():
    table = _miller_blair()
    with pytest.raises(ValueError, match=r"IOTable.footprint: the table has no satellite accounts"):
        table.footprint()
    with_f = _miller_blair(F=[[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"IOTable.footprint: by='region' needs final demand"):
        with_f.footprint(by="region")
    with pytest.raises(ValueError, match=r"IOTable.footprint: by is 'country'"):
        with_f.footprint(by="country")
    with pytest.raises(TypeError, match=r"IOTable: Z must be a numeric array"):
        IOTable({"a": object()}, MB_Y)


def test_core_footprint_matches_numpy_dense_and_sparse():
    # Independent reference: numpy's explicit inverse, S L Y + F_Y; both evaluation orders of the C++
    # footprint (more stressors than categories and the reverse) on a dense and a sparse system.
    scipy_sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(5)
    n = 12
    A = rng.uniform(0.0, 1.0, (n, n)) * (rng.uniform(size=(n, n)) < 0.5)
    A *= 0.8 / A.sum(axis=0).clip(min=1e-9)
    x = rng.uniform(1.0, 10.0, n)
    Z = A * x
    L = np.linalg.inv(np.eye(n) - Z / x)
    dense = _core.Leontief(Z, x)
    sparse = _core.SparseLeontief(scipy_sparse.csc_matrix(Z), x)
    for k, c in [(2, 5), (5, 2)]:
        S = rng.uniform(0.0, 1.0, (k, n))
        Y = rng.uniform(-0.2, 1.0, (n, c))
        F_Y = rng.uniform(0.0, 1.0, (k, c))
        expected = S @ L @ Y + F_Y
        for system in (dense, sparse):
            np.testing.assert_allclose(_core.footprint(system, S, Y, F_Y), expected, rtol=1e-12)
        np.testing.assert_allclose(_core.footprint(dense, S, Y, np.zeros((0, 0))), S @ L @ Y, rtol=1e-12)
    # IOTable.footprint is that computation with the table's own S, Y and F_Y.
    F_table = rng.uniform(0.0, 1.0, (3, n)) * x
    F_Y_table = rng.uniform(0.0, 1.0, (3, 2))
    Y_table = rng.uniform(0.0, 1.0, (n, 2))
    table = IOTable(Z, Y_table, x=x, F=F_table, F_Y=F_Y_table)
    np.testing.assert_allclose(table.footprint().to_numpy(), (F_table / x) @ L @ Y_table + F_Y_table, rtol=1e-12)
    S, Y, F_Y = np.ones((1, n)), np.ones((n, 2)), np.zeros((1, 2))
    Y[0, 1] = np.nan
    with pytest.raises(ValueError, match=r"footprint: final_demand\[0, 1\] is nan, but must be finite"):
        _core.footprint(dense, S, Y, F_Y)
    with pytest.raises(ValueError, match=r"footprint: intensities \(columns\) has 3 elements but sectors has 12"):
        _core.footprint(sparse, np.ones((1, 3)), np.ones((n, 2)), np.zeros((0, 0)))
