/// @file
/// Internal: the checks a factorised Leontief system I − A must pass, shared by the dense and the sparse
/// factorisation (each passes its own solve and transposed solve).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // VectorXd

#include <haidian/detail/io_names.hpp>
#include <haidian/errors.hpp>

#include <cmath>  // isfinite
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Sectors whose input coefficients sum to 1 or more: "; input coefficients sum to 1 or more in
/// sector 2 ('x') (1.2)", the usual culprits of a singular or non-productive system; "" when none.
inline std::string heavy_sectors(const Eigen::VectorXd& column_sums, const std::vector<std::string>& sectors) {
  std::string list;
  for (Eigen::Index j = 0; j < column_sums.size(); ++j) {
    if (column_sums(j) >= 1.0) {
      if (!list.empty()) list += ", ";
      list += io_name(sectors, static_cast<std::size_t>(j)) + " (" + format_value(column_sums(j)) + ")";
    }
  }
  return list.empty() ? std::string() : "; input coefficients sum to 1 or more in " + list;
}

/// Reciprocal 1-norm condition estimate, 1 / (‖M‖₁ ‖M⁻¹‖₁), with Hager's (1984) estimator of ‖M⁻¹‖₁
/// (Higham 2002, Accuracy and Stability of Numerical Algorithms, alg. 15.1): a few solves with M and
/// Mᵀ instead of forming M⁻¹. 0 when a solve breaks down (NaN or inf).
/// @param n size of M; @param norm_1 ‖M‖₁
/// @param solve v ↦ M⁻¹ v; @param solve_transposed v ↦ M⁻ᵀ v (both on Eigen::VectorXd)
template <class Solve, class SolveTransposed>
double estimate_rcond(Eigen::Index n, double norm_1, const Solve& solve, const SolveTransposed& solve_transposed) {
  if (!(norm_1 > 0.0)) return 0.0;
  Eigen::VectorXd x = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  double estimate = 0.0;
  for (int iteration = 0; iteration < 5; ++iteration) {
    const Eigen::VectorXd y = solve(x);
    estimate = y.template lpNorm<1>();
    if (!std::isfinite(estimate)) return 0.0;
    const Eigen::VectorXd sign = y.unaryExpr([](double v) { return v >= 0.0 ? 1.0 : -1.0; });
    const Eigen::VectorXd z = solve_transposed(sign);
    Eigen::Index j = 0;
    const double largest = z.cwiseAbs().maxCoeff(&j);
    if (!std::isfinite(largest)) return 0.0;
    if (largest <= z.dot(x)) break;
    x.setZero();
    x(j) = 1.0;
  }
  return estimate > 0.0 ? 1.0 / (norm_1 * estimate) : 0.0;
}

/// Fails unless the factorised I − A is productive and well conditioned; returns its reciprocal 1-norm
/// condition number 1 / (‖I − A‖₁ ‖L‖₁).
///
/// Productive: for a non-negative A the spectral radius is below 1 exactly when z = L 1 is non-negative
/// (then z >= 1): I − A is a non-singular M-matrix (Berman & Plemmons 1994, Nonnegative Matrices in the
/// Mathematical Sciences, ch. 6, condition I27), and L >= 0. The margin 0.5 absorbs rounding. Then
/// ‖L‖₁ is the largest column sum of L, the largest entry of w = Lᵀ 1: the condition number is exact
/// from two solves (one with the transpose). Otherwise Hager's estimate (estimate_rcond) tells a singular
/// system (reciprocal condition below n·eps, where the LU solution carries no correct digits) from a
/// non-productive one. A productive system that ill conditioned is reported as singular too.
/// @param function name for messages; @param n size; @param norm_1 ‖I − A‖₁
/// @param solve v ↦ L v; @param solve_transposed v ↦ Lᵀ v
/// @param column_sums input coefficient sums 1ᵀ A (for messages); @param sectors names for messages
/// @throws domain_error naming the sector with the smallest z and the sectors whose coefficients sum to 1 or more
template <class Solve, class SolveTransposed>
double check_productive(std::string_view function, Eigen::Index n, double norm_1, const Solve& solve,
                        const SolveTransposed& solve_transposed, const Eigen::VectorXd& column_sums,
                        const std::vector<std::string>& sectors) {
  const double smallest_rcond = static_cast<double>(n) * std::numeric_limits<double>::epsilon();
  const Eigen::VectorXd z = solve(Eigen::VectorXd::Ones(n));
  if (z.allFinite() && z.minCoeff() >= 0.5) {
    const Eigen::VectorXd w = solve_transposed(Eigen::VectorXd::Ones(n));
    if (w.allFinite() && w.minCoeff() >= 0.5) {
      const double rcond = norm_1 > 0.0 ? 1.0 / (norm_1 * w.maxCoeff()) : 0.0;
      if (!(rcond > smallest_rcond)) {
        fail<domain_error>(function, "I - A is singular (reciprocal condition number " + format_value(rcond) +
                                         ")" + heavy_sectors(column_sums, sectors));
      }
      return rcond;
    }
  }
  const double rcond = estimate_rcond(n, norm_1, solve, solve_transposed);
  if (!(rcond > smallest_rcond)) {
    fail<domain_error>(function, "I - A is singular (reciprocal condition estimate " + format_value(rcond) + ")" +
                                     heavy_sectors(column_sums, sectors));
  }
  Eigen::Index worst = 0;
  const double smallest = z.allFinite() ? z.minCoeff(&worst) : std::numeric_limits<double>::quiet_NaN();
  fail<domain_error>(function,
                     "the system is not productive (spectral radius of A >= 1, so the Leontief inverse "
                     "has negative entries): the output of " +
                         io_name(sectors, static_cast<std::size_t>(worst)) +
                         " needed for one unit of every final demand is " + format_value(smallest) +
                         heavy_sectors(column_sums, sectors));
}

/// The checks every from_coefficients starts with: A square, not empty, as many names as sectors.
inline void check_coefficients_shape(std::string_view function, Eigen::Index rows, Eigen::Index cols,
                                     const std::vector<std::string>& sectors) {
  if (rows != cols) {
    fail(function, "A has " + std::to_string(rows) + " rows and " + std::to_string(cols) +
                       " columns; it must be square (sectors x sectors)");
  }
  check_nonempty(function, "A", static_cast<std::size_t>(rows));
  if (!sectors.empty()) {
    check_same_size(function, "A (rows)", static_cast<std::size_t>(rows), "sectors", sectors.size());
  }
}

/// Fails unless the technical coefficient a = A[i, j] is non-negative and finite, naming both sectors.
inline void check_coefficient(std::string_view function, Eigen::Index i, Eigen::Index j, double a,
                              const std::vector<std::string>& sectors) {
  if (a >= 0.0 && std::isfinite(a)) return;
  fail<domain_error>(function, "A[" + std::to_string(i) + ", " + std::to_string(j) + "] (input of " +
                                   io_name(sectors, static_cast<std::size_t>(i)) + " into " +
                                   io_name(sectors, static_cast<std::size_t>(j)) + ") is " + format_value(a) +
                                   ", but must be non-negative and finite");
}

/// Total multipliers S L of a factorised system (stressors x n), from the transposed system
/// (I − A)ᵀ Mᵀ = Sᵀ (Miller & Blair 2009, sec. 10.2). One definition for the dense and the sparse system.
template <class System>
Eigen::MatrixXd system_multipliers(const System& system, const Eigen::Ref<const Eigen::MatrixXd>& S,
                                   std::string_view function) {
  check_same_size(function, "intensities (columns)", static_cast<std::size_t>(S.cols()), "sectors",
                  static_cast<std::size_t>(system.size()));
  return system.solve_transposed(S.transpose()).transpose();
}

/// Row sums of the Ghosh inverse x̂⁻¹ L x̂, (L x)ᵢ / xᵢ, of a factorised system: the raw forward
/// linkages (Miller & Blair 2009, sec. 12.2); 1 for a sector with zero output (its row of G is eᵢ).
template <class System>
Eigen::VectorXd system_ghosh_row_sums(const System& system, const Eigen::Ref<const Eigen::VectorXd>& x,
                                      std::string_view function) {
  check_same_size(function, "x", static_cast<std::size_t>(x.size()), "sectors",
                  static_cast<std::size_t>(system.size()));
  const Eigen::VectorXd Lx = system.solve(x);
  Eigen::VectorXd result(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) result(i) = x(i) > 0.0 ? Lx(i) / x(i) : 1.0;
  return result;
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
