// Extreme magnitudes: every result from finite valid input is finite and close to the exact value
// (worked out by hand below), or an error says what is out of the range of a double.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/decomposition.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using haidian::Panel;
using haidian_test::message_of;

Panel column(double first, double second) {
  Panel p(2, 1);
  p << first, second;
  return p;
}

haidian::DecompositionOptions with(haidian::Method method, haidian::Mode mode = haidian::Mode::additive) {
  haidian::DecompositionOptions options;
  options.method = method;
  options.mode = mode;
  return options;
}

const haidian::Method all_methods[] = {haidian::Method::lmdi1, haidian::Method::lmdi2, haidian::Method::shapley};

}  // namespace

BOOST_AUTO_TEST_SUITE(decomposition_extremes)

// a: 1e-300 -> 1e300, b: 1 -> 2 (aggregate factors). The ratio a^T/a^0 = 1e600 overflows; its log
// is 600 ln 10. One sector, so LMDI-I and LMDI-II give dV_k = L(V^T, V^0) ln(x_k^T/x_k^0) with
// L = (2e300 - 1e-300)/(600 ln 10 + ln 2).
BOOST_AUTO_TEST_CASE(a_ratio_beyond_the_doubles_is_a_difference_of_logs) {
  const Panel a = column(1e-300, 1e300), b = column(1.0, 2.0);
  const double log_a = 600.0 * std::log(10.0), log_b = std::log(2.0);
  const double L = 2e300 / (log_a + log_b);
  for (const auto method : {haidian::Method::lmdi1, haidian::Method::lmdi2}) {
    const auto r = haidian::decompose({a, b}, with(method));
    BOOST_TEST(r.effects(0, 0) == L * log_a, boost::test_tools::tolerance(1e-13));
    BOOST_TEST(r.effects(0, 1) == L * log_b, boost::test_tools::tolerance(1e-13));
    BOOST_TEST(r.total(0) == 2e300);
    BOOST_TEST(std::abs(r.closure(0)) <= haidian::closure_tolerance);
  }
  // Shapley: phi_a = (a^T - a^0)(b^0 + b^T)/2, phi_b = (b^T - b^0)(a^0 + a^T)/2.
  const auto s = haidian::decompose({a, b}, with(haidian::Method::shapley));
  BOOST_TEST(s.effects(0, 0) == 1.5e300, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(s.effects(0, 1) == 0.5e300, boost::test_tools::tolerance(1e-15));
  // The multiplicative index V^T/V^0 = 2e600 is no double: a clear error, in every method.
  for (const auto method : all_methods) {
    BOOST_TEST(message_of<haidian::domain_error>([&] {
                 haidian::decompose({a, b}, with(method, haidian::Mode::multiplicative));
               }) == "decompose: the aggregate changes from 1e-300 to 2e+300 in the step to period 1, a ratio "
                     "beyond the range of a double; use additive mode");
  }
}

// 2 -> 5e-324 (the smallest subnormal): the ratio underflows to 0. The whole change -2 (to within
// 5e-324) is the factor's: L(5e-324, 2) ln(5e-324/2) = 5e-324 - 2. LMDI-II would divide by the
// aggregate 5e-324 (its shares), whose reciprocal is no double: an error that says so.
BOOST_AUTO_TEST_CASE(a_ratio_below_the_doubles_is_a_difference_of_logs) {
  const Panel a = column(2.0, 5e-324), b = column(1.0, 1.0);
  for (const auto method : {haidian::Method::lmdi1, haidian::Method::shapley}) {
    const auto r = haidian::decompose({a, b}, with(method));
    BOOST_TEST(r.effects(0, 0) == -2.0, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(r.effects(0, 1) == 0.0);
  }
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({a, b}, with(haidian::Method::lmdi2)); }) ==
             "decompose: the aggregate is 2 in period 0 and 5e-324 in period 1, but LMDI-II divides by it "
             "(shares) and its reciprocal overflows a double; rescale the factors (e.g. other units) or use LMDI-I");
}

// LMDI-II with one sector leaving and one entering while the continuing sector's share shrinks to
// eps: only a changes in the continuing sector (b is constant), so ln D_b = 0 and a takes the whole
// change. The limit parts (-1 and +1 in shares) cancel to O(eps); dividing their rounding by the
// weight sum (~eps) used to miss closure by up to 1%.
BOOST_AUTO_TEST_CASE(lmdi2_closes_when_the_continuing_share_is_tiny) {
  for (const double eps : {1e-4, 1e-8, 1e-12, 1e-14}) {
    Panel a(2, 3), b(2, 3);
    a << 1.0, eps, 0.0, 0.0, 1.1 * eps, 1.0;
    b << 2.0, 1.0, 3.0, 2.0, 1.0, 3.0;
    for (const auto mode : {haidian::Mode::additive, haidian::Mode::multiplicative}) {
      const auto r = haidian::decompose({a, b}, with(haidian::Method::lmdi2, mode));
      BOOST_TEST_CONTEXT("eps " << eps << (mode == haidian::Mode::additive ? " additive" : " multiplicative")) {
        BOOST_TEST(std::abs(r.closure(0)) <= 1e-15);
        if (mode == haidian::Mode::additive) {
          BOOST_TEST(r.effects(0, 0) == (3.0 + 1.1 * eps) - (2.0 + eps), boost::test_tools::tolerance(1e-14));
          BOOST_TEST(std::abs(r.effects(0, 1)) <= 1e-15);
        } else {
          BOOST_TEST(r.effects(0, 0) == (3.0 + 1.1 * eps) / (2.0 + eps), boost::test_tools::tolerance(1e-14));
          BOOST_TEST(r.effects(0, 1) == 1.0, boost::test_tools::tolerance(1e-15));
        }
      }
    }
  }
}

// 0 x inf inside Sun's formula: c = 0 throughout and a = b = 1e300, so a b = 1e600 appears in
// c's marginal products although every full product is 0. Nothing changes: all effects are 0.
BOOST_AUTO_TEST_CASE(shapley_partial_products_do_not_overflow) {
  const Panel c = column(0.0, 0.0), a = column(1e300, 1e300), b = column(1e300, 1e300);
  const auto r = haidian::decompose({c, a, b}, with(haidian::Method::shapley));
  BOOST_TEST(r.effects(0, 0) == 0.0);
  BOOST_TEST(r.effects(0, 1) == 0.0);
  BOOST_TEST(r.effects(0, 2) == 0.0);
  BOOST_TEST(r.closure(0) == 0.0);
  // c: 1e-300 -> 2e-300 with a = b = 1e300: the aggregate 1e300 -> 2e300 is all c's.
  const Panel c2 = column(1e-300, 2e-300);
  const auto r2 = haidian::decompose({c2, a, b}, with(haidian::Method::shapley));
  BOOST_TEST(r2.effects(0, 0) == 1e300, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(r2.effects(0, 1) == 0.0);
  BOOST_TEST(r2.effects(0, 2) == 0.0);
}

// a: 1 -> 1e300, b: 1e300 -> 1: V = 1e300 at both ends, but the mix (a^T, b^0) is 1e600.
// Multiplicative Shapley: ln D_a = (ln V(a) - ln V() + ln V(ab) - ln V(b))/2 = 300 ln 10.
// Additive Shapley: phi_a = (a^T - a^0)(b^0 + b^T)/2 ~ 5e599, beyond the doubles: an error.
BOOST_AUTO_TEST_CASE(shapley_mixed_aggregates_beyond_the_doubles) {
  const Panel a = column(1.0, 1e300), b = column(1e300, 1.0);
  const auto r = haidian::decompose({a, b}, with(haidian::Method::shapley, haidian::Mode::multiplicative));
  BOOST_TEST(std::log(r.effects(0, 0)) == 300.0 * std::log(10.0), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(std::log(r.effects(0, 1)) == -300.0 * std::log(10.0), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.total(0) == 1.0);
  haidian::DecompositionOptions options = with(haidian::Method::shapley);
  options.factor_names = {"a", "b"};
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({a, b}, options); }) ==
             "decompose: the effect of factors['a'] in the step to period 1 is inf, beyond the range of a "
             "double; rescale the factors");
}

// Sectoral factors 1e-200, 1e-200, 1e250: their product 1e-150 is a double, but 1e-200 * 1e-200
// is not. c doubles, so the aggregate goes 1e-150 -> 2e-150, all of it c's effect.
BOOST_AUTO_TEST_CASE(products_that_underflow_part_way_are_formed_again) {
  Panel a(2, 2), b(2, 2), c(2, 2);
  a << 1e-200, 1.0, 1e-200, 1.0;
  b << 1e-200, 1.0, 1e-200, 1.0;
  c << 1e250, 0.0, 2e250, 0.0;
  for (const auto method : all_methods) {
    const auto r = haidian::decompose({a, b, c}, with(method));
    BOOST_TEST(r.start_value(0) == 1e-150, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(r.end_value(0) == 2e-150, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(r.effects(0, 2) == 1e-150, boost::test_tools::tolerance(1e-13));
    BOOST_TEST(std::abs(r.effects(0, 0)) <= 1e-165);
    BOOST_TEST(std::abs(r.effects(0, 1)) <= 1e-165);
  }
}

BOOST_AUTO_TEST_CASE(sums_and_products_beyond_the_doubles_are_errors) {
  Panel big(2, 2);
  big << 1.5e308, 1.5e308, 1.0, 1.0;
  for (const auto method : all_methods) {
    BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({big}, with(method)); }) ==
               "decompose: the aggregate is inf in period 0 and 2 in period 1, but must be finite: the sum over "
               "the sectors overflows a double; rescale the factors (e.g. other units)");
  }
  const Panel a = column(1e300, 1e300), b = column(1e10, 1.0);
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({a, b}); }) ==
             "decompose: the product of the factors in period 0, sector 0 overflows a double; rescale the "
             "factors (e.g. other units)");
}

// Aggregate 0 at both ends with effects that are not (signed values, Shapley): the residual is
// relative to the effects, so rounding in them still reads as closure.
BOOST_AUTO_TEST_CASE(shapley_closure_with_a_zero_aggregate) {
  Panel a(2, 2), b(2, 2);
  a << 1e20, 3e20, 1.1e20, 2.9e20;
  b << 0.3, -0.1, 0.3, -0.1 * 1.1 / 2.9 * 3.0;
  const auto r = haidian::decompose({a, b}, with(haidian::Method::shapley));
  BOOST_TEST(std::abs(r.effects(0, 0)) > 1e18);
  BOOST_TEST(std::abs(r.end_value(0)) + std::abs(r.start_value(0)) <= 1e6);  // 0 up to rounding
  BOOST_TEST(std::abs(r.closure(0)) <= haidian::closure_tolerance);
}

// Closure as a property: random panels over magnitudes 1e-300 .. 1e300 (products stay within the
// doubles: 2 factors of up to 1e150 each), a third of the values 0, every method and mode, chained
// and fixed base. Each run closes to closure_tolerance with finite effects, or raises domain_error
// for a reason the method states (a zero aggregate for LMDI-II and multiplicative forms).
BOOST_AUTO_TEST_CASE(closure_holds_across_magnitudes) {
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> exponent(-150.0, 150.0), unit(0.0, 1.0);
  int closed = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const int N = 1 + static_cast<int>(unit(rng) * 6);
    std::vector<Panel> x;
    for (int k = 0; k < 2; ++k) {
      Panel f(4, N);
      for (int t = 0; t < 4; ++t)
        for (int i = 0; i < N; ++i) f(t, i) = unit(rng) < 0.3 ? 0.0 : std::pow(10.0, exponent(rng));
      x.push_back(f);
    }
    for (const auto method : all_methods) {
      for (const auto mode : {haidian::Mode::additive, haidian::Mode::multiplicative}) {
        for (const bool chained : {true, false}) {
          auto options = with(method, mode);
          options.chained = chained;
          options.base = 1;
          try {
            const auto r = haidian::decompose(std::vector<haidian::PanelView>(x.begin(), x.end()), options);
            BOOST_TEST(r.effects.allFinite());
            BOOST_TEST(r.closure.abs().maxCoeff() <= haidian::closure_tolerance);
            ++closed;
          } catch (const haidian::domain_error& error) {
            const std::string what = error.what();
            // (Effects beyond the doubles: a multiplicative index, or LMDI-II dividing by a tiny weight sum.)
            const bool stated = what.find("needs it positive") != std::string::npos ||
                                what.find("beyond the range of a double") != std::string::npos ||
                                what.find("its reciprocal overflows a double") != std::string::npos ||
                                what.find("no sector has a positive share at both ends") != std::string::npos ||
                                what.find("gives an aggregate <= 0") != std::string::npos;
            BOOST_TEST(stated, what);
          }
        }
      }
    }
  }
  BOOST_TEST(closed > 1000);
}

BOOST_AUTO_TEST_SUITE_END()
