/// @file
/// Python bindings for input-output tables, the Leontief system and structural decomposition (SDA).
#include "bindings.hpp"

#include <haidian/footprint.hpp>
#include <haidian/io_table.hpp>
#include <haidian/leontief.hpp>
#include <haidian/sda.hpp>
#include <haidian/sparse_leontief.hpp>

#include <string>
#include <utility>
#include <vector>

namespace haidian::python {

namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// scipy.sparse.csc_matrix <-> Eigen (pybind11/eigen.h): loading copies the three CSC arrays, and imports
// scipy.sparse, so sparse arguments appear only in functions of their own (never as an overload of a
// dense one, whose calls would then import scipy).
using SparseMatrix = Eigen::SparseMatrix<double>;

std::vector<SdaFactor> parse_factors(const std::vector<std::string>& names) {
  std::vector<SdaFactor> factors;
  factors.reserve(names.size());
  for (const auto& name : names) factors.push_back(parse_sda_factor(name));
  return factors;
}

py::dict sda_dict(const SdaResult& result) {
  py::dict out;
  out["value0"] = result.value0;
  out["value1"] = result.value1;
  out["exact"] = result.exact;
  out["two_polar"] = result.two_polar;
  out["exact_by_sector"] = result.exact_by_sector;
  out["two_polar_by_sector"] = result.two_polar_by_sector;
  out["subset_values"] = result.subset_values;
  return out;
}

constexpr const char* leontief_doc = R"doc(Leontief(Z, x, sectors=[])

LU factorisation of I - A, A = Z diag(x)^-1, re-used for every solve (no explicit inverse).

Parameters
----------
Z : numpy.ndarray
    Intermediate flows, n x n, non-negative (C- or Fortran-ordered, read without a copy).
x : numpy.ndarray
    Gross output, n, non-negative; zero only for sectors without inputs.
sectors : list of str, optional
    Sector names, used in error messages.

Raises
------
ValueError
    For a non-square Z, NaN, negative flows, zero output with non-zero inputs, or a singular or
    non-productive system (naming the sectors whose input coefficients sum to 1 or more).
)doc";

constexpr const char* sparse_leontief_doc = R"doc(SparseLeontief(Z, x, sectors=[])

Sparse LU factorisation of I - A, A = Z diag(x)^-1, for tables with many zero flows: no dense n x n
matrix is formed (x = L y, multipliers and linkages are solves; the explicit inverse only on request).

Parameters
----------
Z : scipy.sparse matrix or array
    Intermediate flows, n x n, non-negative (converted to CSC; needs scipy).
x : numpy.ndarray
    Gross output, n, non-negative; zero only for sectors without inputs.
sectors : list of str, optional
    Sector names, used in error messages.

Raises
------
ValueError
    For a non-square Z, NaN, negative flows, zero output with non-zero inputs, or a singular or
    non-productive system (naming the sectors whose input coefficients sum to 1 or more).
)doc";

constexpr const char* footprint_doc = R"doc(Footprints R = S L Y + F_Y (consumption-based accounts by final-demand column).

Computed as (S L) Y or S (L Y), whichever needs fewer solves; L is never formed.

Parameters
----------
system : Leontief or SparseLeontief
    The factorised system of the table.
intensities : numpy.ndarray
    Direct intensities S, stressors x n.
final_demand : numpy.ndarray
    Final demand Y, n x categories, finite.
direct_final_use : numpy.ndarray
    Stressor use by final demand itself F_Y, stressors x categories (an empty array for none).
stressors : list of str, optional
    Stressor names for error messages.

Returns
-------
numpy.ndarray
    Stressors x categories footprints.

Raises
------
ValueError
    For mismatched sizes or NaN/inf values.
)doc";

/// Binds footprint() for one kind of system (an overload of the same Python name).
template <class System>
void add_footprint(py::module_& m) {
  m.def(
      "footprint",
      [](const System& system, const Eigen::Ref<const Eigen::MatrixXd>& intensities,
         const Eigen::Ref<const Eigen::MatrixXd>& final_demand, const Eigen::Ref<const Eigen::MatrixXd>& direct_final_use,
         const std::vector<std::string>& stressors) {
        py::gil_scoped_release release;
        return footprint(system, intensities, final_demand, direct_final_use, stressors);
      },
      "system"_a, "intensities"_a, "final_demand"_a, "direct_final_use"_a, "stressors"_a = std::vector<std::string>{},
      footprint_doc);
}

/// The methods Leontief and SparseLeontief share: the same names, arguments and documentation.
template <class System>
void add_system_methods(py::class_<System>& cls) {
  cls
      .def_property_readonly("size", &System::size, "Number of sectors n.")
      .def(
          "solve",
          [](const System& self, const Eigen::Ref<const Eigen::MatrixXd>& final_demand) {
            py::gil_scoped_release release;
            return self.solve(final_demand);
          },
          "final_demand"_a,
          R"doc(Solve (I - A) X = Y: the gross output needed for each column of final demand.

Parameters
----------
final_demand : numpy.ndarray
    n x m final demand (a vector must be passed as an n x 1 matrix).

Returns
-------
numpy.ndarray
    n x m gross output L Y.
)doc")
      .def(
          "multipliers",
          [](const System& self, const Eigen::Ref<const Eigen::MatrixXd>& intensities) {
            py::gil_scoped_release release;
            return self.multipliers(intensities);
          },
          "intensities"_a,
          R"doc(Total multipliers S L from direct intensities S (stressors x n), by a transposed solve.

Parameters
----------
intensities : numpy.ndarray
    Direct intensities, stressors x n.

Returns
-------
numpy.ndarray
    Stressors x n total (direct plus indirect) use per unit of final demand.
)doc")
      .def("column_sums", &System::column_sums, py::call_guard<py::gil_scoped_release>(),
           R"doc(Column sums of L (output multipliers, raw backward linkages).

Returns
-------
numpy.ndarray
    n column sums.
)doc")
      .def("ghosh_row_sums", &System::ghosh_row_sums, "x"_a, py::call_guard<py::gil_scoped_release>(),
           R"doc(Row sums of the Ghosh inverse, (L x)_i / x_i (raw forward linkages; 1 where x_i = 0).

Parameters
----------
x : numpy.ndarray
    Gross output, n.

Returns
-------
numpy.ndarray
    n row sums.
)doc")
      .def("rcond", &System::rcond,
           R"doc(Estimate of the reciprocal 1-norm condition number of I - A.

Returns
-------
float
    Reciprocal condition estimate.
)doc");
}

}  // namespace

void register_io(py::module_& m) {
  py::class_<Leontief> leontief(m, "Leontief", leontief_doc);
  leontief
      .def(py::init([](const Eigen::Ref<const Eigen::MatrixXd>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
                       std::vector<std::string> sectors) {
             py::gil_scoped_release release;
             return Leontief(Z, x, std::move(sectors));
           }),
           "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{})
      .def(py::init([](const Eigen::Ref<const RowMatrix>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
                       std::vector<std::string> sectors) {
             py::gil_scoped_release release;
             return Leontief(Z, x, std::move(sectors));
           }),
           "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{})
      .def_static(
          "from_coefficients",
          [](const Eigen::Ref<const Eigen::MatrixXd>& A, std::vector<std::string> sectors) {
            py::gil_scoped_release release;
            return Leontief::from_coefficients(A, std::move(sectors));
          },
          "A"_a, "sectors"_a = std::vector<std::string>{},
          R"doc(Factorise I - A from given technical coefficients.

Parameters
----------
A : numpy.ndarray
    Technical coefficients, n x n, non-negative.
sectors : list of str, optional
    Sector names for error messages.

Returns
-------
Leontief
    The factorised system.

Raises
------
ValueError
    For a non-square or negative A, NaN, or a singular or non-productive system.
)doc")
      .def("inverse", &Leontief::inverse, py::call_guard<py::gil_scoped_release>(),
           R"doc(The explicit Leontief inverse L = (I - A)^-1 (n x n); only when it is really needed.

Returns
-------
numpy.ndarray
    n x n matrix L.
)doc");
  add_system_methods(leontief);

  py::class_<SparseLeontief> sparse(m, "SparseLeontief", sparse_leontief_doc);
  sparse
      .def(py::init([](const SparseMatrix& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
                       std::vector<std::string> sectors) {
             py::gil_scoped_release release;
             return SparseLeontief(Z, x, std::move(sectors));
           }),
           "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{})
      .def_static(
          "from_coefficients",
          [](const SparseMatrix& A, std::vector<std::string> sectors) {
            py::gil_scoped_release release;
            return SparseLeontief::from_coefficients(A, std::move(sectors));
          },
          "A"_a, "sectors"_a = std::vector<std::string>{},
          R"doc(Factorise I - A from given sparse technical coefficients.

Parameters
----------
A : scipy.sparse matrix or array
    Technical coefficients, n x n, non-negative.
sectors : list of str, optional
    Sector names for error messages.

Returns
-------
SparseLeontief
    The factorised system.

Raises
------
ValueError
    For a non-square or negative A, NaN, or a singular or non-productive system.
)doc")
      .def_property_readonly("nonzeros", &SparseLeontief::nonzeros,
                             "Nonzeros of the LU factors (about 12 bytes each; n**2 means they filled in).")
      .def_property_readonly("system_nonzeros", &SparseLeontief::system_nonzeros, "Nonzeros of I - A.")
      .def(
          "solve_transposed",
          [](const SparseLeontief& self, const Eigen::Ref<const Eigen::MatrixXd>& rhs) {
            py::gil_scoped_release release;
            return self.solve_transposed(rhs);
          },
          "rhs"_a,
          R"doc(Solve (I - A)^T X = B with the same factorisation (X = L^T B).

Parameters
----------
rhs : numpy.ndarray
    n x m right-hand sides.

Returns
-------
numpy.ndarray
    n x m solution.
)doc")
      .def("inverse", &SparseLeontief::inverse, py::call_guard<py::gil_scoped_release>(),
           R"doc(The explicit Leontief inverse L = (I - A)^-1 as a dense n x n array; only on request.

Returns
-------
numpy.ndarray
    n x n matrix L (generally full even when A is sparse).
)doc");
  add_system_methods(sparse);

  add_footprint<Leontief>(m);
  add_footprint<SparseLeontief>(m);
  m.def(
      "sparse_technical_coefficients",
      [](const SparseMatrix& Z, const Eigen::Ref<const Eigen::VectorXd>& x, const std::vector<std::string>& sectors) {
        SparseMatrix A;
        {
          py::gil_scoped_release release;
          A = technical_coefficients(Z, x, sectors);
        }
        return A;
      },
      "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{},
      R"doc(Sparse technical coefficients A = Z diag(x)^-1 (empty column for a sector without output).

Parameters
----------
Z : scipy.sparse matrix or array
    Intermediate flows, n x n, non-negative.
x : numpy.ndarray
    Gross output, n.
sectors : list of str, optional
    Sector names for error messages.

Returns
-------
scipy.sparse.csc_matrix
    n x n coefficients, without stored zeros.
)doc");
  m.def(
      "check_sparse_io_flows",
      [](const SparseMatrix& Z, const Eigen::Ref<const Eigen::VectorXd>& x, const std::vector<std::string>& sectors) {
        check_io_flows("IOTable", Z, x, sectors);
      },
      "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{},
      R"doc(Check the sparse intermediate flows and gross output of a table.

Parameters
----------
Z : scipy.sparse matrix or array
    Intermediate flows, n x n; every stored entry non-negative and finite.
x : numpy.ndarray
    Gross output, n, non-negative; zero only for sectors without inputs.
sectors : list of str, optional
    Sector names for error messages.

Raises
------
ValueError
    Naming the entry and the sector at fault.
)doc");
  m.def(
      "technical_coefficients",
      [](const Eigen::Ref<const Eigen::MatrixXd>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
         const std::vector<std::string>& sectors) { return technical_coefficients(Z, x, sectors); },
      "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{},
      R"doc(Technical coefficients A = Z diag(x)^-1 (zero column for a sector without output).

Parameters
----------
Z : numpy.ndarray
    Intermediate flows, n x n, non-negative.
x : numpy.ndarray
    Gross output, n.
sectors : list of str, optional
    Sector names for error messages.

Returns
-------
numpy.ndarray
    n x n coefficients.
)doc");
  m.def("direct_intensities", &direct_intensities, "F"_a, "x"_a, "sectors"_a = std::vector<std::string>{},
        "stressors"_a = std::vector<std::string>{},
        R"doc(Direct intensities S = F diag(x)^-1 (stressor use per unit of output).

Parameters
----------
F : numpy.ndarray
    Satellite accounts, stressors x n (negative values such as removals are allowed).
x : numpy.ndarray
    Gross output, n.
sectors, stressors : list of str, optional
    Names for error messages.

Returns
-------
numpy.ndarray
    Stressors x n intensities.
)doc");
  constexpr const char* check_flows_doc = R"doc(Check intermediate flows and gross output of a table.

Parameters
----------
Z : numpy.ndarray
    Intermediate flows, n x n, non-negative and finite.
x : numpy.ndarray
    Gross output, n, non-negative; zero only for sectors without inputs.
sectors : list of str, optional
    Sector names for error messages.

Raises
------
ValueError
    Naming the entry and the sector at fault.
)doc";
  m.def(
      "check_io_flows",
      [](const Eigen::Ref<const Eigen::MatrixXd>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
         const std::vector<std::string>& sectors) { check_io_flows("IOTable", Z, x, sectors); },
      "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{}, check_flows_doc);
  m.def(
      "check_io_flows",
      [](const Eigen::Ref<const RowMatrix>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
         const std::vector<std::string>& sectors) { check_io_flows("IOTable", Z, x, sectors); },
      "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{}, check_flows_doc);
  m.def(
      "check_final_demand",
      [](const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Index sectors_count,
         const std::vector<std::string>& sectors) { check_final_demand("IOTable", Y, sectors_count, sectors); },
      "Y"_a, "sectors_count"_a, "sectors"_a = std::vector<std::string>{},
      R"doc(Check final demand: n rows and finite values (negative entries are allowed).

Parameters
----------
Y : numpy.ndarray
    Final demand, n x categories.
sectors_count : int
    Number of sectors n.
sectors : list of str, optional
    Sector names for error messages.
)doc");
  m.def(
      "structural_decomposition",
      [](const Leontief& leontief0, const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0,
         double population0, const Leontief& leontief1, const Eigen::MatrixXd& intensities1,
         const Eigen::MatrixXd& final_demand1, double population1, const std::vector<std::string>& factors) {
        const auto parsed = parse_factors(factors);
        SdaResult result;
        {
          py::gil_scoped_release release;
          const SdaYear year0(leontief0, intensities0, final_demand0, population0);
          const SdaYear year1(leontief1, intensities1, final_demand1, population1);
          result = structural_decomposition(year0, year1, parsed);
        }
        return sda_dict(result);
      },
      "leontief0"_a, "intensities0"_a, "final_demand0"_a, "population0"_a, "leontief1"_a, "intensities1"_a,
      "final_demand1"_a, "population1"_a, "factors"_a,
      R"doc(Additive structural decomposition of R = f' L y, exact (all orderings) and two-polar.

Parameters
----------
leontief0, leontief1 : Leontief
    Factorised systems of the base and end year.
intensities0, intensities1 : numpy.ndarray
    Direct intensities, stressors x n.
final_demand0, final_demand1 : numpy.ndarray
    Final demand, n x categories.
population0, population1 : float
    Population (used by the population and per_capita factors; NaN otherwise).
factors : list of str
    Ordered factors among intensity, leontief, final_demand, level, population, per_capita, mix,
    destination.

Returns
-------
dict
    value0, value1 (k), exact and two_polar (K x k), exact_by_sector and two_polar_by_sector
    ((K*k) x n), subset_values (2^K x k).
)doc");
  m.def(
      "sda_final_demands",
      [](const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0, double population0,
         const Eigen::MatrixXd& intensities1, const Eigen::MatrixXd& final_demand1, double population1,
         const std::vector<std::string>& factors) {
        const auto parsed = parse_factors(factors);
        py::gil_scoped_release release;
        const SdaYear year0(intensities0, final_demand0, population0);
        const SdaYear year1(intensities1, final_demand1, population1);
        return sda_final_demands(year0, year1, parsed);
      },
      "intensities0"_a, "final_demand0"_a, "population0"_a, "intensities1"_a, "final_demand1"_a,
      "population1"_a, "factors"_a,
      R"doc(First step of an SDA: the final demand of every mix of years of the final-demand factors.

Solve the result with each year's Leontief system (one year after the other, so only one
factorisation need exist at a time) and pass the outputs to sda_from_outputs.

Parameters
----------
intensities0, intensities1 : numpy.ndarray
    Direct intensities, stressors x n.
final_demand0, final_demand1 : numpy.ndarray
    Final demand, n x categories.
population0, population1 : float
    Population (used by the population and per_capita factors; NaN otherwise).
factors : list of str
    Ordered factors among intensity, leontief, final_demand, level, population, per_capita, mix,
    destination.

Returns
-------
numpy.ndarray
    n x 2^D final demands (D factors other than intensity and leontief; column bit j: the j-th of
    them at its end-year value).
)doc");
  m.def(
      "sda_from_outputs",
      [](const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0,
         const Eigen::Ref<const Eigen::MatrixXd>& outputs0, const Eigen::MatrixXd& intensities1,
         const Eigen::MatrixXd& final_demand1, const Eigen::Ref<const Eigen::MatrixXd>& outputs1,
         const std::vector<std::string>& factors) {
        const auto parsed = parse_factors(factors);
        SdaResult result;
        {
          py::gil_scoped_release release;
          const SdaYear year0(intensities0, final_demand0);
          const SdaYear year1(intensities1, final_demand1);
          result = sda_from_outputs(year0, year1, parsed, outputs0, outputs1);
        }
        return sda_dict(result);
      },
      "intensities0"_a, "final_demand0"_a, "outputs0"_a, "intensities1"_a, "final_demand1"_a, "outputs1"_a,
      "factors"_a,
      R"doc(Second step of an SDA: exact and two-polar additive effects from each year's outputs.

Parameters
----------
intensities0, intensities1 : numpy.ndarray
    Direct intensities, stressors x n.
final_demand0, final_demand1 : numpy.ndarray
    Final demand, n x categories (for the shape checks).
outputs0, outputs1 : numpy.ndarray
    L0 D and L1 D for the final demands D of sda_final_demands (n x 2^D each).
factors : list of str
    The same ordered factors as for sda_final_demands.

Returns
-------
dict
    value0, value1 (k), exact and two_polar (K x k), exact_by_sector and two_polar_by_sector
    ((K*k) x n), subset_values (2^K x k).
)doc");
  m.def(
      "lmdi_structural_decomposition",
      [](const Leontief& leontief0, const Eigen::MatrixXd& intensities0, const Eigen::MatrixXd& final_demand0,
         double population0, const Leontief& leontief1, const Eigen::MatrixXd& intensities1,
         const Eigen::MatrixXd& final_demand1, double population1, const std::vector<std::string>& factors,
         const std::vector<std::string>& sectors, const std::vector<std::string>& stressors) {
        const auto parsed = parse_factors(factors);
        SdaLmdiResult result;
        {
          py::gil_scoped_release release;
          const SdaYear year0(leontief0, intensities0, final_demand0, population0);
          const SdaYear year1(leontief1, intensities1, final_demand1, population1);
          result = lmdi_structural_decomposition(year0, year1, parsed, sectors, stressors);
        }
        py::dict out;
        out["effects"] = result.effects;
        out["by_sector"] = result.by_sector;
        return out;
      },
      "leontief0"_a, "intensities0"_a, "final_demand0"_a, "population0"_a, "leontief1"_a, "intensities1"_a,
      "final_demand1"_a, "population1"_a, "factors"_a, "sectors"_a = std::vector<std::string>{},
      "stressors"_a = std::vector<std::string>{},
      R"doc(Additive LMDI-I of R = f' L y term by term, with Ang & Liu (2007) zero-value limits.

Parameters
----------
leontief0, leontief1 : Leontief
    Factorised systems of the base and end year (L is formed explicitly).
intensities0, intensities1 : numpy.ndarray
    Direct intensities, stressors x n, non-negative.
final_demand0, final_demand1 : numpy.ndarray
    Final demand, n x categories, non-negative.
population0, population1 : float
    Population (for the population and per_capita factors; NaN otherwise).
factors : list of str
    Ordered factor names.
sectors, stressors : list of str, optional
    Names for error messages.

Returns
-------
dict
    effects (K x k) and by_sector ((K*k) x n).
)doc");
  m.def(
      "multiplicative_effects",
      [](const Eigen::Ref<const Eigen::MatrixXd>& subset_values, const std::vector<std::string>& factors,
         bool exact, const std::vector<std::string>& stressors) {
        return multiplicative_effects(subset_values, parse_factors(factors), exact, stressors);
      },
      "subset_values"_a, "factors"_a, "exact"_a, "stressors"_a = std::vector<std::string>{},
      R"doc(Multiplicative effects exp(sum_s C(s, k) ln V(s)) from the values at every mix of years.

Parameters
----------
subset_values : numpy.ndarray
    2^K x k values (bit k of the row: factor k at its end-year value).
factors : list of str
    The K factor names.
exact : bool
    True for all orderings, False for the two polar orderings (geometric mean of polar ratios).
stressors : list of str, optional
    Stressor names for error messages.

Returns
-------
numpy.ndarray
    K x k multiplicative effects whose product is V(all) / V(none).
)doc");
}

}  // namespace haidian::python
