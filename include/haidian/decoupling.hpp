/// @file
/// Decoupling of resource use from output: Tapio (2005) elasticity and its eight states, the OECD (2002)
/// decoupling ratio and factor, the energy elasticity coefficient (能源消费弹性系数), and the decoupling
/// effort of Diakoulaki & Mandaraka (2007) built from the effects of an LMDI decomposition.
///
/// Growth rates are fractions (0.035 is 3.5%), finite and greater than -1. Every function here is
/// element-wise: a NaN (missing) rate or effect gives a NaN result (and the `missing` state) for its
/// period, while infinite or <= -1 rates and results that overflow a double are errors.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>
#include <haidian/growth_rates.hpp>  // check_growth_or_nan, check_no_overflow, check_representable

#include <Eigen/Core>  // ArrayXd, Ref
#include <cmath>       // isnan
#include <cstddef>     // size_t
#include <limits>      // quiet_NaN: elasticity undefined when output does not change
#include <string>
#include <string_view>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// The eight Tapio (2005) states, plus `no_change` when neither output nor resource use changes.
enum class TapioState : int {
  strong_decoupling = 0,          ///< ΔY > 0, ΔR <= 0 (ΔR = 0 by convention; see tapio())
  weak_decoupling = 1,            ///< ΔY > 0, ΔR > 0, e < 0.8
  expansive_coupling = 2,         ///< ΔY > 0, ΔR > 0, 0.8 <= e <= 1.2
  expansive_negative_decoupling = 3,  ///< ΔY > 0, ΔR > 0, e > 1.2
  strong_negative_decoupling = 4,     ///< ΔY < 0, ΔR >= 0 (ΔR = 0 by convention)
  weak_negative_decoupling = 5,       ///< ΔY < 0, ΔR < 0, e < 0.8 (resource falls less than output)
  recessive_coupling = 6,             ///< ΔY < 0, ΔR < 0, 0.8 <= e <= 1.2
  recessive_decoupling = 7,           ///< ΔY < 0, ΔR < 0, e > 1.2 (resource falls faster than output)
  no_change = 8,                      ///< ΔY = 0 and ΔR = 0
  missing = 9,                        ///< a growth rate is NaN (missing): nothing to classify
};

/// The state's name as Tapio spells it ("strong decoupling", ...).
constexpr std::string_view to_string(TapioState state) noexcept {
  switch (state) {
    case TapioState::strong_decoupling: return "strong decoupling";
    case TapioState::weak_decoupling: return "weak decoupling";
    case TapioState::expansive_coupling: return "expansive coupling";
    case TapioState::expansive_negative_decoupling: return "expansive negative decoupling";
    case TapioState::strong_negative_decoupling: return "strong negative decoupling";
    case TapioState::weak_negative_decoupling: return "weak negative decoupling";
    case TapioState::recessive_coupling: return "recessive coupling";
    case TapioState::recessive_decoupling: return "recessive decoupling";
    case TapioState::no_change: return "no change";
    case TapioState::missing: return "missing";
  }
  return "unknown";
}

/// Lower and upper edge of Tapio's coupling band; both edges belong to the band (0.8 <= e <= 1.2).
inline constexpr double tapio_coupling_lower = 0.8;  ///< lower edge of the coupling band
inline constexpr double tapio_coupling_upper = 1.2;  ///< upper edge of the coupling band

/// One Tapio classification.
struct TapioResult {
  double elasticity;  ///< e = g_R / g_Y; NaN (undefined) when g_Y = 0, the state still says what happened
  TapioState state;   ///< one of Tapio's eight states, no_change or missing
};

namespace detail {

/// Position of a positive elasticity relative to the band: -1 below, 0 inside (edges included), +1 above.
/// An elasticity within 1e-12 (relative) of an edge counts as on it, so that rates such as
/// 0.024 / 0.03 = 0.7999999999999999 in binary floating point land in the band as 0.8 does.
inline int tapio_band(double elasticity) noexcept {
  constexpr double tolerance = 1e-12;
  if (elasticity < tapio_coupling_lower * (1.0 - tolerance)) return -1;
  if (elasticity > tapio_coupling_upper * (1.0 + tolerance)) return 1;
  return 0;
}

/// Classification of checked rates (finite or NaN, > -1).
/// @throws domain_error if the elasticity overflows a double (output growth tiny against resource growth)
inline TapioResult classify_tapio(double resource_growth, double output_growth) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (std::isnan(resource_growth) || std::isnan(output_growth)) return {nan, TapioState::missing};
  if (output_growth == 0.0) {
    // e is undefined; the sign of ΔR alone decides: falling use with flat output is an absolute
    // decoupling, rising use with flat output the opposite.
    if (resource_growth < 0.0) return {nan, TapioState::strong_decoupling};
    if (resource_growth > 0.0) return {nan, TapioState::strong_negative_decoupling};
    return {nan, TapioState::no_change};
  }
  const double e = resource_growth == 0.0 ? 0.0  // no -0.0
                                          : check_no_overflow("tapio", "the elasticity resource_growth / output_growth",
                                                              resource_growth / output_growth);
  if (output_growth > 0.0) {
    // Flat resource use with growing output is absolute decoupling (OECD 2002: pressure "stable or
    // decreasing"), so e = 0 belongs to strong decoupling.
    if (resource_growth <= 0.0) return {e, TapioState::strong_decoupling};
    switch (tapio_band(e)) {
      case -1: return {e, TapioState::weak_decoupling};
      case 0: return {e, TapioState::expansive_coupling};
      default: return {e, TapioState::expansive_negative_decoupling};
    }
  }
  // Output falls. Here a *large* e is good (resource falls faster than output): the quadrant where
  // scripts that reuse the growth-quadrant thresholds go wrong.
  if (resource_growth >= 0.0) return {e, TapioState::strong_negative_decoupling};
  switch (tapio_band(e)) {
    case -1: return {e, TapioState::weak_negative_decoupling};
    case 0: return {e, TapioState::recessive_coupling};
    default: return {e, TapioState::recessive_decoupling};
  }
}

}  // namespace detail

/// Tapio (2005, Transport Policy 12:137-151) decoupling elasticity e = g_R / g_Y and its state.
/// Conventions where Tapio is silent (see docs/decoupling.md): g_R = 0 with g_Y > 0 is strong
/// decoupling (e = 0), g_R = 0 with g_Y < 0 strong negative decoupling (e = 0); g_Y = 0 leaves e
/// undefined (NaN) and the state follows the sign of g_R (strong decoupling if it falls, strong negative
/// decoupling if it rises, `no_change` if both are 0).
/// A NaN (missing) rate gives e = NaN and the state `missing`.
/// @param resource_growth g_R, fraction > -1.
/// @param output_growth g_Y, fraction > -1.
/// @throws domain_error for infinite or <= -1 growth, or an elasticity that overflows a double.
inline TapioResult tapio(double resource_growth, double output_growth) {
  check_growth_or_nan("tapio", "resource_growth", resource_growth);
  check_growth_or_nan("tapio", "output_growth", output_growth);
  return detail::classify_tapio(resource_growth, output_growth);
}

/// Tapio classification of many periods at once.
struct TapioSeries {
  Eigen::ArrayXd elasticity;      ///< e per period, as TapioResult::elasticity
  std::vector<TapioState> state;  ///< state per period, as TapioResult::state
};

/// Element-wise tapio() over two equally long arrays.
/// @throws invalid_argument for different lengths, domain_error for bad growth or an overflowing
///   elasticity (naming the index).
inline TapioSeries tapio(const Eigen::Ref<const Eigen::ArrayXd>& resource_growth,
                          const Eigen::Ref<const Eigen::ArrayXd>& output_growth) {
  check_same_size("tapio", "resource_growth", static_cast<std::size_t>(resource_growth.size()), "output_growth",
                  static_cast<std::size_t>(output_growth.size()));
  check_growth_or_nan("tapio", "resource_growth", resource_growth);
  check_growth_or_nan("tapio", "output_growth", output_growth);
  TapioSeries out{Eigen::ArrayXd(resource_growth.size()), {}};
  out.state.reserve(static_cast<std::size_t>(resource_growth.size()));
  for (Eigen::Index i = 0; i < resource_growth.size(); ++i) {
    const double e = resource_growth[i] / output_growth[i];
    if (std::isinf(e) && resource_growth[i] != 0.0 && output_growth[i] != 0.0) {
      check_no_overflow("tapio", "the elasticity resource_growth[" + std::to_string(i) + "] / output_growth[" +
                                     std::to_string(i) + "]", e);
    }
    const auto r = detail::classify_tapio(resource_growth[i], output_growth[i]);
    out.elasticity[i] = r.elasticity;
    out.state.push_back(r.state);
  }
  return out;
}

/// OECD (2002) decoupling ratio DR = (R/Y)_end / (R/Y)_start = (1 + g_R)/(1 + g_Y); NaN for a NaN rate.
/// @throws domain_error for infinite or <= -1 growth, or a ratio that overflows or underflows a double.
inline double decoupling_ratio(double resource_growth, double output_growth) {
  constexpr std::string_view function = "decoupling_ratio";
  check_growth_or_nan(function, "resource_growth", resource_growth);
  check_growth_or_nan(function, "output_growth", output_growth);
  if (std::isnan(resource_growth) || std::isnan(output_growth)) return std::numeric_limits<double>::quiet_NaN();
  return check_representable(function, "the ratio (1 + resource_growth) / (1 + output_growth)",
                             (1.0 + resource_growth) / (1.0 + output_growth));
}

/// OECD (2002) decoupling factor DF = 1 - DR = (g_Y - g_R)/(1 + g_Y): positive when intensity falls.
/// Equal to minus intensity_change(); computed without cancellation. NaN for a NaN rate.
/// @throws domain_error for infinite or <= -1 growth, or a factor that overflows a double.
inline double decoupling_factor(double resource_growth, double output_growth) {
  constexpr std::string_view function = "decoupling_factor";
  check_growth_or_nan(function, "resource_growth", resource_growth);
  check_growth_or_nan(function, "output_growth", output_growth);
  return check_no_overflow(function, "the factor (output_growth - resource_growth) / (1 + output_growth)",
                           (output_growth - resource_growth) / (1.0 + output_growth));
}

/// Energy elasticity coefficient (能源消费弹性系数) g_E / g_GDP: the same number as Tapio's e, but a bare
/// ratio with no state to fall back on, so zero output growth is an error rather than NaN. A NaN
/// (missing) rate gives NaN.
/// @param energy_growth g_E, a fraction > -1
/// @param output_growth g_GDP at comparable prices, a fraction > -1
/// @param index position in an array, for the messages (none for a single pair)
/// @throws domain_error for infinite or <= -1 growth, g_GDP = 0, or a coefficient that overflows a
///   double (output growth tiny against energy growth).
inline double energy_elasticity(double energy_growth, double output_growth, std::size_t index = detail::no_index) {
  constexpr std::string_view function = "energy_elasticity";
  check_growth_or_nan(function, "energy_growth", energy_growth, index);
  check_growth_or_nan(function, "output_growth", output_growth, index);
  if (std::isnan(energy_growth) || std::isnan(output_growth)) return std::numeric_limits<double>::quiet_NaN();
  const std::string output_label = detail::argument_label("output_growth", index);
  if (output_growth == 0.0) {
    fail<domain_error>(function, output_label + " is 0, but the elasticity g_E / g_GDP needs nonzero output growth");
  }
  return check_no_overflow(function, "the coefficient " + detail::argument_label("energy_growth", index) + " / " +
                                         output_label,
                           energy_growth / output_growth);
}

/// States of the Diakoulaki & Mandaraka (2007) decoupling effort.
enum class EffortState : int {
  strong = 0,             ///< activity effect > 0 and D >= 1: the other factors offset all of it
  weak = 1,               ///< activity effect > 0 and 0 < D < 1: they offset part of it
  none = 2,               ///< activity effect > 0 and D <= 0: they added to it
  activity_decline = 3,   ///< activity effect < 0: D is reported but the scale does not apply
  no_activity_effect = 4, ///< activity effect = 0: D is undefined (NaN)
  missing = 5,            ///< an effect of the period is NaN (missing): D is NaN
};

/// The effort state's name ("strong decoupling effort", ...).
constexpr std::string_view to_string(EffortState state) noexcept {
  switch (state) {
    case EffortState::strong: return "strong decoupling effort";
    case EffortState::weak: return "weak decoupling effort";
    case EffortState::none: return "no decoupling effort";
    case EffortState::activity_decline: return "activity decline (not classified)";
    case EffortState::no_activity_effect: return "no activity effect";
    case EffortState::missing: return "missing";
  }
  return "unknown";
}

/// Decoupling effort for each period (row) of a decomposition.
struct DecouplingEffortResult {
  Eigen::ArrayXd activity_effect;  ///< ΔR_Y, the effect of the activity (output) factor
  Eigen::ArrayXd other_effects;    ///< ΔF = Σ_{k≠Y} ΔR_k, the decoupling effort in resource units
  Eigen::ArrayXd effort;           ///< D = -ΔF / ΔR_Y
  /// D_k = -ΔR_k / ΔR_Y for every factor except the activity one (columns in their original order).
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> factor_effort;
  std::vector<EffortState> state;  ///< strong, weak or no effort, or why D is not classified
};

/// Decoupling effort (Diakoulaki & Mandaraka 2007, Energy Economics 29:636-664): from an additive
/// decomposition ΔR = ΔR_Y + Σ_{k≠Y} ΔR_k, the effort ΔF = ΔR - ΔR_Y and the indicator
/// D = -ΔF / ΔR_Y = Σ_k D_k with D_k = -ΔR_k / ΔR_Y. With growing activity (ΔR_Y > 0), D >= 1 is a
/// strong, 0 < D < 1 a weak decoupling effort and D <= 0 none. With falling activity the scale would
/// misread reductions as "no effort", so the state says so instead of classifying.
/// @param effects periods × factors additive effects (resource units), each row one period.
/// @param activity column of the activity (output) factor.
/// A period with a NaN (missing) effect gets NaN sums and efforts and the state `missing`.
/// @throws invalid_argument for an empty table or a column outside it; domain_error for an infinite
///   effect, or a sum or effort that overflows a double.
inline DecouplingEffortResult decoupling_effort(
    const Eigen::Ref<const Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>& effects,
    Eigen::Index activity) {
  constexpr std::string_view function = "decoupling_effort";
  check_nonempty(function, "effects", static_cast<std::size_t>(effects.rows()));
  check_nonempty(function, "effects (factors)", static_cast<std::size_t>(effects.cols()));
  if (activity < 0 || activity >= effects.cols()) {
    fail(function, "activity is column " + std::to_string(activity) + ", but effects has " +
                       std::to_string(effects.cols()) + " columns");
  }
  for (Eigen::Index t = 0; t < effects.rows(); ++t) {
    for (Eigen::Index k = 0; k < effects.cols(); ++k) {
      if (std::isinf(effects(t, k))) {
        check_finite(function, "effects", effects(t, k), static_cast<std::size_t>(t), static_cast<std::size_t>(k));
      }
    }
  }
  const Eigen::Index periods = effects.rows();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  DecouplingEffortResult out;
  out.activity_effect = effects.col(activity);
  out.other_effects.resize(periods);
  out.effort.resize(periods);
  out.factor_effort.resize(periods, effects.cols() - 1);
  out.state.reserve(static_cast<std::size_t>(periods));
  for (Eigen::Index t = 0; t < periods; ++t) {
    const double activity_effect = effects(t, activity);
    const std::string row = "[" + std::to_string(t) + "]";
    double other = 0.0;
    for (Eigen::Index k = 0, j = 0; k < effects.cols(); ++k) {
      if (k == activity) continue;
      other += effects(t, k);
      const double d_k = activity_effect != 0.0 ? -effects(t, k) / activity_effect : nan;
      check_no_overflow(function, "the factor effort of period " + row, d_k);
      out.factor_effort(t, j++) = d_k == 0.0 ? 0.0 : d_k;  // no -0.0 for a zero effect
    }
    out.other_effects[t] = check_no_overflow(function, "the sum of the other effects of period " + row, other);
    if (std::isnan(other) || std::isnan(activity_effect)) {
      out.effort[t] = nan;
      out.state.push_back(EffortState::missing);
      continue;
    }
    if (activity_effect == 0.0) {
      out.effort[t] = nan;
      out.state.push_back(EffortState::no_activity_effect);
      continue;
    }
    const double d = check_no_overflow(function, "the effort of period " + row, -other / activity_effect);
    out.effort[t] = d == 0.0 ? 0.0 : d;  // no -0.0
    if (activity_effect < 0.0) {
      out.state.push_back(EffortState::activity_decline);
    } else if (d >= 1.0) {
      out.state.push_back(EffortState::strong);
    } else if (d > 0.0) {
      out.state.push_back(EffortState::weak);
    } else {
      out.state.push_back(EffortState::none);
    }
  }
  return out;
}

HAIDIAN_NAMESPACE_END
