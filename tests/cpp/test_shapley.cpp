// Shapley/Sun: against the brute-force average over all factor orderings, Sun's two-factor formula,
// zeros and negative values, closure, the multiplicative (log) game, threads.
#include <boost/test/unit_test.hpp>

#include <haidian/decomposition.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace {

using haidian::Panel;

// Brute force, straight from the definition (Shapley 1953; Ang, Liu & Chew 2003, eq. 6): for every
// ordering of the factors, switch them from start to end values one by one and credit each factor
// with the change of the aggregate at its switch; average over all K! orderings.
std::vector<double> brute_force(const std::vector<Panel>& x, int t0, int t1, bool log_game) {
  const int K = static_cast<int>(x.size());
  int N = 1;
  for (const auto& f : x) N = std::max<int>(N, static_cast<int>(f.cols()));
  auto aggregate = [&](const std::vector<int>& at_end) {
    long double V = 0;
    for (int i = 0; i < N; ++i) {
      long double v = 1;
      for (int k = 0; k < K; ++k) v *= x[k](at_end[k] ? t1 : t0, x[k].cols() == 1 ? 0 : i);
      V += v;
    }
    return log_game ? std::log(V) : V;
  };
  std::vector<int> order(K);
  std::iota(order.begin(), order.end(), 0);
  std::vector<long double> sum(K, 0);
  long double count = 0;
  do {
    std::vector<int> at_end(K, 0);
    long double before = aggregate(at_end);
    for (const int k : order) {
      at_end[k] = 1;
      const long double after = aggregate(at_end);
      sum[k] += after - before;
      before = after;
    }
    count += 1;
  } while (std::next_permutation(order.begin(), order.end()));
  std::vector<double> phi(K);
  for (int k = 0; k < K; ++k) phi[k] = static_cast<double>(sum[k] / count);
  return phi;
}

std::vector<Panel> random_factors(std::mt19937_64& rng, int T, int N, int K, double low, double high) {
  std::uniform_real_distribution<double> u(low, high);
  std::vector<Panel> x;
  for (int k = 0; k < K; ++k) {
    Panel f(T, k == 0 ? 1 : N);
    for (int t = 0; t < T; ++t)
      for (int i = 0; i < f.cols(); ++i) f(t, i) = u(rng);
    x.push_back(f);
  }
  return x;
}

haidian::Decomposition run_shapley(const std::vector<Panel>& x, haidian::Mode mode, int threads = 1,
                               bool by_sector = false) {
  haidian::DecompositionOptions o;
  o.method = haidian::Method::shapley;
  o.mode = mode;
  o.threads = threads;
  o.by_sector = by_sector;
  return haidian::decompose({x.begin(), x.end()}, o);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shapley)

BOOST_AUTO_TEST_CASE(equals_the_average_over_all_orderings) {
  std::mt19937_64 rng(21);
  for (int K = 1; K <= 7; ++K) {
    const auto x = random_factors(rng, 3, 4, K, 0.1, 3.0);
    const auto r = run_shapley(x, haidian::Mode::additive);
    for (int s = 0; s < 2; ++s) {
      const auto expected = brute_force(x, s, s + 1, false);
      for (int k = 0; k < K; ++k) {
        BOOST_TEST(r.effects(s, k) == expected[k], boost::test_tools::tolerance(1e-12));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(ten_factors) {
  // At least 10 factors: 10! = 3.6 million orderings by brute force.
  std::mt19937_64 rng(22);
  const auto x = random_factors(rng, 2, 2, 10, 0.5, 1.5);
  const auto r = run_shapley(x, haidian::Mode::additive);
  const auto expected = brute_force(x, 0, 1, false);
  for (int k = 0; k < 10; ++k) BOOST_TEST(r.effects(0, k) == expected[k], boost::test_tools::tolerance(1e-11));
}

BOOST_AUTO_TEST_CASE(sun_two_factor_formula) {
  // Sun (1998), Energy Economics 20:85-100, "jointly created and equally distributed": for V = x*y,
  // dV_x = dx*y0 + dx*dy/2 and dV_y = x0*dy + dx*dy/2.
  Panel x(2, 1), y(2, 1);
  x << 4, 7;
  y << 10, 6;
  const auto r = run_shapley({x, y}, haidian::Mode::additive);
  BOOST_TEST(r.effects(0, 0) == 3 * 10 + 3 * -4 / 2.0);
  BOOST_TEST(r.effects(0, 1) == 4 * -4 + 3 * -4 / 2.0);
  BOOST_TEST(r.total(0) == 42 - 40);
}

BOOST_AUTO_TEST_CASE(zeros_and_negative_values_need_no_special_handling) {
  std::mt19937_64 rng(23);
  auto x = random_factors(rng, 4, 5, 4, -2.0, 2.0);
  x[1](2, 3) = 0.0;
  x[2](0, 0) = 0.0;
  const auto r = run_shapley(x, haidian::Mode::additive);
  for (int s = 0; s < 3; ++s) {
    const auto expected = brute_force(x, s, s + 1, false);
    for (int k = 0; k < 4; ++k) BOOST_TEST(r.effects(s, k) == expected[k], boost::test_tools::tolerance(1e-11));
    BOOST_TEST(r.effects.row(s).sum() == r.total(s), boost::test_tools::tolerance(1e-12));
  }
}

BOOST_AUTO_TEST_CASE(multiplicative_is_the_shapley_value_of_the_log_aggregate) {
  std::mt19937_64 rng(24);
  const auto x = random_factors(rng, 3, 6, 4, 0.2, 3.0);
  const auto r = run_shapley(x, haidian::Mode::multiplicative);
  for (int s = 0; s < 2; ++s) {
    const auto expected = brute_force(x, s, s + 1, true);
    for (int k = 0; k < 4; ++k) {
      BOOST_TEST(std::log(r.effects(s, k)) == expected[k], boost::test_tools::tolerance(1e-11));
    }
    BOOST_TEST(r.effects.row(s).prod() == r.total(s), boost::test_tools::tolerance(1e-13));
  }
}

BOOST_AUTO_TEST_CASE(multiplicative_single_product_gives_the_factor_ratios) {
  // Kaya-type identity, one region: C = P * (G/P) * (E/G) * (C/E), D_k = x_k^T / x_k^0.
  Panel p(2, 1), a(2, 1), e(2, 1), c(2, 1);
  p << 100, 105;
  a << 2, 2.4;
  e << 0.8, 0.7;
  c << 3, 2.9;
  const auto r = run_shapley({p, a, e, c}, haidian::Mode::multiplicative);
  BOOST_TEST(r.effects(0, 0) == 1.05, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.effects(0, 1) == 1.2, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.effects(0, 2) == 0.875, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.effects(0, 3) == 2.9 / 3, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(multiplicative_refuses_a_non_positive_mixed_aggregate) {
  Panel a(2, 1), b(2, 1);
  a << 1, -1;
  b << -1, 1;  // V = -1 at both ends, and +1 / -1... for the mixes
  haidian::DecompositionOptions o;
  o.method = haidian::Method::shapley;
  o.mode = haidian::Mode::multiplicative;
  BOOST_CHECK_THROW(haidian::decompose({a, b}, o), haidian::domain_error);
  o.by_sector = true;
  BOOST_CHECK_THROW(haidian::decompose({a, b}, o), haidian::invalid_argument);
}

BOOST_AUTO_TEST_CASE(by_sector_and_threads) {
  std::mt19937_64 rng(25);
  const auto x = random_factors(rng, 4, 1500, 3, 0.5, 2.0);
  const auto one = run_shapley(x, haidian::Mode::additive, 1, true);
  const auto two = run_shapley(x, haidian::Mode::additive, 2, true);
  BOOST_TEST((one.effects == two.effects).all());
  BOOST_TEST((one.by_sector == two.by_sector).all());
  for (int s = 0; s < 3; ++s)
    for (int k = 0; k < 3; ++k)
      BOOST_TEST(one.by_sector.row(s * 3 + k).sum() == one.effects(s, k), boost::test_tools::tolerance(1e-11));
}

BOOST_AUTO_TEST_CASE(zeros_small_is_refused) {
  Panel a(2, 1);
  a << 1, 2;
  haidian::DecompositionOptions o;
  o.method = haidian::Method::shapley;
  o.zeros = haidian::Zeros::small;
  BOOST_CHECK_THROW(haidian::decompose({a}, o), haidian::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
