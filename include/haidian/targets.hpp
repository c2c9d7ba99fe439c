/// @file
/// Target arithmetic: intensity change from growth rates, implied resource growth, cumulative <-> annual
/// rates, progress against a plan target, the resource cap an intensity target implies, and the
/// consistency of a published (output growth, resource growth, intensity change) triple under rounding.
///
/// Growth rates are fractions (0.035 is 3.5%) and must be finite and greater than -1. Element-wise
/// functions (intensity_change, implied_*_growth, annual_rate, cumulative_change) give NaN for a NaN
/// (missing) rate; functions that combine rates (chain_rates, target_progress, resource_cap,
/// check_consistency) refuse one, since it would make the whole answer meaningless. A result that
/// would overflow a double is an error, never inf.
/// Intensity is resource use per unit of output at comparable prices, I = R / Y, so
/// 1 + r = (1 + g_R) / (1 + g_Y) (the Chinese statistical convention for 单位GDP能耗, see docs/targets.md;
/// e.g. NBS/NDRC/NEA, 2020年分省(区、市)万元地区生产总值能耗降低率等指标公报, 2021-08-23).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>
#include <haidian/growth_rates.hpp>  // check_growth, check_no_overflow, check_representable

#include <Eigen/Core>  // ArrayXd, Ref
#include <algorithm>   // max
#include <cmath>       // log1p, expm1, exp, pow, round, floor, isnan
#include <cstddef>     // size_t
#include <limits>      // quiet_NaN
#include <optional>    // required annual rate is absent once no years remain
#include <string>
#include <string_view>

HAIDIAN_NAMESPACE_BEGIN

/// Change of intensity R/Y when R grows by g_R and Y by g_Y: (1 + g_R)/(1 + g_Y) - 1.
/// Computed as (g_R - g_Y)/(1 + g_Y), which is the same number without the cancellation of
/// subtracting 1 from a ratio close to 1.
/// @param resource_growth g_R, a fraction > -1.
/// @param output_growth g_Y at comparable prices, a fraction > -1.
/// @return NaN if a rate is NaN (missing).
/// @throws domain_error for infinite or <= -1 growth, or a result that overflows.
inline double intensity_change(double resource_growth, double output_growth) {
  constexpr std::string_view function = "intensity_change";
  check_growth_or_nan(function, "resource_growth", resource_growth);
  check_growth_or_nan(function, "output_growth", output_growth);
  return check_no_overflow(function, "the intensity change",
                           (resource_growth - output_growth) / (1.0 + output_growth));
}

/// Resource growth implied by output growth and an intensity change: (1 + g_Y)(1 + r) - 1,
/// computed as g_Y + r + g_Y r (no cancellation). Haidian 2022: 1.035 * 0.97 - 1 = 0.395%.
/// @param output_growth g_Y at comparable prices, > -1.
/// @param intensity_change r, > -1.
/// @return NaN if an argument is NaN (missing).
/// @throws domain_error for infinite or <= -1 arguments, or a result that overflows.
inline double implied_resource_growth(double output_growth, double intensity_change) {
  constexpr std::string_view function = "implied_resource_growth";
  check_growth_or_nan(function, "output_growth", output_growth);
  check_growth_or_nan(function, "intensity_change", intensity_change);
  return check_no_overflow(function, "the implied resource growth",
                           output_growth + intensity_change + output_growth * intensity_change);
}

/// Output growth compatible with a resource growth and an intensity change: (1 + g_R)/(1 + r) - 1.
/// @return NaN if an argument is NaN (missing).
/// @throws domain_error for infinite or <= -1 arguments, or a result that overflows.
inline double implied_output_growth(double resource_growth, double intensity_change) {
  constexpr std::string_view function = "implied_output_growth";
  check_growth_or_nan(function, "resource_growth", resource_growth);
  check_growth_or_nan(function, "intensity_change", intensity_change);
  return check_no_overflow(function, "the implied output growth",
                           (resource_growth - intensity_change) / (1.0 + intensity_change));
}

namespace detail {
inline void check_years(std::string_view function, double years) {
  if (!(years > 0.0) || !std::isfinite(years)) {
    fail<domain_error>(function, "years is " + format_value(years) + ", but must be positive and finite");
  }
}
}  // namespace detail

/// Average annual rate equivalent to a cumulative change over `years`: (1 + c)^(1/N) - 1 (geometric,
/// the statistics offices' "N年平均"). A five-year cut of 13.5% (c = -0.135) is -2.859% a year.
/// @param cumulative_change c, > -1; NaN (missing) gives NaN.
/// @param years N > 0 (need not be whole).
/// @throws domain_error for a bad change, non-positive years or a result that overflows (tiny N).
inline double annual_rate(double cumulative_change, double years) {
  constexpr std::string_view function = "annual_rate";
  check_growth_or_nan(function, "cumulative_change", cumulative_change);
  detail::check_years(function, years);
  // In logs: accurate for small rates, and no overflow of (1 + c) before the root is taken.
  return check_no_overflow(function, "the annual rate (1 + cumulative_change)^(1/years) - 1",
                           std::expm1(std::log1p(cumulative_change) / years));
}

/// Cumulative change after `years` at a constant annual rate: (1 + a)^N - 1; NaN for a NaN rate.
/// @throws domain_error for a bad rate, non-positive years or a result that overflows.
inline double cumulative_change(double annual_rate, double years) {
  constexpr std::string_view function = "cumulative_change";
  check_growth_or_nan(function, "annual_rate", annual_rate);
  detail::check_years(function, years);
  return check_no_overflow(function, "the cumulative change (1 + annual_rate)^years - 1",
                           std::expm1(std::log1p(annual_rate) * years));
}

/// Cumulative change of a sequence of annual rates: Π(1 + g_i) - 1 (0 for an empty sequence).
/// Summed in log space so that long sequences of small rates keep their digits.
/// @throws domain_error for a NaN (missing: the chain would break), infinite or <= -1 rate, or a
///   result that overflows.
inline double chain_rates(const Eigen::Ref<const Eigen::ArrayXd>& rates) {
  check_growth("chain_rates", "rates", rates);
  double log_sum = 0.0;
  for (Eigen::Index i = 0; i < rates.size(); ++i) log_sum += std::log1p(rates[i]);
  return check_no_overflow("chain_rates", "the chained change prod(1 + rates) - 1", std::expm1(log_sum));
}

/// Where a plan stands after some of its years: see target_progress.
struct TargetProgressResult {
  double target_change;        ///< cumulative target over the plan, e.g. -0.135
  double plan_years;           ///< N
  std::size_t elapsed_years;   ///< k = number of achieved annual changes
  double target_annual;        ///< (1 + target)^(1/N) - 1
  double achieved_cumulative;  ///< Π(1 + achieved_i) - 1
  double scheduled_cumulative; ///< (1 + target_annual)^k - 1: where an even path would be after k years
  double share_of_target;      ///< achieved_cumulative / target_change (1 = met); 0 target: 1 if held, else 0
  bool on_schedule;            ///< achieved at least as far as the even path (in the target's direction)
  bool target_met;             ///< achieved already reaches the whole target
  std::optional<double> required_annual;  ///< annual change needed in the remaining years; none if k == N
};

/// Progress against a cumulative plan target (e.g. a five-year cut of 13.5% in energy intensity).
/// The target's direction comes from its sign: a target <= 0 is a ceiling (reach at most this change,
/// i.e. cut at least this much), a target > 0 is a floor (reach at least this change).
/// Needed in the remaining N - k years: ((1 + target)/(1 + achieved))^(1/(N - k)) - 1.
/// @param target_change cumulative change the plan sets over `plan_years`, > -1.
/// @param plan_years N, a whole number of years >= 1.
/// @param achieved the annual changes of the first k <= N years.
/// @throws domain_error for NaN (missing), infinite or <= -1 rates or a figure that overflows;
///   invalid_argument if more years are achieved than the plan has.
inline TargetProgressResult target_progress(double target_change, double plan_years,
                                              const Eigen::Ref<const Eigen::ArrayXd>& achieved) {
  constexpr std::string_view function = "target_progress";
  check_growth(function, "target_change", target_change);
  if (!(plan_years >= 1.0) || !std::isfinite(plan_years) || plan_years != std::floor(plan_years)) {
    fail<domain_error>(function, "plan_years is " + detail::format_value(plan_years) +
                                     ", but must be a whole number of years >= 1");
  }
  check_growth(function, "achieved", achieved);
  const auto k = static_cast<std::size_t>(achieved.size());
  if (static_cast<double>(k) > plan_years) {
    fail(function, "achieved has " + std::to_string(k) + " years but the plan has only " +
                       detail::format_value(plan_years));
  }
  TargetProgressResult out{};
  out.target_change = target_change;
  out.plan_years = plan_years;
  out.elapsed_years = k;
  out.target_annual = std::expm1(std::log1p(target_change) / plan_years);
  double log_achieved = 0.0;
  for (Eigen::Index i = 0; i < achieved.size(); ++i) log_achieved += std::log1p(achieved[i]);
  out.achieved_cumulative = check_no_overflow(function, "the achieved cumulative change", std::expm1(log_achieved));
  const double log_scheduled = std::log1p(out.target_annual) * static_cast<double>(k);
  out.scheduled_cumulative = std::expm1(log_scheduled);
  // A zero target ("do not rise") has no meaningful share; report 1 when held, else 0.
  out.share_of_target = target_change != 0.0 ? out.achieved_cumulative / target_change
                                             : (out.achieved_cumulative <= 0.0 ? 1.0 : 0.0);
  check_no_overflow(function, "the share of the target achieved_cumulative / target_change", out.share_of_target);
  // Comparisons in log space with a few-ulp slack, so that a path exactly on schedule counts as on it.
  const double slack = 1e-12 * (1.0 + std::abs(log_scheduled));
  const double log_target = std::log1p(target_change);
  const bool ceiling = target_change <= 0.0;
  out.on_schedule = ceiling ? log_achieved <= log_scheduled + slack : log_achieved >= log_scheduled - slack;
  out.target_met = ceiling ? log_achieved <= log_target + slack : log_achieved >= log_target - slack;
  const double remaining = plan_years - static_cast<double>(k);
  if (remaining > 0.0) {
    out.required_annual = check_no_overflow(function, "the required annual change",
                                            std::expm1((log_target - log_achieved) / remaining));
  }
  return out;
}

/// Resource cap path implied by an intensity path and an output path:
/// cap_t = R_0 Π_{i<=t} (1 + g_Y,i)(1 + r_i), one value per year of the path.
/// @param base_resource R_0 in the base year, > 0.
/// @param output_growth annual output growth g_Y,i (comparable prices).
/// @param intensity_change annual intensity change r_i (same length as output_growth).
/// Computed in logs, so no intermediate product overflows when the cap itself does not.
/// @throws domain_error for NaN (missing: the path would break), infinite or <= -1 rates, a bad base,
///   or a cap that overflows or underflows a double; invalid_argument for mismatched lengths.
inline Eigen::ArrayXd resource_cap(double base_resource, const Eigen::Ref<const Eigen::ArrayXd>& output_growth,
                                   const Eigen::Ref<const Eigen::ArrayXd>& intensity_change) {
  constexpr std::string_view function = "resource_cap";
  check_positive(function, "base_resource", base_resource);
  check_same_size(function, "output_growth", static_cast<std::size_t>(output_growth.size()),
                  "intensity_change", static_cast<std::size_t>(intensity_change.size()));
  check_growth(function, "output_growth", output_growth);
  check_growth(function, "intensity_change", intensity_change);
  Eigen::ArrayXd cap(output_growth.size());
  double log_factor = 0.0;
  for (Eigen::Index i = 0; i < cap.size(); ++i) {
    log_factor += std::log1p(output_growth[i]) + std::log1p(intensity_change[i]);
    // R_0 * exp(log factor) unless the factor alone leaves the normal range while the cap may not; then
    // exp(log R_0 + log factor), which costs a few digits but none of the range.
    const double factor = std::exp(log_factor);
    const bool factor_normal = factor < std::numeric_limits<double>::infinity() &&
                               factor >= std::numeric_limits<double>::min();
    const double value = factor_normal ? base_resource * factor : std::exp(std::log(base_resource) + log_factor);
    cap[i] = check_representable(function, "the cap of year " + std::to_string(i + 1) + " of the path", value);
  }
  return cap;
}

/// Rounds to `decimals` decimal places, halves away from zero (as statistical tables do). A value so
/// large that it has no digits at that place (|value| * 10^decimals >= 2^52) is returned unchanged,
/// rather than overflowing in the scaling.
inline double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  if (!(std::abs(value) * scale < 4503599627370496.0)) return value;  // 2^52: already a whole multiple
  return std::round(value * scale) / scale;
}

/// Intensity change the way statistics offices take it: both intensities rounded to
/// `intensity_decimals` (4 for tce per 10,000 yuan) before the rate is formed.
/// @return NaN if an intensity is NaN (missing), like the other element-wise functions.
/// @throws domain_error for non-positive or infinite intensities, a start that rounds to zero, or a
///   change that overflows.
inline double rounded_intensity_change(double intensity_start, double intensity_end, int intensity_decimals = 4) {
  constexpr std::string_view function = "rounded_intensity_change";
  if (std::isnan(intensity_start) || std::isnan(intensity_end)) return std::numeric_limits<double>::quiet_NaN();
  check_positive(function, "intensity_start", intensity_start);
  check_positive(function, "intensity_end", intensity_end);
  if (intensity_decimals < 0 || intensity_decimals > 15) {
    fail(function, "intensity_decimals is " + std::to_string(intensity_decimals) + ", but must be in 0..15");
  }
  const double start = round_to(intensity_start, intensity_decimals);
  const double end = round_to(intensity_end, intensity_decimals);
  if (!(start > 0.0)) {
    fail<domain_error>(function, "intensity_start is " + detail::format_value(intensity_start) +
                                     ", which rounds to 0 at " + std::to_string(intensity_decimals) + " decimals");
  }
  // (end - start) / start: exact difference for nearby levels, so small changes keep their digits.
  return check_no_overflow(function, "the change of intensity", (end - start) / start);
}

/// Outcome of checking a published (output growth, resource growth, intensity change) triple.
struct ConsistencyResult {
  double implied_change;   ///< (1 + g_R)/(1 + g_Y) - 1 from the published growth rates as given
  double discrepancy;      ///< published intensity change - implied_change
  double lower;            ///< smallest intensity change any unrounded inputs could give
  double upper;            ///< largest intensity change any unrounded inputs could give
  double published_lower;  ///< published intensity change - its rounding half-width
  double published_upper;  ///< published intensity change + its rounding half-width
  bool consistent;         ///< the two intervals overlap: the triple can be right up to rounding
  double excess;           ///< 0 when consistent, else the gap between the two intervals
};

/// Checks whether a published triple can be reproduced up to rounding. Every published number is
/// taken as rounded: the true value lies within ± half a unit of its last digit (`*_half_width`, as
/// fractions: 0.0005 for a percentage with one decimal). Since the implied change (1 + g_R)/(1 + g_Y) - 1
/// rises with g_R and falls with g_Y, its extreme values sit at the corners of the rounding box.
/// With a base-year intensity level (> 0), intensities are also rounded to `intensity_decimals` before
/// the rate is taken, which widens the interval by the level rounding (the NBS practice).
/// @param output_growth, resource_growth, published_change the published triple (fractions).
/// @param output_half_width, resource_half_width, change_half_width rounding half-widths (>= 0).
/// @param base_intensity the base-year intensity level, or 0 to ignore level rounding.
/// @param intensity_decimals decimals the intensity levels are rounded to (4 by default).
/// @throws domain_error for NaN, infinite or <= -1 rates, negative half-widths, or a range that overflows.
inline ConsistencyResult check_consistency(double output_growth, double resource_growth, double published_change,
                                            double output_half_width, double resource_half_width,
                                            double change_half_width, double base_intensity = 0.0,
                                            int intensity_decimals = 4) {
  constexpr std::string_view function = "check_consistency";
  check_growth(function, "output_growth", output_growth);
  check_growth(function, "resource_growth", resource_growth);
  check_growth(function, "intensity_change", published_change);
  check_nonnegative(function, "output_half_width", output_half_width);
  check_nonnegative(function, "resource_half_width", resource_half_width);
  check_nonnegative(function, "change_half_width", change_half_width);
  check_nonnegative(function, "base_intensity", base_intensity);
  if (intensity_decimals < 0 || intensity_decimals > 15) {
    fail(function, "intensity_decimals is " + std::to_string(intensity_decimals) + ", but must be in 0..15");
  }
  const double y_lo = output_growth - output_half_width, y_hi = output_growth + output_half_width;
  const double r_lo = resource_growth - resource_half_width, r_hi = resource_growth + resource_half_width;
  if (!(y_lo > -1.0) || !(r_lo > -1.0)) {
    fail<domain_error>(function, "the rounding interval of a growth rate reaches -100%; use a smaller half-width");
  }
  ConsistencyResult out{};
  out.implied_change =
      check_no_overflow(function, "the implied change", (resource_growth - output_growth) / (1.0 + output_growth));
  out.discrepancy = published_change - out.implied_change;
  double ratio_lo = (1.0 + r_lo) / (1.0 + y_hi);
  double ratio_hi = (1.0 + r_hi) / (1.0 + y_lo);
  if (base_intensity > 0.0) {
    // I_1 = I_0 * ratio; each level may be off by half a unit of its last decimal after rounding.
    const double h = 0.5 * std::pow(10.0, -intensity_decimals);
    const double i0_lo = base_intensity - h, i0_hi = base_intensity + h;
    if (!(i0_lo > 0.0)) {
      fail<domain_error>(function, "base_intensity is " + detail::format_value(base_intensity) +
                                       ", too small for rounding to " + std::to_string(intensity_decimals) +
                                       " decimals");
    }
    ratio_lo = (base_intensity * ratio_lo - h) / i0_hi;
    ratio_hi = (base_intensity * ratio_hi + h) / i0_lo;
  }
  out.lower = check_no_overflow(function, "the lower end of the implied change", ratio_lo - 1.0);
  out.upper = check_no_overflow(function, "the upper end of the implied change", ratio_hi - 1.0);
  out.published_lower = published_change - change_half_width;
  out.published_upper = published_change + change_half_width;
  // Rounding boundaries are closed; a relative slack of 1e-12 absorbs binary representation of decimals.
  const double slack = 1e-12 * (1.0 + std::abs(published_change));
  const double gap = std::max(out.published_lower - out.upper, out.lower - out.published_upper);
  out.consistent = gap <= slack;
  out.excess = out.consistent ? 0.0 : gap;
  return out;
}

HAIDIAN_NAMESPACE_END
