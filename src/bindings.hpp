/// @file
/// Shared first include of every binding translation unit: pybind11 with its Eigen and numpy casters.
#pragma once

#include <pybind11/eigen.h>  // Eigen::Ref <-> numpy without copies where the layout allows
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace pybind11::literals;  // "name"_a for named arguments

namespace haidian::python {

// One registration function per concept, each in its own register_<concept>.cpp.
void register_errors(py::module_& m);
void register_series(py::module_& m);
void register_decomposition(py::module_& m);
void register_decoupling(py::module_& m);
void register_io(py::module_& m);
void register_simd(py::module_& m);
void register_dataset(py::module_& m);

}  // namespace haidian::python
