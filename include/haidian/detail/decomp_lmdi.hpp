/// @file
/// LMDI-I and LMDI-II kernels: blocked passes over (step, sector block) work items.
#pragma once

#include <algorithm>  // fill, min
#include <cmath>      // log
#include <cstddef>    // ptrdiff_t
#include <cstdint>    // uint64_t: branch-free selects
#include <cstring>    // memcpy
#include <vector>

#include <haidian/detail/decomp_common.hpp>    // DecompositionPlan, FactorView, load, log_mean_with_log
#include <haidian/detail/decomp_parallel.hpp>  // parallel_items
#include <haidian/detail/decomp_simd_log.hpp>  // log_inplace: the block's logs, vectorised

#if defined(__GNUC__) || defined(__clang__)
#define HAIDIAN_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define HAIDIAN_ALWAYS_INLINE inline
#endif

namespace haidian::detail {

/// Per-item partial sums: K contributions, then sum of end values, start values, weights.
struct LmdiPartials {
  std::ptrdiff_t width = 0;
  std::vector<double> values;  // items x width
  std::vector<char> bad;       // items: an invalid input or an overflowing product was seen
};

/// Which weights the pass uses.
///   lmdi1: p, q = V_i^T, V_i^0 (Ang 2005, eq. for the additive LMDI-I).
///   lmdi2: p, q = s_i^T, s_i^0, the sector shares (Ang & Choi 1997; Ang & Liu 2001).
enum class LmdiWeights { lmdi1, lmdi2 };

/// Per-step constants of a pass: log ratio of each broadcast factor (zero where unused), and for
/// LMDI-II the aggregates and ln(V^T/V^0).
struct LmdiStepConstants {
  std::vector<double> factor_log;  // steps x K
  std::vector<double> end_total, start_total, total_log;
};

/// Scratch buffers of one worker: a, b (products), s (log of the cell ratio), L (weights), r (K logs,
/// `width` apart). `width` is the largest item, min(block, sectors): a small problem (10 sectors)
/// then allocates and zeroes a few hundred bytes instead of (K + 4) x 4 kB on every call.
struct LmdiScratch {
  std::ptrdiff_t width;
  std::vector<double> a, b, s, L, r;
  LmdiScratch(std::ptrdiff_t K, std::ptrdiff_t sectors)
      : width(std::min(decomposition_block, sectors)),
        a(static_cast<std::size_t>(width)), b(static_cast<std::size_t>(width)), s(static_cast<std::size_t>(width)),
        L(static_cast<std::size_t>(width)), r(static_cast<std::size_t>(K * width)) {}
};

#if defined(__GNUC__) || defined(__clang__)
typedef double fixed_order_v4 __attribute__((vector_size(32)));  // the four accumulators as one vector
#endif

/// Sum in a fixed order with four interleaved accumulators (independent of the thread count; four
/// chains instead of one, so the adds overlap): acc[j % 4] += x[j] in order of j, then
/// (acc0 + acc1) + (acc2 + acc3). Written as one 4-lane vector where the compiler allows it (the
/// same additions in the same order, so the same bits; GCC does not turn the scalar form into
/// vector code itself, and the sums were ~10% of the LMDI pass).
HAIDIAN_ALWAYS_INLINE double fixed_order_sum(const double* x, std::ptrdiff_t n) noexcept {
  double acc[4] = {0.0, 0.0, 0.0, 0.0};
  std::ptrdiff_t j = 0;
#if defined(__GNUC__) || defined(__clang__)
  fixed_order_v4 v = {0.0, 0.0, 0.0, 0.0};
  for (; j + 4 <= n; j += 4) {
    fixed_order_v4 xj;
    std::memcpy(&xj, x + j, sizeof xj);
    v += xj;
  }
  for (int lane = 0; lane < 4; ++lane) acc[lane] = v[lane];
#else
  for (; j + 4 <= n; j += 4) {
    acc[0] += x[j];
    acc[1] += x[j + 1];
    acc[2] += x[j + 2];
    acc[3] += x[j + 3];
  }
#endif
  for (; j < n; ++j) acc[j & 3] += x[j];
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

/// Sum of x[j]*y[j] in the same fixed order.
HAIDIAN_ALWAYS_INLINE double fixed_order_dot(const double* x, const double* y, std::ptrdiff_t n) noexcept {
  double acc[4] = {0.0, 0.0, 0.0, 0.0};
  std::ptrdiff_t j = 0;
#if defined(__GNUC__) || defined(__clang__)
  fixed_order_v4 v = {0.0, 0.0, 0.0, 0.0};
  for (; j + 4 <= n; j += 4) {
    fixed_order_v4 xj, yj;
    std::memcpy(&xj, x + j, sizeof xj);
    std::memcpy(&yj, y + j, sizeof yj);
    v += xj * yj;
  }
  for (int lane = 0; lane < 4; ++lane) acc[lane] = v[lane];
#else
  for (; j + 4 <= n; j += 4) {
    acc[0] += x[j] * y[j];
    acc[1] += x[j + 1] * y[j + 1];
    acc[2] += x[j + 2] * y[j + 2];
    acc[3] += x[j + 3] * y[j + 3];
  }
#endif
  for (; j < n; ++j) acc[j & 3] += x[j] * y[j];
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

/// One work item: step `step`, sectors [i0, i0 + n). Writes `partial` (width K + 3) and the
/// by-sector rows; returns false when an input is invalid or a product overflows.
///
/// In a cell that enters (start product 0) or exits (end product 0) the analytical limit applies
/// (Ang, Zhang & Choi 1998; Ang & Liu 2007, Energy Policy 35:238-246): the whole change p - q goes
/// to the factor(s) that leave or reach zero, split equally when several do (the value Shapley
/// gives such a cell, and the small-value limit with one common delta).
template <bool Simd>
HAIDIAN_ALWAYS_INLINE bool lmdi_item(const DecompositionPlan& plan, LmdiWeights weights,
                                     const LmdiStepConstants& constants, std::ptrdiff_t step,
                                     std::ptrdiff_t i0, std::ptrdiff_t n, LmdiScratch& scratch,
                                     double* partial, double* by_sector) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t B = scratch.width;  // stride of the K log rows in r; n <= B
  const std::ptrdiff_t N = plan.sectors;
  const double delta = plan.small_value;
  const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
  const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
  const double* step_log = constants.factor_log.data() + step * K;
  double* a = scratch.a.data();
  double* b = scratch.b.data();
  double* s = scratch.s.data();
  double* L = scratch.L.data();
  double* r = scratch.r.data();

  // Products V_i and, for sectoral factors, the ratios x^T/x^0 (one log per ratio).
  double broadcast_x0 = 1.0, broadcast_x1 = 1.0, broadcast_log = 0.0;
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    if (!f.broadcast()) continue;
    broadcast_x0 *= load(f.row(t0)[0], delta);
    broadcast_x1 *= load(f.row(t1)[0], delta);
    broadcast_log += step_log[k];
  }
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    a[j] = broadcast_x1;
    b[j] = broadcast_x0;
  }
  // Flags are counted as integers (not or-ed bools) so that these loops vectorise.
  long negative = 0;
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    if (f.broadcast()) continue;
    const double* row0 = f.row(t0) + i0;
    const double* row1 = f.row(t1) + i0;
    double* rk = r + k * B;
    if (delta > 0.0) {
      for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double x0 = load(row0[j], delta), x1 = load(row1[j], delta);
        a[j] *= x1;
        b[j] *= x0;
        rk[j] = x1 / x0;
        negative += !(x0 >= 0.0) + !(x1 >= 0.0);  // also counts NaN
      }
    } else {
      for (std::ptrdiff_t j = 0; j < n; ++j) {
        const double x0 = row0[j], x1 = row1[j];
        a[j] *= x1;
        b[j] *= x0;
        rk[j] = x1 / x0;
        negative += !(x0 >= 0.0) + !(x1 >= 0.0);
      }
    }
    if constexpr (Simd) {
#ifdef HAIDIAN_SIMD_LOG
      log_inplace_avx2(rk, n);
#endif
    } else {
      log_inplace(rk, n);
    }
  }
  if (negative != 0) return false;

  // s_j = ln(V_j^T/V_j^0) as the sum of the factor logs: no extra log per cell.
  for (std::ptrdiff_t j = 0; j < n; ++j) s[j] = broadcast_log;
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    if (plan.factors[static_cast<std::size_t>(k)].broadcast()) continue;
    const double* rk = r + k * B;
    for (std::ptrdiff_t j = 0; j < n; ++j) s[j] += rk[j];
  }

  // Weights L(p, q), branch-free so the loop vectorises; cells with a zero product get 0 here and
  // the limits below. See log_mean_with_log for the two formulas.
  const bool lmdi2 = weights == LmdiWeights::lmdi2;
  const double pscale = lmdi2 ? 1.0 / constants.end_total[static_cast<std::size_t>(step)] : 1.0;
  const double qscale = lmdi2 ? 1.0 / constants.start_total[static_cast<std::size_t>(step)] : 1.0;
  const double shift = lmdi2 ? constants.total_log[static_cast<std::size_t>(step)] : 0.0;
  long overflow = 0, special = 0;
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    // (NaN cannot reach here: it was counted as negative above.)
    overflow += (a[j] > b[j] ? a[j] : b[j]) > 1.7976931348623157e308;
    const double p = a[j] * pscale, q = b[j] * qscale;
    const bool zero = (p < q ? p : q) == 0.0;
    special += zero;
    const double sum = p + q, difference = p - q;
    const double u = difference / sum;
    const double v = u * u;
    const double near = log_mean_near(sum, v);
    const double far = difference / (s[j] - shift);
    // Selects as bit masks: GCC keeps a ?: between two quotients as a branch (a division may
    // trap), which stops vectorisation; the masks keep the loop straight-line.
    const std::uint64_t use_near = 0 - static_cast<std::uint64_t>(v < 1.0 / 256.0);
    const std::uint64_t keep = 0 - static_cast<std::uint64_t>(!zero);
    std::uint64_t near_bits, far_bits;
    std::memcpy(&near_bits, &near, sizeof near_bits);
    std::memcpy(&far_bits, &far, sizeof far_bits);
    const std::uint64_t weight_bits = ((near_bits & use_near) | (far_bits & ~use_near)) & keep;
    std::memcpy(L + j, &weight_bits, sizeof weight_bits);
  }
  if (overflow != 0) return false;

  // Cells with a zero product: the analytical limit, or the plain formula if no factor is actually
  // zero (a product that underflowed).
  std::vector<std::ptrdiff_t> limits;
  const auto at_zero = [&](std::ptrdiff_t m, std::ptrdiff_t j, bool at_start) {
    const FactorView& g = plan.factors[static_cast<std::size_t>(m)];
    const std::ptrdiff_t c = g.broadcast() ? 0 : i0 + j;
    return load((at_start ? g.row(t0) : g.row(t1))[c], delta) == 0.0;
  };
  if (special != 0) {
    for (std::ptrdiff_t j = 0; j < n; ++j) {
      const double p = a[j] * pscale, q = b[j] * qscale;
      if (!((p == 0.0) | (q == 0.0))) continue;
      if (p == 0.0 && q == 0.0) {  // no change, no effect
        for (std::ptrdiff_t k = 0; k < K; ++k) r[k * B + j] = 0.0;
        continue;
      }
      int zeros = 0;
      for (std::ptrdiff_t m = 0; m < K; ++m) zeros += at_zero(m, j, q == 0.0);
      if (zeros == 0) {  // underflow: every ratio is finite, so the plain formula holds
        L[j] = (p - q) / (s[j] - shift);
        continue;
      }
      limits.push_back(j);
      for (std::ptrdiff_t k = 0; k < K; ++k) r[k * B + j] = 0.0;
    }
  }

  const double weight_sum = fixed_order_sum(L, n);
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    double* row_out = by_sector ? by_sector + (step * K + k) * N + i0 : nullptr;
    double c = 0.0;
    if (f.broadcast()) {
      // One log per step: its contribution is that log times the block's weight sum.
      const double rk = step_log[k];
      const bool finite_log = rk - rk == 0.0;  // not finite only when the factor is 0 (limit path)
      if (finite_log) c = weight_sum * rk;
      if (row_out) {
        for (std::ptrdiff_t j = 0; j < n; ++j) row_out[j] = finite_log ? L[j] * rk : 0.0;
      }
    } else {
      const double* rk = r + k * B;
      c = fixed_order_dot(L, rk, n);
      if (row_out) {
        for (std::ptrdiff_t j = 0; j < n; ++j) row_out[j] = L[j] * rk[j];
      }
    }
    for (const std::ptrdiff_t j : limits) {
      const double p = a[j] * pscale, q = b[j] * qscale;
      if (!at_zero(k, j, q == 0.0)) continue;
      int zeros = 0;
      for (std::ptrdiff_t m = 0; m < K; ++m) zeros += at_zero(m, j, q == 0.0);
      const double share = (q == 0.0 ? p : -q) / zeros;
      c += share;
      if (row_out) row_out[j] += share;
    }
    partial[k] = c;
  }
  partial[K] = fixed_order_sum(a, n);
  partial[K + 1] = fixed_order_sum(b, n);
  partial[K + 2] = weight_sum;
  return true;
}

#ifdef HAIDIAN_SIMD_LOG
/// The item kernel compiled for AVX2+FMA (wider vectors for every loop, not only the logs).
__attribute__((target("avx2,fma"))) inline bool lmdi_item_avx2(
    const DecompositionPlan& plan, LmdiWeights weights, const LmdiStepConstants& constants,
    std::ptrdiff_t step, std::ptrdiff_t i0, std::ptrdiff_t n, LmdiScratch& scratch, double* partial,
    double* by_sector) {
  return lmdi_item<true>(plan, weights, constants, step, i0, n, scratch, partial, by_sector);
}
#endif

inline bool lmdi_item_generic(const DecompositionPlan& plan, LmdiWeights weights,
                              const LmdiStepConstants& constants, std::ptrdiff_t step, std::ptrdiff_t i0,
                              std::ptrdiff_t n, LmdiScratch& scratch, double* partial, double* by_sector) {
  return lmdi_item<false>(plan, weights, constants, step, i0, n, scratch, partial, by_sector);
}

/// Pass over all items; fills the partials and (if requested) the by-sector contributions
/// `by_sector` ((steps*K) x sectors, row-major; in units of the weights, scaled by the caller).
/// The AVX2 and generic kernels give the same results up to the last bits of the logs; which one
/// runs depends on the CPU only, never on the thread count.
inline LmdiPartials lmdi_pass(const DecompositionPlan& plan, LmdiWeights weights,
                              const LmdiStepConstants& constants, double* by_sector) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t blocks = plan.blocks();
  const std::ptrdiff_t items = plan.steps() * blocks;
  const std::ptrdiff_t N = plan.sectors;
  LmdiPartials out;
  out.width = K + 3;
  out.values.assign(static_cast<std::size_t>(items * out.width), 0.0);
  out.bad.assign(static_cast<std::size_t>(items), 0);
  bool simd = false;
#ifdef HAIDIAN_SIMD_LOG
  simd = simd_log_available();
#endif
  parallel_items(items, plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    LmdiScratch scratch(K, N);
    for (std::ptrdiff_t item = first; item < last; ++item) {
      const std::ptrdiff_t step = item / blocks;
      const std::ptrdiff_t i0 = (item % blocks) * decomposition_block;
      const std::ptrdiff_t n = std::min(decomposition_block, N - i0);
      double* partial = out.values.data() + item * out.width;
      bool ok;
#ifdef HAIDIAN_SIMD_LOG
      if (simd) {
        ok = lmdi_item_avx2(plan, weights, constants, step, i0, n, scratch, partial, by_sector);
      } else {
        ok = lmdi_item_generic(plan, weights, constants, step, i0, n, scratch, partial, by_sector);
      }
#else
      (void)simd;
      ok = lmdi_item_generic(plan, weights, constants, step, i0, n, scratch, partial, by_sector);
#endif
      out.bad[static_cast<std::size_t>(item)] = !ok;
    }
  });
  return out;
}

/// First pass of LMDI-II: only the aggregates V^T and V^0 (per item partial sums).
inline std::vector<double> product_sums(const DecompositionPlan& plan, std::vector<char>& bad_items) {
  const std::ptrdiff_t blocks = plan.blocks();
  const std::ptrdiff_t items = plan.steps() * blocks;
  const std::ptrdiff_t N = plan.sectors;
  const double delta = plan.small_value;
  std::vector<double> sums(static_cast<std::size_t>(items * 2), 0.0);
  bad_items.assign(static_cast<std::size_t>(items), 0);
  parallel_items(items, plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    const std::ptrdiff_t B = decomposition_block;
    const auto width = static_cast<std::size_t>(std::min(B, N));  // the largest item
    std::vector<double> a(width), b(width);
    for (std::ptrdiff_t item = first; item < last; ++item) {
      const std::ptrdiff_t step = item / blocks;
      const std::ptrdiff_t i0 = (item % blocks) * B;
      const std::ptrdiff_t n = std::min(B, N - i0);
      const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
      const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
      std::fill(a.begin(), a.begin() + n, 1.0);
      std::fill(b.begin(), b.begin() + n, 1.0);
      for (const FactorView& f : plan.factors) {
        const std::ptrdiff_t inc = f.broadcast() ? 0 : 1;
        const double* row0 = f.row(t0) + inc * i0;
        const double* row1 = f.row(t1) + inc * i0;
        for (std::ptrdiff_t j = 0; j < n; ++j) {
          a[j] *= load(row1[inc * j], delta);
          b[j] *= load(row0[inc * j], delta);
        }
      }
      bool bad = false;
      for (std::ptrdiff_t j = 0; j < n; ++j) {
        bad |= !(a[j] >= 0.0 && a[j] <= 1.7976931348623157e308) | !(b[j] >= 0.0 && b[j] <= 1.7976931348623157e308);
      }
      // The same fixed order as the main pass, so LMDI-II's shares use exactly the same totals.
      sums[static_cast<std::size_t>(2 * item)] = fixed_order_sum(a.data(), n);
      sums[static_cast<std::size_t>(2 * item + 1)] = fixed_order_sum(b.data(), n);
      bad_items[static_cast<std::size_t>(item)] = bad;
    }
  });
  return sums;
}

}  // namespace haidian::detail
