/// @file
/// Input-output tables: checks of the accounts (Z, x, Y, F) and the coefficients derived from them.
///
/// Notation (Miller & Blair, Input-Output Analysis, 2nd ed. 2009, ch. 2): Z is the n x n matrix of
/// intermediate flows (row: selling sector, column: buying sector), x gross output, Y final demand
/// (n x categories), F satellite accounts (stressors x n: energy, water, land, CO2 used by each sector).
/// Technical coefficients A = Z x̂⁻¹ (eq. 2.5), direct intensities S = F x̂⁻¹.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // MatrixXd, VectorXd, Ref

#include <haidian/detail/io_names.hpp>
#include <haidian/errors.hpp>

#include <cmath>  // isfinite
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

namespace detail {

/// The checks of check_io_flows that do not read Z: square, non-empty, sizes of x and the sector names,
/// and every output non-negative and finite. Shared by the dense and sparse checks and by Leontief.
inline void check_io_sizes(std::string_view function, Eigen::Index rows, Eigen::Index cols,
                           const Eigen::Ref<const Eigen::VectorXd>& x, const std::vector<std::string>& sectors) {
  if (rows != cols) {
    fail(function, "Z has " + std::to_string(rows) + " rows and " + std::to_string(cols) +
                       " columns; it must be square (sectors x sectors)");
  }
  check_nonempty(function, "Z", static_cast<std::size_t>(rows));
  check_same_size(function, "Z (rows)", static_cast<std::size_t>(rows), "x", static_cast<std::size_t>(x.size()));
  if (!sectors.empty()) {
    check_same_size(function, "Z (rows)", static_cast<std::size_t>(rows), "sectors", sectors.size());
  }
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    const double output = x(j);
    if (!(output >= 0.0) || !std::isfinite(output)) {
      fail<domain_error>(function, "x[" + std::to_string(j) + "] (gross output of " +
                                       io_name(sectors, static_cast<std::size_t>(j)) + ") is " +
                                       format_value(output) + ", but must be non-negative and finite");
    }
  }
}

}  // namespace detail

/// Checks an input-output table's intermediate flows and gross output.
///
/// A sector with zero output must have no inputs (its column of A is then zero, as pymrio does).
/// @param function name of the calling function, for messages
/// @param Z intermediate flows, n x n, non-negative and finite
/// @param x gross output, n, non-negative and finite
/// @param sectors optional sector names (n or empty), used in messages
/// @throws invalid_argument for a non-square Z, an empty table or mismatched sizes
/// @throws domain_error for NaN/inf, negative flows or output, or zero output with non-zero inputs
/// Templated on the matrix type so row-major (C-ordered numpy) flows are read without a copy.
template <class Derived>
void check_io_flows(std::string_view function, const Eigen::MatrixBase<Derived>& Z,
                           const Eigen::Ref<const Eigen::VectorXd>& x,
                           const std::vector<std::string>& sectors = {}) {
  detail::check_io_sizes(function, Z.rows(), Z.cols(), x, sectors);
  const Eigen::Index n = Z.rows();
  // Visit Z in its storage order: a strided pass over a 512 MB table costs seconds. First a vectorised
  // scan (per row or column: a finite sum and a non-negative minimum; zero flows into idle sectors)
  // tells whether anything is wrong; only then the element loop below finds the first offending entry
  // in storage order for the message. An overflowing sum only sends a clean table through that loop.
  constexpr bool row_major = static_cast<bool>(Derived::IsRowMajor);
  std::vector<Eigen::Index> idle;
  for (Eigen::Index j = 0; j < n; ++j) {
    if (x(j) == 0.0) idle.push_back(j);
  }
  bool suspect = false;
  for (Eigen::Index outer = 0; outer < n && !suspect; ++outer) {
    double sum = 0.0, smallest = 0.0;
    if constexpr (row_major) {
      sum = Z.row(outer).sum();
      smallest = Z.row(outer).minCoeff();
      for (const Eigen::Index j : idle) suspect = suspect || Z(outer, j) != 0.0;
    } else {
      sum = Z.col(outer).sum();
      smallest = Z.col(outer).minCoeff();
    }
    suspect = suspect || !std::isfinite(sum) || !(smallest >= 0.0);
  }
  if constexpr (!row_major) {
    for (const Eigen::Index j : idle) suspect = suspect || !(Z.col(j).cwiseAbs().maxCoeff() == 0.0);
  }
  if (!suspect) return;
  for (Eigen::Index outer = 0; outer < n; ++outer) {
    for (Eigen::Index inner = 0; inner < n; ++inner) {
      const Eigen::Index i = row_major ? outer : inner;
      const Eigen::Index j = row_major ? inner : outer;
      const double flow = Z(i, j);
      if (!(flow >= 0.0) || !std::isfinite(flow)) {
        fail<domain_error>(function, "Z[" + std::to_string(i) + ", " + std::to_string(j) + "] (flow from " +
                                         detail::io_name(sectors, static_cast<std::size_t>(i)) + " to " +
                                         detail::io_name(sectors, static_cast<std::size_t>(j)) + ") is " +
                                         detail::format_value(flow) +
                                         ", but must be non-negative and finite");
      }
      if (flow != 0.0 && x(j) == 0.0) {
        fail<domain_error>(function, detail::io_name(sectors, static_cast<std::size_t>(j)) +
                                         " has zero gross output but non-zero inputs (Z[" + std::to_string(i) +
                                         ", " + std::to_string(j) + "] is " + detail::format_value(flow) +
                                         "); give its output or remove the sector");
      }
    }
  }
}

/// Technical coefficients A = Z x̂⁻¹ (Miller & Blair 2009, eq. 2.5); zero-output sectors get a zero column.
/// @param Z intermediate flows, n x n
/// @param x gross output, n
/// @param sectors optional sector names for messages
/// @throws see check_io_flows
inline Eigen::MatrixXd technical_coefficients(const Eigen::Ref<const Eigen::MatrixXd>& Z,
                                              const Eigen::Ref<const Eigen::VectorXd>& x,
                                              const std::vector<std::string>& sectors = {}) {
  check_io_flows("technical_coefficients", Z, x, sectors);
  Eigen::MatrixXd A(Z.rows(), Z.cols());
  for (Eigen::Index j = 0; j < Z.cols(); ++j) {
    if (x(j) > 0.0) {
      A.col(j) = Z.col(j) / x(j);
    } else {
      A.col(j).setZero();
    }
  }
  return A;
}

/// Direct intensities S = F x̂⁻¹: stressor use per unit of gross output, stressors x n.
///
/// Negative stressor values (removals) are allowed; a zero-output sector must have no stressor use.
/// @param F satellite accounts, stressors x n, finite
/// @param x gross output, n, non-negative
/// @param sectors optional sector names, for messages
/// @param stressors optional stressor names, for messages
/// @throws invalid_argument when F has not n columns
/// @throws domain_error for NaN/inf or stressor use by a sector without output
inline Eigen::MatrixXd direct_intensities(const Eigen::Ref<const Eigen::MatrixXd>& F,
                                          const Eigen::Ref<const Eigen::VectorXd>& x,
                                          const std::vector<std::string>& sectors = {},
                                          const std::vector<std::string>& stressors = {}) {
  constexpr std::string_view function = "direct_intensities";
  check_same_size(function, "F (columns)", static_cast<std::size_t>(F.cols()), "x",
                  static_cast<std::size_t>(x.size()));
  Eigen::MatrixXd S(F.rows(), F.cols());
  for (Eigen::Index j = 0; j < F.cols(); ++j) {
    const double output = x(j);
    if (!(output >= 0.0) || !std::isfinite(output)) {
      fail<domain_error>(function, "x[" + std::to_string(j) + "] (gross output of " +
                                       detail::io_name(sectors, static_cast<std::size_t>(j)) + ") is " +
                                       detail::format_value(output) + ", but must be non-negative and finite");
    }
    for (Eigen::Index s = 0; s < F.rows(); ++s) {
      const double use = F(s, j);
      if (!std::isfinite(use)) {
        fail<domain_error>(function, "F[" + std::to_string(s) + ", " + std::to_string(j) + "] (" +
                                         detail::io_name(stressors, static_cast<std::size_t>(s), "stressor") +
                                         " of " + detail::io_name(sectors, static_cast<std::size_t>(j)) +
                                         ") is " + detail::format_value(use) + ", but must be finite");
      }
      if (output == 0.0 && use != 0.0) {
        fail<domain_error>(function, detail::io_name(sectors, static_cast<std::size_t>(j)) +
                                         " has zero gross output but uses " +
                                         detail::io_name(stressors, static_cast<std::size_t>(s), "stressor") +
                                         " (F[" + std::to_string(s) + ", " + std::to_string(j) + "] is " +
                                         detail::format_value(use) + ")");
      }
      S(s, j) = output > 0.0 ? use / output : 0.0;
    }
  }
  return S;
}

/// Checks final demand: n rows, finite (negative entries such as inventory changes are allowed).
/// @throws invalid_argument for the wrong number of rows; domain_error for NaN/inf
inline void check_final_demand(std::string_view function, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                               Eigen::Index sectors_count, const std::vector<std::string>& sectors = {}) {
  check_same_size(function, "Y (rows)", static_cast<std::size_t>(Y.rows()), "Z (rows)",
                  static_cast<std::size_t>(sectors_count));
  for (Eigen::Index c = 0; c < Y.cols(); ++c) {
    for (Eigen::Index i = 0; i < Y.rows(); ++i) {
      if (!std::isfinite(Y(i, c))) {
        fail<domain_error>(function, "Y[" + std::to_string(i) + ", " + std::to_string(c) + "] (final demand for " +
                                         detail::io_name(sectors, static_cast<std::size_t>(i)) + ") is " +
                                         detail::format_value(Y(i, c)) + ", but must be finite");
      }
    }
  }
}

/// Gross output from the row balance x = Z 1 + Y 1 (Miller & Blair 2009, eq. 2.1).
inline Eigen::VectorXd gross_output(const Eigen::Ref<const Eigen::MatrixXd>& Z,
                                    const Eigen::Ref<const Eigen::MatrixXd>& Y) {
  check_same_size("gross_output", "Z (rows)", static_cast<std::size_t>(Z.rows()), "Y (rows)",
                  static_cast<std::size_t>(Y.rows()));
  return Z.rowwise().sum() + Y.rowwise().sum();
}

HAIDIAN_NAMESPACE_END
