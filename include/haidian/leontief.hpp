/// @file
/// The Leontief system (I − A) x = y of an input-output table, factorised once and solved many times.
///
/// L = (I − A)⁻¹ (Miller & Blair, Input-Output Analysis, 2nd ed. 2009, eq. 2.11) is never formed unless
/// asked for: x = L y, multipliers S L and linkages are solves against one LU factorisation of I − A.
#pragma once

#include <Eigen/Core>  // MatrixXd, VectorXd, Ref
#include <Eigen/LU>    // PartialPivLU

#include <haidian/detail/io_lu.hpp>
#include <haidian/detail/io_names.hpp>
#include <haidian/errors.hpp>
#include <haidian/io_table.hpp>

#include <algorithm>  // min
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haidian {

/// LU factorisation of I − A with the checks that make L meaningful.
///
/// \pre A is non-negative. The system is productive when the spectral radius of A is below 1, which for
/// a non-negative A holds exactly when z = L 1 is non-negative (then z >= 1): I − A is then a
/// non-singular M-matrix (Berman & Plemmons 1994, Nonnegative Matrices in the Mathematical Sciences,
/// ch. 6, condition I27). That one extra solve replaces forming L to look for negative entries.
class Leontief {
 public:
  /// Factorises I − A with A = Z x̂⁻¹.
  /// @param Z intermediate flows, n x n, non-negative
  /// @param x gross output, n, non-negative; zero only for sectors without inputs
  /// @param sectors optional sector names (n or empty) for messages
  /// @throws invalid_argument, domain_error see check_io_flows; domain_error for a singular or
  ///         non-productive system, naming the sectors whose input coefficients sum to 1 or more
  /// Templated on the matrix type so row-major (C-ordered numpy) flows are read without a copy.
  template <class Derived>
  Leontief(const Eigen::MatrixBase<Derived>& Z, const Eigen::Ref<const Eigen::VectorXd>& x,
           std::vector<std::string> sectors = {})
      : sectors_(std::move(sectors)) {
    check_io_flows("Leontief", Z, x, sectors_);
    const Eigen::Index n = Z.rows();
    // Build I − A straight into the matrix that the LU takes over: one n x n allocation.
    Eigen::MatrixXd system(n, n);
    if constexpr (static_cast<bool>(Derived::IsRowMajor)) {
      // Row-major (C-ordered numpy) input: copy in 64 x 64 tiles so neither side is read with a stride.
      constexpr Eigen::Index tile = 64;
      for (Eigen::Index j0 = 0; j0 < n; j0 += tile) {
        for (Eigen::Index i0 = 0; i0 < n; i0 += tile) {
          const Eigen::Index rows = std::min(tile, n - i0), cols = std::min(tile, n - j0);
          system.block(i0, j0, rows, cols) = Z.block(i0, j0, rows, cols);
        }
      }
    } else {
      system = Z;
    }
    Eigen::VectorXd column_sums(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      const double inverse_output = x(j) > 0.0 ? 1.0 / x(j) : 0.0;
      system.col(j) *= -inverse_output;
      column_sums(j) = -system.col(j).sum();
      system(j, j) += 1.0;
    }
    factorise(std::move(system), column_sums);
  }

  /// Factorises I − A from given technical coefficients.
  /// @param A technical coefficients, n x n, non-negative and finite
  /// @param sectors optional sector names for messages
  /// @throws invalid_argument for a non-square A; domain_error for negative/NaN coefficients or a
  ///         singular or non-productive system
  static Leontief from_coefficients(const Eigen::Ref<const Eigen::MatrixXd>& A,
                                    std::vector<std::string> sectors = {}) {
    constexpr std::string_view function = "Leontief.from_coefficients";
    if (A.rows() != A.cols()) {
      fail(function, "A has " + std::to_string(A.rows()) + " rows and " + std::to_string(A.cols()) +
                         " columns; it must be square (sectors x sectors)");
    }
    check_nonempty(function, "A", static_cast<std::size_t>(A.rows()));
    if (!sectors.empty()) {
      check_same_size(function, "A (rows)", static_cast<std::size_t>(A.rows()), "sectors", sectors.size());
    }
    for (Eigen::Index j = 0; j < A.cols(); ++j) {
      for (Eigen::Index i = 0; i < A.rows(); ++i) {
        if (!(A(i, j) >= 0.0) || !std::isfinite(A(i, j))) {
          fail<domain_error>(function, "A[" + std::to_string(i) + ", " + std::to_string(j) + "] (input of " +
                                           detail::io_name(sectors, static_cast<std::size_t>(i)) + " into " +
                                           detail::io_name(sectors, static_cast<std::size_t>(j)) + ") is " +
                                           detail::format_value(A(i, j)) +
                                           ", but must be non-negative and finite");
        }
      }
    }
    Leontief result;
    result.sectors_ = std::move(sectors);
    Eigen::MatrixXd system = -A;
    system.diagonal().array() += 1.0;
    result.factorise(std::move(system), A.colwise().sum().transpose());
    return result;
  }

  /// Number of sectors n.
  Eigen::Index size() const { return lu_.rows(); }

  /// Sector names given at construction (possibly empty).
  const std::vector<std::string>& sectors() const { return sectors_; }

  /// Output needed for final demand: X = L Y, solving (I − A) X = Y (one column per demand vector).
  /// @throws invalid_argument when Y has not n rows
  Eigen::MatrixXd solve(const Eigen::Ref<const Eigen::MatrixXd>& Y) const {
    check_same_size("Leontief.solve", "final_demand (rows)", static_cast<std::size_t>(Y.rows()), "sectors",
                    static_cast<std::size_t>(size()));
    return lu_.solve(Y);
  }

  /// Total multipliers S L (stressors x n): stressor use in the whole economy per unit of final demand
  /// for each product (Miller & Blair 2009, sec. 10.2), from the transposed system (I − A)ᵀ Mᵀ = Sᵀ.
  /// @throws invalid_argument when S has not n columns
  Eigen::MatrixXd multipliers(const Eigen::Ref<const Eigen::MatrixXd>& S) const {
    check_same_size("Leontief.multipliers", "intensities (columns)", static_cast<std::size_t>(S.cols()),
                    "sectors", static_cast<std::size_t>(size()));
    return solve_transposed(S.transpose()).transpose();
  }

  /// Column sums of L, 1ᵀ L: total output multipliers, the raw backward linkages (Rasmussen 1956).
  Eigen::VectorXd column_sums() const {
    return solve_transposed(Eigen::VectorXd::Ones(size()));
  }

  /// Row sums of the Ghosh inverse G = x̂⁻¹ L x̂, (L x)ᵢ / xᵢ: the raw forward linkages
  /// (Miller & Blair 2009, sec. 12.2). A sector with zero output sells nothing and gets 1 (G's row is eᵢ).
  /// @throws invalid_argument when x has not n elements
  Eigen::VectorXd ghosh_row_sums(const Eigen::Ref<const Eigen::VectorXd>& x) const {
    check_same_size("Leontief.ghosh_row_sums", "x", static_cast<std::size_t>(x.size()), "sectors",
                    static_cast<std::size_t>(size()));
    const Eigen::VectorXd Lx = lu_.solve(x);
    Eigen::VectorXd result(size());
    for (Eigen::Index i = 0; i < size(); ++i) result(i) = x(i) > 0.0 ? Lx(i) / x(i) : 1.0;
    return result;
  }

  /// The explicit Leontief inverse L = (I − A)⁻¹, n x n. Only when asked: prefer solve().
  Eigen::MatrixXd inverse() const { return lu_.solve(Eigen::MatrixXd::Identity(size(), size())); }

  /// Estimate of the reciprocal 1-norm condition number of I − A.
  double rcond() const { return rcond_; }

  /// Solves (I − A)ᵀ X = B with the same factorisation: P (I − A) = L U gives (I − A)ᵀ = Uᵀ Lᵀ P.
  ///
  /// Why not Eigen's lu.transpose().solve(): Eigen 3.4 nests the decomposition by value in its
  /// Transpose expression, copying the n x n factors on every call (512 MB at n = 8,000).
  /// @throws invalid_argument when B has not n rows
  Eigen::MatrixXd solve_transposed(const Eigen::Ref<const Eigen::MatrixXd>& B) const {
    check_same_size("Leontief.solve_transposed", "rhs (rows)", static_cast<std::size_t>(B.rows()), "sectors",
                    static_cast<std::size_t>(size()));
    Eigen::MatrixXd X = B;
    const Eigen::MatrixXd& factors = lu_.matrixLU();
    factors.triangularView<Eigen::Upper>().transpose().solveInPlace(X);
    factors.triangularView<Eigen::UnitLower>().transpose().solveInPlace(X);
    return lu_.permutationP().transpose() * X;
  }

  /// The factorisation itself, for callers that solve with it directly.
  const Eigen::PartialPivLU<Eigen::MatrixXd>& lu() const { return lu_; }

 private:
  Leontief() = default;

  /// Sectors whose input coefficients sum to 1 or more: "sector 2 ('x') (1.2)"; the usual culprits.
  std::string heavy_sectors(const Eigen::VectorXd& column_sums) const {
    std::string list;
    for (Eigen::Index j = 0; j < column_sums.size(); ++j) {
      if (column_sums(j) >= 1.0) {
        if (!list.empty()) list += ", ";
        list += detail::io_name(sectors_, static_cast<std::size_t>(j)) + " (" +
                detail::format_value(column_sums(j)) + ")";
      }
    }
    return list.empty() ? std::string() : "; input coefficients sum to 1 or more in " + list;
  }

  /// Reciprocal 1-norm condition estimate, 1 / (‖I − A‖₁ ‖(I − A)⁻¹‖₁), with Hager's (1984)
  /// estimator of ‖(I − A)⁻¹‖₁ (Higham 2002, Accuracy and Stability of Numerical Algorithms, alg. 15.1):
  /// a few solves instead of Eigen's rcond(), which copies the factors (see solve_transposed).
  double estimate_rcond(double norm_1) const {
    const Eigen::Index n = size();
    if (!(norm_1 > 0.0)) return 0.0;
    Eigen::VectorXd x = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
    double estimate = 0.0;
    for (int iteration = 0; iteration < 5; ++iteration) {
      const Eigen::VectorXd y = lu_.solve(x);
      estimate = y.lpNorm<1>();
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

  void factorise(Eigen::MatrixXd&& system, const Eigen::VectorXd& column_sums) {
    const Eigen::Index n = system.rows();
    const double norm_1 = system.cwiseAbs().colwise().sum().maxCoeff();
    lu_ = detail::InPlaceLU(std::move(system));
    rcond_ = estimate_rcond(norm_1);
    const double estimate = rcond_;
    // Why n * eps: below it the LU solution carries no correct digits.
    if (!(estimate > static_cast<double>(n) * std::numeric_limits<double>::epsilon())) {
      fail<domain_error>("Leontief", "I - A is singular (reciprocal condition estimate " +
                                         detail::format_value(estimate) + ")" + heavy_sectors(column_sums));
    }
    const Eigen::VectorXd z = lu_.solve(Eigen::VectorXd::Ones(n));
    Eigen::Index worst = 0;
    const double smallest = z.minCoeff(&worst);
    // Productive: z = L 1 >= 1. Not productive: some z_i < 0. The margin 0.5 absorbs rounding.
    if (!(smallest >= 0.5) || !z.allFinite()) {
      fail<domain_error>("Leontief",
                         "the system is not productive (spectral radius of A >= 1, so the Leontief inverse "
                         "has negative entries): the output of " +
                             detail::io_name(sectors_, static_cast<std::size_t>(worst)) +
                             " needed for one unit of every final demand is " + detail::format_value(smallest) +
                             heavy_sectors(column_sums));
    }
  }

  detail::InPlaceLU lu_;
  double rcond_ = 0.0;
  std::vector<std::string> sectors_;
};

}  // namespace haidian
