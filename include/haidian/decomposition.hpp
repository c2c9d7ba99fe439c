/// @file
/// Index decomposition of a sum of products over periods: LMDI-I/II (additive, multiplicative), Shapley/Sun.
///
/// The aggregate is V_t = sum_i prod_k x_{k,t,i} over sectors i and factors k. Each factor is a
/// periods x sectors panel, or a periods x 1 panel for an aggregate factor (total output, population)
/// broadcast across the sectors. A decomposition splits the change of V over each step (t-1 -> t when
/// chained, base -> t for a fixed base) into one effect per factor.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cmath>        // exp, fabs, isfinite
#include <cstddef>      // ptrdiff_t
#include <limits>       // quiet_NaN, max
#include <string>
#include <string_view>
#include <type_traits>  // enable_if_t, is_same_v
#include <vector>

#include <Eigen/Core>  // Array, ArrayXd

#include <haidian/detail/decomp_common.hpp>   // DecompositionPlan, FactorView, ScaledProduct, closures
#include <haidian/detail/decomp_lmdi.hpp>     // lmdi_pass, product_sums
#include <haidian/detail/decomp_shapley.hpp>  // shapley_pass, shapley_log_pass
#include <haidian/detail/simd_ops.hpp>        // ScalarOps::log_ratio
#include <haidian/errors.hpp>                 // fail, check helpers
#include <haidian/log_mean.hpp>               // log_mean
#include <haidian/panel.hpp>                  // Panel, PanelView
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
  Method method = Method::lmdi1;  ///< LMDI-I, LMDI-II or Shapley/Sun
  Mode mode = Mode::additive;     ///< additive or multiplicative effects
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
  /// Optional names, one per factor (or none): used in error messages and copied to the result.
  std::vector<std::string> factor_names;
  /// Optional names, one per sector (or none): copied to the result, e.g. to label by_sector columns.
  std::vector<std::string> sector_names;
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
  /// Closure residual per step, relative, ~1e-16 when the identity holds (see detail::additive_closure
  /// and detail::multiplicative_closure): additive (sum_k Delta V_k - Delta V)/(|V^0| + |V^T| +
  /// sum_k |Delta V_k|); multiplicative (sum_k ln D_k - ln(V^T/V^0))/max(1, sum_k |ln D_k| +
  /// |ln(V^T/V^0)|). closure_tolerance says how far from 0 a correct result may be.
  Eigen::ArrayXd closure;
  /// (steps*factors) x sectors, row step*K + k: sector i's part of effect k (additive: in units of
  /// V; multiplicative: its part of ln D_k). Empty unless options.by_sector.
  Panel by_sector;
  std::vector<std::string> factor_names;  ///< options.factor_names (empty when none were given)
  std::vector<std::string> sector_names;  ///< options.sector_names (empty when none were given)
};

/// Largest |closure| a correct result may have, for every method and mode. The residual is relative
/// to the size of all the terms of the identity, so it is a few ulps times the rounding of the sums
/// (over sectors, blocks of 512, and the 2^K subsets of multiplicative Shapley); 1e-10 leaves room
/// for ~10^6 sectors summed in the worst order.
constexpr double closure_tolerance = 1e-10;

namespace detail {

template <class T>
constexpr bool dependent_false = false;

/// Validates the inputs and resolves the steps. @throws invalid_argument on shapes and options.
inline DecompositionPlan make_plan(const std::vector<PanelView>& factors, const DecompositionOptions& options) {
  constexpr std::string_view fn = "decompose";
  if (factors.empty()) fail(fn, "factors is empty; give at least one factor");
  DecompositionPlan plan;
  plan.periods = factors.front().rows();
  for (std::size_t k = 0; k < factors.size(); ++k) {
    const PanelView& f = factors[k];
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
  if (!options.factor_names.empty() && options.factor_names.size() != factors.size()) {
    fail(fn, "factor_names has " + std::to_string(options.factor_names.size()) + " names but there are " +
                 std::to_string(K) + " factors; give one name per factor, or none");
  }
  if (!options.sector_names.empty() && static_cast<std::ptrdiff_t>(options.sector_names.size()) != plan.sectors) {
    fail(fn, "sector_names has " + std::to_string(options.sector_names.size()) + " names but there are " +
                 std::to_string(plan.sectors) + " sectors; give one name per sector, or none");
  }
  if (options.method == Method::shapley && options.mode == Mode::multiplicative && K > 16) {
    fail(fn, "multiplicative Shapley with " + std::to_string(K) +
                 " factors would need 2^K aggregates; at most 16 factors (use additive mode)");
  }
  if (options.method == Method::shapley && options.zeros == Zeros::small) {
    fail(fn, "zeros is 'small', but Shapley has no logarithms and needs no zero handling; "
             "use the analytical limits ('limit', the default)");
  }
  if (options.zeros == Zeros::small && !(options.small_value > 0.0 && std::isfinite(options.small_value))) {
    fail(fn, "small_value is " + format_value(options.small_value) + ", but must be positive and finite");
  }
  if (options.threads < 0) fail(fn, "threads is " + std::to_string(options.threads) + ", but must be >= 0");
  if (options.by_sector && options.method == Method::shapley && options.mode == Mode::multiplicative) {
    fail(fn, "by_sector is not defined for multiplicative Shapley (the log of a sum does not split "
             "by sector); use additive mode or LMDI-I");
  }
  for (const PanelView& f : factors) plan.factors.push_back(FactorView{f.data(), f.cols(), f.row_stride()});
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
/// every value is valid, the first cell whose product overflows. Only called after a kernel flagged
/// trouble.
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
                                     "no logarithm); use the Shapley method for negative values");
        }
      }
    }
  }
  // Every value is valid: some product overflows, either itself or (LMDI, whose kernels multiply
  // the sectoral factors in order) part way.
  for (std::ptrdiff_t t = 0; t < plan.periods; ++t) {
    for (std::ptrdiff_t i = 0; i < plan.sectors; ++i) {
      ScaledProduct product;
      for (const FactorView& f : plan.factors) product.multiply(load(f.row(t)[f.broadcast() ? 0 : i], plan.small_value));
      if (std::fabs(product.value()) > std::numeric_limits<double>::max()) {
        fail<domain_error>(fn, "the product of the factors in period " + std::to_string(t) + ", sector " +
                                   std::to_string(i) + " overflows a double; rescale the factors (e.g. other units)");
      }
    }
  }
  fail<domain_error>(fn, "a partial product of the factors overflows a double (they are multiplied in the order "
                         "given, aggregate factors first); reorder or rescale the factors");
}

/// Sum of one column of the per-item partials over the items of a step.
inline double sum_column(const std::vector<double>& partials, std::ptrdiff_t width, std::ptrdiff_t first,
                         std::ptrdiff_t count, std::ptrdiff_t column) {
  double sum = 0.0;  // in item order: the fixed reduction order that keeps results thread-count free
  for (std::ptrdiff_t b = 0; b < count; ++b) sum += partials[static_cast<std::size_t>((first + b) * width + column)];
  return sum;
}

/// ln(b/a) for a, b > 0, also when b/a overflows or underflows.
inline double log_ratio(double b, double a) noexcept { return ScalarOps::log_ratio(b, a); }

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
/// Extreme magnitudes: ratios that overflow or underflow are taken as differences of logs, products
/// are formed without overflowing part way where the code controls the order (aggregate factors,
/// Shapley), so every result from valid input is finite and closes, or an error says what is out of
/// range (an aggregate or a multiplicative index beyond the doubles).
///
/// @param factors K views, periods x sectors (row-major, read in place, never copied) or periods x 1
///        for an aggregate factor; at least 2 periods. Build them from named haidian::Panel objects
///        or Eigen::Map<const haidian::Panel> (see PanelView): `decompose({q, s, e}, options)`.
/// @param options method, mode, chained or fixed base, zero handling, by-sector output, threads, names
/// @return effects, totals, start/end aggregates and closure residuals per step, and the names
/// @throws invalid_argument for shapes, an empty factor list, fewer than 2 periods, a bad base, names
///         that do not match the factors or sectors
/// @throws domain_error for NaN/infinite values, negative values under LMDI, a zero aggregate where
///         the method needs a positive one (multiplicative modes, LMDI-II), an overflowing product,
///         aggregate or multiplicative index
inline Decomposition decompose(const std::vector<PanelView>& factors, const DecompositionOptions& options = {}) {
  using detail::sum_column;
  constexpr std::string_view fn = "decompose";
  const detail::DecompositionPlan plan = detail::make_plan(factors, options);
  const auto K = static_cast<std::ptrdiff_t>(plan.factors.size());
  const std::ptrdiff_t steps = plan.steps();
  const std::ptrdiff_t blocks = plan.blocks();
  const bool multiplicative = options.mode == Mode::multiplicative;
  const auto step_end = [&](std::ptrdiff_t s) { return std::to_string(plan.end[static_cast<std::size_t>(s)]); };

  Decomposition result;
  result.start = plan.start;
  result.end = plan.end;
  result.factor_names = options.factor_names;
  result.sector_names = options.sector_names;
  result.effects.resize(steps, K);
  result.total.resize(steps);
  result.start_value.resize(steps);
  result.end_value.resize(steps);
  result.closure.resize(steps);
  if (options.by_sector) result.by_sector.resize(steps * K, plan.sectors);
  double* by_sector = options.by_sector ? result.by_sector.data() : nullptr;

  // Aggregates must be finite, and positive where the method takes their log or shares.
  const auto check_totals = [&](double end_total, double start_total, std::ptrdiff_t s, std::string_view why) {
    const auto where = [&] {
      return detail::format_value(start_total) + " in period " +
             std::to_string(plan.start[static_cast<std::size_t>(s)]) + " and " + detail::format_value(end_total) +
             " in period " + step_end(s);
    };
    if (!std::isfinite(end_total) || !std::isfinite(start_total)) {
      fail<domain_error>(fn, "the aggregate is " + where() +
                                 ", but must be finite: the sum over the sectors overflows a double; rescale "
                                 "the factors (e.g. other units)");
    }
    if (!why.empty() && (!(end_total > 0.0) || !(start_total > 0.0))) {
      fail<domain_error>(fn, "the aggregate is " + where() + ", but " + std::string(why));
    }
  };
  const auto check_effects = [&](std::ptrdiff_t s) {
    for (std::ptrdiff_t k = 0; k < K; ++k) {
      const double effect = result.effects(s, k);  // an index D_k = exp(ln D_k) may also underflow to 0
      if (std::isfinite(effect) && (!multiplicative || effect > 0.0)) continue;
      fail<domain_error>(fn, "the effect of " + detail::factor_label(options.factor_names, static_cast<std::size_t>(k)) +
                                 " in the step to period " + step_end(s) + " is " +
                                 detail::format_value(result.effects(s, k)) +
                                 (multiplicative ? ", beyond the range of a double; use additive mode"
                                                 : ", beyond the range of a double; rescale the factors"));
    }
  };
  // ln(V^T/V^0) of a multiplicative step, refusing an index V^T/V^0 that is not a finite positive double.
  const auto multiplicative_total = [&](std::ptrdiff_t s) {
    result.total(s) = result.end_value(s) / result.start_value(s);
    if (!(result.total(s) > 0.0) || !std::isfinite(result.total(s))) {
      fail<domain_error>(fn, "the aggregate changes from " + detail::format_value(result.start_value(s)) +
                                 " to " + detail::format_value(result.end_value(s)) + " in the step to period " +
                                 step_end(s) + ", a ratio beyond the range of a double; use additive mode");
    }
    return detail::log_ratio(result.end_value(s), result.start_value(s));
  };

  if (options.method == Method::shapley) {
    std::vector<char> bad;
    if (!multiplicative) {
      const std::vector<double> partials = detail::shapley_pass(plan, by_sector, bad);
      for (const char b : bad) if (b) detail::throw_bad_input(plan, options);
      for (std::ptrdiff_t s = 0; s < steps; ++s) {
        double sum = 0.0, magnitude = 0.0;
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          result.effects(s, k) = sum_column(partials, K + 2, s * blocks, blocks, k);
          sum += result.effects(s, k);
          magnitude += std::fabs(result.effects(s, k));
        }
        result.end_value(s) = sum_column(partials, K + 2, s * blocks, blocks, K);
        result.start_value(s) = sum_column(partials, K + 2, s * blocks, blocks, K + 1);
        check_totals(result.end_value(s), result.start_value(s), s, {});
        check_effects(s);
        result.total(s) = result.end_value(s) - result.start_value(s);
        result.closure(s) = detail::additive_closure(sum, magnitude, result.total(s), result.start_value(s),
                                                     result.end_value(s));
      }
    } else {
      for (const detail::FactorView& f : plan.factors) {
        for (std::ptrdiff_t t = 0; t < plan.periods; ++t) {
          for (std::ptrdiff_t i = 0; i < f.columns; ++i) {
            if (!std::isfinite(f.row(t)[i])) detail::throw_bad_input(plan, options);
          }
        }
      }
      const std::vector<double> rows = detail::shapley_log_pass(plan, bad);
      for (std::ptrdiff_t s = 0; s < steps; ++s) {
        const double* row = rows.data() + s * (K + 2);
        check_totals(row[K], row[K + 1], s, "multiplicative Shapley needs it positive");
        if (bad[static_cast<std::size_t>(s)]) {
          fail<domain_error>(fn, "in the step to period " + step_end(s) +
                                     " a mix of start and end factor values gives an aggregate <= 0, whose "
                                     "log multiplicative Shapley needs; use additive mode");
        }
        result.end_value(s) = row[K];
        result.start_value(s) = row[K + 1];
        const double log_total = multiplicative_total(s);
        double sum = 0.0, magnitude = 0.0;
        for (std::ptrdiff_t k = 0; k < K; ++k) {
          result.effects(s, k) = std::exp(row[k]);
          sum += row[k];
          magnitude += std::fabs(row[k]);
        }
        check_effects(s);
        result.closure(s) = detail::multiplicative_closure(sum, magnitude, log_total);
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
          (x0 > 0.0 && x1 > 0.0) ? detail::log_ratio(x1, x0) : std::numeric_limits<double>::quiet_NaN();
    }
  }
  const bool lmdi2 = options.method == Method::lmdi2;
  constexpr std::string_view lmdi2_positive = "LMDI-II needs it positive (its weights are shares)";
  if (lmdi2) {
    std::vector<char> bad;
    const std::vector<double> sums = detail::product_sums(plan, bad);
    for (const char b : bad) if (b) detail::throw_bad_input(plan, options);
    for (std::ptrdiff_t s = 0; s < steps; ++s) {
      const double end_total = sum_column(sums, 2, s * blocks, blocks, 0);
      const double start_total = sum_column(sums, 2, s * blocks, blocks, 1);
      check_totals(end_total, start_total, s, lmdi2_positive);
      if (!std::isfinite(1.0 / end_total) || !std::isfinite(1.0 / start_total)) {
        fail<domain_error>(fn, "the aggregate is " + detail::format_value(start_total) + " in period " +
                                   std::to_string(plan.start[static_cast<std::size_t>(s)]) + " and " +
                                   detail::format_value(end_total) + " in period " + step_end(s) +
                                   ", but LMDI-II divides by it (shares) and its reciprocal overflows a double; "
                                   "rescale the factors (e.g. other units) or use LMDI-I");
      }
      constants.end_total.push_back(end_total);
      constants.start_total.push_back(start_total);
      constants.total_log.push_back(detail::log_ratio(end_total, start_total));
    }
  }
  const detail::LmdiPartials partials = detail::lmdi_pass(
      plan, lmdi2 ? detail::LmdiWeights::lmdi2 : detail::LmdiWeights::lmdi1, constants, by_sector);
  for (const char b : partials.bad) if (b) detail::throw_bad_input(plan, options);
  const std::ptrdiff_t width = partials.width;
  const auto column = [&](std::ptrdiff_t s, std::ptrdiff_t c) { return sum_column(partials.values, width, s * blocks, blocks, c); };
  std::vector<double> contributions(static_cast<std::size_t>(K)), limit_parts(static_cast<std::size_t>(K)),
      limit_sizes(static_cast<std::size_t>(K));
  for (std::ptrdiff_t s = 0; s < steps; ++s) {
    const double end_total = column(s, detail::LmdiPartials::end_sum(K));
    const double start_total = column(s, detail::LmdiPartials::start_sum(K));
    result.end_value(s) = end_total;
    result.start_value(s) = start_total;
    check_totals(end_total, start_total, s,
                 lmdi2 ? lmdi2_positive
                       : (multiplicative ? "the multiplicative form needs it positive (V^T/V^0 and its log)" : ""));
    // c_k: the sectors' contributions plus the limit parts of entering and exiting sectors.
    double limit_sum = 0.0, limit_size = 0.0;
    for (std::ptrdiff_t k = 0; k < K; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      contributions[kk] = column(s, k);
      limit_parts[kk] = column(s, detail::LmdiPartials::limit_part(K, k));
      limit_sizes[kk] = column(s, detail::LmdiPartials::limit_size(K, k));
      limit_sum += limit_parts[kk];
      limit_size += limit_sizes[kk];
    }
    if (lmdi2 && limit_size > 0.0) {
      // The limit parts (shares s_i^T of entering, -s_i^0 of exiting sectors) and the continuing
      // sectors' share changes sum to 0 exactly (the shares sum to 1 at both ends); in doubles they
      // leave a residual of the rounding of the limit shares, which the division by the weight sum
      // (tiny when the continuing sectors' shares are) would blow up into a closure error. It is
      // taken out of the limit parts in proportion to the shares they are made of.
      const double residual = limit_sum + column(s, detail::LmdiPartials::continuing_share_change(K));
      for (std::size_t k = 0; k < limit_parts.size(); ++k) limit_parts[k] -= residual * (limit_sizes[k] / limit_size);
    }
    // Scale from the contributions c_k to the effects: additive LMDI-I uses them as they are;
    // multiplicative LMDI-I divides by L(V^T, V^0); LMDI-II divides by the weight sum.
    double to_log = 1.0;  // c_k * to_log = ln D_k
    if (lmdi2) {
      const double weight_sum = column(s, detail::LmdiPartials::weight_sum(K));
      if (!(weight_sum > 0.0)) {
        fail<domain_error>(fn, "LMDI-II weights are undefined in the step to period " + step_end(s) +
                                   ": no sector has a positive share at both ends; use LMDI-I");
      }
      to_log = 1.0 / weight_sum;
    } else if (multiplicative) {
      to_log = 1.0 / log_mean(end_total, start_total);
    }
    const double to_effect = (!multiplicative && lmdi2) ? to_log * log_mean(end_total, start_total) : to_log;
    const double scale = multiplicative ? to_log : to_effect;
    double sum = 0.0, magnitude = 0.0;
    for (std::ptrdiff_t k = 0; k < K; ++k) {
      const double c = contributions[static_cast<std::size_t>(k)] + limit_parts[static_cast<std::size_t>(k)];
      const double term = c * scale;  // ln D_k (multiplicative) or Delta V_k
      result.effects(s, k) = multiplicative ? std::exp(term) : term;
      sum += term;
      magnitude += std::fabs(term);
      if (by_sector && scale != 1.0) result.by_sector.row(s * K + k) *= scale;
    }
    if (multiplicative) {
      const double log_total = multiplicative_total(s);
      check_effects(s);
      result.closure(s) = detail::multiplicative_closure(sum, magnitude, log_total);
    } else {
      check_effects(s);
      result.total(s) = end_total - start_total;
      result.closure(s) = detail::additive_closure(sum, magnitude, result.total(s), start_total, end_total);
    }
  }
  return result;
}

/// Refuses any other list of factors at compile time, with the reason: a std::vector of
/// Eigen::Ref<const Panel> can already hold dangling pointers (each Ref bound to a column-major array
/// keeps a private copy, and the vector's copies of the Refs point into the initialiser list's copies,
/// destroyed before the call).
template <class T, class Allocator, std::enable_if_t<!std::is_same_v<T, PanelView>, int> = 0>
Decomposition decompose(const std::vector<T, Allocator>&, const DecompositionOptions& = {}) {
  static_assert(detail::dependent_false<T>,
                "haidian::decompose takes its factors as std::vector<haidian::PanelView>, or as a braced "
                "list {q, s, e} of named haidian::Panel objects. A std::vector<Eigen::Ref<const "
                "haidian::Panel>> can hold pointers into temporary copies that are already destroyed; "
                "a std::vector<haidian::Panel> x converts with std::vector<haidian::PanelView>(x.begin(), x.end())");
  return {};
}

HAIDIAN_NAMESPACE_END
