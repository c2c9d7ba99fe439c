/// @file
/// Python binding of haidian/leontief.hpp: Leontief, the dense LU of I - A. haidian.IOTable.leontief
/// returns these objects as they are, so the docstrings here are their public documentation.
#include "binding_helpers.hpp"

#include <haidian/leontief.hpp>

#include <string>
#include <utility>
#include <vector>

namespace haidian::python {

namespace {

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

}  // namespace

void register_leontief(py::module_& m) {
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
}

}  // namespace haidian::python
