/// @file
/// Python bindings for decoupling (Tapio, OECD, energy elasticity, decoupling effort) and target
/// arithmetic. Array in, array out: the pure-Python layer (haidian.decoupling, haidian.targets) turns
/// scalars and pandas objects into arrays and back.
#include "bindings.hpp"

#include <haidian/decoupling.hpp>
#include <haidian/growth_rates.hpp>
#include <haidian/targets.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace haidian::python {

namespace {

using Array = Eigen::ArrayXd;
using ArrayRef = Eigen::Ref<const Eigen::ArrayXd>;
using RowPanel = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Runs formula() for element i; a domain_error it raises about the result (an overflow) gets the
/// element's position appended, so the caller can tell which period overflowed.
template <class F>
double at_element(Eigen::Index i, std::string_view where, F&& formula) {
  try {
    return formula();
  } catch (const domain_error& error) {
    throw domain_error(std::string(error.what()) + " (at " + std::string(where) + "[" + std::to_string(i) + "])");
  }
}

/// Applies a binary rate formula element-wise (NaN, a missing rate, gives NaN); every argument check
/// names the index.
template <class F>
Array elementwise(std::string_view function, std::string_view name_a, const ArrayRef& a, std::string_view name_b,
                  const ArrayRef& b, F&& formula) {
  check_same_size(function, name_a, static_cast<std::size_t>(a.size()), name_b, static_cast<std::size_t>(b.size()));
  check_growth_or_nan(function, name_a, a);
  check_growth_or_nan(function, name_b, b);
  Array out(a.size());
  for (Eigen::Index i = 0; i < a.size(); ++i) out[i] = at_element(i, name_a, [&] { return formula(a[i], b[i]); });
  return out;
}

/// Applies a (rate, years) formula to each rate; the rate check names the index. Each rate is checked
/// just before its formula runs, so a bad `years` is reported by the formula itself.
template <class F>
Array per_rate(std::string_view function, std::string_view name, const ArrayRef& rates, double years, F&& formula) {
  Array out(rates.size());
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    check_growth_or_nan(function, name, rates[i], static_cast<std::size_t>(i));
    out[i] = at_element(i, name, [&] { return formula(rates[i], years); });
  }
  return out;
}

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
  m.attr("percent_like_rate") = percent_like_rate;
  m.attr("index_like_rate") = index_like_rate;

  m.def(
      "implausible_rate",
      [](const ArrayRef& rates, const std::string& function, const std::string& argument,
         double years) -> py::object {
        for (Eigen::Index i = 0; i < rates.size(); ++i) {
          const std::string label =
              rates.size() == 1 ? argument : detail::argument_label(argument, static_cast<std::size_t>(i));
          std::string note = implausible_rate_note(function, label, rates[i], years);
          if (!note.empty()) return py::make_tuple(i, note);
        }
        return py::none();
      },
      "rates"_a, "function"_a, "argument"_a, "years"_a = 1.0,
      R"doc(The first rate that looks like a percentage or an index, and why.

Parameters
----------
rates : numpy.ndarray
    Growth rates as fractions (NaN is ignored).
function, argument : str
    Names for the message.
years : float, default 1
    The rates are cumulative changes over this many years (judged by their annual equivalent).

Returns
-------
tuple of (int, str) or None
    Position and message of the first rate above ``percent_like_rate`` (or at or above
    ``index_like_rate``), or None if all look like fractions.
)doc");

  m.def(
      "tapio",
      [](const ArrayRef& resource_growth, const ArrayRef& output_growth) {
        const auto result = haidian::tapio(resource_growth, output_growth);
        return py::make_tuple(result.elasticity, state_codes(result.state));
      },
      "resource_growth"_a, "output_growth"_a,
      R"doc(Tapio decoupling elasticity and state codes, element-wise.

Parameters
----------
resource_growth, output_growth : numpy.ndarray
    Growth rates as fractions (> -1), equally long.

Returns
-------
tuple of numpy.ndarray
    ``(elasticity, state)``: e = g_R / g_Y (NaN where g_Y = 0) and codes into ``tapio_state_names``.

Raises
------
ValueError
    For different lengths, infinite or <= -1 growth, or an elasticity that overflows.
    NaN (missing) growth gives NaN and the state "missing".
)doc");

  m.def(
      "decoupling_ratio",
      [](const ArrayRef& resource_growth, const ArrayRef& output_growth) {
        return elementwise("decoupling_ratio", "resource_growth", resource_growth, "output_growth", output_growth,
                           haidian::decoupling_ratio);
      },
      "resource_growth"_a, "output_growth"_a,
      R"doc(OECD (2002) decoupling ratio (1 + g_R)/(1 + g_Y), element-wise.

Parameters
----------
resource_growth, output_growth : numpy.ndarray
    Growth rates as fractions (> -1), equally long.

Returns
-------
numpy.ndarray
    The ratio of end to start intensity.

Raises
------
ValueError
    For different lengths, infinite or <= -1 growth, or a result that overflows (NaN gives NaN).
)doc");

  m.def(
      "decoupling_factor",
      [](const ArrayRef& resource_growth, const ArrayRef& output_growth) {
        return elementwise("decoupling_factor", "resource_growth", resource_growth, "output_growth", output_growth,
                           haidian::decoupling_factor);
      },
      "resource_growth"_a, "output_growth"_a,
      R"doc(OECD (2002) decoupling factor 1 - (1 + g_R)/(1 + g_Y), element-wise.

Parameters
----------
resource_growth, output_growth : numpy.ndarray
    Growth rates as fractions (> -1), equally long.

Returns
-------
numpy.ndarray
    Positive where intensity fell.

Raises
------
ValueError
    For different lengths, infinite or <= -1 growth, or a result that overflows (NaN gives NaN).
)doc");

  m.def(
      "energy_elasticity",
      [](const ArrayRef& energy_growth, const ArrayRef& output_growth) {
        return elementwise("energy_elasticity", "energy_growth", energy_growth, "output_growth", output_growth,
                           [i = std::size_t{0}](double e, double y) mutable {
                             return haidian::energy_elasticity(e, y, i++);
                           });
      },
      "energy_growth"_a, "output_growth"_a,
      R"doc(Energy elasticity coefficient (能源消费弹性系数) g_E / g_GDP, element-wise.

Parameters
----------
energy_growth, output_growth : numpy.ndarray
    Growth rates as fractions (> -1), equally long; output growth nonzero.

Returns
-------
numpy.ndarray
    The coefficients.

Raises
------
ValueError
    For different lengths, infinite or <= -1 growth, zero output growth, or a coefficient that
    overflows (NaN gives NaN).
)doc");

  m.def(
      "intensity_change",
      [](const ArrayRef& resource_growth, const ArrayRef& output_growth) {
        return elementwise("intensity_change", "resource_growth", resource_growth, "output_growth", output_growth,
                           haidian::intensity_change);
      },
      "resource_growth"_a, "output_growth"_a,
      R"doc(Intensity change (1 + g_R)/(1 + g_Y) - 1, element-wise.

Parameters
----------
resource_growth, output_growth : numpy.ndarray
    Growth rates as fractions (> -1), equally long; output at comparable prices.

Returns
-------
numpy.ndarray
    The change of resource use per unit of output.

Raises
------
ValueError
    For different lengths, infinite or <= -1 growth, or a result that overflows (NaN gives NaN).
)doc");

  m.def(
      "implied_resource_growth",
      [](const ArrayRef& output_growth, const ArrayRef& intensity_change) {
        return elementwise("implied_resource_growth", "output_growth", output_growth, "intensity_change",
                           intensity_change, haidian::implied_resource_growth);
      },
      "output_growth"_a, "intensity_change"_a,
      R"doc(Resource growth implied by output growth and intensity change, (1 + g_Y)(1 + r) - 1.

Parameters
----------
output_growth, intensity_change : numpy.ndarray
    Fractions (> -1), equally long.

Returns
-------
numpy.ndarray
    The implied resource growth.

Raises
------
ValueError
    For different lengths, infinite or <= -1 rates, or a result that overflows (NaN gives NaN).
)doc");

  m.def(
      "implied_output_growth",
      [](const ArrayRef& resource_growth, const ArrayRef& intensity_change) {
        return elementwise("implied_output_growth", "resource_growth", resource_growth, "intensity_change",
                           intensity_change, haidian::implied_output_growth);
      },
      "resource_growth"_a, "intensity_change"_a,
      R"doc(Output growth implied by resource growth and intensity change, (1 + g_R)/(1 + r) - 1.

Parameters
----------
resource_growth, intensity_change : numpy.ndarray
    Fractions (> -1), equally long.

Returns
-------
numpy.ndarray
    The implied output growth.

Raises
------
ValueError
    For different lengths, infinite or <= -1 rates, or a result that overflows (NaN gives NaN).
)doc");

  m.def(
      "annual_rate",
      [](const ArrayRef& cumulative_change, double years) {
        return per_rate("annual_rate", "cumulative_change", cumulative_change, years, haidian::annual_rate);
      },
      "cumulative_change"_a, "years"_a,
      R"doc(Average annual rate (1 + c)^(1/N) - 1 of a cumulative change over N years.

Parameters
----------
cumulative_change : numpy.ndarray
    Cumulative changes as fractions (> -1).
years : float
    N > 0.

Returns
-------
numpy.ndarray
    Geometric average annual rates.

Raises
------
ValueError
    For infinite or <= -1 changes, non-positive years, or a result that overflows (NaN gives NaN).
)doc");

  m.def(
      "cumulative_change",
      [](const ArrayRef& annual_rate, double years) {
        return per_rate("cumulative_change", "annual_rate", annual_rate, years, haidian::cumulative_change);
      },
      "annual_rate"_a, "years"_a,
      R"doc(Cumulative change (1 + a)^N - 1 after N years at a constant annual rate.

Parameters
----------
annual_rate : numpy.ndarray
    Annual rates as fractions (> -1).
years : float
    N > 0.

Returns
-------
numpy.ndarray
    Cumulative changes.

Raises
------
ValueError
    For infinite or <= -1 rates, non-positive years, or a result that overflows (NaN gives NaN).
)doc");

  m.def("chain_rates", &haidian::chain_rates, "rates"_a,
        R"doc(Cumulative change of a sequence of annual rates, prod(1 + g_i) - 1.

Parameters
----------
rates : numpy.ndarray
    Annual rates as fractions (> -1).

Returns
-------
float
    The chained change (0 for no rates).

Raises
------
ValueError
    For NaN, infinite or <= -1 rates, or a result that overflows.
)doc");

  m.def(
      "target_progress",
      [](double target_change, double plan_years, const ArrayRef& achieved) {
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
      "target_change"_a, "plan_years"_a, "achieved"_a,
      R"doc(Progress against a cumulative plan target.

Parameters
----------
target_change : float
    Cumulative change the plan sets (e.g. -0.135); <= 0 is a ceiling, > 0 a floor.
plan_years : float
    Whole number of plan years N >= 1.
achieved : numpy.ndarray
    Annual changes of the first k <= N years.

Returns
-------
dict
    target_annual, achieved_cumulative, scheduled_cumulative, share_of_target, on_schedule,
    target_met and required_annual (None when no years remain).

Raises
------
ValueError
    For bad rates, bad plan years or more achieved years than the plan has.
)doc");

  m.def("resource_cap", &haidian::resource_cap, "base_resource"_a, "output_growth"_a, "intensity_change"_a,
        R"doc(Resource cap path R_0 prod_{i<=t} (1 + g_Y,i)(1 + r_i).

Parameters
----------
base_resource : float
    Resource use in the base year (> 0).
output_growth, intensity_change : numpy.ndarray
    Annual output growth and intensity change, equally long.

Returns
-------
numpy.ndarray
    The cap for each year of the path.

Raises
------
ValueError
    For a bad base, NaN, infinite or <= -1 rates, different lengths, or a cap beyond a double.
)doc");

  m.def("rounded_intensity_change", &haidian::rounded_intensity_change, "intensity_start"_a, "intensity_end"_a,
        "intensity_decimals"_a = 4,
        R"doc(Intensity change from intensities rounded to ``intensity_decimals`` first (NBS practice).

Parameters
----------
intensity_start, intensity_end : float
    Intensity levels (> 0).
intensity_decimals : int, default 4
    Decimals the levels are rounded to before the rate is taken.

Returns
-------
float
    round(I_end)/round(I_start) - 1.

Raises
------
ValueError
    For non-positive levels, a start level that rounds to 0, or a change that overflows
    (NaN gives NaN).
)doc");

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
      R"doc(Whether a published (output growth, resource growth, intensity change) triple agrees up to rounding.

Parameters
----------
output_growth, resource_growth, intensity_change : float
    The published triple as fractions.
output_half_width, resource_half_width, change_half_width : float
    Half a unit of the last published digit of each, as fractions (0.0005 for "3.5%").
base_intensity : float, default 0
    Base-year intensity level; > 0 adds the rounding of levels to ``intensity_decimals``.
intensity_decimals : int, default 4
    Decimals of the intensity levels.

Returns
-------
dict
    implied_change, discrepancy, lower, upper, published_lower, published_upper, consistent, excess.

Raises
------
ValueError
    For bad rates or negative half-widths.
)doc");

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
      R"doc(Decoupling effort of Diakoulaki & Mandaraka (2007) from additive decomposition effects.

Parameters
----------
effects : numpy.ndarray
    Periods x factors additive effects.
activity : int
    Column of the activity (output) factor.

Returns
-------
dict
    activity_effect, other_effects, effort (D = -other/activity), factor_effort (periods x other
    factors) and state codes into ``effort_state_names``.

Raises
------
ValueError
    For an empty table, a column out of range, infinite effects or an effort that overflows
    (a period with a NaN effect gets NaN and the state "missing").
)doc");
}

}  // namespace haidian::python
