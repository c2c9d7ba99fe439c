/// @file
/// Series: one indicator over a contiguous run of periods, with its unit, frequency and price basis.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <haidian/errors.hpp>
#include <haidian/growth_rates.hpp>  // check_growth, rate limits, check_no_overflow, check_representable
#include <haidian/period.hpp>
#include <haidian/price_basis.hpp>
#include <haidian/unit.hpp>

#include <Eigen/Core>  // VectorXd, Ref

#include <algorithm>   // max, min
#include <cmath>       // isnan, isfinite, isinf, log, log1p, expm1
#include <cstdint>
#include <limits>      // quiet_NaN
#include <optional>
#include <string>
#include <string_view>
#include <utility>     // move, pair

HAIDIAN_NAMESPACE_BEGIN

/// How to_annual / to_quarterly combine the periods of a year (quarter): `sum` for flows (GDP, energy
/// use: the year's total), `mean` for levels averaged over the year (average population, price
/// indices), `last` for stocks at the end of the year (year-end population, built-up land, a
/// year-to-date total's full-year value).
enum class Aggregation { sum, mean, last };

/// What to_annual / to_quarterly do with a year (quarter) whose needed values are not all there:
/// `raise` an error (the default: never a silent partial sum), or `drop` it (leave it out at the ends,
/// NaN between complete ones, since a Series is contiguous).
enum class Incomplete { raise, drop };

/// "sum", "mean" or "last".
inline const char* aggregation_name(Aggregation how) noexcept {
  switch (how) {
    case Aggregation::sum: return "sum";
    case Aggregation::mean: return "mean";
    case Aggregation::last: return "last";
  }
  return "sum";
}

/// Reads "sum", "mean" or "last" (exactly; no guessing between flows and stocks).
/// @throws invalid_argument naming `function` for anything else
inline Aggregation parse_aggregation(std::string_view text, std::string_view function = "parse_aggregation") {
  if (text == "sum") return Aggregation::sum;
  if (text == "mean") return Aggregation::mean;
  if (text == "last") return Aggregation::last;
  fail(function, "how is '" + std::string(text) +
                     "', but must be 'sum' (flows: GDP, energy use), 'mean' (levels averaged over the period) or "
                     "'last' (stocks at the end of the period)");
}

/// Reads "raise" or "drop". @throws invalid_argument naming `function` for anything else
inline Incomplete parse_incomplete(std::string_view text, std::string_view function = "parse_incomplete") {
  if (text == "raise") return Incomplete::raise;
  if (text == "drop") return Incomplete::drop;
  fail(function, "incomplete is '" + std::string(text) + "', but must be 'raise' or 'drop'");
}

namespace detail {

/// Growth now / before - 1 of two present values, as (now - before) / before: the difference of nearby
/// levels is exact, so small rates keep all their digits.
/// @param describe_before names the predecessor in messages ("value at 2021", "levels[3]")
/// @throws domain_error if `before` is not positive, or the ratio overflows a double (a level rising
///   from 1e-300 to 1e300 in one step) — the message names both values, never an input as infinite
template <class Describe>
double relative_change(double before, double now, std::string_view function, Describe&& describe_before,
                       const std::string& describe_now) {
  const std::string before_label = describe_before();
  check_positive(function, before_label, before);
  const double g = (now - before) / before;
  if (std::isinf(g)) {
    fail<domain_error>(function, "the ratio of " + describe_now + " (" + format_value(now) + ") to " + before_label +
                                     " (" + format_value(before) +
                                     ") overflows a double (it exceeds 1.8e308), so the growth rate cannot be "
                                     "represented");
  }
  return g;
}

}  // namespace detail

/// Per-step growth of levels without periods: g_i = x_i / x_{i-1} - 1 for i >= 1 (n - 1 rates), NaN
/// where a level or its predecessor is NaN (missing). The same rule as Series::growth().
/// @throws domain_error if a present predecessor is zero or negative or a ratio overflows a double;
///   invalid_argument for fewer than two levels
inline Eigen::VectorXd period_growth(const Eigen::Ref<const Eigen::VectorXd>& levels,
                                     std::string_view function = "period_growth",
                                     std::string_view argument = "levels") {
  if (levels.size() < 2) {
    fail(function, std::string(argument) + " has " + std::to_string(levels.size()) +
                       " values, but per-period growth needs at least 2");
  }
  Eigen::VectorXd out(levels.size() - 1);
  for (Eigen::Index i = 1; i < levels.size(); ++i) {
    if (std::isnan(levels[i - 1]) || std::isnan(levels[i])) {
      out[i - 1] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    out[i - 1] = detail::relative_change(
        levels[i - 1], levels[i], function,
        [&] { return detail::argument_label(argument, static_cast<std::size_t>(i - 1)); },
        detail::argument_label(argument, static_cast<std::size_t>(i)));
  }
  return out;
}

/// One indicator: values over contiguous periods start, start+1, ..., with NaN marking a missing value.
/// A Series is immutable: every operation returns a new one, so a view of its values is safe to share.
///
/// Conventions (see docs/series.md for the formulas and their sources):
/// - growth rates are fractions (0.035 is 3.5%);
/// - binary operations (+, -, *, ratio, share, align) work on the periods the two series have in common,
///   require the same frequency, and never invent values for the others;
/// - a missing value makes results that depend on it missing; where a result cannot be missing
///   (cagr's endpoints, rebase's base period, a chain-linked growth rate) it is an error instead.
class Series {
 public:
  /// @param values one value per period, NaN for missing; copied, never modified
  /// @param start the first period (its frequency is the series' frequency)
  /// @param unit unit of the values (dimensionless by default)
  /// @param name indicator name, free text
  /// @param price_basis current or comparable prices, or none (the default) for non-monetary values
  /// @throws invalid_argument if `values` is empty or runs past the year 9999
  /// @throws domain_error if a value is infinite
  Series(Eigen::VectorXd values, Period start, Unit unit = Unit(), std::string name = std::string(),
         PriceBasis price_basis = PriceBasis())
      : values_(std::move(values)),
        start_(start),
        unit_(std::move(unit)),
        name_(std::move(name)),
        price_basis_(price_basis) {
    check_nonempty("Series", "values", static_cast<std::size_t>(values_.size()));
    for (Eigen::Index i = 0; i < values_.size(); ++i) {
      if (std::isinf(values_[i])) {
        fail<domain_error>("Series", "values[" + std::to_string(i) + "] is " + detail::format_value(values_[i]) +
                                         ", but must be finite (or NaN for a missing value)");
      }
    }
    const std::int64_t last = start.ordinal() + values_.size() - 1;
    if (last >= static_cast<std::int64_t>(Period::max_year + 1) * periods_per_year(start.frequency())) {
      fail("Series", "values has " + std::to_string(values_.size()) + " elements from " + start.to_string() +
                         ", which runs past the year 9999");
    }
  }

  // ---- metadata ----
  /// The indicator's name.
  const std::string& name() const noexcept { return name_; }
  /// The unit of the values.
  const Unit& unit() const noexcept { return unit_; }
  /// Current or comparable prices, or none.
  const PriceBasis& price_basis() const noexcept { return price_basis_; }
  /// The frequency of the periods.
  Frequency frequency() const noexcept { return start_.frequency(); }
  /// The first period.
  Period start() const noexcept { return start_; }
  /// The last period.
  Period end() const { return start_ + (values_.size() - 1); }
  /// The number of periods.
  Eigen::Index size() const noexcept { return values_.size(); }
  /// The values, one per period; NaN where missing.
  const Eigen::VectorXd& values() const noexcept { return values_; }
  /// The i-th period.
  Period period(Eigen::Index i) const { return start_ + i; }

  /// True if `period` has this frequency and lies within start..end.
  bool contains(const Period& period) const noexcept {
    return period.frequency() == frequency() && period.ordinal() >= start_.ordinal() &&
           period.ordinal() < start_.ordinal() + values_.size();
  }

  /// Position of `period` in the values.
  /// @throws unit_error if the frequency differs; invalid_argument if it is outside start..end
  Eigen::Index index_of(const Period& period, std::string_view function = "Series.index_of",
                        std::string_view argument = "period") const {
    start_.require_same_frequency(function, period);
    if (!contains(period)) {
      fail(function, std::string(argument) + " is " + period.to_string() + ", but must be within the series' periods " +
                         start_.to_string() + ".." + end().to_string());
    }
    return static_cast<Eigen::Index>(period.ordinal() - start_.ordinal());
  }

  /// The value at `period` (NaN if missing). @throws as index_of
  double at(const Period& period) const { return values_[index_of(period, "Series.at")]; }

  /// A copy with another name.
  Series renamed(std::string name) const {
    Series copy = *this;
    copy.name_ = std::move(name);
    return copy;
  }

  /// The periods first..last (inclusive) of this series. @throws as index_of; invalid_argument if last < first
  Series slice(const Period& first, const Period& last) const {
    const Eigen::Index i = index_of(first, "Series.slice", "first");
    const Eigen::Index j = index_of(last, "Series.slice", "last");
    if (j < i) fail("Series.slice", "last is " + last.to_string() + ", but must not be before first " + first.to_string());
    return with_values(values_.segment(i, j - i + 1), first, unit_, name_);
  }

  // ---- growth ----

  /// Period-on-period growth g_t = x_t / x_{t-1} - 1 (fractions). The first period, and any period
  /// whose value or predecessor is missing, is NaN: across a gap (census years 2004, 2015 with the
  /// years between missing) growth is NaN, never a multi-year change passed off as one period's; use
  /// cagr() between the known points. Keeps the price basis (real vs nominal growth).
  /// @throws domain_error if a present predecessor x_{t-1} is zero or negative, or x_t / x_{t-1}
  ///   overflows a double
  Series growth() const { return change(1, "Series.growth", " growth"); }

  /// Year-on-year growth x_t / x_{t-k} - 1 with k = 1, 4 or 12 periods (同比); equals growth() for
  /// annual data. The first k periods are NaN.
  /// @throws domain_error if a present x_{t-k} is zero or negative
  Series yoy() const { return change(periods_per_year(frequency()), "Series.yoy", " yoy growth"); }

  /// Compound annual growth rate between two periods: (x_end / x_start)^(1/years) - 1, where
  /// years = (end - start) / periods per year (the calendar distance, not the number of observations:
  /// 2004 to 2015 is 11 years whatever lies between), so sub-annual series give an annualised rate.
  /// Values in between may be missing. Computed as expm1((log x_end - log x_start) / years), so levels
  /// from 1e-300 to 1e300 give the true rate (5.18e85 over 7 years) rather than inf. Source: the
  /// standard CAGR definition; 国家统计局 "年均增长速度" (水平法, geometric mean) is the same formula.
  /// @throws unit_error for a period of another frequency; invalid_argument if a period is outside
  ///   the series or end is not after start; domain_error if an endpoint is missing or not positive,
  ///   or the rate itself overflows a double
  double cagr(const Period& start, const Period& end) const {
    const Eigen::Index i = index_of(start, "Series.cagr", "start");
    const Eigen::Index j = index_of(end, "Series.cagr", "end");
    if (j <= i) {
      fail("Series.cagr", "end is " + end.to_string() + ", but must be after start " + start.to_string());
    }
    check_positive("Series.cagr", "value at " + start.to_string(), values_[i]);
    check_positive("Series.cagr", "value at " + end.to_string(), values_[j]);
    const double years = static_cast<double>(j - i) / periods_per_year(frequency());
    // The log of the ratio, taken as a ratio while that is a normal double (full accuracy near zero
    // growth), else as a difference of logs (no overflow or underflow of the ratio itself).
    const double ratio = values_[j] / values_[i];
    const bool ratio_normal = std::isfinite(ratio) && ratio >= std::numeric_limits<double>::min();
    const double log_ratio = ratio_normal ? std::log(ratio) : std::log(values_[j]) - std::log(values_[i]);
    return check_no_overflow("Series.cagr", "the rate from " + start.to_string() + " to " + end.to_string(),
                             std::expm1(log_ratio / years));
  }

  /// "N年平均增长": the geometric average annual growth over the `years` years ending at `end`
  /// (the last period by default), i.e. cagr(end - years, end). Source: 国家统计局, 平均发展速度 (水平法).
  /// @throws invalid_argument if years < 1 or the start falls before the series; else as cagr()
  double average_growth(int years, std::optional<Period> end = std::nullopt) const {
    if (years < 1) fail("Series.average_growth", "years is " + std::to_string(years) + ", but must be at least 1");
    const Period last = end ? *end : this->end();
    start_.require_same_frequency("Series.average_growth", last);
    const std::int64_t first_ordinal = last.ordinal() - static_cast<std::int64_t>(years) * periods_per_year(frequency());
    if (first_ordinal < start_.ordinal()) {
      fail("Series.average_growth", "years is " + std::to_string(years) + ", but the series starts at " +
                                        start_.to_string() + ", fewer than " + std::to_string(years) +
                                        " years before " + last.to_string());
    }
    return cagr(Period(frequency(), first_ordinal), last);
  }

  // ---- levels from growth, indices, deflation ----

  /// Chain-links growth rates onto a base level. Convention: the rate at period t is the growth of t
  /// over t-1, so L_t = L_{t-1} (1 + g_t); rates for periods r_0..r_n give levels for r_0 - 1..r_n, and
  /// the base period may be any of those (r_0 - 1 included), with levels before it found by
  /// L_{t-1} = L_t / (1 + g_t). With comparable-price growth and a base value at the base year's current
  /// prices, the levels are at comparable prices of the base year, hence the default price basis.
  /// @param rates growth rates as a dimensionless series (fractions, or "%" which is converted)
  /// @param base_value the level at base_period (positive, finite)
  /// @param base_period where the level is known
  /// @param unit unit of the levels
  /// @param name name of the levels
  /// @param price_basis default: comparable prices of base_period's year
  /// @throws unit_error if rates are not dimensionless or base_period has another frequency;
  ///   invalid_argument if base_period is outside r_0 - 1..r_n; domain_error for a missing, infinite
  ///   or <= -1 rate (the chain would break), a base value that is not positive and finite, or a level
  ///   that overflows or underflows a double. Rates that look like percentages or indices (see
  ///   rate_scale()) are not refused; the Python layer warns about them.
  static Series from_growth(const Series& rates, double base_value, const Period& base_period, Unit unit = Unit(),
                            std::string name = std::string(), std::optional<PriceBasis> price_basis = std::nullopt) {
    constexpr std::string_view function = "Series.from_growth";
    const double to_fraction = rates.unit().factor_to(Unit(), function);
    const Eigen::Index n = rates.size();
    Eigen::VectorXd factors(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double g = rates.values()[i] * to_fraction;
      if (!std::isfinite(g) || !(g > -1.0)) {
        std::string message = "rates[" + std::to_string(i) + "] (" + rates.period(i).to_string() + ") is " +
                              detail::format_value(rates.values()[i]) +
                              ", but must be finite and greater than -1 to chain-link";
        if (std::isnan(g)) message += " (a missing rate breaks the chain)";
        if (g <= -1.0 && g > -100.0) message += "; rates are fractions, so a percentage such as -3.5% is -0.035";
        fail<domain_error>(function, message);
      }
      factors[i] = 1.0 + g;
    }
    return chain_link(rates, factors, base_value, base_period, std::move(unit), std::move(name), price_basis,
                      function);
  }

  /// Levels from a chain index with the previous period = `base` (上年=100: 106.9 is +6.9 %), the form
  /// in which NBS publishes comparable-price growth ("按可比价格计算的指数"). The index at t is
  /// 100 x_t / x_{t-1}, so L_t = L_{t-1} I_t / base: the factor is taken from the index directly, without
  /// going through a growth rate. Conventions as from_growth (index at t = change of t over t-1).
  /// @param indices chain indices, dimensionless or unit "index"
  /// @param base_value, base_period, unit, name, price_basis as from_growth
  /// @param base the index value meaning no change (100 by default; 1 for ratios)
  /// @throws as from_growth; domain_error for a missing, infinite or non-positive index or base
  static Series from_index(const Series& indices, double base_value, const Period& base_period,
                           double base = 100.0, Unit unit = Unit(), std::string name = std::string(),
                           std::optional<PriceBasis> price_basis = std::nullopt) {
    constexpr std::string_view function = "Series.from_index";
    if (!indices.unit().is_dimensionless() && indices.unit() != Unit("index")) {
      fail<unit_error>(function, "indices has unit " + indices.unit().describe() +
                                     ", but must be dimensionless or 'index'");
    }
    const double scale = indices.unit().is_dimensionless() ? indices.unit().scale() : 1.0;
    check_positive(function, "base", base);
    const Eigen::Index n = indices.size();
    Eigen::VectorXd factors(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double value = indices.values()[i] * scale;
      if (!(value > 0.0) || !std::isfinite(value)) {
        fail<domain_error>(function, "indices[" + std::to_string(i) + "] (" + indices.period(i).to_string() +
                                         ") is " + detail::format_value(indices.values()[i]) +
                                         ", but must be positive and finite to chain-link" +
                                         (std::isnan(value) ? " (a missing index breaks the chain)" : ""));
      }
      factors[i] = check_representable(function, "indices[" + std::to_string(i) + "] / base", value / base);
    }
    return chain_link(indices, factors, base_value, base_period, std::move(unit), std::move(name), price_basis,
                      function);
  }

  /// Same, with the rates as plain numbers (fractions) for periods first_rate, first_rate + 1, ...
  static Series from_growth(const Eigen::Ref<const Eigen::VectorXd>& rates, const Period& first_rate,
                            double base_value, const Period& base_period, Unit unit = Unit(),
                            std::string name = std::string(), std::optional<PriceBasis> price_basis = std::nullopt) {
    check_nonempty("Series.from_growth", "rates", static_cast<std::size_t>(rates.size()));
    return from_growth(Series(rates, first_rate), base_value, base_period, std::move(unit), std::move(name),
                       price_basis);
  }

  /// An index with value `to` at `period`: x_t * to / x_period. Unit "index"; price basis kept.
  /// @throws as index_of; domain_error if the value at `period` is missing or not positive, or `to` is
  ///   not positive and finite
  Series rebase(const Period& period, double to = 100.0) const {
    const Eigen::Index i = index_of(period, "Series.rebase", "period");
    check_positive("Series.rebase", "value at " + period.to_string(), values_[i]);
    check_positive("Series.rebase", "to", to);
    // (x_t / x_p) * to, checked: to / x_p alone could overflow for a tiny base value.
    Eigen::VectorXd out(values_.size());
    for (Eigen::Index t = 0; t < values_.size(); ++t) {
      out[t] = checked_value("Series.rebase", t, values_[t] / values_[i] * to, values_[t] != 0.0);
    }
    return with_values(std::move(out), start_, Unit("index"), name_);
  }

  /// Current-price values at comparable prices of `base_year`: real_t = nominal_t * P_base / P_t, with P
  /// a price index of any reference (2010 = 100, 2015 = 1, ...: only ratios of P enter). For sub-annual
  /// series P_base is the mean of the index over the base year's periods (prices of the base year's
  /// average). Source: the deflation identity of national accounts (SNA 2008, ch. 15).
  /// @param price_index a dimensionless or "index" series of the same frequency covering every period
  ///   of this series and the base year
  /// @param base_year the year whose prices the result is expressed in
  /// @throws unit_error if this series is not at current prices, or the index has a unit or another
  ///   frequency; invalid_argument if the index misses a needed period; domain_error if a needed index
  ///   value is missing or not positive
  Series deflate(const Series& price_index, int base_year) const {
    constexpr std::string_view function = "Series.deflate";
    if (price_basis_.kind() != PriceBasis::Kind::current) {
      fail<unit_error>(function, "the series' price basis is '" + price_basis_.to_string() +
                                     "', but deflating needs current prices");
    }
    if (!price_index.unit().is_dimensionless() && price_index.unit() != Unit("index")) {
      fail<unit_error>(function, "price_index has unit " + price_index.unit().describe() +
                                     ", but must be dimensionless or 'index'");
    }
    start_.require_same_frequency(function, price_index.start());
    // The index at p, which must be present and positive.
    const auto index_at = [&](const Period& p) {
      const double v = price_index.values()[price_index.index_of(p, function, "price_index period")];
      check_positive(function, "price_index at " + p.to_string(), v);
      return v;
    };
    const int per_year = periods_per_year(frequency());
    const Period base_first = Period::first_of_year(frequency(), base_year);
    double base_level = 0.0;
    for (int k = 0; k < per_year; ++k) base_level += index_at(base_first + k) / per_year;
    Eigen::VectorXd real(values_.size());
    for (Eigen::Index i = 0; i < values_.size(); ++i) {
      real[i] = checked_value(function, i, values_[i] * (base_level / index_at(period(i))), values_[i] != 0.0);
    }
    Series result = with_values(std::move(real), start_, unit_, name_);
    result.price_basis_ = PriceBasis::comparable(base_year);
    return result;
  }

  // ---- units ----

  /// The values in another unit of the same dimension (亿元 -> 万元 multiplies by 1e4).
  /// @throws unit_error if the dimensions differ
  Series to(const Unit& target) const {
    const double factor = unit_.factor_to(target, "Series.to");
    return with_values(scaled(factor, "Series.to"), start_, target, name_);
  }

  // ---- combining two series ----

  /// Ratio (intensity) this / denominator on the common periods, in the derived unit, e.g.
  /// 万吨标准煤 / 亿元 = 吨标准煤/万元 (scale 1e-4). If the dimensions cancel (万元 / 元) the scale is
  /// folded into the values and the result is dimensionless. Price basis: the priced side's basis when
  /// one side has none (energy / comparable GDP is per 万元 at comparable prices); none when both
  /// sides are priced (the prices cancel, or the ratio is itself a price index).
  /// @throws unit_error for another frequency; invalid_argument if no periods are common;
  ///   domain_error if a present denominator value is zero or negative, or a ratio overflows or
  ///   underflows a double
  Series ratio(const Series& denominator) const {
    constexpr std::string_view function = "Series.ratio";
    const auto [first, length] = common_periods(denominator, function);
    Unit unit = unit_ / denominator.unit_;
    double fold = 1.0;
    if (unit.is_dimensionless()) {
      fold = unit.scale();
      unit = Unit();
    }
    Eigen::VectorXd out(length);
    for (Eigen::Index k = 0; k < length; ++k) {
      const Period p = first + k;
      const double den = denominator.values_[denominator.index_of(p)];
      if (!std::isnan(den)) check_positive(function, "denominator at " + p.to_string(), den);
      const double num = values_[index_of(p)];
      out[k] = checked_value(function, index_of(p), num / den * fold, num != 0.0);
    }
    Series result(std::move(out), first, std::move(unit), join_names(name_, " / ", denominator.name_));
    if (price_basis_.is_none()) {
      result.price_basis_ = denominator.price_basis_;
    } else if (denominator.price_basis_.is_none()) {
      result.price_basis_ = price_basis_;
    }
    return result;
  }

  /// Share of a total, part / total as a fraction, on the common periods; the total may be in another
  /// unit of the same dimension (亿元 part of a 万亿元 total).
  /// @throws unit_error for incompatible units, frequencies or price bases; invalid_argument if no periods
  ///   are common; domain_error if a present total is zero or negative
  Series share(const Series& total) const {
    constexpr std::string_view function = "Series.share";
    const double factor = unit_.factor_to(total.unit_, function);
    price_basis_.require_same(function, total.price_basis_);
    const auto [first, length] = common_periods(total, function);
    Eigen::VectorXd out(length);
    for (Eigen::Index k = 0; k < length; ++k) {
      const Period p = first + k;
      const double den = total.values_[total.index_of(p)];
      if (!std::isnan(den)) check_positive(function, "total at " + p.to_string(), den);
      const double part = values_[index_of(p)];
      out[k] = checked_value(function, index_of(p), part * factor / den, part != 0.0);
    }
    return Series(std::move(out), first, Unit(), join_names(name_, " share of ", total.name_));
  }

  /// Product this_t · other_t on the common periods, e.g. energy intensity (吨标准煤/万元) × GDP (亿元) =
  /// energy use (万吨标准煤).
  /// Unit: the product unit (Unit::operator*), which takes a known unit's symbol when its dimension and
  /// scale are that unit's, so (a/b)·b is a ((万吨标准煤/亿元)·亿元 = 万吨标准煤; 万元/人 · 万人 = 亿元). If
  /// one factor is dimensionless (a share, "%", a factor) the result is in the other factor's unit; if
  /// the dimensions cancel it is dimensionless, as for ratio(); in both cases the scale is folded into
  /// the values (30 % × 10000 亿元 = 3000 亿元). Opaque units multiply like any base unit (件/万元 · 万元 = 件).
  /// Price basis, consistent with ratio(): none × none is none; a priced series times an unpriced one
  /// keeps the priced basis (a share × comparable GDP is comparable); two priced series must have the
  /// same basis and give none, since a per-money quantity at some prices times money at the same prices
  /// cancels them (intensity per comparable 万元 × comparable GDP = energy), which makes
  /// (a / b) × b carry a's basis whenever a or b is unpriced.
  /// @throws unit_error for another frequency or two different price bases; invalid_argument if no
  ///   periods are common; domain_error if a product of finite values overflows or underflows a double
  Series product(const Series& other) const {
    constexpr std::string_view function = "Series.product";
    const auto [first, length] = common_periods(other, function);
    PriceBasis basis = price_basis_.is_none() ? other.price_basis_ : price_basis_;
    if (!price_basis_.is_none() && !other.price_basis_.is_none()) {
      price_basis_.require_same(function, other.price_basis_);
      basis = PriceBasis();
    }
    Unit unit = unit_ * other.unit_;
    double fold = 1.0;
    if (unit.is_dimensionless()) {
      fold = unit.scale();
      unit = Unit();
    } else if (other.unit_.is_dimensionless()) {
      fold = other.unit_.scale();
      unit = unit_;
    } else if (unit_.is_dimensionless()) {
      fold = unit_.scale();
      unit = other.unit_;
    }
    Eigen::VectorXd out(length);
    for (Eigen::Index k = 0; k < length; ++k) {
      const Period p = first + k;
      const double a = values_[index_of(p)];
      const double b = other.values_[other.index_of(p)];
      out[k] = a * b * fold;
      if (std::isinf(out[k]) || (a != 0.0 && b != 0.0 && std::abs(out[k]) < std::numeric_limits<double>::min())) {
        check_representable(function, "the product at " + p.to_string() + " of " + detail::format_value(a) + " and " +
                                           detail::format_value(b),
                            out[k]);
      }
    }
    return Series(std::move(out), first, std::move(unit), join_names(name_, " × ", other.name_), basis);
  }

  /// Sum on the common periods, in this series' unit (the other is converted).
  /// @throws unit_error for incompatible units, frequencies or price bases; invalid_argument if no periods
  ///   are common
  Series operator+(const Series& other) const { return combine(other, 1.0, "Series.add"); }
  /// Difference on the common periods. @throws as operator+
  Series operator-(const Series& other) const { return combine(other, -1.0, "Series.subtract"); }

  /// Product of two series. @see product()
  Series operator*(const Series& other) const { return product(other); }

  /// Values times a finite number (unit, price basis and name kept).
  /// @throws domain_error if factor is not finite, or a product overflows or underflows a double
  Series operator*(double factor) const {
    check_finite("Series.multiply", "factor", factor);
    return with_values(scaled(factor, "Series.multiply"), start_, unit_, name_);
  }
  /// Values divided by a finite, non-zero number.
  /// @throws domain_error otherwise, or if a quotient overflows or underflows a double
  Series operator/(double divisor) const {
    check_finite("Series.divide", "divisor", divisor);
    if (divisor == 0.0) fail<domain_error>("Series.divide", "divisor is 0, but must be non-zero");
    Eigen::VectorXd out(values_.size());
    for (Eigen::Index i = 0; i < values_.size(); ++i) {
      out[i] = checked_value("Series.divide", i, values_[i] / divisor, values_[i] != 0.0);
    }
    return with_values(std::move(out), start_, unit_, name_);
  }

  // ---- frequencies and year-to-date values ----

  /// Quarterly or monthly values aggregated to years: the sum (flows), the mean (levels averaged over
  /// the year) or the last value (stocks at the end of the year) of each calendar year's periods.
  /// Unit, price basis and name are kept. A year is complete when the values `how` needs are in the
  /// series and present: all 4 quarters (12 months) for sum and mean, the last quarter (December) for
  /// last. An incomplete year raises by default, so a partial sum is never returned silently; with
  /// Incomplete::drop incomplete years are left out at the ends and missing (NaN) between complete ones.
  /// Intensities are not averaged: aggregate numerator and denominator, then take the ratio.
  /// @throws invalid_argument if the series is annual, or a year misses a needed period (raise), or no
  ///   year is complete (drop); domain_error if a needed value is NaN (raise)
  Series to_annual(Aggregation how, Incomplete incomplete = Incomplete::raise) const {
    return aggregate(Frequency::annual, how, incomplete, "Series.to_annual");
  }

  /// Monthly values aggregated to quarters, by the rules of to_annual (3 months per quarter; last is the
  /// quarter's last month).
  /// @throws invalid_argument if the series is not monthly; otherwise as to_annual
  Series to_quarterly(Aggregation how, Incomplete incomplete = Incomplete::raise) const {
    return aggregate(Frequency::quarterly, how, incomplete, "Series.to_quarterly");
  }

  /// Year-to-date (累计, "1-3季度累计", "1-11月累计") values of a flow to the values of each period:
  /// d_p = c_p for the year's first quarter (January), else c_p - c_{p-1}. A value whose predecessor in the
  /// year is missing or before the series is missing (NaN); NBS's combined "1-2月" releases (no January
  /// figure) therefore give NaN for January and February and exact values from March on.
  /// @param nonnegative the flow cannot be negative (GDP, energy, water, land use; the default): then a
  ///   negative first value or a year-to-date total that decreases is an error, which also catches data
  ///   that were not cumulative. Pass false for flows that can be negative (net exports, profits).
  /// @throws invalid_argument if the series is annual; domain_error for a decrease or a negative value
  ///   when nonnegative
  Series to_discrete(bool nonnegative = true) const {
    constexpr std::string_view function = "Series.to_discrete";
    require_sub_annual(function);
    Eigen::VectorXd out(values_.size());
    for (Eigen::Index i = 0; i < values_.size(); ++i) {
      const Period p = period(i);
      const double now = values_[i];
      if (p.subperiod() == 1) {
        if (nonnegative && now < 0.0) {
          fail<domain_error>(function, "value at " + p.to_string() + " is " + detail::format_value(now) +
                                           ", but must be non-negative: it is the year-to-date total of a "
                                           "non-negative flow (turn the nonnegative check off for a flow that "
                                           "can be negative)");
        }
        out[i] = now;
        continue;
      }
      const double before = i > 0 ? values_[i - 1] : std::numeric_limits<double>::quiet_NaN();
      out[i] = checked_value(function, i, now - before, false);
      if (nonnegative && out[i] < 0.0) {
        fail<domain_error>(function, "value at " + p.to_string() + " is " + detail::format_value(now) +
                                         ", but must not be below " + detail::format_value(before) + " at " +
                                         period(i - 1).to_string() +
                                         ": the year-to-date total of a non-negative flow cannot decrease (turn "
                                         "the nonnegative check off for a flow that can be negative)");
      }
    }
    return with_values(std::move(out), start_, unit_, name_);
  }

  /// The inverse of to_discrete: year-to-date totals c_p = sum of the year's values up to p. Missing
  /// (NaN) where a value of the year up to p is missing or before the series.
  /// @throws invalid_argument if the series is annual
  Series to_cumulative() const {
    require_sub_annual("Series.to_cumulative");
    Eigen::VectorXd out(values_.size());
    double total = std::numeric_limits<double>::quiet_NaN();  // NaN until the first start of a year
    for (Eigen::Index i = 0; i < values_.size(); ++i) {
      total = period(i).subperiod() == 1 ? values_[i] : total + values_[i];
      out[i] = checked_value("Series.to_cumulative", i, total, false);
    }
    return with_values(std::move(out), start_, unit_, name_);
  }

  /// True if both series cover the same periods and agree within |a - b| <= atol + rtol |b| after
  /// converting `other` into this unit, with missing values in the same places.
  /// @throws unit_error for incompatible units, frequencies or price bases
  bool isclose(const Series& other, double rtol = 1e-9, double atol = 0.0) const {
    constexpr std::string_view function = "Series.isclose";
    start_.require_same_frequency(function, other.start_);
    const double factor = other.unit_.factor_to(unit_, function);
    price_basis_.require_same(function, other.price_basis_);
    if (other.start_ != start_ || other.size() != size()) return false;
    for (Eigen::Index i = 0; i < size(); ++i) {
      const double a = values_[i];
      const double b = other.values_[i] * factor;
      if (std::isnan(a) || std::isnan(b)) {
        if (std::isnan(a) != std::isnan(b)) return false;
        continue;
      }
      if (!(std::abs(a - b) <= atol + rtol * std::abs(b))) return false;
    }
    return true;
  }

  /// Exactly the same series: name, unit (symbol and scale), price basis, periods and values
  /// (missing in the same places). Never throws.
  bool equals(const Series& other) const {
    if (name_ != other.name_ || unit_.symbol() != other.unit_.symbol() || unit_ != other.unit_ ||
        price_basis_ != other.price_basis_ || start_ != other.start_ || size() != other.size()) {
      return false;
    }
    for (Eigen::Index i = 0; i < size(); ++i) {
      const double a = values_[i];
      const double b = other.values_[i];
      if (!(a == b || (std::isnan(a) && std::isnan(b)))) return false;
    }
    return true;
  }

  /// First period and length of the periods this series and `other` share.
  /// @throws unit_error if the frequencies differ; invalid_argument if they share none
  std::pair<Period, Eigen::Index> common_periods(const Series& other, std::string_view function) const {
    start_.require_same_frequency(function, other.start_);
    const std::int64_t first = std::max(start_.ordinal(), other.start_.ordinal());
    const std::int64_t last = std::min(end().ordinal(), other.end().ordinal());
    if (last < first) {
      fail(function, "the series cover " + start_.to_string() + ".." + end().to_string() + " and " +
                         other.start_.to_string() + ".." + other.end().to_string() + ", which have no period in common");
    }
    return {Period(frequency(), first), static_cast<Eigen::Index>(last - first + 1)};
  }

 private:
  /// A series with new values, start, unit and name, and this series' price basis.
  Series with_values(Eigen::VectorXd values, const Period& start, Unit unit, std::string name) const {
    return Series(std::move(values), start, std::move(unit), std::move(name), price_basis_);
  }

  /// `value`, the result at position i; @throws domain_error naming the period if it overflows, or (when
  /// `nonzero`: the exact result is not zero) underflows below the normal range.
  double checked_value(std::string_view function, Eigen::Index i, double value, bool nonzero) const {
    const std::string what = "the result at " + period(i).to_string();
    if (nonzero && !std::isnan(value)) return check_representable(function, what, value);
    return check_no_overflow(function, what, value);
  }

  /// The values times `factor`, each checked; a factor of 1 passes them through unchanged.
  Eigen::VectorXd scaled(double factor, std::string_view function) const {
    if (factor == 1.0) return values_;
    Eigen::VectorXd out(values_.size());
    for (Eigen::Index i = 0; i < values_.size(); ++i) {
      out[i] = checked_value(function, i, values_[i] * factor, values_[i] != 0.0 && factor != 0.0);
    }
    return out;
  }

  /// Chain-links per-period factors f_t = L_t / L_{t-1} (for the periods of `rates`) onto base_value at
  /// base_period: L_t = L_{t-1} f_t after the base, L_{t-1} = L_t / f_t before it.
  static Series chain_link(const Series& rates, const Eigen::VectorXd& factors, double base_value,
                           const Period& base_period, Unit unit, std::string name,
                           std::optional<PriceBasis> price_basis, std::string_view function) {
    rates.start().require_same_frequency(function, base_period);
    check_positive(function, "base_value", base_value);
    const Period first = rates.start() - 1;
    if (base_period < first || base_period > rates.end()) {
      fail(function, "base_period is " + base_period.to_string() + ", but must be within " + first.to_string() + ".." +
                         rates.end().to_string() + " (the period before the first rate through the last rate)");
    }
    const Eigen::Index n = rates.size();
    Eigen::VectorXd levels(n + 1);
    const Eigen::Index b = static_cast<Eigen::Index>(base_period - first);
    const auto level_name = [&](Eigen::Index t) { return "the level at " + (first + t).to_string(); };
    levels[b] = base_value;
    for (Eigen::Index t = b + 1; t <= n; ++t) {  // level t uses rate t-1
      levels[t] = check_representable(function, level_name(t), levels[t - 1] * factors[t - 1]);
    }
    for (Eigen::Index t = b; t > 0; --t) {
      levels[t - 1] = check_representable(function, level_name(t - 1), levels[t] / factors[t - 1]);
    }
    return Series(std::move(levels), first, std::move(unit), std::move(name),
                  price_basis ? *price_basis : PriceBasis::comparable(base_period.year()));
  }

  static std::string join_names(const std::string& a, std::string_view joint, const std::string& b) {
    if (a.empty() || b.empty()) return a.empty() ? b : a;
    return a + std::string(joint) + b;
  }

  Series change(Eigen::Index lag, std::string_view function, std::string_view suffix) const {
    Eigen::VectorXd out = Eigen::VectorXd::Constant(values_.size(), std::numeric_limits<double>::quiet_NaN());
    for (Eigen::Index t = lag; t < values_.size(); ++t) {
      const double before = values_[t - lag];
      const double now = values_[t];
      if (std::isnan(before) || std::isnan(now)) continue;
      out[t] = detail::relative_change(
          before, now, function, [&] { return "value at " + period(t - lag).to_string(); },
          "value at " + period(t).to_string());
    }
    return with_values(std::move(out), start_, Unit(), name_.empty() ? name_ : name_ + std::string(suffix));
  }

  void require_sub_annual(std::string_view function) const {
    if (frequency() == Frequency::annual) {
      fail(function, "the series is annual (" + start_.to_string() + ".." + end().to_string() +
                         "), but must be quarterly or monthly: year-to-date totals restart every year");
    }
  }

  Series aggregate(Frequency target, Aggregation how, Incomplete incomplete, std::string_view function) const {
    const bool to_years = target == Frequency::annual;
    const char* big = to_years ? "year" : "quarter";
    const char* small = frequency() == Frequency::quarterly ? "quarter" : "month";
    if (periods_per_year(frequency()) <= periods_per_year(target)) {
      fail(function, std::string("the series is ") + frequency_name(frequency()) + " (" + start_.to_string() +
                         ".." + end().to_string() + "), but must be " +
                         (to_years ? "quarterly or monthly" : "monthly") + " to aggregate to " + big + "s");
    }
    const std::int64_t k = periods_per_year(frequency()) / periods_per_year(target);  // sub-periods per period
    // Ordinals are positive, so integer division maps a quarter (month) to its year (quarter).
    const std::int64_t first = start_.ordinal() / k;
    const std::int64_t last = end().ordinal() / k;
    Eigen::VectorXd out(last - first + 1);
    std::int64_t first_complete = -1;
    std::int64_t last_complete = -1;
    for (std::int64_t t = first; t <= last; ++t) {
      const Period whole(target, t);
      const std::int64_t from = how == Aggregation::last ? t * k + k - 1 : t * k;
      const std::int64_t to = t * k + k - 1;
      double total = 0.0;
      std::string problem;  // why the period is incomplete, empty if complete
      bool outside = false;
      for (std::int64_t o = from; o <= to && problem.empty(); ++o) {
        const Period p(frequency(), o);
        if (!contains(p)) {
          outside = true;
          problem = p.to_string() + " is outside the series' periods " + start_.to_string() + ".." +
                    end().to_string();
        } else if (std::isnan(values_[index_of(p)])) {
          problem = "the value at " + p.to_string() + " is nan";
        } else {
          total += values_[index_of(p)];
        }
      }
      if (!problem.empty()) {
        if (incomplete == Incomplete::raise) {
          const std::string needs =
              how == Aggregation::last ? std::string("the last ") + small + " of a " + big
                                       : "all " + std::to_string(k) + " " + small + "s of a " + big;
          const std::string message = std::string(big) + " " + whole.to_string() + " is incomplete (" + problem +
                                      "), but how='" + aggregation_name(how) + "' needs " + needs +
                                      "; pass incomplete='drop' to drop incomplete " + big + "s";
          if (outside) fail(function, message);
          fail<domain_error>(function, message);
        }
        out[t - first] = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      if (how == Aggregation::mean && std::isinf(total)) {
        // The sum overflows although the mean need not: average the values divided by k instead.
        total = 0.0;
        for (std::int64_t o = from; o <= to; ++o) total += values_[index_of(Period(frequency(), o))] / static_cast<double>(k);
        out[t - first] = total;
      } else {
        out[t - first] = how == Aggregation::mean ? total / static_cast<double>(k) : total;
      }
      check_no_overflow(function, "the " + std::string(aggregation_name(how)) + " of " + whole.to_string(),
                        out[t - first]);
      if (first_complete < 0) first_complete = t;
      last_complete = t;
    }
    if (first_complete < 0) {
      fail(function, "the series covers " + start_.to_string() + ".." + end().to_string() +
                         ", but must have at least one complete " + big + " for how='" + aggregation_name(how) +
                         "' (dropping the incomplete ones leaves nothing)");
    }
    return with_values(out.segment(first_complete - first, last_complete - first_complete + 1),
                       Period(target, first_complete), unit_, name_);
  }

  Series combine(const Series& other, double sign, std::string_view function) const {
    const double factor = other.unit_.factor_to(unit_, function);
    price_basis_.require_same(function, other.price_basis_);
    const auto [first, length] = common_periods(other, function);
    Eigen::VectorXd out(length);
    for (Eigen::Index k = 0; k < length; ++k) {
      const Period p = first + k;
      out[k] = checked_value(function, index_of(p), values_[index_of(p)] + sign * factor * other.values_[other.index_of(p)],
                             false);
    }
    return with_values(std::move(out), first, unit_, name_);
  }

  Eigen::VectorXd values_;
  Period start_;
  Unit unit_;
  std::string name_;
  PriceBasis price_basis_;
};

/// Values times a number, written the other way round.
inline Series operator*(double factor, const Series& series) { return series * factor; }

/// The two series restricted to the periods they share (units may differ: aligning energy with GDP
/// before taking an intensity is the common case).
/// @throws unit_error if the frequencies differ; invalid_argument if they share no period
inline std::pair<Series, Series> align(const Series& a, const Series& b) {
  const auto [first, length] = a.common_periods(b, "align");
  const Period last = first + (length - 1);
  return {a.slice(first, last), b.slice(first, last)};
}

/// "N年平均增长" from published annual rates: ((1+g_1)...(1+g_N))^(1/N) - 1, the geometric mean.
/// Source: 国家统计局, 平均发展速度 (水平法).
/// @param rates growth rates as fractions
/// @throws invalid_argument if empty; domain_error if a rate is missing (NaN), infinite or not greater
///   than -1, or the average overflows a double
inline double average_growth(const Eigen::Ref<const Eigen::VectorXd>& rates) {
  check_nonempty("average_growth", "rates", static_cast<std::size_t>(rates.size()));
  double log_sum = 0.0;
  for (Eigen::Index i = 0; i < rates.size(); ++i) {
    check_growth("average_growth", "rates", rates[i], static_cast<std::size_t>(i));
    log_sum += std::log1p(rates[i]);
  }
  return check_no_overflow("average_growth", "the average rate",
                           std::expm1(log_sum / static_cast<double>(rates.size())));
}

HAIDIAN_NAMESPACE_END
