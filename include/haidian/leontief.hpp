/// @file
/// The Leontief system (I − A) x = y of an input-output table, factorised once and solved many times.
///
/// L = (I − A)⁻¹ (Miller & Blair, Input-Output Analysis, 2nd ed. 2009, eq. 2.11) is never formed unless
/// asked for: x = L y, multipliers S L and linkages are solves against one LU factorisation of I − A.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // MatrixXd, VectorXd, Ref
#include <Eigen/LU>    // PartialPivLU

#include <haidian/detail/io_lu.hpp>
#include <haidian/detail/io_names.hpp>
#include <haidian/detail/io_system.hpp>
#include <haidian/errors.hpp>
#include <haidian/io_table.hpp>

#include <algorithm>  // max
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>  // is_same_v
#include <utility>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// LU factorisation of I − A with the checks that make L meaningful.
///
/// \pre A is non-negative. The system is productive when the spectral radius of A is below 1, which for
/// a non-negative A holds exactly when z = L 1 is non-negative (then z >= 1): I − A is then a
/// non-singular M-matrix (Berman & Plemmons 1994, Nonnegative Matrices in the Mathematical Sciences,
/// ch. 6, condition I27). That one extra solve replaces forming L to look for negative entries
/// (detail::check_productive). For sparse tables see SparseLeontief (sparse_leontief.hpp).
///
/// Use it as `Leontief` (= BasicLeontief<double>). Why a class template: the inline members of a plain
/// class would compile Eigen's PartialPivLU in every translation unit that includes this header, used
/// or not; a template's members are compiled only where they are called (docs/cpp/compile_cost.md).
/// Only double is implemented.
template <class Scalar = double>
class BasicLeontief {
  static_assert(std::is_same_v<Scalar, double>, "BasicLeontief is implemented for double only");

 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  ///< Eigen::MatrixXd
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;               ///< Eigen::VectorXd

  /// Factorises I − A with A = Z x̂⁻¹.
  /// @param Z intermediate flows, n x n, non-negative
  /// @param x gross output, n, non-negative; zero only for sectors without inputs
  /// @param sectors optional sector names (n or empty) for messages
  /// @throws invalid_argument, domain_error see check_io_flows; domain_error for a singular or
  ///         non-productive system, naming the sectors whose input coefficients sum to 1 or more
  /// Templated on the matrix type so row-major (C-ordered numpy) flows are read without a copy.
  template <class Derived>
  BasicLeontief(const Eigen::MatrixBase<Derived>& Z, const Eigen::Ref<const Vector>& x,
                std::vector<std::string> sectors = {})
      : sectors_(std::move(sectors)) {
    constexpr std::string_view function = "Leontief";
    detail::check_io_sizes(function, Z.rows(), Z.cols(), x, sectors_);
    const Eigen::Index n = Z.rows();
    Vector inverse_output(n);
    for (Eigen::Index j = 0; j < n; ++j) inverse_output(j) = x(j) > 0.0 ? 1.0 / x(j) : 0.0;
    // One pass over Z builds −A straight into the matrix that the LU takes over (one n x n allocation),
    // sums the columns of A and checks the flows; a bad flow is then reported by check_io_flows, whose
    // messages name the first one in storage order. Both sides are read and written in storage order:
    // a column-major Z gives I − A; a row-major (C-ordered numpy) Z gives (I − A)ᵀ, whose column i is
    // row i of I − A (factorises_transpose(); solve() and solve_transposed() then swap roles, as
    // scipy's lu_factor(M.T) with lu_solve(trans=1) does). A transposing copy would cost a strided pass.
    constexpr bool row_major = static_cast<bool>(Derived::IsRowMajor);
    transposed_ = row_major;
    Matrix system = detail::huge_page_matrix<Matrix>(n);
    Vector column_sums = Vector::Zero(n);
    bool clean = true;
    constexpr double largest = std::numeric_limits<double>::max();
    const auto& flows = Z.derived();
    for (Eigen::Index outer = 0; outer < n; ++outer) {
      bool ok = true;
      double* target = system.col(outer).data();  // column `outer` of I − A, or row `outer` of it
      if constexpr (row_major) {
        const Eigen::Index i = outer;
        for (Eigen::Index j = 0; j < n; ++j) {
          const double flow = flows(i, j);
          ok &= (flow >= 0.0) & (flow <= largest) & !((x(j) == 0.0) & (flow != 0.0));  // NaN fails >= and <=
          const double coefficient = flow * inverse_output(j);
          target[j] = -coefficient;
          column_sums(j) += coefficient;
        }
      } else {
        const Eigen::Index j = outer;
        const double scale = inverse_output(j);
        const bool idle = x(j) == 0.0;
        double sum = 0.0;
        for (Eigen::Index i = 0; i < n; ++i) {
          const double flow = flows(i, j);
          ok &= (flow >= 0.0) & (flow <= largest) & !(idle & (flow != 0.0));
          const double coefficient = flow * scale;
          target[i] = -coefficient;
          sum += coefficient;
        }
        column_sums(j) = sum;
      }
      clean &= ok;
    }
    if (!clean) {
      check_io_flows(function, Z, x, sectors_);  // throws, naming the flow and the sectors
      fail<domain_error>(function, "Z has a negative, NaN or infinite flow");  // not reached
    }
    // ‖I − A‖₁ for the condition number: column j of I − A holds 1 − a_jj and −a_ij (a >= 0); the
    // diagonal is the same in either layout.
    double norm_1 = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double diagonal = -system(j, j);
      norm_1 = std::max(norm_1, column_sums(j) - diagonal + std::abs(1.0 - diagonal));
      system(j, j) += 1.0;
    }
    factorise(std::move(system), column_sums, norm_1);
  }

  /// Factorises I − A from given technical coefficients.
  /// @param A technical coefficients, n x n, non-negative and finite
  /// @param sectors optional sector names for messages
  /// @throws invalid_argument for a non-square A; domain_error for negative/NaN coefficients or a
  ///         singular or non-productive system
  static BasicLeontief from_coefficients(const Eigen::Ref<const Matrix>& A, std::vector<std::string> sectors = {}) {
    constexpr std::string_view function = "Leontief.from_coefficients";
    detail::check_coefficients_shape(function, A.rows(), A.cols(), sectors);
    for (Eigen::Index j = 0; j < A.cols(); ++j) {
      for (Eigen::Index i = 0; i < A.rows(); ++i) detail::check_coefficient(function, i, j, A(i, j), sectors);
    }
    BasicLeontief result;
    result.sectors_ = std::move(sectors);
    Matrix system = detail::huge_page_matrix<Matrix>(A.rows());
    system = -A;
    system.diagonal().array() += 1.0;
    const double norm_1 = system.cwiseAbs().colwise().sum().maxCoeff();
    result.factorise(std::move(system), A.colwise().sum().transpose(), norm_1);
    return result;
  }

  /// Number of sectors n.
  Eigen::Index size() const { return lu_.rows(); }

  /// Sector names given at construction (possibly empty).
  const std::vector<std::string>& sectors() const { return sectors_; }

  /// Output needed for final demand: X = L Y, solving (I − A) X = Y (one column per demand vector).
  /// @throws invalid_argument when Y has not n rows
  Matrix solve(const Eigen::Ref<const Matrix>& Y) const {
    check_same_size("Leontief.solve", "final_demand (rows)", static_cast<std::size_t>(Y.rows()), "sectors",
                    static_cast<std::size_t>(size()));
    if (!transposed_) return lu_.solve(Y);
    Matrix X = Y;
    solve_factors_transposed(X);
    return X;
  }

  /// Total multipliers S L (stressors x n): stressor use in the whole economy per unit of final demand
  /// for each product (Miller & Blair 2009, sec. 10.2), from the transposed system (I − A)ᵀ Mᵀ = Sᵀ.
  /// @throws invalid_argument when S has not n columns
  Matrix multipliers(const Eigen::Ref<const Matrix>& S) const {
    return detail::system_multipliers(*this, S, "Leontief.multipliers");
  }

  /// Column sums of L, 1ᵀ L: total output multipliers, the raw backward linkages (Rasmussen 1956).
  Vector column_sums() const { return solve_transposed(Vector::Ones(size())); }

  /// Row sums of the Ghosh inverse G = x̂⁻¹ L x̂, (L x)ᵢ / xᵢ: the raw forward linkages
  /// (Miller & Blair 2009, sec. 12.2). A sector with zero output sells nothing and gets 1 (G's row is eᵢ).
  /// @throws invalid_argument when x has not n elements
  Vector ghosh_row_sums(const Eigen::Ref<const Vector>& x) const {
    return detail::system_ghosh_row_sums(*this, x, "Leontief.ghosh_row_sums");
  }

  /// The explicit Leontief inverse L = (I − A)⁻¹, n x n (the result is the only n x n allocation).
  /// Only when asked: prefer solve().
  Matrix inverse() const {
    if (!transposed_) return lu_.solve(Matrix::Identity(size(), size()));
    Matrix X = Matrix::Identity(size(), size());
    solve_factors_transposed(X);
    return X;
  }

  /// Reciprocal 1-norm condition number of I − A, 1 / (‖I − A‖₁ ‖L‖₁): exact for the productive systems
  /// a Leontief accepts (see detail::check_productive).
  double rcond() const { return rcond_; }

  /// Solves (I − A)ᵀ X = B with the same factorisation (X = Lᵀ B; multipliers and backward linkages).
  /// @throws invalid_argument when B has not n rows
  Matrix solve_transposed(const Eigen::Ref<const Matrix>& B) const {
    check_same_size("Leontief.solve_transposed", "rhs (rows)", static_cast<std::size_t>(B.rows()), "sectors",
                    static_cast<std::size_t>(size()));
    if (transposed_) return lu_.solve(B);
    Matrix X = B;
    solve_factors_transposed(X);
    return X;
  }

  /// Whether lu() factorises (I − A)ᵀ rather than I − A: true when built from row-major (C-ordered) Z.
  bool factorises_transpose() const { return transposed_; }

  /// The factorisation itself, of I − A, or of (I − A)ᵀ when factorises_transpose(); prefer solve()
  /// and solve_transposed(), which account for it.
  const Eigen::PartialPivLU<Matrix>& lu() const { return lu_; }

 private:
  BasicLeontief() = default;

  /// X ← M⁻ᵀ X for the factorised matrix M: P M = L U gives Mᵀ = Uᵀ Lᵀ P, so X ← Pᵀ L⁻ᵀ U⁻ᵀ X, in place.
  ///
  /// Why not Eigen's lu.transpose().solve(): Eigen 3.4 nests the decomposition by value in its
  /// Transpose expression, copying the n x n factors on every call (512 MB at n = 8,000).
  void solve_factors_transposed(Matrix& X) const {
    const Matrix& factors = lu_.matrixLU();
    factors.template triangularView<Eigen::Upper>().transpose().solveInPlace(X);
    factors.template triangularView<Eigen::UnitLower>().transpose().solveInPlace(X);
    X = lu_.permutationP().transpose() * X;  // a permutation applies in place
  }

  void factorise(Matrix&& system, const Vector& column_sums, double norm_1) {
    const Eigen::Index n = system.rows();
    lu_ = detail::InPlaceLU<Matrix>(std::move(system));
    rcond_ = detail::check_productive(
        "Leontief", n, norm_1, [this](const Vector& v) -> Vector { return solve(v); },
        [this](const Vector& v) -> Vector { return solve_transposed(v); }, column_sums, sectors_);
  }

  detail::InPlaceLU<Matrix> lu_;
  bool transposed_ = false;  // lu_ factorises (I − A)ᵀ
  double rcond_ = 0.0;
  std::vector<std::string> sectors_;
};

/// The dense Leontief system in double precision.
using Leontief = BasicLeontief<>;

HAIDIAN_NAMESPACE_END
