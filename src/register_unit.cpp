/// @file
/// Python binding of haidian/unit.hpp: Unit, re-exported as haidian.Unit, so its docstrings here are
/// the public documentation.
#include "bindings.hpp"

#include <haidian/unit.hpp>

#include <stdexcept>
#include <string>

namespace haidian::python {

namespace {

py::tuple unit_state(const Unit& unit) {
  py::dict dimension;
  for (const auto& [name, exponent] : unit.dimension()) dimension[py::str(name)] = exponent;
  return py::make_tuple(unit.symbol(), unit.scale(), dimension);
}

Unit unit_from_state(const py::tuple& state) {
  if (state.size() != 3) throw std::runtime_error("Unit: invalid pickle state");
  return Unit(state[0].cast<std::string>(), state[1].cast<double>(), state[2].cast<Unit::Dimension>());
}

constexpr const char* unit_doc = R"doc(A unit: symbol, scale in its dimension's base unit, and dimension.

Known units (money, energy, mass, area, population, ... and their Chinese spellings) convert within
their dimension, so 亿元 converts to 万元 and never to 吨标准煤. Compounds such as "吨标准煤/万元"
combine known units; any other text becomes an opaque unit that equals only itself. Units are
immutable, comparable with ``==`` and picklable.

Parameters
----------
text : str, default "1"
    A known unit or alias ("亿元", "10k tce", "km2", "%"), a compound ("吨标准煤/万元"), or any
    other text; "1" (or an empty string) is a pure number.

Raises
------
TypeError
    If `text` is not a str.

See Also
--------
haidian.Series.to : convert a series to another unit.

Examples
--------
>>> import haidian
>>> haidian.Unit("亿元").factor_to(haidian.Unit("万元"))
10000.0
>>> haidian.Unit("吨标准煤/万元") * haidian.Unit("亿元")
Unit('万吨标准煤')
>>> haidian.Unit("%").is_dimensionless
True
)doc";

}  // namespace

void register_unit(py::module_& m) {
  py::class_<Unit>(m, "Unit", unit_doc)
      .def(py::init([](const std::string& text) { return Unit::parse(text); }), "text"_a = "1",
           R"doc(Parse a unit string.

Parameters
----------
text : str, default "1"
    A known unit or alias ("亿元", "10k tce", "km2", "%"), a compound ("吨标准煤/万元"), or any
    other text, which becomes an opaque unit of its own.

Raises
------
TypeError
    If `text` is not a str.

Examples
--------
>>> import haidian
>>> haidian.Unit("10k tce")
Unit('万吨标准煤')
>>> haidian.Unit()
Unit('1')
)doc")
      .def_static(
          "from_parts",
          [](const std::string& symbol, double scale, const Unit::Dimension& dimension) {
            return Unit(symbol, scale, dimension);
          },
          "symbol"_a, "scale"_a, "dimension"_a,
          R"doc(A unit from its symbol, scale and dimension (exponents by base name).

Parameters
----------
symbol : str
    The symbol the unit prints as.
scale : float
    Positive, finite size in the dimension's base unit.
dimension : dict[str, int]
    Exponent of each base dimension ({} for a pure number).

Returns
-------
Unit
    The unit, equal to a known unit with the same symbol, scale and dimension.

Raises
------
ValueError
    If `scale` is not positive and finite.

Examples
--------
>>> import haidian
>>> u = haidian.Unit.from_parts("万元", 1e4, {"CNY": 1})
>>> u.factor_to(haidian.Unit("元"))
10000.0
)doc")
      .def_static(
          "known_units",
          [] {
            py::list rows;
            for (const Unit::Known& row : Unit::unit_table()) {
              py::list aliases;
              for (const char* alias : row.aliases) aliases.append(py::str(alias));
              rows.append(py::make_tuple(row.symbol, row.dimension, row.scale, aliases));
            }
            return rows;
          },
          R"doc(The table of known units.

Parameters
----------
None

Returns
-------
list of tuple
    (symbol, dimension, scale, aliases) per unit: the canonical symbol, the name of its base
    dimension, its size in that dimension's base unit and the other spellings it is parsed from.

Raises
------
None

Examples
--------
>>> import haidian
>>> [row[:3] for row in haidian.Unit.known_units() if row[0] == "亿元"]
[('亿元', 'CNY', 100000000.0)]
)doc")
      .def_property_readonly("symbol", &Unit::symbol, "Symbol as written (canonical for known units).")
      .def_property_readonly("scale", &Unit::scale, "Size of one unit in the dimension's base unit.")
      .def_property_readonly("dimension", &Unit::dimension, "Exponent of each base dimension.")
      .def_property_readonly("is_dimensionless", &Unit::is_dimensionless, "True for pure numbers and %.")
      .def("compatible", &Unit::compatible, "other"_a,
           R"doc(Whether values convert between the two units (same dimension).

Parameters
----------
other : Unit
    The other unit.

Returns
-------
bool
    True if the dimensions are equal.

Raises
------
TypeError
    If `other` is not a Unit.

Examples
--------
>>> import haidian
>>> haidian.Unit("亿元").compatible(haidian.Unit("万元"))
True
>>> haidian.Unit("亿元").compatible(haidian.Unit("万吨标准煤"))
False
)doc")
      .def(
          "factor_to", [](const Unit& u, const Unit& target) { return u.factor_to(target); }, "target"_a,
          R"doc(Factor f with value_in_target = f * value_in_self.

Parameters
----------
target : Unit
    A unit of the same dimension.

Returns
-------
float
    The ratio of the two scales.

Raises
------
UnitError
    If the dimensions differ.
TypeError
    If `target` is not a Unit.

Examples
--------
>>> import haidian
>>> haidian.Unit("万元").factor_to(haidian.Unit("亿元"))
0.0001
)doc")
      .def("describe", &Unit::describe,
           R"doc(Symbol, dimension and scale, as error messages show a unit.

Parameters
----------
None

Returns
-------
str
    The quoted symbol followed by the dimension and scale in parentheses.

Raises
------
None

Examples
--------
>>> import haidian
>>> haidian.Unit("亿元").describe()
"'亿元' (CNY x 1e+08)"
)doc")
      .def("__mul__", [](const Unit& a, const Unit& b) { return a * b; }, "other"_a)
      .def("__truediv__", [](const Unit& a, const Unit& b) { return a / b; }, "other"_a)
      .def("__eq__", [](const Unit& a, const Unit& b) { return a == b; }, "other"_a)
      .def("__ne__", [](const Unit& a, const Unit& b) { return a != b; }, "other"_a)
      .def("__str__", &Unit::symbol)
      .def("__repr__", [](const Unit& u) { return "Unit('" + u.symbol() + "')"; })
      .def(py::pickle([](const Unit& u) { return unit_state(u); }, &unit_from_state));
}

}  // namespace haidian::python
