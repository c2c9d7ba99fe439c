/// @file
/// Python bindings of haidian/targets.hpp: intensity change, implied growth, cumulative <-> annual
/// rates, plan progress, resource caps and the consistency of a published triple. haidian.targets
/// wraps each one and carries the public documentation.
#include "binding_helpers.hpp"

#include <haidian/targets.hpp>

#include <cstddef>
#include <string_view>

namespace haidian::python {

namespace {

/// Applies a (rate, years) formula to each rate; the rate check names the index. Each rate is checked
/// just before its formula runs, so a bad `years` is reported by the formula itself.
template <class F>
RateArray per_rate(std::string_view function, std::string_view name, const RateArrayRef& rates, double years,
                   F&& formula) {
  RateArray out(rates.size());
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    check_growth_or_nan(function, name, rates[i], static_cast<std::size_t>(i));
    out[i] = at_element(i, name, [&] { return formula(rates[i], years); });
  }
  return out;
}

}  // namespace

void register_targets(py::module_& m) {
  m.def(
      "intensity_change",
      [](const RateArrayRef& resource_growth, const RateArrayRef& output_growth) {
        return elementwise("intensity_change", "resource_growth", resource_growth, "output_growth", output_growth,
                           haidian::intensity_change);
      },
      "resource_growth"_a, "output_growth"_a, "Kernel of haidian.intensity_change; see its docstring.");

  m.def(
      "implied_resource_growth",
      [](const RateArrayRef& output_growth, const RateArrayRef& intensity_change) {
        return elementwise("implied_resource_growth", "output_growth", output_growth, "intensity_change",
                           intensity_change, haidian::implied_resource_growth);
      },
      "output_growth"_a, "intensity_change"_a, "Kernel of haidian.implied_resource_growth; see its docstring.");

  m.def(
      "implied_output_growth",
      [](const RateArrayRef& resource_growth, const RateArrayRef& intensity_change) {
        return elementwise("implied_output_growth", "resource_growth", resource_growth, "intensity_change",
                           intensity_change, haidian::implied_output_growth);
      },
      "resource_growth"_a, "intensity_change"_a, "Kernel of haidian.implied_output_growth; see its docstring.");

  m.def(
      "annual_rate",
      [](const RateArrayRef& cumulative_change, double years) {
        return per_rate("annual_rate", "cumulative_change", cumulative_change, years, haidian::annual_rate);
      },
      "cumulative_change"_a, "years"_a, "Kernel of haidian.annual_rate; see its docstring.");

  m.def(
      "cumulative_change",
      [](const RateArrayRef& annual_rate, double years) {
        return per_rate("cumulative_change", "annual_rate", annual_rate, years, haidian::cumulative_change);
      },
      "annual_rate"_a, "years"_a, "Kernel of haidian.cumulative_change; see its docstring.");

  m.def("chain_rates", &haidian::chain_rates, "rates"_a, "Kernel of haidian.chain_rates; see its docstring.");

  m.def(
      "target_progress",
      [](double target_change, double plan_years, const RateArrayRef& achieved) {
        const auto p = haidian::target_progress(target_change, plan_years, achieved);
        py::dict out;
        out["target_change"] = p.target_change;
        out["plan_years"] = p.plan_years;
        out["elapsed_years"] = p.elapsed_years;
        out["target_annual"] = p.target_annual;
        out["achieved_cumulative"] = p.achieved_cumulative;
        out["scheduled_cumulative"] = p.scheduled_cumulative;
        out["share_of_target"] = p.share_of_target;
        out["on_schedule"] = p.on_schedule;
        out["target_met"] = p.target_met;
        out["required_annual"] = p.required_annual ? py::object(py::float_(*p.required_annual)) : py::none();
        return out;
      },
      "target_change"_a, "plan_years"_a, "achieved"_a, "Kernel of haidian.target_progress; see its docstring.");

  m.def("resource_cap", &haidian::resource_cap, "base_resource"_a, "output_growth"_a, "intensity_change"_a,
        "Kernel of haidian.resource_cap; see its docstring.");

  m.def("rounded_intensity_change", &haidian::rounded_intensity_change, "intensity_start"_a, "intensity_end"_a,
        "intensity_decimals"_a = 4, "Kernel of haidian.rounded_intensity_change; see its docstring.");

  m.def(
      "check_consistency",
      [](double output_growth, double resource_growth, double intensity_change, double output_half_width,
         double resource_half_width, double change_half_width, double base_intensity, int intensity_decimals) {
        const auto c = haidian::check_consistency(output_growth, resource_growth, intensity_change, output_half_width,
                                                  resource_half_width, change_half_width, base_intensity,
                                                  intensity_decimals);
        py::dict out;
        out["implied_change"] = c.implied_change;
        out["discrepancy"] = c.discrepancy;
        out["lower"] = c.lower;
        out["upper"] = c.upper;
        out["published_lower"] = c.published_lower;
        out["published_upper"] = c.published_upper;
        out["consistent"] = c.consistent;
        out["excess"] = c.excess;
        return out;
      },
      "output_growth"_a, "resource_growth"_a, "intensity_change"_a, "output_half_width"_a, "resource_half_width"_a,
      "change_half_width"_a, "base_intensity"_a = 0.0, "intensity_decimals"_a = 4,
      "Kernel of haidian.check_consistency; see its docstring.");
}

}  // namespace haidian::python
