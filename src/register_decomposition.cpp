/// @file
/// Python bindings for the decomposition concept (filled in by the issue that builds it).
#include "bindings.hpp"

namespace haidian::python {

void register_decomposition(py::module_& /*m*/) {}

}  // namespace haidian::python
