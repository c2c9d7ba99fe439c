/// @file
/// Python bindings of haidian/decoupling.hpp: Tapio, the OECD ratio and factor, the energy elasticity
/// and the decoupling effort. Array in, array out: haidian.decoupling wraps each one, turns scalars
/// and pandas objects into arrays and back, and carries the public documentation.
#include "binding_helpers.hpp"

#include <haidian/decoupling.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace haidian::python {

namespace {

using RowPanel = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Integer codes of a vector of states, for numpy (the names are exported as *_state_names).
template <class Enum>
Eigen::ArrayXi state_codes(const std::vector<Enum>& states) {
  Eigen::ArrayXi codes(static_cast<Eigen::Index>(states.size()));
  for (std::size_t i = 0; i < states.size(); ++i) codes[static_cast<Eigen::Index>(i)] = static_cast<int>(states[i]);
  return codes;
}

template <class Enum>
py::tuple state_names(int count) {
  py::tuple names(count);
  for (int i = 0; i < count; ++i) names[i] = std::string(to_string(static_cast<Enum>(i)));
  return names;
}

}  // namespace

void register_decoupling(py::module_& m) {
  m.attr("tapio_state_names") = state_names<TapioState>(10);
  m.attr("effort_state_names") = state_names<EffortState>(6);

  m.def(
      "tapio",
      [](const RateArrayRef& resource_growth, const RateArrayRef& output_growth) {
        const auto result = haidian::tapio(resource_growth, output_growth);
        return py::make_tuple(result.elasticity, state_codes(result.state));
      },
      "resource_growth"_a, "output_growth"_a,
      "Kernel of haidian.tapio (elasticities and codes into tapio_state_names); see its docstring.");

  m.def(
      "decoupling_ratio",
      [](const RateArrayRef& resource_growth, const RateArrayRef& output_growth) {
        return elementwise("decoupling_ratio", "resource_growth", resource_growth, "output_growth", output_growth,
                           haidian::decoupling_ratio);
      },
      "resource_growth"_a, "output_growth"_a, "Kernel of haidian.decoupling_ratio; see its docstring.");

  m.def(
      "decoupling_factor",
      [](const RateArrayRef& resource_growth, const RateArrayRef& output_growth) {
        return elementwise("decoupling_factor", "resource_growth", resource_growth, "output_growth", output_growth,
                           haidian::decoupling_factor);
      },
      "resource_growth"_a, "output_growth"_a, "Kernel of haidian.decoupling_factor; see its docstring.");

  m.def(
      "energy_elasticity",
      [](const RateArrayRef& energy_growth, const RateArrayRef& output_growth) {
        return elementwise("energy_elasticity", "energy_growth", energy_growth, "output_growth", output_growth,
                           [i = std::size_t{0}](double e, double y) mutable {
                             return haidian::energy_elasticity(e, y, i++);
                           });
      },
      "energy_growth"_a, "output_growth"_a, "Kernel of haidian.energy_elasticity; see its docstring.");

  m.def(
      "decoupling_effort",
      [](const Eigen::Ref<const RowPanel>& effects, Eigen::Index activity) {
        const auto r = haidian::decoupling_effort(effects, activity);
        py::dict out;
        out["activity_effect"] = r.activity_effect;
        out["other_effects"] = r.other_effects;
        out["effort"] = r.effort;
        out["factor_effort"] = r.factor_effort;
        out["state"] = state_codes(r.state);
        return out;
      },
      "effects"_a, "activity"_a,
      "Kernel of haidian.decoupling_effort (state codes into effort_state_names); see its docstring.");
}

}  // namespace haidian::python
