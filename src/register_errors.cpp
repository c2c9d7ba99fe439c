/// @file
/// Exception mapping: haidian's C++ exceptions derive from standard ones, so most need no code here.
/// type_error becomes TypeError, and unit_error a ValueError subclass users can catch by name.
#include "bindings.hpp"

#include <haidian/errors.hpp>

#include <string>

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

  // Private: raises each kind of haidian exception through fail(), so the tests can check which
  // Python exception each one arrives as.
  m.def(
      "_raise_error",
      [](const std::string& kind, const std::string& message) {
        if (kind == "invalid_argument") fail<haidian::invalid_argument>("_raise_error", message);
        if (kind == "domain_error") fail<haidian::domain_error>("_raise_error", message);
        if (kind == "unit_error") fail<haidian::unit_error>("_raise_error", message);
        if (kind == "type_error") fail<haidian::type_error>("_raise_error", message);
        fail("_raise_error", "kind is '" + kind +
                                 "', but must be invalid_argument, domain_error, unit_error or type_error");
      },
      "kind"_a, "message"_a,
      "Raise the haidian C++ exception ``kind`` with ``message`` (for testing the exception mapping).");
}

}  // namespace haidian::python
