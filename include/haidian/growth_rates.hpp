/// @file
/// Growth rates as fractions: the checks every function that takes rates applies, how to recognise a
/// rate that was probably given in percent or as an index (上年 = 100), and the checks that a result
/// computed from finite input is itself representable (no silent inf, no underflow to 0).
///
/// Conventions (see docs/series.md, "Rates: fractions, percentages and indices"):
/// - a rate is a fraction, 0.035 for 3.5 %; a rate at or below -1 would take a level to zero or below
///   and is refused;
/// - a rate above `percent_like_rate` (more than doubling in one period) is plausible only for small
///   or new activities and more often a percentage typed as a number, and a rate at or above
///   `index_like_rate` reads like an index with the previous period = 100 (106.9 for +6.9 %). Such
///   rates are not refused (industrial-robot output did grow by 350 % in a year), but rate_scale()
///   flags them and the Python layer warns (haidian.RateWarning).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>

#include <Eigen/Core>  // ArrayXd, Ref

#include <cmath>    // isfinite, isinf, isnan, abs, log1p, expm1
#include <cstddef>  // size_t
#include <cstdio>   // snprintf: rates in messages to six significant digits
#include <limits>   // numeric_limits<double>::min
#include <string>
#include <string_view>

HAIDIAN_NAMESPACE_BEGIN

/// Rates above this (growth of more than 100 % in one period) are flagged as probably percentages.
inline constexpr double percent_like_rate = 1.0;
/// Rates at or above this are flagged as probably indices with the previous period = 100.
inline constexpr double index_like_rate = 50.0;

/// How a rate reads: a plausible fraction, or probably a percentage or an index given by mistake.
enum class RateScale { fraction, percent_like, index_like };

/// Classifies one rate (NaN, infinities, which check_growth refuses anyway, and rates <= 1 are
/// `fraction`). See the file comment for the thresholds.
constexpr RateScale rate_scale(double rate) noexcept {
  if (!(rate < std::numeric_limits<double>::infinity())) return RateScale::fraction;
  if (rate >= index_like_rate) return RateScale::index_like;
  if (rate > percent_like_rate) return RateScale::percent_like;
  return RateScale::fraction;
}

/// Classifies a cumulative change over `years` by its annual equivalent (1 + c)^(1/N) - 1, so that a
/// doubling over ten years (c = 1) is plausible while c = 13.5 typed for "13.5 %" over one year is not;
/// a change at or above `index_like_rate` reads like an index whatever the years.
inline RateScale rate_scale(double cumulative_change, double years) noexcept {
  if (cumulative_change >= index_like_rate) return RateScale::index_like;
  if (!(years > 0.0) || !std::isfinite(cumulative_change)) return rate_scale(cumulative_change);
  return rate_scale(std::expm1(std::log1p(cumulative_change) / years));
}

namespace detail {
/// A number to six significant digits ("10690", "0.069"), for messages about magnitudes.
inline std::string format_short(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}
}  // namespace detail

/// Why a rate looks implausible, for a warning: empty for a plausible one.
/// @param function, argument what to name in the text
/// @param rate the rate, a fraction
/// @param years the rate is a cumulative change over this many years (1: one period)
inline std::string implausible_rate_note(std::string_view function, std::string_view argument, double rate,
                                         double years = 1.0) {
  const RateScale scale = years == 1.0 ? rate_scale(rate) : rate_scale(rate, years);
  if (scale == RateScale::fraction) return std::string();
  std::string text = std::string(function) + ": " + std::string(argument) + " is " + detail::format_value(rate) +
                     ", a growth of " + detail::format_short(rate * 100.0) + "%";
  text += years == 1.0 ? std::string(" in one period") : " over " + detail::format_short(years) + " years";
  if (scale == RateScale::index_like) {
    text += "; it looks like an index with the previous period = 100 (上年=100), whose growth rate is " +
            detail::format_short(rate) + " / 100 - 1 = " + detail::format_short(rate / 100.0 - 1.0) +
            " (Series.from_index chain-links such indices)";
  } else {
    text += "; rates are fractions (0.035 is 3.5%), so if this is a percentage, divide it by 100";
  }
  return text + ". If the growth is real, silence this warning for the call (haidian.RateWarning).";
}

/// @throws domain_error "function: argument[i] is -1.5, but must be a growth rate greater than -1 ..."
/// for NaN, infinities and rates at or below -100 % (which leave nothing to grow from).
inline void check_growth(std::string_view function, std::string_view argument, double value,
                         std::size_t index = detail::no_index) {
  check_finite(function, argument, value, index);
  if (!(value > -1.0)) {
    std::string message = detail::argument_label(argument, index) + " is " + detail::format_value(value) +
                          ", but must be a growth rate greater than -1 (a fall of less than 100%)";
    if (value > -100.0) message += "; rates are fractions, so a percentage such as -3.5% is -0.035";
    fail<domain_error>(function, message);
  }
}

/// As check_growth, but NaN (a missing rate) passes: element-wise functions give NaN for it.
inline void check_growth_or_nan(std::string_view function, std::string_view argument, double value,
                                std::size_t index = detail::no_index) {
  if (!std::isnan(value)) check_growth(function, argument, value, index);
}

/// Validates a whole array of growth rates (see check_growth).
inline void check_growth(std::string_view function, std::string_view argument,
                         const Eigen::Ref<const Eigen::ArrayXd>& values) {
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    check_growth(function, argument, values[i], static_cast<std::size_t>(i));
  }
}

/// Validates an array of growth rates in which NaN marks a missing one (see check_growth_or_nan).
inline void check_growth_or_nan(std::string_view function, std::string_view argument,
                                const Eigen::Ref<const Eigen::ArrayXd>& values) {
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    check_growth_or_nan(function, argument, values[i], static_cast<std::size_t>(i));
  }
}

/// @throws domain_error "function: <what> overflows a double ..." if `value` is infinite: a result of
/// finite input whose magnitude exceeds the largest double (about 1.8e308). Returns `value`.
inline double check_no_overflow(std::string_view function, std::string_view what, double value) {
  if (std::isinf(value)) {
    fail<domain_error>(function, std::string(what) +
                                     " overflows a double (its magnitude exceeds 1.8e308); the result cannot be "
                                     "represented");
  }
  return value;
}

/// As check_no_overflow, and also @throws domain_error if `value` is zero or subnormal (below 2.2e-308
/// in magnitude) although the exact result is not zero: doubles lose relative precision there, so a
/// level, ratio or product would come back inaccurate or as 0. Returns `value`.
inline double check_representable(std::string_view function, std::string_view what, double value) {
  check_no_overflow(function, what, value);
  if (std::abs(value) < std::numeric_limits<double>::min()) {
    fail<domain_error>(function, std::string(what) + " underflows a double (its magnitude is below 2.2e-308, " +
                                     "where doubles lose precision); the result cannot be represented accurately");
  }
  return value;
}

HAIDIAN_NAMESPACE_END
