/// @file
/// LMDI-I and LMDI-II kernels: blocked passes over (step, sector block) work items.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <algorithm>  // fill, min
#include <cmath>      // log, fabs
#include <cstddef>    // ptrdiff_t
#include <vector>

#include <haidian/detail/decomp_common.hpp>    // DecompositionPlan, FactorView, load, log_mean_near
#include <haidian/detail/decomp_parallel.hpp>  // parallel_items
#include <haidian/detail/simd_ops.hpp>         // ScalarOps, Avx2Ops, Avx512Ops, HAIDIAN_TARGET_*
#include <haidian/log_mean.hpp>                // log_mean_unchecked
#include <haidian/simd.hpp>                    // Simd, resolve_simd

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Per-item partial sums, `width` = 3K + 4 columns: the K factors' contributions from the cells
/// with a weight, the sums of V^T, V^0 and the weights, the K factors' limit parts (entering and
/// exiting cells) and the sums of their magnitudes, and (LMDI-II) the sum of the share changes
/// p - q of the other cells.
struct LmdiPartials {
  std::ptrdiff_t width = 0;
  std::vector<double> values;  // items x width
  std::vector<char> bad;       // items: an invalid input or an overflowing product was seen
  static constexpr std::ptrdiff_t columns(std::ptrdiff_t K) noexcept { return 3 * K + 4; }
  static constexpr std::ptrdiff_t end_sum(std::ptrdiff_t K) noexcept { return K; }
  static constexpr std::ptrdiff_t start_sum(std::ptrdiff_t K) noexcept { return K + 1; }
  static constexpr std::ptrdiff_t weight_sum(std::ptrdiff_t K) noexcept { return K + 2; }
  static constexpr std::ptrdiff_t limit_part(std::ptrdiff_t K, std::ptrdiff_t k) noexcept { return K + 3 + k; }
  static constexpr std::ptrdiff_t limit_size(std::ptrdiff_t K, std::ptrdiff_t k) noexcept { return 2 * K + 3 + k; }
  static constexpr std::ptrdiff_t continuing_share_change(std::ptrdiff_t K) noexcept { return 3 * K + 3; }
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

/// Sum in a fixed order (four interleaved accumulators, then (acc0 + acc1) + (acc2 + acc3)),
/// independent of the thread count.
inline double fixed_order_sum(const double* x, std::ptrdiff_t n) noexcept {
  double acc[4] = {0.0, 0.0, 0.0, 0.0};
  for (std::ptrdiff_t j = 0; j < n; ++j) acc[j & 3] += x[j];
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

/// Scratch buffers of one worker: a, b (products), L (weights), r (one row of logs per sectoral
/// factor, `width` apart), acc (vector and scalar accumulators), and the item's row pointers.
/// `width` is the largest item, min(block, sectors), rounded up to whole vectors: a small problem
/// (10 sectors) then allocates and zeroes a few hundred bytes instead of (K + 3) x 4 kB per call.
struct LmdiScratch {
  std::ptrdiff_t width;
  std::vector<double> a, b, L, r, acc;
  std::vector<const double*> row0, row1;
  std::vector<double*> out;
  std::vector<std::ptrdiff_t> sectoral;  // indices of the sectoral (not broadcast) factors
  LmdiScratch(const DecompositionPlan& plan)
      : width((std::min(decomposition_block, plan.sectors) + 7) / 8 * 8),
        a(static_cast<std::size_t>(width)), b(static_cast<std::size_t>(width)), L(static_cast<std::size_t>(width)) {
    for (std::size_t k = 0; k < plan.factors.size(); ++k) {
      if (!plan.factors[k].broadcast()) sectoral.push_back(static_cast<std::ptrdiff_t>(k));
    }
    const std::size_t S = sectoral.size();
    r.resize(S * static_cast<std::size_t>(width));
    acc.resize((S + 3) * 9);  // 8 vector lanes + 1 scalar tail, for the S contributions and 3 sums
    row0.resize(S);
    row1.resize(S);
    out.resize(S);
  }
};

/// What the cell loop of one item reads and writes (pointers offset to the item's first sector).
struct LmdiItem {
  std::ptrdiff_t sectoral = 0;   // number of sectoral factors
  const double* const* row0 = nullptr;  // per sectoral factor: its start-period row
  const double* const* row1 = nullptr;  // ... its end-period row
  double* const* out = nullptr;         // ... its by-sector output row, or nullptr
  double broadcast_x0 = 1.0, broadcast_x1 = 1.0, broadcast_log = 0.0;  // product and log of the aggregate factors
  const double* step_log = nullptr;      // per factor: ln(x^T/x^0) of an aggregate factor (else 0)
  double delta = 0.0;                    // small-value strategy
  double pscale = 1.0, qscale = 1.0, shift = 0.0;  // LMDI-II: shares and ln of the total ratio
  bool shares = false;                             // LMDI-II: p, q are shares
  double *a = nullptr, *b = nullptr, *L = nullptr, *r = nullptr;
  std::ptrdiff_t r_stride = 0;
};

/// Resolves step `step`, sectors from i0, into the pointers and constants of the cell loop.
inline LmdiItem prepare_lmdi_item(const DecompositionPlan& plan, LmdiWeights weights,
                                  const LmdiStepConstants& constants, std::ptrdiff_t step, std::ptrdiff_t i0,
                                  LmdiScratch& scratch, double* by_sector) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const auto st = static_cast<std::size_t>(step);
  const std::ptrdiff_t t0 = plan.start[st], t1 = plan.end[st];
  LmdiItem it;
  it.delta = plan.small_value;
  it.step_log = constants.factor_log.data() + step * K;
  ScaledProduct x0, x1;  // no partial overflow or underflow among several aggregate factors
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    if (!f.broadcast()) continue;
    x0.multiply(load(f.row(t0)[0], it.delta));
    x1.multiply(load(f.row(t1)[0], it.delta));
    it.broadcast_log += constants.factor_log[static_cast<std::size_t>(step * K + k)];
  }
  it.broadcast_x0 = x0.value();
  it.broadcast_x1 = x1.value();
  it.sectoral = static_cast<std::ptrdiff_t>(scratch.sectoral.size());
  for (std::size_t m = 0; m < scratch.sectoral.size(); ++m) {
    const std::ptrdiff_t k = scratch.sectoral[m];
    const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    scratch.row0[m] = f.row(t0) + i0;
    scratch.row1[m] = f.row(t1) + i0;
    scratch.out[m] = by_sector ? by_sector + (step * K + k) * plan.sectors + i0 : nullptr;
  }
  it.row0 = scratch.row0.data();
  it.row1 = scratch.row1.data();
  it.out = scratch.out.data();
  if (weights == LmdiWeights::lmdi2) {
    it.pscale = 1.0 / constants.end_total[st];
    it.qscale = 1.0 / constants.start_total[st];
    it.shift = constants.total_log[st];
    it.shares = true;
  }
  it.a = scratch.a.data();
  it.b = scratch.b.data();
  it.L = scratch.L.data();
  it.r = scratch.r.data();
  it.r_stride = scratch.width;
  return it;
}

/// The product of the factors of cell (period t, sector i), formed without partial overflow or
/// underflow (the kernels multiply in order; this recomputes the cells where that gave 0).
inline double cell_product(const DecompositionPlan& plan, std::ptrdiff_t t, std::ptrdiff_t i) noexcept {
  ScaledProduct product;
  for (const FactorView& f : plan.factors) product.multiply(load(f.row(t)[f.broadcast() ? 0 : i], plan.small_value));
  return product.value();
}

/// After the cell loop: the cells with a zero product, the aggregate factors, and the partials.
/// `sums` (the item's scratch, updated in place for underflow cells) holds the S sectoral
/// contributions, then the sums of L, V^T and V^0. Writes `partial` as LmdiPartials lays it out.
///
/// In a cell that enters (start product 0) or exits (end product 0) the analytical limit applies
/// (Ang, Zhang & Choi 1998; Ang & Liu 2007, Energy Policy 35:238-246): the whole change p - q goes
/// to the factor(s) that leave or reach zero, split equally when several do (the value Shapley
/// gives such a cell, and the small-value limit with one common delta). These limit parts are kept
/// apart from the weighted contributions (see decompose() for why LMDI-II needs them apart). A zero
/// product with no zero factor is an underflow: the product is formed again without partial
/// underflow, and the cell gets the plain formula.
inline void finish_lmdi_item(const DecompositionPlan& plan, const LmdiItem& it, std::ptrdiff_t step,
                             std::ptrdiff_t i0, std::ptrdiff_t n, bool special, double* sums,
                             double* partial, double* by_sector) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t S = it.sectoral;
  const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
  const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
  double weight_sum = sums[S];
  const auto at_zero = [&](std::ptrdiff_t m, std::ptrdiff_t j, bool at_start) {
    const FactorView& g = plan.factors[static_cast<std::size_t>(m)];
    const std::ptrdiff_t c = g.broadcast() ? 0 : i0 + j;
    return load((at_start ? g.row(t0) : g.row(t1))[c], it.delta) == 0.0;
  };
  const auto zero_factors = [&](std::ptrdiff_t j, bool at_start) {
    int zeros = 0;
    for (std::ptrdiff_t m = 0; m < K; ++m) zeros += at_zero(m, j, at_start) ? 1 : 0;
    return zeros;
  };
  std::vector<std::ptrdiff_t> limits;  // entering or exiting cells
  std::vector<char> limit_cell;        // per cell of the item, only when there are limit cells
  if (special) {
    for (std::ptrdiff_t j = 0; j < n; ++j) {
      if (it.a[j] * it.pscale != 0.0 && it.b[j] * it.qscale != 0.0) continue;  // the kernel gave it a weight
      const int zeros_at_start = zero_factors(j, true), zeros_at_end = zero_factors(j, false);
      // Products that underflowed part way: form them again (the kernel's sums had them as 0).
      if (it.a[j] == 0.0 && zeros_at_end == 0) {
        it.a[j] = cell_product(plan, t1, i0 + j);
        sums[S + 1] += it.a[j];
      }
      if (it.b[j] == 0.0 && zeros_at_start == 0) {
        it.b[j] = cell_product(plan, t0, i0 + j);
        sums[S + 2] += it.b[j];
      }
      const double p = it.a[j] * it.pscale, q = it.b[j] * it.qscale;  // (a share may underflow to 0)
      if (p == 0.0 && q == 0.0) continue;  // zero at both ends: no effect
      if ((zeros_at_start > 0 && p > 0.0) || (zeros_at_end > 0 && q > 0.0)) {
        if (limit_cell.empty()) limit_cell.assign(static_cast<std::size_t>(n), 0);
        limit_cell[static_cast<std::size_t>(j)] = 1;
        limits.push_back(j);
        continue;
      }
      // Underflow only: every ratio is finite, so the plain formula holds.
      double s = it.broadcast_log;
      for (std::ptrdiff_t m = 0; m < S; ++m) s += it.r[m * it.r_stride + j];
      const double L = (p > 0.0 && q > 0.0) ? log_mean_unchecked(p, q) : (p - q) / (s - it.shift);
      it.L[j] = L;
      weight_sum += L;
      for (std::ptrdiff_t m = 0; m < S; ++m) {
        const double contribution = L * it.r[m * it.r_stride + j];
        sums[m] += contribution;
        if (it.out[m] != nullptr) it.out[m][j] = contribution;
      }
    }
  }
  std::ptrdiff_t m = 0;  // index among the sectoral factors
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    const FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    double* row_out = by_sector ? by_sector + (step * K + k) * plan.sectors + i0 : nullptr;
    double c = 0.0;
    if (f.broadcast()) {
      // One log per step: its contribution is that log times the block's weight sum.
      const double rk = it.step_log[k];
      const bool finite_log = rk - rk == 0.0;  // not finite only when the factor is 0 (limit path)
      if (finite_log) c = weight_sum * rk;
      if (row_out) {
        for (std::ptrdiff_t j = 0; j < n; ++j) row_out[j] = finite_log ? it.L[j] * rk : 0.0;
      }
    } else {
      c = sums[m++];
    }
    double limit_part = 0.0, limit_size = 0.0;
    for (const std::ptrdiff_t j : limits) {
      const double p = it.a[j] * it.pscale, q = it.b[j] * it.qscale;
      const bool entering = q == 0.0;
      if (!at_zero(k, j, entering)) continue;
      const double share = (entering ? p : -q) / zero_factors(j, entering);
      limit_part += share;
      limit_size += std::fabs(share);
      if (row_out) row_out[j] += share;
    }
    partial[k] = c;
    partial[LmdiPartials::limit_part(K, k)] = limit_part;
    partial[LmdiPartials::limit_size(K, k)] = limit_size;
  }
  partial[LmdiPartials::end_sum(K)] = sums[S + 1];
  partial[LmdiPartials::start_sum(K)] = sums[S + 2];
  partial[LmdiPartials::weight_sum(K)] = weight_sum;
  double share_change = 0.0;  // LMDI-II: sum of p - q over the cells that are not limit cells
  if (it.shares) {
    for (std::ptrdiff_t j = 0; j < n; ++j) {
      if (limit_cell.empty() || !limit_cell[static_cast<std::size_t>(j)]) {
        share_change += it.a[j] * it.pscale - it.b[j] * it.qscale;
      }
    }
  }
  partial[LmdiPartials::continuing_share_change(K)] = share_change;
}

// The cell loop and work item, once per instruction set (see simd_ops.hpp for why).
namespace lmdi_generic {
using Ops = ScalarOps;
#include <haidian/detail/decomp_lmdi_kernel.inl>
}  // namespace lmdi_generic

}  // namespace detail
HAIDIAN_NAMESPACE_END

#ifdef HAIDIAN_X86_SIMD
HAIDIAN_TARGET_AVX2_BEGIN
HAIDIAN_NAMESPACE_BEGIN
namespace detail::lmdi_avx2 {
using Ops = Avx2Ops;
#include <haidian/detail/decomp_lmdi_kernel.inl>
}  // namespace detail::lmdi_avx2
HAIDIAN_NAMESPACE_END
HAIDIAN_TARGET_END

HAIDIAN_TARGET_AVX512_BEGIN
HAIDIAN_NAMESPACE_BEGIN
namespace detail::lmdi_avx512 {
using Ops = Avx512Ops;
#include <haidian/detail/decomp_lmdi_kernel.inl>
}  // namespace detail::lmdi_avx512
HAIDIAN_NAMESPACE_END
HAIDIAN_TARGET_END
#endif

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Pass over all items; fills the partials and (if requested) the by-sector contributions
/// `by_sector` ((steps*K) x sectors, row-major; in units of the weights, scaled by the caller).
/// The instruction sets give the same results up to the last bits of the logs; which one runs
/// depends on the CPU and plan.simd only, never on the thread count.
inline LmdiPartials lmdi_pass(const DecompositionPlan& plan, LmdiWeights weights,
                              const LmdiStepConstants& constants, double* by_sector) {
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t blocks = plan.blocks();
  const std::ptrdiff_t items = plan.steps() * blocks;
  const std::ptrdiff_t N = plan.sectors;
  LmdiPartials out;
  out.width = LmdiPartials::columns(K);
  out.values.assign(static_cast<std::size_t>(items * out.width), 0.0);
  out.bad.assign(static_cast<std::size_t>(items), 0);
  using Item = bool (*)(const DecompositionPlan&, LmdiWeights, const LmdiStepConstants&, std::ptrdiff_t,
                        std::ptrdiff_t, std::ptrdiff_t, LmdiScratch&, double*, double*);
  Item item_kernel = lmdi_generic::lmdi_item;
  // Resolved even without vector kernels, so that a misspelt HAIDIAN_SIMD is refused in every TU.
  const Simd simd = resolve_simd(plan.simd);
#ifdef HAIDIAN_X86_SIMD
  if (simd == Simd::avx512) item_kernel = lmdi_avx512::lmdi_item;
  if (simd == Simd::avx2) item_kernel = lmdi_avx2::lmdi_item;
#else
  static_cast<void>(simd);
#endif
  parallel_items(items, plan.threads, [&](std::ptrdiff_t first, std::ptrdiff_t last) {
    LmdiScratch scratch(plan);
    for (std::ptrdiff_t item = first; item < last; ++item) {
      const std::ptrdiff_t step = item / blocks;
      const std::ptrdiff_t i0 = (item % blocks) * decomposition_block;
      const std::ptrdiff_t n = std::min(decomposition_block, N - i0);
      double* partial = out.values.data() + item * out.width;
      out.bad[static_cast<std::size_t>(item)] =
          !item_kernel(plan, weights, constants, step, i0, n, scratch, partial, by_sector);
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
    std::vector<double> end_products(width), start_products(width);
    double* a = end_products.data();
    double* b = start_products.data();
    for (std::ptrdiff_t item = first; item < last; ++item) {
      const std::ptrdiff_t step = item / blocks;
      const std::ptrdiff_t i0 = (item % blocks) * B;
      const std::ptrdiff_t n = std::min(B, N - i0);
      const std::ptrdiff_t t0 = plan.start[static_cast<std::size_t>(step)];
      const std::ptrdiff_t t1 = plan.end[static_cast<std::size_t>(step)];
      std::fill(a, a + n, 1.0);
      std::fill(b, b + n, 1.0);
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
        // A zero may be a partial underflow: as in finish_lmdi_item, form such products again.
        if (a[j] == 0.0) a[j] = cell_product(plan, t1, i0 + j);
        if (b[j] == 0.0) b[j] = cell_product(plan, t0, i0 + j);
        bad = bad || !(a[j] >= 0.0 && a[j] <= simd_largest) || !(b[j] >= 0.0 && b[j] <= simd_largest);
      }
      // (The main pass sums the same products in its own lane order: equal to within an ulp or so.)
      sums[static_cast<std::size_t>(2 * item)] = fixed_order_sum(a, n);
      sums[static_cast<std::size_t>(2 * item + 1)] = fixed_order_sum(b, n);
      bad_items[static_cast<std::size_t>(item)] = bad;
    }
  });
  return sums;
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
