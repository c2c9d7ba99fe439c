/// @file
/// The periods x sectors panel type every decomposition input and by-sector output uses.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // Array, Dynamic, RowMajor

HAIDIAN_NAMESPACE_BEGIN

/// Periods x sectors, row-major: a C-ordered numpy array (or a row of one period) maps onto it
/// without a copy, and one period's sectors are contiguous, which is how the kernels walk it.
using Panel = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

HAIDIAN_NAMESPACE_END
