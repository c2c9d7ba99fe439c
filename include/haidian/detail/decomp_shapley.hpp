/// @file
/// Shapley/Sun kernels: the exact average over all factor orderings for a sum of products.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <algorithm>  // fill, min, max
#include <cmath>      // lgamma, exp, log, frexp, ldexp, fabs
#include <cstddef>    // ptrdiff_t, size_t
#include <vector>

#include <haidian/detail/decomp_common.hpp>    // DecompositionPlan, FactorView, ScaledProduct
#include <haidian/detail/decomp_parallel.hpp>  // parallel_items

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Number of set bits (the size of the subset S).
inline std::size_t bit_count(std::size_t S) noexcept {
  std::size_t count = 0;
  for (; S != 0; S &= S - 1) ++count;
  return count;
}

/// Shapley weights w_m = m!(K-1-m)!/K!, the probability that a given set of m other factors
/// precedes factor k in a random ordering of K factors.
inline std::vector<double> shapley_weights(std::size_t K) {
  std::vector<double> w(K);
  for (std::size_t m = 0; m < K; ++m) {
    w[m] = std::exp(std::lgamma(static_cast<double>(m) + 1) + std::lgamma(static_cast<double>(K - m)) -
                    std::lgamma(static_cast<double>(K) + 1));
  }
  return w;
}

/// Power-of-two exponent e with max(|a|, |b|) < 2^e (0 when both are 0): dividing by 2^e is exact
/// (unless a value is far below the other) and brings both into (-1, 1).
inline int common_exponent(double a, double b) noexcept {
  int e = 0;
  std::frexp(std::max(std::fabs(a), std::fabs(b)), &e);
  return e;
}

/// Scratch of shapley_cell for K factors.
struct ShapleyCellScratch {
  std::vector<double> x0, x1, coefficients;
  explicit ShapleyCellScratch(std::size_t K) : x0(K), x1(K), coefficients(K + 1) {}
};

/// Additive Shapley effects of one cell V = prod_k x_k moving from x0 to x1 (Sun 1998, Energy
/// Economics 20:85-100; Ang, Liu & Chew 2003, Energy Policy 31:1561-1566, show Sun's formula is
/// the Shapley value). For a product the marginal change of adding k to the set S of factors
/// already at their end values is (x1_k - x0_k) prod_{j in S} x1_j prod_{j not in S, j != k} x0_j,
/// so phi_k = (x1_k - x0_k) sum_m w_m e_m with e_m the coefficient of z^m in
/// prod_{j != k} (x0_j + z x1_j): O(K^3) per cell instead of the K! orderings or 2^K subsets.
/// Polynomial in the values: zeros and negative values need no special treatment.
/// Each factor's pair is scaled into (-1, 1) by a power of two first and the exponents are added
/// back once at the end: the partial products (mixes of start and end values) then never overflow
/// or meet 0 x inf, and phi_k is inf only when the effect itself is beyond the doubles.
inline void shapley_cell(const double* x0, const double* x1, const double* w, ShapleyCellScratch& scratch,
                         double* phi) noexcept {
  const std::size_t K = scratch.x0.size();
  double* y0 = scratch.x0.data();
  double* y1 = scratch.x1.data();
  double* coefficients = scratch.coefficients.data();
  int exponent = 0;  // every phi_k carries all K scales: K - 1 from the products, one from x1_k - x0_k
  for (std::size_t j = 0; j < K; ++j) {
    const int e = common_exponent(x0[j], x1[j]);
    y0[j] = std::ldexp(x0[j], -e);
    y1[j] = std::ldexp(x1[j], -e);
    exponent += e;
  }
  for (std::size_t k = 0; k < K; ++k) {
    std::size_t degree = 0;
    coefficients[0] = 1.0;
    for (std::size_t j = 0; j < K; ++j) {
      if (j == k) continue;
      coefficients[degree + 1] = coefficients[degree] * y1[j];
      for (std::size_t m = degree; m > 0; --m) coefficients[m] = coefficients[m] * y0[j] + coefficients[m - 1] * y1[j];
      coefficients[0] *= y0[j];
      ++degree;
    }
    double sum = 0.0;
    for (std::size_t m = 0; m <= degree; ++m) sum += w[m] * coefficients[m];
    phi[k] = std::ldexp((y1[k] - y0[k]) * sum, exponent);
  }
}

/// Additive Shapley pass over (step, block) items: per-item partials (K effects, V^T, V^0) and
/// optionally the by-sector effects ((steps*K) x sectors). Sets bad[item] on a non-finite value or
/// an overflowing product.
inline std::vector<double> shapley_pass(const DecompositionPlan& plan, double* by_sector,
                                        std::vector<char>& bad_items) {
  const std::size_t K = plan.factors.size();
  const auto Kd = static_cast<std::ptrdiff_t>(K);
  const std::ptrdiff_t blocks = plan.blocks();
  const std::ptrdiff_t items = plan.steps() * blocks;
  const std::ptrdiff_t N = plan.sectors;
  const std::ptrdiff_t width = Kd + 2;
  const std::vector<double> w = shapley_weights(K);
  std::vector<double> partials(static_cast<std::size_t>(items * width), 0.0);
  bad_items.assign(static_cast<std::size_t>(items), 0);
  parallel_items(items, plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    std::vector<double> x0(K), x1(K), phi(K);
    ShapleyCellScratch scratch(K);
    for (std::ptrdiff_t item = first; item < last; ++item) {
      const std::ptrdiff_t step = item / blocks;
      const std::ptrdiff_t i0 = (item % blocks) * decomposition_block;
      const std::ptrdiff_t n = std::min(decomposition_block, N - i0);
      const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
      const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
      double* partial = partials.data() + item * width;
      bool bad = false;
      for (std::ptrdiff_t j = 0; j < n; ++j) {
        ScaledProduct a, b;
        for (std::size_t k = 0; k < K; ++k) {
          const FactorView& f = plan.factors[k];
          const std::ptrdiff_t c = f.broadcast() ? 0 : i0 + j;
          x0[k] = f.row(t0)[c];
          x1[k] = f.row(t1)[c];
          a.multiply(x1[k]);
          b.multiply(x0[k]);
        }
        const double end_product = a.value(), start_product = b.value();
        // NaN, infinite input or an overflowing product
        bad = bad || !(end_product - end_product == 0.0) || !(start_product - start_product == 0.0);
        shapley_cell(x0.data(), x1.data(), w.data(), scratch, phi.data());
        for (std::size_t k = 0; k < K; ++k) {
          const auto kd = static_cast<std::ptrdiff_t>(k);
          partial[k] += phi[k];
          if (by_sector) by_sector[(step * Kd + kd) * N + i0 + j] = phi[k];
        }
        partial[K] += end_product;
        partial[K + 1] += start_product;
      }
      bad_items[static_cast<std::size_t>(item)] = bad;
    }
  });
  return partials;
}

/// A sum of (mantissa, exponent) terms kept as mantissa x 2^exponent: the subset aggregates of
/// multiplicative Shapley when they or their terms lie beyond the range of a double.
class ExtendedSum {
 public:
  void add(double mantissa, int exponent) noexcept {
    if (mantissa == 0.0) return;
    if (mantissa_ == 0.0) {
      mantissa_ = mantissa;
      exponent_ = exponent;
    } else if (exponent > exponent_) {
      mantissa_ = std::ldexp(mantissa_, exponent_ - exponent) + mantissa;
      exponent_ = exponent;
    } else {
      mantissa_ += std::ldexp(mantissa, exponent - exponent_);
    }
    int renormalise = 0;
    mantissa_ = std::frexp(mantissa_, &renormalise);
    exponent_ += renormalise;
  }
  bool positive() const noexcept { return mantissa_ > 0.0; }
  double log() const noexcept { return std::log(mantissa_) + exponent_ * 0.69314718055994530942; }
  double value() const noexcept { return std::ldexp(mantissa_, exponent_); }

 private:
  double mantissa_ = 0.0;
  int exponent_ = 0;
};

/// Multiplicative Shapley: the Shapley value of the game v(S) = ln V(S), V(S) the aggregate with
/// the factors in S at their end values and the others at their start values, so that
/// prod_k D_k = V^T/V^0 exactly and, for a single product, D_k = x_k^T/x_k^0. One item per step
/// (the 2^K subset aggregates are summed over all sectors). Returns steps x (K + 2): ln D_k,
/// V^T, V^0; a step whose V(S) is not positive for every S is reported through `bad_steps`.
///
/// The mixes of start and end values can lie far outside the range of V^0 and V^T. Each factor is
/// scaled by a power of two, the middle of its binary exponents in the step; every V(S) is then
/// multiplied by the same 2^-E, which cancels in the differences ln V(S u k) - ln V(S). When the
/// factors' exponent ranges could still take a product out of the doubles, the step is summed in
/// mantissa-exponent form instead (ExtendedSum; slower, never out of range).
inline std::vector<double> shapley_log_pass(const DecompositionPlan& plan, std::vector<char>& bad_steps) {
  const std::size_t K = plan.factors.size();
  const std::size_t subsets = std::size_t{1} << K;
  const std::size_t width = K + 2;
  const std::ptrdiff_t N = plan.sectors;
  const std::vector<double> w = shapley_weights(K);
  std::vector<double> out(static_cast<std::size_t>(plan.steps()) * width, 0.0);
  bad_steps.assign(static_cast<std::size_t>(plan.steps()), 0);
  parallel_items(plan.steps(), plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    std::vector<double> total(subsets), cell(subsets);
    std::vector<int> middle(K), cell_exponent(subsets);
    std::vector<ExtendedSum> extended(subsets);
    for (std::ptrdiff_t step = first; step < last; ++step) {
      const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
      const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
      int scale = 0, spread = 0;  // sum of the middles; sum of the half ranges (in binary exponents)
      for (std::size_t k = 0; k < K; ++k) {
        const FactorView& f = plan.factors[k];
        int low = 0, high = 0;
        bool any = false;
        for (std::ptrdiff_t i = 0; i < f.columns; ++i) {
          for (const double x : {f.row(t0)[i], f.row(t1)[i]}) {
            if (x == 0.0) continue;
            int e = 0;
            std::frexp(x, &e);
            low = any ? std::min(low, e) : e;
            high = any ? std::max(high, e) : e;
            any = true;
          }
        }
        middle[k] = low + (high - low) / 2;
        scale += middle[k];
        spread += high - middle[k] + 1;
      }
      double* row = out.data() + static_cast<std::size_t>(step) * width;
      bool bad = false;
      if (spread <= 1000) {  // every partial product stays within 2^+-1000: plain doubles
        std::fill(total.begin(), total.end(), 0.0);
        for (std::ptrdiff_t i = 0; i < N; ++i) {
          // cell[S] = prod_{k in S} x1_k prod_{k not in S} x0_k, built by doubling (no divisions).
          cell[0] = 1.0;
          for (std::size_t k = 0; k < K; ++k) {
            const FactorView& f = plan.factors[k];
            const std::ptrdiff_t c = f.broadcast() ? 0 : i;
            const double x0 = std::ldexp(f.row(t0)[c], -middle[k]), x1 = std::ldexp(f.row(t1)[c], -middle[k]);
            const std::size_t half = std::size_t{1} << k;
            for (std::size_t S = 0; S < half; ++S) {
              cell[S + half] = cell[S] * x1;
              cell[S] *= x0;
            }
          }
          for (std::size_t S = 0; S < subsets; ++S) total[S] += cell[S];
        }
        row[K] = std::ldexp(total[subsets - 1], scale);
        row[K + 1] = std::ldexp(total[0], scale);
        for (std::size_t S = 0; S < subsets; ++S) {
          bad = bad || !(total[S] > 0.0 && total[S] <= 1.7976931348623157e308);
          total[S] = std::log(total[S]);
        }
      } else {
        std::fill(extended.begin(), extended.end(), ExtendedSum{});
        for (std::ptrdiff_t i = 0; i < N; ++i) {
          cell[0] = 1.0;
          cell_exponent[0] = 0;
          for (std::size_t k = 0; k < K; ++k) {
            const FactorView& f = plan.factors[k];
            const std::ptrdiff_t c = f.broadcast() ? 0 : i;
            int e0 = 0, e1 = 0;
            const double m0 = std::frexp(f.row(t0)[c], &e0), m1 = std::frexp(f.row(t1)[c], &e1);
            const std::size_t half = std::size_t{1} << k;
            for (std::size_t S = 0; S < half; ++S) {
              int d1 = 0, d0 = 0;
              cell[S + half] = std::frexp(cell[S] * m1, &d1);
              cell_exponent[S + half] = cell_exponent[S] + e1 + d1;
              cell[S] = std::frexp(cell[S] * m0, &d0);
              cell_exponent[S] += e0 + d0;
            }
          }
          for (std::size_t S = 0; S < subsets; ++S) extended[S].add(cell[S], cell_exponent[S]);
        }
        row[K] = extended[subsets - 1].value();
        row[K + 1] = extended[0].value();
        for (std::size_t S = 0; S < subsets; ++S) {
          bad = bad || !extended[S].positive();
          total[S] = extended[S].positive() ? extended[S].log() : 0.0;
        }
      }
      for (std::size_t k = 0; k < K; ++k) {
        const std::size_t bit = std::size_t{1} << k;
        double phi = 0.0;
        for (std::size_t S = 0; S < subsets; ++S) {
          if (S & bit) continue;
          phi += w[bit_count(S)] * (total[S | bit] - total[S]);
        }
        row[k] = phi;
      }
      bad_steps[static_cast<std::size_t>(step)] = bad;
    }
  });
  return out;
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
