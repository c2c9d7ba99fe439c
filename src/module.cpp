/// @file
/// The compiled module haidian._core: the single PYBIND11_MODULE, delegating to one function per concept.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of haidian (C++17 on Eigen). Use the haidian package, not this module.";
  m.attr("__version__") = HAIDIAN_VERSION;
  haidian::python::register_errors(m);
  haidian::python::register_series(m);
  haidian::python::register_decomposition(m);
  haidian::python::register_decoupling(m);
  haidian::python::register_io(m);
  haidian::python::register_simd(m);
  haidian::python::register_dataset(m);
}
