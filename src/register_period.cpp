/// @file
/// Python bindings of haidian/period.hpp: parse_frequency and Period. Both serve the pure-Python layer
/// (haidian.Series converts them to and from pandas periods); neither is public API of its own.
#include "bindings.hpp"

#include <haidian/period.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace haidian::python {

void register_period(py::module_& m) {
  m.def(
      "parse_frequency", [](const std::string& freq) { return std::string(frequency_code(parse_frequency(freq))); },
      "freq"_a,
      R"(Canonical frequency code of a frequency string.

Parameters
----------
freq : str
    "A", "Q" or "M", or a pandas spelling ("Y", "Y-DEC", "A-DEC", "Q-DEC", "ME", ...).

Returns
-------
str
    "A", "Q" or "M".

Raises
------
ValueError
    For an unknown or non-December-anchored frequency.)");

  py::class_<Period>(m, "Period", "A year, quarter or month, stored as an integer ordinal.")
      .def(py::init([](const std::string& text, const std::optional<std::string>& freq) {
             return freq ? Period::parse(text, parse_frequency(*freq, "Period")) : Period::parse(text);
           }),
           "text"_a, "freq"_a = py::none(),
           R"(Parse a period.

Parameters
----------
text : str
    "2022" (annual), "2022Q3" (quarterly) or "2022-07" (monthly).
freq : str, optional
    Required frequency; a bare year at a sub-annual frequency means its first period.)")
      .def_static(
          "from_ordinal",
          [](const std::string& freq, std::int64_t ordinal) {
            return Period(parse_frequency(freq, "Period.from_ordinal"), ordinal);
          },
          "freq"_a, "ordinal"_a,
          R"(Period from its frequency and ordinal (year; year*4 + quarter-1; year*12 + month-1).

Parameters
----------
freq : str
    Frequency code.
ordinal : int
    The ordinal.

Returns
-------
Period)")
      .def_property_readonly("freq", [](const Period& p) { return std::string(frequency_code(p.frequency())); },
                             "Frequency code: 'A', 'Q' or 'M'.")
      .def_property_readonly("ordinal", &Period::ordinal, "Integer ordinal of the period.")
      .def_property_readonly("year", &Period::year, "Calendar year.")
      .def_property_readonly("subperiod", &Period::subperiod, "Quarter (1-4) or month (1-12); 1 for years.")
      .def("__add__", [](const Period& p, std::int64_t steps) { return p + steps; }, "steps"_a)
      .def("__sub__", [](const Period& p, std::int64_t steps) { return p - steps; }, "steps"_a)
      .def("__sub__", [](const Period& p, const Period& other) { return p - other; }, "other"_a)
      .def("__eq__", [](const Period& p, const Period& other) { return p == other; }, "other"_a)
      .def("__ne__", [](const Period& p, const Period& other) { return p != other; }, "other"_a)
      .def("__lt__", [](const Period& p, const Period& other) { return p < other; }, "other"_a)
      .def("__le__", [](const Period& p, const Period& other) { return p <= other; }, "other"_a)
      .def("__gt__", [](const Period& p, const Period& other) { return p > other; }, "other"_a)
      .def("__ge__", [](const Period& p, const Period& other) { return p >= other; }, "other"_a)
      .def("__hash__", [](const Period& p) {
        return py::hash(py::make_tuple(static_cast<int>(p.frequency()), p.ordinal()));
      })
      .def("__str__", &Period::to_string)
      .def("__repr__", [](const Period& p) { return "Period('" + p.to_string() + "')"; })
      .def(py::pickle(
          [](const Period& p) { return py::make_tuple(std::string(frequency_code(p.frequency())), p.ordinal()); },
          [](const py::tuple& state) {
            return Period(parse_frequency(state[0].cast<std::string>()), state[1].cast<std::int64_t>());
          }));

}

}  // namespace haidian::python
