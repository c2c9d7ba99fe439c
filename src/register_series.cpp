/// @file
/// Python bindings for the series concept (filled in by the issue that builds it).
#include "bindings.hpp"

namespace haidian::python {

void register_series(py::module_& /*m*/) {}

}  // namespace haidian::python
