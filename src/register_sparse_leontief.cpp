/// @file
/// Python bindings of haidian/sparse_leontief.hpp: SparseLeontief (returned as it is by
/// haidian.IOTable.leontief for a sparse table, so its docstrings are public documentation), and the
/// sparse versions of the coefficients and of the check of a table's flows.
#include "binding_helpers.hpp"

#include <haidian/sparse_leontief.hpp>

#include <string>
#include <utility>
#include <vector>

namespace haidian::python {

namespace {

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

}  // namespace

void register_sparse_leontief(py::module_& m) {
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
      "Kernel of haidian.IOTable.A for a sparse table; see its docstring.");
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
}

}  // namespace haidian::python
