/// @file
/// Python bindings of haidian/errors.hpp: haidian's C++ exceptions derive from standard ones, so most
/// need no code here. type_error becomes TypeError, and unit_error haidian.UnitError, a ValueError
/// subclass users can catch by name (its docstring here is the public one).
#include "bindings.hpp"

#include <haidian/errors.hpp>

#include <string>

namespace haidian::python {

void register_errors(py::module_& m) {
  static py::exception<haidian::unit_error> unit_error_type(m, "UnitError", PyExc_ValueError);
  unit_error_type.doc() = R"doc(Quantities whose units or frequencies cannot be combined (a ValueError).

Raised, for example, when a value is converted to a unit of another dimension, when series of
different frequencies are combined, or when money values at different price bases are mixed.
Catch it by name, or as the ValueError it is.

Parameters
----------
message : str
    What cannot be combined and why, naming the function and the units.

Examples
--------
>>> import haidian
>>> try:
...     haidian.Unit("亿元").factor_to(haidian.Unit("km2"))
... except haidian.UnitError as error:
...     print("cannot convert:", "亿元" in str(error))
cannot convert: True
>>> issubclass(haidian.UnitError, ValueError)
True
)doc";
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
