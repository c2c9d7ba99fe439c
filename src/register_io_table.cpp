/// @file
/// Python bindings of haidian/io_table.hpp: the checks of a table's accounts and the coefficients
/// derived from them, in dense form (the sparse versions are in register_sparse_leontief.cpp).
/// haidian.IOTable calls them; the checks are internal, the coefficients are IOTable.A.
#include "binding_helpers.hpp"

#include <haidian/io_table.hpp>

#include <string>
#include <vector>

namespace haidian::python {

void register_io_table(py::module_& m) {
  m.def(
      "technical_coefficients",
      [](const Eigen::Ref<const Eigen::MatrixXd>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
         const std::vector<std::string>& sectors) { return technical_coefficients(Z, x, sectors); },
      "Z"_a, "x"_a, "sectors"_a = std::vector<std::string>{}, "Kernel of haidian.IOTable.A; see its docstring.");
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
}

}  // namespace haidian::python
