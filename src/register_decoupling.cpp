/// @file
/// Python bindings for the decoupling concept (filled in by the issue that builds it).
#include "bindings.hpp"

namespace haidian::python {

void register_decoupling(py::module_& /*m*/) {}

}  // namespace haidian::python
