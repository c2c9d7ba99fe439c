/// @file
/// The periods x sectors panel type every decomposition input and by-sector output uses, and the
/// non-owning view the decomposition reads its factors through.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cstddef>      // ptrdiff_t
#include <type_traits>  // decay_t, enable_if_t, is_base_of_v, is_rvalue_reference_v, is_same_v

#include <Eigen/Core>  // Array, Dynamic, RowMajor, DenseBase, PlainObjectBase, Ref, DirectAccessBit

HAIDIAN_NAMESPACE_BEGIN

/// Periods x sectors, row-major: a C-ordered numpy array (or a row of one period) maps onto it
/// without a copy, and one period's sectors are contiguous, which is how the kernels walk it.
using Panel = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

namespace detail {

template <class T>
struct is_eigen_ref : std::false_type {};
template <class T, int Options, class Stride>
struct is_eigen_ref<Eigen::Ref<T, Options, Stride>> : std::true_type {};

/// Eigen types that may own the values they expose: a plain Matrix/Array, and an Eigen::Ref<const T>,
/// which holds a private copy when the source's layout does not match. A view of such a temporary
/// would dangle at the end of the statement.
template <class T>
constexpr bool may_own_storage = std::is_base_of_v<Eigen::PlainObjectBase<T>, T> || is_eigen_ref<T>::value;

template <class T>
constexpr bool is_eigen_dense = std::is_base_of_v<Eigen::DenseBase<T>, T>;

}  // namespace detail

/// A read-only, non-owning view of one decomposition factor: periods x sectors values whose sectors
/// are contiguous in memory (row-major, any distance between periods), or periods x 1 (an aggregate
/// factor, any distance between periods).
///
/// Why a view type and not `Eigen::Ref<const Panel>`: a Ref bound to a column-major array silently
/// holds a row-major copy inside itself, and copying the Ref (as a std::vector initialiser list
/// does) keeps a pointer into the copy that is about to die. PanelView never copies: it accepts,
/// at compile time, only storage it can read in place, and refuses temporaries that own their values.
/// The viewed data must outlive the view.
class PanelView {
 public:
  /// Views `source`: a haidian::Panel (or any row-major Eigen array/matrix with contiguous rows, a
  /// row-major block of one, an Eigen::Map<const haidian::Panel>), or a single column (an
  /// Eigen::VectorXd / ArrayXd, `x.col(j)`), which is a periods x 1 aggregate factor.
  template <class Source, std::enable_if_t<detail::is_eigen_dense<std::decay_t<Source>>, int> = 0>
  PanelView(Source&& source) {  // NOLINT(google-explicit-constructor): {q, s, e} lists are the point
    using S = std::decay_t<Source>;
    static_assert(std::is_same_v<typename S::Scalar, double>,
                  "haidian::PanelView: the values must be double; convert once into a named haidian::Panel "
                  "(haidian::Panel p = x.cast<double>();) and pass p");
    static_assert((S::Flags & Eigen::DirectAccessBit) != 0,
                  "haidian::PanelView: an Eigen expression (such as a * b) has no values in memory to view; "
                  "evaluate it once into a named haidian::Panel and pass that");
    constexpr bool column = S::ColsAtCompileTime == 1;
    constexpr bool contiguous_rows = (S::Flags & Eigen::RowMajorBit) != 0 && S::InnerStrideAtCompileTime == 1;
    static_assert(column || contiguous_rows,
                  "haidian::PanelView: a periods x sectors factor must be row-major with contiguous rows "
                  "(haidian::Panel, or Eigen::Map<const haidian::Panel> over your data); a column-major "
                  "array would need a copy. Convert once (haidian::Panel p = x;) and pass p, or pass a "
                  "single column (Eigen::VectorXd, x.col(j)) for an aggregate factor");
    static_assert(!(std::is_rvalue_reference_v<Source&&> && detail::may_own_storage<S>),
                  "haidian::PanelView: this temporary owns its values, which are destroyed at the end of "
                  "the statement, so the view would dangle; store the factor in a named haidian::Panel "
                  "(or view data that outlives the view with Eigen::Map<const haidian::Panel>)");
    data_ = source.data();
    rows_ = static_cast<std::ptrdiff_t>(source.rows());
    cols_ = static_cast<std::ptrdiff_t>(source.cols());
    if constexpr (column) {
      row_stride_ = static_cast<std::ptrdiff_t>(source.innerStride());
    } else {
      row_stride_ = static_cast<std::ptrdiff_t>(source.outerStride());
    }
  }

  /// The first value (period 0, sector 0).
  const double* data() const noexcept { return data_; }
  std::ptrdiff_t rows() const noexcept { return rows_; }  ///< periods
  std::ptrdiff_t cols() const noexcept { return cols_; }  ///< sectors (1: an aggregate factor)
  /// Distance in doubles from one period's first value to the next period's.
  std::ptrdiff_t row_stride() const noexcept { return row_stride_; }
  /// Period t's values (cols() of them, contiguous).
  const double* row(std::ptrdiff_t t) const noexcept { return data_ + t * row_stride_; }
  /// The value of period t, sector i.
  double operator()(std::ptrdiff_t t, std::ptrdiff_t i) const noexcept { return row(t)[i]; }

 private:
  const double* data_ = nullptr;
  std::ptrdiff_t rows_ = 0, cols_ = 0, row_stride_ = 0;
};

HAIDIAN_NAMESPACE_END
