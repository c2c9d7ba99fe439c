/// @file
/// Helpers shared by more than one register_<header>.cpp: matrix layouts, the element-wise rate loop
/// of the decoupling and target kernels, and the methods Leontief and SparseLeontief have in common.
#pragma once

#include "bindings.hpp"

#include <haidian/errors.hpp>
#include <haidian/growth_rates.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace haidian::python {

/// numpy's default (C) layout; bound beside the column-major default so neither layout is copied.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// scipy.sparse.csc_matrix <-> Eigen (pybind11/eigen.h): loading copies the three CSC arrays, and imports
// scipy.sparse, so sparse arguments appear only in functions of their own (never as an overload of a
// dense one, whose calls would then import scipy).
using SparseMatrix = Eigen::SparseMatrix<double>;

using RateArray = Eigen::ArrayXd;
using RateArrayRef = Eigen::Ref<const Eigen::ArrayXd>;

/// Runs formula() for element i; a domain_error it raises about the result (an overflow) gets the
/// element's position appended, so the caller can tell which period overflowed.
template <class F>
double at_element(Eigen::Index i, std::string_view where, F&& formula) {
  try {
    return formula();
  } catch (const domain_error& error) {
    throw domain_error(std::string(error.what()) + " (at " + std::string(where) + "[" + std::to_string(i) + "])");
  }
}

/// Applies a binary rate formula element-wise (NaN, a missing rate, gives NaN); every argument check
/// names the index.
template <class F>
RateArray elementwise(std::string_view function, std::string_view name_a, const RateArrayRef& a,
                      std::string_view name_b, const RateArrayRef& b, F&& formula) {
  check_same_size(function, name_a, static_cast<std::size_t>(a.size()), name_b, static_cast<std::size_t>(b.size()));
  check_growth_or_nan(function, name_a, a);
  check_growth_or_nan(function, name_b, b);
  RateArray out(a.size());
  for (Eigen::Index i = 0; i < a.size(); ++i) out[i] = at_element(i, name_a, [&] { return formula(a[i], b[i]); });
  return out;
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

}  // namespace haidian::python
