/// @file
/// Python bindings of haidian/series.hpp: the compiled Series, align, period_growth and the average of
/// growth rates. haidian.Series (python/haidian/series.py) wraps the compiled Series and carries the
/// public documentation; the docstrings here only say which public name each kernel serves.
#include "bindings.hpp"

#include <haidian/series.hpp>

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

}  // namespace

void register_series(py::module_& m) {
  py::class_<Series>(m, "Series", "Kernel of haidian.Series, which wraps it; see its docstring.")
      .def(py::init([](const Eigen::Ref<const Eigen::VectorXd>& values, const Period& start, const Unit& unit,
                       const std::string& name, const PriceBasis& price_basis) {
             return Series(values, start, unit, name, price_basis);
           }),
           "values"_a, "start"_a, "unit"_a = Unit(), "name"_a = "", "price_basis"_a = PriceBasis(),
           "Kernel of haidian.Series(...); see its docstring (values are copied).")
      .def_property_readonly("values", &values_view, "Kernel of haidian.Series.values (a read-only view).")
      .def_property_readonly("start", &Series::start, "Kernel of haidian.Series.start.")
      .def_property_readonly("end", &Series::end, "Kernel of haidian.Series.end.")
      .def_property_readonly("name", &Series::name, "Kernel of haidian.Series.name.")
      .def_property_readonly("unit", &Series::unit, "Kernel of haidian.Series.unit.")
      .def_property_readonly("price_basis", &Series::price_basis, "Kernel of haidian.Series.price_basis.")
      .def_property_readonly("freq", [](const Series& s) { return std::string(frequency_code(s.frequency())); },
                             "Kernel of haidian.Series.freq.")
      .def("__len__", [](const Series& s) { return s.size(); })
      .def("at", &Series::at, "period"_a, "Kernel of haidian.Series.at; see its docstring.")
      .def("slice", &Series::slice, "first"_a, "last"_a,
           "Kernel of haidian.Series[first:last] (periods first..last inclusive); see haidian.Series.")
      .def("renamed", &Series::renamed, "name"_a, "Kernel of haidian.Series.rename; see its docstring.")
      .def("growth", &Series::growth, "Kernel of haidian.Series.growth; see its docstring.")
      .def("yoy", &Series::yoy, "Kernel of haidian.Series.yoy; see its docstring.")
      .def("cagr", &Series::cagr, "start"_a, "end"_a, "Kernel of haidian.Series.cagr; see its docstring.")
      .def("average_growth", &Series::average_growth, "years"_a, "end"_a = py::none(),
           "Kernel of haidian.Series.average_growth; see its docstring.")
      .def_static(
          "from_growth",
          [](const Series& rates, double base_value, const Period& base_period, const Unit& unit,
             const std::string& name, const std::optional<PriceBasis>& price_basis) {
            return Series::from_growth(rates, base_value, base_period, unit, name, price_basis);
          },
          "rates"_a, "base_value"_a, "base_period"_a, "unit"_a = Unit(), "name"_a = "", "price_basis"_a = py::none(),
          "Kernel of haidian.Series.from_growth; see its docstring.")
      .def_static(
          "from_index",
          [](const Series& indices, double base_value, const Period& base_period, double base, const Unit& unit,
             const std::string& name, const std::optional<PriceBasis>& price_basis) {
            return Series::from_index(indices, base_value, base_period, base, unit, name, price_basis);
          },
          "indices"_a, "base_value"_a, "base_period"_a, "base"_a = 100.0, "unit"_a = Unit(), "name"_a = "",
          "price_basis"_a = py::none(), "Kernel of haidian.Series.from_index; see its docstring.")
      .def("rebase", &Series::rebase, "period"_a, "to"_a = 100.0, "Kernel of haidian.Series.rebase; see its docstring.")
      .def("deflate", &Series::deflate, "price_index"_a, "base_year"_a,
           "Kernel of haidian.Series.deflate; see its docstring.")
      .def("to", &Series::to, "unit"_a, "Kernel of haidian.Series.to; see its docstring.")
      .def("ratio", &Series::ratio, "denominator"_a, "Kernel of haidian.Series.ratio; see its docstring.")
      .def("share", &Series::share, "total"_a, "Kernel of haidian.Series.share; see its docstring.")
      .def("product", &Series::product, "other"_a, "Kernel of haidian.Series.product; see its docstring.")
      .def(
          "to_annual",
          [](const Series& s, const std::string& how, const std::string& incomplete) {
            return s.to_annual(parse_aggregation(how, "Series.to_annual"),
                               parse_incomplete(incomplete, "Series.to_annual"));
          },
          "how"_a, "incomplete"_a = "raise", "Kernel of haidian.Series.to_annual; see its docstring.")
      .def(
          "to_quarterly",
          [](const Series& s, const std::string& how, const std::string& incomplete) {
            return s.to_quarterly(parse_aggregation(how, "Series.to_quarterly"),
                                  parse_incomplete(incomplete, "Series.to_quarterly"));
          },
          "how"_a, "incomplete"_a = "raise", "Kernel of haidian.Series.to_quarterly; see its docstring.")
      .def("to_discrete", &Series::to_discrete, "nonnegative"_a = true,
           "Kernel of haidian.Series.to_discrete; see its docstring.")
      .def("to_cumulative", &Series::to_cumulative, "Kernel of haidian.Series.to_cumulative; see its docstring.")
      .def(
          "add", [](const Series& a, const Series& b) { return a + b; }, "other"_a,
          "Kernel of haidian.Series + Series (sum on common periods); see haidian.Series.")
      .def(
          "subtract", [](const Series& a, const Series& b) { return a - b; }, "other"_a,
          "Kernel of haidian.Series - Series (difference on common periods); see haidian.Series.")
      .def(
          "multiply", [](const Series& a, double factor) { return a * factor; }, "factor"_a,
          "Kernel of haidian.Series * number; see haidian.Series.")
      .def(
          "divide", [](const Series& a, double divisor) { return a / divisor; }, "divisor"_a,
          "Kernel of haidian.Series / number; see haidian.Series.")
      .def("isclose", &Series::isclose, "other"_a, "rtol"_a = 1e-9, "atol"_a = 0.0,
           "Kernel of haidian.Series.isclose; see its docstring.")
      .def("equals", &Series::equals, "other"_a, "Kernel of haidian.Series.equals; see its docstring.")
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

  m.def("align", &align, "a"_a, "b"_a, "Kernel of haidian.align; see its docstring.");

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
      "rates"_a, "Kernel of haidian.average_growth; see its docstring.");
}

}  // namespace haidian::python
