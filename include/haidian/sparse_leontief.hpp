/// @file
/// Sparse input-output tables: the Leontief system (I − A) x = y of a sparse Z, by a sparse LU.
///
/// Same model and notation as io_table.hpp and leontief.hpp (Miller & Blair, Input-Output Analysis,
/// 2nd ed. 2009, ch. 2): A = Z x̂⁻¹ (eq. 2.5), L = (I − A)⁻¹ (eq. 2.11). Nothing on this path is a dense
/// n x n matrix: I − A is sparse, factorised once by Eigen's supernodal SparseLU, and every product with
/// L is a solve against that factorisation: x = L y is (I − A) x = y, the multipliers S L are the
/// transposed solve (I − A)ᵀ Mᵀ = Sᵀ, the footprint f' L y is (f' L) y or f' (L y), and an SDA needs
/// only L y for a few final-demand vectors (sda.hpp). The explicit inverse is formed only when asked.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>        // MatrixXd, VectorXd, Ref
#include <Eigen/SparseCore>  // SparseMatrix, Triplet
#include <Eigen/SparseLU>    // SparseLU

#include <haidian/detail/io_names.hpp>
#include <haidian/detail/io_ordering.hpp>
#include <haidian/detail/io_system.hpp>
#include <haidian/errors.hpp>
#include <haidian/io_table.hpp>  // detail::check_io_sizes

#include <algorithm>  // min
#include <cmath>      // isfinite
#include <cstddef>
#include <memory>  // unique_ptr
#include <string>
#include <string_view>
#include <type_traits>  // is_same_v
#include <utility>  // move
#include <vector>

HAIDIAN_NAMESPACE_BEGIN

/// Checks a sparse table's intermediate flows and gross output, as check_io_flows does for a dense one.
///
/// Every stored entry must be non-negative and finite (stored zeros are allowed); a sector with zero
/// output must have no (non-zero) inputs. Duplicate entries of an uncompressed matrix are checked one by one.
/// @param function name of the calling function, for messages
/// @param Z intermediate flows, n x n sparse (any storage order)
/// @param x gross output, n, non-negative and finite
/// @param sectors optional sector names (n or empty), used in messages
/// @throws invalid_argument for a non-square Z, an empty table or mismatched sizes
/// @throws domain_error for NaN/inf, negative flows or output, or zero output with non-zero inputs
template <class Derived>
void check_io_flows(std::string_view function, const Eigen::SparseMatrixBase<Derived>& Z,
                    const Eigen::Ref<const Eigen::VectorXd>& x, const std::vector<std::string>& sectors = {}) {
  detail::check_io_sizes(function, Z.rows(), Z.cols(), x, sectors);
  const Derived& flows = Z.derived();
  for (Eigen::Index outer = 0; outer < flows.outerSize(); ++outer) {
    for (typename Derived::InnerIterator it(flows, outer); it; ++it) {
      const Eigen::Index i = it.row(), j = it.col();
      const double flow = it.value();
      if (!(flow >= 0.0) || !std::isfinite(flow)) {
        fail<domain_error>(function, "Z[" + std::to_string(i) + ", " + std::to_string(j) + "] (flow from " +
                                         detail::io_name(sectors, static_cast<std::size_t>(i)) + " to " +
                                         detail::io_name(sectors, static_cast<std::size_t>(j)) + ") is " +
                                         detail::format_value(flow) + ", but must be non-negative and finite");
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

/// Sparse technical coefficients A = Z x̂⁻¹ (Miller & Blair 2009, eq. 2.5), same pattern as Z without
/// stored zeros; a zero-output sector has an empty column.
/// @throws see check_io_flows (sparse)
template <class Derived>
Eigen::SparseMatrix<double> technical_coefficients(const Eigen::SparseMatrixBase<Derived>& Z,
                                                   const Eigen::Ref<const Eigen::VectorXd>& x,
                                                   const std::vector<std::string>& sectors = {}) {
  check_io_flows("technical_coefficients", Z, x, sectors);
  const Derived& flows = Z.derived();
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(static_cast<std::size_t>(flows.nonZeros()));
  for (Eigen::Index outer = 0; outer < flows.outerSize(); ++outer) {
    for (typename Derived::InnerIterator it(flows, outer); it; ++it) {
      if (it.value() != 0.0) entries.emplace_back(it.row(), it.col(), it.value() / x(it.col()));
    }
  }
  Eigen::SparseMatrix<double> A(flows.rows(), flows.cols());
  A.setFromTriplets(entries.begin(), entries.end());  // sums duplicates, sorts each column
  return A;
}

/// Sparse LU factorisation of I − A with the checks that make L meaningful (as Leontief, for sparse Z).
///
/// Ordering: approximate minimum degree on the pattern of (I − A) + (I − A)ᵀ (detail::LeontiefOrdering;
/// Amestoy, Davis & Duff 1996). Why not COLAMD, SparseLU's default: I − A of a table whose input
/// coefficients sum to less than 1 in every column is column diagonally dominant, a property Gaussian
/// elimination keeps, so partial pivoting picks the diagonal and a symmetric fill-reducing ordering
/// holds as computed. On the block-structured synthetic multi-regional table of benchmarks/numpy_sda.py
/// (n = 8,000) COLAMD's factors are 11 times fuller (69 % of n² against 6.2 %) and take 30 times longer.
///
/// Tables whose LU factors fill in anyway (a random pattern of a few % density fills almost completely)
/// are faster with the dense Leontief: nonzeros() tells how full the factors came out.
///
/// Use it as `SparseLeontief` (= BasicSparseLeontief<double>); a class template for the reason given at
/// BasicLeontief: Eigen's SparseLU is compiled only in the translation units that use it. Only double
/// is implemented.
template <class Scalar = double>
class BasicSparseLeontief {
  static_assert(std::is_same_v<Scalar, double>, "BasicSparseLeontief is implemented for double only");

 public:
  using SparseMatrix = Eigen::SparseMatrix<Scalar>;  ///< column-major (CSC), int indices
  /// Eigen's supernodal sparse LU with the AMD ordering on the pattern of (I − A) + (I − A)ᵀ.
  using Factorisation = Eigen::SparseLU<SparseMatrix, detail::LeontiefOrdering<int>>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  ///< Eigen::MatrixXd
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;               ///< Eigen::VectorXd

  /// Factorises I − A with A = Z x̂⁻¹.
  /// @param Z intermediate flows, n x n sparse, non-negative (stored zeros and, uncompressed, duplicates allowed)
  /// @param x gross output, n, non-negative; zero only for sectors without inputs
  /// @param sectors optional sector names (n or empty) for messages
  /// @throws invalid_argument, domain_error see check_io_flows; domain_error for a singular or
  ///         non-productive system, naming the sectors whose input coefficients sum to 1 or more
  template <class Derived>
  BasicSparseLeontief(const Eigen::SparseMatrixBase<Derived>& Z, const Eigen::Ref<const Vector>& x,
                      std::vector<std::string> sectors = {})
      : sectors_(std::move(sectors)) {
    constexpr std::string_view function = "SparseLeontief";
    check_io_flows(function, Z, x, sectors_);
    const Derived& flows = Z.derived();
    const Eigen::Index n = flows.rows();
    // I − A from triplets: −z_ij / x_j off the diagonal, 1 − z_jj / x_j on it (duplicates summed).
    std::vector<Eigen::Triplet<Scalar>> entries;
    entries.reserve(static_cast<std::size_t>(flows.nonZeros() + n));
    Vector column_sums = Vector::Zero(n);
    for (Eigen::Index outer = 0; outer < flows.outerSize(); ++outer) {
      for (typename Derived::InnerIterator it(flows, outer); it; ++it) {
        if (it.value() == 0.0) continue;
        const double coefficient = it.value() * (1.0 / x(it.col()));  // as the dense Leontief rounds it
        column_sums(it.col()) += coefficient;
        entries.emplace_back(it.row(), it.col(), -coefficient);
      }
    }
    for (Eigen::Index j = 0; j < n; ++j) entries.emplace_back(j, j, 1.0);
    SparseMatrix system(n, n);
    system.setFromTriplets(entries.begin(), entries.end());
    std::vector<Eigen::Triplet<Scalar>>().swap(entries);
    factorise(function, system, column_sums);
  }

  /// Factorises I − A from given sparse technical coefficients.
  /// @param A technical coefficients, n x n sparse, non-negative and finite
  /// @param sectors optional sector names for messages
  /// @throws invalid_argument for a non-square or empty A; domain_error for negative/NaN coefficients
  ///         or a singular or non-productive system
  template <class Derived>
  static BasicSparseLeontief from_coefficients(const Eigen::SparseMatrixBase<Derived>& A,
                                               std::vector<std::string> sectors = {}) {
    constexpr std::string_view function = "SparseLeontief.from_coefficients";
    detail::check_coefficients_shape(function, A.rows(), A.cols(), sectors);
    const Derived& coefficients = A.derived();
    const Eigen::Index n = coefficients.rows();
    std::vector<Eigen::Triplet<Scalar>> entries;
    entries.reserve(static_cast<std::size_t>(coefficients.nonZeros() + n));
    Vector column_sums = Vector::Zero(n);
    for (Eigen::Index outer = 0; outer < coefficients.outerSize(); ++outer) {
      for (typename Derived::InnerIterator it(coefficients, outer); it; ++it) {
        const double a = it.value();
        detail::check_coefficient(function, it.row(), it.col(), a, sectors);
        if (a == 0.0) continue;
        column_sums(it.col()) += a;
        entries.emplace_back(it.row(), it.col(), -a);
      }
    }
    for (Eigen::Index j = 0; j < n; ++j) entries.emplace_back(j, j, 1.0);
    SparseMatrix system(n, n);
    system.setFromTriplets(entries.begin(), entries.end());
    std::vector<Eigen::Triplet<Scalar>>().swap(entries);
    BasicSparseLeontief result;
    result.sectors_ = std::move(sectors);
    result.factorise("SparseLeontief", system, column_sums);
    return result;
  }

  /// Number of sectors n.
  Eigen::Index size() const { return lu_->rows(); }

  /// Sector names given at construction (possibly empty).
  const std::vector<std::string>& sectors() const { return sectors_; }

  /// Nonzeros of I − A as factorised.
  Eigen::Index system_nonzeros() const { return system_nonzeros_; }

  /// Nonzeros of the LU factors (L and U): their memory is about 12 bytes each; n² means dense fill-in.
  Eigen::Index nonzeros() const { return lu_->nnzL() + lu_->nnzU(); }

  /// Output needed for final demand: X = L Y, solving (I − A) X = Y (one column per demand vector).
  /// With Pr (I − A) Pcᵀ = L U (Eigen's SparseLU): X = Pcᵀ U⁻¹ L⁻¹ Pr Y.
  /// @throws invalid_argument when Y has not n rows
  Matrix solve(const Eigen::Ref<const Matrix>& Y) const {
    check_same_size("SparseLeontief.solve", "final_demand (rows)", static_cast<std::size_t>(Y.rows()), "sectors",
                    static_cast<std::size_t>(size()));
    Matrix X(Y.rows(), Y.cols());
    for (Eigen::Index j = 0; j < Y.cols(); ++j) X.col(j) = lu_->rowsPermutation() * Y.col(j);
    lu_->matrixL().solveInPlace(X);
    lu_->matrixU().solveInPlace(X);
    for (Eigen::Index j = 0; j < X.cols(); ++j) X.col(j) = lu_->colsPermutation().inverse() * X.col(j);
    return X;
  }

  /// Solves (I − A)ᵀ X = B with the same factorisation: Pr (I − A) Pcᵀ = L U gives
  /// (I − A)ᵀ = Pcᵀ Uᵀ Lᵀ Pr, so X = Prᵀ L⁻ᵀ U⁻ᵀ Pc B.
  ///
  /// Why not Eigen's lu.transpose().solve(): SparseLU::transpose() is not const in Eigen 3.4; this is
  /// the same sequence of triangular solves.
  /// @throws invalid_argument when B has not n rows
  Matrix solve_transposed(const Eigen::Ref<const Matrix>& B) const {
    check_same_size("SparseLeontief.solve_transposed", "rhs (rows)", static_cast<std::size_t>(B.rows()),
                    "sectors", static_cast<std::size_t>(size()));
    Matrix X(B.rows(), B.cols());
    for (Eigen::Index j = 0; j < B.cols(); ++j) X.col(j) = lu_->colsPermutation() * B.col(j);
    lu_->matrixU().template solveTransposedInPlace<false>(X);
    lu_->matrixL().template solveTransposedInPlace<false>(X);
    for (Eigen::Index j = 0; j < X.cols(); ++j) X.col(j) = lu_->rowsPermutation().transpose() * X.col(j);
    return X;
  }

  /// Total multipliers S L (stressors x n), from the transposed system (I − A)ᵀ Mᵀ = Sᵀ
  /// (Miller & Blair 2009, sec. 10.2).
  /// @throws invalid_argument when S has not n columns
  Matrix multipliers(const Eigen::Ref<const Matrix>& S) const {
    return detail::system_multipliers(*this, S, "SparseLeontief.multipliers");
  }

  /// Column sums of L, 1ᵀ L: total output multipliers, the raw backward linkages (Rasmussen 1956).
  Vector column_sums() const { return solve_transposed(Vector::Ones(size())); }

  /// Row sums of the Ghosh inverse x̂⁻¹ L x̂, (L x)ᵢ / xᵢ: raw forward linkages (Miller & Blair 2009,
  /// sec. 12.2); 1 for a sector with zero output.
  /// @throws invalid_argument when x has not n elements
  Vector ghosh_row_sums(const Eigen::Ref<const Vector>& x) const {
    return detail::system_ghosh_row_sums(*this, x, "SparseLeontief.ghosh_row_sums");
  }

  /// The explicit Leontief inverse L = (I − A)⁻¹, a dense n x n matrix (generally full even for a sparse
  /// A). Only when asked: nothing else on the sparse path forms it. Solved in blocks of 256 columns so
  /// the result is the only n x n allocation.
  Matrix inverse() const {
    const Eigen::Index n = size();
    constexpr Eigen::Index block = 256;
    Matrix L(n, n);
    for (Eigen::Index j0 = 0; j0 < n; j0 += block) {
      const Eigen::Index columns = std::min(block, n - j0);
      L.middleCols(j0, columns) = solve(Matrix::Identity(n, n).middleCols(j0, columns));
    }
    return L;
  }

  /// Reciprocal 1-norm condition number of I − A, 1 / (‖I − A‖₁ ‖L‖₁): exact for the productive systems
  /// a SparseLeontief accepts (see detail::check_productive).
  double rcond() const { return rcond_; }

  /// The factorisation itself, for callers that solve with it directly.
  const Factorisation& lu() const { return *lu_; }

 private:
  BasicSparseLeontief() = default;

  void factorise(std::string_view function, const SparseMatrix& system, const Vector& column_sums) {
    const Eigen::Index n = system.rows();
    system_nonzeros_ = system.nonZeros();
    double norm_1 = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      double column = 0.0;
      for (typename SparseMatrix::InnerIterator it(system, j); it; ++it) column += std::abs(it.value());
      norm_1 = std::max(norm_1, column);
    }
    // Why a unique_ptr: SparseLU keeps views (MappedSuperNodalMatrix) into its own buffers, so it must
    // not be copied or moved; the pointer makes SparseLeontief movable.
    lu_ = std::make_unique<Factorisation>();
    lu_->analyzePattern(system);
    lu_->factorize(system);
    if (lu_->info() != Eigen::Success) {
      fail<domain_error>(function, "I - A is singular (sparse LU: " + lu_->lastErrorMessage() + ")" +
                                       detail::heavy_sectors(column_sums, sectors_));
    }
    rcond_ = detail::check_productive(
        function, n, norm_1, [this](const Vector& v) -> Vector { return solve(v); },
        [this](const Vector& v) -> Vector { return solve_transposed(v); }, column_sums, sectors_);
  }

  std::unique_ptr<Factorisation> lu_;
  double rcond_ = 0.0;
  Eigen::Index system_nonzeros_ = 0;
  std::vector<std::string> sectors_;
};

/// The sparse Leontief system in double precision.
using SparseLeontief = BasicSparseLeontief<>;

HAIDIAN_NAMESPACE_END
