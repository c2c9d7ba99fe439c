/// @file
/// Python binding of haidian/log_mean.hpp: the logarithmic mean, element-wise (haidian.log_mean
/// wraps it and carries the public documentation).
#include "bindings.hpp"

#include <haidian/log_mean.hpp>

namespace haidian::python {

void register_log_mean(py::module_& m) {
  m.def("log_mean", py::vectorize(&haidian::log_mean), "a"_a, "b"_a,
        "Kernel of haidian.log_mean (element-wise, broadcasting); see its docstring.");
}

}  // namespace haidian::python
