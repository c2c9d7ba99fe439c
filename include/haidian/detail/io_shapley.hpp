/// @file
/// Internal: weights turning the values of an identity at every mix of two years into factor effects.
///
/// Subset s (bit k set: factor k at its end-year value, otherwise at its base-year value) has value V(s).
/// An additive effect is Σ_s C(s, k) V(s) for a coefficient matrix C (2^K x K); a multiplicative one is
/// exp(Σ_s C(s, k) ln V(s)). Both closing forms follow from Σ_k C(s, k) = [s = all] − [s = none].
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <Eigen/Core>  // MatrixXd

#include <cstddef>

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Number of set bits of a subset mask.
inline int subset_size(unsigned mask) {
  int count = 0;
  for (; mask != 0U; mask &= mask - 1U) ++count;
  return count;
}

/// Exact average over all K! orderings (Shapley value; Sun 1998; Dietzenbacher & Los 1998, eq. 9):
/// C(s, k) = w(|s| − 1) if k ∈ s, −w(|s|) otherwise, with w(m) = m! (K − m − 1)! / K!.
inline Eigen::MatrixXd shapley_coefficients(int factors) {
  const unsigned subsets = 1U << static_cast<unsigned>(factors);
  // w(m) = 1 / (K * binomial(K − 1, m)), built without factorials (exact for small K).
  Eigen::VectorXd weight(factors);
  double binomial = 1.0;
  for (int m = 0; m < factors; ++m) {
    weight(m) = 1.0 / (static_cast<double>(factors) * binomial);
    binomial = binomial * static_cast<double>(factors - 1 - m) / static_cast<double>(m + 1);
  }
  Eigen::MatrixXd C = Eigen::MatrixXd::Zero(subsets, factors);
  for (unsigned s = 0; s < subsets; ++s) {
    const int size = subset_size(s);
    for (int k = 0; k < factors; ++k) {
      const bool in = (s >> static_cast<unsigned>(k)) & 1U;
      C(s, k) = in ? weight(size - 1) : (size < factors ? -weight(size) : 0.0);
    }
  }
  return C;
}

/// Average of the two polar decompositions (Dietzenbacher & Los 1998, eqs. 5-6): factors change in
/// the order given (earlier factors at end-year values) and in the reverse order.
inline Eigen::MatrixXd two_polar_coefficients(int factors) {
  const unsigned subsets = 1U << static_cast<unsigned>(factors);
  const unsigned all = subsets - 1U;
  Eigen::MatrixXd C = Eigen::MatrixXd::Zero(subsets, factors);
  for (int k = 0; k < factors; ++k) {
    const unsigned bit = 1U << static_cast<unsigned>(k);
    const unsigned before = bit - 1U;             // factors 0..k-1
    const unsigned after = all & ~(before | bit);  // factors k+1..K-1
    C(before | bit, k) += 0.5;  // first polar: factors before k already at end-year values
    C(before, k) -= 0.5;
    C(after | bit, k) += 0.5;  // second polar: factors after k already at end-year values
    C(after, k) -= 0.5;
  }
  return C;
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
