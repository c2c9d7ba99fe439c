"""Input-output tables, footprints and structural decomposition analysis (SDA).

An :class:`IOTable` holds one year of an input-output table (intermediate flows ``Z``, final demand
``Y``, gross output ``x``, satellite accounts ``F``) with labels, single-region or multi-regional
(a ``(region, sector)`` MultiIndex). Its Leontief system ``(I - A) x = y`` is LU-factorised once in
the C++ core and re-used; the Leontief inverse is formed only when asked for. A table built from a
``scipy.sparse`` Z (or with ``sparse=True``) keeps Z sparse and uses a sparse LU: no dense n x n matrix
anywhere on its footprint, multiplier, solve and SDA paths. scipy is needed only for sparse tables.

:func:`sda` splits the change of a consumption-based footprint ``R = f' L y`` between two tables into
the effects of an ordered list of factors, by the exact average over all orderings (Shapley), the
Dietzenbacher-Los two-polar average, or LMDI-I on the identity, additive or multiplicative.

References
----------
Miller, R. E. & Blair, P. D. (2009). Input-Output Analysis: Foundations and Extensions, 2nd ed.
Dietzenbacher, E. & Los, B. (1998). Structural decomposition techniques: sense and sensitivity.
Economic Systems Research 10(4), 307-324.
Su, B. & Ang, B. W. (2012). Structural decomposition analysis applied to energy and emissions:
some methodological developments. Energy Economics 34, 177-188.

Examples
--------
One sector that uses 20 of its 100 of output and sells 80 to final demand, with 50 units of energy:
A = 0.2, L = 1 / (1 - 0.2) = 1.25, f = 0.5, so the footprint of final demand is 0.5 * 1.25 * 80.

>>> import haidian
>>> table = haidian.input_output.IOTable([[20.0]], [[80.0]], F=[[50.0]], stressors=["energy"])
>>> float(table.footprint().loc["energy"].sum())
50.0
"""

from __future__ import annotations

import html
import math
import sys
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._internal import additive_closure, closes, multiplicative_closure

__all__ = ["IOTable", "SdaResult", "sda"]

_METHODS = ("exact", "two_polar", "lmdi")
_MODES = ("additive", "multiplicative")


def _label_text(label: Any) -> str:
    """Readable text of a label for error messages: tuples become 'reg1/food'."""
    if isinstance(label, tuple):
        return "/".join(str(part) for part in label)
    return str(label)


def _as_index(labels: Any) -> pd.Index:
    """Labels as a pandas Index, keeping a MultiIndex as it is."""
    return labels if isinstance(labels, pd.Index) else pd.Index(labels)


def _is_scipy_sparse(value: Any) -> bool:
    """Whether value is a scipy.sparse matrix or array, without importing scipy (a sparse value implies it)."""
    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and bool(sparse.issparse(value))


def _is_sparse_frame(value: Any) -> bool:
    """Whether value is a DataFrame whose columns are all pandas Sparse (as ``IOTable.Z`` of a sparse table)."""
    return isinstance(value, pd.DataFrame) and value.shape[1] > 0 and all(isinstance(dtype, pd.SparseDtype) for dtype in value.dtypes)


def _scipy_sparse(function: str) -> Any:
    """scipy.sparse, imported on demand: sparse tables are the only part of haidian that needs scipy."""
    try:
        import scipy.sparse
    except ImportError as error:  # pragma: no cover - scipy is in the test extra
        raise ImportError(f"{function}: sparse tables need scipy; install it (pip install scipy) or pass sparse=False") from error
    return scipy.sparse


def _as_sparse_matrix(name: str, value: Any) -> tuple[Any, Any, Any]:
    """A canonical float64 scipy.sparse CSC matrix (sorted indices, duplicates summed, a copy: the caller's
    matrix is never touched) and its (index, columns) labels (None unless a DataFrame)."""
    sparse = _scipy_sparse("IOTable")
    index = columns = None
    if isinstance(value, pd.DataFrame):
        index, columns = value.index, value.columns
        if _is_sparse_frame(value) and all(dtype.fill_value == 0 for dtype in value.dtypes):
            value = value.sparse.to_coo()
        else:
            value = value.to_numpy(dtype=np.float64)
    elif not sparse.issparse(value):
        try:
            value = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"IOTable: {name} must be a numeric array, scipy.sparse matrix or pandas object, got {type(value).__name__}") from error
        if value.ndim != 2:
            raise ValueError(f"IOTable: {name} has {value.ndim} dimensions, but must be a matrix")
    matrix = sparse.csc_matrix(value, dtype=np.float64, copy=True)
    matrix.sum_duplicates()
    return matrix, index, columns


def _as_matrix(name: str, value: Any, *, ndim_one_as: str = "column") -> tuple[np.ndarray, Any, Any]:
    """A float64 2-D array and its (index, columns) labels (None for plain arrays); scipy.sparse input is
    made dense (final demand and satellites are thin: n x categories, stressors x n)."""
    index = columns = None
    if _is_scipy_sparse(value):
        value = value.toarray()
    if isinstance(value, pd.DataFrame):
        index, columns = value.index, value.columns
        array = value.to_numpy(dtype=np.float64)
    elif isinstance(value, pd.Series):
        index = value.index
        columns = pd.Index([value.name if value.name is not None else name])
        array = value.to_numpy(dtype=np.float64).reshape(-1, 1)
    else:
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"IOTable: {name} must be a numeric array or pandas object, got {type(value).__name__}") from error
        if array.ndim == 1:
            array = array.reshape(-1, 1) if ndim_one_as == "column" else array.reshape(1, -1)
    if array.ndim != 2:
        raise ValueError(f"IOTable: {name} has {array.ndim} dimensions, but must be a matrix")
    return array, index, columns


class IOTable:
    """One year of an input-output table with satellite accounts.

    Parameters
    ----------
    Z : numpy.ndarray, pandas.DataFrame or scipy.sparse matrix/array
        Intermediate flows, n x n (row: selling sector, column: buying sector), non-negative. A
        DataFrame's index gives the sector labels (a ``(region, sector)`` MultiIndex for a
        multi-regional table) and its columns must equal the index. A scipy.sparse Z (or a DataFrame
        of pandas Sparse columns, as ``IOTable.Z`` of a sparse table) makes a sparse table.
    Y : numpy.ndarray, pandas.DataFrame or pandas.Series
        Final demand, n x categories (households, government, capital formation, exports, or
        ``(region, category)`` columns). Negative entries (inventory changes) are allowed. A
        scipy.sparse Y, F or F_Y is accepted and made dense (they are thin).
    x : array-like or pandas.Series, optional
        Gross output; by default the row balance ``Z 1 + Y 1``.
    F : numpy.ndarray or pandas.DataFrame, optional
        Satellite accounts, stressors x n (energy, water, land, CO2 used by each sector).
    F_Y : numpy.ndarray or pandas.DataFrame, optional
        Stressor use by final demand itself (stressors x categories, e.g. household fuel burning);
        added to footprints by category and region, as pymrio does.
    sectors : sequence or pandas.Index, optional
        Sector labels when Z is a plain array.
    categories : sequence or pandas.Index, optional
        Final-demand column labels when Y is a plain array.
    stressors : sequence or pandas.Index, optional
        Stressor labels when F is a plain array.
    population : float, optional
        Population, for the ``population`` and ``per_capita`` SDA factors.
    sparse : bool, optional
        Keep Z sparse (scipy CSC) and factorise I - A by a sparse LU. By default sparse exactly when Z
        is; ``True`` converts a dense Z (needs scipy), ``False`` makes a sparse Z dense. Worth it when
        most flows are zero *and* the LU factors stay sparse (see docs/input_output.md, Sparse tables).

    Raises
    ------
    ValueError
        For a non-square Z, mismatched sizes or labels, NaN, negative flows, zero output with non-zero
        inputs; a singular or non-productive system is reported when the Leontief system is first used.

    Notes
    -----
    Float64 arrays are held without a copy (a table at n = 8,000 is 512 MB), and never modified;
    do not modify them afterwards either, or the cached factorisation no longer matches the table.
    A sparse Z is copied once into canonical CSC form (sorted, duplicates summed).

    Examples
    --------
    Gross output defaults to the row sums of Z and Y (20 + 80); the footprint is f L y =
    0.5 * 1.25 * 80.

    >>> import haidian
    >>> table = haidian.IOTable([[20.0]], [[80.0]], F=[[50.0]], sectors=["goods"], stressors=["energy"])
    >>> table
    IOTable(single-region, 1 sectors, 1 final-demand categories, 1 stressors, total output 100)
    >>> float(table.footprint().loc["energy"].sum())
    50.0
    """

    def __init__(
        self,
        Z: Any,
        Y: Any,
        x: Any = None,
        F: Any = None,
        F_Y: Any = None,
        *,
        sectors: Sequence[Any] | pd.Index | None = None,
        categories: Sequence[Any] | pd.Index | None = None,
        stressors: Sequence[Any] | pd.Index | None = None,
        population: float | None = None,
        sparse: bool | None = None,
    ) -> None:
        if sparse is None:
            sparse = _is_scipy_sparse(Z) or _is_sparse_frame(Z)
        self._sparse = bool(sparse)
        z, z_index, z_columns = _as_sparse_matrix("Z", Z) if self._sparse else _as_matrix("Z", Z)
        n = z.shape[0]
        if z.shape[0] != z.shape[1]:
            raise ValueError(f"IOTable: Z has {z.shape[0]} rows and {z.shape[1]} columns; it must be square (sectors x sectors)")
        if z_index is not None:
            if not z_index.equals(z_columns):
                raise ValueError("IOTable: Z's columns do not match its index; both must list the same sectors in the same order")
            labels = z_index
        elif sectors is not None:
            labels = _as_index(sectors)
        else:
            labels = pd.RangeIndex(n, name="sector")
        if len(labels) != n:
            raise ValueError(f"IOTable: sectors has {len(labels)} labels but Z has {n} rows; they must match")
        self._sectors: pd.Index = labels
        self._names = [_label_text(label) for label in labels]

        y, y_index, y_columns = _as_matrix("Y", Y)
        if y_index is not None and z_index is not None and not y_index.equals(labels):
            raise ValueError("IOTable: Y's index does not match the sectors of Z; align them first (same labels, same order)")
        if y_columns is None:
            y_columns = _as_index(categories) if categories is not None else pd.RangeIndex(y.shape[1], name="category")
        if len(y_columns) != y.shape[1]:
            raise ValueError(f"IOTable: categories has {len(y_columns)} labels but Y has {y.shape[1]} columns; they must match")
        _core.check_final_demand(y, n, self._names)
        self._categories: pd.Index = y_columns

        if x is None:
            output = np.asarray(z.sum(axis=1), dtype=np.float64).reshape(-1) + y.sum(axis=1)
        else:
            if isinstance(x, pd.Series) and z_index is not None and not x.index.equals(labels):
                raise ValueError("IOTable: x's index does not match the sectors of Z; align them first")
            output = np.asarray(x, dtype=np.float64).reshape(-1)
            if output.shape[0] != n:
                raise ValueError(f"IOTable: x has {output.shape[0]} elements but Z has {n} rows; they must match")
        # Z and x: square, finite, non-negative, zero output only without inputs (checked in C++).
        if self._sparse:
            _core.check_sparse_io_flows(z, output, self._names)
        else:
            _core.check_io_flows(z, output, self._names)
        self._Z = z
        self._Y = y
        self._x = output

        if F is None:
            f = np.zeros((0, n))
            f_index: Any = pd.Index([], name="stressor")
        else:
            f, f_index, f_columns = _as_matrix("F", F, ndim_one_as="row")
            if f_columns is not None and z_index is not None and not f_columns.equals(labels):
                raise ValueError("IOTable: F's columns do not match the sectors of Z; align them first")
            if f.shape[1] != n:
                raise ValueError(f"IOTable: F has {f.shape[1]} columns but Z has {n} sectors; they must match")
            if f_index is None or isinstance(F, pd.Series):
                f_index = _as_index(stressors) if stressors is not None else pd.RangeIndex(f.shape[0], name="stressor")
                if isinstance(F, pd.Series) and stressors is None:
                    f_index = pd.Index([F.name if F.name is not None else "stressor"])
            if len(f_index) != f.shape[0]:
                raise ValueError(f"IOTable: stressors has {len(f_index)} labels but F has {f.shape[0]} rows; they must match")
        self._F = f
        self._stressors: pd.Index = f_index
        self._intensities = _core.direct_intensities(f, output, self._names, [_label_text(s) for s in f_index])

        if F_Y is None:
            self._F_Y = np.zeros((f.shape[0], y.shape[1]))
        else:
            fy, _, _ = _as_matrix("F_Y", F_Y, ndim_one_as="row")
            if fy.shape != (f.shape[0], y.shape[1]):
                raise ValueError(f"IOTable: F_Y has shape {fy.shape}, but must be stressors x categories {(f.shape[0], y.shape[1])}")
            if not np.isfinite(fy).all():
                raise ValueError("IOTable: F_Y contains NaN or infinite values, but must be finite")
            self._F_Y = fy
        if population is not None and not (math.isfinite(population) and population > 0):
            raise ValueError(f"IOTable: population is {population}, but must be positive and finite")
        self.population = population
        self._leontief: Any = None

    # -- construction helpers --

    @classmethod
    def from_pymrio(cls, mrio: Any, extension: str | Iterable[str] | None = None, sparse: bool = False) -> "IOTable":
        """Build an IOTable from a pymrio ``IOSystem``.

        Parameters
        ----------
        mrio : pymrio.IOSystem
            A system with ``Z`` and ``Y`` (``x`` is taken when present, else ``Z 1 + Y 1``).
        extension : str or iterable of str, optional
            Names of the satellite extensions to use (``mrio.get_extensions()``); by default all. Stressor
            labels become ``(extension, stressor)`` with multi-level stressor labels joined by "/".
        sparse : bool
            Keep Z sparse (needs scipy): for systems where most flows are zero.

        Returns
        -------
        IOTable
            The table, with pymrio's ``(region, sector)`` and ``(region, category)`` labels.
        """
        if getattr(mrio, "Z", None) is None or getattr(mrio, "Y", None) is None:
            raise ValueError("IOTable.from_pymrio: mrio has no Z or Y; load or calculate the system first")
        names = list(mrio.get_extensions())
        if extension is not None:
            wanted = [extension] if isinstance(extension, str) else list(extension)
            unknown = [name for name in wanted if name not in names]
            if unknown:
                raise ValueError(f"IOTable.from_pymrio: extension {unknown[0]!r} is not in the system; it has {names}")
            names = wanted
        blocks, direct, labels = [], [], []
        Y = mrio.Y
        for name in names:
            ext = getattr(mrio, name)
            if ext.F is None:
                continue
            F = ext.F.reindex(columns=mrio.Z.columns)
            blocks.append(F.to_numpy(dtype=np.float64))
            F_Y = getattr(ext, "F_Y", None)
            direct.append(np.zeros((F.shape[0], Y.shape[1])) if F_Y is None else F_Y.reindex(columns=Y.columns, fill_value=0.0).to_numpy(dtype=np.float64))
            labels += [(name, _label_text(label)) for label in F.index]
        F_all = np.vstack(blocks) if blocks else None
        F_Y_all = np.vstack(direct) if blocks else None
        x = mrio.x.iloc[:, 0].to_numpy(dtype=np.float64) if getattr(mrio, "x", None) is not None else None
        return cls(
            mrio.Z,
            Y,
            x=x,
            F=F_all,
            F_Y=F_Y_all,
            stressors=pd.MultiIndex.from_tuples(labels, names=["extension", "stressor"]) if labels else None,
            sparse=sparse,
        )

    # -- pickling: the factorisation is rebuilt on demand --

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_leontief"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state.setdefault("_sparse", False)  # pickled before sparse tables existed
        self.__dict__.update(state)

    # -- labelled data --

    @property
    def sectors(self) -> pd.Index:
        """Sector labels (a ``(region, sector)`` MultiIndex for multi-regional tables)."""
        return self._sectors

    @property
    def categories(self) -> pd.Index:
        """Final-demand column labels."""
        return self._categories

    @property
    def stressors(self) -> pd.Index:
        """Stressor labels of the satellite accounts."""
        return self._stressors

    @property
    def n(self) -> int:
        """Number of sectors."""
        return self._Z.shape[0]

    @property
    def is_sparse(self) -> bool:
        """True for a sparse table (Z held as scipy CSC, sparse LU)."""
        return self._sparse

    @property
    def Z(self) -> pd.DataFrame:
        """Intermediate flows (sectors x sectors); pandas Sparse columns for a sparse table."""
        if self._sparse:
            return pd.DataFrame.sparse.from_spmatrix(self._Z, index=self._sectors, columns=self._sectors)
        return pd.DataFrame(self._Z, index=self._sectors, columns=self._sectors)

    @property
    def Y(self) -> pd.DataFrame:
        """Final demand (sectors x categories)."""
        return pd.DataFrame(self._Y, index=self._sectors, columns=self._categories)

    @property
    def x(self) -> pd.Series:
        """Gross output by sector."""
        return pd.Series(self._x, index=self._sectors, name="x")

    @property
    def F(self) -> pd.DataFrame:
        """Satellite accounts (stressors x sectors)."""
        return pd.DataFrame(self._F, index=self._stressors, columns=self._sectors)

    @property
    def A(self) -> pd.DataFrame:
        """Technical coefficients A = Z diag(x)^-1 (Miller & Blair 2009, eq. 2.5); pandas Sparse columns
        for a sparse table."""
        if self._sparse:
            A = _core.sparse_technical_coefficients(self._Z, self._x, self._names)
            return pd.DataFrame.sparse.from_spmatrix(A, index=self._sectors, columns=self._sectors)
        return pd.DataFrame(_core.technical_coefficients(self._Z, self._x, self._names), index=self._sectors, columns=self._sectors)

    @property
    def S(self) -> pd.DataFrame:
        """Direct intensities S = F diag(x)^-1 (stressor use per unit of output)."""
        return pd.DataFrame(self._intensities, index=self._stressors, columns=self._sectors)

    @property
    def is_multiregional(self) -> bool:
        """True when the sectors carry a region level (a MultiIndex whose first level is the region)."""
        return isinstance(self._sectors, pd.MultiIndex)

    # -- the Leontief system --

    @property
    def leontief(self) -> Any:
        """The factorised Leontief system, built on first use and kept: ``haidian._core.Leontief`` (dense
        LU), or ``haidian._core.SparseLeontief`` (sparse LU) for a sparse table."""
        if self._leontief is None:
            self._leontief = self._factorise()
        return self._leontief

    def _factorise(self) -> Any:
        """A new factorisation of I - A (not kept)."""
        if self._sparse:
            return _core.SparseLeontief(self._Z, self._x, self._names)
        return _core.Leontief(self._Z, self._x, self._names)

    def _solve_once(self, final_demand: np.ndarray) -> np.ndarray:
        """L Y with the kept factorisation if there is one, else with one made for this call and freed."""
        system = self._leontief if self._leontief is not None else self._factorise()
        return system.solve(final_demand)

    def leontief_inverse(self) -> pd.DataFrame:
        """The explicit Leontief inverse L = (I - A)^-1.

        Costs O(n^3) time and an n x n matrix (dense, even for a sparse table: L is generally full):
        prefer :meth:`solve` and :meth:`multipliers`.

        Returns
        -------
        pandas.DataFrame
            L, sectors x sectors.
        """
        return pd.DataFrame(self.leontief.inverse(), index=self._sectors, columns=self._sectors)

    def solve(self, final_demand: Any) -> pd.Series | pd.DataFrame:
        """Gross output needed for a final demand: solves (I - A) x = y.

        Parameters
        ----------
        final_demand : array-like, pandas.Series or pandas.DataFrame
            One demand vector (n) or several as columns (n x m).

        Returns
        -------
        pandas.Series or pandas.DataFrame
            Output by sector, labelled like the demand.
        """
        if isinstance(final_demand, pd.Series) and not final_demand.index.equals(self._sectors):
            raise ValueError("IOTable.solve: final_demand's index does not match the table's sectors")
        if isinstance(final_demand, pd.DataFrame) and not final_demand.index.equals(self._sectors):
            raise ValueError("IOTable.solve: final_demand's index does not match the table's sectors")
        array = np.asarray(final_demand, dtype=np.float64)
        vector = array.ndim == 1
        matrix = array.reshape(-1, 1) if vector else array
        if matrix.shape[0] != self.n:
            raise ValueError(f"IOTable.solve: final_demand has {matrix.shape[0]} rows but the table has {self.n} sectors; they must match")
        if not np.isfinite(matrix).all():
            raise ValueError("IOTable.solve: final_demand contains NaN or infinite values, but must be finite")
        output = self.leontief.solve(matrix)
        if vector:
            return pd.Series(output[:, 0], index=self._sectors, name="x")
        columns = final_demand.columns if isinstance(final_demand, pd.DataFrame) else None
        return pd.DataFrame(output, index=self._sectors, columns=columns)

    def multipliers(self) -> pd.DataFrame:
        """Total (direct plus indirect) stressor use per unit of final demand, M = S L.

        Returns
        -------
        pandas.DataFrame
            Stressors x sectors (pymrio's ``M``).
        """
        self._require_stressors("multipliers")
        return pd.DataFrame(self.leontief.multipliers(self._intensities), index=self._stressors, columns=self._sectors)

    def _require_stressors(self, function: str) -> None:
        if self._F.shape[0] == 0:
            raise ValueError(f"IOTable.{function}: the table has no satellite accounts; pass F (stressors x sectors)")

    def _region_of(self, labels: pd.Index, what: str, function: str) -> pd.Index:
        if not isinstance(labels, pd.MultiIndex):
            raise ValueError(f"IOTable.{function}: by='region' needs {what} labelled by a (region, ...) MultiIndex")
        level = "region" if "region" in (labels.names or []) else 0
        return labels.get_level_values(level)

    def footprint(self, by: str = "category") -> pd.Series | pd.DataFrame:
        """Consumption-based accounts (footprints) R = S L Y, plus direct final-demand use F_Y.

        Parameters
        ----------
        by : {"category", "region", "product", "total"}
            ``category``: stressors x final-demand columns; ``region``: stressors x region of final
            demand (multi-regional tables; pymrio's ``D_cba_reg``); ``product``: stressors x (region of
            final demand, product sector), without F_Y (pymrio's ``D_cba``); ``total``: per stressor.

        Returns
        -------
        pandas.DataFrame or pandas.Series
            Footprints in stressor units.
        """
        self._require_stressors("footprint")
        if by == "product":
            M = self.leontief.multipliers(self._intensities)
            demand_region = self._region_of(self._categories, "final demand (Y's columns)", "footprint")
            regions = demand_region.unique()
            product = self._sectors.get_level_values(-1) if isinstance(self._sectors, pd.MultiIndex) else self._sectors
            products = pd.unique(np.asarray(product))
            y_by_region = np.column_stack([self._Y[:, np.asarray(demand_region == r)].sum(axis=1) for r in regions])
            codes = pd.Index(products).get_indexer(product)
            out = np.zeros((M.shape[0], len(regions), len(products)))
            for r in range(len(regions)):
                contribution = M * y_by_region[:, r]
                for s in range(M.shape[0]):
                    out[s, r] = np.bincount(codes, weights=contribution[s], minlength=len(products))
            columns = pd.MultiIndex.from_product([regions, products], names=["region", "sector"])
            return pd.DataFrame(out.reshape(M.shape[0], -1), index=self._stressors, columns=columns)
        by_category = _core.footprint(self.leontief, self._intensities, self._Y, self._F_Y, [_label_text(s) for s in self._stressors])
        frame = pd.DataFrame(by_category, index=self._stressors, columns=self._categories)
        if by == "category":
            return frame
        if by == "region":
            regions = self._region_of(self._categories, "final demand (Y's columns)", "footprint")
            return frame.T.groupby(regions, sort=False).sum().T.rename_axis(columns="region")
        if by == "total":
            return frame.sum(axis=1).rename("footprint")
        raise ValueError(f"IOTable.footprint: by is {by!r}, but must be 'category', 'region', 'product' or 'total'")

    def production_based(self, by: str = "sector") -> pd.Series | pd.DataFrame:
        """Production-based accounts: stressor use where it happens.

        Parameters
        ----------
        by : {"sector", "region", "total"}
            ``sector``: F itself (pymrio's ``D_pba``); ``region``: summed by producing region plus
            F_Y by region of final demand (pymrio's ``D_pba_reg``); ``total``: per stressor, with F_Y.

        Returns
        -------
        pandas.DataFrame or pandas.Series
            Production-based use in stressor units.
        """
        self._require_stressors("production_based")
        if by == "sector":
            return self.F
        if by == "region":
            regions = self._region_of(self._sectors, "sectors", "production_based")
            producing = self.F.T.groupby(regions, sort=False).sum().T
            direct = pd.DataFrame(self._F_Y, index=self._stressors, columns=self._categories)
            direct_by_region = direct.T.groupby(self._region_of(self._categories, "final demand", "production_based"), sort=False).sum().T
            return producing.add(direct_by_region, fill_value=0.0).rename_axis(columns="region")
        if by == "total":
            return pd.Series(self._F.sum(axis=1) + self._F_Y.sum(axis=1), index=self._stressors, name="production_based")
        raise ValueError(f"IOTable.production_based: by is {by!r}, but must be 'sector', 'region' or 'total'")

    def linkages(self) -> pd.DataFrame:
        """Backward and forward linkages (Rasmussen 1956; Miller & Blair 2009, ch. 12).

        Backward: column sums of L; forward: row sums of the Ghosh inverse x̂⁻¹ L x̂. Both also
        normalised by their mean (a value above 1 marks a sector linked more than average).

        Returns
        -------
        pandas.DataFrame
            Columns ``backward``, ``forward``, ``backward_normalised``, ``forward_normalised``.
        """
        backward = self.leontief.column_sums()
        forward = self.leontief.ghosh_row_sums(self._x)
        return pd.DataFrame(
            {
                "backward": backward,
                "forward": forward,
                "backward_normalised": backward / backward.mean(),
                "forward_normalised": forward / forward.mean(),
            },
            index=self._sectors,
        )

    def __repr__(self) -> str:
        kind = "multi-regional" if self.is_multiregional else "single-region"
        if self._sparse:
            kind += f", sparse ({self._Z.nnz / max(self.n * self.n, 1):.2%} of flows stored)"
        return (
            f"IOTable({kind}, {self.n} sectors, {self._Y.shape[1]} final-demand categories, "
            f"{self._F.shape[0]} stressors, total output {self._x.sum():.6g})"
        )


class SdaResult:
    """Result of a structural decomposition (plain Python holding pandas; pickles).

    Attributes
    ----------
    effects : pandas.DataFrame
        Factors x stressors: additive effects (stressor units, summing to the change) or
        multiplicative ones (ratios whose product is R1/R0).
    total : pandas.Series
        Per stressor: R1 - R0 (additive) or R1 / R0 (multiplicative).
    value0, value1 : pandas.Series
        The footprint R = f' L y in the base and the end year.
    exact, two_polar : pandas.DataFrame
        Both averages in the same form as ``effects``, whatever the method.
    distance : pandas.DataFrame
        two_polar - exact (additive) or two_polar / exact (multiplicative).
    relative_distance : pandas.Series
        Per stressor, max ``abs(two_polar - exact)`` over factors divided by the sum of
        ``abs(exact)`` (additive; for multiplicative the same on the logarithms).
    closure : pandas.Series
        Closure error: total - sum(effects) (additive) or total / prod(effects) - 1 (multiplicative).
    closes : bool
        Whether the effects close to rounding: the closure error relative to the size of every term
        of the identity (in logs for multiplicative) is within the tolerance of every haidian
        decomposition, 1e-10.
    by_sector : pandas.DataFrame or None
        Additive only: producing sectors x (stressor, factor); sums over sectors to ``effects``.
    by_region : pandas.DataFrame or None
        ``by_sector`` summed by producing region (multi-regional tables).
    method, mode : str
    factors : list of str

    Examples
    --------
    >>> import haidian
    >>> t0 = haidian.IOTable([[20.0]], [[80.0]], F=[[50.0]], stressors=["energy"])
    >>> t1 = haidian.IOTable([[25.0]], [[100.0]], F=[[62.5]], stressors=["energy"])
    >>> result = haidian.sda(t0, t1)
    >>> result.factors, result.closes
    (['intensity', 'leontief', 'final_demand'], True)
    """

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        sign = "change" if self.mode == "additive" else "ratio"
        lines = [
            f"SdaResult(method={self.method!r}, mode={self.mode!r}, factors={self.factors})",
            f"total {sign} per stressor:",
            self.total.to_string(),
            "effects:",
            self.effects.to_string(),
            f"two-polar vs exact, relative distance: {', '.join(f'{v:.3g}' for v in self.relative_distance.to_numpy())}",
            f"closure residual: {', '.join(f'{v:.3g}' for v in self.closure.to_numpy())}",
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        sign = "change" if self.mode == "additive" else "ratio"
        return (
            f"<p><b>Structural decomposition</b>: method <code>{html.escape(self.method)}</code>, mode "
            f"<code>{html.escape(self.mode)}</code>; relative distance two-polar vs exact "
            f"{html.escape(', '.join(f'{v:.3g}' for v in self.relative_distance.to_numpy()))}</p>"
            f"<p>Total {sign}</p>{self.total.to_frame().to_html()}<p>Effects</p>{self.effects.to_html()}"
        )

    def plot(self, stressor: Any = None, ax: Any = None) -> Any:
        """Bar chart of the effects of one stressor (needs matplotlib).

        Parameters
        ----------
        stressor : label, optional
            The stressor to show; by default the first.
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure by default.

        Returns
        -------
        matplotlib.axes.Axes
            The axes drawn on.
        """
        import matplotlib.pyplot as plt

        column = self.effects.columns[0] if stressor is None else stressor
        if column not in self.effects.columns:
            raise ValueError(f"SdaResult.plot: stressor {column!r} is not in the result; it has {list(self.effects.columns)}")
        if ax is None:
            _, ax = plt.subplots()
        values = self.effects[column]
        ax.bar([str(f) for f in values.index], values.to_numpy(), color=["#c0392b" if v > (0 if self.mode == "additive" else 1) else "#2e86c1" for v in values])
        ax.axhline(0 if self.mode == "additive" else 1, color="black", linewidth=0.8)
        ax.set_title(f"{_label_text(column)}: {self.method} {self.mode} SDA")
        return ax


def _check_same_labels(name: str, a: pd.Index, b: pd.Index) -> None:
    if a.equals(b):
        return
    if len(a) != len(b):
        raise ValueError(f"sda: table0 has {len(a)} {name} but table1 has {len(b)}; they must match")
    for position, (left, right) in enumerate(zip(a, b)):
        if left != right:
            raise ValueError(f"sda: {name} differ at position {position}: {_label_text(left)!r} in table0 but {_label_text(right)!r} in table1")
    raise ValueError(f"sda: {name} of table0 and table1 differ")


def sda(
    table0: IOTable,
    table1: IOTable,
    factors: Sequence[str] = ("intensity", "leontief", "final_demand"),
    method: str = "exact",
    mode: str = "additive",
) -> SdaResult:
    """Structural decomposition of the change of the footprint R = f' L y between two tables.

    Parameters
    ----------
    table0, table1 : IOTable
        Base and end year, with the same sectors, final-demand columns and stressors (same order).
    factors : sequence of str
        Ordered factors covering R = f' L y once: ``intensity`` (f = F/x), ``leontief`` (L), and
        either ``final_demand`` (y) or a level (``level``, or ``population`` and ``per_capita``, which
        need each table's ``population``) with ``mix`` (product mix) and optionally ``destination``
        (shares of the final-demand columns: categories or regions of final demand). At most 8.
    method : {"exact", "two_polar", "lmdi"}
        ``exact``: average over all K! orderings (Shapley; independent of the factor order);
        ``two_polar``: Dietzenbacher & Los (1998) average of the two polar decompositions (depends on
        the order); ``lmdi``: LMDI-I on the identity term by term (forms L explicitly; needs
        non-negative factors and dense tables).
    mode : {"additive", "multiplicative"}
        Effects in stressor units summing to R1 - R0, or ratios whose product is R1 / R0 (two-polar:
        geometric mean of the two polar ratios).

    Returns
    -------
    SdaResult
        Effects, totals, both averages and their distance, closure residual, and (additive) effects by
        producing sector and region.

    Notes
    -----
    Each table's Leontief system is solved once, for the 2^D final demands of the mixes of years (D
    final-demand factors). A table's kept factorisation (``table.leontief``, e.g. from an earlier
    footprint) is re-used; otherwise one is made for the call and freed before the other table's, and
    not kept. Dense and sparse tables can be mixed.

    Raises
    ------
    ValueError
        For unknown or inconsistent factors, methods or forms, label mismatches between the tables,
        missing satellites or population, non-positive values in a multiplicative or LMDI decomposition.

    References
    ----------
    Dietzenbacher, E. & Los, B. (1998). Structural decomposition techniques: sense and sensitivity.
    Economic Systems Research 10(4), 307-324.

    Examples
    --------
    Final demand grows from 80 to 100 while A = 0.2 and f = 0.5 stay: the footprint rises from
    0.5 * 1.25 * 80 = 50 to 62.5, all of it the final-demand effect.

    >>> import haidian
    >>> t0 = haidian.IOTable([[20.0]], [[80.0]], F=[[50.0]], stressors=["energy"])
    >>> t1 = haidian.IOTable([[25.0]], [[100.0]], F=[[62.5]], stressors=["energy"])
    >>> result = haidian.sda(t0, t1)
    >>> round(float(result.effects.loc["final_demand", "energy"]), 6), result.total.round(6).tolist()
    (12.5, [12.5])
    """
    if not isinstance(table0, IOTable) or not isinstance(table1, IOTable):
        raise TypeError("sda: table0 and table1 must be IOTable objects (build them with haidian.IOTable)")
    if method not in _METHODS:
        raise ValueError(f"sda: method is {method!r}, but must be one of {', '.join(_METHODS)}")
    if mode not in _MODES:
        raise ValueError(f"sda: mode is {mode!r}, but must be 'additive' or 'multiplicative'")
    if isinstance(factors, str):
        raise TypeError("sda: factors must be a sequence of factor names, not one string")
    factors = [str(f) for f in factors]
    _check_same_labels("sectors", table0.sectors, table1.sectors)
    _check_same_labels("final-demand categories", table0.categories, table1.categories)
    _check_same_labels("stressors", table0.stressors, table1.stressors)
    table0._require_stressors("sda")
    if method == "lmdi" and (table0.is_sparse or table1.is_sparse):
        raise ValueError(
            "sda: method='lmdi' forms the Leontief inverse L of both tables entry by entry (dense n x n), "
            "which a sparse table avoids; use method='exact' or 'two_polar', or build the tables with sparse=False"
        )
    uses_population = "population" in factors or "per_capita" in factors
    populations = []
    for name, table in (("table0", table0), ("table1", table1)):
        if uses_population and table.population is None:
            raise ValueError(f"sda: the population and per_capita factors need {name}.population")
        populations.append(float(table.population) if uses_population else math.nan)
    # Final demand of every mix of years, solved with each table's system in turn: a table's kept
    # factorisation is used, otherwise one is made and freed before the next table's, so at most one
    # new LU exists at a time (LMDI forms L from the kept systems anyway, so it keeps them).
    demands = _core.sda_final_demands(
        table0._intensities, table0._Y, populations[0], table1._intensities, table1._Y, populations[1], factors
    )
    if method == "lmdi":
        outputs0, outputs1 = table0.leontief.solve(demands), table1.leontief.solve(demands)
    else:
        outputs0 = table0._solve_once(demands)
        outputs1 = outputs0 if table1 is table0 else table1._solve_once(demands)
    raw = _core.sda_from_outputs(table0._intensities, table0._Y, outputs0, table1._intensities, table1._Y, outputs1, factors)
    stressors = table0.stressors
    names = [_label_text(s) for s in stressors]
    factor_index = pd.Index(factors, name="factor")
    value0 = pd.Series(raw["value0"], index=stressors, name="value0")
    value1 = pd.Series(raw["value1"], index=stressors, name="value1")
    k, n, K = len(stressors), table0.n, len(factors)
    lmdi_raw = None
    if method == "lmdi":
        lmdi_raw = _lmdi(table0, table1, factors, populations)
    if mode == "additive":
        exact = pd.DataFrame(raw["exact"], index=factor_index, columns=stressors)
        two_polar = pd.DataFrame(raw["two_polar"], index=factor_index, columns=stressors)
        total = (value1 - value0).rename("change")
        chosen = {"exact": raw["exact"], "two_polar": raw["two_polar"]}.get(method)
        chosen_by_sector = {"exact": raw["exact_by_sector"], "two_polar": raw["two_polar_by_sector"]}.get(method)
        if method == "lmdi":
            chosen, chosen_by_sector = lmdi_raw
        effects = pd.DataFrame(chosen, index=factor_index, columns=stressors)
        distance = two_polar - exact
        scale = exact.abs().sum(axis=0).replace(0.0, 1.0)
        relative = (distance.abs().max(axis=0) / scale).rename("relative_distance")
        closure = (total - effects.sum(axis=0)).rename("closure")
        residual = additive_closure(effects.T, total, np.abs(value0) + np.abs(value1))
        columns = pd.MultiIndex.from_product([stressors.to_flat_index() if isinstance(stressors, pd.MultiIndex) else stressors, factors], names=["stressor", "factor"])
        # (K*k) x n, row f*k + s -> sectors x (stressor, factor)
        by_sector_array = chosen_by_sector.reshape(K, k, n).transpose(2, 1, 0).reshape(n, k * K)
        by_sector = pd.DataFrame(by_sector_array, index=table0.sectors, columns=columns)
        by_region = None
        if table0.is_multiregional:
            level = "region" if "region" in (table0.sectors.names or []) else 0
            by_region = by_sector.groupby(level=level, sort=False).sum()
    else:
        exact_m = _core.multiplicative_effects(raw["subset_values"], factors, True, names)
        polar_m = _core.multiplicative_effects(raw["subset_values"], factors, False, names)
        exact = pd.DataFrame(exact_m, index=factor_index, columns=stressors)
        two_polar = pd.DataFrame(polar_m, index=factor_index, columns=stressors)
        total = (value1 / value0).rename("ratio")
        if method == "lmdi":
            additive, _ = lmdi_raw
            # LMDI-I multiplicative: ln D_k = ΔR_k / L(R1, R0) (Ang 2005).
            weight = _lmdi_weights(value1.to_numpy(), value0.to_numpy())
            effects = pd.DataFrame(np.exp(additive / weight), index=factor_index, columns=stressors)
        else:
            effects = exact if method == "exact" else two_polar
        distance = two_polar / exact
        logs = np.log(exact)
        scale = logs.abs().sum(axis=0).replace(0.0, 1.0)
        relative = (np.log(two_polar / exact).abs().max(axis=0) / scale).rename("relative_distance")
        closure = (total / effects.prod(axis=0) - 1.0).rename("closure")
        residual = multiplicative_closure(effects.T, total)
        by_sector = by_region = None
    return SdaResult(
        method=method,
        mode=mode,
        factors=factors,
        effects=effects,
        total=total,
        value0=value0,
        value1=value1,
        exact=exact,
        two_polar=two_polar,
        distance=distance,
        relative_distance=relative,
        closure=closure,
        closes=closes(residual),
        by_sector=by_sector,
        by_region=by_region,
    )


def _lmdi_weights(value1: np.ndarray, value0: np.ndarray) -> np.ndarray:
    """L(R1, R0) per stressor, by the core's log mean; an unchanged total is its own weight (even when
    it is not positive), other totals must be positive."""
    weight = value1.astype(np.float64, copy=True)
    changed = value1 != value0
    bad = changed & ~((value1 > 0.0) & (value0 > 0.0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"sda: LMDI needs positive totals, but got {value1[i]} and {value0[i]}; use method='exact'")
    weight[changed] = _core.log_mean(value1[changed], value0[changed])
    return weight


def _lmdi(table0: IOTable, table1: IOTable, factors: list[str], populations: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Additive LMDI-I on R = f' L y term by term; returns (K x k effects, (K*k) x n by sector)."""
    raw = _core.lmdi_structural_decomposition(
        table0.leontief, table0._intensities, table0._Y, populations[0],
        table1.leontief, table1._intensities, table1._Y, populations[1],
        factors, [_label_text(s) for s in table0.sectors], [_label_text(s) for s in table0.stressors],
    )
    return raw["effects"], raw["by_sector"]
