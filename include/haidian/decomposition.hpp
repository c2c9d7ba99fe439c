/// @file
/// Index decomposition of a sum of products over periods: LMDI-I/II (additive, multiplicative), Shapley/Sun.
///
/// The aggregate is V_t = sum_i prod_k x_{k,t,i} over sectors i and factors k. Each factor is a
/// periods x sectors panel, or a periods x 1 panel for an aggregate factor (total output, population)
/// broadcast across the sectors. A decomposition splits the change of V over each step (t-1 -> t when
/// chained, base -> t for a fixed base) into one effect per factor.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cmath>        // exp, log, isfinite
#include <cstddef>      // ptrdiff_t
#include <limits>       // quiet_NaN
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>  // Ref, ArrayXd

#include <haidian/detail/decomp_common.hpp>   // DecompositionPlan, FactorView
#include <haidian/detail/decomp_lmdi.hpp>     // lmdi_pass, product_sums
#include <haidian/detail/decomp_shapley.hpp>  // shapley_pass, shapley_log_pass
#include <haidian/errors.hpp>                 // fail, check helpers
#include <haidian/log_mean.hpp>               // log_mean
#include <haidian/panel.hpp>                  // Panel
#include <haidian/simd.hpp>                   // Simd

HAIDIAN_NAMESPACE_BEGIN

/// Decomposition method.
enum class Method {
  lmdi1,   ///< LMDI-I: weights L(V_i^T, V_i^0) (Ang 2005; Ang 2015). Consistent in aggregation.
  lmdi2,   ///< LMDI-II: normalised share weights (Ang & Choi 1997; Ang & Liu 2001).
  shapley  ///< Shapley value over all factor orderings, via Sun's closed form (Sun 1998).
};

/// Additive effects (in units of V, summing to V^T - V^0) or multiplicative (multiplying to V^T/V^0).
enum class Mode { additive, multiplicative };

/// What LMDI does with zeros: the analytical limits, or replacing each zero by a small value.
enum class Zeros { limit, small };

/// Parses "lmdi1" / "lmdi2" / "shapley". @throws invalid_argument naming the value.
inline Method parse_method(std::string_view name) {
  if (name == "lmdi1") return Method::lmdi1;
  if (name == "lmdi2") return Method::lmdi2;
  if (name == "shapley") return Method::shapley;
  fail("decompose", "method is '" + std::string(name) + "', but must be 'lmdi1', 'lmdi2' or 'shapley'");
}

/// Parses "additive" / "multiplicative". @throws invalid_argument naming the value.
inline Mode parse_mode(std::string_view name) {
  if (name == "additive") return Mode::additive;
  if (name == "multiplicative") return Mode::multiplicative;
  fail("decompose", "mode is '" + std::string(name) + "', but must be 'additive' or 'multiplicative'");
}

/// Parses "limit" / "small". @throws invalid_argument naming the value.
inline Zeros parse_zeros(std::string_view name) {
  if (name == "limit") return Zeros::limit;
  if (name == "small") return Zeros::small;
  fail("decompose", "zeros is '" + std::string(name) + "', but must be 'limit' or 'small'");
}

/// Options of decompose().
struct DecompositionOptions {
  Method method = Method::lmdi1;
  Mode mode = Mode::additive;
  bool chained = true;         ///< steps t-1 -> t; otherwise base -> t for every t != base
  std::ptrdiff_t base = 0;     ///< base period (row) of a fixed-base decomposition
  Zeros zeros = Zeros::limit;  ///< LMDI only; Shapley needs no zero handling
  /// The delta of the small-value strategy (Ang & Liu 2007 suggest 1e-10 to 1e-20); effects
  /// converge to the limits only like 1/ln(1/delta), so "limit" is the default.
  double small_value = 1e-20;
  bool by_sector = false;                 ///< also return the factor x sector contributions
  int threads = 1;  ///< worker threads; 0 = all hardware threads (1 for small problems)
  /// Instruction set of the LMDI kernels (see simd.hpp): the best the CPU has, or a cap on it to
  /// reproduce results bit for bit on another machine.
  Simd simd = Simd::best;
  std::vector<std::string> factor_names;  ///< used in error messages only
};

/// Result of decompose(). Steps are in period order; step s compares period start[s] with end[s].
struct Decomposition {
  std::vector<std::ptrdiff_t> start;  ///< start period of each step
  std::vector<std::ptrdiff_t> end;    ///< end period of each step
  /// steps x factors: Delta V_k (additive) or D_k (multiplicative).
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> effects;
  Eigen::ArrayXd total;        ///< V^T - V^0 (additive) or V^T/V^0 (multiplicative) per step
  Eigen::ArrayXd start_value;  ///< V^0 of each step
  Eigen::ArrayXd end_value;    ///< V^T of each step
  /// Closure residual per step: (sum_k Delta V_k - Delta V)/(|V^0| + |V^T|) (additive) or
  /// sum_k ln D_k - ln(V^T/V^0) (multiplicative); rounding-level when the identity holds.
  Eigen::ArrayXd closure;
  /// (steps*factors) x sectors, row step*K + k: sector i's part of effect k (additive: in units of
  /// V; multiplicative: its part of ln D_k). Empty unless options.by_sector.
  Panel by_sector;
};

namespace detail {

/// Validates the inputs and resolves the steps. @throws invalid_argument on shapes and options.
inline DecompositionPlan make_plan(const std::vector<Eigen::Ref<const Panel>>& factors,
                                   const DecompositionOptions& options) {
  constexpr std::string_view fn = "decompose";
  if (factors.empty()) fail(fn, "factors is empty; give at least one factor");
  DecompositionPlan plan;
  plan.periods = factors.front().rows();
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const auto& f = factors[k];
    if (f.rows() != plan.periods) {
      fail(fn, factor_label(options.factor_names, k) + " has " + std::to_string(f.rows()) +
                   " periods but " + factor_label(options.factor_names, 0) + " has " +
                   std::to_string(plan.periods) + "; all factors must cover the same periods");
    }
    if (f.cols() < 1) fail(fn, factor_label(options.factor_names, k) + " has no sectors");
    if (f.cols() > 1) {
      if (plan.sectors > 1 && f.cols() != plan.sectors) {
        fail(fn, factor_label(options.factor_names, k) + " has " + std::to_string(f.cols()) +
                     " sectors but another factor has " + std::to_string(plan.sectors) +
                     "; sectoral factors must have the same shape (aggregate factors have one column)");
      }
      plan.sectors = f.cols();
    }
  }
  if (plan.sectors == 0) plan.sectors = 1;
  if (plan.periods < 2) {
    fail(fn, "factors have " + std::to_string(plan.periods) + " period(s), but at least 2 are needed");
  }
  const auto K = static_cast<std::ptrdiff_t>(factors.size());
  if (options.method == Method::shapley && options.mode == Mode::multiplicative && K > 16) {
    fail(fn, "multiplicative Shapley with " + std::to_string(K) +
                 " factors would need 2^K aggregates; at most 16 factors (use mode='additive')");
  }
  if (options.method == Method::shapley && options.zeros == Zeros::small) {
    fail(fn, "zeros is 'small', but Shapley has no logarithms and needs no zero handling; "
             "use zeros='limit' (the default)");
  }
  if (options.zeros == Zeros::small && !(options.small_value > 0.0 && std::isfinite(options.small_value))) {
    fail(fn, "small_value is " + format_value(options.small_value) + ", but must be positive and finite");
  }
  if (options.threads < 0) fail(fn, "threads is " + std::to_string(options.threads) + ", but must be >= 0");
  if (options.by_sector && options.method == Method::shapley && options.mode == Mode::multiplicative) {
    fail(fn, "by_sector is not defined for multiplicative Shapley (the log of a sum does not split "
             "by sector); use mode='additive' or method='lmdi1'");
  }
  for (const auto& f : factors) plan.factors.push_back(FactorView{f.data(), f.cols()});
  if (options.chained) {
    for (std::ptrdiff_t t = 1; t < plan.periods; ++t) {
      plan.start.push_back(t - 1);
      plan.end.push_back(t);
    }
  } else {
    if (options.base < 0 || options.base >= plan.periods) {
      fail(fn, "base is " + std::to_string(options.base) + ", but must be a period index in [0, " +
                   std::to_string(plan.periods - 1) + "]");
    }
    for (std::ptrdiff_t t = 0; t < plan.periods; ++t) {
      if (t == options.base) continue;
      plan.start.push_back(options.base);
      plan.end.push_back(t);
    }
  }
  plan.small_value = options.zeros == Zeros::small ? options.small_value : 0.0;
  plan.by_sector = options.by_sector;
  plan.threads = options.threads;
  plan.simd = options.simd;
  // Automatic threading only pays beyond ~1e5 cell-steps (a thread start costs ~20-50 us).
  if (plan.threads == 0 && plan.steps() * plan.sectors * K < 100000) plan.threads = 1;
  return plan;
}

/// Finds the first invalid input value (in factor, period, sector order) and throws for it; or, if
/// every value is valid, reports the overflowing product. Only called after a kernel flagged trouble.
[[noreturn]] inline void throw_bad_input(const DecompositionPlan& plan, const DecompositionOptions& options) {
  constexpr std::string_view fn = "decompose";
  const bool lmdi = options.method != Method::shapley;
  for (std::size_t k = 0; k < plan.factors.size(); ++k) {
    const FactorView& f = plan.factors[k];
    for (std::ptrdiff_t t = 0; t < plan.periods; ++t) {
      for (std::ptrdiff_t i = 0; i < f.columns; ++i) {
        const double x = f.row(t)[i];
        const auto label = [&] {
          return argument_label(factor_label(options.factor_names, k), static_cast<std::size_t>(t),
                                f.broadcast() ? no_index : static_cast<std::size_t>(i));
        };
        if (!std::isfinite(x)) fail<domain_error>(fn, label() + " is " + format_value(x) + ", but must be finite");
        if (lmdi && x < 0.0) {
          fail<domain_error>(fn, label() + " is " + format_value(x) +
                                     ", but LMDI takes logarithms and needs values >= 0 (a sign change has "
                                     "no logarithm); use method='shapley' for negative values");
        }
      }
    }
  }
  fail<domain_error>(fn, "the product of the factors overflows a double in some period and sector; "
                         "rescale the factors (e.g. other units)");
}

inline double sum_column(const std::vector<double>& partials, std::ptrdiff_t width, std::ptrdiff_t first,
                         std::ptrdiff_t count, std::ptrdiff_t column) {
  double sum = 0.0;  // in item order: the fixed reduction order that keeps results thread-count free
  for (std::ptrdiff_t b = 0; b < count; ++b) sum += partials[static_cast<std::size_t>((first + b) * width + column)];
  return sum;
}

}  // namespace detail

/// Decomposes the change of V_t = sum_i prod_k x_{k,t,i} into one effect per factor and step.
///
/// LMDI-I (Ang 2005, Energy Policy 33:867-871; Ang 2015, Energy Policy 86:233-238):
///   additive Delta V_k = sum_i L(V_i^T, V_i^0) ln(x_{k,i}^T/x_{k,i}^0); multiplicative
///   ln D_k = Delta V_k / L(V^T, V^0).
/// LMDI-II (Ang & Choi 1997, Energy Journal 18(3):59-73; Ang & Liu 2001, Energy 26:537-548):
///   ln D_k = sum_i w_i ln(x_{k,i}^T/x_{k,i}^0), w_i = L(s_i^T, s_i^0)/sum_j L(s_j^T, s_j^0),
///   s_i = V_i/V; additive Delta V_k = L(V^T, V^0) ln D_k, which sums exactly to Delta V.
/// Shapley (Sun 1998; Ang, Liu & Chew 2003): the exact average over all K! factor orderings, per
///   sector (additive; the game is linear in the sectors) or of ln V (multiplicative).
/// Zeros under LMDI: analytical limits by default (see detail::lmdi_pass), or options.zeros = small.
///
/// @param factors K panels, periods x sectors (row-major, read in place, never copied) or periods x 1
///        for an aggregate factor; at least 2 periods
/// @param options method, mode, chained or fixed base, zero handling, by-sector output, threads
/// @return effects, totals, start/end aggregates and closure residuals per step
/// @throws invalid_argument for shapes, an empty factor list, fewer than 2 periods, a bad base
/// @throws domain_error for NaN/infinite values, negative values under LMDI, a zero aggregate where
///         the method needs a positive one (multiplicative modes, LMDI-II), an overflowing product
inline Decomposition decompose(const std::vector<Eigen::Ref<const Panel>>& factors,
                               const DecompositionOptions& options = {}) {
  using detail::sum_column;
  constexpr std::string_view fn = "decompose";
  const detail::DecompositionPlan plan = detail::make_plan(factors, options);
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t steps = plan.steps();
  const std::ptrdiff_t blocks = plan.blocks();
  const bool multiplicative = options.mode == Mode::multiplicative;

  Decomposition result;
  result.start = plan.start;
  result.end = plan.end;
  result.effects.resize(steps, K);
  result.total.resize(steps);
  result.start_value.resize(steps);
  result.end_value.resize(steps);
  result.closure.resize(steps);
  if (options.by_sector) result.by_sector.resize(steps * K, plan.sectors);
  double* by_sector = options.by_sector ? result.by_sector.data() : nullptr;

  // Aggregate products must be positive where the method takes their log or shares.
  const auto require_positive_totals = [&](double end_total, double start_total, std::ptrdiff_t s,
                                           std::string_view why) {
    if (!(end_total > 0.0) || !(start_total > 0.0)) {
      fail<domain_error>(fn, "the aggregate is " + detail::format_value(start_total) + " in period " +
                                 std::to_string(plan.start[static_cast<std::size_t>(s)]) + " and " +
                                 detail::format_value(end_total) + " in period " +
                                 std::to_string(plan.end[static_cast<std::size_t>(s)]) + ", but " +
                                 std::string(why));
    }
  };

  if (options.method == Method::shapley) {
    std::vector<char> bad;
    if (!multiplicative) {
      const std::vector<double> partials = detail::shapley_pass(plan, by_sector, bad);
      for (const char b : bad) if (b) detail::throw_bad_input(plan, options);
      for (std::ptrdiff_t s = 0; s < steps; ++s) {
        double sum = 0.0;
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          result.effects(s, k) = sum_column(partials, K + 2, s * blocks, blocks, k);
          sum += result.effects(s, k);
        }
        result.end_value(s) = sum_column(partials, K + 2, s * blocks, blocks, K);
        result.start_value(s) = sum_column(partials, K + 2, s * blocks, blocks, K + 1);
        result.total(s) = result.end_value(s) - result.start_value(s);
        const double scale = std::abs(result.end_value(s)) + std::abs(result.start_value(s));
        result.closure(s) = scale > 0.0 ? (sum - result.total(s)) / scale : sum - result.total(s);
      }
    } else {
      for (const detail::FactorView& f : plan.factors) {
        for (std::ptrdiff_t i = 0; i < plan.periods * f.columns; ++i) {
          if (!std::isfinite(f.data[i])) detail::throw_bad_input(plan, options);
        }
      }
      const std::vector<double> rows = detail::shapley_log_pass(plan, bad);
      for (std::ptrdiff_t s = 0; s < steps; ++s) {
        const double* row = rows.data() + s * (K + 2);
        require_positive_totals(row[K], row[K + 1], s, "multiplicative Shapley needs it positive");
        if (bad[static_cast<std::size_t>(s)]) {
          fail<domain_error>(fn, "in the step to period " + std::to_string(plan.end[static_cast<std::size_t>(s)]) +
                                     " a mix of start and end factor values gives an aggregate <= 0, whose "
                                     "log multiplicative Shapley needs; use mode='additive'");
        }
        double sum = 0.0;
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          result.effects(s, k) = std::exp(row[k]);
          sum += row[k];
        }
        result.end_value(s) = row[K];
        result.start_value(s) = row[K + 1];
        result.total(s) = row[K] / row[K + 1];
        result.closure(s) = sum - std::log(result.total(s));
      }
    }
    return result;
  }

  // LMDI. Per-step logs of the aggregate factors (one log per period pair, not per cell).
  detail::LmdiStepConstants constants;
  constants.factor_log.assign(static_cast<std::size_t>(steps * K), 0.0);
  for (std::ptrdiff_t k = 0; k < K; ++k) {
    const detail::FactorView& f = plan.factors[static_cast<std::size_t>(k)];
    if (!f.broadcast()) continue;
    for (std::ptrdiff_t t = 0; t < plan.periods; ++t) {
      const double x = f.row(t)[0];
      if (!(x >= 0.0) || !std::isfinite(x)) detail::throw_bad_input(plan, options);
    }
    for (std::ptrdiff_t s = 0; s < steps; ++s) {
      const double x0 = detail::load(f.row(plan.start[static_cast<std::size_t>(s)])[0], plan.small_value);
      const double x1 = detail::load(f.row(plan.end[static_cast<std::size_t>(s)])[0], plan.small_value);
      constants.factor_log[static_cast<std::size_t>(s * K + k)] =
          (x0 > 0.0 && x1 > 0.0) ? std::log(x1 / x0) : std::numeric_limits<double>::quiet_NaN();
    }
  }
  const bool lmdi2 = options.method == Method::lmdi2;
  if (lmdi2) {
    std::vector<char> bad;
    const std::vector<double> sums = detail::product_sums(plan, bad);
    for (const char b : bad) if (b) detail::throw_bad_input(plan, options);
    for (std::ptrdiff_t s = 0; s < steps; ++s) {
      const double end_total = sum_column(sums, 2, s * blocks, blocks, 0);
      const double start_total = sum_column(sums, 2, s * blocks, blocks, 1);
      require_positive_totals(end_total, start_total, s, "LMDI-II needs it positive (its weights are shares)");
      constants.end_total.push_back(end_total);
      constants.start_total.push_back(start_total);
      constants.total_log.push_back(std::log(end_total / start_total));
    }
  }
  const detail::LmdiPartials partials = detail::lmdi_pass(
      plan, lmdi2 ? detail::LmdiWeights::lmdi2 : detail::LmdiWeights::lmdi1, constants, by_sector);
  for (const char b : partials.bad) if (b) detail::throw_bad_input(plan, options);
  const std::ptrdiff_t width = partials.width;
  for (std::ptrdiff_t s = 0; s < steps; ++s) {
    const double end_total = sum_column(partials.values, width, s * blocks, blocks, K);
    const double start_total = sum_column(partials.values, width, s * blocks, blocks, K + 1);
    result.end_value(s) = end_total;
    result.start_value(s) = start_total;
    // Scale from the kernel's contributions c_k to the effects: additive LMDI-I uses them as they
    // are; multiplicative LMDI-I divides by L(V^T, V^0); LMDI-II divides by the weight sum.
    double to_log = 1.0;  // c_k * to_log = ln D_k
    if (multiplicative || lmdi2) {
      require_positive_totals(end_total, start_total, s,
                              lmdi2 ? "LMDI-II needs it positive (its weights are shares)"
                                    : "the multiplicative form needs it positive (V^T/V^0 and its log)");
    }
    if (lmdi2) {
      const double weight_sum = sum_column(partials.values, width, s * blocks, blocks, K + 2);
      if (!(weight_sum > 0.0)) {
        fail<domain_error>(fn, "LMDI-II weights are undefined in the step to period " +
                                   std::to_string(plan.end[static_cast<std::size_t>(s)]) +
                                   ": no sector has a positive share at both ends; use method='lmdi1'");
      }
      to_log = 1.0 / weight_sum;
    } else if (multiplicative) {
      to_log = 1.0 / log_mean(end_total, start_total);
    }
    const double to_effect = (!multiplicative && lmdi2) ? to_log * log_mean(end_total, start_total) : to_log;
    const double scale = multiplicative ? to_log : to_effect;
    double sum = 0.0;
    for (std::ptrdiff_t k = 0; k < K; ++k) {
      const double c = sum_column(partials.values, width, s * blocks, blocks, k);
      if (multiplicative) {
        const double log_effect = c * to_log;
        result.effects(s, k) = std::exp(log_effect);
        sum += log_effect;
      } else {
        result.effects(s, k) = c * to_effect;
        sum += result.effects(s, k);
      }
      if (by_sector && scale != 1.0) result.by_sector.row(s * K + k) *= scale;
    }
    if (multiplicative) {
      result.total(s) = end_total / start_total;
      result.closure(s) = sum - std::log(result.total(s));
    } else {
      result.total(s) = end_total - start_total;
      const double level = std::abs(end_total) + std::abs(start_total);
      result.closure(s) = level > 0.0 ? (sum - result.total(s)) / level : sum - result.total(s);
    }
    for (std::ptrdiff_t k = 0; k < K; ++k) {
      if (!std::isfinite(result.effects(s, k))) {
        fail<domain_error>(fn, "the effect of " + detail::factor_label(options.factor_names, static_cast<std::size_t>(k)) +
                                   " in the step to period " + std::to_string(plan.end[static_cast<std::size_t>(s)]) +
                                   " is not finite: the factor values span too wide a range for a double");
      }
    }
  }
  return result;
}

HAIDIAN_NAMESPACE_END
