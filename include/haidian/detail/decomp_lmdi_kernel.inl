// The LMDI cell loop and work item, included by decomp_lmdi.hpp once per instruction set, inside a
// namespace that defines `Ops` (ScalarOps, Avx2Ops or Avx512Ops) and, for the vector sets, inside a
// region compiled for that set. No include guard: one copy per set is the point (see simd_ops.hpp).

/// Cells [j0, j1) of one item, O::W at a time (j1 - j0 a multiple of O::W). Per cell: the products
/// V^T, V^0, one log per sectoral factor ratio, ln(V^T/V^0) as the sum of the factor logs (no extra
/// log), the weight L(p, q) with one division, and the contributions L ln(x^T/x^0). Writes a, b, L
/// and the raw logs r to the scratch rows and adds into acc (O::W lanes each: one per sectoral
/// factor, then the sums of L, V^T, V^0). Returns false on invalid input or an overflowing product;
/// sets `special` when a cell has a zero product (the caller applies the limits there).
/// Three passes over the cells rather than one: each loop's iterations are then independent, so
/// the long latency of a log overlaps with the next cells' work.
template <class O>
HAIDIAN_ALWAYS_INLINE bool lmdi_cells(const LmdiItem& it, std::ptrdiff_t j0, std::ptrdiff_t j1, double* acc,
                                      bool& special) {
  using V = typename O::V;
  using M = typename O::M;
  constexpr int W = O::W;
  const std::ptrdiff_t S = it.sectoral;
  const V zero = O::set(0.0), delta = O::set(it.delta);
  const bool small_values = it.delta > 0.0;

  // Pass 1, per sectoral factor: the log ratios and the running products.
  M bad = O::lt(zero, zero);  // none
  for (std::ptrdiff_t j = j0; j < j1 && S == 0; j += W) {  // only aggregate factors
    O::store(it.a + j, O::set(it.broadcast_x1));
    O::store(it.b + j, O::set(it.broadcast_x0));
  }
  for (std::ptrdiff_t k = 0; k < S; ++k) {
    const double* row0 = it.row0[k];
    const double* row1 = it.row1[k];
    double* r = it.r + k * it.r_stride;
    for (std::ptrdiff_t j = j0; j < j1; j += W) {
      V x0 = O::load(row0 + j), x1 = O::load(row1 + j);
      if (small_values) {
        x0 = O::select(O::eq(x0, zero), delta, x0);
        x1 = O::select(O::eq(x1, zero), delta, x1);
      }
      bad = O::either(bad, O::either(O::invalid(x0), O::invalid(x1)));
      O::store(r + j, O::log_ratio(x1, x0));
      const V a = k == 0 ? O::set(it.broadcast_x1) : O::load(it.a + j);
      const V b = k == 0 ? O::set(it.broadcast_x0) : O::load(it.b + j);
      O::store(it.a + j, a * x1);
      O::store(it.b + j, b * x0);
    }
  }
  if (O::any(bad)) return false;

  // Pass 2: the weights L(p, q), p, q the values (LMDI-I) or shares (LMDI-II), ss = ln(p/q). Near
  // p == q (|ss| < 1/8, so u^2 < 1/256 with u = (p - q)/(p + q)) the division-free series on u^2,
  // else (p - q)/ss; one division serves both. Cells with a zero product get 0 here.
  const V pscale = O::set(it.pscale), qscale = O::set(it.qscale), shift = O::set(it.shift);
  V sum_L = zero, sum_a = zero, sum_b = zero;
  M zero_cells = O::lt(zero, zero);
  for (std::ptrdiff_t j = j0; j < j1; j += W) {
    const V a = O::load(it.a + j), b = O::load(it.b + j);
    V s = O::set(it.broadcast_log);
    for (std::ptrdiff_t k = 0; k < S; ++k) s = s + O::load(it.r + k * it.r_stride + j);
    bad = O::either(bad, O::gt(O::max(a, b), O::set(simd_largest)));
    const V p = a * pscale, q = b * qscale, ss = s - shift;
    const M zero_cell = O::eq(O::min(p, q), zero);
    zero_cells = O::either(zero_cells, zero_cell);
    const V sum = p + q, difference = p - q;
    const M near = O::lt(O::abs(ss), O::set(0.125));
    const V quotient = O::div(difference, O::select(near, sum, ss));
    V series;
    log_mean_near_lanes(sum, quotient * quotient, series);
    const V L = O::select(zero_cell, zero, O::select(near, series, quotient));
    O::store(it.L + j, L);
    sum_L = sum_L + L;
    sum_a = sum_a + a;
    sum_b = sum_b + b;
  }
  if (O::any(bad)) return false;
  special = special || O::any(zero_cells);
  O::store(acc + S * W, sum_L);
  O::store(acc + (S + 1) * W, sum_a);
  O::store(acc + (S + 2) * W, sum_b);

  // Pass 3, per sectoral factor: the contributions L ln(x^T/x^0) (0 where L is: a zero cell's log
  // may be infinite).
  for (std::ptrdiff_t k = 0; k < S; ++k) {
    const double* r = it.r + k * it.r_stride;
    double* out = it.out[k];
    V sum_k = zero;
    for (std::ptrdiff_t j = j0; j < j1; j += W) {
      const V L = O::load(it.L + j);
      const V contribution = O::select(O::eq(L, zero), zero, L * O::load(r + j));
      sum_k = sum_k + contribution;
      if (out != nullptr) O::store(out + j, contribution);
    }
    O::store(acc + k * W, sum_k);
  }
  return true;
}

/// One work item: step `step`, sectors [i0, i0 + n), with this instruction set's Ops for the whole
/// vectors and ScalarOps for the rest. Writes `partial` (width K + 3) and the by-sector rows; returns
/// false when an input is invalid or a product overflows.
inline bool lmdi_item(const DecompositionPlan& plan, LmdiWeights weights, const LmdiStepConstants& constants,
                      std::ptrdiff_t step, std::ptrdiff_t i0, std::ptrdiff_t n, LmdiScratch& scratch,
                      double* partial, double* by_sector) {
  const LmdiItem it = prepare_lmdi_item(plan, weights, constants, step, i0, scratch, by_sector);
  const std::ptrdiff_t S = it.sectoral;
  constexpr int W = Ops::W;
  const std::ptrdiff_t vector_end = n / W * W;
  double* vector_acc = scratch.acc.data();
  double* tail_acc = vector_acc + (S + 3) * W;
  bool special = false;
  if (!lmdi_cells<Ops>(it, 0, vector_end, vector_acc, special)) return false;
  if (!lmdi_cells<ScalarOps>(it, vector_end, n, tail_acc, special)) return false;
  for (std::ptrdiff_t k = 0; k < S + 3; ++k) {
    tail_acc[k] += Ops::sum(Ops::load(vector_acc + k * W));
  }
  finish_lmdi_item(plan, it, step, i0, n, special, tail_acc, partial, by_sector);
  return true;
}
