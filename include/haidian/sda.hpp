/// @file
/// Structural decomposition analysis (SDA) of a footprint R = f' L y between two input-output tables.
///
/// The change of R (per stressor) is split among an ordered list of factors: direct intensities f,
/// the Leontief structure L, and final demand y, optionally split into level (or population x per-capita
/// level), product mix and destination (final-demand category or region of final demand). Methods:
/// - exact: the average over all K! orderings of the factors (Shapley; Dietzenbacher & Los 1998,
///   Economic Systems Research 10(4):307-324, eq. 9 and their conclusion);
/// - two_polar: the average of the two polar decompositions (Dietzenbacher & Los 1998, eqs. 5-6);
/// - lmdi: LMDI-I applied to the input-output identity term by term (Ang 2005; Su & Ang 2012,
///   Energy Economics 34:177-188), with Ang & Liu (2007) zero-value limits.
/// Each comes additive (effects in stressor units, summing to ΔR) and multiplicative (factors whose
/// product is R1/R0; two-polar multiplicative is the geometric mean of the two polar ratios).
///
/// Memory: each table's LU factorisation (dense or sparse) is used for one multi-column solve against the
/// 2^D final demands of the mixes of years (sda_final_demands; D final-demand factors), which is all the
/// exact and two-polar methods need (sda_from_outputs). L0 and L1 are never formed, so
/// L1 − L0 = L1 (A1 − A0) L0 holds implicitly without an n x n difference, and a caller can factorise the
/// two years one after the other (only one factorisation alive). LMDI needs L itself and forms it (two
/// more n x n matrices; dense systems only).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // MatrixXd, VectorXd, Ref

#include <haidian/detail/io_names.hpp>
#include <haidian/detail/io_shapley.hpp>
#include <haidian/errors.hpp>
#include <haidian/io_table.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <functional>  // function
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>  // false_type, true_type
#include <utility>  // move
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// A factor of R = f' L y with y = level x mix x destination (level = population x per capita).
enum class SdaFactor { intensity, leontief, final_demand, level, population, per_capita, mix, destination };

/// Name of a factor as users write it ("intensity", "leontief", ...).
inline const char* sda_factor_name(SdaFactor factor) {
  switch (factor) {
    case SdaFactor::intensity: return "intensity";
    case SdaFactor::leontief: return "leontief";
    case SdaFactor::final_demand: return "final_demand";
    case SdaFactor::level: return "level";
    case SdaFactor::population: return "population";
    case SdaFactor::per_capita: return "per_capita";
    case SdaFactor::mix: return "mix";
    case SdaFactor::destination: return "destination";
  }
  return "?";
}

/// Parses a factor name.
/// @throws invalid_argument naming the unknown factor and listing the known ones
inline SdaFactor parse_sda_factor(std::string_view name) {
  constexpr std::array<SdaFactor, 8> all{SdaFactor::intensity,  SdaFactor::leontief,   SdaFactor::final_demand,
                                         SdaFactor::level,      SdaFactor::population, SdaFactor::per_capita,
                                         SdaFactor::mix,        SdaFactor::destination};
  std::string known;
  for (SdaFactor factor : all) {
    if (name == sda_factor_name(factor)) return factor;
    known += known.empty() ? "" : ", ";
    known += sda_factor_name(factor);
  }
  fail("sda", "factors contains '" + std::string(name) + "', which is not a factor; use " + known);
}

template <class Scalar>
class BasicLeontief;  // leontief.hpp

namespace detail {

/// Whether a system is a dense Leontief, whose explicit inverse LMDI may form (a sparse one's L is dense).
template <class System>
struct is_dense_leontief : std::false_type {};
template <class Scalar>
struct is_dense_leontief<BasicLeontief<Scalar>> : std::true_type {};

}  // namespace detail

/// One year of an SDA: intensities, final demand, population, and (usually) the factorised Leontief system.
///
/// With a system (a Leontief, a SparseLeontief, or any type with size() and solve(const MatrixXd&)),
/// structural_decomposition solves with it. The SdaYear refers to the system without copying it (an
/// n x n factorisation), so the system must outlive the SdaYear; a temporary system does not compile.
/// Without a system, use the two-step form: sda_final_demands, your own solves, sda_from_outputs.
struct SdaYear {
  /// @param year_intensities direct intensities S = F x̂⁻¹, stressors x n
  /// @param year_final_demand Y, n x categories (columns: destinations such as households, exports, regions)
  /// @param year_population population for the population and per_capita factors (NaN when unused)
  SdaYear(Eigen::MatrixXd year_intensities, Eigen::MatrixXd year_final_demand,
          double year_population = std::numeric_limits<double>::quiet_NaN())
      : intensities(std::move(year_intensities)),
        final_demand(std::move(year_final_demand)),
        population(year_population) {}

  /// @param system factorised I − A of this year (dense Leontief or SparseLeontief); must outlive the SdaYear
  /// @param year_intensities, year_final_demand, year_population as above
  template <class System,
            class = decltype(std::declval<const System&>().solve(std::declval<const Eigen::MatrixXd&>()))>
  SdaYear(const System& system, Eigen::MatrixXd year_intensities, Eigen::MatrixXd year_final_demand,
          double year_population = std::numeric_limits<double>::quiet_NaN())
      : solve([&system](const Eigen::MatrixXd& Y) -> Eigen::MatrixXd { return system.solve(Y); }),
        system_size(system.size()),
        intensities(std::move(year_intensities)),
        final_demand(std::move(year_final_demand)),
        population(year_population) {
    if constexpr (detail::is_dense_leontief<System>::value) {
      inverse = [&system]() -> Eigen::MatrixXd { return system.inverse(); };
    }
  }

  /// Deleted: a temporary system dies at the end of the statement, and the SdaYear would refer to it.
  template <class System,
            class = decltype(std::declval<const System&>().solve(std::declval<const Eigen::MatrixXd&>()))>
  SdaYear(const System&& system, Eigen::MatrixXd year_intensities, Eigen::MatrixXd year_final_demand,
          double year_population = std::numeric_limits<double>::quiet_NaN()) = delete;

  /// Number of sectors: the system's size, or the rows of final demand without a system.
  Eigen::Index sectors() const { return system_size >= 0 ? system_size : final_demand.rows(); }

  std::function<Eigen::MatrixXd(const Eigen::MatrixXd&)> solve;  ///< X = L Y; empty without a system
  std::function<Eigen::MatrixXd()> inverse;  ///< L itself (LMDI); only for a dense Leontief system
  Eigen::Index system_size = -1;             ///< n of the system; -1 without one
  Eigen::MatrixXd intensities;   ///< direct intensities S = F x̂⁻¹, stressors x n
  Eigen::MatrixXd final_demand;  ///< Y, n x final-demand columns
  double population;             ///< for the population and per_capita factors (NaN when unused)
};

/// Additive results of a structural decomposition (K factors, k stressors, n sectors).
struct SdaResult {
  std::vector<SdaFactor> factors;          ///< row f of the effects is factors[f] (sda_factor_name)
  std::vector<std::string> sectors;        ///< sector names as given (n, or empty): columns of *_by_sector
  std::vector<std::string> stressors;      ///< stressor names as given (k, or empty): columns of the effects
  Eigen::VectorXd value0;                  ///< R in the base year, per stressor (k)
  Eigen::VectorXd value1;                  ///< R in the end year, per stressor (k)
  Eigen::MatrixXd exact;                   ///< additive effects, K x k, average over all orderings (Shapley)
  Eigen::MatrixXd two_polar;               ///< additive effects, K x k, average of the two polar orderings
  Eigen::MatrixXd exact_by_sector;         ///< (K·k) x n: row f·k + s is factor f, stressor s, by producing sector
  Eigen::MatrixXd two_polar_by_sector;     ///< same layout
  Eigen::MatrixXd subset_values;           ///< 2^K x k: R with factors in bit set at end-year values
};

/// Additive LMDI results of a structural decomposition (K factors, k stressors, n sectors).
struct SdaLmdiResult {
  std::vector<SdaFactor> factors;      ///< row f of effects is factors[f]
  std::vector<std::string> sectors;    ///< sector names as given (n, or empty): columns of by_sector
  std::vector<std::string> stressors;  ///< stressor names as given (k, or empty): columns of effects
  Eigen::MatrixXd effects;             ///< K x k, summing to R1 − R0 per stressor
  Eigen::MatrixXd by_sector;           ///< (K·k) x n: row f·k + s is factor f, stressor s, by producing sector
};

namespace detail {

/// Final demand of one year in the forms the factors need.
struct DemandParts {
  Eigen::VectorXd total;           // y = Y 1
  double level = 0.0;              // 1' Y 1
  Eigen::VectorXd mix;             // y / level
  Eigen::VectorXd destination;     // column totals / level
  Eigen::MatrixXd mix_by_column;   // Y with each column divided by its total (zero columns stay zero)
  double population = 0.0;
  double per_capita = 0.0;
};

inline DemandParts demand_parts(const Eigen::MatrixXd& Y, double population, bool needs_level,
                                bool needs_population, const char* year) {
  DemandParts parts;
  parts.total = Y.rowwise().sum();
  const Eigen::VectorXd columns = Y.colwise().sum().transpose();
  parts.level = columns.sum();
  if (needs_level) {
    if (!(parts.level != 0.0)) {
      fail<domain_error>("sda", std::string("final demand of the ") + year +
                                    " table sums to 0, so it has no level or mix; use the factor 'final_demand'");
    }
    parts.mix = parts.total / parts.level;
    parts.destination = columns / parts.level;
    parts.mix_by_column = Y;
    for (Eigen::Index c = 0; c < Y.cols(); ++c) {
      if (columns(c) != 0.0) {
        parts.mix_by_column.col(c) /= columns(c);
      } else {
        parts.mix_by_column.col(c).setZero();
      }
    }
  }
  if (needs_population) {
    check_positive("sda", std::string("population (") + year + ")", population);
    parts.population = population;
    parts.per_capita = parts.level / population;
  }
  return parts;
}

}  // namespace detail

/// Checks that a factor list covers R = f' L y exactly once.
/// @throws invalid_argument for duplicates, more than 8 factors, or a list that misses or double-counts a part
inline void check_sda_factors(const std::vector<SdaFactor>& factors) {
  constexpr std::string_view function = "sda";
  check_nonempty(function, "factors", factors.size());
  if (factors.size() > 8) {
    fail(function, "factors has " + std::to_string(factors.size()) +
                       " entries, but the exact average over orderings supports at most 8");
  }
  std::map<SdaFactor, int> count;
  for (SdaFactor factor : factors) {
    if (++count[factor] > 1) {
      fail(function, std::string("factors lists '") + sda_factor_name(factor) + "' twice");
    }
  }
  auto has = [&](SdaFactor factor) { return count.count(factor) > 0; };
  const char* suffix =
      "; R = f' L y needs intensity, leontief and either final_demand or a level (level, or population "
      "and per_capita) with mix (and optionally destination)";
  if (!has(SdaFactor::intensity)) fail(function, std::string("factors lacks 'intensity'") + suffix);
  if (!has(SdaFactor::leontief)) fail(function, std::string("factors lacks 'leontief'") + suffix);
  const bool whole = has(SdaFactor::final_demand);
  const bool split = has(SdaFactor::level) || has(SdaFactor::population) || has(SdaFactor::per_capita) ||
                     has(SdaFactor::mix) || has(SdaFactor::destination);
  if (whole && split) {
    fail(function, std::string("factors has 'final_demand' and parts of it, which counts final demand twice") +
                       suffix);
  }
  if (!whole) {
    if (has(SdaFactor::population) != has(SdaFactor::per_capita)) {
      fail(function, std::string("factors needs both 'population' and 'per_capita', or neither") + suffix);
    }
    const bool level = has(SdaFactor::level);
    const bool per_head = has(SdaFactor::population);
    if (level == per_head) {
      fail(function, std::string(level ? "factors has 'level' and 'population'/'per_capita', which counts the "
                                         "level twice"
                                       : "factors has no final-demand level") +
                         suffix);
    }
    if (!has(SdaFactor::mix)) fail(function, std::string("factors lacks 'mix'") + suffix);
  }
}

/// The shape checks both decompositions share: a valid factor list, the same sectors, stressors and
/// final-demand columns in both years, and intensities and final demand sized to the sectors.
inline void check_sda_years(std::string_view function, const SdaYear& year0, const SdaYear& year1,
                            const std::vector<SdaFactor>& factors) {
  check_sda_factors(factors);
  const Eigen::Index n = year0.sectors();
  const Eigen::Index k = year0.intensities.rows();
  check_same_size(function, "sectors of table0", static_cast<std::size_t>(n), "sectors of table1",
                  static_cast<std::size_t>(year1.sectors()));
  check_same_size(function, "stressors of table0", static_cast<std::size_t>(k), "stressors of table1",
                  static_cast<std::size_t>(year1.intensities.rows()));
  check_same_size(function, "final-demand columns of table0", static_cast<std::size_t>(year0.final_demand.cols()),
                  "final-demand columns of table1", static_cast<std::size_t>(year1.final_demand.cols()));
  for (const SdaYear* year : {&year0, &year1}) {
    check_same_size(function, "intensities (columns)", static_cast<std::size_t>(year->intensities.cols()),
                    "sectors", static_cast<std::size_t>(n));
    check_same_size(function, "final_demand (rows)", static_cast<std::size_t>(year->final_demand.rows()),
                    "sectors", static_cast<std::size_t>(n));
  }
}

namespace detail {

/// Optional names must match the sectors (n) and the stressors (k) when given.
inline void check_sda_names(std::string_view function, const std::vector<std::string>& sectors, Eigen::Index n,
                            const std::vector<std::string>& stressors, Eigen::Index k) {
  if (!sectors.empty()) {
    check_same_size(function, "sectors (names)", sectors.size(), "sectors of table0", static_cast<std::size_t>(n));
  }
  if (!stressors.empty()) {
    check_same_size(function, "stressors (names)", stressors.size(), "stressors of table0",
                    static_cast<std::size_t>(k));
  }
}

/// Positions in `factors` of the final-demand factors (all but intensity and leontief), in order.
inline std::vector<int> demand_positions(const std::vector<SdaFactor>& factors) {
  std::vector<int> positions;
  for (std::size_t p = 0; p < factors.size(); ++p) {
    if (factors[p] != SdaFactor::intensity && factors[p] != SdaFactor::leontief) {
      positions.push_back(static_cast<int>(p));
    }
  }
  return positions;
}

/// Column of sda_final_demands holding the final demand of mix s (bit p: factor p at its end-year value).
inline Eigen::Index demand_column(unsigned s, const std::vector<int>& positions) {
  Eigen::Index column = 0;
  for (std::size_t j = 0; j < positions.size(); ++j) {
    if ((s >> static_cast<unsigned>(positions[j])) & 1U) column |= Eigen::Index{1} << j;
  }
  return column;
}

}  // namespace detail

/// First step of a structural decomposition: the final demand y of every mix of base- and end-year
/// values of the final-demand factors (all factors but intensity and leontief), as the columns of an
/// n x 2^D matrix (D such factors). Column d: bit j of d set = the j-th final-demand factor of `factors`
/// at its end-year value. y = Y 1 (final_demand), level · mix, or level · (mix by column) · destination
/// with level = 1' Y 1 or population · per capita level.
///
/// Solving these columns with each year's Leontief system, one year after the other, gives the outputs
/// sda_from_outputs needs, so only one factorisation has to exist at a time.
/// @throws invalid_argument for an invalid factor list or mismatched shapes; domain_error for a zero
///         final-demand level or a non-positive population when those factors are used
inline Eigen::MatrixXd sda_final_demands(const SdaYear& year0, const SdaYear& year1,
                                         const std::vector<SdaFactor>& factors) {
  check_sda_years("sda", year0, year1, factors);
  auto position = [&](SdaFactor factor) {
    const auto where = std::find(factors.begin(), factors.end(), factor);
    return where == factors.end() ? -1 : static_cast<int>(where - factors.begin());
  };
  const int p_demand = position(SdaFactor::final_demand), p_level = position(SdaFactor::level),
            p_population = position(SdaFactor::population), p_per_capita = position(SdaFactor::per_capita),
            p_mix = position(SdaFactor::mix), p_destination = position(SdaFactor::destination);
  const bool needs_level = p_demand < 0;
  const bool needs_population = p_population >= 0;
  const std::array<detail::DemandParts, 2> demand{
      detail::demand_parts(year0.final_demand, year0.population, needs_level, needs_population, "base-year"),
      detail::demand_parts(year1.final_demand, year1.population, needs_level, needs_population, "end-year")};
  const std::vector<int> positions = detail::demand_positions(factors);
  const Eigen::Index columns = Eigen::Index{1} << positions.size();
  auto bit = [](unsigned s, int p) { return p >= 0 ? static_cast<int>((s >> static_cast<unsigned>(p)) & 1U) : 0; };
  Eigen::MatrixXd demands(year0.sectors(), columns);
  for (Eigen::Index d = 0; d < columns; ++d) {
    unsigned s = 0;  // the mix of all factors with these final-demand bits
    for (std::size_t j = 0; j < positions.size(); ++j) {
      if ((d >> j) & 1) s |= 1U << static_cast<unsigned>(positions[j]);
    }
    if (p_demand >= 0) {
      demands.col(d) = demand[static_cast<std::size_t>(bit(s, p_demand))].total;
      continue;
    }
    const double level = p_level >= 0 ? demand[static_cast<std::size_t>(bit(s, p_level))].level
                                      : demand[static_cast<std::size_t>(bit(s, p_population))].population *
                                            demand[static_cast<std::size_t>(bit(s, p_per_capita))].per_capita;
    const auto& mix = demand[static_cast<std::size_t>(bit(s, p_mix))];
    if (p_destination >= 0) {
      demands.col(d) = level * (mix.mix_by_column * demand[static_cast<std::size_t>(bit(s, p_destination))].destination);
    } else {
      demands.col(d) = level * mix.mix;
    }
  }
  return demands;
}

/// Second step: the decomposition from the outputs x = L y of each year's Leontief system for the
/// final demands of sda_final_demands (outputs0 = L0 · demands, outputs1 = L1 · demands).
///
/// R is evaluated at every mix of years (2^K values per stressor, V(s) = f_s' x_s); the effect of
/// factor k is Σ_s C(s, k) [V(s) − V(none)] with the Shapley weights (exact) and the two-polar weights
/// (Dietzenbacher & Los 1998). L1 − L0 = L1 (A1 − A0) L0 thus enters only through solves, never as an
/// n x n difference.
/// @param year0, year1 base-year and end-year data (nothing is solved here)
/// @param factors ordered factor list (the order matters only for two_polar)
/// @param outputs0, outputs1 L0 and L1 times the columns of sda_final_demands, n x 2^D each
/// @param sectors, stressors optional names (n and k, or empty), carried into the result
/// @throws invalid_argument for an invalid factor list or mismatched shapes (outputs: n x 2^D; names)
inline SdaResult sda_from_outputs(const SdaYear& year0, const SdaYear& year1, const std::vector<SdaFactor>& factors,
                                  const Eigen::Ref<const Eigen::MatrixXd>& outputs0,
                                  const Eigen::Ref<const Eigen::MatrixXd>& outputs1,
                                  std::vector<std::string> sectors = {}, std::vector<std::string> stressors = {}) {
  constexpr std::string_view function = "sda";
  check_sda_years(function, year0, year1, factors);
  const Eigen::Index n = year0.sectors();
  const Eigen::Index k = year0.intensities.rows();
  detail::check_sda_names(function, sectors, n, stressors, k);
  const int K = static_cast<int>(factors.size());
  const std::vector<int> positions = detail::demand_positions(factors);
  const auto columns = static_cast<std::size_t>(Eigen::Index{1} << positions.size());
  const std::array<const Eigen::Ref<const Eigen::MatrixXd>*, 2> outputs{&outputs0, &outputs1};
  for (int t = 0; t < 2; ++t) {
    const auto& x = *outputs[static_cast<std::size_t>(t)];
    const std::string name = t == 0 ? "outputs0" : "outputs1";
    check_same_size(function, name + " (rows)", static_cast<std::size_t>(x.rows()), "sectors",
                    static_cast<std::size_t>(n));
    check_same_size(function, name + " (columns)", static_cast<std::size_t>(x.cols()),
                    "final-demand mixes (columns of sda_final_demands)", columns);
  }
  auto position = [&](SdaFactor factor) {
    return static_cast<int>(std::find(factors.begin(), factors.end(), factor) - factors.begin());
  };
  const int p_intensity = position(SdaFactor::intensity), p_leontief = position(SdaFactor::leontief);
  const std::array<const SdaYear*, 2> years{&year0, &year1};

  const Eigen::MatrixXd exact_c = detail::shapley_coefficients(K);
  const Eigen::MatrixXd polar_c = detail::two_polar_coefficients(K);
  const unsigned subsets = 1U << static_cast<unsigned>(K);

  SdaResult result;
  result.factors = factors;
  result.sectors = std::move(sectors);
  result.stressors = std::move(stressors);
  result.exact = Eigen::MatrixXd::Zero(K, k);
  result.two_polar = Eigen::MatrixXd::Zero(K, k);
  result.exact_by_sector = Eigen::MatrixXd::Zero(K * k, n);
  result.two_polar_by_sector = Eigen::MatrixXd::Zero(K * k, n);
  result.subset_values = Eigen::MatrixXd::Zero(subsets, k);

  auto bit = [](unsigned s, int p) { return static_cast<std::size_t>((s >> static_cast<unsigned>(p)) & 1U); };
  Eigen::MatrixXd by_sector(k, n), base(k, n);
  for (unsigned s = 0; s < subsets; ++s) {
    const auto x = outputs[bit(s, p_leontief)]->col(detail::demand_column(s, positions));
    const Eigen::MatrixXd& f = years[bit(s, p_intensity)]->intensities;
    by_sector = f.array().rowwise() * x.transpose().array();
    result.subset_values.row(s) = by_sector.rowwise().sum().transpose();
    // Σ_s C(s, k) = 0 for every k, so weighting V(s) − V(none) gives the same effects, exactly 0 when
    // nothing changes, and keeps rounding of the weights off the level of R.
    if (s == 0) {
      base = by_sector;
      continue;
    }
    by_sector -= base;
    for (int j = 0; j < K; ++j) {
      if (exact_c(s, j) != 0.0) {
        result.exact_by_sector.middleRows(j * k, k) += exact_c(s, j) * by_sector;
      }
      if (polar_c(s, j) != 0.0) {
        result.two_polar_by_sector.middleRows(j * k, k) += polar_c(s, j) * by_sector;
      }
    }
  }
  for (int j = 0; j < K; ++j) {
    result.exact.row(j) = result.exact_by_sector.middleRows(j * k, k).rowwise().sum().transpose();
    result.two_polar.row(j) = result.two_polar_by_sector.middleRows(j * k, k).rowwise().sum().transpose();
  }
  result.value0 = result.subset_values.row(0).transpose();
  result.value1 = result.subset_values.row(subsets - 1U).transpose();
  return result;
}

/// Structural decomposition of ΔR, R = f' L y per stressor, by the exact (all orderings) and the
/// two-polar methods at once (the second costs nothing extra and gives the distance between them).
///
/// Solves the 2^D final demands of sda_final_demands with each year's system (one multi-column solve
/// per year, dense or sparse) and combines them by sda_from_outputs.
/// @param year0 base-year data; @param year1 end-year data (same sectors, stressors and columns of Y),
///        each with its factorised Leontief system
/// @param factors ordered factor list (the order matters only for two_polar)
/// @param sectors, stressors optional names (n and k, or empty), carried into the result
/// @throws invalid_argument for an invalid factor list, mismatched shapes or a year without a system;
///         domain_error for a zero final-demand level or a non-positive population when those factors are used
inline SdaResult structural_decomposition(const SdaYear& year0, const SdaYear& year1,
                                          const std::vector<SdaFactor>& factors,
                                          std::vector<std::string> sectors = {},
                                          std::vector<std::string> stressors = {}) {
  if (!year0.solve || !year1.solve) {
    fail("sda", std::string(!year0.solve ? "year0" : "year1") +
                    " has no Leontief system; build the SdaYear from a Leontief or SparseLeontief, or use "
                    "sda_final_demands and sda_from_outputs");
  }
  const Eigen::MatrixXd demands = sda_final_demands(year0, year1, factors);
  const Eigen::MatrixXd outputs0 = year0.solve(demands);
  const Eigen::MatrixXd outputs1 = year1.solve(demands);
  return sda_from_outputs(year0, year1, factors, outputs0, outputs1, std::move(sectors), std::move(stressors));
}

/// Multiplicative effects from the values at every mix of years: D_k = exp(Σ_s C(s, k) ln V(s)), so
/// Π_k D_k = V(all)/V(none). For two_polar this is the geometric mean of the two polar ratios.
/// @param subset_values 2^K x k values (SdaResult::subset_values)
/// @param factors the factor list (for messages)
/// @param exact true: all orderings; false: two polar orderings
/// @param stressors optional stressor names for messages
/// @throws domain_error when some value is not positive (no logarithm), naming the stressor and the mix
inline Eigen::MatrixXd multiplicative_effects(const Eigen::Ref<const Eigen::MatrixXd>& subset_values,
                                              const std::vector<SdaFactor>& factors, bool exact,
                                              const std::vector<std::string>& stressors = {}) {
  const int K = static_cast<int>(factors.size());
  check_same_size("sda", "subset_values (rows)", static_cast<std::size_t>(subset_values.rows()), "2^factors",
                  std::size_t{1} << static_cast<unsigned>(K));
  const Eigen::MatrixXd C = exact ? detail::shapley_coefficients(K) : detail::two_polar_coefficients(K);
  Eigen::MatrixXd logs(subset_values.rows(), subset_values.cols());
  for (Eigen::Index s = 0; s < subset_values.rows(); ++s) {
    for (Eigen::Index j = 0; j < subset_values.cols(); ++j) {
      const double value = subset_values(s, j);
      if (!(value > 0.0) || !std::isfinite(value)) {
        std::string mix;
        for (int f = 0; f < K; ++f) {
          mix += mix.empty() ? "" : ", ";
          mix += std::string(sda_factor_name(factors[static_cast<std::size_t>(f)])) +
                 (((s >> f) & 1) ? " at end year" : " at base year");
        }
        fail<domain_error>("sda", "the multiplicative form needs positive values, but " +
                                      detail::io_name(stressors, static_cast<std::size_t>(j), "stressor") +
                                      " is " + detail::format_value(value) + " with " + mix +
                                      "; use the additive form");
      }
      logs(s, j) = std::log(value);
    }
  }
  // As in the additive case: ln V(s) − ln V(none), so unchanged values give factors of exactly 1.
  const Eigen::RowVectorXd base = logs.row(0);
  logs.rowwise() -= base;
  return (C.transpose() * logs).array().exp().matrix();
}

/// Additive LMDI-I of R = f' L y (per stressor) term by term (Ang 2005; Su & Ang 2012, sec. 3).
///
/// R_s = Σ_{i,j,c} f_si L_ij [final-demand chain]_jc, each term a product of the K factors' values; the
/// effect of factor k is Σ_t L(V1_t, V0_t) ln(x1_kt / x0_kt). Zero values take Ang & Liu (2007)
/// limits: a term that appears (V0 = 0) credits V1 to the factors that were zero, shared equally
/// when several were; a term that vanishes credits −V0 to the factors that became zero. L0 and L1
/// are formed explicitly (2 n x n matrices, O(n³)): meant for national tables, not n = 8,000.
/// @param year0, year1 base-year and end-year data, each with a dense Leontief system
/// @param factors ordered factor list
/// @param sectors, stressors optional names (n and k, or empty), for messages and carried into the result
/// @throws domain_error for negative intensities or final demand (LMDI is undefined across a sign
///         change: use the exact method), plus everything structural_decomposition throws
inline SdaLmdiResult lmdi_structural_decomposition(const SdaYear& year0, const SdaYear& year1,
                                                   const std::vector<SdaFactor>& factors,
                                                   std::vector<std::string> sectors = {},
                                                   std::vector<std::string> stressors = {}) {
  constexpr std::string_view function = "sda (lmdi)";
  check_sda_years(function, year0, year1, factors);
  detail::check_sda_names(function, sectors, year0.sectors(), stressors, year0.intensities.rows());
  if (!year0.inverse || !year1.inverse) {
    fail(function, std::string(!year0.inverse ? "year0" : "year1") +
                       " has no dense Leontief system; LMDI forms L = (I - A)^-1 entry by entry (n x n dense), "
                       "so it needs a dense system (not a sparse one); use the exact or two-polar method");
  }
  const Eigen::Index n = year0.sectors();
  const Eigen::Index k = year0.intensities.rows();
  const std::array<const SdaYear*, 2> years{&year0, &year1};
  const char* year_name[2] = {"base-year", "end-year"};
  for (int t = 0; t < 2; ++t) {
    const SdaYear& year = *years[static_cast<std::size_t>(t)];
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index s = 0; s < k; ++s) {
        if (year.intensities(s, i) < 0.0) {
          fail<domain_error>(function, "the intensity of " + detail::io_name(stressors, static_cast<std::size_t>(s), "stressor") +
                                           " in " + detail::io_name(sectors, static_cast<std::size_t>(i)) + " is " +
                                           detail::format_value(year.intensities(s, i)) + " in the " + year_name[t] +
                                           " table; LMDI needs non-negative factors: use the exact method");
        }
      }
      for (Eigen::Index c = 0; c < year.final_demand.cols(); ++c) {
        if (year.final_demand(i, c) < 0.0) {
          fail<domain_error>(function, "final demand Y[" + std::to_string(i) + ", " + std::to_string(c) + "] for " +
                                           detail::io_name(sectors, static_cast<std::size_t>(i)) + " is " +
                                           detail::format_value(year.final_demand(i, c)) + " in the " + year_name[t] +
                                           " table; LMDI needs non-negative factors: use the exact method");
        }
      }
    }
  }
  const int K = static_cast<int>(factors.size());
  const bool has_destination =
      std::find(factors.begin(), factors.end(), SdaFactor::destination) != factors.end();
  const bool needs_level =
      std::find(factors.begin(), factors.end(), SdaFactor::final_demand) == factors.end();
  const bool needs_population =
      std::find(factors.begin(), factors.end(), SdaFactor::population) != factors.end();
  const std::array<detail::DemandParts, 2> demand{
      detail::demand_parts(year0.final_demand, year0.population, needs_level, needs_population, "base-year"),
      detail::demand_parts(year1.final_demand, year1.population, needs_level, needs_population, "end-year")};
  // L is needed entry by entry; rounding can leave -1e-17 where L is exactly 0 (no supply path), and a
  // productive non-negative A has L >= 0 (Leontief 1951), so those are set to 0.
  std::array<Eigen::MatrixXd, 2> L{year0.inverse(), year1.inverse()};
  for (auto& matrix : L) matrix = matrix.cwiseMax(0.0);
  const Eigen::Index columns = has_destination ? year0.final_demand.cols() : 1;

  Eigen::MatrixXd by_sector = Eigen::MatrixXd::Zero(K * k, n);
  std::vector<double> v0(static_cast<std::size_t>(K)), v1(static_cast<std::size_t>(K));
  auto value = [&](SdaFactor factor, int t, Eigen::Index s, Eigen::Index i, Eigen::Index j, Eigen::Index c) {
    const auto& d = demand[static_cast<std::size_t>(t)];
    switch (factor) {
      case SdaFactor::intensity: return years[static_cast<std::size_t>(t)]->intensities(s, i);
      case SdaFactor::leontief: return L[static_cast<std::size_t>(t)](i, j);
      case SdaFactor::final_demand: return d.total(j);
      case SdaFactor::level: return d.level;
      case SdaFactor::population: return d.population;
      case SdaFactor::per_capita: return d.per_capita;
      case SdaFactor::mix: return has_destination ? d.mix_by_column(j, c) : d.mix(j);
      case SdaFactor::destination: return d.destination(c);
    }
    return 0.0;
  };
  for (Eigen::Index s = 0; s < k; ++s) {
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) {
        for (Eigen::Index c = 0; c < columns; ++c) {
          double V0 = 1.0, V1 = 1.0;
          for (int f = 0; f < K; ++f) {
            const auto uf = static_cast<std::size_t>(f);
            v0[uf] = value(factors[uf], 0, s, i, j, c);
            v1[uf] = value(factors[uf], 1, s, i, j, c);
            V0 *= v0[uf];
            V1 *= v1[uf];
          }
          if (V0 == 0.0 && V1 == 0.0) continue;
          if (V0 > 0.0 && V1 > 0.0) {
            double log_ratio = 0.0;
            for (int f = 0; f < K; ++f) {
              const auto uf = static_cast<std::size_t>(f);
              v0[uf] = std::log(v1[uf] / v0[uf]);  // re-use v0 for ln(x1/x0)
              log_ratio += v0[uf];
            }
            // L(V1, V0) = V0 (e^ℓ − 1)/ℓ with ℓ = ln(V1/V0) the sum of the factor logs: no cancellation.
            const double weight = log_ratio == 0.0 ? V0 : V0 * std::expm1(log_ratio) / log_ratio;
            for (int f = 0; f < K; ++f) by_sector(f * k + s, i) += weight * v0[static_cast<std::size_t>(f)];
            continue;
          }
          // Entering (V0 = 0) or leaving (V1 = 0) term: analytical limits (Ang & Liu 2007).
          const bool entering = V0 == 0.0;
          int zeros = 0;
          for (int f = 0; f < K; ++f) zeros += ((entering ? v0 : v1)[static_cast<std::size_t>(f)] == 0.0) ? 1 : 0;
          const double share = (entering ? V1 : -V0) / static_cast<double>(zeros);
          for (int f = 0; f < K; ++f) {
            if ((entering ? v0 : v1)[static_cast<std::size_t>(f)] == 0.0) by_sector(f * k + s, i) += share;
          }
        }
      }
    }
  }
  SdaLmdiResult result;
  result.factors = factors;
  result.effects.resize(K, k);
  for (int f = 0; f < K; ++f) result.effects.row(f) = by_sector.middleRows(f * k, k).rowwise().sum().transpose();
  result.by_sector = std::move(by_sector);
  result.sectors = std::move(sectors);
  result.stressors = std::move(stressors);
  return result;
}

HAIDIAN_NAMESPACE_END
