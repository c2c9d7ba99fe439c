/// @file
/// Internal: an LU factorisation that takes ownership of the matrix it factorises (no second n x n copy).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // Index
#include <Eigen/LU>    // PartialPivLU

#include <cstddef>  // size_t
#include <cstdint>  // uintptr_t
#include <utility>  // move

#if defined(__linux__)
#include <sys/mman.h>  // madvise, MADV_HUGEPAGE
#include <unistd.h>    // sysconf
#endif

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Asks the kernel to back a large matrix with transparent huge pages (2 MB), before its first touch.
///
/// Why: the LU of a dense n x n matrix walks its columns (row swaps, panel updates), and on 4 KB pages
/// every column of a 64 KB-strided walk needs its own TLB entry. numpy gives its arrays of 4 MB or more
/// the same advice (numpy/_core/src/multiarray/alloc.c), which is what scipy's LU in the benchmark runs
/// on. Measured with Debian's OpenBLAS 0.3.21 dgetrf at n = 8,000 on the 2-core development machine
/// (C harness, alternating): 3.5-4.5 s (median 3.8) with the advice, 3.6-5.7 s (median 5.3) without.
/// Advice only: a no-op on
/// other systems, for small matrices, or when huge pages are disabled; errors are ignored.
inline void advise_huge_pages(double* data, std::size_t count) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const std::size_t bytes = count * sizeof(double);
  if (data == nullptr || bytes < (std::size_t{1} << 22)) return;
  const long page_size = sysconf(_SC_PAGESIZE);
  if (page_size <= 0) return;
  const auto page = static_cast<std::uintptr_t>(page_size);
  const auto first = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (first + page - 1) / page * page;  // whole pages inside the allocation
  const std::uintptr_t end = (first + bytes) / page * page;
  if (end > begin) static_cast<void>(madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE));
#else
  static_cast<void>(data);
  static_cast<void>(count);
#endif
}

/// An uninitialised n x n matrix advised onto huge pages (advise_huge_pages): the storage of I − A.
template <class Matrix>
Matrix huge_page_matrix(Eigen::Index n) {
  Matrix matrix(n, n);
  advise_huge_pages(matrix.data(), static_cast<std::size_t>(matrix.size()));
  return matrix;
}

/// PartialPivLU<Matrix> factorising a moved-in matrix in place.
///
/// Why: Eigen's PartialPivLU<MatrixXd>(m) copies m into its own storage, so building I − A and then
/// factorising it would hold two n x n matrices at once (1 GB at n = 8,000). Moving the matrix into
/// the protected storage and calling the protected compute() keeps one. Built with EIGEN_USE_LAPACKE
/// (the Python module's HAIDIAN_USE_BLAS), compute() runs LAPACK's dgetrf on that same storage, so the
/// factorisation stays in place either way. A template so that the factorisation is compiled only where
/// it is used.
template <class Matrix>
class InPlaceLU : public Eigen::PartialPivLU<Matrix> {
 public:
  InPlaceLU() = default;
  /// @param matrix square matrix to factorise; moved from.
  explicit InPlaceLU(Matrix&& matrix) {
    this->m_lu = std::move(matrix);
    this->m_p.resize(this->m_lu.rows());
    this->compute();
  }
};

}  // namespace detail
HAIDIAN_NAMESPACE_END
