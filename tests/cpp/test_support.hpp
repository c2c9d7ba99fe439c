/// @file
/// Helpers shared by the C++ test suites (header only: the test executable globs only *.cpp).
#pragma once

#include <initializer_list>
#include <string>

#include <Eigen/Core>

namespace haidian_test {

/// The what() text of the E that f() throws, or "<no exception>" when it throws none, so a test can
/// compare the whole message with `BOOST_TEST(message_of<E>(f) == "...")`. Any other exception type
/// propagates and fails the test case.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& error) {
    return error.what();
  }
  return "<no exception>";
}

/// A vector from a list of values: vec({1.0, 2.0}).
inline Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double x : values) v[i++] = x;
  return v;
}

}  // namespace haidian_test
