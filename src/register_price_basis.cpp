/// @file
/// Python binding of haidian/price_basis.hpp: PriceBasis, re-exported as haidian.PriceBasis, so its
/// docstrings here are the public documentation.
#include "bindings.hpp"

#include <haidian/price_basis.hpp>

#include <optional>
#include <string>

namespace haidian::python {

namespace {

constexpr const char* price_basis_doc = R"doc(Current prices, comparable prices of a base year, or none.

Money values at current prices (现价) and at comparable (constant) prices of a base year (可比价) must
not be mixed; a series carries its price basis so that haidian can refuse to. Price bases are
immutable, hashable and picklable.

Parameters
----------
text : str, default "none"
    "none", "current", or "comparable 2020" (also "constant 2020", "2020年可比价", ...).

Raises
------
ValueError
    For any other text.

Examples
--------
>>> import haidian
>>> basis = haidian.PriceBasis("2020年可比价")
>>> basis
PriceBasis('comparable 2020')
>>> basis.kind, basis.base_year
('comparable', 2020)
>>> basis == haidian.PriceBasis.comparable(2020)
True
)doc";

}  // namespace

void register_price_basis(py::module_& m) {
  py::class_<PriceBasis>(m, "PriceBasis", price_basis_doc)
      .def(py::init([](const std::string& text) { return PriceBasis::parse(text); }), "text"_a = "none",
           R"doc(Parse a price basis.

Parameters
----------
text : str, default "none"
    "none", "current", or "comparable 2020" (also "constant 2020", "2020年可比价", ...).

Raises
------
ValueError
    For any other text.

Examples
--------
>>> import haidian
>>> haidian.PriceBasis("constant 2015")
PriceBasis('comparable 2015')
)doc")
      .def_static("none", &PriceBasis::none,
                  R"doc(No price basis (non-monetary values).

Parameters
----------
None

Returns
-------
PriceBasis
    The basis of values that are not money, equal to ``PriceBasis()``.

Raises
------
None

Examples
--------
>>> import haidian
>>> haidian.PriceBasis.none() == haidian.PriceBasis()
True
)doc")
      .def_static("current", &PriceBasis::current,
                  R"doc(Current prices (现价).

Parameters
----------
None

Returns
-------
PriceBasis
    The basis of values at the prices of their own period.

Raises
------
None

Examples
--------
>>> import haidian
>>> haidian.PriceBasis.current().kind
'current'
)doc")
      .def_static("comparable", &PriceBasis::comparable, "base_year"_a,
                  R"doc(Comparable (constant) prices of a base year (可比价).

Parameters
----------
base_year : int
    The year whose prices the values are at, 1..9999.

Returns
-------
PriceBasis
    The comparable-price basis of `base_year`.

Raises
------
ValueError
    If `base_year` is outside 1..9999.

Examples
--------
>>> import haidian
>>> str(haidian.PriceBasis.comparable(2020))
'comparable 2020'
)doc")
      .def_property_readonly(
          "kind",
          [](const PriceBasis& b) {
            switch (b.kind()) {
              case PriceBasis::Kind::current: return std::string("current");
              case PriceBasis::Kind::comparable: return std::string("comparable");
              case PriceBasis::Kind::none: break;
            }
            return std::string("none");
          },
          "'none', 'current' or 'comparable'.")
      .def_property_readonly(
          "base_year",
          [](const PriceBasis& b) -> std::optional<int> {
            if (b.kind() == PriceBasis::Kind::comparable) return b.base_year();
            return std::nullopt;
          },
          "Base year of comparable prices, else None.")
      .def("__eq__", [](const PriceBasis& a, const PriceBasis& b) { return a == b; }, "other"_a)
      .def("__ne__", [](const PriceBasis& a, const PriceBasis& b) { return a != b; }, "other"_a)
      .def("__hash__", [](const PriceBasis& b) { return py::hash(py::str(b.to_string())); })
      .def("__str__", &PriceBasis::to_string)
      .def("__repr__", [](const PriceBasis& b) { return "PriceBasis('" + b.to_string() + "')"; })
      .def(py::pickle([](const PriceBasis& b) { return b.to_string(); },
                      [](const std::string& text) { return PriceBasis::parse(text); }));
}

}  // namespace haidian::python
