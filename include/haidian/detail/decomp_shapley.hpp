/// @file
/// Shapley/Sun kernels: the exact average over all factor orderings for a sum of products.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <algorithm>  // fill, min
#include <cmath>    // lgamma, exp, log
#include <cstddef>  // ptrdiff_t
#include <vector>

#include <haidian/detail/decomp_common.hpp>    // DecompositionPlan, FactorView
#include <haidian/detail/decomp_parallel.hpp>  // parallel_items

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Number of set bits (the size of the subset S).
inline std::ptrdiff_t bit_count(std::ptrdiff_t S) noexcept {
  std::ptrdiff_t count = 0;
  for (; S != 0; S &= S - 1) ++count;
  return count;
}

/// Shapley weights w_m = m!(K-1-m)!/K!, the probability that a given set of m other factors
/// precedes factor k in a random ordering of K factors.
inline std::vector<double> shapley_weights(std::ptrdiff_t K) {
  std::vector<double> w(static_cast<std::size_t>(K));
  for (std::ptrdiff_t m = 0; m < K; ++m) {
    w[static_cast<std::size_t>(m)] = std::exp(std::lgamma(double(m) + 1) + std::lgamma(double(K - m)) -
                                              std::lgamma(double(K) + 1));
  }
  return w;
}

/// Additive Shapley effects of one cell V = prod_k x_k moving from x0 to x1 (Sun 1998, Energy
/// Economics 20:85-100; Ang, Liu & Chew 2003, Energy Policy 31:1561-1566, show Sun's formula is
/// the Shapley value). For a product the marginal change of adding k to the set S of factors
/// already at their end values is (x1_k - x0_k) prod_{j in S} x1_j prod_{j not in S, j != k} x0_j,
/// so phi_k = (x1_k - x0_k) sum_m w_m e_m with e_m the coefficient of z^m in
/// prod_{j != k} (x0_j + z x1_j): O(K^3) per cell instead of the K! orderings or 2^K subsets.
/// Polynomial in the values: zeros and negative values need no special treatment.
inline void shapley_cell(std::ptrdiff_t K, const double* x0, const double* x1, const double* w,
                         double* coefficients, double* phi) noexcept {
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    std::ptrdiff_t degree = 0;
    coefficients[0] = 1.0;
    for (std::ptrdiff_t j = 0; j < K; ++j) {
      if (j == k) continue;
      coefficients[degree + 1] = coefficients[degree] * x1[j];
      for (std::ptrdiff_t m = degree; m > 0; --m) {
        coefficients[m] = coefficients[m] * x0[j] + coefficients[m - 1] * x1[j];
      }
      coefficients[0] *= x0[j];
      ++degree;
    }
    double sum = 0.0;
    for (std::ptrdiff_t m = 0; m <= degree; ++m) sum += w[m] * coefficients[m];
    phi[k] = (x1[k] - x0[k]) * sum;
  }
}

/// Additive Shapley pass over (step, block) items: per-item partials (K effects, V^T, V^0) and
/// optionally the by-sector effects ((steps*K) x sectors). Sets bad[item] on a non-finite value.
inline std::vector<double> shapley_pass(const DecompositionPlan& plan, double* by_sector,
                                        std::vector<char>& bad_items) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t blocks = plan.blocks();
  const std::ptrdiff_t items = plan.steps() * blocks;
  const std::ptrdiff_t N = plan.sectors;
  const std::ptrdiff_t width = K + 2;
  const std::vector<double> w = shapley_weights(K);
  std::vector<double> partials(static_cast<std::size_t>(items * width), 0.0);
  bad_items.assign(static_cast<std::size_t>(items), 0);
  parallel_items(items, plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    std::vector<double> x0(static_cast<std::size_t>(K)), x1(static_cast<std::size_t>(K)),
        phi(static_cast<std::size_t>(K)), coefficients(static_cast<std::size_t>(K + 1));
    for (std::ptrdiff_t item = first; item < last; ++item) {
      const std::ptrdiff_t step = item / blocks;
      const std::ptrdiff_t i0 = (item % blocks) * decomposition_block;
      const std::ptrdiff_t n = std::min(decomposition_block, N - i0);
      const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
      const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
      double* partial = partials.data() + item * width;
      bool bad = false;
      for (std::ptrdiff_t j = 0; j < n; ++j) {
        double a = 1.0, b = 1.0;
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
          const std::ptrdiff_t c = f.broadcast() ? 0 : i0 + j;
          x0[k] = f.row(t0)[c];
          x1[k] = f.row(t1)[c];
          a *= x1[k];
          b *= x0[k];
        }
        bad |= !(a - a == 0.0) | !(b - b == 0.0);  // NaN, infinite input or overflow
        shapley_cell(K, x0.data(), x1.data(), w.data(), coefficients.data(), phi.data());
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          partial[k] += phi[k];
          if (by_sector) by_sector[(step * K + k) * N + i0 + j] = phi[k];
        }
        partial[K] += a;
        partial[K + 1] += b;
      }
      bad_items[static_cast<std::size_t>(item)] = bad;
    }
  });
  return partials;
}

/// Multiplicative Shapley: the Shapley value of the game v(S) = ln V(S), V(S) the aggregate with
/// the factors in S at their end values and the others at their start values, so that
/// prod_k D_k = V^T/V^0 exactly and, for a single product, D_k = x_k^T/x_k^0. One item per step
/// (the 2^K subset aggregates are summed over all sectors). Returns steps x (K + 2): ln D_k,
/// V^T, V^0; a step whose V(S) is not positive for every S is reported through `bad_steps`.
inline std::vector<double> shapley_log_pass(const DecompositionPlan& plan, std::vector<char>& bad_steps) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t subsets = std::ptrdiff_t{1} << K;
  const std::ptrdiff_t width = K + 2;
  const std::ptrdiff_t N = plan.sectors;
  const std::vector<double> w = shapley_weights(K);
  std::vector<double> out(static_cast<std::size_t>(plan.steps() * width), 0.0);
  bad_steps.assign(static_cast<std::size_t>(plan.steps()), 0);
  parallel_items(plan.steps(), plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    std::vector<double> total(static_cast<std::size_t>(subsets)), cell(static_cast<std::size_t>(subsets));
    for (std::ptrdiff_t step = first; step < last; ++step) {
      const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
      const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
      std::fill(total.begin(), total.end(), 0.0);
      for (std::ptrdiff_t i = 0; i < N; ++i) {
        // cell[S] = prod_{k in S} x1_k prod_{k not in S} x0_k, built by doubling (no divisions).
        cell[0] = 1.0;
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
          const std::ptrdiff_t c = f.broadcast() ? 0 : i;
          const double x0 = f.row(t0)[c], x1 = f.row(t1)[c];
          const std::ptrdiff_t half = std::ptrdiff_t{1} << k;
          for (std::ptrdiff_t S = 0; S < half; ++S) {
            cell[S + half] = cell[S] * x1;
            cell[S] *= x0;
          }
        }
        for (std::ptrdiff_t S = 0; S < subsets; ++S) total[S] += cell[S];
      }
      bool bad = false;
      double* row = out.data() + step * width;
      row[K] = total[static_cast<std::size_t>(subsets - 1)];
      row[K + 1] = total[0];
      for (std::ptrdiff_t S = 0; S < subsets; ++S) {
        bad = bad || !(total[S] > 0.0 && total[S] <= 1.7976931348623157e308);
        total[S] = std::log(total[S]);
      }
      for (std::ptrdiff_t k = 0; k < K; ++k) {
        const std::ptrdiff_t bit = std::ptrdiff_t{1} << k;
        double phi = 0.0;
        for (std::ptrdiff_t S = 0; S < subsets; ++S) {
          if (S & bit) continue;
          phi += w[static_cast<std::size_t>(bit_count(S))] *
                 (total[S | bit] - total[S]);
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
