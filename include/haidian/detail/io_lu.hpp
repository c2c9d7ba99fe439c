/// @file
/// Internal: an LU factorisation that takes ownership of the matrix it factorises (no second n x n copy).
#pragma once

#include <Eigen/Core>  // MatrixXd
#include <Eigen/LU>    // PartialPivLU

#include <utility>  // move

namespace haidian::detail {

/// PartialPivLU<MatrixXd> factorising a moved-in matrix in place.
///
/// Why: Eigen's PartialPivLU<MatrixXd>(m) copies m into its own storage, so building I − A and then
/// factorising it would hold two n x n matrices at once (1 GB at n = 8,000). Moving the matrix into
/// the protected storage and calling the protected compute() keeps one. Built with EIGEN_USE_LAPACKE
/// (the Python module's HAIDIAN_USE_BLAS), compute() runs LAPACK's dgetrf on that same storage, so the
/// factorisation stays in place either way.
class InPlaceLU : public Eigen::PartialPivLU<Eigen::MatrixXd> {
 public:
  InPlaceLU() = default;
  /// @param matrix square matrix to factorise; moved from.
  explicit InPlaceLU(Eigen::MatrixXd&& matrix) {
    m_lu = std::move(matrix);
    m_p.resize(m_lu.rows());
    compute();
  }
};

}  // namespace haidian::detail
