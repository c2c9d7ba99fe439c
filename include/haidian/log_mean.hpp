/// @file
/// The logarithmic mean L(a, b) = (a - b) / ln(a / b), accurate to a few ulps for every a, b >= 0.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cmath>  // log, log1p, isfinite

#include <haidian/errors.hpp>  // check_nonnegative

HAIDIAN_NAMESPACE_BEGIN

namespace detail {

/// L(a, b) for a, b >= 0 and finite; no checks (the caller has made them).
///
/// Why the three branches:
/// - a == b (including 0, 0): L = a exactly, where the textbook formula gives 0/0.
/// - b <= a <= 2b: d = a - b is exact (Sterbenz), t = d/b carries one rounding, and
///   L = d / log1p(t); the map t -> t/log1p(t) is flat near 0, so the result keeps full accuracy
///   when a ~ b instead of losing digits to the cancellation in ln a - ln b.
/// - a > 2b: ln(a/b) >= ln 2, so the rounding of a/b costs at most ~1.5 ulp relative; when a/b
///   overflows or underflows (a = 1e300, b = 1e-300) ln a - ln b is used, which is then accurate
///   because ln a and ln b have opposite signs. log1p is not used here: for a >> b it would add
///   the rounding of t = a/b - 1 for nothing.
inline double log_mean_unchecked(double a, double b) noexcept {
  if (a == b) return a;
  if (a < b) {
    const double swap = a;
    a = b;
    b = swap;
  }
  if (b == 0.0) return 0.0;  // L(a, 0) = 0: (a - 0)/ln(a/0) -> a/inf
  const double d = a - b;
  if (a <= 2.0 * b) return d / std::log1p(d / b);
  const double ratio = a / b;  // > 2 here; only overflow can go wrong
  if (std::isfinite(ratio)) return d / std::log(ratio);
  return d / (std::log(a) - std::log(b));
}

}  // namespace detail

/// The logarithmic mean of two non-negative numbers.
///
/// L(a, b) = (a - b) / ln(a / b) for a != b, with the limits L(a, a) = a and L(a, 0) = L(0, a) = 0.
/// It is symmetric, lies between the geometric and the arithmetic mean, and is the weight of the
/// LMDI decompositions (Ang 2005, Energy Policy 33:867-871; Ang 2015, Energy Policy 86:233-238).
/// Accurate to a few ulps in every regime (a ~ b, a << b, subnormal, near overflow).
/// @param a first value, non-negative and finite
/// @param b second value, non-negative and finite
/// @throws domain_error when a or b is negative, NaN or infinite
inline double log_mean(double a, double b) {
  check_nonnegative("log_mean", "a", a);
  check_nonnegative("log_mean", "b", b);
  return detail::log_mean_unchecked(a, b);
}

HAIDIAN_NAMESPACE_END
