// Argument checks: messages name the function, the argument (with its index) and the value.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/errors.hpp>

#include <cmath>
#include <limits>
#include <string>

using haidian_test::message_of;

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(check_positive_names_function_argument_index_and_value) {
  const auto text = message_of<haidian::domain_error>(
      [] { haidian::check_positive("decompose", "intensity", -1.2, 3, 2); });
  BOOST_TEST(text == "decompose: intensity[3, 2] is -1.2, but must be positive and finite");
}

BOOST_AUTO_TEST_CASE(check_positive_rejects_nan_zero_and_infinity) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  BOOST_CHECK_THROW(haidian::check_positive("f", "x", nan), haidian::domain_error);
  BOOST_CHECK_THROW(haidian::check_positive("f", "x", 0.0), haidian::domain_error);
  BOOST_CHECK_THROW(haidian::check_positive("f", "x", HUGE_VAL), haidian::domain_error);
  BOOST_CHECK_NO_THROW(haidian::check_positive("f", "x", 1e-300));
}

BOOST_AUTO_TEST_CASE(check_finite_and_nonnegative) {
  BOOST_TEST(message_of<haidian::domain_error>([] {
               haidian::check_finite("growth", "values", std::nan(""), 4);
             }) == "growth: values[4] is nan, but must be finite");
  BOOST_CHECK_THROW(haidian::check_nonnegative("f", "x", -0.5), haidian::domain_error);
  BOOST_CHECK_NO_THROW(haidian::check_nonnegative("f", "x", 0.0));
}

BOOST_AUTO_TEST_CASE(size_checks) {
  BOOST_TEST(message_of<haidian::invalid_argument>([] { haidian::check_nonempty("cagr", "values", 0); }) ==
             "cagr: values is empty");
  BOOST_TEST(message_of<haidian::invalid_argument>([] {
               haidian::check_same_size("deflate", "values", 4, "price_index", 5);
             }) == "deflate: values has 4 elements but price_index has 5; they must match");
}

BOOST_AUTO_TEST_CASE(exceptions_derive_from_standard_ones) {
  // Python maps std::invalid_argument and std::domain_error to ValueError with no binding code.
  BOOST_CHECK_THROW(haidian::fail<haidian::unit_error>("add", "units differ"), std::invalid_argument);
  BOOST_CHECK_THROW(haidian::fail<haidian::domain_error>("log", "x"), std::domain_error);
  BOOST_CHECK_THROW(haidian::fail<haidian::type_error>("f", "x"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
