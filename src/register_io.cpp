/// @file
/// Python bindings for the io concept (filled in by the issue that builds it).
#include "bindings.hpp"

namespace haidian::python {

void register_io(py::module_& /*m*/) {}

}  // namespace haidian::python
