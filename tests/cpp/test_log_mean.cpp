// The logarithmic mean: exact special cases, limits, and a few-ulp accuracy in every regime,
// checked against an independent long-double evaluation (64-bit mantissa, 2^11 x more precise).
#include <boost/test/unit_test.hpp>

#include <haidian/log_mean.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

namespace {

// Reference L(a, b) in long double: series in u = (a-b)/(a+b) near a == b (no cancellation),
// the definition elsewhere (a/b carries a 2^-64 rounding, ln(a/b) is then accurate to ~1e-19).
long double reference_log_mean(long double a, long double b) {
  if (a == b) return a;
  if (a == 0 || b == 0) return 0;
  const long double u = (a - b) / (a + b);
  if (std::fabs(static_cast<double>(u)) < 1e-3) {
    const long double v = u * u;  // atanh(u)/u = 1 + v/3 + v^2/5 + ...; v < 1e-6: 5 terms are plenty
    return (a + b) / 2 / (1 + v * (1.0L / 3 + v * (1.0L / 5 + v * (1.0L / 7 + v / 9))));
  }
  const long double ratio = a / b;
  if (std::isfinite(static_cast<double>(ratio)) && ratio > 1e-4000L) return (a - b) / std::log(ratio);
  return (a - b) / (std::log(a) - std::log(b));
}

// Distance in units in the last place between two doubles of the same sign.
std::int64_t ulps(double x, double y) {
  std::int64_t ix, iy;
  std::memcpy(&ix, &x, sizeof x);
  std::memcpy(&iy, &y, sizeof y);
  return ix > iy ? ix - iy : iy - ix;
}

std::int64_t error_ulps(double a, double b) {
  return ulps(haidian::log_mean(a, b), static_cast<double>(reference_log_mean(a, b)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(log_mean)

BOOST_AUTO_TEST_CASE(equal_arguments_give_the_value_exactly) {
  // The bug of other tools: L(a, a) returned as 0/0 = NaN or as 0.
  for (const double a : {1.0, 0.1, 3e-310, 1e300, 123.456}) BOOST_TEST(haidian::log_mean(a, a) == a);
  BOOST_TEST(haidian::log_mean(0.0, 0.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(zero_argument_gives_zero) {
  BOOST_TEST(haidian::log_mean(5.0, 0.0) == 0.0);
  BOOST_TEST(haidian::log_mean(0.0, 5.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(known_values) {
  // L(1, e) = (e - 1)/1; L(1, 2) = 1/ln 2; L(4, 1) = 3/ln 4.
  BOOST_TEST(haidian::log_mean(1.0, std::exp(1.0)) == std::exp(1.0) - 1.0,
             boost::test_tools::tolerance(4e-16));
  BOOST_TEST(haidian::log_mean(1.0, 2.0) == 1.0 / std::log(2.0), boost::test_tools::tolerance(4e-16));
  BOOST_TEST(haidian::log_mean(4.0, 1.0) == 3.0 / std::log(4.0), boost::test_tools::tolerance(4e-16));
}

BOOST_AUTO_TEST_CASE(symmetric_and_between_geometric_and_arithmetic_mean) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-30, 30);
  for (int n = 0; n < 2000; ++n) {
    const double a = std::pow(10.0, exponent(rng)), b = std::pow(10.0, exponent(rng));
    const double L = haidian::log_mean(a, b);
    BOOST_TEST(L == haidian::log_mean(b, a));
    BOOST_TEST(L >= std::sqrt(a) * std::sqrt(b) * (1 - 1e-15));
    BOOST_TEST(L <= (a / 2 + b / 2) * (1 + 1e-15));
  }
}

BOOST_AUTO_TEST_CASE(few_ulps_when_the_arguments_are_close) {
  // The naive (a - b)/(ln a - ln b) loses ~5 digits at b = a(1 + 1e-11); we must not.
  int worst = 0;
  for (const double a : {1.0, 0.3, 7.5e5, 2.2e-200}) {
    for (int k = 1; k < 2000; k += 7) {
      const double b = a * (1 + k * std::numeric_limits<double>::epsilon());
      worst = std::max<int>(worst, static_cast<int>(error_ulps(a, b)));
      const double c = std::nextafter(a, 0.0);
      worst = std::max<int>(worst, static_cast<int>(error_ulps(a, c)));
    }
    for (const double relative : {1e-12, 1e-9, 1e-6, 1e-4, 1e-2, 0.1, 0.4, 0.9, 0.99}) {
      worst = std::max<int>(worst, static_cast<int>(error_ulps(a, a * (1 + relative))));
      worst = std::max<int>(worst, static_cast<int>(error_ulps(a, a * (1 - relative))));
    }
  }
  BOOST_TEST(worst <= 4);
}

BOOST_AUTO_TEST_CASE(few_ulps_when_the_arguments_are_far_apart) {
  // a << b: the log1p form t = a/b - 1 loses accuracy here; we use ln(b/a) and stay exact.
  int worst = 0;
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-300, 300);
  for (int n = 0; n < 20000; ++n) {
    const double a = std::pow(10.0, exponent(rng)), b = std::pow(10.0, exponent(rng));
    worst = std::max<int>(worst, static_cast<int>(error_ulps(a, b)));
  }
  for (const double b : {1e-300, 5e-324, 1e-320, 1e-10, 2.0000001, 3.0}) {
    worst = std::max<int>(worst, static_cast<int>(error_ulps(1.0, b)));
    worst = std::max<int>(worst, static_cast<int>(error_ulps(1e300, b)));
  }
  worst = std::max<int>(worst, static_cast<int>(error_ulps(1.7e308, 1e-308)));
  BOOST_TEST(worst <= 4);
}

BOOST_AUTO_TEST_CASE(invalid_arguments_are_named) {
  try {
    haidian::log_mean(-1.0, 2.0);
    BOOST_FAIL("no exception");
  } catch (const haidian::domain_error& error) {
    BOOST_TEST(std::string(error.what()) == "log_mean: a is -1, but must be non-negative and finite");
  }
  BOOST_CHECK_THROW(haidian::log_mean(1.0, std::nan("")), haidian::domain_error);
  BOOST_CHECK_THROW(haidian::log_mean(std::numeric_limits<double>::infinity(), 1.0), haidian::domain_error);
}

BOOST_AUTO_TEST_SUITE_END()

#include <haidian/detail/simd_ops.hpp>

BOOST_AUTO_TEST_SUITE(log_mean_kernels)

BOOST_AUTO_TEST_CASE(vectorised_logs_match_std_log_within_one_ulp) {
  // The LMDI kernels take their logs in vector form (AVX2, AVX-512 when the CPU has them): each
  // instruction set must agree with std::log to 1 ulp and give std::log's special values.
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> exponent(-307, 307), near_one(0.5, 2.0);
  std::vector<double> x(10007);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = i % 2 ? near_one(rng) : std::pow(10.0, exponent(rng));
  const double specials[] = {0.0, -1.0, std::numeric_limits<double>::infinity(), std::nan(""), 4e-320,
                             1.0, std::numeric_limits<double>::max(), std::numeric_limits<double>::min()};
  for (std::size_t i = 0; i < 8; ++i) x[100 + i] = specials[i];
  for (const haidian::Simd simd : {haidian::Simd::generic, haidian::Simd::avx2, haidian::Simd::avx512}) {
    BOOST_TEST_CONTEXT("instruction set " << haidian::simd_name(simd)) {
      std::vector<double> y = x;
      haidian::detail::log_inplace(y.data(), static_cast<std::ptrdiff_t>(y.size()), simd);
      std::int64_t worst = 0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double expected = std::log(x[i]);
        if (std::isnan(expected)) {
          BOOST_TEST(std::isnan(y[i]));
        } else if (std::isinf(expected)) {
          BOOST_TEST(y[i] == expected);
        } else {
          worst = std::max(worst, ulps(y[i], expected));
        }
      }
      BOOST_TEST(worst <= 1);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

#include <haidian/detail/decomp_common.hpp>

BOOST_AUTO_TEST_SUITE(log_mean_series)

BOOST_AUTO_TEST_CASE(kernel_series_agrees_with_the_reference_to_three_ulps) {
  // The kernels' division-free series for |u| < 1/16 against the long-double reference: within a
  // few ulps (the rounding of p + q and of the Horner steps).
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> scale(-200, 200), ratio(1.0, 17.0 / 15.0);  // u up to 1/16
  int worst = 0;
  for (int n = 0; n < 100000; ++n) {
    const double q = std::pow(10.0, scale(rng));
    const double p = q * (n % 5 == 0 ? 1.0 + n * 1e-16 : ratio(rng));
    const double sum = p + q, u = (p - q) / sum;
    if (!(u * u < 1.0 / 256.0)) continue;
    worst = std::max<int>(worst, static_cast<int>(ulps(haidian::detail::log_mean_near(sum, u * u),
                                                       static_cast<double>(reference_log_mean(p, q)))));
  }
  BOOST_TEST(worst <= 3);
  BOOST_TEST(haidian::detail::log_mean_near(6.0, 0.0) == 3.0);  // p == q == 3
}

BOOST_AUTO_TEST_SUITE_END()
