// Argument checks: messages name the function, the argument (with its index) and the value.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/errors.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

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
  BOOST_CHECK_THROW(haidian::fail<haidian::invalid_argument>("f", "x"), std::invalid_argument);
  BOOST_CHECK_THROW(haidian::fail<haidian::unit_error>("add", "units differ"), std::invalid_argument);
  BOOST_CHECK_THROW(haidian::fail<haidian::domain_error>("log", "x"), std::domain_error);
  BOOST_CHECK_THROW(haidian::fail<haidian::type_error>("f", "x"), std::invalid_argument);
}

// Throws E through fail() and catches it as haidian::error: the message and kind it carries.
template <class E>
std::pair<std::string, haidian::errc> caught_as_haidian_error() {
  try {
    haidian::fail<E>("convert", "unit t cannot be converted to km2");
  } catch (const haidian::error& error) {
    return {error.what(), error.code()};
  }
  return {"<not caught>", haidian::errc::invalid_argument};
}

BOOST_AUTO_TEST_CASE(every_exception_is_a_haidian_error_with_its_kind) {
  const std::string text = "convert: unit t cannot be converted to km2";
  const auto invalid = caught_as_haidian_error<haidian::invalid_argument>();
  const auto domain = caught_as_haidian_error<haidian::domain_error>();
  const auto unit = caught_as_haidian_error<haidian::unit_error>();
  const auto type = caught_as_haidian_error<haidian::type_error>();
  BOOST_TEST(invalid.first == text);
  BOOST_TEST(domain.first == text);
  BOOST_TEST(unit.first == text);
  BOOST_TEST(type.first == text);
  BOOST_TEST((invalid.second == haidian::errc::invalid_argument));
  BOOST_TEST((domain.second == haidian::errc::domain_error));
  BOOST_TEST((unit.second == haidian::errc::unit_error));
  BOOST_TEST((type.second == haidian::errc::type_error));
}

BOOST_AUTO_TEST_CASE(std_exception_still_catches_them_once) {
  // A second std::exception base would make this catch ambiguous, so it would not match at all.
  std::string text;
  try {
    haidian::fail<haidian::unit_error>("add", "units differ");
  } catch (const std::exception& error) {
    text = error.what();
  }
  BOOST_TEST(text == "add: units differ");
}

BOOST_AUTO_TEST_CASE(argument_checks_raise_haidian_errors) {
  BOOST_CHECK_THROW(haidian::check_positive("f", "x", 0.0), haidian::error);
  BOOST_CHECK_THROW(haidian::check_nonempty("f", "x", 0), haidian::error);
}

BOOST_AUTO_TEST_SUITE_END()
