/// @file
/// Python bindings for Period, Unit, PriceBasis and Series (the indicator time-series core).
/// The public Python API is the pure-Python haidian.Series in python/haidian/series.py; these are its engine.
#include "bindings.hpp"

#include <haidian/period.hpp>
#include <haidian/price_basis.hpp>
#include <haidian/series.hpp>
#include <haidian/unit.hpp>

#include <optional>
#include <string>

namespace haidian::python {

namespace {

// A read-only numpy view of the series' storage; `owner` (the Python Series) keeps the storage alive.
py::array_t<double> values_view(const py::object& owner) {
  const Series& series = owner.cast<const Series&>();
  py::array_t<double> view({static_cast<py::ssize_t>(series.size())}, {static_cast<py::ssize_t>(sizeof(double))},
                           series.values().data(), owner);
  view.attr("setflags")("write"_a = false);
  return view;
}

py::tuple unit_state(const Unit& unit) {
  py::dict dimension;
  for (const auto& [name, exponent] : unit.dimension()) dimension[py::str(name)] = exponent;
  return py::make_tuple(unit.symbol(), unit.scale(), dimension);
}

Unit unit_from_state(const py::tuple& state) {
  if (state.size() != 3) throw std::runtime_error("Unit: invalid pickle state");
  return Unit(state[0].cast<std::string>(), state[1].cast<double>(), state[2].cast<Unit::Dimension>());
}

}  // namespace

void register_series(py::module_& m) {
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

  // ---- Period ----
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

  // ---- Unit ----
  py::class_<Unit>(m, "Unit", "A unit: symbol, scale in its dimension's base unit, and dimension.")
      .def(py::init([](const std::string& text) { return Unit::parse(text); }), "text"_a = "1",
           R"(Parse a unit string.

Parameters
----------
text : str
    A known unit or alias ("亿元", "10k tce", "km2", "%"), a compound ("吨标准煤/万元"), or any other
    text, which becomes an opaque unit of its own.)")
      .def_static(
          "from_parts",
          [](const std::string& symbol, double scale, const Unit::Dimension& dimension) {
            return Unit(symbol, scale, dimension);
          },
          "symbol"_a, "scale"_a, "dimension"_a,
          R"(A unit from its symbol, scale and dimension (exponents by base name).

Parameters
----------
symbol : str
scale : float
    Positive size in the dimension's base unit.
dimension : dict[str, int]

Returns
-------
Unit)")
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
          R"(The table of known units.

Returns
-------
list of tuple
    (symbol, dimension, scale, aliases) per unit.)")
      .def_property_readonly("symbol", &Unit::symbol, "Symbol as written (canonical for known units).")
      .def_property_readonly("scale", &Unit::scale, "Size of one unit in the dimension's base unit.")
      .def_property_readonly("dimension", &Unit::dimension, "Exponent of each base dimension.")
      .def_property_readonly("is_dimensionless", &Unit::is_dimensionless, "True for pure numbers and %.")
      .def("compatible", &Unit::compatible, "other"_a,
           R"(Whether values convert between the two units (same dimension).

Parameters
----------
other : Unit

Returns
-------
bool)")
      .def(
          "factor_to", [](const Unit& u, const Unit& target) { return u.factor_to(target); }, "target"_a,
          R"(Factor f with value_in_target = f * value_in_self.

Parameters
----------
target : Unit

Returns
-------
float

Raises
------
UnitError
    If the dimensions differ.)")
      .def("describe", &Unit::describe, "Symbol, dimension and scale, for messages.")
      .def("__mul__", [](const Unit& a, const Unit& b) { return a * b; }, "other"_a)
      .def("__truediv__", [](const Unit& a, const Unit& b) { return a / b; }, "other"_a)
      .def("__eq__", [](const Unit& a, const Unit& b) { return a == b; }, "other"_a)
      .def("__ne__", [](const Unit& a, const Unit& b) { return a != b; }, "other"_a)
      .def("__str__", &Unit::symbol)
      .def("__repr__", [](const Unit& u) { return "Unit('" + u.symbol() + "')"; })
      .def(py::pickle([](const Unit& u) { return unit_state(u); }, &unit_from_state));

  // ---- PriceBasis ----
  py::class_<PriceBasis>(m, "PriceBasis", "Current prices, comparable prices of a base year, or none.")
      .def(py::init([](const std::string& text) { return PriceBasis::parse(text); }), "text"_a = "none",
           R"(Parse a price basis.

Parameters
----------
text : str
    "none", "current", or "comparable 2020" (also "constant 2020", "2020年可比价", ...).)")
      .def_static("none", &PriceBasis::none, "No price basis (non-monetary values).")
      .def_static("current", &PriceBasis::current, "Current prices (现价).")
      .def_static("comparable", &PriceBasis::comparable, "base_year"_a,
                  R"(Comparable (constant) prices of a base year (可比价).

Parameters
----------
base_year : int

Returns
-------
PriceBasis)")
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

  // ---- Series ----
  py::class_<Series>(m, "Series", "Compiled indicator series; use haidian.Series, which wraps it.")
      .def(py::init([](const Eigen::Ref<const Eigen::VectorXd>& values, const Period& start, const Unit& unit,
                       const std::string& name, const PriceBasis& price_basis) {
             return Series(values, start, unit, name, price_basis);
           }),
           "values"_a, "start"_a, "unit"_a = Unit(), "name"_a = "", "price_basis"_a = PriceBasis(),
           R"(A series from values (copied) and its first period.

Parameters
----------
values : numpy.ndarray
    One float per period, NaN for missing.
start : Period
unit : Unit
name : str
price_basis : PriceBasis)")
      .def_property_readonly("values", &values_view, "Read-only numpy view of the values (no copy).")
      .def_property_readonly("start", &Series::start, "First period.")
      .def_property_readonly("end", &Series::end, "Last period.")
      .def_property_readonly("name", &Series::name, "Indicator name.")
      .def_property_readonly("unit", &Series::unit, "Unit of the values.")
      .def_property_readonly("price_basis", &Series::price_basis, "Price basis.")
      .def_property_readonly("freq", [](const Series& s) { return std::string(frequency_code(s.frequency())); },
                             "Frequency code.")
      .def("__len__", [](const Series& s) { return s.size(); })
      .def("at", &Series::at, "period"_a,
           R"(Value at a period (NaN if missing).

Parameters
----------
period : Period

Returns
-------
float)")
      .def("slice", &Series::slice, "first"_a, "last"_a,
           R"(The periods first..last (inclusive).

Parameters
----------
first, last : Period

Returns
-------
Series)")
      .def("renamed", &Series::renamed, "name"_a,
           R"(A copy with another name.

Parameters
----------
name : str

Returns
-------
Series)")
      .def("growth", &Series::growth, "Period-on-period growth x_t/x_{t-1} - 1 (fractions; first is NaN).")
      .def("yoy", &Series::yoy, "Year-on-year growth x_t/x_{t-k} - 1, k = periods per year.")
      .def("cagr", &Series::cagr, "start"_a, "end"_a,
           R"(Compound annual growth rate between two periods.

Parameters
----------
start, end : Period

Returns
-------
float
    (x_end/x_start)^(1/years) - 1.)")
      .def("average_growth", &Series::average_growth, "years"_a, "end"_a = py::none(),
           R"(Geometric average annual growth over the last `years` years ending at `end`.

Parameters
----------
years : int
end : Period, optional

Returns
-------
float)")
      .def_static(
          "from_growth",
          [](const Series& rates, double base_value, const Period& base_period, const Unit& unit,
             const std::string& name, const std::optional<PriceBasis>& price_basis) {
            return Series::from_growth(rates, base_value, base_period, unit, name, price_basis);
          },
          "rates"_a, "base_value"_a, "base_period"_a, "unit"_a = Unit(), "name"_a = "", "price_basis"_a = py::none(),
          R"(Chain-link growth rates (rate at t = growth of t over t-1) onto a base level.

Parameters
----------
rates : Series
    Dimensionless growth rates.
base_value : float
base_period : Period
    Any period from the one before the first rate through the last rate.
unit : Unit
name : str
price_basis : PriceBasis, optional
    Default: comparable prices of the base period's year.

Returns
-------
Series)")
      .def_static(
          "from_index",
          [](const Series& indices, double base_value, const Period& base_period, double base, const Unit& unit,
             const std::string& name, const std::optional<PriceBasis>& price_basis) {
            return Series::from_index(indices, base_value, base_period, base, unit, name, price_basis);
          },
          "indices"_a, "base_value"_a, "base_period"_a, "base"_a = 100.0, "unit"_a = Unit(), "name"_a = "",
          "price_basis"_a = py::none(),
          R"(Chain-link an index with the previous period = base (上年=100) onto a base level.

Parameters
----------
indices : Series
    Dimensionless or "index" chain indices (index at t = change of t over t-1).
base_value : float
base_period : Period
    Any period from the one before the first index through the last.
base : float
    The index value meaning no change (100 by default).
unit : Unit
name : str
price_basis : PriceBasis, optional
    Default: comparable prices of the base period's year.

Returns
-------
Series

Raises
------
ValueError
    For a missing, infinite or non-positive index or base, or a level beyond a double.)")
      .def("rebase", &Series::rebase, "period"_a, "to"_a = 100.0,
           R"(Index with value `to` at `period`.

Parameters
----------
period : Period
to : float

Returns
-------
Series)")
      .def("deflate", &Series::deflate, "price_index"_a, "base_year"_a,
           R"(Current-price values at comparable prices of base_year: x_t * P_base / P_t.

Parameters
----------
price_index : Series
base_year : int

Returns
-------
Series)")
      .def("to", &Series::to, "unit"_a,
           R"(The values in another unit of the same dimension.

Parameters
----------
unit : Unit

Returns
-------
Series)")
      .def("ratio", &Series::ratio, "denominator"_a,
           R"(self / denominator on common periods, in the derived unit.

Parameters
----------
denominator : Series

Returns
-------
Series)")
      .def("share", &Series::share, "total"_a,
           R"(self / total as a fraction on common periods.

Parameters
----------
total : Series

Returns
-------
Series)")
      .def("product", &Series::product, "other"_a,
           R"(self * other on common periods, in the product unit.

A known unit's symbol is used where the product has its dimension and scale, so
(a/b)*b is a: 吨标准煤/万元 * 亿元 = 万吨标准煤. A dimensionless factor keeps the other
factor's unit, cancelling dimensions give a dimensionless result (scales folded into
the values). Price basis: none*none is none, priced*unpriced keeps the priced basis,
priced*priced needs equal bases and gives none.

Parameters
----------
other : Series

Returns
-------
Series

Raises
------
UnitError
    For another frequency or two different price bases.
ValueError
    If no periods are common or a product overflows.)")
      .def(
          "to_annual",
          [](const Series& s, const std::string& how, const std::string& incomplete) {
            return s.to_annual(parse_aggregation(how, "Series.to_annual"),
                               parse_incomplete(incomplete, "Series.to_annual"));
          },
          "how"_a, "incomplete"_a = "raise",
          R"(Quarterly or monthly values aggregated to calendar years.

Parameters
----------
how : str
    "sum" (flows), "mean" (levels averaged over the year) or "last" (stocks at year end).
incomplete : str
    "raise" (default) if a year lacks a needed value, or "drop" to leave such years out
    (NaN between complete years).

Returns
-------
Series

Raises
------
ValueError
    For an annual series, an unknown how/incomplete, or an incomplete year with "raise".)")
      .def(
          "to_quarterly",
          [](const Series& s, const std::string& how, const std::string& incomplete) {
            return s.to_quarterly(parse_aggregation(how, "Series.to_quarterly"),
                                  parse_incomplete(incomplete, "Series.to_quarterly"));
          },
          "how"_a, "incomplete"_a = "raise",
          R"(Monthly values aggregated to quarters.

Parameters
----------
how : str
    "sum", "mean" or "last".
incomplete : str
    "raise" (default) or "drop".

Returns
-------
Series

Raises
------
ValueError
    For a series that is not monthly, an unknown how/incomplete, or an incomplete quarter
    with "raise".)")
      .def("to_discrete", &Series::to_discrete, "nonnegative"_a = true,
           R"(Year-to-date totals (累计) to the values of each quarter or month.

Parameters
----------
nonnegative : bool
    The flow cannot be negative (default): a negative first value or a decreasing
    year-to-date total is an error.

Returns
-------
Series

Raises
------
ValueError
    For an annual series, or a decrease/negative value when nonnegative.)")
      .def("to_cumulative", &Series::to_cumulative,
           R"(Year-to-date totals (累计) of quarterly or monthly values.

Returns
-------
Series
    NaN where a value of the year so far is missing or before the series.

Raises
------
ValueError
    For an annual series.)")
      .def(
          "add", [](const Series& a, const Series& b) { return a + b; }, "other"_a,
          R"(Sum on common periods, in self's unit.

Parameters
----------
other : Series

Returns
-------
Series)")
      .def(
          "subtract", [](const Series& a, const Series& b) { return a - b; }, "other"_a,
          R"(Difference on common periods, in self's unit.

Parameters
----------
other : Series

Returns
-------
Series)")
      .def(
          "multiply", [](const Series& a, double factor) { return a * factor; }, "factor"_a,
          R"(Values times a finite number.

Parameters
----------
factor : float

Returns
-------
Series)")
      .def(
          "divide", [](const Series& a, double divisor) { return a / divisor; }, "divisor"_a,
          R"(Values divided by a finite non-zero number.

Parameters
----------
divisor : float

Returns
-------
Series)")
      .def("isclose", &Series::isclose, "other"_a, "rtol"_a = 1e-9, "atol"_a = 0.0,
           R"(Same periods and values within tolerance after unit conversion.

Parameters
----------
other : Series
rtol, atol : float

Returns
-------
bool)")
      .def("equals", &Series::equals, "other"_a,
           R"(Exactly equal: metadata, periods and values (NaN where the other has NaN).

Parameters
----------
other : Series

Returns
-------
bool)")
      .def(py::pickle(
          [](const py::object& self) {
            const Series& s = self.cast<const Series&>();
            return py::make_tuple(py::array_t<double>(s.size(), s.values().data()), s.start(), s.unit(), s.name(),
                                  s.price_basis());
          },
          [](const py::tuple& state) {
            return Series(state[0].cast<Eigen::VectorXd>(), state[1].cast<Period>(), state[2].cast<Unit>(),
                          state[3].cast<std::string>(), state[4].cast<PriceBasis>());
          }));

  m.def("align", &align, "a"_a, "b"_a,
        R"(Two series restricted to their common periods (units may differ).

Parameters
----------
a, b : Series

Returns
-------
tuple of Series)");

  m.def(
      "period_growth",
      [](const Eigen::Ref<const Eigen::VectorXd>& levels, const std::string& function, const std::string& argument) {
        return period_growth(levels, function, argument);
      },
      "levels"_a, "function"_a = "period_growth", "argument"_a = "levels",
      R"(Per-step growth of levels, x_i / x_{i-1} - 1 (n - 1 rates; NaN next to a NaN level).

Parameters
----------
levels : numpy.ndarray
    At least two levels; present predecessors positive.
function, argument : str
    Names for error messages.

Returns
-------
numpy.ndarray

Raises
------
ValueError
    For fewer than two levels, a non-positive predecessor, or a ratio beyond a double.)");

  m.def(
      "average_growth", [](const Eigen::Ref<const Eigen::VectorXd>& rates) { return average_growth(rates); },
      "rates"_a,
      R"(Geometric average of growth rates: ((1+g_1)...(1+g_N))^(1/N) - 1.

Parameters
----------
rates : numpy.ndarray
    Growth rates as fractions.

Returns
-------
float)");
}

}  // namespace haidian::python
