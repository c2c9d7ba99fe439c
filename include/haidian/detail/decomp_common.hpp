/// @file
/// Internals shared by the decomposition kernels: the factor views, the step plan, the work blocks.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <algorithm>  // max
#include <cmath>      // isfinite, frexp, ldexp, fabs
#include <cstddef>    // ptrdiff_t
#include <string>
#include <vector>

#include <haidian/panel.hpp>  // Panel
#include <haidian/simd.hpp>   // Simd

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Sectors per work item. Fixed (not derived from the thread count) so that the partial sums,
/// and therefore the results, are identical for any number of threads; large enough to amortise
/// the per-item overhead, small enough that an item's buffers stay in L1/L2.
constexpr std::ptrdiff_t decomposition_block = 512;

/// One factor as the kernels see it: periods x columns with contiguous columns, `stride` doubles from
/// one period to the next; columns == 1 meaning an aggregate factor (one value per period) broadcast
/// across the sectors.
struct FactorView {
  const double* data = nullptr;
  std::ptrdiff_t columns = 0;
  std::ptrdiff_t stride = 0;
  bool broadcast() const noexcept { return columns == 1; }
  const double* row(std::ptrdiff_t period) const noexcept { return data + period * stride; }
};

/// What the kernels need to know about the problem, validated and resolved.
struct DecompositionPlan {
  std::vector<FactorView> factors;
  std::ptrdiff_t periods = 0;
  std::ptrdiff_t sectors = 0;
  std::vector<std::ptrdiff_t> start;  // start period of each step
  std::vector<std::ptrdiff_t> end;    // end period of each step
  std::ptrdiff_t steps() const noexcept { return static_cast<std::ptrdiff_t>(start.size()); }
  std::ptrdiff_t blocks() const noexcept {
    return (sectors + decomposition_block - 1) / decomposition_block;
  }
  double small_value = 0.0;  // > 0: zeros are replaced by it (the small-value strategy)
  bool by_sector = false;
  int threads = 1;
  Simd simd = Simd::best;  // instruction set of the LMDI kernels
};

/// The factor value used by the kernels: with the small-value strategy a zero becomes delta.
inline double load(double x, double delta) noexcept { return x == 0.0 ? delta : x; }  // delta = 0: x itself

/// L(p, q) for p, q > 0 with v = u^2 < 1/256, u = (p - q)/(p + q): since ln(p/q) = 2 atanh u,
/// L = A u/atanh(u) with A = (p + q)/2, and u/atanh(u) = 1 - v/3 - 4v^2/45 - 44v^3/945 - ...
/// (Taylor coefficients from a 40-digit mpmath expansion; the first four are exact fractions).
/// Truncated after v^7: the next term is below 2e-19 relative for v < 1/256. A polynomial, no
/// division, exact for p == q, and accurate however close p and q are (no log of p/q needed).
/// V: double, or a vector of doubles (the LMDI kernels; the result by reference because GCC warns
/// that vector arguments and returns change the ABI outside code compiled for AVX).
template <class V>
inline void log_mean_near_lanes(const V& sum, const V& v, V& result) noexcept {
  const double c1 = -1.0 / 3, c2 = -4.0 / 45, c3 = -44.0 / 945, c4 = -428.0 / 14175,
               c5 = -0.02179680401902624124846347, c6 = -0.0167875518563349251179939,
               c7 = -0.01350276505126593310014827;
  result = 0.5 * sum * (1.0 + v * (c1 + v * (c2 + v * (c3 + v * (c4 + v * (c5 + v * (c6 + v * c7)))))));
}

/// log_mean_near_lanes for one pair.
inline double log_mean_near(double sum, double v) noexcept {
  double result;
  log_mean_near_lanes(sum, v, result);
  return result;
}

/// A product of doubles kept as mantissa x 2^exponent, so that no partial product overflows or
/// underflows: value() is inf only when the whole product overflows, and 0 only when a factor is 0 or
/// the product itself is below the smallest subnormal.
class ScaledProduct {
 public:
  void multiply(double x) noexcept {
    int e = 0;
    mantissa_ *= std::frexp(x, &e);
    exponent_ += e;
    int renormalise = 0;
    mantissa_ = std::frexp(mantissa_, &renormalise);
    exponent_ += renormalise;
  }
  double value() const noexcept { return std::ldexp(mantissa_, exponent_); }

 private:
  double mantissa_ = 1.0;
  int exponent_ = 0;
};

/// Closure residual of additive effects: (sum_k dV_k - dV) relative to the size of every term of the
/// identity, |V^0| + |V^T| + sum_k |dV_k|, so that rounding gives ~1e-16 whatever the aggregate
/// (also when it is 0 at both ends while the effects are not, as Shapley allows with signed values).
inline double additive_closure(double effect_sum, double effect_magnitude, double total, double start_value,
                               double end_value) noexcept {
  const double residual = effect_sum - total;
  const double scale = std::fabs(start_value) + std::fabs(end_value) + effect_magnitude;
  return scale > 0.0 ? residual / scale : residual;
}

/// Closure residual of multiplicative effects in logs: sum_k ln D_k - ln(V^T/V^0), relative to
/// max(1, sum_k |ln D_k| + |ln(V^T/V^0)|): a log residual is already a relative error of the
/// product, and large offsetting log effects carry proportionally larger rounding.
inline double multiplicative_closure(double log_sum, double log_magnitude, double log_total) noexcept {
  return (log_sum - log_total) / std::max(1.0, log_magnitude + std::fabs(log_total));
}

/// Label of factor k in messages: "factors['intensity']" or "factors[2]".
inline std::string factor_label(const std::vector<std::string>& names, std::size_t k) {
  if (k < names.size()) return "factors['" + names[k] + "']";
  return "factors[" + std::to_string(k) + "]";
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
