/// @file
/// Consumption-based accounts (footprints) of an input-output table: R = S L Y + F_Y.
///
/// S L is the stressor use of the whole economy per unit of final demand for each product (the total
/// multipliers, Miller & Blair, Input-Output Analysis, 2nd ed. 2009, sec. 10.2); times final demand Y it
/// attributes every stressor used in production to the final-demand column that causes it. F_Y is the
/// stressor use of final demand itself (household fuel burning), added to the column that burns it as
/// pymrio adds it to its consumption-based accounts by region (D_cba_reg). Works with any factorised
/// system (Leontief, SparseLeontief).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // MatrixXd, Ref

#include <haidian/detail/io_names.hpp>
#include <haidian/errors.hpp>

#include <cmath>  // isfinite
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// Footprints R = S L Y + F_Y: stressors x final-demand columns, in stressor units.
///
/// Computed as (S L) Y through k transposed solves, or as S (L Y) through c solves, whichever is fewer
/// (k stressors, c final-demand columns); L itself is never formed.
/// @param system factorised I − A (Leontief, SparseLeontief: anything with size(), solve() and multipliers())
/// @param intensities direct intensities S = F x̂⁻¹, stressors x n (direct_intensities)
/// @param final_demand Y, n x categories, finite (negative entries such as inventory changes are allowed)
/// @param direct_final_use F_Y, stressors x categories, finite; empty (0 x 0) for none
/// @param stressors optional stressor names, for messages
/// @throws invalid_argument for mismatched sizes; domain_error for NaN/inf in S, Y or F_Y
template <class System>
Eigen::MatrixXd footprint(const System& system, const Eigen::Ref<const Eigen::MatrixXd>& intensities,
                          const Eigen::Ref<const Eigen::MatrixXd>& final_demand,
                          const Eigen::Ref<const Eigen::MatrixXd>& direct_final_use = Eigen::MatrixXd(),
                          const std::vector<std::string>& stressors = {}) {
  constexpr std::string_view function = "footprint";
  const auto n = static_cast<std::size_t>(system.size());
  check_same_size(function, "intensities (columns)", static_cast<std::size_t>(intensities.cols()), "sectors", n);
  check_same_size(function, "final_demand (rows)", static_cast<std::size_t>(final_demand.rows()), "sectors", n);
  if (!stressors.empty()) {
    check_same_size(function, "stressors (names)", stressors.size(), "intensities (rows)",
                    static_cast<std::size_t>(intensities.rows()));
  }
  const bool direct = direct_final_use.size() != 0;
  if (direct) {
    check_same_size(function, "direct_final_use (rows)", static_cast<std::size_t>(direct_final_use.rows()),
                    "intensities (rows)", static_cast<std::size_t>(intensities.rows()));
    check_same_size(function, "direct_final_use (columns)", static_cast<std::size_t>(direct_final_use.cols()),
                    "final_demand (columns)", static_cast<std::size_t>(final_demand.cols()));
  }
  // NaN or inf would spread through every solve; name the first one instead.
  for (Eigen::Index j = 0; j < intensities.cols(); ++j) {
    for (Eigen::Index s = 0; s < intensities.rows(); ++s) {
      if (!std::isfinite(intensities(s, j))) {
        fail<domain_error>(function, "intensities[" + std::to_string(s) + ", " + std::to_string(j) + "] (" +
                                         detail::io_name(stressors, static_cast<std::size_t>(s), "stressor") +
                                         ") is " + detail::format_value(intensities(s, j)) + ", but must be finite");
      }
    }
  }
  for (Eigen::Index c = 0; c < final_demand.cols(); ++c) {
    for (Eigen::Index i = 0; i < final_demand.rows(); ++i) {
      if (!std::isfinite(final_demand(i, c))) {
        fail<domain_error>(function, "final_demand[" + std::to_string(i) + ", " + std::to_string(c) + "] is " +
                                         detail::format_value(final_demand(i, c)) + ", but must be finite");
      }
    }
  }
  for (Eigen::Index c = 0; c < direct_final_use.cols(); ++c) {
    for (Eigen::Index s = 0; s < direct_final_use.rows(); ++s) {
      if (!std::isfinite(direct_final_use(s, c))) {
        fail<domain_error>(function, "direct_final_use[" + std::to_string(s) + ", " + std::to_string(c) + "] (" +
                                         detail::io_name(stressors, static_cast<std::size_t>(s), "stressor") +
                                         ") is " + detail::format_value(direct_final_use(s, c)) +
                                         ", but must be finite");
      }
    }
  }
  Eigen::MatrixXd result = intensities.rows() <= final_demand.cols()
                               ? Eigen::MatrixXd(system.multipliers(intensities) * final_demand)
                               : Eigen::MatrixXd(intensities * system.solve(final_demand));
  if (direct) result += direct_final_use;
  return result;
}

HAIDIAN_NAMESPACE_END
