/// @file
/// Exception mapping: haidian's C++ exceptions derive from standard ones, so most need no code here.
/// type_error becomes TypeError, and unit_error a ValueError subclass users can catch by name.
#include "bindings.hpp"

#include <haidian/errors.hpp>

namespace haidian::python {

void register_errors(py::module_& m) {
  static py::exception<haidian::unit_error> unit_error_type(m, "UnitError", PyExc_ValueError);
  unit_error_type.doc() = "Quantities whose units or frequencies cannot be combined (a ValueError).";
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const haidian::unit_error& error) {
      py::set_error(unit_error_type, error.what());
    } catch (const haidian::type_error& error) {
      py::set_error(PyExc_TypeError, error.what());
    }
  });
}

}  // namespace haidian::python
