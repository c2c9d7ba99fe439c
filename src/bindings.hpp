/// @file
/// Shared first include of every binding translation unit: pybind11 with its Eigen and numpy casters,
/// and the registration function of each public header.
#pragma once

#include <pybind11/eigen.h>  // Eigen::Ref <-> numpy without copies where the layout allows
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace pybind11::literals;  // "name"_a for named arguments

namespace haidian::python {

// One registration function per public header include/haidian/<name>.hpp, defined in
// src/register_<name>.cpp and binding that header only. Headers with nothing to bind have no file:
// config.hpp (the namespace), version.hpp (haidian._core.__version__ is set in module.cpp),
// haidian.hpp (the umbrella header) and panel.hpp (decompose reads numpy arrays through its
// PanelView inside register_decomposition.cpp). Helpers used by several files: binding_helpers.hpp.
void register_errors(py::module_& m);
void register_period(py::module_& m);
void register_unit(py::module_& m);
void register_price_basis(py::module_& m);
void register_series(py::module_& m);
void register_growth_rates(py::module_& m);
void register_log_mean(py::module_& m);
void register_decomposition(py::module_& m);
void register_decoupling(py::module_& m);
void register_targets(py::module_& m);
void register_leontief(py::module_& m);
void register_sparse_leontief(py::module_& m);
void register_io_table(py::module_& m);
void register_sda(py::module_& m);
void register_footprint(py::module_& m);
void register_simd(py::module_& m);
void register_dataset(py::module_& m);

}  // namespace haidian::python
