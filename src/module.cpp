/// @file
/// The compiled module haidian._core: the single PYBIND11_MODULE, delegating to one function per header.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of haidian (C++17 on Eigen). Use the haidian package, not this module.";
  m.attr("__version__") = HAIDIAN_VERSION;
  // Dependencies first: a class must be registered before a binding that names it (in a signature or
  // as a default argument), or its docstring would show the C++ type and the default could not be built.
  haidian::python::register_errors(m);
  haidian::python::register_period(m);
  haidian::python::register_unit(m);
  haidian::python::register_price_basis(m);
  haidian::python::register_series(m);  // Period, Unit, PriceBasis
  haidian::python::register_growth_rates(m);
  haidian::python::register_log_mean(m);
  haidian::python::register_decomposition(m);
  haidian::python::register_decoupling(m);
  haidian::python::register_targets(m);
  haidian::python::register_leontief(m);
  haidian::python::register_sparse_leontief(m);
  haidian::python::register_io_table(m);
  haidian::python::register_sda(m);        // Leontief
  haidian::python::register_footprint(m);  // Leontief, SparseLeontief
  haidian::python::register_simd(m);
  haidian::python::register_dataset(m);
}
